"""Tables of DocxTranslator: docutils tables (with spans) as Word tables in
the Policy Table style; the 新旧対照表 may split rows across pages."""
from __future__ import annotations

from docutils import nodes
from docx.shared import Emu

from ...nodes import COMPARISON_TABLE
from . import ooxml
from .base import Block, pass_node, skip_node
from .styles import TABLE_STYLE



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
        ooxml.row_flags(row, header=self.in_table_header, cant_split=not state["split"])
        self.mark_row(row)

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
        self.blocks.append(Block("cell", cell, self.word))
        self.para_styles.append("Table Heading" if self.in_table_header else "Table Text")
        self.remember_ids(node)

    def depart_entry(self, node):
        self.flush_bookmarks()
        self.blocks.pop()
        self.para_styles.pop()
        self.para = None
