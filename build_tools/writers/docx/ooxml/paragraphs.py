"""Paragraph properties (w:pPr) the template's styles need: borders,
shading, indents in character units, tab stops, and the child order Word
insists on."""
from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn


def remove_paragraph_border(ppr) -> None:
    for el in ppr.findall(qn("w:pBdr")):
        ppr.remove(el)


def set_paragraph_border(ppr, sides=("top", "left", "bottom", "right"), size=4,
                         space=4, color="000000") -> None:
    borders = OxmlElement("w:pBdr")
    for side in sides:
        b = OxmlElement(f"w:{side}")
        b.set(qn("w:val"), "single")
        b.set(qn("w:sz"), str(size))
        b.set(qn("w:space"), str(space))
        b.set(qn("w:color"), color)
        borders.append(b)
    insert_ppr_child(ppr, borders)


def set_shading(ppr, fill: str) -> None:
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    insert_ppr_child(ppr, shd)


def set_indent_chars(ppr, *, first_line: int | None = None, left: int | None = None,
                     hanging: int | None = None, twips_per_char: int = 210) -> None:
    """Indents in hundredths of a character (w:firstLineChars etc.), the unit
    Japanese documents use, plus the same in twips for readers that ignore
    the character units (LibreOffice uses w:firstLine, w:left)."""
    ind = ppr.find(qn("w:ind"))
    if ind is None:
        ind = OxmlElement("w:ind")
        insert_ppr_child(ppr, ind)
    for name, value in (("firstLine", first_line), ("left", left), ("hanging", hanging)):
        if value is not None:
            ind.set(qn(f"w:{name}"), str(value * twips_per_char // 100))
            ind.set(qn(f"w:{name}Chars"), str(value))


def add_tab_stop_right_dots(ppr, pos_twips: int) -> None:
    tabs = OxmlElement("w:tabs")
    tab = OxmlElement("w:tab")
    tab.set(qn("w:val"), "right")
    tab.set(qn("w:leader"), "dot")
    tab.set(qn("w:pos"), str(pos_twips))
    tabs.append(tab)
    insert_ppr_child(ppr, tabs)


# Order of w:pPr children (CT_PPrBase) that we write; Word rejects other orders.
_PPR_ORDER = ["w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:widowControl",
              "w:numPr", "w:pBdr", "w:shd", "w:tabs", "w:spacing", "w:ind", "w:jc",
              "w:outlineLvl", "w:rPr", "w:sectPr"]


def insert_ppr_child(ppr, child) -> None:
    tag = child.tag
    order = [qn(t) for t in _PPR_ORDER]
    old = ppr.find(tag)
    if old is not None:
        ppr.replace(old, child)
        return
    rank = order.index(tag)
    for i, existing in enumerate(ppr):
        if existing.tag in order and order.index(existing.tag) > rank:
            ppr.insert(i, child)
            return
    ppr.append(child)


def keep_with_next(element) -> None:
    """w:keepNext on every paragraph under `element` (a table row: Word then
    keeps the row on the page of the next one)."""
    for p in element.iter(qn("w:p")):
        ppr = p.find(qn("w:pPr"))
        if ppr is None:
            ppr = OxmlElement("w:pPr")
            p.insert(0, ppr)
        insert_ppr_child(ppr, OxmlElement("w:keepNext"))
