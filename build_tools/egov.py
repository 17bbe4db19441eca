"""e-Gov 法令XML (法令標準XML) → RST, for tests and benchmarks on real legal text.

Every provision becomes a section with an explicit label: chapters
`ch-1`, articles `art-38_2`, supplementary provisions (附則) `suppl-<改正法令番号>`.
The labels derive from the provision numbers, as statutes have no other stable
identity: the comparison pairs renumbered articles by their text, not by label.

    python -m build_tools.egov LAW.xml > law.rst
"""
from __future__ import annotations

import re
import sys
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

from .errors import PolicyError

# The real laws kept in the project (tests/corpus/egov-laws, see
# tests/corpus/README.md): the input of the diff's corpus tests and benchmarks.
CORPUS = Path(__file__).resolve().parents[1] / "tests" / "corpus" / "egov-laws"

UNDERLINES = "=-~^\"'`+:."
CONTAINERS = {  # element → (title element, label prefix)
    "Part": ("PartTitle", "part"),
    "Chapter": ("ChapterTitle", "ch"),
    "Section": ("SectionTitle", "sec"),
    "Subsection": ("SubsectionTitle", "subsec"),
    "Division": ("DivisionTitle", "div"),
}
ITEM_LEVELS = ["Item"] + [f"Subitem{n}" for n in range(1, 11)]


def _text(element) -> str:
    """The visible text of an element: ruby readings dropped, columns spaced."""
    if element is None:
        return ""
    parts = []

    def walk(el):
        if el.tag == "Rt":
            return
        if el.tag == "Column" and parts:
            parts.append("　")
        if el.text:
            parts.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)
    walk(element)
    return re.sub(r"\s*\n\s*", "", "".join(parts)).strip()


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


_INLINE = re.compile(r"([\\*`|_\[\]<>])")


def _escape(text: str) -> str:
    text = _INLINE.sub(r"\\\1", text)
    if text and text[0].isascii() and not text[0].isspace() and text[0] != "\\":
        text = "\\" + text  # never start a list, a directive or an enumerator
    return text


class _Writer:
    def __init__(self):
        self.lines: list[str] = []
        self.labels: set[str] = set()

    def heading(self, title: str, depth: int, label: str | None = None):
        title = title.strip() or "（見出しなし）"
        if label:
            while label in self.labels:
                label += "-2"
            self.labels.add(label)
            self.lines += [f".. _{label}:", ""]
        mark = UNDERLINES[min(depth, len(UNDERLINES) - 1)] * max(_width(title), 4)
        self.lines += [_escape(title), mark, ""]

    def para(self, text: str):
        if text.strip():
            self.lines += [_escape(text.strip()), ""]


def to_rst(xml: str | bytes | Path) -> str:
    """The law as RST text."""
    source = str(xml) if isinstance(xml, Path) else "e-Gov XML"
    try:
        root = ET.parse(xml).getroot() if isinstance(xml, Path) else ET.fromstring(xml)
    except (ET.ParseError, OSError) as exc:
        raise PolicyError(f"法令XMLを読めません: {exc}", file=source) from None
    body = root.find("LawBody")
    if body is None:
        raise PolicyError("LawBody がありません（e-Gov 法令標準XMLではありません）", file=source)
    out = _Writer()
    title = _text(body.find("LawTitle")) or "（題名なし）"
    bar = "=" * max(_width(title), 4)
    out.lines += [f".. e-Gov 法令XML から変換: {Path(source).name}", "",
                  bar, _escape(title), bar, ""]
    out.para(_text(root.find("LawNum")))
    for el in body.findall("EnactStatement"):
        out.para(_text(el))
    preamble = body.find("Preamble")
    if preamble is not None:
        for p in preamble.findall("Paragraph"):
            _paragraph(out, p)
    main = body.find("MainProvision")
    if main is not None:
        _provisions(out, main, depth=1, prefix="")
    for number, suppl in enumerate(body.findall("SupplProvision"), 1):
        amend = suppl.get("AmendLawNum") or ""
        label_text = _text(suppl.find("SupplProvisionLabel")) or "附則"
        heading = f"{label_text}（{amend}）" if amend else label_text
        key = re.sub(r"\s+", "", amend) or ("original" if number == 1 else str(number))
        out.heading(heading, 1, f"suppl-{key}")
        _provisions(out, suppl, depth=2, prefix=f"suppl-{key}-")
    for tag in ("AppdxTable", "AppdxNote", "AppdxStyle", "Appdx", "AppdxFig", "AppdxFormat"):
        for number, appendix in enumerate(body.findall(tag), 1):
            title = next((_text(c) for c in appendix if c.tag.endswith("Title")), tag)
            out.heading(title, 1, f"{tag.lower()}-{appendix.get('Num') or number}")
            _rows(out, appendix)
    return "\n".join(out.lines).rstrip() + "\n"


def _provisions(out, parent, depth, prefix):
    for child in parent:
        if child.tag in CONTAINERS:
            title_tag, short = CONTAINERS[child.tag]
            label = f"{prefix}{short}-{child.get('Num', '')}"
            out.heading(_text(child.find(title_tag)), depth, label)
            _provisions(out, child, depth + 1, label + "-")
        elif child.tag == "Article":
            number = _text(child.find("ArticleTitle"))
            caption = _text(child.find("ArticleCaption"))
            heading = f"{number}　{caption}" if caption else number
            out.heading(heading, depth, f"{prefix.split('ch-')[0] if prefix.startswith('suppl') else ''}"
                        f"art-{child.get('Num', number)}")
            for p in child.findall("Paragraph"):
                _paragraph(out, p)
        elif child.tag == "Paragraph":
            _paragraph(out, child)


def _paragraph(out, p):
    num = _text(p.find("ParagraphNum"))
    caption = _text(p.find("ParagraphCaption"))
    if caption:
        out.para(caption)
    sentence = _text(p.find("ParagraphSentence"))
    out.para(f"{num}　{sentence}" if num else sentence)
    for child in p:
        if child.tag == "Item":
            _item(out, child, 0)
        elif child.tag in ("TableStruct", "List", "FigStruct", "StyleStruct"):
            _rows(out, child)


def _item(out, item, level):
    tag = ITEM_LEVELS[level]
    title = _text(item.find(f"{tag}Title"))
    sentence = _text(item.find(f"{tag}Sentence"))
    out.para(f"{title}　{sentence}" if title else sentence)
    if level + 1 < len(ITEM_LEVELS):
        for sub in item.findall(ITEM_LEVELS[level + 1]):
            _item(out, sub, level + 1)
    for child in item:
        if child.tag in ("TableStruct", "List"):
            _rows(out, child)


def _rows(out, element):
    """Tables and lists as one paragraph per row (cells joined by ｜)."""
    rows = list(element.iter("TableRow"))
    if rows:
        for row in rows:
            out.para("｜".join(_text(c) for c in row.findall("TableColumn")))
    else:
        text = _text(element)
        if text:
            out.para(text)


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 1:
        print("使い方: python -m build_tools.egov 法令.xml > 法令.rst", file=sys.stderr)
        return 2
    try:
        sys.stdout.write(to_rst(Path(argv[0])))
    except PolicyError as exc:
        print(f"エラー: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
