"""Inside an aligned section: 項・号・イロハ aligned as provisions and shown
with their ancestors' numbers, 「略」 as 法制執務 writes it, tables compared
as tables, and each row saying where it sits (issue 13, items 2, 3, 5)."""
from __future__ import annotations

import zipfile

import pytest
from docutils import nodes

from build_tools import writers
from build_tools.diff import compare_refs
from build_tools.nodes import (COMPARISON_CELL_TABLE as CELL_TABLE, COMPARISON_CONTEXT,
                               COMPARISON_HEADING, ROW_ADDED, ROW_DELETED, deleted, inserted)
from build_tools.writers import FrontMatter
from build_tools.writers.html import render_fragment


def _row(comparison, number, side="new"):
    """(paragraph texts, paragraphs) of the column `side` of the row of article `number`."""
    doctree = comparison.doctree()
    for tr in doctree.findall(nodes.row):
        for entry in tr.children:
            if f"comparison-{side}" not in entry["classes"]:
                continue
            paragraphs = list(entry.findall(nodes.paragraph))
            head = next((p.astext() for p in paragraphs if COMPARISON_HEADING in p["classes"]), "")
            if head.split("　")[0] == number:
                return [p.astext() for p in paragraphs], paragraphs
    raise AssertionError(f"no row for {number}")


def test_a_changed_item_shows_its_ancestors_numbers(law_comparison):
    """電気事業法 第二条: the inserted ロ of 第七号 comes after 「七　（略）」 and
    「イ　略」, not after a bare 「イ　略」 that says nothing of where it is."""
    texts, paragraphs = _row(law_comparison("p5_denki_jigyo_multi"), "第二条")
    seven = texts.index("七　（略）")
    assert texts[seven + 1] == "イ　略"
    assert texts[seven + 2].startswith("ロ　特定卸供給を行う事業を営む者")
    assert isinstance(paragraphs[seven + 2][0], inserted)
    assert texts[seven - 1] == "一から六まで　略"
    assert texts[1] == "第二条　（定義）" and texts[0] == "第一章　総則"


def test_two_items_of_one_number_are_told_apart_by_their_paragraph(law_comparison):
    """第二十七条の三十三: two changed 号「二」, one in 第一項, one under 「３　（略）」."""
    for side in ("new", "old"):
        texts, _ = _row(law_comparison("p5_denki_jigyo_multi"),
                        "第二十七条の三十三" if side == "new" else "第二十七条の三十", side)
        seconds = [i for i, t in enumerate(texts) if t.startswith("二　")]
        assert len(seconds) == 2
        assert "３　（略）" in texts[seconds[0]:seconds[1]]


def test_an_inserted_item_renumbers_the_rest_instead_of_rewriting_them(law_comparison):
    """第二条第二項: 二 inserted; the old 二 and 三 are the new 三 and 四, each
    paired with its old text (only the changed words marked)."""
    new, new_paragraphs = _row(law_comparison("p5_denki_jigyo_multi"), "第二条")
    old, old_paragraphs = _row(law_comparison("p5_denki_jigyo_multi"), "第二条", "old")
    second = new.index("２　（略）")
    inserted_item = new_paragraphs[second + 2]
    assert new[second + 2].startswith("二　配電事業者から託送供給を受けて")
    assert len(inserted_item.children) == 1 and isinstance(inserted_item[0], inserted)
    three = new_paragraphs[second + 3]
    assert new[second + 3].startswith("三　特定送配電事業者から")
    assert any(isinstance(c, nodes.Text) and "特定送配電事業者から託送供給" in c for c in three.children)
    two = old_paragraphs[old.index("２　（略）") + 2]
    assert two.astext().startswith("二　特定送配電事業者から")
    assert not (len(two.children) == 1 and isinstance(two[0], deleted))


def test_omitted_items_and_paragraphs_are_ranges_of_one_kind(law_comparison):
    """行政手続法 第三条: 「十一から十六まで　略」 then 「２及び３　略」, never 「十一から３まで」."""
    for side in ("new", "old"):
        texts, _ = _row(law_comparison("p6_gyosei_tetsuzuki"), "第三条", side)
        assert texts[-2:] == ["十一から十六まで　略", "２及び３　略"]
    texts, _ = _row(law_comparison("p1_genshiryoku_kihon"), "第二条")
    assert texts[2:4] == ["略", "２　略"]          # 原子力基本法: not a bare 「略」 then 「３」
    assert texts[4].startswith("３　エネルギーとしての原子力利用は")


def test_a_row_says_which_chapter_it_sits_in(revision_comparison):
    """H29→R5 has two 「(1)」 rows and two 「(2)」 rows: each carries its chapter."""
    comparison = revision_comparison("H29", "R5")
    found = {}
    for tr in comparison.doctree().findall(nodes.row):
        for entry in tr.children:
            paragraphs = list(entry.findall(nodes.paragraph))
            heads = [p.astext() for p in paragraphs if COMPARISON_HEADING in p["classes"]]
            if heads and heads[0][:3] in ("(1)", "(2)"):
                context = [p.astext() for p in paragraphs if COMPARISON_CONTEXT in p["classes"]]
                assert context, heads[0]
                found.setdefault(heads[0], set()).add(context[-1])
    assert found["(1)　公民連携とは"] == {"2　公民連携推進の理念"}
    assert found["(2)　目的"] == {"2　公民連携推進の理念"}


TABLE = """\
見本の計画
==========

.. _methods:

1　事業手法
-----------

主な手法は、次のとおりです。

.. list-table:: 主な事業手法
   :header-rows: 1

   * - 事業手法
     - 概要
   * - 民間委託
     - 事務事業の一部を民間事業者に委ねる手法
{rows}
"""
OLD_ROWS = """   * - 指定管理者制度
     - 公の施設の管理を指定する団体に行わせる制度
   * - 協働推進事業
     - 市民活動団体と市が協働で実施する事業"""
NEW_ROWS = """   * - 指定管理者制度
     - 公の施設の管理を市が指定する法人その他の団体に行わせる制度
   * - PFI
     - 民間の資金と経営能力を活用する手法"""


@pytest.fixture(scope="module")
def table_comparison(tmp_path_factory):
    folder = tmp_path_factory.mktemp("table")
    (folder / "old.rst").write_text(TABLE.format(rows=OLD_ROWS), encoding="utf-8")
    (folder / "new.rst").write_text(TABLE.format(rows=NEW_ROWS), encoding="utf-8")
    return compare_refs(None, str(folder / "old.rst"), str(folder / "new.rst"))


def _cell_tables(comparison):
    tables = [t for t in comparison.doctree().findall(nodes.table) if CELL_TABLE in t["classes"]]
    new, old = (next(t for t in tables if f"comparison-{side}" in t.parent["classes"])
                for side in ("new", "old"))
    return new, old


def test_a_table_is_compared_cell_by_cell_with_rows_added_and_deleted(table_comparison):
    new, old = _cell_tables(table_comparison)
    new_rows, old_rows = list(new.findall(nodes.row)), list(old.findall(nodes.row))
    assert [r.astext().split("\n\n")[0] for r in new_rows] == \
        ["事業手法", "民間委託", "指定管理者制度", "PFI"]
    assert [ROW_ADDED in r["classes"] for r in new_rows] == [False, False, False, True]
    assert [ROW_DELETED in r["classes"] for r in old_rows] == [False, False, False, True]
    changed = new_rows[2]
    marks = "".join(m.astext() for m in changed[1].findall(inserted))
    assert "市が" in marks and "法人その他の" in marks and "公の施設" not in marks
    assert changed[0].astext() == "指定管理者制度" and not list(changed[0].findall(inserted))
    assert next(iter(new.findall(nodes.thead))).astext().startswith("事業手法")
    # not flattened into 「事業手法｜概要」 paragraphs any more
    assert "｜" not in table_comparison.doctree().astext()


def test_a_compared_table_is_a_table_in_every_format(table_comparison, tmp_path):
    html = render_fragment(table_comparison.doctree())
    assert html.count(f'class="{CELL_TABLE}') == 2 and ROW_ADDED in html
    front = FrontMatter(title="新旧対照表（見本）", policy={"title": "見本", "city": "", "department": ""},
                        epoch=0, notice="見本")
    docx, = writers.publish(table_comparison.doctree(), front, ["docx"], tmp_path)
    xml = zipfile.ZipFile(docx).read("word/document.xml").decode()
    assert xml.count("<w:tbl>") >= 3     # the comparison table and one table in each column
    assert "法人その他の" in xml and "民間の資金と経営能力を活用する手法" in xml


@pytest.mark.parametrize("pair", [("H24", "H29"), ("H29", "R5")])
def test_the_table_renders_the_same_with_or_without_a_sphinx_application(revision_comparison, pair):
    comparison = revision_comparison(*pair)
    fast = render_fragment(comparison.doctree(), single_page=True)
    assert fast == render_fragment(comparison.doctree(), single_page=False)
    assert "<ins" in fast and 'scope="col"' in fast


def test_a_provision_number_the_model_cannot_read_is_a_clear_error(tmp_path, capsys):
    from build_tools.cli import main
    old, new = tmp_path / "old.rst", tmp_path / "new.rst"
    old.write_text("見本\n====\n\n(i)　一つ目\n", encoding="utf-8")
    new.write_text("見本\n====\n\n(ab)　読めない番号\n", encoding="utf-8")
    code = main(["diff", str(old), str(new), "-f", "text"])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    assert str(new) in err and "「(ab)」" in err and "対処:" in err


def test_a_reconstructed_table_stays_labelled_row_by_row(revision_comparison):
    """H29's table of 事業手法 is the project's reconstruction: each of its rows
    says so, as each reconstructed paragraph does."""
    doctree = revision_comparison("H24", "H29").doctree()
    table = next(t for t in doctree.findall(nodes.table) if CELL_TABLE in t["classes"]
                 and "事業手法" in t.astext())
    rows = list(table.findall(nodes.row))
    assert rows and all(r.astext().startswith("【再構成】") for r in rows)
