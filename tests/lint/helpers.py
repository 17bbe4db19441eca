"""Linting a piece of RST in a test: docutils parses it (fast; the engine
takes any doctree with sources and lines), the rules run as `policy lint`
runs them."""
from __future__ import annotations

from pathlib import Path

from docutils.core import publish_doctree

from build_tools.lint.blocks import SourceFiles, blocks_of
from build_tools.lint.engine import run
from build_tools.lint.settings import Settings


def lint_rst(text: str, tmp: Path, settings: Settings | None = None, *, vertical=False):
    path = tmp / "doc.rst"
    path.write_text(text, encoding="utf-8")
    tree = publish_doctree(text, source_path=str(path),
                           settings_overrides={"report_level": 5, "halt_level": 5,
                                               "doctitle_xform": False})
    files = SourceFiles(tmp, {"doc.rst": "doc.rst"})
    return run(blocks_of(tree, files), settings or Settings(), vertical=vertical)


def as_rst(rule_id: str, example: str) -> str:
    """A rule's example as a document: headings as a heading, else a paragraph."""
    if rule_id == "KY-MIDASHI":
        return f"{example}\n{'=' * 40}\n\n本文です。\n"
    return f"{example}\n"
