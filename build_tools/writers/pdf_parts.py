"""A long PDF typeset in parts on every core and joined into one tagged PDF/A.

WeasyPrint lays out one page after another in one process, so a table of
thousands of rows keeps one core busy and holds every page in memory. A long
document's print page is cut between the parts of its long tables
(pdf_html.print_parts); each part is typeset by a worker process into a
tagged PDF/A of its own, without page numbers. Then:

* the parts' pages are appended to the first part's file, which has the
  catalog (language, output intent, XMP, attachments); WeasyPrint tags each
  page as a Part of the one Document element, so the parts' Parts are moved
  under the first file's Document and their parent-tree keys renumbered;
  named destinations and bookmarks come along;
* the page numbers are typeset once the page count is known — the same
  stylesheet on empty pages, numbered from 1 — and drawn over each page as
  pagination artifacts (which PDF/UA asks of page numbers).
"""
from __future__ import annotations

import multiprocessing
import os
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

# Body rows of a long table laid out by one worker (pdf_html cuts tables
# into parts of LONG_TABLE_ROWS rows; a part of the PDF holds several).
TABLES_PER_PART = 5
# Later parts keep the running header on their first page; every part leaves
# the page numbers (bottom margin boxes) to the overlay.
PART_CSS = "@page { @bottom-left { content: none } @bottom-center { content: none }" \
           " @bottom-right { content: none } }"
CONTINUED_CSS = PART_CSS + " @page :first { @top-left { content: string(doctitle) } }"
NUMBER_PAGES = 500
NUMBERS_CSS = ("@page { @top-left { content: none } @top-center { content: none }"
               " @top-right { content: none } } .page { break-after: page }")


def workers() -> int:
    return max(1, min(len(os.sched_getaffinity(0)), 8))


def render_joined(pages: list[str], path: Path, render_pdf, *, epoch: int, attachments=(),
                  base_url: Path | None = None, body_classes: str = "") -> Path:
    """Typeset each print page of `pages` in a worker with `render_pdf`
    (pdf.render_pdf) and join them at `path`."""
    with tempfile.TemporaryDirectory(prefix="pdf-parts-", dir=path.parent) as tmp:
        parts = [Path(tmp) / f"part-{i}.pdf" for i in range(len(pages))]
        # Fresh workers: a forked one would carry the builder's memory (the
        # doctree and the other formats) into every part.
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(workers(), mp_context=context) as pool:
            jobs = [pool.submit(render_pdf, html, part, epoch=epoch,
                                attachments=attachments if i == 0 else (), base_url=base_url,
                                extra_css=CONTINUED_CSS if i else PART_CSS)
                    for i, (html, part) in enumerate(zip(pages, parts))]
            for job in jobs:
                job.result()
            total = sum(_page_count(part) for part in parts)
            # The page numbers in runs of NUMBER_PAGES pages, also in parallel.
            starts = range(1, total + 1, NUMBER_PAGES)
            numbers = [Path(tmp) / f"numbers-{start}.pdf" for start in starts]
            jobs = [pool.submit(_numbers, render_pdf, start, min(NUMBER_PAGES, total - start + 1),
                                out, body_classes, epoch) for start, out in zip(starts, numbers)]
            for job in jobs:
                job.result()
        # Joined in a fresh process: the joined file's objects (1.5 KB each
        # in pikepdf, 40 a table row) then add up neither with the
        # builder's memory nor with what a typesetting worker kept.
        with ProcessPoolExecutor(1, mp_context=context) as joiner:
            joiner.submit(_join, parts, numbers, path).result()
    return path


def _page_count(path: Path) -> int:
    import pikepdf
    with pikepdf.open(path) as pdf:
        return len(pdf.pages)


def _numbers(render_pdf, first: int, count: int, path: Path, body_classes: str,
             epoch: int) -> Path:
    """`count` empty pages with the stylesheet's page numbers from `first`."""
    html = (f'<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8"><title>-</title></head>'
            f'<body class="{body_classes}">' + '<div class="page"></div>' * count + "</body></html>")
    start = f"@page :first {{ counter-reset: page {first} }}"
    return render_pdf(html, path, epoch=epoch, extra_css=NUMBERS_CSS + start, tagged=False)


def _join(parts: list[Path], numbers: list[Path], path: Path) -> None:
    import pikepdf
    pdf = pikepdf.open(parts[0])
    tree = pdf.Root.StructTreeRoot
    document = tree.K[0]
    nums = tree.ParentTree.Nums
    next_key = _next_key(nums)
    outline_items = []
    dests = pikepdf.NameTree(pdf.Root.Names.Dests) if "/Names" in pdf.Root \
        and "/Dests" in pdf.Root.Names else None
    for part in parts[1:]:
        other = pikepdf.open(part)
        first = len(pdf.pages)
        # Pages first: struct elements and destinations copied afterwards
        # point at these copies (one foreign-object map per source file).
        pdf.pages.extend(other.pages)
        for page in pdf.pages[first:]:
            _shift(page.obj, "/StructParents", next_key)
            for annot in page.obj.get("/Annots", []):
                _shift(annot, "/StructParent", next_key)
        other_tree = other.Root.StructTreeRoot
        other_nums = other_tree.ParentTree.Nums
        for i in range(0, len(other_nums), 2):
            nums.append(int(other_nums[i]) + next_key)
            nums.append(_copy(pdf, other_nums[i + 1]))
        for child in other_tree.K[0].K:
            copied = _copy(pdf, child)
            copied.P = document
            document.K.append(copied)
        next_key += _next_key(other_nums)
        if dests is not None and "/Names" in other.Root and "/Dests" in other.Root.Names:
            for name, dest in pikepdf.NameTree(other.Root.Names.Dests).items():
                dests[name] = _copy(pdf, dest)
        with other.open_outline() as outline:
            outline_items += [_outline_copy(item, other, first) for item in outline.root]
        # Copied objects are the joined file's own: the part can be closed.
        other.close()
    if "/ParentTreeNextKey" in tree:
        tree.ParentTreeNextKey = next_key
    if outline_items:
        with pdf.open_outline() as outline:
            outline.root.extend(outline_items)
    _draw_numbers(pdf, numbers)
    # Object streams: the parts' structure elements (about 40 a row) would
    # otherwise be written one uncompressed object each (4 times the size).
    pdf.save(path, deterministic_id=True, compress_streams=True,
             object_stream_mode=pikepdf.ObjectStreamMode.generate)
    pdf.close()


def _copy(pdf, obj):
    """`obj` of another file in `pdf`: indirect objects through the one
    foreign-object map, direct arrays and dictionaries item by item."""
    import pikepdf
    if isinstance(obj, (pikepdf.Array, pikepdf.Dictionary)) and obj.is_indirect:
        return pdf.copy_foreign(obj)
    if isinstance(obj, pikepdf.Array):
        return pikepdf.Array([_copy(pdf, item) for item in obj])
    if isinstance(obj, pikepdf.Dictionary):
        return pikepdf.Dictionary({key: _copy(pdf, value) for key, value in obj.items()})
    return obj


def _next_key(nums) -> int:
    return max((int(nums[i]) for i in range(0, len(nums), 2)), default=-1) + 1


def _shift(obj, key: str, offset: int) -> None:
    if key in obj:
        obj[key] = int(obj[key]) + offset


def _outline_copy(item, other, first: int):
    """A bookmark of a later part, pointing at its page in the joined file."""
    import pikepdf
    target = item.destination
    index = None
    if isinstance(target, pikepdf.Array) and len(target):
        index = other.pages.index(pikepdf.Page(target[0]))
    copy = pikepdf.OutlineItem(item.title, first + index if index is not None else None)
    copy.children.extend(_outline_copy(child, other, first) for child in item.children)
    return copy


def _draw_numbers(pdf, numbers: list[Path]) -> None:
    """Each page of `numbers` (files in page order) drawn over the page of
    the same number, as a pagination artifact."""
    import pikepdf
    pages = iter(enumerate(pdf.pages, 1))
    for path in numbers:
        with pikepdf.open(path) as source:
            # The run's pages first: zip() must not take a page past its end.
            for number_page, (number, page) in zip(source.pages, pages):
                form = pdf.copy_foreign(number_page.as_form_xobject())
                # A name of its own: WeasyPrint's pages share one resource dictionary.
                name = page.add_resource(form, pikepdf.Name.XObject,
                                         pikepdf.Name(f"/PolicyPageNumber{number}"))
                page.contents_add(pikepdf.Stream(pdf, b"q\n"), prepend=True)
                page.contents_add(pikepdf.Stream(
                    pdf, b"Q\n/Artifact <</Type /Pagination>> BDC\nq\n"
                    + bytes(str(name), "ascii") + b" Do\nQ\nEMC\n"))
