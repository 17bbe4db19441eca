"""Alignment on real statutes (e-Gov 法令XML, `tests/corpus/egov-laws`)."""
from __future__ import annotations

import pytest
from docutils import nodes

from build_tools.diff.align import _bigrams, _text, similarity
from build_tools.egov import to_rst
from build_tools.errors import PolicyError
from build_tools.writers import render


def _articles(cmp, kinds):
    return [(r.old.heading.split("　")[0], r.new.heading.split("　")[0])
            for r in cmp.rows if r.kind in kinds and r.old and r.new and r.old.kind == "条"]


def test_p4_single_amendment_is_one_renumbering(law_comparison):
    cmp = law_comparison("p4_tokkyo_single")
    main = [r for r in cmp.rows if r.kind != "unchanged"
            and not (r.new or r.old).heading.startswith("附")
            and "suppl" not in ((r.new or r.old).label or "")]
    assert _articles(cmp, ("renumbered", "moved")) == [("第三十八条の二", "第三十八条の五")]
    changed = {r.new.heading.split("　")[0] for r in main if r.kind == "changed"}
    assert "第三十五条" in changed
    added = {r.new.heading.split("　")[0] for r in main if r.kind == "added"}
    assert {"第三十八条の二", "第三十八条の三", "第三十八条の四"} <= added


def test_p3_restructure_chain(law_comparison):
    pairs = dict(_articles(law_comparison("p3_saishori_restructure"), ("renumbered", "moved")))
    expected = {"第十九条": "第五十五条", "第二十条": "第六十一条", "第二十一条": "第六十二条",
                "第二十二条": "第六十三条", "第二十三条": "第六十四条", "第二十四条": "第六十五条"}
    assert {k: pairs.get(k) for k in expected} == expected


def test_p5_renumbered_chains(law_comparison):
    cmp = law_comparison("p5_denki_jigyo_multi")
    pairs = dict(_articles(cmp, ("renumbered", "moved")))
    chain = {f"第九十九条の{a}": f"第九十九条の{b}" for a, b in (
        ("四", "五"), ("五", "六"), ("六", "七"), ("七", "九"), ("八", "十"), ("九", "十一"),
        ("十", "十二"), ("十一", "十三"), ("十二", "十四"))}
    chain.update({"第二十八条の四十七": "第二十八条の四十八", "第二十八条の五十二": "第二十八条の五十七",
                  "第百二十二条の二": "第百二十四条", "第百二十三条": "第百二十八条"})
    assert {k: pairs.get(k) for k in chain} == chain
    assert len(pairs) >= 20
    # renumbered, not deleted + added: the old numbers of the chain are not 「削る」
    deleted = {r.old.heading.split("　")[0] for r in cmp.rows if r.kind == "deleted"}
    assert not deleted & set(chain)


@pytest.mark.parametrize("name", ["p1_genshiryoku_kihon", "p2_fusei_kyoso", "p4_tokkyo_single",
                                  "p5_denki_jigyo_multi", "p6_gyosei_tetsuzuki"])
def test_aligned_articles_share_their_text(law_comparison, name):
    """Every pair the aligner makes in the main provisions is plausibly one article."""
    cmp = law_comparison(name)
    for row in cmp.rows:
        if row.old and row.new and row.old.kind == "条" and row.kind != "unchanged":
            sim = similarity(_bigrams(_text(row.old)), _bigrams(_text(row.new)))
            assert sim >= 0.2, (row.old.heading, row.new.heading, sim)


def test_table_of_a_law_renders(law_comparison):
    doc = law_comparison("p4_tokkyo_single").doctree()
    table = next(iter(doc.findall(nodes.table)))
    assert "comparison-table" in table["classes"]
    text = table.astext()
    assert "第三十八条の五" in text and "第三十八条の二" in text


def test_importer_rejects_non_law_xml(tmp_path):
    bad = tmp_path / "x.xml"
    bad.write_text("<Law><Nothing/></Law>", encoding="utf-8")
    with pytest.raises(PolicyError):
        to_rst(bad)
    bad.write_text("<Law>", encoding="utf-8")
    with pytest.raises(PolicyError):
        to_rst(bad)


def test_a_heading_renamed_in_place_is_one_row_and_its_articles_stay(law_comparison):
    """p5: 「第五款　供給命令等」 became 「第五款　災害等への対応」 — one renamed row,
    not （新設） and （削る）; 第三十二条 and 第三十三条 under it did not move."""
    rows = {(r.new or r.old).heading: r for r in law_comparison("p5_denki_jigyo_multi").rows}
    renamed = rows["第五款　災害等への対応"]
    assert renamed.kind == "renamed" and renamed.old.heading == "第五款　供給命令等"
    assert "第五款　供給命令等" not in rows
    for article in ("第三十二条", "第三十三条"):
        row = next(r for h, r in rows.items() if h.split("　")[0] == article)
        assert not row.moved and row.kind != "moved", article


def test_p5_has_no_omitted_range_across_kinds(law_comparison):
    text = render(law_comparison("p5_denki_jigyo_multi").doctree(), None, "text")
    lines = [line.strip() for line in text.splitlines() if line.strip().endswith("略")]
    assert lines
    kanji, digits = set("一二三四五六七八九十"), set("0123456789０１２３４５６７８９")
    for line in lines:
        head = line.replace("及び", "|").replace("から", "|").replace("まで", "").split("　")[0]
        kinds = {("号" if set(p) <= kanji else "項" if set(p) <= digits else "other")
                 for p in head.split("|") if p and p != "略"}
        assert len(kinds) <= 1, line


@pytest.mark.parametrize("name", ["p1_genshiryoku_kihon", "p2_fusei_kyoso", "p3_saishori_restructure",
                                  "p4_tokkyo_single", "p5_denki_jigyo_multi", "p6_gyosei_tetsuzuki"])
def test_the_checker_finds_nothing_in_the_laws(law_comparison, name):
    from build_tools.diff.check import check_doctree
    comparison = law_comparison(name)
    assert check_doctree(comparison.doctree(), comparison) == []
