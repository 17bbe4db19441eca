"""Tables of DocxTranslator: docutils tables (with spans) as Word tables in
the Policy Table style; the 新旧対照表 may split rows across pages."""
from __future__ import annotations

from docutils import nodes
from docx.shared import Emu

from ...nodes import COMPARISON_HEADING, COMPARISON_NOTE, COMPARISON_TABLE
from . import ooxml
from .base import Block, pass_node, skip_node
from .styles import TABLE_STYLE

# A 10pt full-width character and a Table Text line (1.375 lines + 2pt after), in EMU.
CHAR_EMU = 10 * 12700
LINE_EMU = int((10 * 1.375 + 2) * 12700)



def _heading_only(row) -> bool:
    paragraphs = list(row.findall(nodes.paragraph))
    return any(COMPARISON_HEADING in p["classes"] for p in paragraphs) and all(
        COMPARISON_HEADING in p["classes"] or COMPARISON_NOTE in p["classes"] for p in paragraphs)


class TablesMixin:
    """`self.table_state` is the stack of open tables (tables nest in cells);
    each cell is a Block that paragraphs go into."""

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
                     split=COMPARISON_TABLE in state["node"]["classes"])

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
        ooxml.row_flags(row, header=self.in_table_header,
                        cant_split=not state["split"] or self._fits_on_a_page(node, state))
        self.mark_row(row)

    def _fits_on_a_page(self, row, state) -> bool:
        """Whether a 新旧対照表 row, estimated from its text, is shorter than
        most of a page: such a row is kept whole (w:cantSplit), so its heading
        never ends a page without its text (LibreOffice does not keep a
        heading with the next paragraph inside a cell). Only a row taller
        than that splits, and its heading keeps with its first line
        (Table Cell Heading: keepNext) where Word honours it."""
        section = self.word.sections[-1]
        body = section.page_height - section.top_margin - section.bottom_margin
        total = sum(state["widths"])
        tallest = 0
        for entry, width in zip(row.children, state["widths"]):
            per_line = max(1, int(self.text_width * width / total / CHAR_EMU) - 1)
            lines = sum(-(-len(p.astext()) // per_line) or 1
                        for p in entry.findall(nodes.paragraph))
            tallest = max(tallest, lines)
        return tallest * LINE_EMU < body * 0.85

    def depart_row(self, node):
        state = self.table_state[-1]
        if state["split"] and _heading_only(node):
            # A row that is only a heading (a chapter's, with its sections in
            # the rows below) keeps with the next row: every paragraph keepNext.
            ooxml.keep_with_next(state["rows"][state["row"]]._tr)

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
        self.blocks.append(Block("cell", cell, self.word))
        self.para_styles.append("Table Heading" if self.in_table_header else "Table Text")
        self.remember_ids(node)

    def depart_entry(self, node):
        self.flush_bookmarks()
        self.blocks.pop()
        self.para_styles.pop()
        self.para = None
