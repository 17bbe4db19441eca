"""The public site as a citizen reads it (issue 17): what the pages say and
link to, read from the bundled site's HTML. Layout on a phone is checked in
headless Chromium (tests/browser/)."""
from __future__ import annotations

import tomllib
from pathlib import Path

import lxml.html
import pytest

ROOT = Path(__file__).resolve().parent.parent


def page(site: Path, name: str):
    return lxml.html.fromstring((site / name).read_bytes())


def css(el, selector: str) -> list:
    """Elements under `el` by a small CSS selector (tag.class, descendant, >)."""
    path, axis = ".", "//"
    for part in selector.replace(">", " > ").split():
        if part == ">":
            axis = "/"
            continue
        tag, *classes = part.split(".")
        path += axis + (tag or "*") + "".join(
            f"[contains(concat(' ', normalize-space(@class), ' '), ' {c} ')]" for c in classes)
        axis = "//"
    return el.xpath(path)


def text(el) -> str:
    return "".join(el.itertext()).strip()


@pytest.fixture(scope="module")
def categories() -> dict[str, str]:
    data = tomllib.loads((ROOT / "revisions/consultation/categories.toml").read_text("utf-8"))
    return {c["code"]: c["label"] for c in data["category"]}


def test_each_opinion_says_its_category_in_words(bundled_site, categories):
    """「B」 alone means nothing without the legend at hand (on a phone, it is
    screens away): the cell says 「B」 and what B means."""
    doc = page(bundled_site, "H24/comments/index.html")
    rows = css(doc, "table.comments-table > tbody > tr")
    assert len(rows) >= 9
    for row in rows:
        cell = css(row, "td")[-1]
        paragraphs = [text(p) for p in css(cell, "p")]
        code = paragraphs[0]
        assert code in categories
        assert categories[code] in paragraphs, paragraphs


@pytest.mark.parametrize("name, headings", [
    ("H24/comments/index.html", ["番号", "該当箇所", "意見の概要", "市の考え方", "区分"]),
    ("diff/H24-H29/index.html", ["改正後", "改正前"]),
    ("history.html", ["年月", "区分", "決定", "概要", "本文・対照表"]),
])
def test_tables_read_as_cards_label_every_cell(bundled_site, name, headings):
    """On a phone each row is a card: every cell carries its column's heading
    (hidden from screen readers, which announce the header cell)."""
    doc = page(bundled_site, name)
    table = css(doc, "table.stacked-table")[0]
    assert [text(th) for th in table.xpath("./thead/tr/th")] == headings
    for row in table.xpath("./tbody/tr"):
        labels = [text(span) for span in row.xpath("./td/span[@class='cell-label']")]
        assert labels == headings[len(headings) - len(labels):], labels
        assert all(s.get("aria-hidden") == "true" for s in css(row, "span.cell-label"))


def _visible_text(doc) -> str:
    for el in doc.xpath("//script | //style"):
        el.drop_tree()
    return text(doc.xpath("//body")[0])


def test_no_project_internal_words_on_public_pages(bundled_site):
    """A citizen reads 「平成29年1月改訂」, never an id (H29), a git word or
    「リポジトリ」 (the old note of the omitted figure)."""
    import re
    internal = re.compile(r"リポジトリ|コミット|(?<![A-Za-z0-9])(?:H24|H29|R5)(?![A-Za-z0-9])")
    found = {}
    for path in sorted(bundled_site.rglob("*.html")):
        name = path.relative_to(bundled_site).as_posix()
        if name.endswith(("genindex.html", "search.html")) or "/_" in name:
            continue
        hits = internal.findall(_visible_text(page(bundled_site, name)))
        if hits:
            found[name] = sorted(set(hits))
    assert not found


def test_the_omitted_figure_links_to_the_city_page_and_is_never_compared(bundled_site):
    policy = tomllib.loads((ROOT / "revisions/policy.toml").read_text("utf-8"))
    doc = page(bundled_site, "H24/definition.html")
    note = css(doc, "div.figure-omitted")[0]
    assert "公民連携のイメージ図は、このページには掲載していません。" in text(note)
    assert [a.get("href") for a in css(note, "a")] == [policy["page_url"]]
    # H29 does not show the figure's note: that is no change of the policy's text.
    comparison = _visible_text(page(bundled_site, "diff/H24-H29/index.html"))
    assert "イメージ図" not in comparison


def test_reconstructed_text_is_said_once_per_section(bundled_site):
    """The whole 【再構成】 sentence once per section, the mark alone on a
    further passage of the same section: every passage still marked."""
    sentence = "【再構成】この部分は本プロジェクトが作成した文章で、市の公表文ではありません。"
    passages = 0
    for path in sorted((bundled_site / "H29").glob("*.html")):
        doc = lxml.html.fromstring(path.read_bytes())
        for section in css(doc, "section"):
            own = section.xpath("./div[contains(@class, 'reconstructed')]")
            labels = [text(css(box, "p.provenance-label")[0]) for box in own]
            passages += len(labels)
            assert labels[:1] in ([], [sentence]), path.name
            assert all(label == "【再構成】" for label in labels[1:]), path.name
    assert passages >= 10


def test_the_comparison_marks_each_run_of_reconstructed_paragraphs_once(bundled_site):
    doc = page(bundled_site, "diff/H24-H29/index.html")
    paragraphs = runs = 0
    for cell in css(doc, "table.comparison-table > tbody > tr > td"):
        previous = False
        for para in cell.xpath("./p"):
            current = "reconstructed" in para.get("class", "")
            marked = bool(css(para, "span.provenance-label"))
            paragraphs += current
            runs += current and not previous
            assert marked == (current and not previous), text(para)[:30]
            previous = current
    assert runs < paragraphs / 2   # 42 marks before, for 42 paragraphs


def test_site_furniture(bundled_site):
    policy = tomllib.loads((ROOT / "revisions/policy.toml").read_text("utf-8"))
    doc = page(bundled_site, "R5/intent.html")
    crumbs = css(doc, "nav.breadcrumb li")
    top = css(crumbs[0], "a")
    assert top and top[0].get("href") == policy["breadcrumb_links"]["トップページ"]
    assert css(crumbs[len(policy["breadcrumb"])], "a")[0].get("href") == "../index.html"
    phone = policy["contact"]["phone"]
    assert [a.get("href") for a in css(doc, "address a")] == ["tel:" + phone.replace("-", "")]
    titles = {a.get("title") for a in css(doc, "a.headerlink")}
    assert titles == {"この見出しへのリンク"}
    box = css(doc, "details.provenance-box")[0]
    assert text(css(box, "summary")[0]) == "【再構成】本文は市の公表文ではありません"


@pytest.mark.parametrize("name", ["index.html", "R5/intent.html", "history.html",
                                  "diff/H24-H29/index.html", "H24/comments/index.html"])
def test_every_download_link_says_format_and_size(bundled_site, name):
    """「PDF（245KB）」, 「Word（.docx、31KB）」: the size of the file linked."""
    import re
    from build_tools.downloads import size_text
    doc = page(bundled_site, name)
    links = [a for a in doc.xpath("//a[@href]")
             if re.search(r"\.(pdf|docx|csv)$", a.get("href"))]
    assert links
    for a in links:
        target = (bundled_site / name).parent / a.get("href")
        size = size_text(target.stat().st_size)
        assert re.fullmatch(rf".+（(.+、)?{re.escape(size)}）", text(a)), text(a)


def test_the_sample_is_said_once_for_the_table_not_in_every_cell(bundled_site):
    doc = page(bundled_site, "H24/comments/index.html")
    section = doc.xpath("//section[@id='opinions']")[0]
    notices = css(section, "p.sample-notice")
    assert len(notices) == 1 and text(notices[0]).startswith("【見本】")
    cells = [text(td) for td in css(section, "table.comments-table td")]
    assert cells and not [c for c in cells if "【見本】" in c]
