"""A comparison (新旧対照表) through the one publishing path: its front matter
(title, the two inputs, provenance) and the site folder it goes to."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from .. import writers
from ..writers import FrontMatter, Page
from . import compare_refs
from .table import provenance_note

FORMATS = writers.document_formats()
CLI_FORMATS = writers.document_formats(terminal=True, revisions=True)
# The site offers the 見え消し editions beside each table's own files.
SITE_REVISIONS = writers.revision_formats(writers.document_formats(revisions=True))


def _named(source) -> str:
    """How a title names an input: a revision by its 和暦 and kind
    (「平成29年1月改訂」), never by its id; anything else by its own title."""
    rev = source.revision
    return f"{rev.adopted_wareki}{rev.kind}" if rev is not None else source.name


def page_title(comparison) -> str:
    old, new = comparison.old_source, comparison.new_source
    if old is None or new is None:
        return comparison.settings.title
    if _named(new) == _named(old):  # two versions of one document (two drafts, a law)
        return f"{comparison.settings.title}（{_named(new)}）"
    return f"{comparison.settings.title}（{_named(new)}・{_named(old)}）"


def front_matter(comparison, *, policy: dict, site_root: str = "",
                 basename: str = "comparison") -> FrontMatter:
    old, new = comparison.old_source, comparison.new_source
    subtitle = comparison.title
    if old is not None and new is not None:
        subtitle += f"　{new.description} と {old.description} の比較"
    epoch = max([s.commit_time for s in (new, old) if s is not None] or [0])
    notes = [n for n in (provenance_note(s) for s in (new, old)) if n]
    return FrontMatter(
        title=page_title(comparison), policy=policy, subtitle=subtitle, epoch=epoch,
        # Said in the table's own title block too; here for the files' metadata.
        provenance="　".join(notes) or None, basename=basename,
        page=Page(template="comparison.html", site_root=site_root))


def write_comparison(comparison, out_dir: Path, formats, *, policy: dict,
                     site_root: str = "", basename: str = "comparison",
                     pair: str = "", moves: bool = True) -> list[Path]:
    """Write the table into `out_dir`: index.html and `<basename>.docx|pdf`,
    and the 見え消し editions asked for (`redline-<pair>.docx`), linked from
    the table's page."""
    front = front_matter(comparison, policy=policy, site_root=site_root, basename=basename)
    marked = writers.revision_formats(formats)
    written: list[Path] = []
    if marked:
        from .redline import redline_doctree
        edition = edition_front(comparison, policy, pair or basename)
        written = writers.publish(redline_doctree(comparison, moves=moves, policy=policy), edition, marked,
                                  Path(out_dir))
        front = replace(front, downloads=tuple(
            (writers.WRITERS[f].link_text, p.name) for f, p in zip(marked, written)))
    table = [f for f in formats if f not in marked]
    if table:
        written = writers.publish(comparison.doctree(), front, table, Path(out_dir)) + written
    return written


def edition_front(comparison, policy: dict, pair: str) -> FrontMatter:
    """The 見え消し edition's front matter: the new revision's cover (a draft:
    a title block), its provenance, the old text named in the subtitle."""
    old, new = comparison.old_source, comparison.new_source
    epoch = max([s.commit_time for s in (new, old) if s is not None] or [0])
    revision = None
    if new is not None and new.revision is not None:
        revision = new.revision.context()
        revision["source_date_epoch"] = new.commit_time or epoch
    subtitle = f"見え消し：{old.description if old else ''}からの変更"
    notes = [n for n in (provenance_note(s) for s in (new, old)) if n]
    return FrontMatter(
        title=f"{comparison.title}（見え消し）", policy=policy, subtitle=subtitle,
        revision=revision, epoch=epoch, provenance="　".join(notes) or None,
        notice=subtitle, basename=pair)


def site_basename(old_rev: str, new_rev: str) -> str:
    """The file name of a site 新旧対照表's PDF and Word files."""
    return f"comparison-{old_rev}-{new_rev}"


def site_files(old_rev: str, new_rev: str, formats) -> list[tuple[str, str]]:
    """(link text, file name) of a site 新旧対照表's files in `formats`."""
    out = []
    for f in formats:
        w = writers.WRITERS[f]
        name = w.file_name(f"{old_rev}-{new_rev}" if w.revisions else site_basename(old_rev, new_rev))
        out.append((w.link_text, name))
    return out


def write_site_comparison(project, old_rev: str, new_rev: str, dest_dir: Path,
                          formats=(writers.PAGE_FORMAT,)) -> list[Path]:
    """The site's `diff/<OLD>-<NEW>/` folder (site_root is two levels up),
    with the 見え消し editions whenever the table has files."""
    comparison = compare_refs(project, old_rev, new_rev)
    policy = vars(project.policy())
    if writers.file_formats(formats):
        formats = [*formats, *SITE_REVISIONS]
    return write_comparison(comparison, Path(dest_dir), formats, policy=policy,
                            site_root="../../", basename=site_basename(old_rev, new_rev),
                            pair=f"{old_rev}-{new_rev}")
