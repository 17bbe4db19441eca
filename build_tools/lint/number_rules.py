"""Numbers in 横書き (考え方 Ⅰ-4): 算用数字 for counts and order, one width
per document, commas every three digits. 縦書き text keeps 漢数字 (the
engine switches these rules off for it)."""
from __future__ import annotations

import re

from .hit import Hit

_KANJI_DIGIT = dict(zip("〇一二三四五六七八九", range(10)))
_SMALL = {"十": 10, "百": 100, "千": 1000}
_LARGE = ("兆", "億", "万")
_NUMERAL = re.compile(r"^[〇一二三四五六七八九十百千万億兆]+$")
# What a count or an order is counted in (the word after the number).
_COUNTERS = {"条", "項", "号", "章", "節", "款", "目", "年", "年度", "月", "か月", "箇月", "日",
             "時", "時間", "分", "秒", "人", "件", "回", "円", "歳", "倍", "割", "台", "個",
             "本", "枚", "冊", "名", "社", "か所", "箇所", "か国", "世帯", "週間", "期",
             "次", "点", "部", "団体", "校", "施設", "地区", "%", "パーセント"}


def _small(text: str) -> int | None:
    """一千二百三十四 → 1234 (below 万), None if it is not a number."""
    if not text:
        return 0
    total, digit = 0, None
    for char in text:
        if char in _KANJI_DIGIT:
            if digit is not None:   # 二三 (a list of digits): read as digits
                digit = digit * 10 + _KANJI_DIGIT[char]
            else:
                digit = _KANJI_DIGIT[char]
        elif char in _SMALL:
            total += (digit if digit is not None else 1) * _SMALL[char]
            digit = None
        else:
            return None
    return total + (digit or 0)


def arabic(kanji: str) -> str | None:
    """三十 → 30, 二千五百 → 2,500, 三億五千万 → 3億5,000万 (兆・億・万 stay)."""
    parts, rest = [], kanji
    for unit in _LARGE:
        if unit in rest:
            head, rest = rest.split(unit, 1)
            value = _small(head or "一")
            if value is None:
                return None
            parts.append(f"{value:,}{unit}")
    if rest:
        value = _small(rest)
        if value is None:
            return None
        parts.append(f"{value:,}")
    return "".join(parts) or None


def suji_sanyo(ctx):
    """A 漢数字 numeral followed by what it counts (三十日, 第三条). Words with
    a numeral inside (一部, 第三者, 一つ, 一層) are one word to Sudachi and are
    not numerals; rough numbers (二、三日, 数十人) keep 漢数字."""
    for block in ctx.prose():
        if not re.search(r"[一二三四五六七八九十百千]", block.text):
            continue
        tokens = ctx.tokens(block)
        for index, (start, end, word) in enumerate(tokens):
            surface = word.surface()
            if word.part_of_speech()[1] != "数詞" or not _NUMERAL.match(surface) \
                    or surface in _LARGE:
                continue
            after = tokens[index + 1][2].surface() if index + 1 < len(tokens) else ""
            before = tokens[index - 1][2].surface() if index else ""
            if after not in _COUNTERS or "数" in (before, after) or before == "、" or \
                    after == "、" or before in ("何", "幾"):
                continue
            good = arabic(surface)
            if good:
                yield Hit("KY-SUJI-SANYO", block, start, end, good, good)


_FULL = re.compile(r"[０-９]+")
_HALF = re.compile(r"(?<![A-Za-z])[0-9]+(?![A-Za-z])")
_TO_HALF = str.maketrans("０１２３４５６７８９", "0123456789")
_TO_FULL = str.maketrans("0123456789", "０１２３４５６７８９")


def suji_haba(ctx):
    """The digits not of the configured width (半角 by default)."""
    wrong, fix = (_FULL, _TO_HALF) if ctx.settings.digits == "半角" else (_HALF, _TO_FULL)
    for block in ctx.prose():
        for match in wrong.finditer(block.text):
            good = match.group().translate(fix)
            yield Hit("KY-SUJI-HABA", block, match.start(), match.end(), good, good)


_UNIT = r"(?:円|人|件|世帯|台|個|本|冊|枚|回|名|社|団体|戸|㎡|平方メートル|メートル|キロ|トン|時間|か所|か月|者)"
_LONG = re.compile(rf"(?<![0-9０-９,，.．第〒No])([0-9０-９]{{4,}})(?![0-9０-９,，.．])(?={_UNIT})")


def suji_kanma(ctx):
    """12000人 → 12,000人 (a year, 第1000号 or a code is not counted in a unit)."""
    for block in ctx.prose():
        for match in _LONG.finditer(block.text):
            digits = match.group(1)
            half = digits.translate(_TO_HALF)
            good = f"{int(half):,}"
            if digits != half:
                good = good.translate(_TO_FULL).replace(",", "，")
            yield Hit("KY-SUJI-KANMA", block, match.start(1), match.end(1), good, good)
