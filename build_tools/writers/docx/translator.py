"""A docutils NodeVisitor that renders a doctree into a python-docx Document.

It only names styles (see styles.py); raw XML goes through ooxml.py. Every
node type is handled or skipped on purpose; any other node is a PolicyError
naming the node and where it comes from.
"""
from __future__ import annotations

import re
from pathlib import Path

from docutils import nodes
from docutils.utils import get_source_line
from docx.shared import Emu, Inches
from docx.text.paragraph import Paragraph

from ...errors import PolicyError
from . import ooxml
from .styles import (BULLET_NUMBERING, CLASS_STYLES, ENUMERATED_NUMBERING, HEADING_LEVELS,
                     LIST_LEVELS, TABLE_STYLE)

RECONSTRUCTED_CLASS = "reconstructed"
PROVENANCE_LABEL_CLASS = "provenance-label"
COMPARISON_TABLE_CLASS = "comparison-table"
MOVED_CLASS = "moved"

# docutils enumtype → Word w:numFmt
NUM_FORMATS = {"arabic": "decimal", "loweralpha": "lowerLetter", "upperalpha": "upperLetter",
               "lowerroman": "lowerRoman", "upperroman": "upperRoman"}
ADMONITION_TITLES = {
    "note": "注記", "tip": "ヒント", "hint": "ヒント", "important": "重要",
    "warning": "警告", "caution": "注意", "attention": "注意", "danger": "危険",
    "error": "エラー", "seealso": "参照",
}
# Inline styles, strongest first: a run gets the first one on the stack.
INLINE_PRIORITY = ("Moved", "Inserted", "Deleted", "Hyperlink", "Strong", "Literal",
                   "Emphasis", "Superscript", "Subscript")


class _Block:
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
        p.style = style
        return p

    def add_table(self, rows, cols):
        if self.kind == "cell":
            self.fresh_cell = False
            table = self.obj.add_table(rows, cols)
            return table
        if self.kind == "footnote":
            raise PolicyError("脚注の中に表は書けません")
        return self.obj.add_table(rows, cols)


class DocxTranslator(nodes.NodeVisitor):
    def __init__(self, document: nodes.document, word, *, source_dir: Path | None = None,
                 text_width: int, skip_doc_title: bool = False):
        super().__init__(document)
        self.word = word
        self.source_dir = Path(source_dir) if source_dir else None
        self.text_width = text_width
        self.blocks = [_Block("body", word, word)]
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
    def block(self) -> _Block:
        return self.blocks[-1]

    def new_paragraph(self, style: str | None = None) -> Paragraph:
        self.para = self.block.add_paragraph(style or self.para_styles[-1])
        for name in self.pending_bookmarks:
            ooxml.add_bookmark(self.para, name, self._bookmark_number(name))
        self.pending_bookmarks = []
        return self.para

    def _bookmark_number(self, name: str) -> int:
        return int(name.rsplit("_", 1)[1])

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

    def add_text(self, text: str) -> None:
        para = self.ensure_paragraph()
        style = next((s for s in INLINE_PRIORITY if s in self.inline), None)
        if self.link and self.link[-1] is not None:
            run = ooxml.link_run(self.link[-1], para)
            run.text = text
        else:
            run = para.add_run(text)
        if style:
            run.style = style

    def error(self, node, message: str, hint: str | None = None) -> PolicyError:
        source, line = get_source_line(node)
        return PolicyError(message, file=source, line=line,
                           hint=hint or "この要素を使わない書き方にするか、"
                                        "Word 出力（build_tools/writers/docx）に処理を追加してください")

    def unknown_visit(self, node):
        raise self.error(node, f"Word（.docx）の書き出しが扱えない要素 <{node.tagname}> があります")

    def unknown_departure(self, node):
        raise self.error(node, f"Word（.docx）の書き出しが扱えない要素 <{node.tagname}> があります")

    def pass_node(self, node):
        pass

    def skip_node(self, node):
        raise nodes.SkipNode

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
            if MOVED_CLASS in node["classes"]:
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
        if MOVED_CLASS in node["classes"] and "Moved" in self.inline:
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
        if PROVENANCE_LABEL_CLASS in node["classes"]:
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

    # Sphinx plumbing around inlined chapters: render their content.
    visit_start_of_file = depart_start_of_file = pass_node

    def visit_compound(self, node):
        pass

    def depart_compound(self, node):
        pass

    def visit_container(self, node):
        self.remember_ids(node)
        if RECONSTRUCTED_CLASS in node["classes"]:
            self.para_styles.append(self.para_styles[-1])

    def depart_container(self, node):
        if RECONSTRUCTED_CLASS in node["classes"]:
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

    # --- inline --------------------------------------------------------------

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

    def visit_inserted(self, node):
        self.ensure_paragraph()
        self.inline.append("Moved" if MOVED_CLASS in node["classes"] else "Inserted")

    def depart_inserted(self, node):
        self.inline.pop()

    def visit_deleted(self, node):
        self.ensure_paragraph()
        self.inline.append("Moved" if MOVED_CLASS in node["classes"] else "Deleted")

    def depart_deleted(self, node):
        self.inline.pop()

    def visit_inline(self, node):
        self.ensure_paragraph()
        self.remember_ids(node)
        moved = MOVED_CLASS in node["classes"]
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
        self.blocks.append(_Block("footnote", note, self.word))
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

    # --- lists ---------------------------------------------------------------

    def _start_list(self, node, *, bullet: bool):
        level = len(self.lists)
        if level >= 9:
            raise self.error(node, "箇条書きの入れ子が深すぎます（9段まで）")
        if bullet:
            num_id = ooxml.new_list_instance(self.numbering, BULLET_NUMBERING)
            style = "List Bullet"
        else:
            fmt = NUM_FORMATS.get(node.get("enumtype", "arabic"), "decimal")
            text = f"{node.get('prefix', '')}%{level + 1}{node.get('suffix', '.')}"
            num_id = ooxml.new_list_instance(self.numbering, ENUMERATED_NUMBERING, level=level,
                                             num_format=fmt, text=text,
                                             start=int(node.get("start", 1)))
            style = "List Number"
        self.lists.append({"num_id": num_id, "level": level, "style": style, "first": False})
        self.remember_ids(node)

    def visit_bullet_list(self, node):
        self._start_list(node, bullet=True)

    def visit_enumerated_list(self, node):
        self._start_list(node, bullet=False)

    def depart_bullet_list(self, node):
        self.lists.pop()
        self.para = None

    depart_enumerated_list = depart_bullet_list

    def visit_list_item(self, node):
        current = self.lists[-1]
        current["first"] = True
        level = min(current["level"] + 1, LIST_LEVELS)
        self.para_styles.append("List Continue" if level == 1 else f"List Continue {level}")
        self.remember_ids(node)

    def depart_list_item(self, node):
        current = self.lists[-1]
        if current["first"]:       # an empty item still shows its bullet
            current["first"] = False
            self.new_paragraph(current["style"])
            ooxml.set_numbering(self.para, current["num_id"], current["level"])
        self.para_styles.pop()
        self.para = None

    def visit_definition_list(self, node):
        self.remember_ids(node)

    def depart_definition_list(self, node):
        pass

    visit_definition_list_item = depart_definition_list_item = pass_node

    def visit_term(self, node):
        self.new_paragraph("Definition Term")
        self.remember_ids(node)

    def depart_term(self, node):
        pass    # a classifier that follows joins the term's paragraph

    def visit_classifier(self, node):
        self.add_text("：")
        self.inline.append("Emphasis")

    def depart_classifier(self, node):
        self.inline.remove("Emphasis")

    def visit_definition(self, node):
        self.para = None
        self.para_styles.append("Definition")

    def depart_definition(self, node):
        self.para_styles.pop()
        self.para = None

    def visit_field_list(self, node):
        self.remember_ids(node)

    def depart_field_list(self, node):
        pass

    visit_field = depart_field = pass_node

    def visit_field_name(self, node):
        self.new_paragraph("Field Name")

    def depart_field_name(self, node):
        self.para = None

    def visit_field_body(self, node):
        self.para_styles.append("Definition")

    def depart_field_body(self, node):
        self.para_styles.pop()
        self.para = None

    def visit_option_list(self, node):
        raise self.error(node, "オプション一覧（option_list）は Word に書き出せません",
                         hint="定義リストで書いてください")

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

    # --- admonitions, topics -------------------------------------------------

    def _admonition(self, node):
        self.remember_ids(node)
        name = node.tagname
        if name in ADMONITION_TITLES:
            self.new_paragraph("Admonition Title")
            self.add_text(ADMONITION_TITLES[name])
            self.para = None
        self.para_styles.append("Admonition")

    def _admonition_end(self, node):
        self.para_styles.pop()
        self.para = None
        # Word draws one box around adjacent paragraphs with the same border:
        # an empty paragraph keeps two boxes apart.
        following = node.next_node(
            lambda n: not isinstance(n, (nodes.system_message, nodes.comment, nodes.target)),
            descend=False, siblings=True)
        if isinstance(following, (nodes.Admonition, nodes.topic, nodes.sidebar)):
            self.new_paragraph("Normal")
            self.para = None

    for _name in list(ADMONITION_TITLES) + ["admonition", "topic", "sidebar"]:
        locals()[f"visit_{_name}"] = _admonition
        locals()[f"depart_{_name}"] = _admonition_end
    del _name

    # --- tables --------------------------------------------------------------

    def visit_table(self, node):
        self.remember_ids(node)
        title = next((c for c in node.children if isinstance(c, nodes.title)), None)
        if title is not None:
            self.new_paragraph("Caption")
            self.inline_walk(title)
            self.para = None
        self.table_state.append({"node": node})

    def inline_walk(self, node):
        for child in node.children:
            child.walkabout(self)

    def depart_table(self, node):
        self.table_state.pop()
        self.para = None
        # Two tables in a row would merge into one in Word: keep a paragraph between.
        self.new_paragraph("Normal")
        self.para = None

    def visit_tgroup(self, node):
        state = self.table_state[-1]
        specs = [c for c in node.children if isinstance(c, nodes.colspec)]
        rows = [r for part in node.children if isinstance(part, (nodes.thead, nodes.tbody))
                for r in part.children]
        ncols = int(node["cols"])
        table = self.block.add_table(len(rows), ncols)
        table.style = TABLE_STYLE
        ooxml.table_width_pct(table, 100)
        ooxml.table_look_first_row(table, any(isinstance(p, nodes.thead) for p in node.children))
        widths = [int(s.get("colwidth", 1)) for s in specs] or [1] * ncols
        total = sum(widths)
        available = self.text_width
        table.autofit = False
        for i, col in enumerate(table.columns):
            col.width = Emu(int(available * widths[i] / total))
        # python-docx's table.cell() rebuilds the whole grid on every call;
        # keep the rows and the current row's cells instead (long tables).
        state.update(table=table, rows=list(table.rows), row=-1, occupied=set(), widths=widths,
                     split=COMPARISON_TABLE_CLASS in state["node"]["classes"])

    def depart_tgroup(self, node):
        pass

    visit_colspec = skip_node

    def visit_thead(self, node):
        self.in_table_header = True

    def depart_thead(self, node):
        self.in_table_header = False

    visit_tbody = depart_tbody = pass_node

    def visit_row(self, node):
        state = self.table_state[-1]
        state["row"] += 1
        state["col"] = 0
        row = state["rows"][state["row"]]
        state["cells"] = row.cells
        ooxml.row_flags(row, header=self.in_table_header, cant_split=not state["split"])

    def depart_row(self, node):
        pass

    def visit_entry(self, node):
        state = self.table_state[-1]
        table, r = state["table"], state["row"]
        while (r, state["col"]) in state["occupied"]:
            state["col"] += 1
        c = state["col"]
        right = c + int(node.get("morecols", 0))
        bottom = r + int(node.get("morerows", 0))
        if right > c or bottom > r:
            cell = table.cell(r, c).merge(table.cell(bottom, right))
            state["cells"] = state["rows"][r].cells  # the merge changed this row
        else:
            cell = state["cells"][c]
        for rr in range(r, bottom + 1):
            for cc in range(c, right + 1):
                state["occupied"].add((rr, cc))
        state["col"] = right + 1
        self.blocks.append(_Block("cell", cell, self.word))
        self.para_styles.append("Table Heading" if self.in_table_header else "Table Text")
        self.remember_ids(node)

    def depart_entry(self, node):
        self.flush_bookmarks()
        self.blocks.pop()
        self.para_styles.pop()
        self.para = None

    # --- figures and images --------------------------------------------------

    def visit_figure(self, node):
        self.remember_ids(node)
        self.para_styles.append("Figure")

    def depart_figure(self, node):
        self.para_styles.pop()
        self.para = None

    def visit_image(self, node):
        uri = node.get("uri", "")
        path = self._image_path(node, uri)
        para = self.para if self.para is not None and isinstance(node.parent, nodes.TextElement) \
            else self.new_paragraph("Figure")
        width = self._image_width(node, path)
        try:
            para.add_run().add_picture(str(path), width=width)
        except Exception as exc:  # python-docx raises several types for bad images
            raise self.error(node, f"画像 {uri} を Word に入れられません: {exc}",
                             hint="PNG または JPEG の画像を使ってください") from None
        if node.get("alt"):
            docpr = para._p.findall(".//" + ooxml.qn("wp:docPr"))[-1]
            docpr.set("descr", node["alt"])
        if not isinstance(node.parent, nodes.TextElement):
            self.para = None
        raise nodes.SkipNode

    def _image_path(self, node, uri: str) -> Path:
        candidates = []
        if self.source_dir:
            candidates.append(self.source_dir / uri.lstrip("/"))
        source = get_source_line(node)[0]
        if source:
            candidates.append(Path(source).parent / uri)
        candidates.append(Path(uri))
        for path in candidates:
            if path.is_file():
                return path
        raise self.error(node, f"画像ファイル {uri} が見つかりません",
                         hint="source/ からの相対パスで書いてください")

    def _image_width(self, node, path: Path):
        width = node.get("width", "")
        match = re.fullmatch(r"([\d.]+)\s*(%|px|mm|cm|in)?", str(width))
        if match:
            value, unit = float(match[1]), match[2] or "px"
            factor = {"%": self.text_width / 100, "px": Inches(1) / 96, "mm": 36000,
                      "cm": 360000, "in": Inches(1)}[unit]
            return Emu(min(int(value * factor), self.text_width))
        from docx.image.image import Image
        image = Image.from_file(str(path))
        return Emu(min(image.width, self.text_width))

    def visit_caption(self, node):
        self.new_paragraph("Caption")

    def depart_caption(self, node):
        self.para = None

    def visit_legend(self, node):
        self.para_styles.append("Legend")

    def depart_legend(self, node):
        self.para_styles.pop()
        self.para = None

    def visit_label(self, node):
        raise nodes.SkipNode
