"""Where the look lives (`templates/`), and the one Jinja environment that
renders our own pages: the site's pages, the single-page documents (新旧対照表,
public-comment result) and the print HTML behind every PDF. Sphinx renders
the web edition with its theme in `templates/html/theme/`, which includes
the same partials.
"""
from __future__ import annotations

from functools import cache
from pathlib import Path

import jinja2

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
HTML = TEMPLATES / "html"
THEME_DIR = HTML / "theme"
PARTIALS_DIR = HTML / "partials"
SITE_DIR = HTML / "site"
PRINT_DIR = HTML / "print"
PRINT_CSS = TEMPLATES / "print.css"
REFERENCE_DOCX = TEMPLATES / "reference.docx"
SITE_ASSETS = (THEME_DIR / "policy" / "static" / "policy.css",
               THEME_DIR / "policy" / "static" / "print.css")


@cache
def environment() -> jinja2.Environment:
    """Site and document pages by name (`history.html`), print pages as
    `print/document.html`."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(SITE_DIR), str(PARTIALS_DIR), str(HTML)]),
        autoescape=True, keep_trailing_newline=True, undefined=jinja2.StrictUndefined)


def shown(path: Path) -> str:
    """A template's path as a user finds it in the repository."""
    return str(path.relative_to(TEMPLATES.parent))
