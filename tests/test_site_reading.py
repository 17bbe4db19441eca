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
    assert [text(th) for th in css(table, "thead th")] == headings
    for row in css(table, "tbody > tr"):
        labels = [text(span) for cell in css(row, "td")
                  for span in css(cell, "span.cell-label")]
        assert labels == headings[len(headings) - len(labels):], labels
        assert all(s.get("aria-hidden") == "true" for s in css(row, "span.cell-label"))
