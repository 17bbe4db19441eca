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
from docutils.writers import html5_polyglot

from .. import nodes as policy_nodes
from ..errors import PolicyError
from ..sphinx_run import PARTIALS_DIR, TEMPLATES

SITE_TEMPLATES = TEMPLATES / "html" / "site"


class PolicyHTMLTranslator(html5_polyglot.HTMLTranslator):
    """docutils' HTML5 translator plus our nodes; an unknown node is an error."""

    def visit_inserted(self, node):
        self.body.append(self.starttag(node, "ins", ""))

    def depart_inserted(self, node):
        self.body.append("</ins>")

    def visit_deleted(self, node):
        self.body.append(self.starttag(node, "del", ""))

    def depart_deleted(self, node):
        self.body.append("</del>")

    def unknown_visit(self, node):
        source, line = nodes.get_source_line(node)
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


def render_fragment(doctree: nodes.document) -> str:
    """The body of `doctree` as HTML (no <html>, <head> or <body>)."""
    parts = {}

    class _Capture(PolicyHTMLWriter):
        def assemble_parts(self):
            super().assemble_parts()
            parts.update(self.parts)

    publish_from_doctree(doctree, writer=_Capture(), settings_overrides=SETTINGS)
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
