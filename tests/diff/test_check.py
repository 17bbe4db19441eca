"""The 新旧対照表 checker (`policy diff --check`): it passes the tables we make
and finds what a 法規担当 would send back."""
from __future__ import annotations

import pytest
from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.utils import new_document

from build_tools.cli import main
from build_tools.diff import compare_refs
from build_tools.diff.check import check_doctree, omitted_problem
from build_tools.egov import CORPUS
from build_tools.nodes import inserted

AMENDMENTS = CORPUS.parent / "amendments"


@pytest.mark.parametrize("text", ["略", "２　略", "２及び３　略", "２から４まで　略", "一から三まで　略",
                                  "十一から十六まで　略", "イ及びロ　略", "(1)及び(2)　略", "１１　略"])
def test_well_formed_omissions_pass(text):
    assert omitted_problem(text) is None


@pytest.mark.parametrize("text, reason", [
    ("２から一まで　略", "種類の違う番号"),        # 項 and 号 in one range (seen in p5 before)
    ("十一から３まで　略", "種類の違う番号"),
    ("２及び４　略", "「及び」は続く二つ"),
    ("２から３まで　略", "「から…まで」は三つ以上"),
    ("４から２まで　略", "増えていません"),
    ("省略", "「略」の書き方ではありません"),
])
def test_malformed_omissions_are_found(text, reason):
    assert reason in omitted_problem(text)


def _table(paragraph: nodes.paragraph) -> nodes.document:
    doc = new_document("<t>", get_default_settings())
    row = nodes.row(ids=["cmp-x"])
    entry = nodes.entry(classes=["comparison-new"])
    entry += nodes.paragraph("", "", nodes.Text("見出し"), classes=["comparison-heading"])
    entry += paragraph
    row += entry
    doc += nodes.table("", nodes.tgroup("", nodes.tbody("", row)))
    return doc


def test_a_mark_inside_a_word_is_found():
    para = nodes.paragraph("", "")
    para += nodes.Text("市民サービスの全部")
    para += inserted("又", "又")          # 「又」 of 又は: a fragment, as the old marks were
    para += nodes.Text("は一部を委ねる。")
    problems = check_doctree(_table(para))
    assert problems and "語の途中" in problems[0] and "#cmp-x" in problems[0]


def test_a_whole_word_mark_passes():
    para = nodes.paragraph("", "")
    para += nodes.Text("市民サービスの全部")
    para += inserted("又は", "又は")
    para += nodes.Text("一部を委ねる。")
    assert check_doctree(_table(para)) == []


@pytest.mark.parametrize("pair", [("H24", "H29"), ("H29", "R5")])
def test_the_bundled_tables_pass(revision_comparison, pair):
    comparison = revision_comparison(*pair)
    assert check_doctree(comparison.doctree(), comparison) == []


@pytest.mark.parametrize("case", sorted(p.name for p in AMENDMENTS.iterdir() if p.is_dir()))
def test_the_real_amendments_pass(case):
    folder = AMENDMENTS / case
    comparison = compare_refs(None, str(folder / "old.xml"), str(folder / "new.xml"))
    assert comparison.changed_rows
    assert check_doctree(comparison.doctree(), comparison) == []


def test_the_check_option_reports_and_sets_the_exit_code(capsys, tmp_path):
    folder = AMENDMENTS / "r3-37-art58-tokuso"
    code = main(["diff", str(folder / "old.xml"), str(folder / "new.xml"), "-f", "html",
                 "-o", str(tmp_path), "--check"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "検査: 問題はありません" in out
