"""Marks cover whole words (issue: underlines cut 又は, 若しくは, article numbers)."""
from __future__ import annotations

import pytest

from build_tools.diff import inline


def marked(old: str, new: str) -> list[tuple[str, str]]:
    return [(p.old, p.new) for p in inline.diff(old, new) if p.op == inline.CHANGE]


@pytest.mark.parametrize("old, new, expected", [
    # a conjunction is marked whole, and only it: not 「全部又」 against 「全部また」
    ("市民サービスの全部または一部", "市民サービスの全部又は一部", [("または", "又は")]),
    ("同等、もしくはそれ以上", "同等、若しくはそれ以上", [("もしくは", "若しくは")]),
    # an article reference whole: not only 「十四」
    ("第九十九条の十三の規定", "第九十九条の十四の規定", [("第九十九条の十三", "第九十九条の十四")]),
    ("第十三項又は第十四項", "第十二項若しくは第十四項", [("第十三項又は", "第十二項若しくは")]),
    # a number with its unit, a date
    ("500円以下", "1,000円以下", [("500円", "1,000円")]),
    ("3か月以内", "6か月以内", [("3か月", "6か月")]),
    # no lone kana: 「ま」 of 目的とします, 「い」 against 「言」
    ("目的としたものです。", "目的とします。", [("たものです", "ます")]),
    ("ことを言う。", "ことをいう。", [("言う", "いう")]),
    # an insertion takes the word before it, so the old column marks the place
    ("民間事業者行政が", "民間事業者及び行政が", [("事業者", "事業者及び")]),
])
def test_marks_are_whole_words(old, new, expected):
    assert marked(old, new) == expected
    pieces = inline.diff(old, new)
    assert inline.old_text(pieces) == old and inline.new_text(pieces) == new


def test_two_article_references_in_a_row_are_two_words():
    """Found by the property test: 「第九十九条の十四第九十九条の十四」 is two references."""
    old, new = "または第九十九条の十四第九十九条の十四", "事業者第九十九条の十三"
    for piece in inline.diff(old, new):
        assert piece.old not in ("四", "十四") and piece.new not in ("三", "十三"), piece
