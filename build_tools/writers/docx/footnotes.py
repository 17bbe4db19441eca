"""Footnotes and citations of DocxTranslator: each reference becomes a Word
footnote whose body is rendered there, so Word numbers and places it."""
from __future__ import annotations

from docutils import nodes
from docx.text.paragraph import Paragraph

from . import ooxml
from .base import Block


class FootnotesMixin:
    """A footnote is rendered where it is referenced, not where it stands."""

    def visit_footnote_reference(self, node):
        para = self.ensure_paragraph()
        target = self.footnotes_by_id.get(node.get("refid", ""))
        if target is None:
            raise self.error(node, f"脚注 [{node.astext()}] の本文が見つかりません")
        if self._footnote_part is None:
            self._footnote_part = ooxml.footnotes_part(self.word)
        ref_style = self.word.styles["Footnote Reference"].style_id
        note, fid = ooxml.new_footnote(self._footnote_part, ref_style)
        ooxml.footnote_reference_run(para, fid, ref_style)
        # Render the footnote body into the note, then come back to this paragraph.
        saved = (self.para, self.inline, self.link, self.lists, self.para_styles)
        self.para, self.inline, self.link, self.lists = None, [], [], []
        self.para_styles = ["Footnote Text"]
        self.blocks.append(Block("footnote", note, self.word))
        first = True
        for child in target.children:
            if isinstance(child, nodes.label):
                continue
            child.walkabout(self)
            if first and note.find(ooxml.qn("w:p")) is not None:
                ooxml.footnote_mark_run(Paragraph(note.find(ooxml.qn("w:p")), self.word),
                                        ref_style)
                first = False
        self.blocks.pop()
        self.para, self.inline, self.link, self.lists, self.para_styles = saved
        raise nodes.SkipNode

    visit_citation_reference = visit_footnote_reference

    def visit_footnote(self, node):
        raise nodes.SkipNode   # rendered where it is referenced

    visit_citation = visit_footnote

    def visit_label(self, node):
        raise nodes.SkipNode   # Word numbers footnotes itself
