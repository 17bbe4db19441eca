"""The publication site: every revision's web edition, from git, and bad
input that leaves the previous site untouched."""
import hashlib
import re
from pathlib import Path

import pytest

from build_tools.cli import main
from tests.policy_repo import ROOT, chapter, make_repo, revision_toml


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def text_of(path: Path) -> str:
    """The visible text of an HTML page, tags removed, whitespace folded."""
    html = path.read_text(encoding="utf-8")
    html = re.sub(r"<(script|style)\b.*?</\1>", "", html, flags=re.S)
    # A stacked table's column headings in each cell show on phones only.
    html = re.sub(r'<span class="cell-label"[^>]*>[^<]*</span>', "", html)
    return re.sub(r"[ \t\r\n]+", " ", re.sub(r"<[^>]+>", " ", html))


def edition_text(site: Path, rev_id: str) -> str:
    return " ".join(text_of(p) for p in sorted((site / rev_id).glob("*.html"))
                    if p.name not in ("search.html", "genindex.html"))


def snapshot(folder: Path) -> dict:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def site(bundled_site):
    return bundled_site


def test_site_has_every_revision_and_the_history(site):
    for page in ("index.html", "history.html", "H24/index.html", "H29/index.html", "R5/index.html"):
        html = (site / page).read_text(encoding="utf-8")
        assert '<html lang="ja"' in html, page
        assert "企画部 行政改革推進室 行政改革推進担当" in html, page
        assert "0467-82-1111" in html and "茅ヶ崎市茅ヶ崎一丁目1番1号" in html, page


def test_top_page_shows_the_current_edition_and_links_every_revision(site):
    html = (site / "index.html").read_text(encoding="utf-8")
    assert "現行版：令和5年4月改訂" in text_of(site / "index.html")
    for rev_id in ("H24", "H29", "R5"):
        assert f'href="{rev_id}/index.html"' in html
    assert 'href="history.html"' in html


def test_h24_edition_has_the_city_wording(site):
    text = edition_text(site, "H24")
    assert ("「公民連携(Public Private Partnership)」とは、市と民間が相互に連携して市民サービスを"
            "提供することです。") in text
    assert ("市民サービスの提供主体の最適化を通じて、社会経済情勢の変化に対応できる持続可能な"
            "地域経営形態の確立を目指すことを目的としています。") in text
    # the seed's quirk is kept as published
    assert "民間団体、民間事業者行政が適切な役割分担" in text
    for title in ("1.公民連携とは", "2.目的", "3.公民連携によるまちづくりの必要性",
                  "4.現状と背景", "5.策定の趣旨", "6.これまでの経緯"):
        assert title in text
    assert "平成23年11月" in text and "パブリックコメントの実施(11月16日から12月15日まで)" in text
    assert "【再構成】" not in text


def test_h29_edition_has_the_eleven_chapters_and_says_it_is_reconstructed(site):
    index = text_of(site / "H29" / "index.html")
    chapters = ["はじめに", "1　策定の趣旨", "2　公民連携推進の理念", "3　国の動向", "4　本市の状況",
                "5　位置づけ", "6　基本指針", "7　公民連携の具体的な事業手法", "8　事業手法の選択",
                "9　公民連携推進に当たっての留意事項", "10　公民連携推進のための方策等", "11　推進体制等"]
    positions = [index.find(c) for c in chapters]
    assert -1 not in positions and positions == sorted(positions)
    for page in (site / "H29").glob("*.html"):
        if page.name in ("search.html", "genindex.html"):
            continue
        assert "この版の本文は市の公表文ではありません" in text_of(page), page.name
    assert "【再構成】この部分は本プロジェクトが作成した文章" in text_of(site / "H29" / "philosophy.html")


def test_r5_edition_has_the_widened_definition(site):
    text = edition_text(site, "R5")
    assert "行政、市民、民間団体、民間事業者等の多様な主体が、持続可能なまちの実現" in text
    assert "本市総合計画に掲げるまちの将来像の実現に向け" in text


def test_history_page_is_generated_from_the_metadata(site):
    text = text_of(site / "history.html")
    for words in ("平成24年2月 策定", "平成29年1月 改訂", "令和5年4月 改訂",
                  "パブリックコメント：平成23年11月16日から平成23年12月15日まで"):
        assert words in text


def test_old_revision_pages_point_to_the_current_edition(site):
    assert "この版は現行版ではありません" in text_of(site / "H24" / "index.html")
    assert "この版は現行版ではありません" not in text_of(site / "R5" / "index.html")


def test_cli_lists_revisions_with_era_dates(capsys):
    code, out, _ = run(capsys, "--repo", ROOT, "revisions")
    assert code == 0
    lines = out.splitlines()
    assert re.search(r"^H24\s+策定\s+平成24年2月\s", lines[1])
    assert re.search(r"^H29\s+改訂\s+平成29年1月\s", lines[2])
    assert re.search(r"^R5\s+改訂\s+令和5年4月\s+現行", lines[3])


# --- a small repository of our own: text from git, and bad input ------------

@pytest.fixture
def repo(tmp_path):
    info = make_repo(tmp_path / "repo")
    info["build"] = tmp_path / "build"
    return info


def test_building_an_old_revision_takes_its_text_from_git(repo, capsys):
    (repo["root"] / "source" / "first.rst").write_text(
        chapter("purpose", "1　目的", "作業中のまだ決まっていない文です。"), encoding="utf-8")
    code, _, err = run(capsys, "--repo", repo["root"], "build", "-r", "A", "--build-dir", repo["build"])
    assert code == 0, err
    text = text_of(repo["build"] / "site" / "A" / "first.html")
    assert "旧版の目的の文です。" in text and "作業中" not in text


def _commit_revision(repo, rev_id, files: dict, adopted="2023-04"):
    for name, content in files.items():
        (repo["root"] / "source" / name).write_text(content, encoding="utf-8")
    repo["repo"].index.add(["source"])
    sha = repo["repo"].index.commit(f"{rev_id} text").hexsha
    (repo["root"] / "revisions" / f"{rev_id}.toml").write_text(
        revision_toml(rev_id, sha, adopted), encoding="utf-8")
    return sha


BAD_INPUTS = {
    "malformed TOML": (lambda r: (r["root"] / "revisions" / "B.toml").write_text('id = "B\n', encoding="utf-8"),
                       ["all"], ["revisions/B.toml:1", "TOML"]),
    "unknown revision": (lambda r: None, ["-r", "H99"], ["H99", "A, B"]),
    "missing commit": (lambda r: (r["root"] / "revisions" / "B.toml").write_text(
        revision_toml("B", "1234567" * 5 + "12345", "2019-05"), encoding="utf-8"),
        ["all"], ["revisions/B.toml", "1234567", "ありません"]),
    "RST error": (lambda r: _commit_revision(r, "C", {"second.rst": chapter(
        "scope", "2　範囲", "表の誤り:\n\n+-----+\n| 壊れた表\n")}),
        ["all"], ["source/second.rst:", "版 C のコミット"]),
    "label used twice": (lambda r: _commit_revision(r, "C", {"second.rst": chapter(
        "purpose", "2　範囲", "同じラベルをもう一度使っています。")}),
        ["all"], ["second.rst", "purpose"]),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_gives_a_clear_message_and_keeps_the_site(repo, capsys, case):
    break_it, which, words = BAD_INPUTS[case]
    assert run(capsys, "--repo", repo["root"], "build", "--all", "--build-dir", repo["build"])[0] == 0
    before = snapshot(repo["build"] / "site")
    break_it(repo)
    args = ["--all"] if which == ["all"] else which
    code, out, err = run(capsys, "--repo", repo["root"], "build", *args, "--build-dir", repo["build"])
    assert code == 1
    assert "\nエラー: " in "\n" + err and "Traceback" not in err
    for word in words:
        assert word in err, (word, err)
    assert snapshot(repo["build"] / "site") == before
    assert not [p for p in repo["build"].iterdir() if p.name.startswith(".site.")]


def test_preview_shows_the_working_tree_marked_as_work_in_progress(repo, capsys):
    (repo["root"] / "source" / "second.rst").write_text(
        chapter("scope", "2　範囲", "編集中の新しい文です。"), encoding="utf-8")
    code, _, err = run(capsys, "--repo", repo["root"], "preview", "--build-dir", repo["build"])
    assert code == 0, err
    page = text_of(repo["build"] / "preview" / "second.html")
    assert "編集中の新しい文です。" in page
    assert "決定した版ではなく、公開用ではありません" in page
    assert not (repo["build"] / "site").exists()  # never part of the publication site
    # a later edit is picked up by the next preview
    (repo["root"] / "source" / "second.rst").write_text(
        chapter("scope", "2　範囲", "さらに直した文です。"), encoding="utf-8")
    assert run(capsys, "--repo", repo["root"], "preview", "--build-dir", repo["build"])[0] == 0
    assert "さらに直した文です。" in text_of(repo["build"] / "preview" / "second.html")


def test_preview_reports_rst_errors_with_the_working_tree_file(repo, capsys):
    (repo["root"] / "source" / "second.rst").write_text(
        chapter("scope", "2　範囲", "表の誤り:\n\n+-----+\n| 壊れた表\n"), encoding="utf-8")
    code, _, err = run(capsys, "--repo", repo["root"], "preview", "--build-dir", repo["build"])
    assert code == 1 and "source/second.rst:" in err and "Traceback" not in err


def test_a_partial_build_keeps_the_other_formats_and_their_links(tmp_path):
    build = tmp_path / "build"
    assert main(["--repo", str(ROOT), "build", "-r", "H24", "-f", "html,docx",
                 "--build-dir", str(build)]) == 0
    assert main(["--repo", str(ROOT), "build", "-r", "H24", "-f", "html",
                 "--build-dir", str(build)]) == 0
    h24 = build / "site" / "H24"
    assert (h24 / "policy-H24.docx").exists()
    assert 'href="policy-H24.docx"' in (h24 / "index.html").read_text(encoding="utf-8")
    assert (h24 / "comments" / "comments-H24.docx").exists()
    assert "comments-H24.docx" in (h24 / "comments" / "index.html").read_text(encoding="utf-8")


def test_enumerations_keep_their_official_numbering(site):
    """「(1)」 numbering (公用文) must not turn into 「1.」 on the web page."""
    html = (site / "R5" / "guidelines.html").read_text(encoding="utf-8")
    assert '<ol data-prefix="(" data-suffix=")" class="arabic simple">' in html
    css = (site / "R5" / "_static" / "policy.css").read_text(encoding="utf-8")
    assert 'ol.arabic[data-prefix="("][data-suffix=")"] { list-style-type: paren-decimal; }' in css


def test_comments_build_into_the_build_dir_given(tmp_path):
    build = tmp_path / "build"
    assert main(["--repo", str(ROOT), "comments", "H24", "-f", "html,csv",
                 "--build-dir", str(build)]) == 0
    assert (build / "site" / "H24" / "comments" / "index.html").exists()
    assert (build / ".cache" / "comments").is_dir()


def test_no_broken_links_or_anchors_anywhere_on_the_site(site):
    """Every relative link of every page (editions, 改訂履歴, 新旧対照表, comment
    results) reaches an existing file and, with a #fragment, an existing id."""
    from html import unescape
    from urllib.parse import unquote, urldefrag

    pages = sorted(p.resolve() for p in site.rglob("*.html"))
    ids = {p: set(re.findall(r'\bid="([^"]+)"', p.read_text(encoding="utf-8"))) for p in pages}
    broken = []
    for page in pages:
        for href in re.findall(r'\bhref="([^"]+)"', page.read_text(encoding="utf-8")):
            url, fragment = urldefrag(unescape(href))
            if re.match(r"^[a-z]+:|//", url):
                continue
            target = (page.parent / unquote(url.split("?")[0])).resolve() if url else page
            if not target.exists():
                broken.append((page.name, href))
            elif fragment and target.suffix == ".html" and unquote(fragment) not in ids[target]:
                broken.append((page.name, href))
    assert len(pages) > 40
    assert broken == []


def test_history_links_each_comparison_in_every_format(site):
    """The 改訂履歴 links every 新旧対照表's page and its PDF and Word files, as
    it links each edition's, and each file is there."""
    history = (site / "history.html").read_text(encoding="utf-8")
    for pair in ("H24-H29", "H29-R5"):
        for name in ("index.html", f"comparison-{pair}.pdf", f"comparison-{pair}.docx"):
            assert f'href="diff/{pair}/{name}"' in history, name
            assert (site / "diff" / pair / name).is_file()
