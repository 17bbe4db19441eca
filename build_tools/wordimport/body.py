"""The body of a Word document as a flat list of blocks (取り込みの中間形).

    Heading(level, text, number)   a heading: its level, the text as shown
                                   (with its automatic number), the number
    Para(pieces, item)             a paragraph; `item` when it is a list item
    Table(rows, header_rows, …)    a table: a grid of cells, merged cells
                                   filled once and left empty elsewhere
    Reconstructed()                the label our editions put on a passage
                                   the project wrote (【再構成】…)

Leading full-width spaces (indentation typed by hand) are removed, a table
of contents is skipped, and so is a cover: the first section of the
document when it has no heading and a later one has.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from ..nodes import RECONSTRUCTED_LABEL
from .numbering import Number, Numbering
from .numbers import typed_number
from .package import number, w
from .runs import RunReader, plain
from .styles import Styles

_INDENT = " \t\u3000"
MAX_COLUMNS = 63          # Word's own limit on the columns of a table


@dataclass
class Heading:
    level: int
    text: str
    number: str


@dataclass
class Para:
    pieces: list
    item: Number | None = None
    caption: bool = False
    is_title: bool = False

    @property
    def text(self) -> str:
        return plain(self.pieces)


@dataclass
class Table:
    rows: list[list[list[Para]]]      # row → cell → paragraphs
    header_rows: int = 0
    widths: list[int] = field(default_factory=list)
    caption: str = ""


@dataclass
class Reconstructed:
    pass


@dataclass
class SectionBreak:
    pass


@dataclass
class Body:
    title: str
    blocks: list
    cover: list[str]          # the cover's lines, when one was left out
    footnotes: dict[str, list[Para]]
    # Styles of short body paragraphs that start with a number: headings the
    # style map could name (style name → (paragraphs, first example)).
    heading_like: dict[str, tuple[int, str]] = field(default_factory=dict)


class BodyReader:
    def __init__(self, styles: Styles, numbering: Numbering, runs: RunReader):
        self.styles, self.numbering, self.runs = styles, numbering, runs
        self.carried: list = []    # text of a paragraph whose mark was deleted (accepted)
        self.heading_like: dict[str, tuple[int, str]] = {}
        self.kind_levels: dict[str, int] = {}   # kind of a typed heading number → its level
        self.last_level = 0

    def read(self, body, footnotes_root, endnotes_root=None) -> Body:
        blocks = list(self._blocks(body))
        # Endnotes become footnotes too: RST has one kind of note.
        footnotes = {**self._footnotes(footnotes_root, "footnote", ""),
                     **self._footnotes(endnotes_root, "endnote", "e")}
        title = ""
        blocks, cover = _without_cover(blocks)
        for i, block in enumerate(blocks):
            if isinstance(block, Para) and block.is_title:
                title = block.text.strip()
                del blocks[i]
                break
        blocks = _captions([b for b in blocks if not isinstance(b, SectionBreak)])
        if not title and cover:
            title = cover[0]
        return Body(title, blocks, cover, footnotes, self.heading_like)

    # --- blocks -----------------------------------------------------------

    def _blocks(self, container):
        for child in container:
            if child.tag == w("p"):
                yield from self._paragraph(child)
            elif child.tag == w("tbl"):
                yield self._table(child)
            elif child.tag == w("sdt"):
                if _is_toc_or_cover(child):
                    continue
                content = child.find(w("sdtContent"))
                if content is not None:
                    yield from self._blocks(content)
            elif child.tag in (w("customXml"), w("ins"), w("moveTo")):
                yield from self._blocks(child)

    def _paragraph(self, p):
        ppr = p.find(w("pPr"))
        style_id = outline = num_id = ilvl = None
        deleted_mark = False
        if ppr is not None:
            style_el = ppr.find(w("pStyle"))
            style_id = style_el.get(w("val")) if style_el is not None else None
            lvl = ppr.find(w("outlineLvl"))
            outline = number(lvl.get(w("val")), 9, 0, 9) if lvl is not None else None
            num = ppr.find(w("numPr"))
            if num is not None:
                num_el, lvl_el = num.find(w("numId")), num.find(w("ilvl"))
                num_id = num_el.get(w("val")) if num_el is not None else None
                ilvl = number(lvl_el.get(w("val")), 0, 0, 8) if lvl_el is not None else None
            deleted_mark = ppr.find(f"{w('rPr')}/{w('del')}") is not None
        if num_id is None:
            num_id, style_ilvl = self.styles.numbering(style_id)
            ilvl = ilvl if ilvl is not None else style_ilvl
        pieces, in_toc = self.runs.pieces(p)
        breaks = ppr is not None and ppr.find(w("sectPr")) is not None
        if deleted_mark and not in_toc:
            # Its mark deleted, the paragraph joins the next one (which keeps its own style).
            self.carried += pieces
            return
        pieces, self.carried = self.carried + pieces, []
        text = plain(pieces)
        if in_toc or self.styles.is_skipped(style_id):
            if breaks:
                yield SectionBreak()
            return
        shown = self.numbering.number(num_id, ilvl, style_id) if text.strip() else None
        pieces = _strip(pieces)
        if pieces:
            level = self.styles.heading_level(style_id, outline)
            if plain(pieces) == RECONSTRUCTED_LABEL:
                yield Reconstructed()
            elif self.styles.is_title(style_id):
                yield Para(pieces, is_title=True)
            elif level or (level := self._typed_level(plain(pieces), shown)):
                heading = _heading(level, plain(pieces), shown)
                if heading.number and shown is None:
                    self.kind_levels.setdefault(_number_kind(heading.number), level)
                self.last_level = level
                yield heading
            else:
                self._heading_like(style_id, plain(pieces), shown)
                yield Para(pieces, shown, caption=self.styles.is_caption(style_id))
        if breaks:
            yield SectionBreak()

    def _typed_level(self, text: str, shown) -> int:
        """With typed_headings: the level of a short numbered paragraph, by
        the kind of its number (第1, 1, (1), ア …): the level that kind had
        before, else one below the heading before it."""
        if not self.styles.style_map.typed_headings or not _heading_like(text, shown):
            return 0
        kind = _number_kind(typed_number(text)[0])
        return self.kind_levels.setdefault(kind, min(self.last_level + 1, 9))

    def _heading_like(self, style_id, text: str, shown) -> None:
        if _heading_like(text, shown):
            name = self.styles.name(style_id)
            count, example = self.heading_like.get(name, (0, text))
            self.heading_like[name] = (count + 1, example)

    def _table(self, tbl) -> Table:
        grid = [number(c.get(w("w")), 0, 0, 100_000)
                for c in tbl.findall(f"{w('tblGrid')}/{w('gridCol')}")][:MAX_COLUMNS]
        rows: list[list[list[Para]]] = []
        header = 0
        for tr in tbl.findall(w("tr")):
            trpr = tr.find(w("trPr"))
            if trpr is not None and trpr.find(w("del")) is not None:
                continue
            row: list[list[Para]] = []
            if trpr is not None:
                before = trpr.find(w("gridBefore"))
                row += [[] for _ in range(number(before.get(w("val")), 0, 0, MAX_COLUMNS)
                                          if before is not None else 0)]
            for tc in tr.findall(w("tc")):
                tcpr = tc.find(w("tcPr"))
                span, merge = 1, None
                if tcpr is not None:
                    if tcpr.find(w("cellDel")) is not None:
                        continue
                    span_el, merge_el = tcpr.find(w("gridSpan")), tcpr.find(w("vMerge"))
                    span = number(span_el.get(w("val")), 1, 1, MAX_COLUMNS) if span_el is not None else 1
                    if merge_el is not None:
                        merge = merge_el.get(w("val"), "continue")
                row.append([] if merge == "continue" else _flat(self._blocks(tc)))
                row += [[] for _ in range(span - 1)]
            if trpr is not None and trpr.find(w("tblHeader")) is not None and header == len(rows):
                header += 1
            rows.append(row[:MAX_COLUMNS])
        width = max([len(grid)] + [len(r) for r in rows])
        rows = [r + [[] for _ in range(width - len(r))] for r in rows]
        widths = grid if len(grid) == width and all(grid) else []
        return Table(rows, header if header < len(rows) else 0, widths)

    def _footnotes(self, root, tag: str, prefix: str) -> dict[str, list[Para]]:
        notes = {}
        for note in (root.iter(w(tag)) if root is not None else ()):
            if note.get(w("type")) in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            notes[prefix + (note.get(w("id")) or "")] = _flat(self._blocks(note))
        return notes


def _heading(level: int, text: str, shown: Number | None) -> Heading:
    if shown is not None and shown.text:
        gap = "" if shown.suffix == "nothing" else "　" if shown.suffix == "tab" or \
            not shown.text.isascii() else " "
        return Heading(level, shown.text + gap + text, shown.text)
    typed = typed_number(text)
    return Heading(level, text, typed[0] if typed else "")


def _heading_like(text: str, shown) -> bool:
    """Short, no full stop, and a typed number first: a heading typed as text."""
    return shown is None and len(text) <= 40 and not text.endswith("。") and bool(typed_number(text))


def _number_kind(number: str) -> str:
    """第1 → 第0, （１） → (0), ア → ア, ① → ①, 一 → 一: one kind per family."""
    if any("\u2460" <= c <= "\u24ff" or "\u3251" <= c <= "\u32bf" for c in number):
        return "①"
    text = unicodedata.normalize("NFKC", number)
    text = re.sub(r"[0-9]+", "0", text)
    text = re.sub(r"[〇一二三四五六七八九十百千]+", "一", text)
    return re.sub(r"[ァ-ヺ]", "ア", text).rstrip(".")


def _strip(pieces: list) -> list:
    """Indentation typed with spaces and full-width spaces goes; so does
    trailing space."""
    pieces = list(pieces)
    while pieces and pieces[0][0] == "text" and not pieces[0][1].lstrip(_INDENT + "\n"):
        pieces.pop(0)
    if pieces and pieces[0][0] == "text":
        pieces[0] = ("text", pieces[0][1].lstrip(_INDENT + "\n"))
    while pieces and pieces[-1][0] == "text" and not pieces[-1][1].rstrip(_INDENT + "\n"):
        pieces.pop()
    if pieces and pieces[-1][0] == "text":
        pieces[-1] = ("text", pieces[-1][1].rstrip(_INDENT + "\n"))
    return [(k, _inner(v), *rest) if k == "text" else (k, v, *rest) for k, v, *rest in pieces]


def _inner(text: str) -> str:
    """A tab inside a paragraph is a full-width space; a line break between
    Japanese characters joins them, elsewhere it is a space."""
    text = text.replace("\t", "\u3000")
    text = re.sub(r"(?<=[^\x00-\x7f])\n(?=[^\x00-\x7f])", "", text)
    return text.replace("\n", " ")


def _flat(blocks) -> list[Para]:
    """Paragraphs of a cell or a note; a table inside becomes its rows' text."""
    out = []
    for block in blocks:
        if isinstance(block, Para):
            out.append(block)
        elif isinstance(block, Heading):
            out.append(Para([("text", block.text)]))
        elif isinstance(block, Table):
            for row in block.rows:
                text = "｜".join(" ".join(p.text for p in cell) for cell in row)
                out.append(Para([("text", text)]))
    return out


def _is_toc_or_cover(sdt) -> bool:
    """Word's own table of contents and cover page are content controls."""
    gallery = sdt.find(f"{w('sdtPr')}/{w('docPartObj')}/{w('docPartGallery')}")
    name = gallery.get(w("val"), "").lower() if gallery is not None else ""
    return "contents" in name or "cover" in name


def _without_cover(blocks):
    """A first section with no heading, before sections with headings, is a cover."""
    if SectionBreak() not in blocks:
        return blocks, []
    first = blocks.index(SectionBreak())
    head, rest = blocks[:first], blocks[first + 1:]

    def has(part, kind):
        return any(isinstance(b, Heading) if kind == "heading" else
                   isinstance(b, Para) and b.is_title for b in part)

    if has(head, "heading") or not has(rest, "heading") or has(head, "title") and not has(rest, "title"):
        return blocks, []
    return rest, [b.text for b in head if isinstance(b, Para) and b.text.strip()]


def _captions(blocks):
    """A caption paragraph right before a table is the table's title."""
    out = []
    for block in blocks:
        if isinstance(block, Table) and out and isinstance(out[-1], Para) and out[-1].caption:
            block.caption = out.pop().text
        out.append(block)
    return out
