"""A docutils NodeVisitor that renders a doctree into a python-docx Document.

DocxTranslator is the one visitor; its visit_/depart_ handlers are grouped
by topic in mixins (runs, lists, admonitions, tables, figures, footnotes)
that share the state set up here. It only names styles (see styles.py); raw
XML goes through the ooxml package. Every node type is handled or skipped
on purpose; any other node is a PolicyError naming the node and where it
comes from.
"""
from __future__ import annotations

import re
from pathlib import Path

from docutils import nodes
from docutils.utils import get_source_line
from docx.text.paragraph import Paragraph

from ...errors import PolicyError
from ...nodes import MOVED, PROVENANCE_LABEL, RECONSTRUCTED
from . import ooxml
from .admonitions import AdmonitionsMixin
from .base import Block, pass_node, skip_node
from .changes import ChangesMixin
from .figures import FiguresMixin
from .footnotes import FootnotesMixin
from .lists import ListsMixin
from .runs import RunsMixin
from .styles import CLASS_STYLES, HEADING_LEVELS
from .tables import TablesMixin



class DocxTranslator(ChangesMixin, RunsMixin, ListsMixin, AdmonitionsMixin, TablesMixin,
                     FiguresMixin, FootnotesMixin, nodes.NodeVisitor):
    """Document structure (sections, titles, paragraphs, simple blocks) and
    the state and helpers every mixin uses."""

    def __init__(self, document: nodes.document, word, *, source_dir: Path | None = None,
                 text_width: int, skip_doc_title: bool = False, changes=None):
        super().__init__(document)
        self.init_changes(document, changes)
        self.word = word
        self.source_dir = Path(source_dir) if source_dir else None
        self.text_width = text_width
        self.blocks = [Block("body", word, word)]
        self.para: Paragraph | None = None
        self.para_styles: list[str] = ["Body Text"]
        self.inline: list[str] = []
        self.link: list = []            # current w:hyperlink element, or None
        self.section_level = 0
        # A Sphinx document is one section whose title is the document's
        # title: its subsections are the chapters (Heading 1).
        self.top_is_title = sum(isinstance(c, nodes.section) for c in document.children) == 1
        self.skip_doc_title = skip_doc_title   # the caller wrote a title block
        self.lists: list[dict] = []
        self.pending_bookmarks: list[str] = []
        self.bookmarks: dict[str, str] = {}
        self.placed_bookmarks: set[str] = set()   # each name once (Sphinx repeats ids per chapter)
        self.next_bookmark = 0
        self.footnotes_by_id = {}
        for fn in document.findall(lambda n: isinstance(n, (nodes.footnote, nodes.citation))):
            for node_id in fn["ids"]:
                self.footnotes_by_id[node_id] = fn
        self._footnote_part = None
        self.headings: list[tuple[int, str, str]] = []   # (level, text, bookmark)
        self.doc_title: str | None = None
        self.numbering = word.part.numbering_part.element
        self.in_table_header = False
        self.table_state: list[dict] = []
        self.line_indent = -1

    # --- helpers -----------------------------------------------------------

    @property
    def block(self) -> Block:
        return self.blocks[-1]

    def new_paragraph(self, style: str | None = None) -> Paragraph:
        self.para = self.block.add_paragraph(style or self.para_styles[-1])
        for name in self.pending_bookmarks:
            if name not in self.placed_bookmarks:
                self.placed_bookmarks.add(name)
                # A provisional id: ooxml.number_ids numbers the whole document.
                ooxml.add_bookmark(self.para, name, len(self.placed_bookmarks))
        self.pending_bookmarks = []
        self.mark_new_paragraph(self.para)
        return self.para

    def bookmark_for(self, node_id: str) -> str:
        """Word bookmark names: letters, digits and _ only, at most 40 characters."""
        if node_id not in self.bookmarks:
            safe = re.sub(r"[^A-Za-z0-9]", "_", node_id)[:28] or "id"
            self.bookmarks[node_id] = f"ref_{safe}_{self.next_bookmark}"
            self.next_bookmark += 1
        return self.bookmarks[node_id]

    def remember_ids(self, node) -> None:
        for node_id in node.get("ids", []):
            self.pending_bookmarks.append(self.bookmark_for(node_id))

    def ensure_paragraph(self) -> Paragraph:
        if self.para is None:
            self.new_paragraph()
        return self.para

    def error(self, node, message: str, hint: str | None = None) -> PolicyError:
        source, line = get_source_line(node)
        return PolicyError(message, file=source, line=line,
                           hint=hint or "この要素を使わない書き方にするか、"
                                        "Word 出力（build_tools/writers/docx）に処理を追加してください")

    def unknown_visit(self, node):
        raise self.error(node, f"Word（.docx）の書き出しが扱えない要素 <{node.tagname}> があります")

    def unknown_departure(self, node):
        raise self.error(node, f"Word（.docx）の書き出しが扱えない要素 <{node.tagname}> があります")

    # --- structure ---------------------------------------------------------

    def visit_document(self, node):
        pass

    def depart_document(self, node):
        self.flush_bookmarks()

    def flush_bookmarks(self):
        if self.pending_bookmarks:
            self.new_paragraph("Normal")
            self.para = None

    def visit_section(self, node):
        self.section_level += 1
        self.remember_ids(node)

    def depart_section(self, node):
        self.section_level -= 1

    def visit_title(self, node):
        parent = node.parent
        if isinstance(parent, nodes.section):
            level = self.section_level - (1 if self.top_is_title else 0)
            if level <= 0 and self.skip_doc_title:
                raise nodes.SkipNode
            if level <= 0:
                style = "Title"
                self.doc_title = node.astext()
            else:
                style = f"Heading {min(level, HEADING_LEVELS)}"
            self.new_paragraph(style)
            if level > 0:
                bookmark = self.bookmark_for(parent["ids"][0]) if parent["ids"] else None
                self.headings.append((level, node.astext(), bookmark))
            if MOVED in node["classes"]:
                self.inline.append("Moved")
        elif isinstance(parent, nodes.table):
            raise nodes.SkipNode    # rendered as the table's caption
        elif isinstance(parent, (nodes.topic, nodes.sidebar, nodes.admonition)):
            self.new_paragraph("Admonition Title")
        elif isinstance(parent, nodes.document):
            self.new_paragraph("Title")
            self.doc_title = node.astext()
        else:
            raise self.error(node, "この位置の見出しは Word に書き出せません")

    def depart_title(self, node):
        if MOVED in node["classes"] and "Moved" in self.inline:
            self.inline.remove("Moved")
        if self.para is not None:
            ooxml.move_bookmark_end_last(self.para)
        self.para = None

    def visit_subtitle(self, node):
        self.new_paragraph("Subtitle")

    def depart_subtitle(self, node):
        self.para = None

    def visit_rubric(self, node):
        self.new_paragraph("Rubric")

    def depart_rubric(self, node):
        self.para = None

    def visit_paragraph(self, node):
        style = self.para_styles[-1]
        if PROVENANCE_LABEL in node["classes"]:
            style = "Provenance Label"
        for cls in node["classes"]:
            style = CLASS_STYLES.get(cls, style)
        if self.lists and self.lists[-1]["first"]:
            current = self.lists[-1]
            current["first"] = False
            self.new_paragraph(current["style"])
            ooxml.set_numbering(self.para, current["num_id"], current["level"])
        else:
            self.new_paragraph(style)
        self.remember_ids(node)

    def depart_paragraph(self, node):
        self.para = None

    visit_compact_paragraph = visit_paragraph
    depart_compact_paragraph = depart_paragraph

    # Sphinx plumbing around inlined chapters: render their content.
    visit_start_of_file = depart_start_of_file = pass_node

    def visit_compound(self, node):
        pass

    def depart_compound(self, node):
        pass

    def visit_container(self, node):
        self.remember_ids(node)
        if RECONSTRUCTED in node["classes"]:
            self.para_styles.append(self.para_styles[-1])

    def depart_container(self, node):
        if RECONSTRUCTED in node["classes"]:
            self.para_styles.pop()

    def visit_target(self, node):
        self.remember_ids(node)
        raise nodes.SkipNode

    visit_comment = visit_substitution_definition = visit_index = skip_node
    visit_pending_xref = skip_node   # unresolved references never reach here
    visit_meta = visit_decoration = skip_node

    def visit_raw(self, node):
        if "docx" in node.get("format", "").split():
            raise self.error(node, "raw 指令の docx 形式には対応していません")
        raise nodes.SkipNode

    def visit_only(self, node):
        expr = node.get("expr", "")
        if not re.fullmatch(r"\s*(docx|word|not\s+html|not\s+latex)\s*", expr):
            raise nodes.SkipNode

    def depart_only(self, node):
        pass

    def visit_system_message(self, node):
        if node.get("level", 2) < 2:     # INFO: docutils' own notes, not the author's mistakes
            raise nodes.SkipNode
        raise self.error(node, "文書に RST の誤りが残っています: " + node.astext()[:120])

    def visit_problematic(self, node):
        raise self.error(node, "文書に RST の誤りが残っています: " + node.astext()[:120])

    def visit_transition(self, node):
        self.new_paragraph("Transition")
        self.para = None
        raise nodes.SkipNode

    # --- line blocks, quotations, literal blocks ---------------------------

    def visit_line_block(self, node):
        self.remember_ids(node)
        self.line_indent += 1   # a nested line block is indented one more space

    def depart_line_block(self, node):
        self.line_indent -= 1
        self.para = None

    def visit_line(self, node):
        self.new_paragraph("Line Block")
        if self.line_indent:
            self.add_text("\u3000" * self.line_indent)
        if not node.children:
            self.add_text("")

    def depart_line(self, node):
        self.para = None

    def visit_block_quote(self, node):
        self.remember_ids(node)
        self.para_styles.append("Block Text")

    def depart_block_quote(self, node):
        self.para_styles.pop()

    def visit_attribution(self, node):
        self.new_paragraph("Attribution")
        self.add_text("――")

    def depart_attribution(self, node):
        self.para = None

    def visit_literal_block(self, node):
        self.new_paragraph("Literal Block")
        self.remember_ids(node)
        lines = node.astext().split("\n")
        for i, line in enumerate(lines):
            if i:
                self.para.add_run().add_break()
            self.add_text(line)
        self.para = None
        raise nodes.SkipNode

    visit_doctest_block = visit_literal_block
