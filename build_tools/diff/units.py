"""A doctree as a flat list of units: one per section, with its label,
number, title and body blocks (paragraphs, list items, table rows).

The comparison works on these units; a unit's body is only its own text,
not its subsections', so a change deep inside a chapter marks that
subsection's row, not the whole chapter.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from docutils import nodes

RECONSTRUCTED = "reconstructed"

# A heading number: 第三十八条の二, 第一章, 1., 1　, (1), （１）, ア, 附則.
_KANJI_NUM = "〇一二三四五六七八九十百千"
_NUMBER = re.compile(
    rf"^(?P<num>第[{_KANJI_NUM}0-9０-９]+(?P<kind>[編章節款目条])(?:の[{_KANJI_NUM}0-9０-９]+)*"
    r"|[(（][0-9０-９]+[)）]|[0-9０-９]+(?:[.．][0-9０-９]+)*[.．]?"
    r"|[(（][ア-ン][)）]|[ア-ン](?=[　 ]))"
    r"[　 .．]*")


@dataclass
class Block:
    """One paragraph-like piece of a section body."""

    text: str
    reconstructed: bool = False


@dataclass
class Unit:
    index: int
    label: str | None          # explicit RST label (.. _purpose:)
    html_id: str | None        # the section's HTML id for that label
    heading: str               # the whole title text
    number: str                # 「第三十八条の二」「(1)」 or ""
    kind: str                  # 条, 章 … for statutes, "" otherwise
    title: str                 # the title without its number
    depth: int
    parent: int | None
    blocks: list[Block] = field(default_factory=list)

    @property
    def body(self) -> str:
        return "\n".join(b.text for b in self.blocks)

    @property
    def number_key(self) -> str:
        return unicodedata.normalize("NFKC", self.number).strip("().　 ")


def split_heading(heading: str) -> tuple[str, str, str]:
    """(number, kind, title) of a heading."""
    match = _NUMBER.match(heading)
    if not match:
        return "", "", heading.strip()
    return match["num"], match["kind"] or "", heading[match.end():].strip()


def clean(text: str) -> str:
    # A line break inside a Japanese paragraph is not a space.
    text = re.sub(r"(?<=[^\x00-\x7f])\n(?=[^\x00-\x7f])", "", text)
    return re.sub(r"\s*\n\s*", " ", text).strip()


def units_of(document: nodes.document) -> tuple[str, list[Unit]]:
    """(document title, units in document order)."""
    explicit = {name for name, is_explicit in document.nametypes.items() if is_explicit}
    top = [c for c in document.children if isinstance(c, nodes.section)]
    title = ""
    units: list[Unit] = []
    roots = top
    if len(top) == 1:  # the document title: its subsections are the units
        title = clean(top[0][0].astext()) if top[0].children else ""
        roots = [top[0]]
        _body(top[0], [], False)  # text before the first chapter is ignored
        roots = [c for c in top[0].children if isinstance(c, nodes.section)]
        lead = []
        _body(top[0], lead, False)
        if lead:
            units.append(Unit(0, None, None, "（前文）", "", "", "（前文）", 0, None, lead))
    for section in roots:
        _walk(section, 0, None, units, explicit)
    return title, units


def _walk(section, depth, parent, units, explicit):
    heading = clean(section[0].astext()) if section.children and isinstance(
        section[0], nodes.title) else ""
    label = next((n for n in section["names"] if n in explicit), None)
    html_id = None
    if label:
        html_id = nodes.make_id(label) or None
    number, kind, title = split_heading(heading)
    unit = Unit(len(units), label, html_id, heading, number, kind, title, depth, parent)
    units.append(unit)
    _body(section, unit.blocks, False)
    for child in section.children:
        if isinstance(child, nodes.section):
            _walk(child, depth + 1, unit.index, units, explicit)


_SKIP = (nodes.title, nodes.section, nodes.target, nodes.comment, nodes.system_message,
         nodes.substitution_definition, nodes.pending, nodes.colspec)


def _body(element, blocks, reconstructed, prefix=""):
    for child in element.children:
        if isinstance(child, _SKIP) or isinstance(child, nodes.Invisible):
            continue
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
