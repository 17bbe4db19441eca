"""The one publishing path: a document's doctree and its front matter, written
in the formats asked for by one writer each.

    publish(doctree, front, formats, out_dir) -> [Path]

The table `WRITERS` is the only place a format is named: builders ask for
formats by name and never branch on them. A writer only renders: the
builder has decided the text, the front matter, the attachments and the
folder; `publish` decides the file names and the links between formats.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..errors import PolicyError
from ..gc_pause import paused


@dataclass(frozen=True)
class Attachment:
    """A file embedded in the PDF (PDF/A-3 associated file)."""

    name: str
    data: bytes
    description: str
    relationship: str = "Supplement"     # Source, Data, Supplement


@dataclass(frozen=True)
class Page:
    """Where a single-page document sits in the site (its HTML template)."""

    template: str = "document.html"
    site_root: str = ""
    breadcrumb_here: str | None = None
    revision: dict | None = None         # the revision the page belongs to (banner)


@dataclass(frozen=True)
class FrontMatter:
    """What a document's outputs show and record around its body: the cover
    or title block, the running notice, the metadata, the attachments."""

    title: str
    policy: dict                         # the work: title, city, department, contact
    subtitle: str = ""
    revision: dict | None = None         # an edition: cover, contents, page numbers
    epoch: int = 0                       # timestamps of reproducible outputs
    provenance: str | None = None        # the text is reconstructed or a sample: say so
    notice: str | None = None            # a sample notice under the title
    running_title: str | None = None     # the title in a PDF's page header (default: title)
    running_notice: str | None = None    # the notice there (default: notice)
    attachments: tuple[Attachment, ...] = ()
    base_dir: Path | None = None         # where relative figure paths resolve
    basename: str = "document"           # file name of every format but HTML
    landscape: bool = False
    page: Page = field(default_factory=Page)
    downloads: tuple[tuple[str, str], ...] = ()   # (label, file) of the other formats
    pages: tuple[tuple[int, str, int], ...] = ()  # (level, heading, page) in the paged edition


@dataclass(frozen=True)
class Writer:
    link_text: str       # shown in links: 「Word（.docx）」
    extension: str
    module: str          # has write(doctree, front, path) -> Path
    data_only: bool = False   # renders the document's data tables only
    terminal: bool = False    # for a terminal, not a published file
    options: tuple = ()       # keyword arguments for the module's write()
    stem: str = ""            # its files are named <stem>-<basename>
    revisions: bool = False   # renders a 見え消し edition (diff/redline.py), not the table
    paged: bool = False       # its module has page_numbers(path): the headings' pages
    wants_pages: bool = False  # its contents show the paged edition's page numbers

    def write(self, doctree, front: FrontMatter, path: Path) -> Path:
        return importlib.import_module(self.module).write(doctree, front, path,
                                                          **dict(self.options))

    def file_name(self, basename: str) -> str:
        if self.extension == "html":
            return "index.html"
        return f"{self.stem}-{basename}.{self.extension}" if self.stem else \
            f"{basename}.{self.extension}"


# In the order of a page's download links (HTML is the page itself).
WRITERS: dict[str, Writer] = {
    "html": Writer("HTML", "html", "build_tools.writers.html"),
    "pdf": Writer("PDF", "pdf", "build_tools.writers.pdf", paged=True),
    "docx": Writer("Word（.docx）", "docx", "build_tools.writers.docx", wants_pages=True),
    "csv": Writer("CSV（.csv）", "csv", "build_tools.writers.csv", data_only=True),
    "text": Writer("テキスト", "txt", "build_tools.writers.text", terminal=True),
    # The 見え消し edition of a comparison: the new text with every change as a
    # Word revision, or (static) as double strikethrough and underline. No
    # contents: no paged edition gives the marked text's page numbers.
    "redline": Writer("見え消し（Word・変更履歴）", "docx", "build_tools.writers.docx",
                      options=(("marks", "tracked"), ("toc", False)), stem="redline",
                      revisions=True),
    "redline-static": Writer("見え消し（Word・書式のみ）", "docx", "build_tools.writers.docx",
                             options=(("marks", "static"), ("toc", False)),
                             stem="redline-static", revisions=True),
}
# The page a document's files are linked from.
PAGE_FORMAT = next(name for name, w in WRITERS.items() if w.extension == "html")


def document_formats(*, data: bool = False, terminal: bool = False,
                     revisions: bool = False) -> tuple[str, ...]:
    """The formats a kind of document is published in: every document in
    the file formats; one with data tables (the public-comment result) also
    as data; a terminal view where a command prints one; a comparison also
    as 見え消し editions (`revisions`)."""
    return tuple(name for name, w in WRITERS.items()
                 if (data or not w.data_only) and (terminal or not w.terminal)
                 and (revisions or not w.revisions))


def revision_formats(formats) -> list[str]:
    """Those of `formats` that render a 見え消し edition."""
    return [f for f in formats if WRITERS[f].revisions]


def file_formats(formats) -> list[str]:
    """`formats` without the page itself: the files a page links to."""
    return [f for f in formats if f != PAGE_FORMAT]


def parse_formats(text: str, allowed) -> list[str]:
    """The formats a user listed (`html,docx`), in the order of `allowed`;
    an unknown or empty list is a PolicyError that names what is allowed."""
    wanted = [f.strip() for f in text.split(",") if f.strip()]
    unknown = [f for f in wanted if f not in allowed]
    if unknown or not wanted:
        raise PolicyError(f"形式 '{','.join(unknown) or text}' は作れません",
                          hint="使える形式: " + ", ".join(allowed))
    return [f for f in allowed if f in wanted]


def render(doctree, front: FrontMatter, fmt: str, **options) -> str:
    """A terminal format as text (`policy diff -f text`)."""
    return importlib.import_module(WRITERS[fmt].module).render(doctree, front, **options)


def publish(doctree, front: FrontMatter, formats, out_dir: Path, *,
            linked=()) -> list[Path]:
    """Write `doctree` in each of `formats` into `out_dir`; return the files.

    The page links every other file written here, and those in `linked`
    (formats kept from an earlier build). The data formats are written
    first: the PDF carries them as attachments (PDF/A-3)."""
    from ..site import fresh
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    names = {f: WRITERS[f].file_name(front.basename) for f in WRITERS}
    shown = [f for f in WRITERS if f != PAGE_FORMAT and (f in formats or f in linked)
             and not WRITERS[f].terminal]
    front = replace(front, downloads=tuple((WRITERS[f].link_text, names[f]) for f in shown)
                    + front.downloads)
    written: list[Path] = []
    order = sorted(formats, key=lambda f: (not WRITERS[f].data_only, WRITERS[f].wants_pages))
    for fmt in order:
        if WRITERS[fmt].wants_pages and front.revision is not None and not front.pages:
            front = replace(front, pages=_pages(doctree, front, written))
        with paused():   # the copy and the writer's objects live until it is done
            tree = _copy_for(doctree, data=WRITERS[fmt].data_only)
            path = WRITERS[fmt].write(tree, front, fresh(out_dir / names[fmt]))
            del tree
        written.append(path)
        if WRITERS[fmt].data_only:
            front = replace(front, attachments=front.attachments + (
                Attachment(path.name, path.read_bytes(), "添付資料"),))
    return written


def _copy_for(node, *, data: bool = False):
    """A writer's copy of `node`: for the documents people read, without the
    tables meant for the data formats only (nodes.DATA_ONLY); for a data
    format (`data`), without the tables that are not data (DATA_TABLE), which
    it does not render. Left out while copying: a table copied and then
    removed would stay in memory until the collector runs."""
    from docutils import nodes as du
    from ..nodes import DATA_ONLY, DATA_TABLE
    if not isinstance(node, du.Element) or type(node).deepcopy is not du.Element.deepcopy \
            or (data and isinstance(node, du.table) and DATA_TABLE in node["classes"]):
        return node.deepcopy()

    def kept(child) -> bool:
        if not isinstance(child, du.Element):
            return True
        if data:
            return not isinstance(child, du.table) or DATA_TABLE in child["classes"]
        return DATA_ONLY not in child["classes"]

    copy = node.copy()
    copy.extend([_copy_for(child, data=data) for child in node.children if kept(child)])
    return copy


def _pages(doctree, front: FrontMatter, written: list[Path]) -> tuple:
    """The headings' pages in the paged edition (the PDF), for the contents
    of the other formats: from the file just written, else from one made
    for the purpose in a temporary folder."""
    import tempfile
    writer = next(w for w in WRITERS.values() if w.paged)
    module = importlib.import_module(writer.module)
    done = [p for p in written if p.name == writer.file_name(front.basename)]
    if done:
        return tuple(module.page_numbers(done[0]))
    tree = _copy_for(doctree)
    with tempfile.TemporaryDirectory() as tmp:
        path = writer.write(tree, front, Path(tmp) / writer.file_name("pages"))
        return tuple(module.page_numbers(path))
