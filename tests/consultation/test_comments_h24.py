"""The bundled H24 consultation (a SAMPLE set of opinions with the real
period), published into the site of a fresh clone as a user would."""
from __future__ import annotations

import csv
import html
import io
import re

import pytest

from build_tools.cli import main
from tests.consultation.helpers import docx_text, pdf_text
from tests.policy_repo import ROOT

NOTICE = "【見本】この実施結果の意見・市の考え方・件数は本プロジェクトが作成した見本です。"


@pytest.fixture(scope="module")
def site(bundled_site):
    """The site as `make` builds it: H24's results are part of its edition."""
    return bundled_site


def _main_text(page: str) -> str:
    main_html = page[page.index("<main"):page.index("</main>")]
    return html.unescape(re.sub(r"<[^>]+>", "", main_html))


def test_four_formats_in_the_site(site):
    folder = site / "H24" / "comments"
    expected = {"index.html", "comments-H24.csv", "comments-H24.docx", "comments-H24.pdf"}
    assert expected <= {p.name for p in folder.iterdir()}
    page = (folder / "index.html").read_text("utf-8")
    for name in expected - {"index.html"}:
        assert f'href="{name}"' in page


def test_heading_counts_match_the_table(site):
    page = (site / "H24" / "comments" / "index.html").read_text("utf-8")
    text = _main_text(page)
    assert "平成23年11月16日から平成23年12月15日まで" in text
    assert "個別の回答は行っておりません。" in text
    submitters, total = map(int, re.search(r"意見提出者数 (\d+)名、意見総数 (\d+)件", text).groups())
    body = page[page.index('class="comments-table'):]
    body = body[body.index("<tbody>"):body.index("</tbody>")]
    listed = re.findall(r"<tr [^>]*id=\"opinion-\d+\">(.*?)</tr>", body, re.S)
    count_only = int(re.search(r"案と直接関係しない意見が(\d+)件ありました", text).group(1))
    assert len(listed) + count_only == total
    per_category = dict(re.findall(r"([A-D])\u3000[^\n]*?\u3000(\d+)件", text))
    assert sum(map(int, per_category.values())) == total
    categories = [re.findall(r"<td>(?:<span [^>]*>[^<]*</span>)?<p>([A-D])</p>", r)[-1] for r in listed]
    assert categories.count("A") == int(re.search(r"案を修正した意見\s*(\d+)件", text).group(1))
    methods = re.search(r"郵送 (\d+)名、ファクシミリ (\d+)名、電子メール (\d+)名、持参 (\d+)名", text)
    assert sum(map(int, methods.groups())) == submitters
    assert (submitters, total) == (6, 10)  # the bundled sample's size


def test_each_row_links_to_an_existing_section_in_document_order(site):
    page = (site / "H24" / "comments" / "index.html").read_text("utf-8")
    links = re.findall(r'href="\.\./(\w+)\.html#([\w-]+)"', page)
    assert links
    order = ["definition", "purpose", "necessity", "background", "intent", "history"]
    seen = [label.split("-")[0] for _, label in links]
    assert seen == sorted(seen, key=order.index)
    for docname, label in links:
        target = (site / "H24" / f"{docname}.html").read_text("utf-8")
        assert f'id="{label}"' in target, f"{docname}.html has no #{label}"


def test_sample_marked_on_every_output(site):
    folder = site / "H24" / "comments"
    assert NOTICE in _main_text((folder / "index.html").read_text("utf-8"))
    rows = list(csv.DictReader(io.StringIO((folder / "comments-H24.csv").read_bytes()
                                           .decode("utf-8-sig"))))
    assert rows and all(r["備考"].startswith("【見本】") for r in rows)
    # 「意見総数 10件」: the nine listed rows and the count-only one.
    assert sum(int(r["件数"]) for r in rows) == 10
    assert NOTICE in docx_text(folder / "comments-H24.docx")
    assert NOTICE in pdf_text(folder / "comments-H24.pdf").replace("\n", "").replace(" ", "")


def test_pdf_page_header_is_one_line_and_headings_whole(site):
    """The running header (title left, sample notice right) sits on one line
    of every page after the first; 番号 is not broken as 番/号."""
    import subprocess
    import xml.etree.ElementTree as ET
    pdf = site / "H24" / "comments" / "comments-H24.pdf"
    xml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True,
                         capture_output=True, text=True).stdout
    ns = "{http://www.w3.org/1999/xhtml}"
    pages = ET.fromstring(xml).iter(f"{ns}page")
    next(pages)  # the first page carries the title itself
    top_margin = 25 / 25.4 * 72
    for page in pages:
        header = [w for w in page.iter(f"{ns}word") if float(w.get("yMax")) < top_margin]
        assert header, "no running header"
        assert len({round(float(w.get("yMin"))) for w in header}) == 1, \
            [w.text for w in header]
        text = "".join(w.text for w in header)
        assert "公民連携推進のための基本的な考え方" in text and "【見本】" in text, text
    layout = pdf_text(pdf)
    assert re.search(r"番号\s+該当箇所\s+意見の概要\s+市の考え方\s+区分", layout)


def test_check_says_change_claims_cannot_be_verified(site, capsys):
    assert main(["--repo", str(ROOT), "comments", "H24", "--check"]) == 0
    out = capsys.readouterr().out
    assert "draft_ref" in out and "番号 4" in out


def test_bench_builds_every_format(tmp_path):
    from build_tools.consultation import bench
    from build_tools.revisions import Project
    from tests.policy_repo import ROOT
    times = bench.run(Project(ROOT), 12, out_dir=tmp_path)
    assert {"doctree", "html", "csv", "docx", "pdf"} <= set(times)
    for name in ("bench-12.docx", "bench-12.pdf", "bench-12.csv", "index.html"):
        assert (tmp_path / name).stat().st_size > 0
