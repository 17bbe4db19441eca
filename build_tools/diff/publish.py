"""A comparison (新旧対照表) through the one publishing path: its front matter
(title, the two inputs, provenance) and the site folder it goes to."""
from __future__ import annotations

from pathlib import Path

from .. import writers
from ..writers import FrontMatter, Page
from . import compare_refs
from .table import provenance_note

FORMATS = writers.document_formats()
CLI_FORMATS = writers.document_formats(terminal=True)


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
                     site_root: str = "", basename: str = "comparison") -> list[Path]:
    """Write the table into `out_dir`: index.html and `<basename>.docx|pdf`."""
    front = front_matter(comparison, policy=policy, site_root=site_root, basename=basename)
    return writers.publish(comparison.doctree(), front, formats, Path(out_dir))


def site_basename(old_rev: str, new_rev: str) -> str:
    """The file name of a site 新旧対照表's PDF and Word files."""
    return f"comparison-{old_rev}-{new_rev}"


def write_site_comparison(project, old_rev: str, new_rev: str, dest_dir: Path,
                          formats=(writers.PAGE_FORMAT,)) -> list[Path]:
    """The site's `diff/<OLD>-<NEW>/` folder (site_root is two levels up)."""
    comparison = compare_refs(project, old_rev, new_rev)
    policy = vars(project.policy())
    return write_comparison(comparison, Path(dest_dir), formats, policy=policy,
                            site_root="../../", basename=site_basename(old_rev, new_rev))
