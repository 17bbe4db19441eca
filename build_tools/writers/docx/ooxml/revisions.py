"""Revision markup (ECMA-376 Part 1 §17.13.5): the 見え消し edition's changes
as Word revisions, or as formatting only.

python-docx has no API for revisions, so they are written here:
- inserted / deleted runs: the run inside w:ins or w:del (a deleted run's
  text in w:delText), §17.13.5.18 and §17.13.5.14;
- a paragraph mark inserted or deleted: w:pPr/w:rPr/w:ins (w:del), so that
  rejecting (accepting) a whole new (old) paragraph removes the paragraph
  itself, not only its text, §17.13.5.16 and §17.13.5.15;
- table rows: w:trPr/w:ins, w:trPr/w:del, §17.13.5.17 and §17.13.5.13;
- moves: the source runs in w:moveFrom and the destination runs in w:moveTo,
  paragraph marks likewise, each side inside a named range
  (w:moveFromRangeStart/End, w:moveToRangeStart/End with the same w:name),
  §17.13.5.21–28. Table rows in a move are deleted and inserted rows (w:trPr
  has no move).

Each element gets a provisional id; `number_ids` gives every id of the
document one counter, above the notes' ids, once the body is complete.
"""
from __future__ import annotations

import datetime as dt

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from .paragraphs import insert_ppr_child

KINDS = ("ins", "del", "moveFrom", "moveTo")
_REMOVED = ("del", "moveFrom")          # their text is gone once accepted
ROW_KIND = {"ins": "ins", "del": "del", "moveFrom": "del", "moveTo": "ins"}
# Static marks: deletions double-struck, insertions underlined, moves as in
# the 新旧対照表 (double underline at the destination).
_STATIC = {"del": "w:dstrike", "moveFrom": "w:dstrike", "ins": "single", "moveTo": "double"}


class Changes:
    """How one document's changes are written: the author and date every
    revision carries, and whether they are revisions (`tracked`) or
    formatting only."""

    def __init__(self, *, author: str, epoch: int, tracked: bool = True):
        self.author = author or "author"
        self.date = dt.datetime.fromtimestamp(max(epoch, 0), dt.timezone.utc).strftime(
            "%Y-%m-%dT%H:%M:%SZ")
        self.tracked = tracked
        self._next = 1

    def _mark(self, tag: str):
        el = OxmlElement(f"w:{tag}")
        el.set(qn("w:id"), str(self._provisional()))
        el.set(qn("w:author"), self.author)
        el.set(qn("w:date"), self.date)
        return el

    def _provisional(self) -> int:
        self._next += 1
        return self._next

    def run(self, run, kind: str) -> None:
        """Mark one run (python-docx Run) as `kind`."""
        r = run._r
        if not self.tracked:
            rpr = r.get_or_add_rPr()
            if _STATIC[kind].startswith("w:"):
                el = OxmlElement(_STATIC[kind])
                style = rpr.find(qn("w:rStyle"))
                (style.addnext(el) if style is not None else rpr.insert(0, el))
            else:
                el = rpr.find(qn("w:u"))
                if el is None:
                    el = OxmlElement("w:u")
                    rpr.append(el)
                el.set(qn("w:val"), _STATIC[kind])
            return
        if kind == "del":
            for t in r.findall(qn("w:t")):
                t.tag = qn("w:delText")
        wrapper = self._mark(kind)
        r.addprevious(wrapper)
        wrapper.append(r)

    def paragraph_mark(self, paragraph, kind: str) -> None:
        if not self.tracked:
            return
        ppr = paragraph._p.get_or_add_pPr()
        rpr = ppr.find(qn("w:rPr"))
        if rpr is None:
            rpr = OxmlElement("w:rPr")
            insert_ppr_child(ppr, rpr)
        rpr.insert(0, self._mark(kind))   # CT_ParaRPr: the revision marks come first

    def row(self, row, kind: str) -> None:
        if not self.tracked:
            return
        row._tr.get_or_add_trPr().append(self._mark(ROW_KIND[kind]))

    def range_start(self, paragraph, kind: str, name: str) -> int:
        """Open the named range of a move's source or destination at the
        start of `paragraph`; return the id its end takes."""
        if not self.tracked:
            return 0
        el = self._mark(f"{kind}RangeStart")
        el.set(qn("w:name"), name)
        p = paragraph._p
        ppr = p.find(qn("w:pPr"))
        p.insert(1 if ppr is not None else 0, el)
        return int(el.get(qn("w:id")))

    def range_end(self, paragraph, kind: str, range_id: int) -> None:
        if not self.tracked or not range_id:
            return
        el = OxmlElement(f"w:{kind}RangeEnd")
        el.set(qn("w:id"), str(range_id))
        paragraph._p.append(el)


_STARTS = {qn(f"w:{t}") for t in ("bookmarkStart", "moveFromRangeStart", "moveToRangeStart",
                                   "commentRangeStart", "ins", "del", "moveFrom", "moveTo")}
_ENDS = {qn("w:bookmarkEnd"): qn("w:bookmarkStart"),
         qn("w:moveFromRangeEnd"): qn("w:moveFromRangeStart"),
         qn("w:moveToRangeEnd"): qn("w:moveToRangeStart"),
         qn("w:commentRangeEnd"): qn("w:commentRangeStart")}


def number_ids(document) -> None:
    """One id counter for the document: every bookmark, revision and range
    in the body gets the next number, above the footnotes' ids (Word calls a
    file whose annotation ids repeat corrupt); an end takes its start's."""
    from .footnotes import footnote_ids
    counter = max(footnote_ids(document), default=0)
    seen: dict[tuple[str, str], str] = {}
    for el in document.element.body.iter():
        if el.tag in _STARTS:
            counter += 1
            seen[(el.tag, el.get(qn("w:id")))] = str(counter)
            el.set(qn("w:id"), str(counter))
        elif el.tag in _ENDS:
            new = seen.get((_ENDS[el.tag], el.get(qn("w:id"))))
            if new is not None:
                el.set(qn("w:id"), new)
