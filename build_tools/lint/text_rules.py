"""Rules that match text: punctuation, the conjunctions, か所・か月, brackets,
常用漢字. The four conjunctions are matched as text because analysers split
「又は」 into 又＋は and 「並びに」 into 並び＋に (CONVENTIONS.md §3)."""
from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from .hit import Hit

JA = r"\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff々〆"
KANJI = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")


def touten(ctx):
    """One 読点 mark: the configured one (「、」 by default); the other is
    reported wherever it appears. A full-width comma between digits is a
    thousands separator, not a 読点."""
    mark = ctx.settings.touten
    other = "，" if mark == "、" else "、"
    for block in ctx.prose():
        for match in re.finditer(other, block.text):
            if other == "，" and _between_digits(block.text, match.start()):
                continue
            yield Hit("KY-TOUTEN", block, match.start(), match.end(), mark, mark)


def _between_digits(text, at):
    return 0 < at < len(text) - 1 and text[at - 1].isdigit() and text[at + 1].isdigit()


_ASCII_PUNCT = re.compile(rf"(?<=[{JA}])[,.](?=[{JA}]|$)")


def hankaku_kutoten(ctx):
    for block in ctx.prose():
        for match in _ASCII_PUNCT.finditer(block.text):
            good = ctx.settings.touten if match.group() == "," else "。"
            yield Hit("KY-HANKAKU-KUTOTEN", block, match.start(), match.end(), good, good)


# および (not the verb 及ぶ: およびます), ならびに, または, もしくは.
_KANA_CONJ = re.compile(r"および(?![まませそ])|ならびに|または|もしくは")
_KANJI_OF = {"および": "及び", "ならびに": "並びに", "または": "又は", "もしくは": "若しくは"}


def setsuzoku_kanji(ctx):
    """もしくは → 若しくは; where its sentence has no 又は (one level only) the
    right word is 又は, and 並びに without 及び is 及び (see KY-SETSUZOKU-KAISO)."""
    for block in ctx.prose():
        if not _KANA_CONJ.search(block.text):
            continue
        spans = list(sentences(block.text))
        for match in _KANA_CONJ.finditer(block.text):
            good = _KANJI_OF[match.group()]
            start, end = next((s, e) for s, e in spans if s <= match.start() < e)
            sentence = block.text[start:end]
            if good == "若しくは" and not re.search("又は|または", sentence):
                good = "又は"
            elif good == "並びに" and not re.search("及び|および", sentence):
                good = "及び"
            yield Hit("KY-SETSUZOKU-KANJI", block, match.start(), match.end(), good, good)


# Conjunctions written in kana: 但し (also 但書), 尚・又・従って as conjunctions
# only where one stands: at a sentence's start or after 、 and before 、.
_KANJI_CONJ = re.compile(
    r"但(?:し|書)|且つ|即ち|(?:^|(?<=[。、]))(?:尚|又|従って|故に)(?=、)")
_KANJI_CONJ_CHARS = re.compile("[但且即故尚又従]")
_KANA_OF = {"但し": "ただし", "但書": "ただし書", "且つ": "かつ", "即ち": "すなわち",
            "故に": "ゆえに", "尚": "なお", "又": "また", "従って": "したがって"}


def setsuzoku_kana(ctx):
    for block in ctx.prose():
        if not _KANJI_CONJ_CHARS.search(block.text):
            continue
        for match in _KANJI_CONJ.finditer(block.text):
            good = _KANA_OF[match.group()]
            yield Hit("KY-SETSUZOKU-KANA", block, match.start(), match.end(), good, good)


def sentences(text: str):
    """(start, end) of each sentence: cut at 。 outside brackets, so that
    「（…をいう。）」 stays inside its sentence."""
    depth, start = 0, 0
    for at, char in enumerate(text):
        if char in "（(「『［【":
            depth += 1
        elif char in "）)」』］】":
            depth = max(0, depth - 1)
        elif char == "。" and depth == 0:
            yield start, at + 1
            start = at + 1
    if start < len(text):
        yield start, len(text)


def _quoted(text: str) -> list[bool]:
    """For each character: inside 「」 (a quotation, as in 読み替え)."""
    out, depth = [], 0
    for char in text:
        if char == "「":
            depth += 1
        out.append(depth > 0)
        if char == "」":
            depth = max(0, depth - 1)
    return out


def setsuzoku_kaiso(ctx):
    """並びに needs 及び in its sentence, 若しくは needs 又は (法制執務: the
    larger joint takes 並びに／又は, the smaller 及び／若しくは). Quoted words
    (「若しくは」とあるのは) are not the sentence's own."""
    for block in ctx.prose():
        text = block.text
        if "並びに" not in text and "若しくは" not in text and text.count("及び") < 2:
            continue
        quoted = _quoted(text)
        for start, end in sentences(text):
            sentence = text[start:end]
            for word, inner, good in (("並びに", "及び", "及び（段階が一つなら）"),
                                      ("若しくは", "又は", "又は（段階が一つなら）")):
                found = [m.start() for m in re.finditer(word, sentence)
                         if not quoted[start + m.start()]]
                if found and inner not in sentence:
                    at = start + found[0]
                    yield Hit("KY-SETSUZOKU-KAISO", block, at, at + len(word), good)
            # 「A及びB及びC」: three nouns joined by two 及び.
            for match in re.finditer(r"及び[一-龯ァ-ヶー]{1,12}及び", sentence):
                yield Hit("KY-SETSUZOKU-KAISO", block, start + match.start(),
                          start + match.end(), "「A、B及びC」の形に")


_KASHO = re.compile(r"(?<=[0-9０-９一二三四五六七八九十百千何数])([ヶケカヵ箇])(?=[所月国])")


def kasho(ctx):
    statute = ctx.settings.profile == "法令"
    for block in ctx.prose():
        for match in _KASHO.finditer(block.text):
            if statute and match.group() == "箇":
                continue   # 法令漢字: 一箇所・三箇月
            good = "箇" if statute else "か"
            yield Hit("KY-KASHO", block, match.start(), match.end(), good, good)


_KAKKO = re.compile(r"(?:という|同じ|含む|除く|限る|をいう)(?=）)")


def kakko(ctx):
    """（以下「計画」という） → （以下「計画」という。）"""
    for block in ctx.prose():
        for match in _KAKKO.finditer(block.text):
            yield Hit("KY-KAKKO", block, match.end(), match.end(), "。", "。")


@cache
def joyo_kanji() -> frozenset:
    """The 2,136 characters of the 常用漢字表 (平成22年内閣告示第2号), with the
    forms its notes allow in practice (叱・剥・填・頬 for 𠮟・剝・塡・頰)."""
    text = (Path(__file__).with_name("joyo-kanji.txt")).read_text(encoding="utf-8")
    chars = {c for line in text.splitlines() if not line.startswith("#") for c in line.strip()}
    return frozenset(chars | set("叱剥填頬"))


def joyo(ctx):
    table = joyo_kanji()
    for block in ctx.prose():
        outside = [m for m in KANJI.finditer(block.text) if m.group() not in table]
        if not outside:
            continue
        allowed = set()
        if ctx.allowed is not None:
            for match in ctx.allowed.finditer(block.text):
                allowed.update(range(match.start(), match.end()))
        proper = set()
        for start, end, morpheme in ctx.tokens(block):
            if morpheme.part_of_speech()[1] == "固有名詞":
                proper.update(range(start, end))
        for match in outside:
            if match.start() in allowed or match.start() in proper:
                continue
            yield Hit("KY-JOYO", block, match.start(), match.end(),
                      f"「{match.group()}」は常用漢字表にない字: 仮名で書くか言い換える"
                      "（固有名詞なら revisions/lint.toml の allowed_words に）")
