"""Sections and the body: page numbering, a cover without footer and the
footer on every later page, and an empty body to write into."""
from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn


def restart_page_numbers(section, start: int = 1) -> None:
    sectpr = section._sectPr
    el = sectpr.find(qn("w:pgNumType"))
    if el is None:
        el = OxmlElement("w:pgNumType")
        # CT_SectPr order: … pgMar, paperSrc, pgBorders, lnNumType, pgNumType, cols …
        cols = sectpr.find(qn("w:cols"))
        if cols is not None:
            cols.addprevious(el)
        else:
            sectpr.append(el)
    el.set(qn("w:start"), str(start))


def move_footer_references(cover, body) -> None:
    """The footer (page numbers) on every page after the cover: the cover's
    section loses its footer reference and the body's section gets it
    (python-docx leaves a new section without one, to inherit the first's)."""
    source, target = cover._sectPr, body._sectPr
    refs = source.findall(qn("w:footerReference"))
    for ref in target.findall(qn("w:footerReference")):
        target.remove(ref)
    # CT_SectPr: header and footer references come first.
    for ref in reversed(refs):
        source.remove(ref)
        target.insert(0, ref)


def clear_body(document) -> None:
    """Remove the template's specimen content, keep the final w:sectPr."""
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
