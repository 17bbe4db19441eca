"""Table XML python-docx has no API for: style rules and margins, header
shading, row flags (repeat header, do not split), w:tblLook and widths."""
from __future__ import annotations

from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn


def table_style_borders(style, size: int = 4) -> None:
    """All rules of a table style: w:sz is in eighths of a point (4 = 0.5pt)."""
    el = style.element
    tblpr = el.find(qn("w:tblPr"))
    if tblpr is None:
        tblpr = OxmlElement("w:tblPr")
        el.append(tblpr)
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        b = OxmlElement(f"w:{side}")
        b.set(qn("w:val"), "single")
        b.set(qn("w:sz"), str(size))
        b.set(qn("w:space"), "0")
        b.set(qn("w:color"), "000000")
        borders.append(b)
    tblpr.append(borders)
    margins = parse_xml(
        f'<w:tblCellMar {nsdecls("w")}><w:top w:w="40" w:type="dxa"/>'
        '<w:left w:w="85" w:type="dxa"/><w:bottom w:w="40" w:type="dxa"/>'
        '<w:right w:w="85" w:type="dxa"/></w:tblCellMar>')
    tblpr.append(margins)


def table_header_shading(style, fill: str = "E7E6E6") -> None:
    """Shade the header row through the style's firstRow condition."""
    el = style.element
    el.append(parse_xml(
        f'<w:tblStylePr {nsdecls("w")} w:type="firstRow"><w:rPr/><w:tblPr/>'
        f'<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{fill}"/></w:tcPr>'
        '</w:tblStylePr>'))


def row_flags(row, *, header: bool, cant_split: bool) -> None:
    """w:tblHeader repeats a header row on every page; w:cantSplit keeps a
    row on one page."""
    trpr = row._tr.get_or_add_trPr()
    if cant_split:
        trpr.append(OxmlElement("w:cantSplit"))
    if header:
        trpr.append(OxmlElement("w:tblHeader"))


def table_look_first_row(table, on: bool) -> None:
    tblpr = table._tbl.tblPr
    look = tblpr.find(qn("w:tblLook"))
    if look is None:
        look = OxmlElement("w:tblLook")
        tblpr.append(look)
    flags = (("w:firstRow", on, 0x20), ("w:lastRow", False, 0x40),
             ("w:firstColumn", False, 0x80), ("w:lastColumn", False, 0x100),
             ("w:noHBand", True, 0x200), ("w:noVBand", True, 0x400))
    for attr, value, _ in flags:
        look.set(qn(attr), "1" if value else "0")
    # The older hex form, which LibreOffice reads first.
    look.set(qn("w:val"), f"{sum(bit for _, value, bit in flags if value):04X}")


def table_width_pct(table, pct: int = 100) -> None:
    tblpr = table._tbl.tblPr
    w = tblpr.find(qn("w:tblW"))
    if w is None:
        w = OxmlElement("w:tblW")
        tblpr.append(w)
    w.set(qn("w:type"), "pct")
    w.set(qn("w:w"), str(pct * 50))


def cell_vmerge(cell, *, restart: bool) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    el = OxmlElement("w:vMerge")
    if restart:
        el.set(qn("w:val"), "restart")
    tcpr.append(el)
