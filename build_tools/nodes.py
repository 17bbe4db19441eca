"""Our few doctree nodes, beside docutils' own (DESIGN.md: one document model).

Writers render them; nothing here knows about a format.
"""
from __future__ import annotations

from docutils import nodes


class inserted(nodes.Inline, nodes.TextElement):
    """Text the new revision adds or changes (新旧対照表: underlined in the new column)."""


class deleted(nodes.Inline, nodes.TextElement):
    """Text the old revision had that the new one drops or changes (underlined in the old column)."""


ALL = (inserted, deleted)
