"""The house style a 改め文 is written in, from the document itself: 法令 for a
law numbered in 漢数字; 例規 for a city's text, its numbers in the width the
city writes them (「第１条」「２」 full, 「第1条」「2」 half) — or as the setting says."""
from __future__ import annotations

from build_tools.amend.amendment import Settings
from tests.amend.test_moves import amended

FULL = str.maketrans("0123456789", "０１２３４５６７８９")
OLD = [("総則", ["この条例は、計画について定める。", "市長は、計画を定める。／市長は、計画を公表する。"]),
       ("計画", ["計画は、公表する。"]), ("罰則", ["過料に処する。"])]
NEW = [("総則", ["この条例は、計画について定める。", "市長は、計画を定める。／市長は、計画を毎年公表する。"]),
       ("計画", ["計画は、公表する。"]), ("審議会", ["審議会を置く。"]), ("罰則", ["過料に処する。"])]


def test_a_city_text_in_full_width_gets_its_amendment_in_full_width(tmp_path):
    assert amended(tmp_path, OLD, NEW, lambda n: str(n).translate(FULL)) == [
        "第２条第２項中「公表」を「毎年公表」に改める。",
        "第３章中第４条を第５条とする。",
        "第３章を第４章とし、第２章の次に次の１章を加える。"]


def test_a_half_width_text_keeps_half_width_unless_the_setting_says_otherwise(tmp_path):
    half = [
        "第2条第2項中「公表」を「毎年公表」に改める。",
        "第3章中第4条を第5条とする。",
        "第3章を第4章とし、第2章の次に次の1章を加える。"]
    assert amended(tmp_path, OLD, NEW, str) == half
    assert amended(tmp_path, OLD, NEW, lambda n: str(n).translate(FULL),
                   Settings(style="例規(半角)")) == half
    assert amended(tmp_path, OLD, NEW, str, Settings(style="法令"))[0] == \
        "第二条第二項中「公表」を「毎年公表」に改める。"
