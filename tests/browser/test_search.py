"""Japanese search in headless Chromium: words typed without spaces find
the pages that contain them (index and query split alike, build_tools/search_ja.py)."""
from __future__ import annotations

import json
import subprocess
import unicodedata

import pytest

from build_tools import search_ja
from conftest import HERE, run_driver

QUERIES = ("公民連携", "市民サービス", "新しい公共", "役割分担")


def _pages_containing(project, rev_id: str, word: str, dest) -> set[str]:
    """The oracle: chapters of the revision's source text (at its commit)
    that contain `word`, whatever the search does."""
    rev = project.revision(rev_id)
    src = project.export_source(rev.commit, dest / rev_id, revision=rev)
    found = set()
    for rst in src.glob("*.rst"):
        text = unicodedata.normalize("NFKC", rst.read_text(encoding="utf-8")).replace("\n", "")
        if unicodedata.normalize("NFKC", word) in text:
            found.add(rst.stem + ".html")
    return found


# Opened from the result list, as a reader does (highlighting, clearing it).
FOLLOWED = ("市民サービス",)


@pytest.fixture(scope="module")
def search_results(node_modules, site_url, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("search")
    return {rev: run_driver("search", {"page": f"{site_url}{rev}/search.html",
                                       "queries": [*QUERIES, "市", "ＰＰＰ", "存在しない言葉"],
                                       "follow": list(FOLLOWED)}, tmp)
            for rev in ("R5", "H24")}


@pytest.mark.parametrize("rev_id", ["R5", "H24"])
@pytest.mark.parametrize("query", QUERIES)
def test_query_without_spaces_finds_every_page_with_the_word(
        search_results, project, tmp_path_factory, rev_id, query):
    result = search_results[rev_id][query]
    expected = _pages_containing(project, rev_id, query, tmp_path_factory.mktemp("src"))
    assert expected, f"{rev_id} の本文に「{query}」がありません（テストの前提）"
    found = {hit["href"].split("#")[0] for hit in result["hits"]}
    assert found == expected
    assert f"{len(expected)} ページが見つかりました" in result["summary"]


@pytest.mark.parametrize("rev_id", ["R5", "H24"])
def test_a_one_character_query_finds_every_page_with_the_character(
        search_results, project, tmp_path_factory, rev_id):
    """「市」 alone (the index holds each character too). The pages also have
    市 in words the source does not (「市の公表文」 in the 【再構成】 label)."""
    result = search_results[rev_id]["市"]
    expected = _pages_containing(project, rev_id, "市", tmp_path_factory.mktemp("src"))
    found = {hit["href"].split("#")[0] for hit in result["hits"]}
    assert len(expected) >= 5 and expected <= found


def test_the_bundled_policy_queries_find_their_chapters(search_results):
    """The pages a reader expects, named (R5, the current revision)."""
    found = {q: {h["href"] for h in search_results["R5"][q]["hits"]} for q in QUERIES}
    assert {"philosophy.html", "guidelines.html"} <= found["役割分担"]
    assert {"philosophy.html", "background.html"} <= found["新しい公共"]
    assert "intent.html" in found["市民サービス"]


def test_full_width_latin_finds_half_width_text(search_results):
    assert search_results["R5"]["ＰＰＰ"]["terms"] == ["ppp"]
    assert search_results["R5"]["ＰＰＰ"]["hits"]


def test_no_match_says_so(search_results):
    result = search_results["R5"]["存在しない言葉"]
    assert result["hits"] == []
    assert "一致するページはありませんでした" in result["summary"]


SAMPLES = ["公民連携", "市民サービスの提供", "新しい公共の形成", "ＰＦＩ／ＰＰＰ事業", "PFI法第2条",
           "令和5年4月", "3か月", "人々", "〆切", "ヶ所", "市", "本市の役割分担。市民、NPO",
           "ﾃﾞｰﾀ", "𠮷野家", "民間団体・民間事業者", "ガ゛", "連携_協働", "Public Private Partnership（ＰＰＰ）"]


def test_javascript_splits_a_query_as_the_index_was_split(node_modules, project, tmp_path):
    """The JavaScript splitter and the Python one give the same terms, on
    samples and on every paragraph of the current text."""
    rev = project.current()
    src = project.export_source(rev.commit, tmp_path / "src", revision=rev)
    lines = [line.strip() for f in sorted(src.glob("*.rst"))
             for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts = SAMPLES + lines
    script = (search_ja.SPLIT_JS + "\nconst texts = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
              "\nprocess.stdout.write(JSON.stringify(texts.map((t) => splitQuery(t))));")
    done = subprocess.run(["node", "-e", "const window = {};\n" + script],
                          input=json.dumps(texts), capture_output=True, text=True, cwd=HERE)
    assert done.returncode == 0, done.stderr
    js = json.loads(done.stdout)
    differ = [(t, p, j) for t, p, j in zip(texts, map(search_ja.split, texts), js) if p != j]
    assert not differ[:5]


@pytest.mark.parametrize("query", [*QUERIES, "市"])
def test_each_result_shows_the_text_around_the_match(search_results, query):
    """An excerpt per result, from the place the query is found, with the
    query highlighted as typed (not its two-character pieces)."""
    hits = search_results["R5"][query]["hits"]
    assert hits
    for hit in hits:
        assert query in hit["excerpt"], hit
        assert len(hit["excerpt"]) <= 130, hit
        assert set(hit["marked"]) == {query}, hit


def test_a_page_opened_from_a_result_highlights_the_query_and_clears_it(search_results):
    opened = search_results["R5"]["市民サービス"]["opened"]
    assert opened["marked"] and set(opened["marked"]) == {"市民サービス"}
    assert "検索した言葉「市民サービス」を強調しています" in opened["note"]
    assert opened["markedAfterClear"] == 0
