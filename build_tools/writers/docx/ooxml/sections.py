"""Sections and the body: page numbering that starts after the cover, a
cover without footer, and an empty body to write into."""
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


def remove_footer_references(section) -> None:
    """A section without page numbers (the cover)."""
    sectpr = section._sectPr
    for ref in sectpr.findall(qn("w:footerReference")):
        sectpr.remove(ref)


def clear_body(document) -> None:
    """Remove the template's specimen content, keep the final w:sectPr."""
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
