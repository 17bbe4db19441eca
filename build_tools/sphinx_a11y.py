"""Our HTML markup in the web edition: Sphinx's HTML translator with the
same mixins as the pipeline's own HTML writer (writers/html.py) — header
cells with a `scope` (JIS X 8341-3 / WCAG 1.3.1), 公用文 list numbering kept.
"""
from __future__ import annotations

from .writers.html import KeepEnumeration, TableHeaderScope


def setup(app):
    from sphinx.writers.html5 import HTML5Translator

    base = app.registry.translators.get("html", HTML5Translator)
    app.set_translator("html", type("PolicyHTML5Translator",
                                    (KeepEnumeration, TableHeaderScope, base), {}),
                       override=True)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
