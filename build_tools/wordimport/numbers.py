"""Numbers as Japanese documents write them (番号の書式).

`format_number(n, fmt)` writes a counter in one of Word's number formats
(w:numFmt): decimalFullWidth, japaneseCounting, aiueo, iroha,
decimalEnclosedCircle, ideographTraditional, …. `typed_number(text)` finds
a number someone typed at the start of a heading (第1, 1, (1), ア, ①, 一,
full- or half-width) and `number_key` turns any of them into integers, for
labels that do not depend on the Japanese text.
"""
from __future__ import annotations

import re
import unicodedata

from ..provisions import AIUEO, IROHA, KANJI_DIGITS, heading_key

TEN_STEMS = "甲乙丙丁戊己庚辛壬癸"
ZODIAC = "子丑寅卯辰巳午未申酉戌亥"
LEGAL_DIGITS = "〇壱弐参四伍六七八九"
# Half-width katakana for the aiueo and iroha formats (ヰ, ヱ have none).
_HALF = {unicodedata.normalize("NFKC", chr(c)): chr(c) for c in range(0xFF66, 0xFF9E)}


def _counting(n: int, digits: str = KANJI_DIGITS, ten: str = "十", hundred: str = "百",
              thousand: str = "千") -> str:
    """一, 十一, 二十, 百五 … (japaneseCounting)."""
    if n <= 0:
        return digits[0]
    out = ""
    for value, unit in ((10000, "万"), (1000, thousand), (100, hundred), (10, ten)):
        q, n = divmod(n, value)
        if q:
            out += (_counting(q, digits, ten, hundred, thousand) if value == 10000 else
                    "" if q == 1 and value < 10000 else digits[q]) + unit
    return out + (digits[n] if n else "")


def _cycle(n: int, chars: str) -> str:
    return chars[(n - 1) % len(chars)] if n > 0 else ""


def _letters(n: int) -> str:
    """A … Z, AA … ZZ (Word repeats the letter)."""
    if n <= 0:
        return ""
    if n > 26 * 30:
        return str(n)
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    out = ""
    for value, mark in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + mark, n - value
    return out


def _enclosed(n: int, first: int, count: int) -> str | None:
    return chr(first + n - 1) if 1 <= n <= count else None


def _circled(n: int) -> str:
    if 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if 21 <= n <= 35:
        return chr(0x3251 + n - 21)
    if 36 <= n <= 50:
        return chr(0x32B1 + n - 36)
    return str(n)


def full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


def format_number(n: int, fmt: str) -> str:
    """Counter `n` in Word's number format `fmt` (unknown formats: decimal)."""
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return full_width(str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("japaneseCounting", "chineseCounting", "chineseCountingThousand",
               "taiwaneseCounting", "taiwaneseCountingThousand"):
        return _counting(n)
    if fmt == "japaneseLegal":
        return _counting(n, LEGAL_DIGITS, "拾", "百", "阡")
    if fmt in ("japaneseDigitalTenThousand", "ideographDigital", "taiwaneseDigital"):
        return "".join(KANJI_DIGITS[int(d)] for d in str(n))
    if fmt == "aiueoFullWidth":
        return _cycle(n, AIUEO)
    if fmt == "aiueo":
        return _HALF.get(_cycle(n, AIUEO), _cycle(n, AIUEO))
    if fmt == "irohaFullWidth":
        return _cycle(n, IROHA)
    if fmt == "iroha":
        return _HALF.get(_cycle(n, IROHA), _cycle(n, IROHA))
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return _circled(n)
    if fmt == "decimalEnclosedFullstop":
        return _enclosed(n, 0x2488, 20) or f"{n}."
    if fmt == "decimalEnclosedParen":
        return _enclosed(n, 0x2474, 20) or f"({n})"
    if fmt in ("ideographTraditional",):
        return _cycle(n, TEN_STEMS)
    if fmt in ("ideographZodiac", "ideographZodiacTraditional"):
        return _cycle(n, ZODIAC)
    if fmt == "upperLetter":
        return _letters(n)
    if fmt == "lowerLetter":
        return _letters(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "none":
        return ""
    return str(n)


# --- numbers typed at the start of a heading ----------------------------------

_NUM = "0-9０-９〇一二三四五六七八九十百千"
_KANA = "ア-ンｦ-ﾝ"
_SPACE = "[　 \t]"
_TYPED = re.compile(
    rf"^(?:第[{_NUM}]+[編章節款目条項号部]?(?:の[{_NUM}]+)*(?={_SPACE}|$|[^{_NUM}])"
    rf"|[(（][{_NUM}{_KANA}a-zａ-ｚA-Z]+[)）]"
    rf"|[0-9０-９]+(?:[.．][0-9０-９]+)*[.．]?(?={_SPACE}|$|[.．]|(?<=[.．]))"
    rf"|[\u2460-\u2473\u3251-\u325f\u32b1-\u32bf\u2474-\u2487\u2488-\u249b]"
    rf"|[{_KANA}](?={_SPACE}|[.．、])"
    rf"|[〇一二三四五六七八九十百千]+(?={_SPACE}|、)"
    rf"|[{TEN_STEMS}](?={_SPACE}))")


def typed_number(text: str) -> tuple[str, str] | None:
    """(number, rest) when `text` starts with a typed number: 「第1　総則」 →
    ("第1", "　総則"); 「(1)　目的」 → ("(1)", "　目的"); 「2020年」 → None."""
    match = _TYPED.match(text)
    if not match or not match.group(0):
        return None
    return match.group(0), text[match.end():]


def number_key(number: str) -> tuple[int, ...]:
    """Integers of a heading number (provisions.heading_key, and more):
    第五条の二 → (5, 2); （１） → (1,); ア → (1,); 2.3 → (2, 3); ① → (1,);
    乙 → (2,). () when it has none."""
    keys: list[int] = []
    for part in re.split(r"[.．]", unicodedata.normalize("NFKC", number).strip("　 .")):
        key = heading_key(part)
        if not key and part.strip("()") in TEN_STEMS:
            key = (TEN_STEMS.index(part.strip("()")) + 1,)
        keys += key
    return tuple(keys)
