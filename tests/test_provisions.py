"""The provision model on real statutes and on our policy: kinds, numbers as
written and normalised, addresses as 法制執務 writes them, text kept in order."""
from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.document import blocks_of
from build_tools.egov import CORPUS
from build_tools.provisions import (first_difference, heading_key, kanji_numeral, kanji_value,
                                    number_value, provisions_of)
from build_tools.read import read
from build_tools.revisions import Project

ROOT = Path(__file__).resolve().parents[1]
P5_OLD, P5_NEW = sorted((CORPUS / "p5_denki_jigyo_multi").glob("*.xml"))
P1 = sorted((CORPUS / "p1_genshiryoku_kihon").glob("*.xml"))


@pytest.fixture(scope="module")
def project():
    return Project(ROOT)


@pytest.fixture(scope="module")
def p5(project):
    document = read(project, str(P5_OLD))
    return document, provisions_of(document)


def test_numbers_as_statutes_and_our_policy_write_them():
    assert [kanji_value(t) for t in ("一", "十", "十一", "九十九", "百二十三", "二〇")] == \
        [1, 10, 11, 99, 123, 20]
    assert kanji_value("イ") is None
    assert [kanji_numeral(n) for n in (1, 10, 11, 99, 123, 1000)] == \
        ["一", "十", "十一", "九十九", "百二十三", "千"]
    assert heading_key("第三十八条の二") == (38, 2)
    assert heading_key("第二十七条の十三の三") == (27, 13, 3)
    assert heading_key("第一章の二") == (1, 2)
    assert heading_key("(1)") == (1,) and heading_key("10") == (10,)
    assert number_value("ロ") == 2 and number_value("イ", iroha=False) == 2   # ア, イ …
    assert number_value("（ii）", "paren_latin") == 2 and number_value("b") == 2
    assert number_value("１２") == 12


def test_an_article_holds_its_items_and_their_subitems_under_its_paragraphs(p5):
    """電気事業法 第二条: 第一項 has 号 一…, 第五号 has イ and ロ; 第二項 is 「２」."""
    _, root = p5
    article = root.find([("条", (2,))])
    assert (article.kind, article.number, article.heading) == ("条", "第二条", "定義")
    first, second = [c for c in article.children if c.kind == "項"][:2]
    assert first.number == "" and first.key == (1,)
    assert first.text[0].startswith("この法律において、次の各号に掲げる用語の意義は")
    items = [c for c in first.children if c.kind == "号"]
    assert [i.number for i in items[:3]] == ["一", "二", "三"]
    assert items[0].text == ["小売供給　一般の需要に応じ電気を供給することをいう。"]
    fifth = items[4]
    assert [(c.kind, c.number) for c in fifth.children] == [("細分1", "イ"), ("細分1", "ロ")]
    assert fifth.children[1].address() == "第二条第一項第五号ロ"
    assert second.number == "２" and second.address() == "第二条第二項"
    assert second.children[0].address() == "第二条第二項第一号"


def test_a_branch_numbered_item_is_its_own_item(project):
    """電気事業法 (2022) 第二条: 十一の二 is inserted after 十一, not text of it."""
    root = provisions_of(read(project, str(P5_NEW)))
    first = root.find([("条", (2,)), ("項", (1,))])
    branch = first.find([("号", (11, 2))])
    assert branch.number == "十一の二" and branch.text[0].startswith("配電事業　")
    assert branch.address() == "第二条第一項第十一号の二"
    assert all(not t.startswith("十一の") for t in first.find([("号", (11,))]).text)


def test_an_article_with_one_paragraph_is_addressed_without_its_first(project):
    root = provisions_of(read(project, str(P1[0])))
    third = root.find([("条", (3,))])   # 第三条 (定義): one 項, five 号
    assert third.children[0].address() == "第三条"
    assert third.children[0].children[2].address() == "第三条第三号"
    assert root.find([("条", (3, 5)), ("項", (2,))]).address() == "第三条の五第二項"
    assert root.find([("条", (99,))]) is None


def test_the_supplementary_provisions_are_their_own_branch(p5):
    _, root = p5
    suppl = [p for p in root.children if p.kind == "附則"]
    assert len(suppl) == 1       # the amending laws' 附則 are left out by default
    assert [c.address() for c in suppl[0].children[:2]] == ["附則第一項", "附則第二項"]


def test_walking_the_tree_gives_back_every_paragraph_in_order(p5):
    """No paragraph is lost or moved: numbers put back, the text is the reader's."""
    document, root = p5
    expected = [b.text for node in document.section_nodes() for b in blocks_of(node)]
    found = []
    for provision in root.walk():
        for n, text in enumerate(provision.text):
            found.append(f"{provision.number}　{text}" if n == 0 and provision.number
                         and provision.section is None else text)
    assert found == expected


def test_our_policy_is_addressed_by_its_own_numbering(project):
    root = provisions_of(read(project, "R5"))
    assert root.heading == "公民連携推進のための基本的な考え方"
    two = root.find([("", (2,))])
    assert (two.number, two.heading) == ("2", "公民連携推進の理念")
    assert two.children[0].address() == "2の(1)"
    assert not root.statute and two.kind == ""


def test_the_first_difference_names_the_provision(p5, project):
    _, old = p5
    assert first_difference(old, old) is None
    new = provisions_of(read(project, str(sorted((CORPUS / "p5_denki_jigyo_multi").glob("*.xml"))[1])))
    a, b = first_difference(old, new)
    assert a is not None and b is not None
    assert a.address() == b.address() and a.signature() != b.signature()
