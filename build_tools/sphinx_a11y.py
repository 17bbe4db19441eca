"""Accessibility fixes to the HTML that docutils and Sphinx write.

Header cells get a `scope` (JIS X 8341-3 / WCAG 1.3.1: a screen reader then
announces the column or row header with each cell). `TableHeaderScope` is a
mixin, so the HTML writer for pages Sphinx does not build can use it too.
"""
from __future__ import annotations

from docutils import nodes


class TableHeaderScope:
    """Adds scope="col" to header-row cells and scope="row" to stub cells."""

    def visit_entry(self, node):
        super().visit_entry(node)
        tag = self.body[-1]
        if tag.startswith("<th") and "scope=" not in tag:
            scope = "col" if isinstance(node.parent.parent, nodes.thead) else "row"
            self.body[-1] = tag.replace("<th", f'<th scope="{scope}"', 1)


def setup(app):
    from sphinx.writers.html5 import HTML5Translator

    from .writers.html import KeepEnumeration

    base = app.registry.translators.get("html", HTML5Translator)
    app.set_translator("html", type("PolicyHTML5Translator",
                                    (KeepEnumeration, TableHeaderScope, base), {}),
                       override=True)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
