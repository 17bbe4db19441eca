"""`policy release ID`: may the working tree give an official release, and
building it into `build/archive/<ID>/` (staged, swapped in only when
everything succeeded)."""
from __future__ import annotations

import contextlib
import shutil
import sys
import tempfile
from pathlib import Path

from ..consultation.model import has_consultation
from ..errors import PolicyError
from ..revisions import POLICY_FILE, REVISIONS_DIR, SOURCE_DIR, Project, Revision
from .fonts import fonts_used
from .links import dangling_links, fix_links, site_url_of
from .manifest import MANIFEST_FORMAT, tool_versions, write_manifest

ARCHIVE_DIR = "archive"
# Inputs besides the revision's text that shape the outputs: an official
# release must have them committed, so the MANIFEST's commit reproduces it.
TRACKED_INPUTS = ("revisions", "templates", "build_tools", "pyproject.toml")


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def archive_dir(project: Project, rev_id: str, *, draft: bool = False,
                build_dir: Path | None = None) -> Path:
    """`build/archive/<ID>/`; a draft goes beside it, never over the official one."""
    build = Path(build_dir or project.root / "build")
    return build / ARCHIVE_DIR / (f"{rev_id}.draft" if draft else rev_id)


def _more(items: list[str]) -> str:
    return ", ".join(items[:10]) + (f" ほか {len(items) - 10} 件" if len(items) > 10 else "")


def release_blockers(project: Project, rev: Revision) -> list[str]:
    """Why the working tree cannot give an official release of `rev` (empty: it can)."""
    repo = project.repo
    problems = []
    newest = project.revisions()[-1]
    if rev.id == newest.id:
        # The newest revision's text is what source/ is being edited into:
        # edits not yet in its commit would silently be left out.
        changed = set(project.source_differs(rev.commit))
        changed.update(p for p in repo.untracked_files if p.startswith(SOURCE_DIR + "/"))
        if changed:
            problems.append(f"source/ に改訂版 {rev.id} のコミット {rev.commit[:7]} と"
                            f"異なるファイルがあります: {_more(sorted(changed))}")
    status = repo.git.status("--porcelain", "--untracked-files=all", "--", *TRACKED_INPUTS)
    dirty = [line[3:] for line in status.splitlines() if line.strip()]
    if dirty:
        problems.append(f"コミットされていない変更があります: {_more(dirty)}")
    if repo.head.is_detached and not repo.git.for_each_ref(
            "--contains", "HEAD", "refs/heads", "refs/remotes").strip():
        problems.append(f"HEAD（{repo.head.commit.hexsha[:7]}）がどのブランチにも含まれていません"
                        "（detached HEAD で作ったコミット）")
    return problems


class _WithoutTempPaths:
    """stderr without the builder's lines naming our temporary folder."""

    def __init__(self, stream, folder: str):
        self.stream, self.folder = stream, folder

    def write(self, text: str) -> int:
        if self.folder not in text:
            self.stream.write(text)
        return len(text)

    def flush(self) -> None:
        self.stream.flush()


def build_release(project: Project, rev: Revision, dest: Path, formats: list[str]) -> list[str]:
    """Write the release of `rev` into the empty folder `dest`, laid out like
    the site, its links fixed (see links.py); return what it includes."""
    from ..editions import PAIR_FOLDERS, EditionBuilder

    site_url = site_url_of(project.policy().site_url, f"{REVISIONS_DIR}/{POLICY_FILE}")
    included = [f"editions: {', '.join(formats)}"]
    with tempfile.TemporaryDirectory(prefix="policy-release-") as tmp, \
            contextlib.redirect_stderr(_WithoutTempPaths(sys.stderr, tmp)):
        site = EditionBuilder(project, Path(tmp) / "build").build([rev.id], formats)
        for item in site.iterdir():
            shutil.move(str(item), dest / item.name)
    revisions = project.revisions()
    index = [r.id for r in revisions].index(rev.id)
    wanted = f"{revisions[index - 1].id}-{rev.id}" if index > 0 else None
    # The site build writes every pair's 新旧対照表 and 改め文 and the revision's
    # comment results; the archive keeps the table and the amending text that
    # made this revision from the one before (none for the first revision).
    for kind, name in PAIR_FOLDERS.items():
        for folder in sorted((dest / kind).glob("*")):
            if folder.name != wanted:
                shutil.rmtree(folder)
        if (dest / kind).is_dir() and not any((dest / kind).iterdir()):
            (dest / kind).rmdir()
        if wanted:
            if not (dest / kind / wanted / "index.html").is_file():
                raise PolicyError(f"{kind}/{wanted}/index.html が作られていません",
                                  hint="サイトのビルドが各改訂版の組の新旧対照表と改め文を作ります")
            included.append(f"{name}: {wanted}")
    if has_consultation(project, rev.id):
        included.append(f"comments: {rev.id}")
    changed = fix_links(dest, site_url)
    if changed:
        progress(f"アーカイブにないページへのリンク {changed} 件を"
                 + (f"公開サイト {site_url} へのリンクにしました" if site_url else
                    "リンクのない文字にしました（revisions/policy.toml に site_url がありません）"))
    dangling = dangling_links(dest)
    if dangling:
        raise PolicyError("アーカイブに、収めていないファイルへのリンクがあります: " + _more(dangling),
                          hint="build_tools/archive/links.py の規則で直せないリンクです")
    return included


def release(project: Project, rev_id: str, *, draft: bool = False,
            build_dir: Path | None = None) -> Path:
    from ..editions import FORMATS
    from ..site import build_lock, staged

    rev = project.revision(rev_id)
    blockers = release_blockers(project, rev)
    if blockers and not draft:
        raise PolicyError(
            f"改訂版 {rev.id} を公開版として確定できません:\n  - " + "\n  - ".join(blockers),
            file=rev.file,
            hint="変更をコミットし、本文を変えたときは revisions/ の commit を新しいコミットに"
                 "直してから実行してください。試しに作るだけなら --draft を付けてください"
                 "（build/archive/<ID>.draft/ に作ります）")
    target = archive_dir(project, rev.id, draft=draft, build_dir=build_dir)
    formats = list(FORMATS)
    with build_lock(target.parent.parent), staged(target, keep_existing=False) as stage:
        included = build_release(project, rev, stage, formats)
        meta = {
            "release": {
                "format": MANIFEST_FORMAT,
                "policy": project.policy().title,
                "revision": rev.id,
                "label": f"{rev.adopted_wareki}{rev.kind}",
                "draft": draft,
                "text_commit": project.commit_of(rev.commit, revision=rev).hexsha,
                "repo_commit": project.repo.head.commit.hexsha,
                "source_date_epoch": project.commit_of(rev.commit).committed_date,
                "formats": formats,
                "includes": included,
                "not_reproducible": blockers if draft else [],
            },
            "tools": tool_versions(),
            "fonts": fonts_used(stage),
        }
        write_manifest(stage, meta)
    return target
