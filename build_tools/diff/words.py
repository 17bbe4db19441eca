"""Where words begin and end, so that a mark in the 新旧対照表 covers whole words.

A reviewer underlines 「又は」, not 「又」, and 「第九十九条の十四」, not 「十四」.
Word boundaries come from Sudachi (sudachipy with its core dictionary, the
longest unit: 「事業者」, 「九十九」), then legal units are kept whole on top of
it: the four conjunctions and their kana forms, article references, a number
with its unit, and a date. Only a window around each change is analysed, so
the cost follows the size of the change, not of the document.
"""
from __future__ import annotations

import re
from functools import cache

WINDOW = 24   # characters analysed on each side of a change

_NUM = r"[0-9０-９一二三四五六七八九十百千〇元]+"
_LEGAL_UNITS = re.compile("|".join((
    # The conjunctions of 法令 and their kana spellings (whole, never 「又」 or 「若」).
    r"又は|若しくは|及び|並びに|または|もしくは|および|ならびに",
    # Article references, each level at most once and going down: 第九十九条の十四,
    # 第五条第二項第三号, 第二項第一号 — two references in a row are two units.
    rf"第{_NUM}(?:編|章|節|款|目|条)(?:の{_NUM})*(?:第{_NUM}項)?(?:第{_NUM}号(?:の{_NUM})*)?",
    rf"第{_NUM}項(?:第{_NUM}号(?:の{_NUM})*)?",
    rf"第{_NUM}号(?:の{_NUM})*",
    rf"(?:同|前|次)(?:編|章|節|款|目|条|項|号)(?:第{_NUM}(?:項|号)(?:の{_NUM})*)*",
    # A date: 平成24年2月1日, 令和元年5月, 2023年4月1日.
    rf"(?:明治|大正|昭和|平成|令和)?{_NUM}年(?:{_NUM}月(?:{_NUM}日)?)?",
    # A number with its unit: 500円, 3か月, 1,000人, 10パーセント.
    r"[0-9０-９][0-9０-９,，.．]*(?:か月|か所|箇所|ヶ月|カ月|パーセント|[円人件日年月時分秒回倍割%％])",
)))


@cache
def _tokenizer():
    from sudachipy import Dictionary, SplitMode
    return Dictionary(dict="core").tokenizer(mode=SplitMode.C)


def boundaries(text: str, start: int, end: int) -> set[int]:
    """Offsets in `text` between two words, looked for in text[start:end]
    (the window's own edges count only where the text ends)."""
    start, end = max(0, start), min(len(text), end)
    window = text[start:end]
    found = {0, len(text)}
    offset = start
    for morpheme in _tokenizer().tokenize(window):
        found.add(offset)
        offset += len(morpheme.surface())
    found.add(offset)
    for unit in _LEGAL_UNITS.finditer(window):
        found -= set(range(start + unit.start() + 1, start + unit.end()))
        found |= {start + unit.start(), start + unit.end()}
    # The window's edges cut a word wherever they fall: not boundaries.
    found -= {start, end} - {0, len(text)}
    return found


def around(text: str, start: int, end: int) -> set[int]:
    """The boundaries near text[start:end] (a change), in its window."""
    return boundaries(text, start - WINDOW, end + WINDOW)
