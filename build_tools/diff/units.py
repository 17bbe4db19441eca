"""A Document as a flat list of units: one per section of the reader's
index, with the section's own body blocks (paragraphs, list items, table
rows).

The comparison works on these units; a unit's body is only its own text,
not its subsections', so a change deep inside a chapter marks that
subsection's row, not the whole chapter.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..document import Block, Document, Section
from ..provisions import Provision, provisions_of


@dataclass
class Unit:
    """A section of the reader's index and its own text."""

    section: Section
    blocks: list[Block] = field(default_factory=list)
    provision: Provision | None = None      # its provision tree (項・号 … inside it)
    parent_unit: "Unit | None" = None

    index = property(lambda self: self.section.index)
    label = property(lambda self: self.section.label)
    html_id = property(lambda self: self.section.html_id)
    heading = property(lambda self: self.section.heading)
    number = property(lambda self: self.section.number)
    number_key = property(lambda self: self.section.number_key)
    kind = property(lambda self: self.section.kind)
    title = property(lambda self: self.section.title)
    depth = property(lambda self: self.section.depth)
    parent = property(lambda self: self.section.parent)

    @property
    def body(self) -> str:
        return "\n".join(b.text for b in self.blocks)


def units_of(document: Document) -> list[Unit]:
    """The units of `document`, in reading order, each with its provisions."""
    units: list[Unit] = []
    for provision in provisions_of(document).walk():
        section = provision.section
        if section is not None:
            parent = units[section.parent] if section.parent is not None else None
            units.append(Unit(section, provision.blocks, provision, parent))
    return units
