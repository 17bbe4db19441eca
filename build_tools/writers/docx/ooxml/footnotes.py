"""Footnotes (footnotes.xml): the part, its separators and settings, each
note and the runs that reference and number it."""
from __future__ import annotations

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import PartFactory, XmlPart
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.text.paragraph import Paragraph


# Load footnotes.xml as XML (python-docx keeps unknown parts as opaque bytes).
PartFactory.part_type_for.setdefault(CT.WML_FOOTNOTES, XmlPart)


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


def append_paragraph(parent_element, story):
    """A new w:p at the end of an element python-docx has no class for (a footnote)."""
    p = OxmlElement("w:p")
    parent_element.append(p)
    return Paragraph(p, story)


def footnote_ids(document) -> list[int]:
    """The ids of the document's footnotes (none when it has no footnotes part)."""
    for rel in document.part.rels.values():
        if rel.reltype == RT.FOOTNOTES and not rel.is_external:
            return [int(f.get(qn("w:id"))) for f in rel.target_part.element.findall(qn("w:footnote"))]
    return []
