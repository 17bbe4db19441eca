"""Fields (PAGE, PAGEREF, TOC), bookmarks, hyperlinks and page breaks:
the cross-references of the table of contents and of internal links."""
from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.run import Run


def _fld_char(kind: str, dirty: bool = False):
    r = OxmlElement("w:r")
    fc = OxmlElement("w:fldChar")
    fc.set(qn("w:fldCharType"), kind)
    if dirty:
        fc.set(qn("w:dirty"), "true")
    r.append(fc)
    return r


def _instr(text: str):
    r = OxmlElement("w:r")
    it = OxmlElement("w:instrText")
    it.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    it.text = f" {text} "
    r.append(it)
    return r


def add_simple_field(paragraph, instr: str, shown: str, *, dirty: bool = False):
    """A complex field (PAGE, PAGEREF …). LibreOffice computes it at layout;
    Word recomputes a `dirty` one when it opens the file."""
    p = paragraph._p
    p.append(_fld_char("begin", dirty))
    p.append(_instr(instr))
    p.append(_fld_char("separate"))
    run = paragraph.add_run(shown)
    p.append(_fld_char("end"))
    return run


def begin_field(paragraph, instr: str) -> None:
    """Open a field whose result spans several paragraphs (the TOC)."""
    p = paragraph._p
    p.append(_fld_char("begin"))
    p.append(_instr(instr))
    p.append(_fld_char("separate"))


def end_field(paragraph) -> None:
    paragraph._p.append(_fld_char("end"))


def add_bookmark(paragraph, name: str, bookmark_id: int) -> None:
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(bookmark_id))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(bookmark_id))
    p = paragraph._p
    ppr = p.find(qn("w:pPr"))
    index = 1 if ppr is not None else 0
    p.insert(index, start)
    p.append(end)


def move_bookmark_end_last(paragraph) -> None:
    """Keep the bookmark around the whole heading text."""
    p = paragraph._p
    for end in p.findall(qn("w:bookmarkEnd")):
        p.remove(end)
        p.append(end)


def hyperlink(paragraph, *, anchor: str | None = None, rel_id: str | None = None):
    """An empty w:hyperlink appended to `paragraph`; the caller puts runs in it."""
    link = OxmlElement("w:hyperlink")
    if anchor:
        link.set(qn("w:anchor"), anchor)
    if rel_id:
        link.set(qn("r:id"), rel_id)
    link.set(qn("w:history"), "1")
    paragraph._p.append(link)
    return link


def page_break_run(paragraph) -> None:
    r = OxmlElement("w:r")
    br = OxmlElement("w:br")
    br.set(qn("w:type"), "page")
    r.append(br)
    paragraph._p.append(r)


def link_run(link, paragraph):
    """A new run inside the w:hyperlink `link` of `paragraph`."""
    r = OxmlElement("w:r")
    link.append(r)
    return Run(r, paragraph)
