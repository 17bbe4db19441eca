"""A Document as a flat list of units: one per section of the reader's
index, with the section's own body blocks (paragraphs, list items, table
rows).

The comparison works on these units; a unit's body is only its own text,
not its subsections', so a change deep inside a chapter marks that
subsection's row, not the whole chapter.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..document import Block, Document, Section, blocks_of


@dataclass
class Unit:
    """A section of the reader's index and its own text."""

    section: Section
    blocks: list[Block] = field(default_factory=list)

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
    """The units of `document`, in reading order."""
    units = []
    for node, section in zip(document.section_nodes(), document.sections):
        units.append(Unit(section, blocks_of(node)))
    return units
