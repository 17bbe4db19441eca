"""Write a comparison (新旧対照表) as HTML, and DOCX/PDF where those writers
are registered, through the same writers as the editions."""
from __future__ import annotations

from pathlib import Path

from .. import writers
from ..site import fresh
from . import compare_refs

FORMATS = ("html", "docx", "pdf")


def page_title(comparison) -> str:
    old, new = comparison.old_side, comparison.new_side
    if old is None or new is None:
        return comparison.settings.title
    return f"{comparison.settings.title}（{new.label}・{old.label}）"


def _meta(comparison) -> dict:
    old, new = comparison.old_side, comparison.new_side
    subtitle = comparison.title
    if old is not None and new is not None:
        subtitle += f"　{new.description} と {old.description} の比較"
    epoch = 0
    for side in (new, old):
        if side is not None and side.extra.get("commit_time"):
            epoch = max(epoch, side.extra["commit_time"])
    return {"title": page_title(comparison), "subtitle": subtitle,
            "source_date_epoch": epoch, "landscape": False,
            # The provenance of reconstructed text is in the table's own title block.
            "sample_notice": None, "attachments": []}


def write_comparison(comparison, out_dir: Path, formats, *, policy: dict,
                     site_root: str = "", basename: str = "comparison") -> list[Path]:
    """Write the table into `out_dir`: index.html and `<basename>.docx|pdf`."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    doctree = comparison.doctree()
    written = []
    meta = _meta(comparison)
    for fmt in formats:
        if fmt == "html":
            from ..writers.html import write_page
            path = out_dir / "index.html"
            fresh(path)
            written.append(write_page(doctree, path, policy=policy, title=meta["title"],
                                      site_root=site_root, template="comparison.html"))
            continue
        writer = writers.EDITION_WRITERS[fmt]
        path = out_dir / f"{basename}.{writer.extension.lstrip('.')}"
        fresh(path)
        writer.write(doctree, path, policy=policy, revision=None, meta=meta)
        written.append(path)
    return written


def write_site_comparison(project, old_rev: str, new_rev: str, dest_dir: Path,
                          formats=("html",)) -> list[Path]:
    """The site's `diff/<OLD>-<NEW>/` folder (site_root is two levels up)."""
    comparison = compare_refs(project, old_rev, new_rev)
    policy = vars(project.policy())
    return write_comparison(comparison, Path(dest_dir), formats, policy=policy,
                            site_root="../../", basename=f"comparison-{old_rev}-{new_rev}")
