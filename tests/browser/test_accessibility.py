"""Every page of the built site in headless Chromium: axe-core (WCAG 2.1 A
and AA) and the checks a JIS X 8341-3:2016 reviewer does beyond axe.
A fixture page with known violations proves that each check can fail."""
from __future__ import annotations

import re
from pathlib import Path
from collections import Counter

import pytest

from conftest import HERE, REPO, SCREENSHOT_PAGES, run_driver
from judge import CHECKS, findings, report

STYLESHEET = REPO / "templates/html/theme/policy/static/policy.css"


def test_every_page_of_the_site_was_loaded(audit_results, site_pages):
    assert set(audit_results) == set(site_pages)
    # Three revisions of 8-13 chapters each, plus the site's own pages.
    assert len(site_pages) >= 40
    for name in ("index.html", "history.html", "accessibility.html",
                 "R5/index.html", "R5/search.html", "H24/index.html",
                 "diff/H29-R5/index.html"):
        assert name in site_pages
    not_ok = {p: r["review"]["status"] for p, r in audit_results.items()
              if r["review"]["status"] != 200}
    assert not not_ok


@pytest.mark.parametrize("check", CHECKS)
def test_no_page_fails(audit_results, check):
    problems = report(audit_results, check)
    if problems:
        pytest.fail(f"{check} の問題:\n{problems}", pytrace=False)


def test_page_titles_name_the_page(audit_results):
    titles = Counter(r["review"]["title"] for r in audit_results.values())
    assert [t for t, n in titles.items() if n > 1] == []
    r5 = audit_results["R5/intent.html"]["review"]["title"]
    h29 = audit_results["H29/intent.html"]["review"]["title"]
    assert "令和5年4月改訂版" in r5 and "平成29年1月改訂版" in h29


def test_every_page_is_reachable_by_keyboard(audit_results):
    # At least: skip link, site name, breadcrumb/edition links, footer links.
    few = {p: r["review"]["focus"]["stops"] for p, r in audit_results.items()
           if r["review"]["focus"]["stops"] < 5}
    assert not few


def test_pages_a_citizen_reads_are_photographed_at_phone_and_desktop_width(audit_results):
    """The screenshots a person looks at (POLICY_SCREENSHOTS=DIR keeps them):
    one page of each kind, 390 px and 1280 px wide, the whole page."""
    for page in SCREENSHOT_PAGES:
        shots = audit_results[page]["review"]["screenshots"]
        widths = []
        for shot in shots:
            head = Path(shot).read_bytes()[:24]
            assert head[:8] == b"\x89PNG\r\n\x1a\n", shot
            widths.append(int.from_bytes(head[16:20], "big"))
        assert widths == [390, 1280], page


def _colours(css: str) -> dict[str, str]:
    root = re.search(r":root\s*{(.*?)}", css, re.S).group(1)
    return dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})", root))


def _contrast(a: str, b: str) -> float:
    def lum(hex_colour):
        rgb = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b_ = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * r + 0.7152 * g + 0.0722 * b_
    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_theme_colours_meet_contrast_ratios():
    """Colours axe never sees rendered (visited links, focus rings, hover)
    are checked from the theme's own variables: 4.5:1 for text, 3:1 for
    focus indicators (WCAG 1.4.3, 1.4.11)."""
    c = _colours(STYLESHEET.read_text(encoding="utf-8"))
    white = "#ffffff"
    text_pairs = {
        "本文": (c["ink"], white), "補足の文字": (c["muted"], white),
        "フッターの補足": (c["muted"], c["footer-bg"]), "リンク": (c["accent"], white),
        "見出しセルのリンク": (c["accent"], c["accent-bg"]),
        "訪問済みリンク": (c["visited"], white), "フッターのリンク": (c["accent"], c["footer-bg"]),
        "ヘッダーの文字": (white, c["accent"]), "再構成の表示": (c["warn-ink"], c["warn-bg"]),
    }
    focus_pairs = {"フォーカス枠（白地）": (c["focus"], white),
                   "フォーカス枠（版の帯）": (c["focus"], c["accent-bg"]),
                   "フォーカス枠（注意の帯）": (c["focus"], c["warn-bg"]),
                   "フォーカス枠（フッター）": (c["focus"], c["footer-bg"])}
    low = [f"{name} {fg} / {bg}: {_contrast(fg, bg):.2f}" for name, (fg, bg) in text_pairs.items()
           if _contrast(fg, bg) < 4.5]
    low += [f"{name} {fg} / {bg}: {_contrast(fg, bg):.2f}" for name, (fg, bg) in focus_pairs.items()
            if _contrast(fg, bg) < 3]
    assert not low


@pytest.fixture(scope="module")
def violations_result(node_modules, tmp_path_factory):
    page = (HERE / "fixtures" / "violations.html").as_uri()
    return run_driver("audit", {"urls": [page]}, tmp_path_factory.mktemp("fixture"))[page]


@pytest.mark.parametrize("check", CHECKS)
def test_the_checker_reports_a_known_violation(violations_result, check):
    assert findings(violations_result)[check], f"{check} が見本の違反を見つけませんでした"


def test_axe_names_the_violations_of_the_fixture(violations_result):
    rules = {v["id"] for v in violations_result["axe"]}
    assert {"image-alt", "color-contrast", "html-has-lang", "document-title"} <= rules
    assert any("こちら" in link for link in violations_result["review"]["badLinks"])
