"""The text of one Word paragraph (its runs), as a list of pieces.

A piece is ("text", str), ("note", footnote id; an endnote's with "e"
before it) or ("link", text, url).
Field codes are read for their result only (a TOC field is skipped as a
whole); deleted text (w:del, w:moveFrom) is dropped and inserted text kept,
which is only reached once the user accepted tracked changes; ruby keeps
its base text; hidden text (w:vanish) is not read; drawings, text boxes
and equations are counted, not read.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .package import R, w

M = "http://schemas.openxmlformats.org/officeDocument/2006/math"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"

_DESCEND = {w(t) for t in ("ins", "moveTo", "smartTag", "customXml", "fldSimple", "dir", "bdo")}
_DROP = {w(t) for t in ("del", "moveFrom", "pPr", "rPr", "proofErr", "bookmarkStart",
                        "bookmarkEnd", "commentRangeStart", "commentRangeEnd", "permStart",
                        "permEnd")}
_PICTURES = {w("drawing"), w("pict"), w("object"), f"{{{MC}}}AlternateContent"}

# Changes to text or structure a reviewer has not accepted yet (変更履歴).
TRACKED = tuple(w(t) for t in ("ins", "del", "moveFrom", "moveTo", "rPrChange", "pPrChange",
                               "sectPrChange", "tblPrChange", "trPrChange", "tcPrChange",
                               "tblGridChange", "numberingChange", "cellIns", "cellDel",
                               "cellMerge"))


@dataclass
class Fields:
    """Open complex fields (w:fldChar), across paragraphs: [instruction, in result]."""

    stack: list = field(default_factory=list)

    def shown(self) -> bool:
        return all(in_result for _, in_result in self.stack)

    def in_toc(self) -> bool:
        return any(instr.strip().upper().startswith("TOC") for instr, _ in self.stack)


@dataclass
class Counts:
    """What the import leaves out, told to the user once."""

    pictures: int = 0
    equations: int = 0


class RunReader:
    def __init__(self, relationships: dict, counts: Counts):
        self.relationships = relationships
        self.counts = counts
        self.fields = Fields()

    def pieces(self, paragraph) -> tuple[list, bool]:
        """(pieces, in a table of contents field) of a w:p."""
        out: list = []
        toc = self.fields.in_toc()
        self._walk(paragraph, out)
        return _merge(out), toc or self.fields.in_toc()

    def _walk(self, element, out):
        for child in element:
            tag = child.tag
            if tag == w("r"):
                self._run(child, out)
            elif tag == w("hyperlink"):
                rel = self.relationships.get(child.get(f"{{{R}}}id") or "")
                if rel and rel[2] and rel[1].startswith(("http://", "https://", "mailto:")):
                    inner: list = []
                    self._walk(child, inner)
                    text = "".join(p[1] for p in inner if p[0] == "text")
                    out.append(("link", text, rel[1]) if text.strip() else ("text", text))
                else:
                    self._walk(child, out)
            elif tag == w("sdt"):
                content = child.find(w("sdtContent"))
                if content is not None:
                    self._walk(content, out)
            elif tag == w("ruby"):
                base = child.find(w("rubyBase"))
                if base is not None:
                    self._walk(base, out)
            elif tag in _DESCEND:
                self._walk(child, out)
            elif tag in _PICTURES:
                self.counts.pictures += 1
            elif tag in (f"{{{M}}}oMath", f"{{{M}}}oMathPara"):
                self.counts.equations += 1
            # anything else (w:del, properties, bookmarks, unknown markup): no text

    def _run(self, run, out):
        hidden = _hidden(run)
        for child in run:
            tag = child.tag
            if tag == w("fldChar"):
                kind = child.get(w("fldCharType"))
                if kind == "begin":
                    self.fields.stack.append(["", False])
                elif kind == "separate" and self.fields.stack:
                    self.fields.stack[-1][1] = True
                elif kind == "end" and self.fields.stack:
                    self.fields.stack.pop()
                continue
            if tag == w("instrText"):
                if self.fields.stack:
                    self.fields.stack[-1][0] += child.text or ""
                continue
            if hidden or not self.fields.shown():
                continue
            if tag == w("t"):
                out.append(("text", child.text or ""))
            elif tag in (w("tab"), w("ptab")):
                out.append(("text", "\t"))
            elif tag in (w("br"), w("cr")):
                if child.get(w("type")) not in ("page", "column"):
                    out.append(("text", "\n"))
            elif tag == w("noBreakHyphen"):
                out.append(("text", "-"))
            elif tag == w("sym"):
                code = child.get(w("char"), "")
                try:
                    value = int(code, 16)
                except ValueError:
                    continue
                if not 0xF000 <= value <= 0xF0FF:   # symbol-font code points have no text
                    out.append(("text", chr(value)))
            elif tag == w("footnoteReference"):
                out.append(("note", child.get(w("id"))))
            elif tag == w("endnoteReference"):
                out.append(("note", "e" + (child.get(w("id")) or "")))
            elif tag in _PICTURES:
                self.counts.pictures += 1


def _hidden(run) -> bool:
    """Hidden text (w:vanish) is not part of the document a reader sees."""
    rpr = run.find(w("rPr"))
    vanish = rpr.find(w("vanish")) if rpr is not None else None
    return vanish is not None and vanish.get(w("val"), "true") not in ("0", "false", "off")


def _merge(pieces: list) -> list:
    out: list = []
    for piece in pieces:
        if piece[0] == "text" and out and out[-1][0] == "text":
            out[-1] = ("text", out[-1][1] + piece[1])
        elif piece != ("text", ""):
            out.append(piece)
    return out


def plain(pieces: list) -> str:
    return "".join(p[1] for p in pieces if p[0] in ("text", "link"))
