"""Publish a revision's public-comment result into the site:
`<ID>/comments/index.html` and `comments-<ID>.csv|docx|pdf`, through the one
publishing path.

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
from ..writers import FrontMatter, Page
from . import document, privacy
from .check import check
from .model import Consultation
from .records import load

FORMATS = writers.document_formats(data=True)
PAGE_TITLE = "パブリックコメント実施結果"


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
                          hint="記録を直してください。個人情報は --mask で伏せ字にできます。"
                          "人名と思われる語（要確認）が個人情報でなければ、consultation.toml の "
                          "[[not_personal]] に番号・語・理由を書いてください"
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
    formats = writers.parse_formats(",".join(formats), FORMATS)
    context = c.revision.context()
    context["is_current"] = c.revision.id == project.current().id
    running_title, running_notice = document.running(c, policy)
    front = FrontMatter(
        title=title, policy=vars(policy), subtitle=subtitle, epoch=records_epoch(project, c),
        notice=c.sample_notice, provenance=c.sample_notice, basename=f"comments-{rev_id}",
        running_title=running_title, running_notice=running_notice,
        page=Page(template="comments.html", site_root=site_root,
                  breadcrumb_here=PAGE_TITLE, revision=context))
    sections = report.sections
    # Files have no site around them to link into: their links are plain text.
    files = writers.file_formats(formats)
    plain = document.build(c, sections, policy=policy, links=document.Links(edition=None),
                           change_rows=report.change_rows)
    written = writers.publish(plain, front, files, dest_dir)
    if writers.PAGE_FORMAT in formats:
        page = comparison_page(project, c)
        linked = document.build(
            c, sections, policy=policy, change_rows=report.change_rows,
            links=document.Links(edition="../", comparison=page and f"{site_root}{page}"))
        written += writers.publish(linked, front, [writers.PAGE_FORMAT], dest_dir, linked=files)
    return written
