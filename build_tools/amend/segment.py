"""A published 改め文 cut into its sentences: the enacting sentence, then each
instruction sentence with the text it brings (the provisions added or
rewritten, printed after it).

The layout differs between publishers: the 衆議院's 制定法律 indent an
instruction by two full-width spaces and a provision by one; a city's gazette
cut out of a PDF has no indentation, and a sentence may be broken over lines
(also inside a quote). So a sentence is recognised by what it says, not by
its indentation: it begins with a place (「第…」, 「附則」, 「別表」, 「目次」 …),
ends with an instruction verb and 「。」, and its quotes are balanced. Lines
after a sentence that announces text (「次のように改める」, 「次の一項を加える」)
are that text until the next line that is a sentence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

# The enacting sentence: 「第一条　○○法（…）の一部を次のように改正する。」, also
# numbered 「３１　…」 when one 規則 amends many, or 「…の全部を改正する。」.
ENACTING = re.compile(r"^(?:第[0-9０-９一二三四五六七八九十百千]+条|[0-9０-９]+)?[　 ]*"
                      r"(?P<law>.+?)の(?P<extent>一部|全部)を(?:次のように)?改正する。$")
# What an instruction sentence begins with: the place it amends.
STARTS = re.compile(r"^(?:第[0-9０-９一二三四五六七八九十百千]|附則|付則|別表|別記|別紙|様式|目次|"
                    r"題名|前文|本則|備考|附録|付録"
                    # a document numbered by its own headings (our policy): 「2の(1)中」「3を」
                    r"|(?:[0-9０-９]+|[(（][0-9０-９]+[)）])(?=の|中|を|に|及び|から|、)"
                    # …or named by a heading without a number: 「はじめにを次のように改める。」
                    r"|[^「」、。\s　]{1,20}?(?=を次のように|中「|を削|の次に次の|に次の|の前に次の))")
# A provision as printed: its number, then a space (「第六十一条　」「２　」「（１）　」
# 「⑴　」「イ　」「第２６条　削除」), or its heading in brackets.
PROVISION_LINE = re.compile(
    r"^(?:第[0-9０-９一二三四五六七八九十百千]+[編章節款目条](?:の[0-9０-９一二三四五六七八九十百千]+)*"
    r"|[0-9０-９]+|[一二三四五六七八九十百千]+|[(（][0-9０-９一二三四五六七八九十ア-ンa-zａ-ｚ]+[)）]"
    r"|[⑴-⒇]|[ア-ンイ-ン])[　 ]"
    # the heading of a 別表 or 様式 printed with it: 「別表第３（第６条関係）」
    r"|^(?:別表|別記|様式)(?:第?[0-9０-９一二三四五六七八九十百千]+(?:の[0-9０-９一二三四五六七八九十百千]+)*号?)?"
    r"[（(][^（）()]*[）)](?:[　 ]|$)")
VERB_END = re.compile(r"(?:改め|加え|削|とす|繰り下げ|繰り上げ|付す|付け)る。$")
ANNOUNCES = re.compile(r"次の(?:ように|[一二三四五六七八九十百千0-9０-９]+|各|ただし書|前段|後段|表|別表|目次|章名)")
MAX_JOINED_LINES = 60
# A line alone that starts the amending law's own 附則 (「附　則」, 「付則」): what
# follows is not an instruction.
SUPPLEMENTARY = re.compile(r"^[附付][　 ]*則$")
# A sentence broken inside a clause ends in a particle, never in a word.
_UNFINISHED = ("を", "に", "、", "中", "と", "及び", "並びに", "の", "「")
_HEADING = re.compile(r"[（(][^（）()]*[）)]")
_VERB_STEM = re.compile(r"改め|加え|削|とし|とす|繰り|付し|付す")


@dataclass
class Sentence:
    """One instruction sentence as published, and the text printed after it."""

    text: str                  # the sentence, lines joined, indentation removed
    line: int                  # 1-based line of its first line in the input
    body: list[str] = field(default_factory=list)   # the lines it brings, stripped
    part: int = 0              # which enacting sentence (law) it follows
    indent: int = 0            # how far its text is indented, where the publisher kept it

    @property
    def announces(self) -> bool:
        return bool(ANNOUNCES.search(outside_quotes(self.text)))


@dataclass
class Amendment:
    """A 改め文 cut into sentences."""

    heading: str = ""          # （借地借家法の一部改正）, where the publisher kept it
    enacting: str = ""         # the enacting sentence
    law: str = ""              # the amended law as the enacting sentence names it
    whole: bool = False        # 「…の全部を改正する。」
    laws: list[str] = field(default_factory=list)   # every law the text amends, in order
    sentences: list[Sentence] = field(default_factory=list)
    stray: list[tuple[int, str]] = field(default_factory=list)  # lines that are none of these
    supplementary: list[str] = field(default_factory=list)      # the amending law's 附則


def outside_quotes(text: str) -> str:
    """`text` with every quotation 「…」 (nested ones included) left out."""
    out, depth = [], 0
    for ch in text:
        if ch == "「":
            depth += 1
        elif ch == "」" and depth:
            depth -= 1
        elif not depth:
            out.append(ch)
    return "".join(out)


def balanced(text: str) -> bool:
    """No quotation left open. A closing bracket too many is allowed: a quote
    may hold one (「「選定する」と」の次に」 quotes 選定する」と)."""
    depth = 0
    for ch in text:
        if ch == "「":
            depth += 1
        elif ch == "」" and depth:
            depth -= 1
    return depth == 0


def _strictly_balanced(text: str) -> bool:
    depth = 0
    for ch in text:
        depth += (ch == "「") - (ch == "」")
        if depth < 0:
            return False
    return depth == 0


def _complete(text: str) -> bool:
    return text.endswith("。") and balanced(text)


def _is_sentence(text: str) -> bool:
    """Whether `text` (a whole, joined sentence) is an instruction sentence."""
    return bool(STARTS.match(text)) and not PROVISION_LINE.match(text) \
        and _complete(text) and bool(VERB_END.search(text))


def _starts_sentence(lines: list[str], i: int) -> tuple[str, int] | None:
    """The sentence that begins at line `i` and how many lines it takes, when
    one does; lines are joined while the text is unfinished, but not across
    a line that is a sentence of its own."""
    first = lines[i]
    if not STARTS.match(first) or PROVISION_LINE.match(first):
        return None
    text, n = first, 1
    while not _complete(text) and i + n < len(lines) and n < MAX_JOINED_LINES:
        following = lines[i + n]
        # A line that is a sentence of its own starts a new one, unless this one
        # is plainly unfinished: it ends in a particle, or a quote is open and
        # the line closes it (more closing brackets than opening ones).
        if _is_sentence(following) and (balanced(text) and not text.endswith(_UNFINISHED)
                                        or not balanced(text) and _strictly_balanced(following)):
            break
        text += following
        n += 1
    return (text, n) if _is_sentence(text) else None


def _split(line: str) -> list[str]:
    """A line that holds a whole sentence and then more (a PDF's lost line
    break: 「…を加える。⑷　…」, 「…を加える。第６６条中…」), as two lines."""
    depth = 0
    for i, ch in enumerate(line):
        depth += (ch == "「") - (ch == "」" and depth > 0)
        if ch == "。" and not depth and 0 < i < len(line) - 1 and _is_sentence(line[:i + 1]):
            rest = line[i + 1:].lstrip("　 ")
            if STARTS.match(rest) or PROVISION_LINE.match(rest) or rest.startswith("（"):
                return [line[:i + 1], *_split(rest)]
    return [line]


def segment(source: str) -> Amendment:
    """Cut `source` (the 改め文 as published) into its sentences."""
    raw = source.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    numbered = [(n, part) for n, line in enumerate(raw, 1)
                for part in _split(line.strip(" \t　\ufeff")) if part]
    lines = [line for _, line in numbered]
    # Indentation, where the publisher kept it: the text an instruction brings is
    # indented, the amending law's own 附則 is not.
    indent = {n: len(line) - len(line.lstrip(" \t　\ufeff")) for n, line in enumerate(raw, 1)}
    result = Amendment()
    i = 0
    # What comes before the enacting sentence (a heading in brackets, the amending
    # instrument's title and number, a writer's own title) is none of the sentences.
    first = next((k for k, line in enumerate(lines[:12]) if ENACTING.match(line)), 0)
    for k in range(first):
        if k == first - 1 and _HEADING.fullmatch(lines[k]):
            result.heading = lines[k]
        else:
            result.stray.append(numbered[k])
    i = first
    current: Sentence | None = None
    while i < len(lines):
        # Inside the text of an instruction about the 附則, 「附　則」 and an
        # enacting sentence are that text.
        in_body = current is not None and current.announces and "附則" in outside_quotes(current.text) \
            and (not current.body or indent[numbered[i][0]] >= current.indent)
        if SUPPLEMENTARY.match(lines[i]) and not in_body:
            result.supplementary = lines[i:]
            break
        enacting = ENACTING.match(lines[i])
        if enacting and not in_body:  # the first, or the next law the text amends
            if not result.laws:
                result.enacting, result.law = lines[i], enacting["law"]
                result.whole = enacting["extent"] == "全部"
            result.laws.append(enacting["law"])
            if current is not None and current.body and _HEADING.fullmatch(current.body[-1]):
                result.stray.append((0, current.body.pop()))  # the next law's heading
            current = None
            i += 1
            continue
        found = _starts_sentence(lines, i)
        if found is not None:
            text, n = found
            current = Sentence(text, numbered[i][0], part=max(len(result.laws) - 1, 0))
            result.sentences.append(current)
            i += n
            continue
        if current is not None and current.announces:
            if not current.body:
                current.indent = indent[numbered[i][0]]
            current.body.append(lines[i])
            i += 1
            continue
        # Neither a sentence nor text a sentence brought: an unfinished or
        # unreadable sentence. It runs to the line that completes it.
        text, n = lines[i], 1
        while not _complete(text) and i + n < len(lines) and n < MAX_JOINED_LINES \
                and _starts_sentence(lines, i + n) is None and not ENACTING.match(lines[i + n]):
            text += lines[i + n]
            n += 1
        if PROVISION_LINE.match(text) or "「" not in text and not _VERB_STEM.search(text):
            result.stray.append((numbered[i][0], lines[i]))  # a heading, a number, a fragment
            current = None
            i += 1
            continue
        current = Sentence(text, numbered[i][0], part=max(len(result.laws) - 1, 0))
        result.sentences.append(current)
        i += n
    return result
