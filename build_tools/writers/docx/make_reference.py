"""Generate templates/reference.docx: every style the DOCX writer names.

Run `python -m build_tools.writers.docx.make_reference` to regenerate it.
The values below are the house style (CONVENTIONS.md §4: A4 portrait, body
IPAex明朝 10.5pt, about 40 characters a line, headings IPAexゴシック, 0.5pt
table rules). Staff may instead edit templates/reference.docx in Word: the
writer only names styles and never sets a font or size itself. The file's
body is a specimen of the styles; the writer replaces it.
"""
from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from . import ooxml
from .styles import (BODY_FONT, HEADING_FONT, PARAGRAPH_STYLES, CHARACTER_STYLES,
                     TABLE_STYLE, BULLET_NUMBERING, ENUMERATED_NUMBERING)

ROOT = Path(__file__).resolve().parents[3]
REFERENCE = ROOT / "templates" / "reference.docx"
TEMPLATE_EPOCH = 1672531200  # 2023-01-01: fixed, so the template is reproducible

PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGINS = {"top": Mm(30), "bottom": Mm(25), "left": Mm(30), "right": Mm(30)}
TEXT_WIDTH_TWIPS = round((210 - 60) / 25.4 * 1440)

# name: (based on, font, size pt, options)
# options: align, before/after (pt), first_line / left / hanging (in 1/100 char),
# keep_next, border, shade, line (1/240 line multiple)
P = {
    "Normal": (None, BODY_FONT, 10.5, dict(align="both", after=0, line=290)),
    "Body Text": ("Normal", BODY_FONT, 10.5, dict(first_line=100, after=3)),
    "Title": ("Normal", HEADING_FONT, 16, dict(align="center", before=0, after=18)),
    "Subtitle": ("Normal", HEADING_FONT, 12, dict(align="center", after=12)),
    "Heading 1": ("Normal", HEADING_FONT, 12, dict(before=18, after=6, keep_next=True, outline=0)),
    "Heading 2": ("Normal", HEADING_FONT, 11, dict(before=12, after=4, keep_next=True, outline=1)),
    "Heading 3": ("Normal", HEADING_FONT, 10.5, dict(before=8, after=2, keep_next=True, outline=2)),
    "Heading 4": ("Normal", HEADING_FONT, 10.5, dict(before=6, after=2, keep_next=True, outline=3)),
    "Caption": ("Normal", HEADING_FONT, 9.5, dict(align="center", before=6, after=4, keep_next=True)),
    "Figure": ("Normal", BODY_FONT, 10.5, dict(align="center", before=6, keep_next=True)),
    "Legend": ("Normal", BODY_FONT, 9.5, dict(after=6)),
    "List Bullet": ("Normal", BODY_FONT, 10.5, dict(after=2)),
    "List Number": ("Normal", BODY_FONT, 10.5, dict(after=2)),
    "List Continue": ("Normal", BODY_FONT, 10.5, dict(left=200, after=2)),
    "List Continue 2": ("Normal", BODY_FONT, 10.5, dict(left=400, after=2)),
    "List Continue 3": ("Normal", BODY_FONT, 10.5, dict(left=600, after=2)),
    "Table Text": ("Normal", BODY_FONT, 10, dict(align="left", line=330, after=2)),
    "Table Heading": ("Normal", HEADING_FONT, 10, dict(align="center", line=260)),
    "Table Cell Heading": ("Normal", HEADING_FONT, 10, dict(align="left", line=330, after=2,
                                                            keep_next=True)),
    "Block Text": ("Normal", BODY_FONT, 10.5, dict(left=200, after=3)),
    "Attribution": ("Normal", BODY_FONT, 10.5, dict(align="right", after=6)),
    "Line Block": ("Normal", BODY_FONT, 10.5, dict(after=0)),
    "Literal Block": ("Normal", HEADING_FONT, 9, dict(align="left", left=100, after=6, line=240)),
    "Definition Term": ("Normal", HEADING_FONT, 10.5, dict(before=4, keep_next=True)),
    "Definition": ("Normal", BODY_FONT, 10.5, dict(left=200, after=3)),
    "Field Name": ("Normal", HEADING_FONT, 10.5, dict(before=4, keep_next=True)),
    "Rubric": ("Normal", HEADING_FONT, 10.5, dict(before=8, after=2, keep_next=True)),
    "Admonition Title": ("Normal", HEADING_FONT, 10.5, dict(before=6, left=100, keep_next=True,
                                                           border=True)),
    "Admonition": ("Normal", BODY_FONT, 10.5, dict(left=100, after=0, border=True)),
    "Provenance Label": ("Normal", HEADING_FONT, 9, dict(before=4, after=2, border=True,
                                                         shade="EDEDED", keep_next=True)),
    "Sample Notice": ("Normal", HEADING_FONT, 10.5, dict(align="center", after=12, border=True,
                                                        shade="FFF2CC")),
    "Transition": ("Normal", BODY_FONT, 6, dict(after=6, bottom_rule=True)),
    "Footnote Text": ("Normal", BODY_FONT, 9, dict(line=240)),
    "Footer": ("Normal", BODY_FONT, 10, dict(align="center")),
    "Cover Title": ("Normal", HEADING_FONT, 22, dict(align="center", before=180, after=36)),
    "Cover Subtitle": ("Normal", HEADING_FONT, 14, dict(align="center", after=24)),
    "Cover Date": ("Normal", BODY_FONT, 14, dict(align="center", before=24, after=6)),
    "Cover Org": ("Normal", BODY_FONT, 14, dict(align="center", after=6)),
    "Cover Note": ("Normal", BODY_FONT, 9, dict(before=160, border=True, line=260)),
    "TOC Heading": ("Normal", HEADING_FONT, 12, dict(align="center", after=12)),
    "TOC 1": ("Normal", BODY_FONT, 10.5, dict(after=2, toc_tab=True)),
    "TOC 2": ("Normal", BODY_FONT, 10.5, dict(left=200, after=0, toc_tab=True)),
    "TOC 3": ("Normal", BODY_FONT, 10.5, dict(left=400, after=0, toc_tab=True)),
}
assert set(P) == set(PARAGRAPH_STYLES), set(P) ^ set(PARAGRAPH_STYLES)

# name: options (underline, emphasis mark, font, superscript, color)
C = {
    "Emphasis": dict(em="dot"),
    "Strong": dict(font=HEADING_FONT),
    "Literal": dict(font=HEADING_FONT),
    "Inserted": dict(underline="single"),
    "Deleted": dict(underline="single"),
    "Moved": dict(underline="double"),
    "Footnote Reference": dict(superscript=True),
    "Hyperlink": dict(underline="single", color="0563C1"),
    "Subscript": dict(subscript=True),
    "Superscript": dict(superscript=True),
}
assert set(C) == set(CHARACTER_STYLES), set(C) ^ set(CHARACTER_STYLES)


def _style(document, name, kind):
    try:
        return document.styles[name]
    except KeyError:
        return document.styles.add_style(name, kind)


def _paragraph_style(document, name, spec):
    based_on, font, size, opts = spec
    style = _style(document, name, WD_STYLE_TYPE.PARAGRAPH)
    if based_on:
        style.base_style = document.styles[based_on]
    style.hidden = False
    style.unhide_when_used = False
    style.quick_style = True
    f = style.font
    f.size = Pt(size)
    f.bold = False
    f.italic = False
    f.color.rgb = RGBColor(0, 0, 0)
    ooxml.set_fonts(ooxml.style_rpr(style), font)
    pf = style.paragraph_format
    align = opts.get("align")
    if align:
        pf.alignment = {"both": WD_ALIGN_PARAGRAPH.JUSTIFY, "left": WD_ALIGN_PARAGRAPH.LEFT,
                        "center": WD_ALIGN_PARAGRAPH.CENTER,
                        "right": WD_ALIGN_PARAGRAPH.RIGHT}[align]
    pf.space_before = Pt(opts.get("before", 0))
    pf.space_after = Pt(opts.get("after", 0))
    if "line" in opts:
        pf.line_spacing = opts["line"] / 240
    pf.keep_with_next = opts.get("keep_next", False)
    # A heading's own lines stay together too (never half a heading at a page's foot).
    pf.keep_together = opts.get("keep_next", False) or None
    ppr = style.element.get_or_add_pPr()
    ooxml.remove_paragraph_border(ppr)   # python-docx's Title has a rule under it
    if any(k in opts for k in ("first_line", "left", "hanging")):
        ooxml.set_indent_chars(ppr, first_line=opts.get("first_line"), left=opts.get("left"),
                               hanging=opts.get("hanging"))
    if opts.get("border"):
        ooxml.set_paragraph_border(ppr)
    if opts.get("bottom_rule"):
        ooxml.set_paragraph_border(ppr, sides=("bottom",))
    if opts.get("shade"):
        ooxml.set_shading(ppr, opts["shade"])
    if opts.get("toc_tab"):
        ooxml.add_tab_stop_right_dots(ppr, TEXT_WIDTH_TWIPS)
    if "outline" in opts:
        pf_outline = ppr.find(qn("w:outlineLvl"))
        if pf_outline is None:
            from docx.oxml import OxmlElement
            pf_outline = OxmlElement("w:outlineLvl")
            ooxml.insert_ppr_child(ppr, pf_outline)
        pf_outline.set(qn("w:val"), str(opts["outline"]))
    return style


def _character_style(document, name, opts):
    style = _style(document, name, WD_STYLE_TYPE.CHARACTER)
    style.hidden = False
    style.unhide_when_used = False
    rpr = ooxml.style_rpr(style)
    for child in list(rpr):
        rpr.remove(child)
    f = style.font
    if "font" in opts:
        ooxml.set_fonts(rpr, opts["font"])
    if opts.get("underline"):
        ooxml.set_underline(rpr, opts["underline"])
    if opts.get("em"):
        from docx.oxml import OxmlElement
        em = OxmlElement("w:em")
        em.set(qn("w:val"), opts["em"])
        rpr.append(em)
    if opts.get("superscript"):
        f.superscript = True
    if opts.get("subscript"):
        f.subscript = True
    if opts.get("color"):
        f.color.rgb = RGBColor.from_string(opts["color"])
    return style


def _table_style(document):
    style = _style(document, TABLE_STYLE, WD_STYLE_TYPE.TABLE)
    style.base_style = document.styles["Normal Table"]
    style.hidden = False
    ooxml.table_style_borders(style, size=4)      # 0.5pt rules
    # No header shading: LibreOffice shades the first row even of tables without one.
    return style


def _pin_style_fonts(styles_el) -> None:
    """Every font the styles name is one of the two pinned IPAex fonts.
    python-docx's default template gives its "macro" styles (MacroText,
    Macro Text Char) Courier, which no pinned file provides; like literal
    text (the Literal styles) they get IPAexゴシック, for every script."""
    for fonts in list(styles_el.iter(qn("w:rFonts"))):
        named = {fonts.get(qn(a)) for a in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")}
        if named - {None, BODY_FONT, HEADING_FONT}:
            ooxml.set_fonts(fonts.getparent(), HEADING_FONT)


FONT_TABLE = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
              + "".join(f'<w:font w:name="{name}"><w:charset w:val="80"/>'
                        f'<w:family w:val="{family}"/><w:pitch w:val="variable"/></w:font>'
                        for name, family in ((BODY_FONT, "roman"), (HEADING_FONT, "modern")))
              + "</w:fonts>")


def _with_font_table(data: bytes) -> bytes:
    """The package with word/fontTable.xml listing only the pinned fonts
    (python-docx's default lists Courier, Calibri, ＭＳ 明朝 … that no style uses)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in src.namelist():
            dst.writestr(name, FONT_TABLE.encode("utf-8") if name == "word/fontTable.xml"
                         else src.read(name))
    return out.getvalue()


def _specimen(document):
    """The template's body: one paragraph per style, for whoever edits it."""
    add = document.add_paragraph
    add("様式見本（templates/reference.docx）", style="Title")
    add("この本文は様式の見本です。Word の出力を作るときは、この本文は使われず、"
        "ここで定義した様式だけが使われます。様式を変えるときは、各様式を Word で編集してください。",
        style="Sample Notice")
    add("1　見出し1（Heading 1）", style="Heading 1")
    add("(1)　見出し2（Heading 2）", style="Heading 2")
    add("ア　見出し3（Heading 3）", style="Heading 3")
    p = add("本文（Body Text）：IPAex明朝 10.5pt、1字下げ。", style="Body Text")
    p.add_run("強調（Strong）", style="Strong")
    p.add_run("、傍点（Emphasis）", style="Emphasis")
    p.add_run("、傍線（Inserted）", style="Inserted")
    p.add_run("、二重傍線（Moved）", style="Moved")
    p.add_run("。")
    for name in ("Provenance Label", "Block Text", "Admonition Title", "Admonition",
                 "Definition Term", "Definition", "Line Block", "Literal Block",
                 "Footnote Text", "Caption"):
        add(f"{name} の見本", style=name)
    table = document.add_table(rows=2, cols=2, style=TABLE_STYLE)
    for i, text in enumerate(("見出し行（Table Heading）", "列2")):
        table.cell(0, i).paragraphs[0].text = text
        table.cell(0, i).paragraphs[0].style = "Table Heading"
    for i, text in enumerate(("表の本文（Table Text）", "罫線 0.5pt")):
        table.cell(1, i).paragraphs[0].text = text
        table.cell(1, i).paragraphs[0].style = "Table Text"


def build() -> bytes:
    document = docx.Document()
    ooxml.drop_package_parts(document, (RT.THUMBNAIL, RT.CUSTOM_XML,
                                        "http://schemas.microsoft.com/office/2007/"
                                        "relationships/stylesWithEffects"))
    styles_el = document.styles.element
    defaults = ooxml.doc_defaults_rpr(styles_el)
    ooxml.set_fonts(defaults, BODY_FONT)
    ooxml.set_language(defaults)
    ooxml.strip_theme_fonts(styles_el)
    for name, spec in P.items():
        _paragraph_style(document, name, spec)
    for name, opts in C.items():
        _character_style(document, name, opts)
    _table_style(document)
    ooxml.strip_theme_fonts(styles_el)
    _pin_style_fonts(styles_el)

    numbering = document.part.numbering_part.element
    ooxml.replace_abstract_nums(numbering, [
        ooxml.abstract_num_xml(1, BULLET_NUMBERING,
                               [("bullet", t, "left") for t in ("・", "○", "‐") * 3],
                               font=BODY_FONT),
        ooxml.abstract_num_xml(2, ENUMERATED_NUMBERING,
                               [("decimal", f"%{i + 1}.", "left") for i in range(9)],
                               font=BODY_FONT),
    ])
    ooxml.footnotes_part(document)
    lang = document.settings.element.find(qn("w:themeFontLang"))
    if lang is not None:
        lang.set(qn("w:val"), "ja-JP")

    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    for side, value in MARGINS.items():
        setattr(section, f"{side}_margin", value)
    section.header_distance = Mm(15)
    section.footer_distance = Mm(12)
    footer = section.footer
    footer.is_linked_to_previous = False
    para = footer.paragraphs[0]
    para.style = "Footer"
    # 「-2-」 as the PDF edition prints its page numbers.
    para.add_run("-")
    ooxml.add_simple_field(para, "PAGE", "1")
    para.add_run("-")

    _specimen(document)
    props = document.core_properties
    props.title = "様式テンプレート"
    props.author = ""
    props.last_modified_by = ""
    props.comments = "build_tools/writers/docx/make_reference.py が生成"
    props.revision = 1
    import datetime as dt
    stamp = dt.datetime.fromtimestamp(TEMPLATE_EPOCH, dt.timezone.utc).replace(tzinfo=None)
    props.created = props.modified = stamp
    props.last_printed = stamp
    out = io.BytesIO()
    document.save(out)
    return ooxml.reproducible_zip(_with_font_table(out.getvalue()), TEMPLATE_EPOCH)


def main(argv: list[str] | None = None) -> int:
    target = Path((argv or sys.argv[1:] or [str(REFERENCE)])[0])
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(build())
    print(f"書き出しました: {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
