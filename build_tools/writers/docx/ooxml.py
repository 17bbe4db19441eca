"""Raw WordprocessingML where python-docx has no API.

This is the only module of the DOCX writer that builds Word XML by hand
(DESIGN.md §4). Everything here is format plumbing: fields, bookmarks,
hyperlinks, table row flags, numbering instances, footnotes, fonts, and the
reproducible zip. Nothing here chooses how the document looks: styles come
from templates/reference.docx by name.
"""
from __future__ import annotations

import copy
import datetime as dt
import io
import zipfile
from pathlib import Path

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import PartFactory, XmlPart
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn

# Load footnotes.xml as XML (python-docx keeps unknown parts as opaque bytes).
PartFactory.part_type_for.setdefault(CT.WML_FOOTNOTES, XmlPart)

THEME_FONT_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


# --- fonts and language -------------------------------------------------------

def set_fonts(rpr, font: str) -> None:
    """One font for every script of a run properties element (w:rPr), so
    neither the theme nor Word's East Asian fallback replaces it."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in THEME_FONT_ATTRS:
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), font)


def strip_theme_fonts(element) -> int:
    """Remove theme font references under `element`; return how many."""
    count = 0
    for fonts in element.iter(qn("w:rFonts")):
        for attr in THEME_FONT_ATTRS:
            if fonts.attrib.pop(qn(attr), None) is not None:
                count += 1
    return count


def set_language(rpr, lang: str = "ja-JP") -> None:
    el = rpr.find(qn("w:lang"))
    if el is None:
        el = OxmlElement("w:lang")
        rpr.append(el)
    el.set(qn("w:val"), lang)
    el.set(qn("w:eastAsia"), lang)
    el.set(qn("w:bidi"), "ar-SA")


def doc_defaults_rpr(styles_element):
    return styles_element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))


def style_rpr(style) -> object:
    return style.element.get_or_add_rPr()


def set_underline(rpr, kind: str) -> None:
    """kind: "single" or "double" (新旧対照表: 傍線 / 二重傍線)."""
    el = rpr.find(qn("w:u"))
    if el is None:
        el = OxmlElement("w:u")
        rpr.append(el)
    el.set(qn("w:val"), kind)


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
    _insert_ppr_child(ppr, borders)


def set_shading(ppr, fill: str) -> None:
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    _insert_ppr_child(ppr, shd)


def set_indent_chars(ppr, *, first_line: int | None = None, left: int | None = None,
                     hanging: int | None = None, twips_per_char: int = 210) -> None:
    """Indents in hundredths of a character (w:firstLineChars etc.), the unit
    Japanese documents use, plus the same in twips for readers that ignore
    the character units (LibreOffice uses w:firstLine, w:left)."""
    ind = ppr.find(qn("w:ind"))
    if ind is None:
        ind = OxmlElement("w:ind")
        _insert_ppr_child(ppr, ind)
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
    _insert_ppr_child(ppr, tabs)


# Order of w:pPr children (CT_PPrBase) that we write; Word rejects other orders.
_PPR_ORDER = ["w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:widowControl",
              "w:numPr", "w:pBdr", "w:shd", "w:tabs", "w:spacing", "w:ind", "w:jc",
              "w:outlineLvl", "w:rPr", "w:sectPr"]


def _insert_ppr_child(ppr, child) -> None:
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


# --- tables ------------------------------------------------------------------

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


# --- fields, bookmarks, links ----------------------------------------------

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


# --- numbering ----------------------------------------------------------------

def abstract_num_by_name(numbering, name: str):
    for abstract in numbering.findall(qn("w:abstractNum")):
        el = abstract.find(qn("w:name"))
        if el is not None and el.get(qn("w:val")) == name:
            return abstract
    return None


def new_list_instance(numbering, template_name: str, *, level: int | None = None,
                      num_format: str | None = None, text: str | None = None,
                      start: int = 1) -> int:
    """A fresh numbering instance (w:num) whose counter starts anew.

    For enumerated lists the abstract definition named `template_name` is
    copied and level `level` gets the list's own format ("decimal",
    "lowerLetter"…), text ("(%1)") and start; the copy keeps the template's
    indents and fonts, so the look stays in the template."""
    abstract = abstract_num_by_name(numbering, template_name)
    if abstract is None:
        raise KeyError(template_name)
    abstract_ids = [int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))]
    num_ids = [int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))]
    if num_format is not None:
        clone = copy.deepcopy(abstract)
        new_abstract_id = max(abstract_ids) + 1
        clone.set(qn("w:abstractNumId"), str(new_abstract_id))
        clone.remove(clone.find(qn("w:name")))
        nsid = clone.find(qn("w:nsid"))
        if nsid is not None:
            nsid.set(qn("w:val"), f"{0x5000_0000 + new_abstract_id:08X}")
        for lvl in clone.findall(qn("w:lvl")):
            if int(lvl.get(qn("w:ilvl"))) == level:
                lvl.find(qn("w:start")).set(qn("w:val"), str(start))
                lvl.find(qn("w:numFmt")).set(qn("w:val"), num_format)
                lvl.find(qn("w:lvlText")).set(qn("w:val"), text)
        last_abstract = numbering.findall(qn("w:abstractNum"))[-1]
        last_abstract.addnext(clone)
        abstract_id = new_abstract_id
    else:
        abstract_id = int(abstract.get(qn("w:abstractNumId")))
    num_id = max(num_ids, default=0) + 1
    num = parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}">'
                    f'<w:abstractNumId w:val="{abstract_id}"/></w:num>')
    numbering.append(num)
    return num_id


def set_numbering(paragraph, num_id: int, level: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    numpr = parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/>'
                      f'<w:numId w:val="{num_id}"/></w:numPr>')
    _insert_ppr_child(ppr, numpr)


def abstract_num_xml(abstract_id: int, name: str, levels: list[tuple[str, str, str]],
                     *, font: str, indent_twips: int = 420, hanging_twips: int = 420) -> str:
    """An abstract numbering definition for the template: levels are
    (w:numFmt, w:lvlText, w:lvlJc)."""
    parts = [f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">',
             f'<w:nsid w:val="{0x4000_0000 + abstract_id:08X}"/>',
             '<w:multiLevelType w:val="hybridMultilevel"/>', f'<w:name w:val="{name}"/>']
    for ilvl, (fmt, text, jc) in enumerate(levels):
        left = indent_twips * (ilvl + 1)
        parts.append(
            f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="{jc}"/>'
            f'<w:pPr><w:ind w:left="{left}" w:hanging="{hanging_twips}"/></w:pPr>'
            f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:eastAsia="{font}" '
            f'w:cs="{font}"/></w:rPr></w:lvl>')
    parts.append("</w:abstractNum>")
    return "".join(parts)


def replace_abstract_nums(numbering, abstracts: list[str]) -> None:
    """Template only: drop python-docx's sample lists, install ours."""
    for child in list(numbering):
        numbering.remove(child)
    for xml in abstracts:
        numbering.append(parse_xml(xml))


# --- footnotes ----------------------------------------------------------------

FOOTNOTES_XML = (
    f'<w:footnotes {nsdecls("w", "r")}>'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" '
    'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing '
    'w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/>'
    '</w:r></w:p></w:footnote></w:footnotes>')


def footnotes_part(document):
    """The footnotes part of `document`, created (with the separators Word
    requires) when the template has none."""
    part = document.part
    for rel in part.rels.values():
        if rel.reltype == RT.FOOTNOTES and not rel.is_external:
            return rel.target_part
    new = XmlPart(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES,
                  parse_xml(FOOTNOTES_XML), part.package)
    part.relate_to(new, RT.FOOTNOTES)
    settings = document.settings.element
    if settings.find(qn("w:footnotePr")) is None:
        pr = parse_xml(f'<w:footnotePr {nsdecls("w")}><w:footnote w:id="-1"/>'
                       '<w:footnote w:id="0"/></w:footnotePr>')
        # CT_Settings order: footnotePr comes after w:characterSpacingControl etc.;
        # before w:endnotePr / w:compat / w:rsids.
        anchor = None
        for tag in ("w:endnotePr", "w:compat", "w:docVars", "w:rsids", "m:mathPr",
                    "w:themeFontLang", "w:clrSchemeMapping", "w:shapeDefaults",
                    "w:decimalSymbol", "w:listSeparator"):
            anchor = settings.find(qn(tag))
            if anchor is not None:
                break
        if anchor is not None:
            anchor.addprevious(pr)
        else:
            settings.append(pr)
    return new


def new_footnote(part, style_ref: str) -> tuple[object, int]:
    """Append an empty w:footnote; return it and its id."""
    root = part.element
    ids = [int(f.get(qn("w:id"))) for f in root.findall(qn("w:footnote"))]
    fid = max(ids, default=0) + 1
    note = OxmlElement("w:footnote")
    note.set(qn("w:id"), str(fid))
    root.append(note)
    return note, fid


def footnote_reference_run(paragraph, fid: int, style_id: str) -> None:
    paragraph._p.append(parse_xml(
        f'<w:r {nsdecls("w")}><w:rPr><w:rStyle w:val="{style_id}"/></w:rPr>'
        f'<w:footnoteReference w:id="{fid}"/></w:r>'))


def footnote_mark_run(paragraph, style_id: str) -> None:
    """The number inside the footnote itself, before its text."""
    ppr = paragraph._p.find(qn("w:pPr"))
    run = parse_xml(f'<w:r {nsdecls("w")}><w:rPr><w:rStyle w:val="{style_id}"/></w:rPr>'
                    '<w:footnoteRef/></w:r>')
    if ppr is not None:
        ppr.addnext(run)
    else:
        paragraph._p.insert(0, run)
    space = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    t.text = " "
    space.append(t)
    run.addnext(space)


# --- sections -----------------------------------------------------------------

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


# --- reproducible package -----------------------------------------------------

ZIP_EPOCH_MIN = 315532800  # 1980-01-01, the earliest time a zip entry can hold


def reproducible_zip(data: bytes, epoch: int) -> bytes:
    """The same package with fixed entry times and order, so the same input
    gives the same bytes ([Content_Types].xml first, as Office writes it)."""
    stamp = dt.datetime.fromtimestamp(max(epoch, ZIP_EPOCH_MIN), dt.timezone.utc)
    date_time = stamp.timetuple()[:6]
    src = zipfile.ZipFile(io.BytesIO(data))
    names = sorted(src.namelist(), key=lambda n: (n != "[Content_Types].xml", n))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            dst.writestr(info, src.read(name))
    return out.getvalue()


def drop_package_parts(document, reltypes: tuple[str, ...]) -> None:
    """Template only: forget parts we do not want to ship (thumbnail,
    stylesWithEffects, customXml); unreferenced parts are not saved."""
    for owner in (document.part.package, document.part):
        for rid, rel in list(owner.rels.items()):
            if rel.reltype in reltypes:
                owner.rels.pop(rid)
                owner.rels._target_parts_by_rId.pop(rid, None)


def pretty_xml(blob: bytes) -> str:
    """Indented XML for golden files and reviews."""
    from lxml import etree
    parser = etree.XMLParser(remove_blank_text=True)
    return etree.tostring(etree.fromstring(blob, parser), pretty_print=True,
                          encoding="unicode")


def read_part(path: Path, name: str) -> bytes:
    with zipfile.ZipFile(path) as z:
        return z.read(name)


def link_run(link, paragraph):
    """A new run inside the w:hyperlink `link` of `paragraph`."""
    from docx.text.run import Run
    r = OxmlElement("w:r")
    link.append(r)
    return Run(r, paragraph)


def append_paragraph(parent_element, story):
    """A new w:p at the end of an element python-docx has no class for (a footnote)."""
    from docx.text.paragraph import Paragraph
    p = OxmlElement("w:p")
    parent_element.append(p)
    return Paragraph(p, story)


def font_names(path) -> set[str]:
    """The fonts a .docx's runs and styles name (w:rFonts), for the archive's
    MANIFEST."""
    import re
    import zipfile

    names = set()
    with zipfile.ZipFile(path) as docx:
        for part in ("word/document.xml", "word/styles.xml"):
            if part in docx.namelist():
                xml = docx.read(part).decode("utf-8", "replace")
                for element in re.findall(r"<w:rFonts\b[^>]*>", xml):
                    names.update(re.findall(r'w:(?:ascii|eastAsia|hAnsi|cs)="([^"]+)"', element))
    names.discard("")
    return names
