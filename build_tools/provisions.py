"""Provisions: a Document as the tree legal text is made of.

The reader's sections are the 編・章・節・款・目・条 of a statute, or the
numbered headings of a policy (1, (1), ア). Inside a section, a paragraph
that begins with a number and a space is a provision of its own — 項 (２),
号 (一), イロハ, （１）, (ア) … — below the last one of a family seen before,
or beside it when its family is already open. An article's first paragraph
is its 第一項, which has no number. Paragraphs without a number belong to the
provision before them, so walking the tree gives back the text in order.

Numbers are kept as written (「第三十八条の二」, 「２」) and normalised
(`key`: (38, 2), (2,)) for aligning, addressing and 「略」 ranges.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Iterator

from .document import Document, Section, blocks_of
from .errors import PolicyError

KANJI_DIGITS = "〇一二三四五六七八九"
IROHA = "イロハニホヘトチリヌルヲワカヨタレソツネナラムウヰノオクヤマケフコエテアサキユメミシヱヒモセス"
AIUEO = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン"
_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}

# Sections of a statute (Section.kind); everything inside an article is 項 and below.
CONTAINER_KINDS = ("編", "章", "節", "款", "目")
ARTICLE = "条"
SUPPLEMENTARY = "附則"
APPENDED_TABLE = "別表"
# The paragraph number families, by how a statute nests them; the policy's
# own numbering ((1), ア, (ア), a, (a)) uses the same families.
_LEAD = re.compile(
    r"^(?:(?P<arabic>[0-9０-９]+)"
    r"|(?P<kanji>[一二三四五六七八九十百千〇]+(?:の[一二三四五六七八九十百千〇]+)*)"
    r"|(?P<katakana>[ア-ン])"
    r"|(?P<paren_arabic>[(（][0-9０-９]+[)）])"
    r"|(?P<paren_katakana>[(（][ア-ン][)）])"
    r"|(?P<latin>[a-zａ-ｚ])"
    r"|(?P<paren_latin>[(（][a-zａ-ｚ]+[)）]))[　 ]+(?=\S)")


def kanji_value(text: str) -> int | None:
    """十一 → 11, 百二十三 → 123, 二〇 → 20; None when `text` is not a kanji numeral."""
    if not text or any(c not in KANJI_DIGITS and c not in "十百千" for c in text):
        return None
    if not any(c in "十百千" for c in text):  # positional: 二〇
        return int("".join(str(KANJI_DIGITS.index(c)) for c in text))
    total, digit = 0, 0
    for c in text:
        if c in "十百千":
            total += (digit or 1) * {"十": 10, "百": 100, "千": 1000}[c]
            digit = 0
        else:
            digit = KANJI_DIGITS.index(c)
    return total + digit


def kanji_numeral(value: int) -> str:
    """11 → 十一, 123 → 百二十三 (法令 style)."""
    if value == 0:
        return "〇"
    out = ""
    for unit, mark in ((1000, "千"), (100, "百"), (10, "十")):
        digit, value = divmod(value, unit)
        if digit:
            out += ("" if digit == 1 else KANJI_DIGITS[digit]) + mark
    return out + (KANJI_DIGITS[value] if value else "")


def _roman(text: str) -> int | None:
    if not text or any(c not in _ROMAN for c in text):
        return None
    values = [_ROMAN[c] for c in text]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v
               for i, v in enumerate(values))


def number_value(number: str, family: str = "", *, iroha: bool = True) -> int | None:
    """The value of one number as written: ２ → 2, 十一 → 11, (3) → 3, イ → 1
    (イロハ order; `iroha=False` for アイウエオ), (ii) → 2, b → 2."""
    text = unicodedata.normalize("NFKC", number).strip("()")
    if text.isdigit():
        return int(text)
    value = kanji_value(text)
    if value is not None:
        return value
    if len(text) == 1 and text in AIUEO:
        order = IROHA if iroha and text in IROHA else AIUEO
        return order.index(text) + 1
    if family == "paren_latin" or len(text) > 1:
        value = _roman(text)
        if value is not None:
            return value
    if len(text) == 1 and "a" <= text <= "z":
        return ord(text) - ord("a") + 1
    return None


def heading_key(number: str) -> tuple[int, ...]:
    """第三十八条の二 → (38, 2); 1 → (1,); (1) → (1,); ア → (1,)."""
    text = unicodedata.normalize("NFKC", number).strip("　 .")
    if text.startswith("第"):
        text = re.sub(r"^第", "", text)
        text = re.sub(r"[編章節款目条](?=の|$)", "", text)
        parts = text.split("の")
    else:
        parts = [text]
    values = [number_value(p, iroha=False) for p in parts]
    return tuple(v for v in values if v is not None)


@dataclass(eq=False)
class Provision:
    """One provision: a section, or a numbered paragraph inside one."""

    kind: str                 # 章, 条, 項, 号, 細分1 …, 附則, 前文, 文書; "" for a policy's headings
    number: str               # as written: 「第五条の二」「２」「一」「イ」「(1)」「1」; "" when none
    key: tuple[int, ...]      # normalised number
    heading: str              # an article's 見出し without brackets, or a section's title
    text: list[str] = field(default_factory=list)      # its own paragraphs, number stripped
    children: list["Provision"] = field(default_factory=list)
    parent: "Provision | None" = field(default=None, repr=False)
    section: Section | None = field(default=None, repr=False)
    family: str = ""          # the number's family: arabic, kanji, katakana, paren_arabic …
    statute: bool = False     # numbered as a statute (法令 style)
    # Of a section: the reader's blocks of its own body (document.blocks_of),
    # whose texts the provisions below it share out in reading order.
    blocks: list = field(default_factory=list, repr=False)

    def add(self, child: "Provision") -> "Provision":
        child.parent = self
        self.children.append(child)
        return child

    def path(self) -> list["Provision"]:
        found, node = [], self
        while node is not None:
            found.append(node)
            node = node.parent
        return found[::-1]

    def walk(self) -> Iterator["Provision"]:
        yield self
        for child in self.children:
            yield from child.walk()

    def address(self) -> str:
        """法令 style 「第五条第二項第三号」 (第一項 left out where the article has
        only one 項), 「附則第三項」; a policy's own numbering 「2の(1)のア」."""
        steps = [p for p in self.path() if p.kind not in ("文書", "前文")]
        if self.statute:
            return "".join(_statute_step(p) for p in steps if p.kind not in CONTAINER_KINDS
                           or p is self)
        return "の".join(p.number for p in steps if p.number) or self.heading

    def signature(self) -> tuple:
        """What two provisions must share to be the same text."""
        return (self.kind, self.number, self.heading, tuple(self.text),
                tuple(c.signature() for c in self.children))

    def find(self, steps: list[tuple[str, tuple[int, ...]]]) -> "Provision | None":
        """The provision at `steps` below this one, each (kind, key); kind ""
        matches any. Articles are found through the 編・章・節… they sit in,
        as a statute addresses them (「第五条第二項」, not by chapter)."""
        node = self
        for kind, key in steps:
            node = node._first(kind, key)
            if node is None:
                return None
        return node

    def _first(self, kind: str, key: tuple) -> "Provision | None":
        """The first child with `key` (and `kind`); an article also inside the
        編・章・節… below, in reading order. Walked with a list, not nested
        generators: a 新旧対照表's ハネ check looks up thousands of references."""
        if kind != ARTICLE:
            return next((c for c in self.children if c.key == key and (not kind or c.kind == kind)),
                        None)
        stack = self.children[::-1]
        while stack:
            c = stack.pop()
            if c.key == key and c.kind == ARTICLE:
                return c
            if c.kind in CONTAINER_KINDS:
                stack += c.children[::-1]
        return None


def _statute_step(p: Provision) -> str:
    if p.kind == SUPPLEMENTARY:
        return "附則"
    if p.kind in CONTAINER_KINDS or p.kind == ARTICLE:
        return p.number
    if p.kind == "項":
        siblings = [c for c in p.parent.children if c.kind == "項"] if p.parent else [p]
        if len(siblings) == 1 and p.parent and p.parent.kind == ARTICLE:
            return ""
        return f"第{kanji_numeral(p.key[0])}項" if p.key else ""
    if p.kind == "号":
        branches = "".join(f"の{kanji_numeral(k)}" for k in p.key[1:])
        return f"第{kanji_numeral(p.key[0])}号{branches}" if p.key else ""
    return p.number


def first_difference(old: Provision, new: Provision) -> tuple[Provision | None, Provision | None] | None:
    """The first pair of provisions, in reading order, whose own text or
    number differs (None when the trees are the same text)."""
    if (old.kind, old.number, old.heading, old.text) != (new.kind, new.number, new.heading, new.text):
        return old, new
    for a, b in zip(old.children, new.children):
        found = first_difference(a, b)
        if found:
            return found
    if len(old.children) != len(new.children):
        n = min(len(old.children), len(new.children))
        return (old.children[n] if n < len(old.children) else None,
                new.children[n] if n < len(new.children) else None)
    return None


# --- building the tree ---------------------------------------------------------

def provisions_of(document: Document) -> Provision:
    """The provision tree of `document`: its sections, and the numbered
    paragraphs inside each."""
    statute = any(s.kind == ARTICLE for s in document.sections)
    root = Provision("文書", "", (), document.title, statute=statute)
    made: dict[int, Provision] = {}
    for node, section in zip(document.section_nodes(), document.sections):
        parent = made.get(section.parent, root) if section.parent is not None else root
        provision = parent.add(_section_provision(section, statute))
        made[section.index] = provision
        provision.blocks = blocks_of(node)
        _paragraphs(provision, [b.text for b in provision.blocks], document)
    return root


def _section_provision(section: Section, statute: bool) -> Provision:
    if section.heading == "（前文）":
        return Provision("前文", "", (), "", section=section, statute=statute)
    title = section.title
    kind = section.kind
    bare = re.sub(r"[　 ]", "", section.heading)
    if statute and not kind and bare.startswith("附則"):
        kind, title = SUPPLEMENTARY, bare.removeprefix("附則")
    elif statute and not kind and bare.startswith("別表"):
        kind = APPENDED_TABLE
    heading = title[1:-1] if kind == ARTICLE and title[:1] == "（" and title[-1:] == "）" else title
    return Provision(kind, section.number, heading_key(section.number) if section.number else (),
                     heading, section=section, statute=statute)


def _lead(text: str, iroha: bool):
    """(family, number, key or None when unreadable, where the text starts)."""
    match = _LEAD.match(text)
    if not match:
        return None
    family = match.lastgroup
    number = match.group(family)
    # A branch number (十一の二, inserted after 十一) is one number: (11, 2).
    values = [number_value(part, family, iroha=iroha) for part in number.split("の")]
    return family, number, None if None in values else tuple(values), match.end()


def paragraph_number(text: str, *, iroha: bool = True) -> tuple[str, str, tuple[int, ...]] | None:
    """(family, number as written, key) of a paragraph's own number: 「十一の二　配電事業…」 →
    ("kanji", "十一の二", (11, 2)); None without a readable one."""
    lead = _lead(text, iroha)
    return None if lead is None or lead[2] is None else lead[:3]


def _paragraphs(section: Provision, texts: list[str], document: Document) -> None:
    """Numbered paragraphs become provisions below `section`."""
    iroha = section.statute
    open_: list[Provision] = [section]        # the provisions paragraphs may go below
    if section.kind == ARTICLE:
        open_.append(section.add(Provision("項", "", (1,), "", family="arabic", statute=True)))
    for text in texts:
        lead = _lead(text, iroha)
        if lead is None:
            open_[-1].text.append(text)
            continue
        family, number, values, end = lead
        level = next((i for i in range(len(open_) - 1, 0, -1) if open_[i].family == family), None)
        if level is not None:
            del open_[level:]
        elif section.kind == ARTICLE and family == "arabic":
            del open_[1:]  # a 項 is always directly below its article
        parent = open_[-1]
        if values is None:
            where = section.section.heading if section.section else document.title
            raise PolicyError(
                f"「{where}」の段落「{text[:20]}」の番号「{number}」を項・号の番号として読めません",
                file=document.source.spec if document.source else None,
                hint="番号を 1、一、イ、(1)、ア、(i) のような書き方にするか、番号の後の空白を除いてください")
        kind = _kind(parent, family) if section.statute else ""
        child = parent.add(Provision(kind, number, values, "", [text[end:]],
                                     family=family, statute=section.statute))
        open_.append(child)


def _kind(parent: Provision, family: str) -> str:
    """項 directly below an article or a 附則, 号 below those or a 項, then
    細分1, 細分2 … for each level below a 号 (イ, (1), (i))."""
    if family == "arabic" and parent.kind in (ARTICLE, SUPPLEMENTARY):
        return "項"
    if family == "kanji" and parent.kind in (ARTICLE, SUPPLEMENTARY, "項"):
        return "号"
    depth = int(parent.kind[2:]) + 1 if parent.kind.startswith("細分") else 1
    return f"細分{depth}"
