"""Build the editions (版) of revisions into the publication site.

The builder decides (which revisions, which formats, where files go); the
writers in `writers/` only render. Every revision's text is taken from its
commit, built with Sphinx (the HTML edition), and assembled into one doctree
for the other formats.
"""
from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import shutil
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from . import writers
from .amend.publish import site_amendment, write_site_amendment
from .consultation.model import has_consultation
from .diff.publish import SITE_REVISIONS, site_files, write_site_comparison
from .digest import tools_digest
from .document import document_of
from .revisions import POLICY_FILE, REVISIONS_DIR, Project, Revision
from .downloads import fill_sizes
from .site import build_lock, replace_tree, staged, write_site_pages
from .sphinx_run import run_sphinx, sphinx_config
from .writers import Attachment, FrontMatter

FORMATS = writers.document_formats()
# The formats of an edition other than its web pages (Sphinx writes those).
FILE_FORMATS = writers.file_formats(FORMATS)
# The folders with a page for each consecutive pair of revisions, and what
# the page is (for a release MANIFEST's includes).
COMPARISON_DIR, AMENDMENT_DIR = "diff", "amend"
PAIR_FOLDERS = {COMPARISON_DIR: "comparison", AMENDMENT_DIR: "amendment"}


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def parse_formats(text: str) -> list[str]:
    return writers.parse_formats(text, FORMATS)


@dataclass
class Paths:
    """Where a project's outputs and caches live."""

    build: Path

    @property
    def site(self) -> Path:
        return self.build / "site"

    def cache(self, *parts: str) -> Path:
        return self.build.joinpath(".cache", *parts)


def edition_file(rev_id: str, fmt: str) -> str:
    """The file name of a revision's edition, e.g. `policy-H24.docx`."""
    return writers.WRITERS[fmt].file_name(f"policy-{rev_id}")


class EditionBuilder:
    """Builds chosen revisions in chosen formats into `build/site/`."""

    def __init__(self, project: Project, build_dir: Path | None = None):
        self.project = project
        self.paths = Paths(Path(build_dir or project.root / "build"))

    def build(self, rev_ids: list[str] | None, formats: list[str]) -> Path:
        project = self.project
        policy = project.policy()
        revisions = project.revisions()
        current = project.current()
        targets = revisions if rev_ids is None else [project.revision(r) for r in rev_ids]
        with build_lock(self.paths.build):
            keys = {rev.id: self._build_key(rev, current, formats) for rev in targets}
            todo = [rev for rev in targets if not self._up_to_date(rev, keys[rev.id], formats)]
            for rev in targets:
                if rev not in todo:
                    progress(f"{rev.id}: 変更がないため前回の出力を使います")
            with staged(self.paths.site) as stage:
                self._build_revisions(todo, revisions, formats, stage, policy, current)
                write_site_pages(
                    stage, policy=vars(policy),
                    revisions=[self._context(r, current, stage) for r in revisions],
                    current=self._context(current, current, stage),
                    comparisons=self._comparisons(revisions, stage))
                fill_sizes(stage)
            # Only now that the new site is in place may a revision count as built.
            for rev in todo:
                key_file = self.paths.cache("keys", rev.id)
                key_file.parent.mkdir(parents=True, exist_ok=True)
                key_file.write_text(json.dumps({"key": keys[rev.id], "formats": formats}))
        site = self.paths.site
        shown = site.relative_to(project.root) if site.is_relative_to(project.root) else site
        progress(f"完了: {shown}/index.html")
        return site

    def _build_revisions(self, todo: list[Revision], revisions: list[Revision],
                         formats: list[str], stage: Path, policy, current: Revision) -> None:
        """Build the revisions and the 新旧対照表 of each revision against the one
        before it (`diff/<OLD>-<NEW>/`, renewed when either side was rebuilt).
        They are independent: one after another, or on both cores when the slow
        formats (docx, pdf) make a second process worth its start-up time."""
        jobs = []  # (message, function, arguments): module-level, for worker processes
        for number, rev in enumerate(todo, 1):
            jobs.append((f"[{number}/{len(todo)}] {rev.id}（{rev.adopted_wareki}{rev.kind}）: "
                         f"{'・'.join(formats)} を作成しています",
                         _build_in_worker, (self.project.root, self.paths.build, rev.id,
                                            formats, stage)))
        for old, new in zip(revisions, revisions[1:]):
            folder = stage / COMPARISON_DIR / f"{old.id}-{new.id}"
            if folder.exists() and old not in todo and new not in todo:
                continue
            shutil.rmtree(folder, ignore_errors=True)  # its files are links to the live site
            jobs.append((f"新旧対照表 {old.id} → {new.id} を作成しています",
                         _compare_in_worker, (self.project.root, old.id, new.id, folder, formats)))
            folder = stage / AMENDMENT_DIR / f"{old.id}-{new.id}"
            if folder.exists() and old not in todo and new not in todo:
                continue
            shutil.rmtree(folder, ignore_errors=True)
            jobs.append((f"改め文 {old.id} → {new.id} を作成しています",
                         write_site_amendment, (self.project.root, old.id, new.id, folder, formats)))
        workers = min(len(jobs), build_workers())
        if workers < 2 or not writers.file_formats(formats):
            for message, function, args in jobs:
                progress(message)
                function(*args)
            return
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
            futures = []
            for message, function, args in jobs:
                progress(message)
                futures.append(pool.submit(function, *args))
            for future in futures:
                future.result()

    def _build_key(self, rev: Revision, current: Revision, formats: list[str]) -> str:
        """What a revision's outputs depend on: its commit and metadata, the
        work's metadata, the tools and templates, and whether it is current."""
        digest = hashlib.sha256()
        for part in (rev.commit, str(rev.id == current.id), tools_digest(),
                     (self.project.root / rev.file).read_bytes().hex(),
                     (self.project.root / "revisions" / "policy.toml").read_bytes().hex()):
            digest.update(part.encode() + b"\0")
        # The comparison settings (the 新旧対照表 is rebuilt with its revisions).
        settings = self.project.root / "revisions" / "comparison.toml"
        if settings.exists():
            digest.update(settings.read_bytes())
        # The consultation records and category sets (revisions/<ID>/, revisions/consultation/).
        for folder in (self.project.root / "revisions" / rev.id,
                       self.project.root / "revisions" / "consultation"):
            for path in sorted(folder.rglob("*")) if folder.is_dir() else ():
                if path.is_file():
                    digest.update(path.relative_to(self.project.root).as_posix().encode())
                    digest.update(path.read_bytes())
        return digest.hexdigest()

    def _up_to_date(self, rev: Revision, key: str, formats: list[str]) -> bool:
        key_file = self.paths.cache("keys", rev.id)
        if not (key_file.exists() and (self.paths.site / rev.id / "index.html").exists()):
            return False
        try:
            recorded = json.loads(key_file.read_text())
        except ValueError:
            return False
        return recorded.get("key") == key and set(formats) <= set(recorded.get("formats", []))

    def preview(self) -> Path:
        """The working tree's `source/` as a web edition in `build/preview/`,
        for editors checking their changes before they commit. It is marked as
        work in progress on every page and is never part of `build/site/`.
        Sphinx reads only the chapters edited since the last preview."""
        project = self.project
        policy = project.policy()
        context = project.current().context()
        context.update(
            id="作業中", kind="作業中の原稿", status="draft", adopted="", adopted_wareki="",
            is_current=False, comments=False, editions=[], source_date_epoch=0,
            provenance={"text": "draft", "source": "作業中の原稿（source/）",
                        "note": "これは作業中の原稿（source/ の現在の内容）の確認用の表示です。"
                                "決定した版ではなく、公開用ではありません。"})
        config = sphinx_config(policy=vars(policy), revision=context, editions=[])
        config["policy_site_root"] = "../site/"
        # Every page shows its 公用文 findings in place (build_tools/lint/sphinx_findings.py).
        config["extensions"] = [*config["extensions"], "build_tools.lint.sphinx_findings"]
        config["policy_lint_root"] = str(project.root)
        out = self.paths.build / "preview"
        progress("作業中の原稿（source/）を build/preview/ に作成しています")
        with build_lock(self.paths.build):
            app = run_sphinx(project.root / "source", out, self.paths.cache("doctrees", "preview"),
                             config=config, origin="作業中の原稿です。")
            # The findings extension kept the Document and the findings of this read.
            self._preview_comparison(app.policy_document, out / "diff")
        (out / ".buildinfo").unlink(missing_ok=True)
        from .lint import Result
        from .lint.report import summary
        progress(summary([Result("source", app.policy_findings)]))
        progress(f"新旧対照表（作業中の原稿と現行の版）: {out}/diff/index.html")
        progress(f"完了: {out}/index.html")
        return out

    def _preview_comparison(self, document, folder: Path) -> None:
        """The 新旧対照表 of the working tree (案) against the current revision."""
        from .diff import compare
        from .diff.publish import write_comparison
        from .read import read
        current = read(self.project, self.project.current().id)
        shutil.rmtree(folder, ignore_errors=True)
        write_comparison(compare(current, document), folder, [writers.PAGE_FORMAT],
                         policy=vars(self.project.policy()), site_root="../../site/")

    # one revision

    def _build_revision(self, rev: Revision, formats: list[str], stage: Path,
                        policy, current: Revision) -> None:
        src = self.project.export_source(rev.commit, self.paths.cache("src", rev.id), revision=rev)
        out = stage / rev.id
        # Formats not rebuilt now keep their earlier files (partial builds).
        kept = {}
        for fmt in FILE_FORMATS:
            old = out / edition_file(rev.id, fmt)
            if fmt not in formats and old.exists():
                kept[fmt] = stage / f".keep-{old.name}"
                os.replace(old, kept[fmt])
        links = [f for f in FILE_FORMATS if f in formats or f in kept]
        context = self._context(rev, current, stage, links=links)
        config = sphinx_config(policy=vars(policy), revision=context,
                               editions=context["editions"])
        config["policy_tools_digest"] = tools_digest()
        html_out = self.paths.cache("pages", rev.id)
        app = run_sphinx(src, html_out, self.paths.cache("doctrees", rev.id), config=config,
                         origin=f"この本文は版 {rev.id} のコミット {rev.commit[:7]} のものです。")
        replace_tree(html_out, out)
        (out / ".buildinfo").unlink(missing_ok=True)
        for fmt, path in kept.items():
            os.replace(path, out / path.name.removeprefix(".keep-"))
        other = writers.file_formats(formats)
        if context["comments"]:
            from .consultation.publish import write_site_comments
            # In the edition's formats (kept ones too, like its links), and as data.
            wanted = [f for f in writers.document_formats(data=True)
                      if f in (writers.PAGE_FORMAT, *links) or writers.WRITERS[f].data_only]
            write_site_comments(self.project, rev, out / "comments", wanted,
                                cache_dir=self.paths.cache("consultation"))
        if other:
            document = document_of(app)
            writers.publish(document.doctree, self.front_matter(rev, context, src), other, out)

    def front_matter(self, rev: Revision, context: dict, src: Path) -> FrontMatter:
        """An edition's cover and record: its title, provenance, and the
        sources attached to its PDF (the revision's source/ and metadata)."""
        policy = vars(self.project.policy())
        label = f"{rev.adopted_wareki}{rev.kind}"
        title = f"{policy['title']}（{label}）" + ("（案）" if rev.is_draft else "")
        prov = rev.provenance
        return FrontMatter(
            title=title, policy=policy, subtitle=rev.summary or "", revision=context,
            epoch=context["source_date_epoch"], base_dir=src,
            provenance=prov.get("note") if prov.get("text") != "published" else None,
            attachments=tuple(self._attachments(rev, src)), basename=f"policy-{rev.id}")

    def _attachments(self, rev: Revision, src: Path):
        for file in sorted(p for p in src.rglob("*") if p.is_file()):
            yield Attachment(f"source/{file.relative_to(src).as_posix()}", file.read_bytes(),
                             f"改訂版 {rev.id} の原稿（コミット {rev.commit[:7]}）", "Source")
        for rel, description in (
                (rev.file, f"改訂版 {rev.id} のメタデータ"),
                (f"{REVISIONS_DIR}/{POLICY_FILE}", "政策（題名・所管・問い合わせ先）のメタデータ")):
            yield Attachment(rel, (self.project.root / rel).read_bytes(), description, "Data")

    def _context(self, rev: Revision, current: Revision, stage: Path,
                 links: list[str] | None = None) -> dict:
        context = rev.context()
        context["is_current"] = rev.id == current.id
        context["comments"] = has_consultation(self.project, rev.id)
        # Reproducible outputs take their timestamps from the text's commit.
        context["source_date_epoch"] = self.project.commit_of(
            rev.commit, revision=rev).committed_date
        if links is None:
            links = [f for f in FILE_FORMATS
                     if (stage / rev.id / edition_file(rev.id, f)).exists()]
        context["editions"] = [(writers.WRITERS[f].link_text, edition_file(rev.id, f))
                               for f in links]
        return context

    def _comparisons(self, revisions: list[Revision], stage: Path) -> list[dict]:
        """The 新旧対照表 pages already in the site, for the 改訂履歴."""
        found = []
        for old, new in zip(revisions, revisions[1:]):
            folder = f"{COMPARISON_DIR}/{old.id}-{new.id}"
            if (stage / folder / "index.html").exists():
                names = site_files(old.id, new.id, [*FILE_FORMATS, *SITE_REVISIONS])
                found.append({"old": old.id, "new": new.id, "path": f"{folder}/index.html",
                              "old_label": f"{old.adopted_wareki}{old.kind}版",
                              "files": [(text, f"{folder}/{name}") for text, name in names
                                        if (stage / folder / name).exists()],
                              "amendment": site_amendment(stage, f"{AMENDMENT_DIR}/{old.id}-{new.id}",
                                                          old.id, new.id)})
        return found


def build_workers() -> int:
    """Processes a build may use: the cores, or POLICY_BUILD_WORKERS (a test
    run that is itself parallel sets 1, so that two builds do not each start
    a pool on the same two cores)."""
    wanted = os.environ.get("POLICY_BUILD_WORKERS", "")
    return int(wanted) if wanted.isdigit() and int(wanted) > 0 else (os.cpu_count() or 1)


def _build_in_worker(root: Path, build_dir: Path, rev_id: str, formats: list[str],
                     stage: Path) -> None:
    """One revision in a worker process (everything it needs is re-read)."""
    project = Project(root)
    builder = EditionBuilder(project, build_dir)
    builder._build_revision(project.revision(rev_id), formats, stage, project.policy(),
                            project.current())


def _compare_in_worker(root: Path, old_id: str, new_id: str, folder: Path,
                       formats: list[str]) -> None:
    write_site_comparison(Project(root), old_id, new_id, folder, formats)
