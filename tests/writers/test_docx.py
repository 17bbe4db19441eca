"""The Word edition: golden document.xml for a fixture with every node type,
LibreOffice opening every revision's .docx, the text in order, the fonts,
and byte-identical rebuilds.

Accept new goldens after looking at the render: UPDATE_GOLDEN=1 pytest tests/writers/test_docx.py
"""
from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from docutils import nodes

from build_tools import writers
from build_tools.editions import EditionBuilder
from build_tools.errors import PolicyError
from build_tools.revisions import Project
from build_tools.document import document_of
from build_tools.sphinx_run import run_sphinx, sphinx_config
from build_tools.writers.docx import write
from build_tools.writers.docx.ooxml import pretty_xml
from build_tools.writers.docx.styles import (BODY_FONT, CHARACTER_STYLES, HEADING_FONT,
                                             PARAGRAPH_STYLES, TABLE_STYLE)

sys.path.insert(0, str(Path(__file__).parent))
import docx_fixture  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
EXPECTED = ROOT / "tests" / "expected" / "docx"
REVISIONS = ("H24", "H29", "R5")
FOOTERLESS = ["-x", "0", "-y", "0", "-W", "595", "-H", "775"]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
FRONT = docx_fixture.FRONT


def part(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read(name).decode("utf-8")


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="session")
def soffice(tmp_path_factory):
    """Convert .docx files to PDF with LibreOffice, one fresh profile per session."""
    profile = tmp_path_factory.mktemp("lo-profile")

    def convert(*docx_paths: Path) -> list[Path]:
        outdir = docx_paths[0].parent
        result = subprocess.run(
            ["soffice", "--headless", f"-env:UserInstallation=file://{profile}",
             "--convert-to", "pdf", "--outdir", str(outdir), *map(str, docx_paths)],
            capture_output=True, text=True, timeout=240)
        pdfs = [outdir / (p.stem + ".pdf") for p in docx_paths]
        missing = [p.name for p in pdfs if not p.is_file()]
        assert result.returncode == 0 and not missing, (result.stdout, result.stderr)
        return pdfs
    return convert


@pytest.fixture(scope="module")
def fixture_docx(tmp_path_factory):
    out = tmp_path_factory.mktemp("docx-fixture") / "all_nodes.docx"
    return write(docx_fixture.doctree(), FRONT, out)


@pytest.fixture(scope="module")
def editions(tmp_path_factory):
    """Each revision's doctree (Sphinx on the revision's commit) and its .docx,
    with the front matter the edition builder makes."""
    project = Project.find(ROOT)
    builder = EditionBuilder(project)
    base = tmp_path_factory.mktemp("docx-editions")
    out = {}
    for rev_id in REVISIONS:
        rev = project.revision(rev_id)
        src = project.export_source(rev.commit, base / "src" / rev_id, revision=rev)
        context = rev.context()
        context.update(is_current=False, editions=[],
                       source_date_epoch=project.commit_of(rev.commit, revision=rev).committed_date)
        app = run_sphinx(src, base / "html" / rev_id, base / "doctrees" / rev_id,
                         config=sphinx_config(policy=vars(project.policy()), revision=context,
                                              editions=[]))
        doctree = document_of(app).doctree
        front = builder.front_matter(rev, context, src)
        path = write(doctree, front, base / f"policy-{rev_id}.docx")
        out[rev_id] = {"doctree": doctree, "docx": path, "revision": context, "src": src,
                       "front": front}
    return out


# --- the fixture: every node type ------------------------------------------------

def test_golden_document_xml(fixture_docx):
    actual = pretty_xml(part(fixture_docx, "word/document.xml").encode())
    golden = EXPECTED / "all_nodes.document.xml"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
    assert golden.is_file(), "golden missing: run with UPDATE_GOLDEN=1 after looking at the render"
    assert actual == golden.read_text(encoding="utf-8"), \
        "document.xml changed: look at the render, then accept with UPDATE_GOLDEN=1"


def test_fixture_opens_in_libreoffice_with_every_text(fixture_docx, soffice):
    [pdf] = soffice(fixture_docx)
    text = squash(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                                 text=True, check=True).stdout)
    for expected in ("様式確認用の見本文書", "これはテスト用の見本です", "第1見出しと本文",
                     "ア第4階層", "脚注の本文です", "入れ子の番号付き", "用語２：分類",
                     "企画部行政改革推進室", "字下げした行", "――出典の名前", "注記の本文です",
                     "警告", "トピックの題", "リテラルブロック", "【再構成】この部分は見本の文章です。",
                     "表の本文です。", "結合した升目", "右下", "図の見出し（キャプション）です。",
                     "図の説明（legend）です。", "加えた語", "移動した番号"):
        assert expected in text, expected


def test_fixture_marks_inserted_deleted_and_moved(fixture_docx):
    doc = part(fixture_docx, "word/document.xml")
    styles = part(fixture_docx, "word/styles.xml")
    for style_id, text, underline in (("Inserted", "加えた語", "single"),
                                      ("Deleted", "削った語", "single"),
                                      ("Moved", "移動した番号", "double")):
        assert re.search(rf'<w:rStyle w:val="{style_id}"/></w:rPr><w:t>{text}</w:t>', doc), text
        style = re.search(rf'<w:style w:type="character" w:customStyle="1" '
                          rf'w:styleId="{style_id}">.*?</w:style>', styles).group(0)
        assert f'<w:u w:val="{underline}"/>' in style


def test_table_rows_repeat_headers_and_do_not_split_except_comparison(fixture_docx):
    doc = part(fixture_docx, "word/document.xml")
    tables = re.findall(r"<w:tbl>.*?</w:tbl>", doc, flags=re.S)
    assert len(tables) == 4
    first, _, _, comparison = tables
    rows = re.findall(r"<w:tr\b.*?</w:tr>", first, flags=re.S)
    assert "<w:tblHeader/>" in rows[0] and all("<w:tblHeader/>" not in r for r in rows[1:])
    assert all("<w:cantSplit/>" in r for r in rows)
    assert f'<w:tblStyle w:val="{TABLE_STYLE.replace(" ", "")}"/>' in first
    # A 新旧対照表 row shorter than a page is kept whole too (its heading never
    # ends a page without its text); test_comparison_rows_split_only_when_tall.
    assert "<w:tblHeader/>" in comparison and "<w:cantSplit/>" in comparison


def test_comparison_rows_split_only_when_tall(tmp_path):
    from build_tools.diff.table import new_document
    from build_tools.nodes import COMPARISON_HEADING, COMPARISON_NOTE, COMPARISON_TABLE

    def row(*cells):
        tr = nodes.row()
        for paragraphs in cells:
            tr += nodes.entry("", *paragraphs)
        return tr

    def para(text, *classes):
        return nodes.paragraph(text, text, classes=list(classes))

    document = new_document("新旧対照表")
    table = nodes.table(classes=[COMPARISON_TABLE])
    group = nodes.tgroup(cols=2)
    group += [nodes.colspec(colwidth=50), nodes.colspec(colwidth=50)]
    body = nodes.tbody()
    body += row([para("4　本市の状況", COMPARISON_HEADING)], [para("（新設）", COMPARISON_NOTE)])
    body += row([para("(1)　現状と背景", COMPARISON_HEADING), para("短い本文です。")], [])
    body += row([para("(2)　長い節", COMPARISON_HEADING)] + [para("長い本文。" * 60)] * 12, [])
    group += body
    table += group
    document += table
    doc = part(write(document, replace(FRONT, base_dir=None), tmp_path / "c.docx"),
               "word/document.xml")
    heading_only, short, tall = re.findall(r"<w:tr\b.*?</w:tr>", doc, flags=re.S)
    assert "<w:cantSplit/>" in short and "<w:cantSplit/>" not in tall
    # A heading-only row keeps with the next row (Word: keepNext on all its paragraphs).
    assert heading_only.count("<w:keepNext/>") == heading_only.count("<w:p>") == 2


def test_footnote_is_a_word_footnote(fixture_docx):
    doc = part(fixture_docx, "word/document.xml")
    notes = part(fixture_docx, "word/footnotes.xml")
    assert '<w:footnoteReference w:id="1"/>' in doc
    assert re.search(r'<w:footnote w:id="1">.*脚注の本文です。', notes, flags=re.S)


def test_unknown_node_names_the_node_and_line(tmp_path):
    doctree = docx_fixture.doctree("段落です。\n\n.. option list is not a thing\n\n-a  オプション\n")
    with pytest.raises(PolicyError) as caught:
        write(doctree, replace(FRONT, base_dir=None), tmp_path / "x.docx")
    assert "option_list" in str(caught.value)
    assert caught.value.line == 5 and caught.value.file.endswith("all_nodes.rst")


def test_same_input_gives_the_same_bytes(tmp_path):
    first = write(docx_fixture.doctree(), FRONT, tmp_path / "a.docx")
    second = write(docx_fixture.doctree(), FRONT, tmp_path / "b.docx")
    assert sha256(first) == sha256(second)
    with zipfile.ZipFile(first) as z:
        assert {i.date_time for i in z.infolist()} == {(2023, 11, 14, 22, 13, 20)}
    core = part(first, "docProps/core.xml")
    assert "2023-11-14T22:13:20Z" in core and "様式確認用の見本文書" in core


def test_landscape_front_matter_turns_the_page(tmp_path):
    path = write(docx_fixture.doctree("段落です。\n"), replace(FRONT, base_dir=None, landscape=True),
                 tmp_path / "l.docx")
    size = re.search(r'<w:pgSz w:w="(\d+)" w:h="(\d+)"[^>]*/>', part(path, "word/document.xml"))
    assert int(size[1]) > int(size[2])


# --- the template -----------------------------------------------------------------

def test_template_defines_every_style_the_writer_names():
    import docx
    from build_tools.writers.docx import TEMPLATE
    document = docx.Document(str(TEMPLATE))
    names = {s.name for s in document.styles}
    assert set(PARAGRAPH_STYLES) | set(CHARACTER_STYLES) | {TABLE_STYLE} <= names


def test_template_fonts_page_and_rules():
    from build_tools.writers.docx import TEMPLATE
    styles = part(TEMPLATE, "word/styles.xml")
    assert "Theme=" not in styles and "w:cstheme" not in styles   # no theme fonts
    defaults = re.search(r"<w:rPrDefault>.*?</w:rPrDefault>", styles, flags=re.S).group(0)
    assert f'w:eastAsia="{BODY_FONT}"' in defaults and 'w:eastAsia="ja-JP"' in defaults
    heading = re.search(r'w:styleId="Heading1">.*?</w:style>', styles, flags=re.S).group(0)
    assert f'w:eastAsia="{HEADING_FONT}"' in heading
    table = re.search(r'w:styleId="PolicyTable">.*?</w:style>', styles, flags=re.S).group(0)
    assert table.count('w:sz="4"') == 6      # 0.5pt rules on every side
    doc = part(TEMPLATE, "word/document.xml")
    assert re.search(r'<w:pgSz w:w="11906" w:h="16838"', doc)       # A4 portrait
    margins = re.search(r"<w:pgMar ([^>]*)/>", doc)[1]
    for side in ("top", "left", "right", "bottom"):
        twips = int(re.search(rf'w:{side}="(\d+)"', margins)[1])
        assert 24.5 <= twips / 1440 * 25.4 <= 30.5, side


def test_published_word_file_has_the_title_and_headings(tmp_path):
    """The builders reach this writer only through writers.publish: the file
    it writes, named after the front matter's basename, opens as Word and
    reads as the document (title block first, then the chapters as headings)."""
    import docx
    front = replace(FRONT, basename="via-publish")
    [path] = writers.publish(docx_fixture.doctree(), front, ["docx"], tmp_path / "out")
    assert path == tmp_path / "out" / "via-publish.docx"
    paragraphs = [(p.style.name, p.text) for p in docx.Document(str(path)).paragraphs]
    assert paragraphs[:2] == [("Title", FRONT.title), ("Subtitle", FRONT.subtitle)]
    headings = [text for style, text in paragraphs if style.startswith("Heading")]
    assert headings[:4] == ["第1\u3000見出しと本文", "1\u3000小見出し（第2階層）",
                            "(1)\u3000第3階層", "ア\u3000第4階層"]


# --- the real revisions -------------------------------------------------------------

def _blocks(doctree) -> list[str]:
    """Headings and paragraphs outside tables, in document order."""
    out = []
    for node in doctree.findall(lambda n: isinstance(n, (nodes.title, nodes.paragraph))):
        if any(isinstance(a, (nodes.table, nodes.comment)) for a in _ancestors(node)):
            continue
        out.append(squash(node.astext()))
    return [b for b in out if b]


def _ancestors(node):
    while node.parent is not None:
        node = node.parent
        yield node


def test_every_revision_opens_in_libreoffice_with_all_text_in_order(editions, soffice):
    pdfs = soffice(*(editions[r]["docx"] for r in REVISIONS))
    for rev_id, pdf in zip(REVISIONS, pdfs):
        # Crop the footer (page numbers) off the A4 page: 842pt high, body ends 25mm up.
        raw = subprocess.run(["pdftotext", *FOOTERLESS, str(pdf), "-"], capture_output=True,
                             text=True, check=True).stdout
        text = squash(raw)
        revision = editions[rev_id]["revision"]
        cover = squash(raw.split("\f")[0])
        assert squash(revision["adopted_wareki"] + revision["kind"]) in cover, rev_id
        assert squash(revision["provenance"]["note"]) in cover, rev_id
        assert "企画部行政改革推進室" in cover
        body = text[text.index("目次"):]
        position = 0
        for block in _blocks(editions[rev_id]["doctree"]):
            found = body.find(block, position)
            assert found >= 0, f"{rev_id}: missing or out of order: {block[:40]}"
            position = found + len(block)
        labels = sum("reconstructed" in c["classes"]
                     for c in editions[rev_id]["doctree"].findall(nodes.container))
        assert text.count("【再構成】") == labels, rev_id
        # Page numbers, as the PDF edition prints them: none on the cover,
        # 「-2-」 on the contents and one on every later page.
        pages = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                               check=True).stdout.split("\f")[:-1]
        assert len(pages) >= 3, rev_id
        assert not re.search(r"(?m)^-\d+-$", pages[0]), rev_id
        for number, page in enumerate(pages[1:], 2):
            assert re.search(rf"(?m)^-{number}-$", page), f"{rev_id}: page {number} unnumbered"
        fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True,
                               check=True).stdout
        assert "IPAexMincho" in fonts and "IPAexGothic" in fonts, fonts
        assert not re.search(r"(?m)^\S+\s+Type 3", fonts)


def test_edition_has_page_numbers_and_contents(editions):
    path = editions["R5"]["docx"]
    doc = part(path, "word/document.xml")
    footers = [n for n in zipfile.ZipFile(path).namelist() if n.startswith("word/footer")]
    assert any(" PAGE " in part(path, f) for f in footers)
    assert doc.count("PAGEREF ref_") >= 10         # contents entries point at headings
    assert "w:dirty" not in doc                    # nothing for Word to update on opening
    # The footer on every section after the cover, numbered from the cover as the PDF.
    sections = re.findall(r"<w:sectPr\b.*?</w:sectPr>", doc)
    assert len(sections) == 2 and "footerReference" not in sections[0]
    assert "footerReference" in sections[1] and "pgNumType" not in sections[1]
    names = re.findall(r'<w:bookmarkStart [^>]*w:name="([^"]+)"', doc)
    ids = re.findall(r'<w:bookmarkStart w:id="(\d+)"', doc)
    assert len(set(names)) == len(names) and len(set(ids)) == len(ids)


def test_edition_rebuild_is_byte_identical(editions, tmp_path):
    e = editions["H29"]
    again = write(e["doctree"], e["front"], tmp_path / "again.docx")
    assert sha256(again) == sha256(e["docx"])
