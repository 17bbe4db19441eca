"""A Document as a flat list of units: one per section of the reader's
index, with the section's own body blocks (paragraphs, list items, table
rows).

The comparison works on these units; a unit's body is only its own text,
not its subsections', so a change deep inside a chapter marks that
subsection's row, not the whole chapter.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from docutils import nodes

from ..nodes import PROVENANCE_LABEL, RECONSTRUCTED
from ..document import Document, Section, clean


@dataclass
class Block:
    """One paragraph-like piece of a section body."""

    text: str
    reconstructed: bool = False


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
        unit = Unit(section)
        _body(node, unit.blocks, False)
        units.append(unit)
    return units


_SKIP = (nodes.title, nodes.section, nodes.target, nodes.comment, nodes.system_message,
         nodes.substitution_definition, nodes.pending, nodes.colspec)


def _body(element, blocks, reconstructed, prefix=""):
    for child in element.children:
        if isinstance(child, _SKIP) or isinstance(child, nodes.Invisible) or \
                PROVENANCE_LABEL in child.get("classes", ()):
            continue  # the edition's label on reconstructed text is not text of either revision
        if isinstance(child, nodes.paragraph) or isinstance(child, nodes.line_block):
            text = clean(child.astext())
            if text:
                blocks.append(Block(prefix + text, reconstructed))
                prefix = ""
        elif isinstance(child, nodes.container):
            _body(child, blocks, reconstructed or RECONSTRUCTED in child["classes"])
        elif isinstance(child, (nodes.bullet_list, nodes.enumerated_list)):
            for number, item in enumerate(child.children, child.get("start", 1)):
                mark = "・" if isinstance(child, nodes.bullet_list) else _enum(child, number)
                _body(item, blocks, reconstructed, prefix=mark)
        elif isinstance(child, nodes.table):
            caption = [c for c in child.children if isinstance(c, nodes.title)]
            if caption:
                blocks.append(Block("［表］" + clean(caption[0].astext()), reconstructed))
            for row in child.findall(nodes.row):
                cells = [clean(entry.astext()).replace("\n", "／") for entry in row.children]
                blocks.append(Block("｜".join(cells), reconstructed))
        elif isinstance(child, (nodes.image, nodes.figure)):
            blocks.append(Block("［図］" + clean(child.astext() or child.get("alt", "")
                                                 or child.get("uri", "")), reconstructed))
        elif isinstance(child, nodes.Element):
            if any(isinstance(c, nodes.Element) for c in child.children):
                _body(child, blocks, reconstructed, prefix)
                prefix = ""
            else:
                text = clean(child.astext())
                if text:
                    blocks.append(Block(prefix + text, reconstructed))
                    prefix = ""


def _enum(lst, number) -> str:
    enumtype = lst.get("enumtype", "arabic")
    if enumtype == "arabic":
        shown = str(number)
    else:
        shown = chr(ord("a" if "alpha" in enumtype and "lower" in enumtype else "A") + number - 1) \
            if "alpha" in enumtype else str(number)
    return lst.get("prefix", "") + shown + lst.get("suffix", ".")
