"""Official release (公開版の確定) and archive of a revision, and its verification.

`policy release ID` builds every edition of one revision, its 新旧対照表
and 改め文 against the previous revision (none for the first) and its
public-comment results into
`build/archive/<ID>/`, with a MANIFEST: SHA-256 and size of every file, the
commits it was made from, the tool versions and the font files. The archive
is written into a staging folder and swapped in only when everything
succeeded.

The archive stands alone: every link in it resolves to a file it holds, or
is an absolute URL. Links to pages of the site that the archive does not hold
(the other revisions, linked from the copied index.html and history.html)
point at the published site when revisions/policy.toml has `site_url`, and
otherwise become plain text with a note; a page's missing stylesheet, image
or script, or any link still dangling in a .html, .docx or .pdf afterwards,
stops the release (links.py). Likewise every font the MANIFEST lists has its
file and SHA-256, or the release stops (fonts.py).

`policy verify ID [DIR]` checks the archived files against the MANIFEST, then
rebuilds the release from git in a temporary clone and compares again, so an
archivist can show years later that a file is exactly what the repository
produces.

Modules: release.py (may we release, building), manifest.py (MANIFEST and
SHA256SUMS), fonts.py, links.py, verify.py; this file registers the commands.
"""
from __future__ import annotations

import sys
from pathlib import Path

from ..revisions import Project
from .manifest import MANIFEST, SHA256SUMS, read_manifest
from .release import archive_dir, release, release_blockers
from .verify import verify

__all__ = ["MANIFEST", "SHA256SUMS", "archive_dir", "read_manifest", "register", "release",
           "release_blockers", "verify"]


def cmd_release(args) -> int:
    project = Project.find(args.repo)
    target = release(project, args.id, draft=args.draft, build_dir=args.build_dir)
    manifest = read_manifest(target)
    shown = target.relative_to(project.root) if target.is_relative_to(project.root) else target
    kind = "下書き（--draft）" if args.draft else "公開版"
    print(f"{kind}のアーカイブを作成しました: {shown}/（{len(manifest['files'])} ファイル、"
          f"目録 {shown}/{MANIFEST}）")
    return 0


def cmd_verify(args) -> int:
    project = Project.find(args.repo)
    folder = args.dir or archive_dir(project, args.id, build_dir=args.build_dir)
    problems = verify(project, args.id, folder)
    if problems:
        print(f"検証に失敗しました: {folder} に MANIFEST と一致しないファイルが "
              f"{len(problems)} 件あります", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    print(f"検証に成功しました: {folder} の全ファイルが MANIFEST 及び git から作り直した結果と一致します")
    return 0


def register(subparsers) -> None:
    import argparse

    p = subparsers.add_parser("release", help="改訂版を公開版として build/archive/<ID>/ に確定します"
                                              "（全形式・新旧対照表・改め文・パブコメ結果・MANIFEST）")
    p.add_argument("id", metavar="ID", help="改訂版（H24 など）")
    p.add_argument("--draft", action="store_true",
                   help="未コミットの変更があっても試しに作ります（build/archive/<ID>.draft/）")
    p.add_argument("--build-dir", type=Path, default=None, help=argparse.SUPPRESS)
    p.set_defaults(func=cmd_release)

    p = subparsers.add_parser("verify", help="アーカイブを MANIFEST 及び git から作り直した結果と照合します")
    p.add_argument("id", metavar="ID", help="改訂版（H24 など）")
    p.add_argument("dir", metavar="DIR", nargs="?", type=Path, default=None,
                   help="アーカイブのフォルダ（既定: build/archive/<ID>/）")
    p.add_argument("--build-dir", type=Path, default=None, help=argparse.SUPPRESS)
    p.set_defaults(func=cmd_verify)
