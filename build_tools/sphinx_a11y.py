"""Install the project's one HTML translator: Sphinx's HTML5 translator with
the mixins of writers/html.py — header cells with a `scope` (JIS X 8341-3 /
WCAG 1.3.1), 公用文 list numbering kept, an unknown node an error.
"""
from __future__ import annotations

from .writers.html import TRANSLATOR_MIXINS, translator_class


def setup(app):
    from sphinx.writers.html5 import HTML5Translator

    base = app.registry.translators.get("html", HTML5Translator)
    if not issubclass(base, TRANSLATOR_MIXINS[0]):
        app.set_translator("html", translator_class(base), override=True)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
