"""The HTML writer, and the one HTML translator of the project.

Every HTML we write goes through Sphinx's HTML5 translator with the mixins
below, installed by `sphinx_a11y.setup` (header cells with a scope, 公用文
list numbering kept, our nodes, an unknown node is an error): the web
edition in its Sphinx build, and here the single-page documents of the site
(the 新旧対照表, the public-comment result) and the body of the print HTML
behind every PDF. Those are rendered with the builder of a small Sphinx
application made once per process (`renderer()`), without permalinks.
The page around a single-page document is a template in
`templates/html/site/` (FrontMatter.page), so it looks like the rest of the
site.
"""
from __future__ import annotations

import atexit
import copy
import io
import shutil
import tempfile
from functools import cache
from pathlib import Path

from docutils import nodes
from docutils.utils import get_source_line

from ..errors import PolicyError
from ..nodes import CELL_LABEL, STACKED_TABLE
from ..templates import environment


class KeepEnumeration:
    """docutils drops an enumeration's prefix and suffix, but 公用文 numbers read
    (1), (2): keep them as data-prefix/data-suffix for the stylesheets
    (policy.css and print.css turn them into list markers). A mixin, for
    Sphinx's HTML translator too (sphinx_a11y.setup)."""

    def visit_enumerated_list(self, node):
        super().visit_enumerated_list(node)
        tag = self.body[-1]
        extra = ' data-prefix="%s" data-suffix="%s"' % (
            self.attval(node.get("prefix", "")), self.attval(node.get("suffix", ".")))
        self.body[-1] = tag.replace("<ol", "<ol" + extra, 1)


class TableHeaderScope:
    """Header cells get a `scope` (JIS X 8341-3 / WCAG 1.3.1: a screen reader
    then announces the column or row header with each cell): scope="col" on
    header-row cells, scope="row" on stub cells."""

    def visit_entry(self, node):
        super().visit_entry(node)
        tag = self.body[-1]
        if tag.startswith("<th") and "scope=" not in tag:
            scope = "col" if isinstance(node.parent.parent, nodes.thead) else "row"
            self.body[-1] = tag.replace("<th", f'<th scope="{scope}"', 1)


class StackedCells:
    """In a table marked STACKED_TABLE, each body cell starts with its
    column's heading, which the stylesheet shows only when the table is read
    as cards on a narrow screen. Hidden from screen readers: they announce
    the header cell (scope="col") with every cell already."""

    def visit_table(self, node):
        super().visit_table(node)
        labels = None
        if STACKED_TABLE in node["classes"]:
            heads = list(node.findall(nodes.thead))
            labels = [entry.astext().strip() for entry in heads[0].findall(nodes.entry)] \
                if heads else None
        self._stack_labels = [*getattr(self, "_stack_labels", []), labels]

    def depart_table(self, node):
        self._stack_labels.pop()
        super().depart_table(node)

    def visit_entry(self, node):
        super().visit_entry(node)
        labels = self._stack_labels[-1] if getattr(self, "_stack_labels", None) else None
        if labels and not isinstance(node.parent.parent, nodes.thead):
            column = node.parent.index(node)
            if column < len(labels) and labels[column]:
                self.body.append(f'<span class="{CELL_LABEL}" aria-hidden="true">'
                                 f'{self.encode(labels[column])}</span>')


# Sphinx's Japanese catalogue lacks these tooltips of the § links.
PERMALINK_TITLES = {"Link to this heading": "この見出しへのリンク",
                    "Link to this table": "この表へのリンク",
                    "Link to this definition": "この定義へのリンク",
                    "Link to this term": "この用語へのリンク",
                    "Link to this image": "この図へのリンク",
                    "Link to this code": "このコードへのリンク",
                    "Link to this toctree": "この目次へのリンク"}


class JapanesePermalinks:
    """The heading links' tooltip in Japanese."""

    def add_permalink_ref(self, node, title):
        super().add_permalink_ref(node, PERMALINK_TITLES.get(title, title))

    def depart_title(self, node):
        start = len(self.body)
        super().depart_title(node)
        for i in range(start, len(self.body)):
            for english, japanese in PERMALINK_TITLES.items():
                self.body[i] = self.body[i].replace(f'title="{english}"', f'title="{japanese}"')


def visit_inserted(self, node):
    self.body.append(self.starttag(node, "ins", ""))


def depart_inserted(self, node):
    self.body.append("</ins>")


def visit_deleted(self, node):
    self.body.append(self.starttag(node, "del", ""))


def depart_deleted(self, node):
    self.body.append("</del>")


# build_tools.nodes -> (visit, depart), for this writer and for Sphinx's.
NODE_VISITORS = {"inserted": (visit_inserted, depart_inserted),
                 "deleted": (visit_deleted, depart_deleted)}


class UnknownNodeIsAnError:
    """A node no visitor handles stops the writer with its source line:
    nothing of an official text may silently disappear."""

    def unknown_visit(self, node):
        source, line = get_source_line(node)
        raise PolicyError(f"HTML の書き出しが扱えない要素 <{node.tagname}> があります",
                          file=source, line=line,
                          hint="この要素を使わない書き方にするか、書き出し処理を追加してください")


# Mixed into Sphinx's HTML5 translator, in this order (sphinx_a11y.setup).
TRANSLATOR_MIXINS = (UnknownNodeIsAnError, KeepEnumeration, JapanesePermalinks, StackedCells,
                     TableHeaderScope)


@cache
def renderer():
    """The HTML builder of an empty Sphinx project with our extension: its
    translator is the web edition's (the same class), its config turns off
    the § permalinks that only the web edition's headings have."""
    from sphinx.application import Sphinx
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    work = Path(tempfile.mkdtemp(prefix="policy-html-"))
    atexit.register(shutil.rmtree, work, True)
    (work / "src").mkdir()
    # In its own docutils namespace, like every Sphinx run of ours: the nodes
    # and directives it registers must not leak into the next run.
    with patch_docutils(work / "src"), docutils_namespace():
        app = Sphinx(str(work / "src"), None, str(work / "out"), str(work / "doctrees"), "html",
                     confoverrides={"extensions": ["build_tools.sphinx_ext"], "language": "ja",
                                    "html_permalinks": False},
                     status=None, warning=io.StringIO())
    builder = app.builder
    # What write_doc sets before it translates a page of the project.
    builder.secnumbers, builder.fignumbers = {}, {}
    builder.imgpath = builder.dlpath = ""
    builder.current_docname = "index"
    return builder


@cache
def translator_class(base: type) -> type:
    """The one HTML translator: `base` (Sphinx's HTML5 translator) with our
    mixins and our nodes' visitors. Sphinx's applications install it
    (sphinx_a11y.setup); `render_fragment` uses it directly."""
    methods = {f"{step}_{name}": function for name, pair in NODE_VISITORS.items()
               for step, function in zip(("visit", "depart"), pair)}
    return type("PolicyHTML5Translator", (*TRANSLATOR_MIXINS, base), methods)


# The elements of the single-page documents (a 新旧対照表, a public-comment
# result): for these the translator reads nothing of a Sphinx project, so it
# is made without one — a Sphinx application costs half a second to create.
# Any other element (a figure, a reference, a literal block) goes through the
# application's builder, as the print HTML of an edition does.
SIMPLE_ELEMENTS = frozenset({
    "document", "section", "title", "paragraph", "Text", "inline", "strong", "emphasis",
    "table", "tgroup", "colspec", "thead", "tbody", "row", "entry", "bullet_list",
    "enumerated_list", "list_item", "inserted", "deleted"})


class _SinglePageBuilder:
    """What Sphinx's HTML5 translator reads of its builder for SIMPLE_ELEMENTS,
    with the values `renderer()`'s builder has."""

    name = "html"
    add_permalinks = False
    current_docname = "index"
    imgpath = dlpath = ""
    highlighter = None
    download_support = True

    def __init__(self):
        from types import SimpleNamespace
        self.secnumbers, self.fignumbers, self.images = {}, {}, {}
        self.config = SimpleNamespace(html_secnumber_suffix=". ", html_permalinks=False,
                                      html_permalinks_icon="¶")
        # No figure or table numbers (the builder above has none either).
        standard = SimpleNamespace(get_enumerable_node_type=lambda node: None)
        self.env = SimpleNamespace(domains=SimpleNamespace(standard_domain=standard))


@cache
def _single_page():
    """(translator class, builder, settings) without a Sphinx application."""
    from docutils.frontend import get_default_settings
    from docutils.parsers.rst import Parser
    from docutils.readers.doctree import Reader
    from sphinx.writers.html import HTMLWriter
    from sphinx.writers.html5 import HTML5Translator
    settings = get_default_settings(Reader, Parser, HTMLWriter)
    settings.output_encoding, settings.traceback = "unicode", True   # as Sphinx's builder
    return translator_class(HTML5Translator), _SinglePageBuilder(), settings


def _simple(doctree: nodes.document) -> bool:
    return all(type(node).__name__ in SIMPLE_ELEMENTS for node in doctree.findall())


def render_fragment(doctree: nodes.document, *, initial_header_level: int = 2,
                    single_page: bool | None = None) -> str:
    """The body of `doctree` as HTML (no <html>, <head> or <body>).
    `single_page` forces (True) or forbids (False) the translator without a
    Sphinx application; by default it is used when every element allows it."""
    if single_page is None:
        single_page = _simple(doctree)
    if single_page:
        translator, builder, base_settings = _single_page()
    else:
        builder = renderer()
        translator, base_settings = None, builder._settings
    settings = copy.copy(base_settings)
    settings.initial_header_level = initial_header_level
    doctree.settings = settings
    visitor = translator(doctree, builder) if translator else builder.create_translator(doctree, builder)
    doctree.walkabout(visitor)
    return "".join(visitor.fragment)


def write(doctree: nodes.document, front, path: Path) -> Path:
    """Write `doctree` as a page of the site (header, breadcrumb, contact)."""
    page = front.page
    html = environment().get_template(page.template).render(
        policy=front.policy, title=front.title, site_root=page.site_root,
        revision=page.revision, breadcrumb_here=page.breadcrumb_here or front.title,
        subtitle=front.subtitle, sample_notice=front.notice, downloads=front.downloads,
        body=render_fragment(doctree))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html, encoding="utf-8")
    return path
