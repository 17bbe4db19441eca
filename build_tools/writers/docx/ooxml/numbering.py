"""Numbering (numbering.xml): the template's abstract list definitions and
one fresh w:num per list in the document, so every list counts from its
own start."""
from __future__ import annotations

import copy

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from .paragraphs import insert_ppr_child


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
    insert_ppr_child(ppr, numpr)


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
