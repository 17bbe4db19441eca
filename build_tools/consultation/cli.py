"""`policy comments …`:

    policy comments ID [--format html,csv,docx,pdf] [--mask] [-o DIR]
        build the result into build/site/<ID>/comments/ (or DIR)
    policy comments ID --check
        check the records against the revision's text; exit 1 on any problem
    policy comments import FILE --revision ID [--mapping map.toml] [--mask] [--dry-run]
        import staff's .xlsx / .csv into revisions/<ID>/opinions.csv
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import PolicyError


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "comments", help="パブリックコメント実施結果の作成・確認・取り込み",
        description=__doc__.split("\n", 1)[1], formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("target", metavar="ID|import", help="改訂版（H24 など）又は import")
    p.add_argument("file", nargs="?", type=Path, help="import のとき: 取り込むファイル（.xlsx / .csv）")
    p.add_argument("--revision", "-r", metavar="ID", help="import のとき: 取り込み先の改訂版")
    p.add_argument("--mapping", type=Path, help="import のとき: 列の対応表（TOML）")
    p.add_argument("--dry-run", action="store_true", help="import のとき: 確認だけして書き込まない")
    p.add_argument("--check", action="store_true", help="記録を本文・新旧対照表と照合するだけ")
    p.add_argument("--mask", action="store_true",
                   help="意見の中の個人情報（電話番号・メールアドレス・郵便番号・住所・人名と思われる語）を伏せ字にする")
    p.add_argument("--format", "-f", default="html,csv,docx,pdf",
                   help="作成する形式（カンマ区切り。既定: html,csv,docx,pdf）")
    p.add_argument("--output", "-o", type=Path, help="出力先のフォルダ（既定: build/site/<ID>/comments/）")
    p.add_argument("--build-dir", type=Path, default=None, help=argparse.SUPPRESS)
    p.set_defaults(func=run)


def run(args) -> int:
    from ..revisions import Project
    project = Project.find(args.repo)
    if args.target == "import":
        return _import(project, args)
    if args.file or args.revision or args.mapping or args.dry_run:
        raise PolicyError("ファイル・--revision・--mapping・--dry-run は import のときだけ使えます",
                          hint=f"`policy comments import ファイル --revision {args.target}`")
    if args.check:
        return _check(project, args.target, _build_dir(project, args))
    return _publish(project, args)


def _import(project, args) -> int:
    from .importer import default_mapping, import_file, read_mapping, report
    if not args.file or not args.revision:
        raise PolicyError("取り込むファイルと --revision が必要です",
                          hint="`policy comments import 意見.xlsx --revision H24`")
    mapping = read_mapping(args.mapping) if args.mapping else default_mapping()
    result = import_file(project, args.file, args.revision, mapping=mapping, mask=args.mask,
                         dry_run=args.dry_run)
    print(report(result, project))
    return 0


def _build_dir(project, args) -> Path:
    return Path(args.build_dir or project.root / "build")


def _check(project, rev_id: str, build: Path) -> int:
    from .check import check
    from .records import load
    consultation = load(project, rev_id)
    result = check(project, consultation, cache_dir=build / ".cache" / "comments")
    for notice in result.notices:
        print(f"注意: {notice}")
    if result.errors:
        print(f"エラー: パブリックコメントの記録に {len(result.errors)} 件の問題があります:",
              file=sys.stderr)
        for error in result.errors:
            print(f"  {error}", file=sys.stderr)
        return 1
    print(f"{rev_id}: 意見 {len(consultation.opinions)} 件の記録に問題はありません")
    return 0


def _publish(project, args) -> int:
    from ..site import build_lock, staged
    from ..writers import parse_formats
    from .publish import FORMATS, write_site_comments
    formats = parse_formats(args.format, FORMATS)
    rev = project.revision(args.target)
    build = _build_dir(project, args)
    cache = build / ".cache" / "comments"
    if args.output:
        written = write_site_comments(project, rev, args.output, formats, mask=args.mask,
                                      cache_dir=cache)
        shown = args.output
    else:
        site = build / "site"
        with build_lock(build), staged(site) as stage:
            written = write_site_comments(project, rev, stage / rev.id / "comments", formats,
                                          mask=args.mask, cache_dir=cache)
        shown = site / rev.id / "comments"
        if shown.is_relative_to(project.root):
            shown = shown.relative_to(project.root)
        if not (site / rev.id / "index.html").exists():
            print(f"注意: 版 {rev.id} の HTML がまだありません。該当箇所へのリンクは "
                  f"`policy build -r {rev.id}` の後に有効になります", file=sys.stderr)
    print(f"作成しました: {shown}/")
    for path in written:
        print(f"  {Path(path).name}")
    return 0
