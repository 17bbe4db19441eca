"""Each rule on its own bad and good example (build_tools/lint/rules.py), and
on the cases a rule must leave alone (資料を下さい, 事の重大さ, 一部, 茅ヶ崎)."""
from __future__ import annotations

import pytest

from build_tools.lint.rules import RULES
from build_tools.lint.settings import Settings

from .helpers import as_rst, lint_rst


@pytest.mark.parametrize("rule_id", list(RULES))
def test_the_bad_example_is_reported_and_the_good_one_is_not(rule_id, tmp_path):
    rule = RULES[rule_id]
    bad = [f for f in lint_rst(as_rst(rule_id, rule.bad), tmp_path) if f.rule == rule_id]
    good = [f for f in lint_rst(as_rst(rule_id, rule.good), tmp_path) if f.rule == rule_id]
    assert bad, f"{rule_id}: 「{rule.bad}」 が見つかりません"
    assert not good, f"{rule_id}: 「{rule.good}」 を誤って指摘: {[f.line_text() for f in good]}"
    assert all(rule.source in f.message for f in bad)


CASES = [  # (text, rule, reported?)
    ("資料を下さい。", "KY-HOJO-DOSHI", False),
    ("検討して行きます。", "KY-HOJO-DOSHI", True),
    ("資料を提出して行う。", "KY-HOJO-DOSHI", False),        # 行う, not 行く
    ("事の重大さを考える。", "KY-KEISHIKI-MEISHI", False),
    ("次の通りです。", "KY-KEISHIKI-MEISHI", True),
    ("検討した所、問題はない。", "KY-KEISHIKI-MEISHI", True),
    ("事務所の所在地", "KY-KEISHIKI-MEISHI", False),
    ("一部の第三者が一つずつ一層努める。", "KY-SUJI-SANYO", False),
    ("二、三日のうちに", "KY-SUJI-SANYO", False),
    ("数十人が参加した。", "KY-SUJI-SANYO", False),
    ("第三条の規定", "KY-SUJI-SANYO", True),
    ("茅ヶ崎市の事業", "KY-KASHO", False),
    ("3カ所と5ヵ国", "KY-KASHO", True),
    ("2023年4月に12000人", "KY-SUJI-KANMA", True),
    ("平成2023年", "KY-SUJI-KANMA", False),
    ("又は若しくは及び並びに", "KY-SETSUZOKU-KANJI", False),
    ("範囲に及びます。", "KY-SETSUZOKU-KANJI", False),
    ("規則に従って行う。", "KY-SETSUZOKU-KANA", False),       # a verb, not したがって
    ("事故に備える。", "KY-SETSUZOKU-KANA", False),
    ("また、市は", "KY-SETSUZOKU-KANA", False),
    ("市民又は事業者若しくは団体", "KY-SETSUZOKU-KAISO", False),
    ("「若しくは」とあるのは「又は」と読み替える。", "KY-SETSUZOKU-KAISO", False),
    ("市民及び事業者及び団体", "KY-SETSUZOKU-KAISO", True),
    ("維持し、及び運用する送電用及び配電用の設備", "KY-SETSUZOKU-KAISO", False),
    ("資産を引き渡し、報告する。", "KY-OKURIGANA", False),    # the verb 引き渡す
    ("手続きを定める。", "KY-OKURIGANA", True),
    ("提出した時に受理する。", "KY-TOKI", False),              # a point in time
    ("１，０００円", "KY-TOUTEN", False),                     # a thousands separator
    ("第1章の規定", "KY-HANKAKU-KUTOTEN", False),
]


@pytest.mark.parametrize("text, rule_id, reported", CASES)
def test_cases(text, rule_id, reported, tmp_path):
    found = [f for f in lint_rst(text + "\n", tmp_path) if f.rule == rule_id]
    assert bool(found) == reported, [f.line_text() for f in found]


def test_the_configured_touten_is_the_right_one(tmp_path):
    text = "市は，計画を定め、実施する。\n"
    found = lint_rst(text, tmp_path, Settings(touten="，"))
    assert [(f.rule, f.text) for f in found if f.rule == "KY-TOUTEN"] == [("KY-TOUTEN", "、")]


def test_explanations_relax_the_kanji_conjunctions(tmp_path):
    text = "市民もしくは事業者又は団体の手続きです。\n"
    strict = {f.rule for f in lint_rst(text, tmp_path)}
    relaxed = {f.rule for f in lint_rst(text, tmp_path, Settings(profile="解説・広報"))}
    assert {"KY-SETSUZOKU-KANJI", "KY-OKURIGANA"} <= strict
    assert not {"KY-SETSUZOKU-KANJI", "KY-OKURIGANA"} & relaxed


def test_statutes_write_ka_with_kanji_and_vertical_text_keeps_kanji_numerals(tmp_path):
    text = "三箇月以内に、一箇所に三十日掲示する。\n"
    statute = {f.rule for f in lint_rst(text, tmp_path, Settings(profile="法令"), vertical=True)}
    assert not {"KY-KASHO", "KY-SUJI-SANYO"} & statute
    policy = {f.rule for f in lint_rst(text, tmp_path)}
    assert {"KY-KASHO", "KY-SUJI-SANYO"} <= policy


def test_numbers_become_arabic_with_commas(tmp_path):
    found = lint_rst("二千五百人と三億五千万円と十五日\n", tmp_path)
    assert [(f.text, f.fix and f.fix.new) for f in found if f.rule == "KY-SUJI-SANYO"] == [
        ("二千五百", "2,500"), ("三億五千万", "3億5,000万"), ("十五", "15")]


def test_heading_levels_forms_and_gaps(tmp_path):
    text = ("題名\n====\n\n1　総則\n-------\n\n本文。\n\n(1)　目的\n~~~~~~~~~\n\n本文。\n\n"
            "(3)　範囲\n~~~~~~~~~\n\n本文。\n\n3 計画\n------\n\nア　細目\n~~~~~~~~\n\n本文。\n")
    found = [(f.line, f.suggestion) for f in lint_rst(text, tmp_path) if f.rule == "KY-MIDASHI"]
    lines = [line for line, _ in found]
    assert 14 in lines                      # (3) after (1): a gap
    assert lines.count(19) == 2             # 3 after 1, and 「3 計画」 has a half-width space
    assert any("(1)" in s for line, s in found if line == 22)   # ア where (1) belongs
    assert 4 not in lines and 9 not in lines


def test_a_disable_comment_switches_a_rule_off_for_the_next_block(tmp_path):
    text = ".. lint: disable=KY-TOKI\n\n事故の時は連絡する。\n\n事故の時は連絡する。\n"
    found = [f.line for f in lint_rst(text, tmp_path) if f.rule == "KY-TOKI"]
    assert found == [5]
