"""The 見え消し edition (`policy diff OLD NEW -f redline`), opened in a real
client: LibreOffice, driven through UNO on the loopback interface
(tests/writers/uno_client.py, one soffice start for the module).

Accept All must give exactly the new edition's text and Reject All exactly
the old one's (the body after the contents, paragraph by paragraph, list
numbers included; the 【再構成】 labels are the editions' notes, not text of
either revision, as in the 新旧対照表). Every w:id is unique, and the marks
sit at the 新旧対照表's word boundaries.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from build_tools.diff import compare_refs
from build_tools.diff.publish import write_comparison
from build_tools.revisions import Project

ROOT = Path(__file__).resolve().parents[2]
PAIRS = (("H24", "H29"), ("H29", "R5"))
UNO = Path(__file__).with_name("uno_client.py")
TITLE = "公民連携推進のための基本的な考え方"

pytestmark = pytest.mark.skipif(not shutil.which("soffice") or not Path("/usr/bin/python3").exists(),
                                reason="LibreOffice and python3-uno (make test installs them)")


@pytest.fixture(scope="module")
def redlines(bundled_site, tmp_path_factory):
    """The site's redlines, one written with --moves=off, and what LibreOffice
    makes of each (one soffice for every job)."""
    base = tmp_path_factory.mktemp("redline")
    project = Project.find(ROOT)
    files = {pair: bundled_site / "diff" / f"{pair[0]}-{pair[1]}" for pair in PAIRS}
    comparison = compare_refs(project, "H24", "H29")
    [no_moves] = write_comparison(comparison, base / "no-moves", ["redline"],
                                  policy=vars(project.policy()), pair="H24-H29", moves=False)
    jobs, keys = [], []
    for (old, new), folder in files.items():
        for action in ("accept", "reject"):
            jobs.append({"text": str(folder / f"redline-{old}-{new}.docx"), "action": action})
            keys.append((old, new, action))
        jobs.append({"text": str(folder / f"redline-static-{old}-{new}.docx"), "action": None})
        keys.append((old, new, "static"))
        jobs.append({"text": str(folder / f"comparison-{old}-{new}.docx"), "action": None})
        keys.append((old, new, "table"))
    for action in ("accept", "reject"):
        jobs.append({"text": str(no_moves), "action": action})
        keys.append(("H24", "H29", f"no-moves-{action}"))
    for rev in ("H24", "H29", "R5"):
        jobs.append({"text": str(bundled_site / rev / f"policy-{rev}.docx"), "action": None})
        keys.append((rev, rev, "edition"))
    # The other Word files we write: the public-comment result.
    for path in sorted(bundled_site.glob("*/comments/*.docx")):
        jobs.append({"text": str(path), "action": None})
        keys.append((path.name, "", "other"))
    (base / "jobs.json").write_text(json.dumps(jobs, ensure_ascii=False), encoding="utf-8")
    subprocess.run(["/usr/bin/python3", str(UNO), str(base / "jobs.json"),
                    str(base / "results.json")], check=True, timeout=300)
    results = json.loads((base / "results.json").read_text(encoding="utf-8"))
    assert len(results) == len(jobs)   # LibreOffice opened every file
    assert all(r["paragraphs"] for r in results)
    return {"files": files, "no_moves": no_moves, "seen": dict(zip(keys, results))}


def _body(paragraphs):
    """The paragraphs after the contents (from the body's title on)."""
    at = [i for i, p in enumerate(paragraphs) if p == TITLE]
    # Labels and editorial notes (an omitted figure's, which links to the city's
    # page in the edition) are not the policy's text.
    return [p for p in paragraphs[at[1]:] if p.strip() and not p.startswith("【再構成】")
            and "このページには掲載していません" not in p]


@pytest.mark.parametrize("old,new", PAIRS)
def test_accept_all_gives_the_new_text_and_reject_all_the_old(redlines, old, new):
    seen = redlines["seen"]
    accepted, rejected = seen[(old, new, "accept")], seen[(old, new, "reject")]
    assert accepted["changes"] > 5 and accepted["left"] == 0 and rejected["left"] == 0
    assert _body(accepted["paragraphs"]) == _body(seen[(new, new, "edition")]["paragraphs"])
    assert _body(rejected["paragraphs"]) == _body(seen[(old, old, "edition")]["paragraphs"])


def test_moves_off_gives_the_same_texts_without_moves(redlines):
    seen = redlines["seen"]
    assert _body(seen[("H24", "H29", "no-moves-accept")]["paragraphs"]) == \
        _body(seen[("H29", "H29", "edition")]["paragraphs"])
    assert _body(seen[("H24", "H29", "no-moves-reject")]["paragraphs"]) == \
        _body(seen[("H24", "H24", "edition")]["paragraphs"])
    xml = _xml(redlines["no_moves"])
    assert "<w:moveFrom" not in xml and "<w:moveTo" not in xml and "<w:del " in xml


def _xml(path) -> str:
    return zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")


_STARTS = r"bookmarkStart|ins|del|moveFrom|moveTo|moveFromRangeStart|moveToRangeStart"


@pytest.mark.parametrize("old,new", PAIRS)
def test_every_w_id_is_unique(redlines, old, new):
    path = redlines["files"][(old, new)] / f"redline-{old}-{new}.docx"
    xml = _xml(path)
    ids = re.findall(rf'<w:(?:{_STARTS})\b[^>]*\bw:id="(\d+)"', xml)
    assert len(ids) > 20
    assert [i for i, n in Counter(ids).items() if n > 1] == []
    notes = zipfile.ZipFile(path).read("word/footnotes.xml").decode("utf-8")
    note_ids = {int(i) for i in re.findall(r'<w:footnote\b[^>]*w:id="(-?\d+)"', notes)}
    assert min(map(int, ids)) > max(note_ids)          # above every other id
    for end in ("bookmarkEnd", "moveFromRangeEnd", "moveToRangeEnd"):
        start = end.replace("End", "Start")
        assert sorted(re.findall(rf'<w:{end} w:id="(\d+)"', xml)) == \
            sorted(re.findall(rf'<w:{start} w:id="(\d+)"', xml))


def test_moved_sections_are_word_moves_with_named_ranges(redlines):
    xml = _xml(redlines["files"][("H24", "H29")] / "redline-H24-H29.docx")
    sources = re.findall(r'<w:moveFromRangeStart [^>]*w:name="([^"]+)"', xml)
    destinations = re.findall(r'<w:moveToRangeStart [^>]*w:name="([^"]+)"', xml)
    # 公民連携とは・目的・必要性 into 2, 現状と背景・これまでの経緯 into 4.
    assert len(sources) == 5 and sorted(sources) == sorted(destinations)
    assert re.search(r"<w:moveFrom [^>]*><w:r>(?:(?!</w:r>).)*<w:t[^>]*>[^<]*目的", xml)


def test_changed_words_are_marked_as_the_table_marks_them(redlines):
    xml = _xml(redlines["files"][("H29", "R5")] / "redline-H29-R5.docx")
    inserted = re.findall(r"<w:ins [^>]*><w:r>(?:<w:rPr>.*?</w:rPr>)?<w:t[^>]*>([^<]*)</w:t>", xml)
    removed = re.findall(r"<w:delText[^>]*>([^<]*)</w:delText>", xml)
    # 位置づけ: 「行政改革大綱」 became 「行財政経営改善戦略」, one word for one word.
    assert "行財政経営改善戦略" in inserted and "行政改革大綱" in removed
    for text in inserted + removed:   # never half a word of the conjunctions
        assert text not in ("又", "若", "及", "並")


def test_revisions_carry_the_department_and_the_commit_date(redlines):
    project = Project.find(ROOT)
    rev = project.revision("R5")
    when = dt.datetime.fromtimestamp(project.commit_of(rev.commit, revision=rev).committed_date,
                                     dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    xml = _xml(redlines["files"][("H29", "R5")] / "redline-H29-R5.docx")
    assert set(re.findall(r'w:author="([^"]*)"', xml)) == {project.policy().department}
    assert set(re.findall(r'w:date="([^"]*)"', xml)) == {when}


def test_static_redline_is_formatting_only(redlines):
    for (old, new), folder in redlines["files"].items():
        xml = _xml(folder / f"redline-static-{old}-{new}.docx")
        assert not re.search(r"<w:(ins|del|moveFrom|moveTo)\b", xml)
        assert "<w:dstrike/>" in xml and '<w:u w:val="single"/>' in xml
        assert redlines["seen"][(old, new, "static")]["changes"] == 0


def test_site_offers_the_redlines_beside_each_comparison(bundled_site):
    history = (bundled_site / "history.html").read_text(encoding="utf-8")
    for old, new in PAIRS:
        page = (bundled_site / "diff" / f"{old}-{new}" / "index.html").read_text(encoding="utf-8")
        for name in (f"redline-{old}-{new}.docx", f"redline-static-{old}-{new}.docx"):
            assert f'href="{name}"' in page
            assert f'href="diff/{old}-{new}/{name}"' in history


def test_edition_contents_have_page_numbers_of_the_pdf(bundled_site):
    """The site's Word edition: each contents entry already shows the page
    its heading has in the PDF edition, with no field for Word to update."""
    from build_tools.writers.pdf import page_numbers
    xml = _xml(bundled_site / "R5" / "policy-R5.docx")
    shown = re.findall(r'<w:hyperlink w:anchor="[^"]+"[^>]*><w:r><w:t>([^<]+)</w:t><w:tab/></w:r>'
                       r'</w:hyperlink>.*?PAGEREF.*?<w:t>(\d+)</w:t>', xml)
    pdf = {title: page for _, title, page in page_numbers(bundled_site / "R5" / "policy-R5.pdf")}
    assert len(shown) >= 10 and "w:dirty" not in xml
    assert all(pdf[title] == int(page) for title, page in shown), shown
    styles = zipfile.ZipFile(bundled_site / "R5" / "policy-R5.docx").read("word/styles.xml")
    # Latin words in a Latin language (never broken as 「Partne/rship」), Japanese in ja-JP.
    assert b'<w:lang w:val="en-US" w:eastAsia="ja-JP"' in styles
