"""The 見え消し edition: the new text's doctree, with every change since the
old text marked where it happened (nodes.REVISION_CLASSES on whole blocks,
`inserted` / `deleted` on words), for the Word writer to render as revisions.

Nothing is compared twice: the rows of the comparison say which sections
are added, deleted, moved or changed, and a changed paragraph's words are
the 新旧対照表's own (inline.diff, widened by words.py), paired by the same
rule as the table (table._pair_blocks). Old text is copied from the old
doctree: a deleted section (with its subsections) where it stood, a moved
section as the source of the move (its destination is the new one).

Rejecting every change gives the old text, accepting every change the new.
A block this module cannot map onto the doctree (its text is not the
unit's) falls back to the whole section's text deleted and inserted: the
marks are coarser, the two texts still exact.
"""
from __future__ import annotations

import difflib

from docutils import nodes, utils

from ..document import _SKIP, PREAMBLE, Document, _child_sections, _enum, clean
from ..nodes import (MOVE_NAME, PROVENANCE_LABEL, REVISION_DELETED, REVISION_INSERTED,
                     REVISION_MOVED_FROM, REVISION_MOVED_TO)
from .redline_words import mark_words
from .cells import pair_blocks as _pair_blocks


def redline_doctree(comparison, *, moves: bool = True, policy: dict | None = None) -> nodes.document:
    """The new document's doctree with the comparison's changes marked;
    editorial notes said as the editions say them (with `policy`)."""
    tree = _Redline(comparison, moves).run()
    if policy is not None:
        from ..nodes import EDITORIAL_NOTE
        from ..sphinx_ext import FIGURE_NAME, omitted_figure_note
        for container in tree.findall(nodes.container):
            if EDITORIAL_NOTE in container["classes"] and container.get(FIGURE_NAME):
                container.children = []
                container += omitted_figure_note(container[FIGURE_NAME], policy)
    return tree


class _Redline:
    def __init__(self, comparison, moves: bool):
        self.c = comparison
        self.moves = moves
        self.tree = comparison.new_document.doctree.deepcopy()
        if self.tree.reporter is None:   # a doctree from the reader's cache (pickled)
            self.tree.reporter = utils.Reporter("redline", utils.Reporter.SEVERE_LEVEL + 1,
                                                utils.Reporter.SEVERE_LEVEL + 1)
        self.new_nodes = Document(self.tree, "", []).section_nodes()
        self.old_nodes = comparison.old_document.section_nodes()
        self.pairs = {r.old.index: r.new.index for r in comparison.rows if r.old and r.new}
        self.back = {n: o for o, n in self.pairs.items()}
        self.old_units, self.new_units = comparison.old_units, comparison.new_units
        self.consumed_old: set[int] = set()
        self.consumed_new: set[int] = set()
        self.copies: list[tuple[int, nodes.section]] = []   # (old index, copy) to place
        self.old_index_of: dict[int, int] = {}               # id(copy) -> old index
        self.move_count = 0

    # --- the pass over the rows -----------------------------------------------

    def run(self) -> nodes.document:
        rows = self.c.rows
        for row in rows:   # moved sections: the whole subtree moves
            if row.old and row.new and row.moved and self._parent_paired(row.old):
                if row.old.index in self.consumed_old or row.new.index in self.consumed_new:
                    continue
                self._move(row.old.index, row.new.index)
        for unit in self.old_units:   # deleted sections, old order: a parent before its children
            if unit.index in self.pairs or unit.index in self.consumed_old:
                continue
            self._copy_old(unit.index, REVISION_DELETED)
        for row in rows:
            if not row.new or row.new.index in self.consumed_new:
                continue
            if row.old is None:
                self._mark_own(self.new_nodes[row.new.index], REVISION_INSERTED)
            elif row.old.index in self.consumed_old:   # its old text went with an ancestor
                self._mark_subtree_new(row.new.index, REVISION_INSERTED)
        for row in rows:
            if row.old and row.old.index not in self.consumed_old and \
                    row.new.index in self.consumed_new:
                self._copy_old(row.old.index, REVISION_DELETED)
        for row in rows:
            if row.old and row.new and row.kind != "unchanged" and \
                    row.old.index not in self.consumed_old and row.new.index not in self.consumed_new:
                self._in_place(row)
        for old_index, copy in sorted(self.copies, key=lambda item: item[0]):
            self._place(old_index, copy)
        return self.tree

    def _parent_paired(self, unit) -> bool:
        return unit.parent is None or unit.parent in self.pairs

    def _move(self, old_index: int, new_index: int) -> None:
        if self.moves:
            self.move_count += 1
            name = f"move{self.move_count}"
            self._mark_subtree_new(new_index, REVISION_MOVED_TO, name)
            self._copy_old(old_index, REVISION_MOVED_FROM, name)
        else:
            self._mark_subtree_new(new_index, REVISION_INSERTED)
            self._copy_old(old_index, REVISION_DELETED)

    # --- marking and copying whole sections -------------------------------------

    def _subtree(self, units, index: int) -> list[int]:
        out, depth = [index], units[index].depth
        for unit in units[index + 1:]:
            if unit.depth <= depth:
                break
            out.append(unit.index)
        return out

    def _mark_subtree_new(self, index: int, cls: str, name: str | None = None) -> None:
        for k in self._subtree(self.new_units, index):
            if k not in self.consumed_new:
                self.consumed_new.add(k)
                self._mark_own(self.new_nodes[k], cls, name)

    def _copy_old(self, index: int, cls: str, name: str | None = None) -> None:
        """The old section and its subsections (less those already copied
        elsewhere), marked `cls`, to be placed where the old text had it."""
        members = [k for k in self._subtree(self.old_units, index) if k not in self.consumed_old]
        keep = {id(self.old_nodes[k]) for k in members}
        copy = _copy_section(self.old_nodes[index], keep)
        for k in members:
            self.consumed_old.add(k)
        for section in copy.findall(nodes.section):
            self._mark_own(section, cls, name)
        _forget_ids(copy)
        self.copies.append((index, copy))

    def _mark_own(self, section, cls: str, name: str | None = None) -> None:
        for child in _own(section):
            _mark(child, cls, name)

    def _place(self, old_index: int, copy) -> None:
        """Insert `copy` among the sections of its old parent's partner, after
        the one that came just before it in the old text (counting only those
        a rejection keeps: not the moved-in or inserted ones)."""
        parent = self.old_units[old_index].parent
        if parent is None:
            top = [n for n, _ in _child_sections(self.tree, "")]
            container = top[0] if len(top) == 1 and self.old_units[0].heading != PREAMBLE else self.tree
            if self.new_units and self.new_units[0].heading == PREAMBLE:
                container = self.new_nodes[0]
        else:
            container = self.new_nodes[self.pairs[parent]]
        children = [n for n, _ in _child_sections(container, "")]
        new_index = {id(node): k for k, node in enumerate(self.new_nodes)}
        kept = []
        for child in children:
            k = new_index.get(id(child))
            was = self.old_index_of.get(id(child)) if k is None else \
                None if k in self.consumed_new else self.back.get(k)
            if was is not None:
                kept.append((was, child))
        self.old_index_of[id(copy)] = old_index
        before = [child for was, child in kept if was < old_index]
        after = [child for was, child in kept if was > old_index]
        if before:
            last = max((was, i, child) for i, (was, child) in enumerate(kept) if was < old_index)[2]
            last.parent.insert(last.parent.index(last) + 1, copy)
        elif after:
            first = after[0]
            first.parent.insert(first.parent.index(first), copy)
        elif children:
            last = children[-1]
            last.parent.insert(last.parent.index(last) + 1, copy)
        else:
            container.append(copy)

    # --- a section changed in place ---------------------------------------------

    def _in_place(self, row) -> None:
        old_node, new_node = self.old_nodes[row.old.index], self.new_nodes[row.new.index]
        old_blocks, new_blocks = _blocks(old_node), _blocks(new_node)
        if [b.text for b in old_blocks] != [b.text for b in row.old.blocks] or \
                [b.text for b in new_blocks] != [b.text for b in row.new.blocks]:
            return self._replace_section(row)
        if row.new.heading != PREAMBLE and row.old.heading != row.new.heading:
            title = new_node[0] if new_node.children and isinstance(new_node[0], nodes.title) else None
            if title is None or not mark_words(title, row.old.heading, row.new.heading):
                return self._replace_section(row)
        a, b = old_blocks, new_blocks
        matcher = difflib.SequenceMatcher(None, [x.text for x in a], [y.text for y in b],
                                          autojunk=False)
        anchor = None   # the last new block seen: a deleted block goes after it
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "equal":
                anchor = b[j2 - 1] if j2 > j1 else anchor
                continue
            for x, y in _pair_blocks(a[i1:i2], b[j1:j2]):
                if x and y:
                    if not (x.words and y.words and mark_words(y.words, x.own, y.own)):
                        _mark(y.unit, REVISION_INSERTED)
                        self._put_deleted(x, anchor, y)
                    anchor = y
                elif y:
                    _mark(y.unit, REVISION_INSERTED)
                    anchor = y
                else:   # the next deleted block goes after this one: old order kept
                    anchor = self._put_deleted(x, anchor, None, b[j1] if j1 < len(b) else None) \
                        or anchor

    def _put_deleted(self, old, anchor, before=None, following=None):
        """A copy of an old block, deleted, next to a new block of its kind:
        after `anchor`, else before `before` or `following`; returns the
        copy as a block (None when it found no place)."""
        copy = old.unit.deepcopy()
        _forget_ids(copy)
        _mark(copy, REVISION_DELETED)
        for target, after in ((before, False), (anchor, True), (following, False)):
            if target is not None and type(target.unit) is type(copy) and target.unit.parent:
                parent = target.unit.parent
                parent.insert(parent.index(target.unit) + (1 if after else 0), copy)
                return _Block(old.text, copy, None, old.group)
        # No block of its kind nearby (a list item where the new text has no
        # list): its whole list or table, holding only this block.
        holder = old.group.copy() if old.group is not None else None
        if holder is not None:
            holder += copy
            copy = holder
            _mark(copy, REVISION_DELETED)
        target = before or anchor or following
        if target is None:
            return None
        top = _top_block(target.unit)
        top.parent.insert(top.parent.index(top) + (1 if target is anchor else 0), copy)
        return _Block(old.text, copy, None, None)

    def _replace_section(self, row) -> None:
        """The fallback: the section's own old text deleted, its new text inserted."""
        new_node = self.new_nodes[row.new.index]
        old_copy = _copy_section(self.old_nodes[row.old.index], set())
        _forget_ids(old_copy)
        own = list(_own(old_copy))
        for child in own:
            _mark(child, REVISION_DELETED)
        self._mark_own(new_node, REVISION_INSERTED)
        # The old heading and text go just before the new heading.
        for child in reversed(own):
            new_node.insert(0, child)


# --- blocks: the units' text, mapped back onto doctree nodes ---------------------

class _Block:
    """One unit block: `unit` is the node to mark or copy whole (a paragraph,
    a list item, a table row …), `words` the text element whose words can be
    marked (None: mark the block whole), `own` its text without the list mark."""

    def __init__(self, text, unit, words=None, group=None, prefix=""):
        self.text, self.unit, self.words, self.group = text, unit, words, group
        self.own = text[len(prefix):]


def _blocks(section) -> list[_Block]:
    out: list[_Block] = []
    _collect(section, out, None, None, "")
    return out


def _collect(element, out, group, item, prefix):
    """Mirrors document._body (blocks_of), block for block."""
    for child in element.children:
        if isinstance(child, _SKIP) or isinstance(child, nodes.Invisible) or \
                PROVENANCE_LABEL in child.get("classes", ()):
            continue
        if isinstance(child, (nodes.paragraph, nodes.line_block)):
            text = clean(child.astext())
            if text:
                words = child if isinstance(child, nodes.paragraph) else None
                out.append(_Block(prefix + text, item or child, words, group, prefix))
                prefix, item = "", None
        elif isinstance(child, nodes.container):
            _collect(child, out, group, item, prefix)
        elif isinstance(child, (nodes.bullet_list, nodes.enumerated_list)):
            for number, li in enumerate(child.children, child.get("start", 1)):
                mark = "・" if isinstance(child, nodes.bullet_list) else _enum(child, number)
                _collect(li, out, child, li, mark)
        elif isinstance(child, nodes.table):
            caption = [c for c in child.children if isinstance(c, nodes.title)]
            if caption:
                out.append(_Block("［表］" + clean(caption[0].astext()), child, None, None))
            for row in child.findall(nodes.row):
                cells = [clean(entry.astext()).replace("\n", "／") for entry in row.children]
                out.append(_Block("｜".join(cells), row, None, child))
        elif isinstance(child, (nodes.image, nodes.figure)):
            out.append(_Block("［図］" + clean(child.astext() or child.get("alt", "")
                                             or child.get("uri", "")), child))
        elif isinstance(child, nodes.Element):
            if any(isinstance(c, nodes.Element) for c in child.children):
                _collect(child, out, group, item, prefix)
                prefix, item = "", None
            else:
                text = clean(child.astext())
                if text:
                    out.append(_Block(prefix + text, item or child, None, group, prefix))
                    prefix, item = "", None


def _own(section):
    """A section's own content: its title and blocks, not its subsections
    (nor the wrappers that hold inlined chapters)."""
    for child in section.children:
        if isinstance(child, nodes.section):
            continue
        if isinstance(child, nodes.Element) and next(iter(child.findall(nodes.section)), None):
            continue
        yield child


def _top_block(node):
    while node.parent is not None and not isinstance(node.parent, nodes.section):
        node = node.parent
    return node


def _mark(node, cls: str, name: str | None = None) -> None:
    if isinstance(node, nodes.Element):
        node["classes"].append(cls)
        if name:
            node[MOVE_NAME] = name


def _copy_section(section, keep: set[int]):
    """A deep copy of `section` without the subsections not in `keep`."""
    copy = section.copy()
    for child in section.children:
        if isinstance(child, nodes.section):
            if id(child) in keep:
                copy += _copy_section(child, keep)
        elif isinstance(child, nodes.Element) and next(iter(child.findall(nodes.section)), None):
            continue   # a wrapper of inlined chapters: they are sections of their own
        else:
            copy += child.deepcopy()
    return copy


def _forget_ids(node) -> None:
    """Old text keeps no anchors: links and bookmarks go to the new text."""
    for element in node.findall(nodes.Element):
        element["ids"] = []
        element["names"] = []
