"""Publish a revision's public-comment result into the site:
`<ID>/comments/index.html`, `comments-<ID>.csv` and, when their writers are
registered, `comments-<ID>.docx` / `.pdf`.

The builder decides here (records, check, links, paths); the writers only
render the doctree of `document.build`.
"""
from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

from .. import writers
from ..errors import PolicyError
from ..revisions import REVISIONS_DIR, Project, Revision
from ..site import fresh
from . import document, privacy, table_csv
from .check import check
from .model import Consultation
from .records import load

FORMATS = ("html", "csv", "docx", "pdf")
PAGE_TITLE = "パブリックコメント実施結果"
CSV_LABEL = "CSV（.csv）"


def file_name(rev_id: str, fmt: str) -> str:
    return "index.html" if fmt == "html" else f"comments-{rev_id}.{fmt}"


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def records_epoch(project: Project, c: Consultation) -> int:
    """Timestamp for reproducible outputs: the last commit of the records
    (or of the revision's text when the records are not committed yet)."""
    paths = [f"{REVISIONS_DIR}/{c.revision.id}", c.categories.file]
    last = next(project.repo.iter_commits(paths=paths, max_count=1), None)
    if last is not None:
        return last.committed_date
    return project.commit_of(c.revision.commit, revision=c.revision).committed_date


def comparison_page(project: Project, c: Consultation) -> str | None:
    """The site page of the 新旧対照表 案→決定版, relative to the site root."""
    if c.draft_comparison:
        return c.draft_comparison
    if not c.draft_ref:
        return None
    revisions = project.revisions()
    for old in revisions:
        if old.commit.startswith(c.draft_ref) or c.draft_ref.startswith(old.commit):
            return f"diff/{old.id}-{c.revision.id}/index.html"
    return None


def prepare(project: Project, rev_id: str, *, mask: bool = False, cache_dir=None):
    """Load and check the records; refuse on any error. Returns
    (consultation, check report) with personal data masked if asked."""
    c = load(project, rev_id)
    report = check(project, c, cache_dir=cache_dir, personal_data=not mask)
    if report.errors:
        shown = "\n  ".join(report.errors[:40])
        more = f"\n  …ほか {len(report.errors) - 40} 件" if len(report.errors) > 40 else ""
        raise PolicyError(f"パブリックコメントの記録に誤りがあるため公表用の出力を作りません"
                          f"（{len(report.errors)} 件）:\n  {shown}{more}", file=c.file,
                          hint="記録を直してください。個人情報は --mask で伏せ字にできます"
                          "（`policy comments " + rev_id + " --check` で一覧を確認できます）")
    if mask:
        c = replace(c, opinions=[privacy.masked(op) for op in c.opinions])
    return c, report


def write_site_comments(project: Project, rev: Revision | str, dest_dir: Path,
                        formats=FORMATS, *, mask: bool = False, cache_dir=None,
                        site_root: str = "../../") -> list[Path]:
    """Write the result of `rev`'s public comment into `dest_dir` (normally
    `<site>/<ID>/comments/`). Returns the files written."""
    rev_id = rev if isinstance(rev, str) else rev.id
    c, report = prepare(project, rev_id, mask=mask, cache_dir=cache_dir)
    for notice in report.notices:
        say(f"注意: {notice}")
    policy = project.policy()
    title, subtitle = document.titles(c, policy)
    available = writers.parse_formats(",".join(formats), FORMATS)
    dest_dir = Path(dest_dir)
    dest_dir.mkdir(parents=True, exist_ok=True)
    sections = report.sections
    written: list[Path] = []
    attachments = []
    if "csv" in available:
        written.append(table_csv.write(c, sections, fresh(dest_dir / file_name(rev_id, "csv"))))
        attachments.append(written[-1])  # the PDF (PDF/A-3) carries its table as data
    epoch = records_epoch(project, c)
    meta = {"title": title, "subtitle": subtitle, "source_date_epoch": epoch,
            "sample_notice": c.sample_notice, "landscape": False, "attachments": attachments}
    plain = document.build(c, sections, policy=policy, links=document.Links(edition=None),
                           change_rows=report.change_rows)
    for fmt in ("docx", "pdf"):
        if fmt in available:
            target = fresh(dest_dir / file_name(rev_id, fmt))
            writers.EDITION_WRITERS[fmt].write(plain.deepcopy(), target, policy=vars(policy),
                                               revision=None, meta=dict(meta))
            written.append(target)
    if "html" in available:
        from ..writers.html import write_page
        page = comparison_page(project, c)
        doctree = document.build(
            c, sections, policy=policy, change_rows=report.change_rows,
            links=document.Links(edition="../", comparison=page and f"{site_root}{page}"))
        downloads = [(_label(f), file_name(rev_id, f)) for f in ("pdf", "docx", "csv")
                     if f in available]
        context = rev.context() if not isinstance(rev, str) else c.revision.context()
        context["is_current"] = c.revision.id == project.current().id
        target = fresh(dest_dir / file_name(rev_id, "html"))
        write_page(doctree, target, policy=vars(policy), title=title, site_root=site_root,
                   template="comments.html", revision=context, breadcrumb_here=PAGE_TITLE,
                   subtitle=subtitle, sample_notice=c.sample_notice, downloads=downloads)
        written.append(target)
    return written


def _label(fmt: str) -> str:
    return CSV_LABEL if fmt == "csv" else writers.EDITION_WRITERS[fmt].label
