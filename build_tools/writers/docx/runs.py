"""Inline content of DocxTranslator: text runs, the character styles of
emphasis, literals, 新旧対照 marks (inserted, deleted, moved) and links."""
from __future__ import annotations

import re

from docutils import nodes
from docx.enum.style import WD_STYLE_TYPE

from ...nodes import MOVED
from . import ooxml
from .base import pass_node
from .styles import style_id

# Inline styles, strongest first: a run gets the first one on the stack.
INLINE_PRIORITY = ("Moved", "Inserted", "Deleted", "Hyperlink", "Strong", "Literal",
                   "Emphasis", "Superscript", "Subscript")


class RunsMixin:
    """visit_/depart_ for inline nodes; `self.inline` is the stack of
    character styles, `self.link` the stack of open w:hyperlink elements."""

    def add_text(self, text: str) -> None:
        para = self.ensure_paragraph()
        style = next((s for s in INLINE_PRIORITY if s in self.inline), None)
        if self.link and self.link[-1] is not None:
            run = ooxml.link_run(self.link[-1], para)
            run.text = text
        else:
            run = para.add_run(text)
        if style:
            run._r.style = style_id(run.part, style, WD_STYLE_TYPE.CHARACTER)
        self.mark_run(run)

    def visit_Text(self, node):
        text = node.astext()
        if isinstance(node.parent, (nodes.paragraph, nodes.TextElement)) or text.strip():
            if not text:
                return
            # Line breaks in source text are spaces in the output; Japanese text
            # has none, so joining without one keeps sentences whole.
            text = re.sub(r"\n(?=[^\x00-\x7f])|(?<=[^\x00-\x7f])\n", "", text).replace("\n", " ")
            self.add_text(text)

    def depart_Text(self, node):
        pass

    def _push(self, style):
        def visit(self, node):
            self.ensure_paragraph()
            self.inline.append(style)

        def depart(self, node):
            self.inline.remove(style)
        return visit, depart

    visit_emphasis, depart_emphasis = _push(None, "Emphasis")
    visit_strong, depart_strong = _push(None, "Strong")
    visit_literal, depart_literal = _push(None, "Literal")
    visit_title_reference, depart_title_reference = _push(None, "Emphasis")
    visit_subscript, depart_subscript = _push(None, "Subscript")
    visit_superscript, depart_superscript = _push(None, "Superscript")
    visit_math, depart_math = _push(None, "Literal")

    # In a 見え消し edition (self.changes) these words are revisions (changes.py),
    # not the 新旧対照表's character styles.
    def visit_inserted(self, node):
        self.ensure_paragraph()
        if self.changes is None:
            self.inline.append("Moved" if MOVED in node["classes"] else "Inserted")

    def depart_inserted(self, node):
        if self.changes is None:
            self.inline.pop()

    def visit_deleted(self, node):
        self.ensure_paragraph()
        if self.changes is None:
            self.inline.append("Moved" if MOVED in node["classes"] else "Deleted")

    def depart_deleted(self, node):
        if self.changes is None:
            self.inline.pop()

    def visit_inline(self, node):
        self.ensure_paragraph()
        self.remember_ids(node)
        moved = MOVED in node["classes"]
        node["_docx_pushed"] = moved
        if moved:
            self.inline.append("Moved")

    def depart_inline(self, node):
        if node.get("_docx_pushed"):
            self.inline.remove("Moved")
        node.attributes.pop("_docx_pushed", None)

    visit_abbreviation = visit_acronym = visit_generated = pass_node
    depart_abbreviation = depart_acronym = depart_generated = pass_node

    def visit_reference(self, node):
        para = self.ensure_paragraph()
        if node.get("refid"):
            self.link.append(ooxml.hyperlink(para, anchor=self.bookmark_for(node["refid"])))
        elif node.get("refuri", "").startswith(("http://", "https://", "mailto:")):
            from docx.opc.constants import RELATIONSHIP_TYPE as RT
            rel = para.part.relate_to(node["refuri"], RT.HYPERLINK, is_external=True)
            self.link.append(ooxml.hyperlink(para, rel_id=rel))
            self.inline.append("Hyperlink")
            node["_docx_pushed"] = True
        elif node.get("refuri", "").startswith("#"):
            self.link.append(ooxml.hyperlink(para, anchor=self.bookmark_for(node["refuri"][1:])))
        else:
            # Sphinx's resolved cross-document refs point at other HTML pages:
            # in one Word document they are plain text.
            self.link.append(None)

    def depart_reference(self, node):
        self.link.pop()
        if node.get("_docx_pushed"):
            self.inline.remove("Hyperlink")
        node.attributes.pop("_docx_pushed", None)
