"""新旧対照表 (comparison table): two doctrees → one comparison doctree.

    compare(old, new, settings=None) -> Comparison      (two read.Documents)
    compare_refs(project, old, new, settings=None) -> Comparison   (ids, refs, paths)

A Comparison has `rows` (one per aligned or added/deleted section, in the new
text's order), `is_empty`, and `doctree()` — the table as standard docutils
nodes plus our `inserted`/`deleted`, for every writer.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from docutils import nodes

from ..document import Document
from ..read import read_pair
from .align import align
from .settings import Settings, load_settings
from .units import Unit, units_of

KINDS = ("changed", "moved", "renamed", "renumbered", "added", "deleted", "unchanged")


@dataclass
class Row:
    """One row of the table: an old section, a new section, or both."""

    kind: str
    old: Unit | None
    new: Unit | None
    anchor: str = ""
    moved: bool = False        # its parent section changed
    renumbered: bool = False
    renamed: bool = False
    body_changed: bool = False

    @property
    def old_label(self) -> str | None:
        return self.old.label if self.old else None

    @property
    def new_label(self) -> str | None:
        return self.new.label if self.new else None

    @property
    def heading(self) -> str:
        return (self.new or self.old).heading


@dataclass
class Comparison:
    rows: list[Row]
    settings: Settings
    title: str = ""
    old_source: object = None   # read.Source of each input
    new_source: object = None
    old_units: list = field(default_factory=list)
    new_units: list = field(default_factory=list)
    old_document: Document | None = None   # the two inputs, for the 見え消し edition
    new_document: Document | None = None

    @property
    def is_empty(self) -> bool:
        return all(row.kind == "unchanged" for row in self.rows)

    @property
    def changed_rows(self) -> list[Row]:
        return [row for row in self.rows if row.kind != "unchanged"]

    def provision_pairs(self) -> dict:
        """{id(old provision): new provision} for every provision in both texts,
        as the table pairs them (sections by the rows, 項・号 inside them)."""
        from .body import provision_pairs
        pairs: dict = {}
        if self.old_units and self.new_units:
            pairs[id(self.old_units[0].provision.path()[0])] = self.new_units[0].provision.path()[0]
        for row in self.rows:
            if row.old is not None and row.new is not None:
                provision_pairs(row.old, row.new, pairs)
        return pairs

    def provision_trees(self) -> tuple:
        """The (old, new) provision trees the comparison was made from."""
        return tuple(units[0].provision.path()[0] if units else None
                     for units in (self.old_units, self.new_units))

    def doctree(self, settings: Settings | None = None) -> nodes.document:
        from .table import build_table
        return build_table(self, settings or self.settings)


def compare(old: Document, new: Document, settings: Settings | None = None) -> Comparison:
    """The comparison of two documents (each from the one reader)."""
    old_units, new_units = units_of(old), units_of(new)
    pairs = align(old_units, new_units)
    rows = _rows(old_units, new_units, pairs)
    return Comparison(rows, settings or Settings(), new.title or old.title,
                      old_source=old.source, new_source=new.source,
                      old_units=old_units, new_units=new_units,
                      old_document=old, new_document=new)


def compare_refs(project, old: str, new: str, settings: Settings | None = None) -> Comparison:
    """Compare two inputs, each a revision id, a git ref or a path."""
    old_doc, new_doc = read_pair(project, old, new)
    if settings is None:
        settings = load_settings(project.root if project else None)
    return compare(old_doc, new_doc, settings)


def _rows(old: list[Unit], new: list[Unit], pairs: dict[int, int]) -> list[Row]:
    back = {n: o for o, n in pairs.items()}
    rows: list[Row] = []
    next_old = 0

    def flush_deleted(upto):
        nonlocal next_old
        while next_old < upto:
            if next_old not in pairs:
                rows.append(Row("deleted", old[next_old], None))
            next_old += 1

    for unit in new:
        o = back.get(unit.index)
        if o is None:
            rows.append(Row("added", None, unit))
            continue
        flush_deleted(o)
        next_old = max(next_old, o + 1)
        rows.append(_paired(old[o], unit, pairs))
    flush_deleted(len(old))
    used = set()
    for number, row in enumerate(rows, 1):
        unit = row.new or row.old
        anchor = f"cmp-{unit.html_id}" if unit.html_id else f"cmp-row-{number}"
        while anchor in used:
            anchor += "-2"
        used.add(anchor)
        row.anchor = anchor
    return rows


def _paired(a: Unit, b: Unit, pairs) -> Row:
    row = Row("unchanged", a, b)
    mapped_parent = pairs.get(a.parent) if a.parent is not None else None
    row.moved = mapped_parent != b.parent
    row.renumbered = a.number_key != b.number_key
    row.renamed = a.title != b.title
    row.body_changed = [x.text for x in a.blocks] != [x.text for x in b.blocks]
    for flag, kind in ((row.moved, "moved"), (row.renumbered, "renumbered"),
                       (row.renamed, "renamed"), (row.body_changed, "changed")):
        if flag:
            row.kind = kind
            break
    return row
