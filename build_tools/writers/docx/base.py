"""What the parts of DocxTranslator share: Block, where paragraphs go (the
body, a table cell, a footnote), and the two trivial handlers that the
mixins assign to node names (`visit_tbody = pass_node`)."""
from __future__ import annotations

from docutils import nodes
from docx.enum.style import WD_STYLE_TYPE
from docx.text.paragraph import Paragraph

from ...errors import PolicyError
from . import ooxml
from .styles import style_id


class Block:
    """Where paragraphs go: the body, a table cell, or a footnote."""

    def __init__(self, kind, obj, document):
        self.kind, self.obj, self.document = kind, obj, document
        self.fresh_cell = kind == "cell"

    def add_paragraph(self, style: str) -> Paragraph:
        if self.kind == "cell":
            if self.fresh_cell:
                self.fresh_cell = False
                p = self.obj.paragraphs[0]
            else:
                p = self.obj.add_paragraph()
        elif self.kind == "footnote":
            p = ooxml.append_paragraph(self.obj, self.document)
        else:
            p = self.obj.add_paragraph()
        p._p.get_or_add_pPr().style = style_id(p.part, style, WD_STYLE_TYPE.PARAGRAPH)
        return p

    def add_table(self, rows, cols):
        if self.kind == "cell":
            self.fresh_cell = False
            table = self.obj.add_table(rows, cols)
            return table
        if self.kind == "footnote":
            raise PolicyError("脚注の中に表は書けません")
        return self.obj.add_table(rows, cols)


def pass_node(self, node):
    """The node adds nothing itself; its children are rendered."""


def skip_node(self, node):
    """Neither the node nor its children are rendered."""
    raise nodes.SkipNode
