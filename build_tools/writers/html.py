"""The HTML writer: a single-page document of the site (the 新旧対照表, the
public-comment result) and the body of the print HTML behind every PDF.

The fragment comes from docutils' HTML5 writer, extended for our nodes; the
page around it is a template in `templates/html/site/` (FrontMatter.page),
so these pages look like the rest of the site. The mixins here are also
mixed into Sphinx's translator for the web edition (sphinx_a11y), and the
visitors of our nodes are the ones Sphinx registers (sphinx_ext): each piece
of markup is written in one place.
"""
from __future__ import annotations

from pathlib import Path

from docutils import nodes
from docutils.core import publish_from_doctree
from docutils.utils import get_source_line
from docutils.writers import html5_polyglot

from ..errors import PolicyError
from ..templates import environment


def _div_pair(css_class: str):
    """visit/depart that wrap a node's content in <div class=css_class>."""
    def visit(self, node):
        self.body.append(self.starttag(node, "div", CLASS=css_class))

    def depart(self, node):
        self.body.append("</div>\n")
    return visit, depart


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


class PolicyHTMLTranslator(KeepEnumeration, TableHeaderScope, html5_polyglot.HTMLTranslator):
    """docutils' HTML5 translator plus our nodes; an unknown node is an error."""

    visit_inserted, depart_inserted = NODE_VISITORS["inserted"]
    visit_deleted, depart_deleted = NODE_VISITORS["deleted"]

    # Sphinx's nodes that survive in an assembled edition doctree
    # (document.document_of): the chapters are inlined, references
    # resolved, so most of them only wrap content.

    def _children_only(self, node):
        pass

    def _skip(self, node):
        raise nodes.SkipNode

    # A chapter inlined from its own file; toctree-wrapper compounds and
    # compact paragraphs (toctree leftovers) are docutils-rendered or unwrapped.
    visit_start_of_file = depart_start_of_file = _children_only
    visit_compact_paragraph = depart_compact_paragraph = _children_only
    # `only` survives only if its expression was not evaluated: show the text.
    visit_only = depart_only = _children_only
    # An unresolved cross-reference keeps its text (Sphinx has already warned,
    # and our build fails on warnings, so this is belt and braces).
    visit_pending_xref = depart_pending_xref = _children_only
    visit_download_reference = depart_download_reference = _children_only
    # Index entries, highlighting and LaTeX hints carry no text of the policy.
    visit_index = visit_highlightlang = visit_tabular_col_spec = _skip
    visit_toctree = visit_pending_xref_condition = _skip

    def visit_number_reference(self, node):
        self.body.append(self.starttag(node, "a", "", CLASS="reference internal",
                                       href="#" + node.get("refid", "")))

    def depart_number_reference(self, node):
        self.body.append("</a>")

    def visit_literal_emphasis(self, node):
        self.body.append(self.starttag(node, "em", "", CLASS="literal"))

    def depart_literal_emphasis(self, node):
        self.body.append("</em>")

    def visit_literal_strong(self, node):
        self.body.append(self.starttag(node, "strong", "", CLASS="literal"))

    def depart_literal_strong(self, node):
        self.body.append("</strong>")

    def visit_manpage(self, node):
        self.body.append(self.starttag(node, "em", "", CLASS="manpage"))

    def depart_manpage(self, node):
        self.body.append("</em>")

    def visit_centered(self, node):
        self.body.append(self.starttag(node, "p", "", CLASS="centered"))

    def depart_centered(self, node):
        self.body.append("</p>\n")

    visit_versionmodified, depart_versionmodified = _div_pair("versionmodified")
    visit_seealso, depart_seealso = _div_pair("admonition seealso")
    visit_glossary, depart_glossary = _div_pair("glossary")
    visit_acks, depart_acks = _div_pair("acks")
    visit_hlist, depart_hlist = _div_pair("hlist")
    visit_hlistcol, depart_hlistcol = _div_pair("hlistcol")

    def unknown_visit(self, node):
        source, line = get_source_line(node)
        raise PolicyError(f"HTML の書き出しが扱えない要素 <{node.tagname}> があります",
                          file=source, line=line,
                          hint="この要素を使わない書き方にするか、書き出し処理を追加してください")


class PolicyHTMLWriter(html5_polyglot.Writer):
    def __init__(self):
        super().__init__()
        self.translator_class = PolicyHTMLTranslator


SETTINGS = {
    "output_encoding": "unicode",
    "embed_stylesheet": False,
    "stylesheet_path": "",
    "stylesheet": "",
    "doctitle_xform": False,
    "initial_header_level": 2,
    "table_style": "docutils",
    "report_level": 5,
    "halt_level": 5,
    "xml_declaration": False,
    "_disable_config": True,
}


def render_fragment(doctree: nodes.document, **settings) -> str:
    """The body of `doctree` as HTML (no <html>, <head> or <body>).

    `settings` override docutils' (e.g. initial_header_level=1 for print)."""
    parts = {}

    class _Capture(PolicyHTMLWriter):
        def assemble_parts(self):
            super().assemble_parts()
            parts.update(self.parts)

    publish_from_doctree(doctree, writer=_Capture(), settings_overrides={**SETTINGS, **settings})
    return parts["body"]


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
