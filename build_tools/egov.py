"""e-Gov 法令XML → RST: how the one reader reads a statute (build_tools/read.py).

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


_COLUMN = "\x00"  # stands for the space between columns until the layout is cleaned


def _text(element) -> str:
    """The visible text of an element: ruby readings dropped, columns spaced
    (a 号's term and its definition are two columns: 「小売供給　一般の需要に…」)."""
    if element is None:
        return ""
    parts = []

    def walk(el):
        if el.tag == "Rt":
            return
        if el.tag == "Column" and "".join(parts).strip():
            parts.append(_COLUMN)
        if el.text:
            parts.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)
    walk(element)
    text = re.sub(r"\s*\n\s*", "", "".join(parts)).strip()
    return re.sub(f"\\s*{_COLUMN}\\s*", "　", text)


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


# An XML file from outside is untrusted: no law comes near this size (p5 is 1.5 MB).
MAX_BYTES = 64 * 1024 * 1024


def law_element(xml: str | bytes | Path) -> tuple[ET.Element, str]:
    """The <Law> element of an e-Gov file, in either form e-Gov publishes:
    法令標準XML (`<Law>` at the root) or a 法令API Version 2 response
    (`<law_data_response>…<law_full_text><Law>`). Returns (law, file name)."""
    source = str(xml) if isinstance(xml, Path) else "e-Gov XML"
    try:
        data = xml.read_bytes() if isinstance(xml, Path) else (
            xml.encode("utf-8") if isinstance(xml, str) else xml)
    except OSError as exc:
        raise PolicyError(f"法令XMLを読めません: {exc.strerror}", file=source) from None
    if len(data) > MAX_BYTES:
        raise PolicyError(f"法令XMLが大きすぎます（{len(data) // 1024 // 1024} MB、"
                          f"上限 {MAX_BYTES // 1024 // 1024} MB）", file=source,
                          hint="e-Gov から取得した法令XMLか確認してください")
    if b"<!ENTITY" in data:  # entities are never used by e-Gov; refuse expansion tricks
        raise PolicyError("法令XMLに実体宣言（<!ENTITY>）があります", file=source,
                          hint="e-Gov から取得したままの法令XMLを指定してください")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else None
        raise PolicyError(f"法令XMLとして読めません: {exc}", file=source, line=line,
                          hint="ファイルが壊れていないか、XML か確認してください") from None
    law = root if root.tag == "Law" else root.find("law_full_text/Law")
    if law is None or law.find("LawBody") is None:
        raise PolicyError(f"e-Gov の法令XMLではありません（ルート要素 <{root.tag}>）", file=source,
                          hint="法令標準XML（<Law>）か、法令API の law_data の応答"
                               "（<law_data_response>）を指定してください")
    return law, source


def describe(xml: Path) -> tuple[str, str]:
    """(title, description) of a statute for the reader: its title, and the
    version it is — the date it took effect (法令API: revision_info; an e-Gov
    file name `<法令ID>_<施行日>_<改正法令ID>.xml`), or its 法令番号."""
    from .era import wareki
    law, _ = law_element(xml)
    title = _text(law.find("LawBody/LawTitle")) or "（題名なし）"
    when = None
    root = ET.fromstring(xml.read_bytes())
    enforced = root.findtext("revision_info/amendment_enforcement_date") if root.tag != "Law" else None
    match = re.search(r"_(\d{4})(\d{2})(\d{2})_", xml.name)
    try:
        import datetime as dt
        if enforced:
            when = dt.date.fromisoformat(enforced.strip())
        elif match:
            when = dt.date(*map(int, match.groups()))
    except ValueError:
        when = None
    if when is not None and when.year >= 1868:
        return title, f"{title}（{wareki(when)}施行）"
    return title, f"{title}（{_text(law.find('LawNum')) or xml.name}）"


def to_rst(xml: str | bytes | Path, *, amending_suppl: bool = False) -> str:
    """The law as RST text. The 附則 e-Gov appends for each amending law
    (`SupplProvision AmendLawNum=…`) belong to that law, not to this one:
    left out unless `amending_suppl`."""
    root, source = law_element(xml)
    body = root.find("LawBody")
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
        if amend and not amending_suppl:
            continue
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
