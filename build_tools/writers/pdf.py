"""The PDF writer: the print HTML (pdf_html.py) typeset by WeasyPrint with
`templates/print.css`.

One file is both archival and accessible: PDF/A-3b (fonts embedded, sRGB
output intent, XMP metadata, the revision's sources attached as embedded
files) and tagged (WeasyPrint's structure tree: headings, lists, tables with
header cells), so there is no separate "-ua" file. It does not claim PDF/UA:
WeasyPrint 70 leaves page headers and footers out of the structure tree
without marking them as artifacts, which PDF/UA-1 forbids.

The same input gives the same bytes: dates come from the revision's commit,
the file identifier is a hash of the content, attachments carry fixed dates
and relative names, and nothing records a path or a host.
"""
from __future__ import annotations

import base64
import datetime as dt
import gc
import logging
import xml.etree.ElementTree as ET
from contextlib import contextmanager
from pathlib import Path

from docutils import nodes

from ..errors import PolicyError
from ..gc_pause import paused
from ..templates import PRINT_CSS, shown
from . import pdf_parts
from .pdf_html import print_parts

PDF_VARIANT = "pdf/a-3b"
FONT_FAMILIES = ("IPAexMincho", "IPAexGothic")
LANGUAGE = "ja"


def write(doctree: nodes.document, front, path: Path) -> Path:
    """Write `doctree` as a PDF at `path` with the front matter's cover or
    title block and its attachments; return `path`."""
    pages = print_parts(doctree, front, pdf_parts.TABLES_PER_PART)
    files = [(a.name, a.data, a.description, a.relationship) for a in front.attachments]
    if len(pages) > 1:   # a long table: typeset in parts on every core
        gc.collect(0)    # the print copy's cycles, before minutes of waiting for the parts
        classes = "table-document" + (" landscape" if front.landscape else "")
        return pdf_parts.render_joined(pages, Path(path), render_pdf, epoch=front.epoch,
                                       attachments=files,
                                       base_url=front.base_dir, body_classes=classes)
    return render_pdf(pages[0], Path(path), epoch=front.epoch, attachments=files,
                      base_url=front.base_dir)


def render_pdf(html: str, path: Path, *, epoch: int, attachments=(),
               base_url: Path | None = None, extra_css: str = "", tagged: bool = True) -> Path:
    """Typeset the print HTML into a tagged PDF/A-3b at `path`.

    `attachments`: (name, bytes, description, relationship) tuples;
    `extra_css`: the writer's own rules after templates/print.css."""
    import weasyprint
    from weasyprint.css.counters import CounterStyle

    when = dt.datetime.fromtimestamp(epoch, dt.timezone.utc).replace(tzinfo=None)
    # paused(): a layout's boxes live until the file is written.
    with _weasyprint_errors() as problems, _page_references_once(), paused():
        # @counter-style rules reach the layout only through a shared object.
        counters = CounterStyle()
        stylesheets = [weasyprint.CSS(filename=str(PRINT_CSS), counter_style=counters)]
        if extra_css:
            stylesheets.append(weasyprint.CSS(string=extra_css, counter_style=counters))
        document = weasyprint.HTML(
            string=html, base_url=str(base_url.resolve()) + "/" if base_url else None,
        ).render(stylesheets=stylesheets, counter_style=counters)
        _add_language_to_xmp(document.metadata)
        # A data: URL names the media type, which WeasyPrint would otherwise
        # guess from the host's MIME database (a different PDF per machine).
        files = [weasyprint.Attachment(url=_data_url(name, data), name=name,
                                       description=description, created=when,
                                       modified=when, relationship=relationship)
                 for name, data, description, relationship in attachments]
        path.parent.mkdir(parents=True, exist_ok=True)
        document.write_pdf(path, pdf_variant=PDF_VARIANT, pdf_tags=tagged,
                           attachments=files, uncompressed_pdf=False,
                           finisher=_list_each_attachment_once)
        try:
            _check_fonts(document)  # known only once the pages are painted
        except PolicyError:
            path.unlink(missing_ok=True)
            raise
        finally:
            # Garbage before paused() collects: kept alive then, the boxes
            # would move to an older generation and pile up part after part.
            del document
    if problems:
        path.unlink(missing_ok=True)
        raise PolicyError("PDF を作成できませんでした: " + "; ".join(problems[:5]),
                          file=shown(PRINT_CSS),
                          hint="画像などの参照先と templates/print.css を確認してください")
    return path


MEDIA_TYPES = {".rst": "text/x-rst", ".txt": "text/plain", ".py": "text/x-python",
               ".toml": "application/toml", ".csv": "text/csv", ".json": "application/json",
               ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
               ".svg": "image/svg+xml", ".pdf": "application/pdf",
               ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
               ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def _data_url(name: str, data: bytes) -> str:
    media = MEDIA_TYPES.get(Path(name).suffix.lower(), "application/octet-stream")
    return f"data:{media};base64,{base64.b64encode(data).decode('ascii')}"


def plain_weasyprint(html: str, path: Path, *, base_url: Path | None = None) -> Path:
    """The same print HTML and stylesheet through WeasyPrint with its defaults
    (no PDF/A, tags or attachments): the baseline `make bench` compares
    render_pdf with."""
    import weasyprint
    from weasyprint.css.counters import CounterStyle

    counters = CounterStyle()
    weasyprint.HTML(string=html, base_url=str(base_url.resolve()) + "/" if base_url else None
                    ).write_pdf(path, stylesheets=[weasyprint.CSS(filename=str(PRINT_CSS),
                                                                   counter_style=counters)],
                                counter_style=counters)
    return path


def _check_fonts(document) -> None:
    """Only the pinned IPAex fonts may appear: a fallback font would move
    line breaks and page numbers, and may lack glyphs."""
    used = sorted({font.family for font in document.fonts.values()})
    others = [name for name in used if name not in FONT_FAMILIES]
    if others or not used:
        raise PolicyError(
            f"PDF に IPAex フォント以外が使われます（{', '.join(others) or 'フォントなし'}）",
            file=shown(PRINT_CSS),
            hint="Debian パッケージ fonts-ipaexfont を入れてください"
                 "（sudo apt-get install fonts-ipaexfont）")


def _list_each_attachment_once(document, pdf) -> None:
    """WeasyPrint 70 puts every embedded file twice in the catalog's /AF
    (PDF/A-3 associated files): once from the name tree, once from a scan."""
    listed = pdf.catalog.get("AF")
    if listed:
        unique = list(dict.fromkeys(listed))
        listed.clear()
        listed.extend(unique)


def _add_language_to_xmp(metadata) -> None:
    """WeasyPrint writes /Lang in the catalog but no dc:language in the XMP;
    archivists read the XMP."""
    generate = metadata.generate_rdf_metadata

    def with_language(*args, **kwargs):
        rdf_ns = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
        dc_ns = "http://purl.org/dc/elements/1.1/"
        rdf = ET.fromstring(generate(*args, **kwargs))
        description = ET.SubElement(rdf, f"{{{rdf_ns}}}Description",
                                    {f"{{{rdf_ns}}}about": ""})
        bag = ET.SubElement(ET.SubElement(description, f"{{{dc_ns}}}language"),
                            f"{{{rdf_ns}}}Bag")
        ET.SubElement(bag, f"{{{rdf_ns}}}li").text = LANGUAGE
        return ET.tostring(rdf, encoding="utf-8")

    metadata.generate_rdf_metadata = with_language


@contextmanager
def _page_references_once():
    """pydyf 0.10 builds the tuple of every page's reference on each reading
    of `PDF.page_references`, and WeasyPrint's tagging reads it once per
    tagged box: time grows with pages × boxes (most of a 2,000-page table).
    While we write, it is built once per page count; the bytes are the same."""
    import pydyf
    original = pydyf.PDF.page_references

    def page_references(pdf):
        count = len(pdf.pages["Kids"])
        cached = getattr(pdf, "_policy_page_references", None)
        if cached is None or cached[0] != count:
            cached = (count, original.fget(pdf))
            pdf._policy_page_references = cached
        return cached[1]

    pydyf.PDF.page_references = property(page_references)
    try:
        yield
    finally:
        pydyf.PDF.page_references = original


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


@contextmanager
def _weasyprint_errors():
    """WeasyPrint logs what it cannot load or understand and goes on; an
    official edition must not silently lose an image or a style."""
    from weasyprint import LOGGER
    handler = _Collect()
    LOGGER.addHandler(handler)
    try:
        yield handler.messages
    finally:
        LOGGER.removeHandler(handler)


def page_numbers(path: Path) -> list[tuple[int, str, int]]:
    """(level, heading, page) of every entry of the PDF's outline, in order;
    pages count from the cover, as the PDF prints them."""
    import pikepdf
    found: list[tuple[int, str, int]] = []
    with pikepdf.open(path) as pdf, pdf.open_outline() as outline:
        index = {page.objgen: number for number, page in enumerate(pdf.pages, 1)}

        def walk(items, level):
            for item in items:
                dest = item.destination
                if isinstance(dest, pikepdf.Array) and len(dest):
                    found.append((level, str(item.title), index.get(dest[0].objgen, 0)))
                walk(item.children, level + 1)
        walk(outline.root, 0)
    return found
