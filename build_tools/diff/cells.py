"""The pieces a comparison cell is made of: marked paragraphs, notes, and a
table inside a section compared as a table — row by row (rows added or
deleted marked as rows), cell by cell within a row that changed."""
from __future__ import annotations

import difflib

from docutils import nodes

from ..document import Block
from ..nodes import (COMPARISON_CELL_TABLE as CELL_TABLE, COMPARISON_NOTE, PROVENANCE_LABEL,
                     RECONSTRUCTED, RECONSTRUCTED_MARK, ROW_ADDED, ROW_DELETED, deleted, inserted)
from . import inline
from .align import _bigrams, similarity

BLOCK_SIMILARITY = 0.35   # paragraphs, rows or provisions less alike are deleted + inserted


def marked(pieces, side) -> list[nodes.Node]:
    out = []
    for piece in pieces:
        text = piece.old if side == "old" else piece.new
        if not text:
            continue
        if piece.op == inline.EQUAL:
            out.append(nodes.Text(text))
        else:
            out.append(deleted(text, text) if side == "old" else inserted(text, text))
    return out


def paragraph(children, block: Block) -> nodes.paragraph:
    para = nodes.paragraph("", "")
    if block.reconstructed:
        para["classes"].append(RECONSTRUCTED)
        para += nodes.inline(RECONSTRUCTED_MARK, RECONSTRUCTED_MARK,
                             classes=[COMPARISON_NOTE, PROVENANCE_LABEL])
    para.extend(children)
    return para


def note(text, kind="comparison-mark") -> nodes.paragraph:
    return nodes.paragraph(text, text, classes=[COMPARISON_NOTE, kind])


def table_segments(blocks: list[Block]) -> list[tuple[str, list[Block]]]:
    """Consecutive blocks as ("paragraph", [one block]) or ("table", its rows)."""
    out: list[tuple[str, list[Block]]] = []
    for block in blocks:
        if block.cells is not None and out and out[-1][0] == "table" \
                and out[-1][1][-1].table == block.table:
            out[-1][1].append(block)
        else:
            out.append(("table" if block.cells is not None else "paragraph", [block]))
    return out


def tables_pair(new_rows: list[Block] | None, old_rows: list[Block] | None):
    """(new table, old table): the rows aligned, a changed row compared
    cell by cell; a side given as None is None."""
    new_table = _skeleton(new_rows) if new_rows else None
    old_table = _skeleton(old_rows) if old_rows else None
    if new_rows and not old_rows:
        for row in new_rows:
            _add_row(new_table, row, [[inserted(c, c)] if c else [] for c in row.cells], ROW_ADDED)
        return new_table, None
    if old_rows and not new_rows:
        for row in old_rows:
            _add_row(old_table, row, [[deleted(c, c)] if c else [] for c in row.cells], ROW_DELETED)
        return None, old_table
    matcher = difflib.SequenceMatcher(None, [r.text for r in old_rows], [r.text for r in new_rows],
                                      autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            for x, y in zip(old_rows[i1:i2], new_rows[j1:j2]):
                _add_row(old_table, x, [[nodes.Text(c)] for c in x.cells])
                _add_row(new_table, y, [[nodes.Text(c)] for c in y.cells])
            continue
        for x, y in pair_blocks(old_rows[i1:i2], new_rows[j1:j2]):
            if x and y and len(x.cells) == len(y.cells):
                pieces = [inline.diff(a, b) for a, b in zip(x.cells, y.cells)]
                _add_row(old_table, x, [marked(p, "old") for p in pieces])
                _add_row(new_table, y, [marked(p, "new") for p in pieces])
                continue
            if x:
                _add_row(old_table, x, [[deleted(c, c)] if c else [] for c in x.cells], ROW_DELETED)
            if y:
                _add_row(new_table, y, [[inserted(c, c)] if c else [] for c in y.cells], ROW_ADDED)
    return new_table, old_table


def _skeleton(rows: list[Block]) -> nodes.table:
    table = nodes.table(classes=[CELL_TABLE, "colwidths-given"])
    group = nodes.tgroup(cols=max(len(r.cells) for r in rows))
    table += group
    for column in range(group["cols"]):
        # As wide as its text asks, within bounds: a 年月 column stays narrow
        # beside its 内容, and no column shrinks to one character a line.
        longest = max((len(r.cells[column]) for r in rows if column < len(r.cells)), default=1)
        group += nodes.colspec(colwidth=max(6, min(30, longest)))
    if any(r.header for r in rows):
        group += nodes.thead()
    group += nodes.tbody()
    return table


def _add_row(table: nodes.table, block: Block, cells: list[list[nodes.Node]], kind: str = ""):
    group = table[0]
    part = group[-2] if block.header and isinstance(group[-2], nodes.thead) else group[-1]
    row = nodes.row(classes=[kind] if kind else [])
    cells = [list(c) for c in cells]
    if block.reconstructed and cells:   # labelled like a reconstructed paragraph
        cells[0].insert(0, nodes.inline(RECONSTRUCTED_MARK, RECONSTRUCTED_MARK,
                                        classes=[COMPARISON_NOTE, PROVENANCE_LABEL]))
    for children in cells + [[] for _ in range(group["cols"] - len(cells))]:
        entry = nodes.entry()
        entry += nodes.paragraph("", "", *children)
        row += entry
    part += row


def pair_blocks(olds, news):
    """Pair changed paragraphs in order, each with the most similar one
    ahead; an unlike paragraph is shown as deleted plus inserted (a character
    diff of unrelated texts is both unreadable and slow)."""
    grams_new = [_bigrams(y.text) for y in news]
    out, j = [], 0
    for x in olds:
        gx = _bigrams(x.text)
        best, best_sim = None, BLOCK_SIMILARITY
        for k in range(j, len(news)):
            sim = similarity(gx, grams_new[k])
            if sim > best_sim:
                best, best_sim = k, sim
        if best is None:
            out.append((x, None))
            continue
        out += [(None, y) for y in news[j:best]]
        out.append((x, news[best]))
        j = best + 1
    out += [(None, y) for y in news[j:]]
    return out
