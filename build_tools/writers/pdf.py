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
import logging
import xml.etree.ElementTree as ET
from contextlib import contextmanager
from pathlib import Path

from docutils import nodes

from ..errors import PolicyError
from ..sphinx_run import TEMPLATES
from .pdf_html import print_html

PRINT_CSS = TEMPLATES / "print.css"
PDF_VARIANT = "pdf/a-3b"
FONT_FAMILIES = ("IPAexMincho", "IPAexGothic")
LANGUAGE = "ja"


def write(doctree: nodes.document, path: Path, *, policy: dict, revision: dict | None = None,
          source_dir: Path | None = None, meta: dict | None = None,
          project_root: Path | None = None, **_) -> Path:
    """Write `doctree` as a PDF at `path`; return `path`.

    An edition (`revision` given) attaches its sources (`source_dir`) and its
    metadata file (revisions/<ID>.toml under `project_root`, by default the
    repository above `source_dir` or the current folder); a table document
    (`meta`) attaches meta["attachments"]."""
    html = print_html(doctree, policy=policy, revision=revision, meta=meta)
    if revision is not None:
        epoch = revision["source_date_epoch"]
        files = edition_attachments(revision, source_dir, project_root)
    else:
        epoch = meta["source_date_epoch"]
        files = [(Path(p).name, Path(p).read_bytes(), "添付資料", "Supplement")
                 for p in meta.get("attachments") or ()]
    return render_pdf(html, Path(path), epoch=epoch, attachments=files,
                      base_url=source_dir)


def render_pdf(html: str, path: Path, *, epoch: int, attachments=(),
               base_url: Path | None = None) -> Path:
    """Typeset the print HTML into a tagged PDF/A-3b at `path`.

    `attachments`: (name, bytes, description, relationship) tuples."""
    import weasyprint
    from weasyprint.css.counters import CounterStyle

    when = dt.datetime.fromtimestamp(epoch, dt.timezone.utc).replace(tzinfo=None)
    with _weasyprint_errors() as problems:
        # @counter-style rules reach the layout only through a shared object.
        counters = CounterStyle()
        stylesheet = weasyprint.CSS(filename=str(PRINT_CSS), counter_style=counters)
        document = weasyprint.HTML(
            string=html, base_url=str(base_url.resolve()) + "/" if base_url else None,
        ).render(stylesheets=[stylesheet], counter_style=counters)
        _add_language_to_xmp(document.metadata)
        # A data: URL names the media type, which WeasyPrint would otherwise
        # guess from the host's MIME database (a different PDF per machine).
        files = [weasyprint.Attachment(url=_data_url(name, data), name=name,
                                       description=description, created=when,
                                       modified=when, relationship=relationship)
                 for name, data, description, relationship in attachments]
        path.parent.mkdir(parents=True, exist_ok=True)
        document.write_pdf(path, pdf_variant=PDF_VARIANT, pdf_tags=True,
                           attachments=files, uncompressed_pdf=False,
                           finisher=_list_each_attachment_once)
        try:
            _check_fonts(document)  # known only once the pages are painted
        except PolicyError:
            path.unlink(missing_ok=True)
            raise
    if problems:
        path.unlink(missing_ok=True)
        raise PolicyError("PDF を作成できませんでした: " + "; ".join(problems[:5]),
                          file=str(PRINT_CSS.relative_to(TEMPLATES.parent)),
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


def edition_attachments(revision: dict, source_dir: Path | None,
                        project_root: Path | None = None) -> list[tuple]:
    """The revision's sources (source/…) and its metadata (revisions/<ID>.toml),
    as they are embedded in the archival PDF."""
    if source_dir is None:
        raise TypeError("an edition's PDF needs source_dir: its sources are attached")
    files = []
    for file in sorted(p for p in Path(source_dir).rglob("*") if p.is_file()):
        rel = file.relative_to(source_dir).as_posix()
        files.append((f"source/{rel}", file.read_bytes(),
                      f"改訂版 {revision['id']} の原稿（コミット {revision['commit'][:7]}）",
                      "Source"))
    root = project_root or _project_root(source_dir)
    for rel, description, required in (
            (f"revisions/{revision['id']}.toml", f"改訂版 {revision['id']} のメタデータ", True),
            ("revisions/policy.toml", "政策（題名・所管・問い合わせ先）のメタデータ", False)):
        meta_file = root / rel
        if meta_file.exists():
            files.append((rel, meta_file.read_bytes(), description, "Data"))
        elif required:
            raise PolicyError("PDF に添付する改訂版のメタデータがありません", file=rel,
                              hint="リポジトリのフォルダで実行してください")
    return files


def _project_root(start: Path | None) -> Path:
    """The repository holding revisions/: above the exported sources when the
    build folder is inside it, else the current folder."""
    from ..revisions import Project
    for begin in (start, None):
        try:
            return Project.find(begin).root
        except PolicyError:
            continue
    raise PolicyError("PDF に添付する改訂版のメタデータ（revisions/）の場所が分かりません",
                      file=str(start) if start else None,
                      hint="リポジトリのフォルダで実行するか、ビルド先をリポジトリの中にしてください")


def _check_fonts(document) -> None:
    """Only the pinned IPAex fonts may appear: a fallback font would move
    line breaks and page numbers, and may lack glyphs."""
    used = sorted({font.family for font in document.fonts.values()})
    others = [name for name in used if name not in FONT_FAMILIES]
    if others or not used:
        raise PolicyError(
            f"PDF に IPAex フォント以外が使われます（{', '.join(others) or 'フォントなし'}）",
            file=str(PRINT_CSS.relative_to(TEMPLATES.parent)),
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
