"""HTML for doctrees that Sphinx does not build: the 新旧対照表, the
public-comment table, and the print HTML behind the PDF.

The fragment comes from docutils' HTML5 writer, extended for our nodes; the
page around it is a template in `templates/html/site/`, so these pages look
like the rest of the site.
"""
from __future__ import annotations

from pathlib import Path

import jinja2
from docutils import nodes
from docutils.core import publish_from_doctree
from docutils.utils import get_source_line
from docutils.writers import html5_polyglot

from ..errors import PolicyError
from ..sphinx_a11y import TableHeaderScope
from ..sphinx_run import PARTIALS_DIR, TEMPLATES

SITE_TEMPLATES = TEMPLATES / "html" / "site"


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


class PolicyHTMLTranslator(KeepEnumeration, TableHeaderScope, html5_polyglot.HTMLTranslator):
    """docutils' HTML5 translator plus our nodes; an unknown node is an error."""

    def visit_inserted(self, node):
        self.body.append(self.starttag(node, "ins", ""))

    def depart_inserted(self, node):
        self.body.append("</ins>")

    def visit_deleted(self, node):
        self.body.append(self.starttag(node, "del", ""))

    def depart_deleted(self, node):
        self.body.append("</del>")

    # Sphinx's nodes that survive in an assembled edition doctree
    # (sphinx_run.assemble_doctree): the chapters are inlined, references
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


def environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(SITE_TEMPLATES), str(PARTIALS_DIR)]),
        autoescape=True, keep_trailing_newline=True, undefined=jinja2.StrictUndefined)


def write_page(doctree: nodes.document, path: Path, *, policy: dict, title: str,
               site_root: str, template: str = "document.html",
               revision: dict | None = None, breadcrumb_here: str | None = None,
               **extra) -> Path:
    """Write `doctree` as a page of the site (header, breadcrumb, contact)."""
    html = environment().get_template(template).render(
        policy=policy, title=title, site_root=site_root, revision=revision,
        breadcrumb_here=breadcrumb_here or title, body=render_fragment(doctree), **extra)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html, encoding="utf-8")
    return path
