"""The 見え消し edition's changes in DocxTranslator: blocks whose class is in
REVISION_CLASSES (wholly inserted, deleted, moved) and the `inserted` /
`deleted` words inside a changed paragraph, written through
ooxml.Changes as Word revisions or as formatting.

`self.change_stack` holds (kind, block) for every open marked node: a run
takes the innermost kind, a paragraph mark the innermost block's. A move's
range opens at its first paragraph and closes after the last node that
carries its name.
"""
from __future__ import annotations

from docutils import nodes

from ...nodes import MOVE_NAME, REVISION_CLASSES, deleted, inserted


class ChangesMixin:

    def init_changes(self, document, changes) -> None:
        self.changes = changes
        self.change_stack: list[tuple[str, bool]] = []
        # A move has two ranges, its source and its destination: (name, kind).
        self.open_moves: dict[tuple[str, str], int] = {}   # -> the range's id
        self.last_of_move: dict[tuple[str, str], int] = {}
        self.last_paragraph = None
        self._pending_move = None
        if changes is not None:
            for node in document.findall(nodes.Element):
                change = self._change_of(node)
                if node.get(MOVE_NAME) and change:
                    self.last_of_move[(node[MOVE_NAME], change[0])] = id(node)

    def _change_of(self, node):
        if self.changes is None or not isinstance(node, nodes.Element):
            return None
        if isinstance(node, inserted):
            return ("ins", False)
        if isinstance(node, deleted):
            return ("del", False)
        for cls in node.get("classes", ()):
            if cls in REVISION_CLASSES:
                return (REVISION_CLASSES[cls], True)
        return None

    def dispatch_visit(self, node):
        change = self._change_of(node)
        if change:
            self.change_stack.append(change)
            if node.get(MOVE_NAME):
                self._pending_move = (node[MOVE_NAME], change[0])
        try:
            return super().dispatch_visit(node)
        except nodes.SkipNode:
            self._after(node, change)
            raise

    def dispatch_departure(self, node):
        try:
            return super().dispatch_departure(node)
        finally:
            self._after(node, self._change_of(node))

    def _after(self, node, change) -> None:
        if not change:
            return
        self.change_stack.pop()
        key = (node.get(MOVE_NAME), change[0])
        if key[0] and self.last_of_move.get(key) == id(node) and key in self.open_moves:
            range_id = self.open_moves.pop(key)
            if self.last_paragraph is not None:
                self.changes.range_end(self.last_paragraph, key[1], range_id)

    def block_change(self) -> str | None:
        return next((kind for kind, block in reversed(self.change_stack) if block), None)

    def run_change(self) -> str | None:
        return self.change_stack[-1][0] if self.change_stack else None

    def mark_new_paragraph(self, paragraph) -> None:
        """A paragraph just made: its mark takes the enclosing block's change,
        and a move's range opens at its first paragraph."""
        self.last_paragraph = paragraph
        kind = self.block_change()
        if self.changes is None or kind is None:
            return
        self.changes.paragraph_mark(paragraph, kind)
        key = self._pending_move
        if key and key not in self.open_moves and key[1] == kind:
            self.open_moves[key] = self.changes.range_start(paragraph, kind, key[0])
            self._pending_move = None

    def mark_run(self, run) -> None:
        kind = self.run_change()
        if self.changes is not None and kind is not None:
            self.changes.run(run, kind)

    def mark_row(self, row) -> None:
        kind = self.block_change()
        if self.changes is not None and kind is not None:
            self.changes.row(row, kind)
