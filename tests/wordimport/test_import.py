"""`policy import` and Word drafts: our own editions come back as the same
text, a draft edited in LibreOffice compares as exactly its edits, and a
Word document this project did not write imports with the right structure
(tests/corpus/word/README.md says how each file was made)."""
from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.cli import main
from build_tools.diff import compare, compare_refs
from build_tools.document import blocks_of
from build_tools.provisions import first_difference, provisions_of
from build_tools.read import read, read_path
from build_tools.revisions import Project
from build_tools.wordimport import import_docx, source_files
from build_tools.wordimport.numbers import format_number, typed_number
from build_tools.wordimport.styles import StyleMap

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "corpus" / "word"
FOREIGN = ("foreign.docx", "foreign-libreoffice.docx")


@pytest.fixture(scope="module")
def project():
    return Project(ROOT)


def _texts(document):
    return [(s.heading, s.depth, [b.text for b in blocks_of(node)])
            for node, s in zip(document.section_nodes(), document.sections)]


# --- our own editions, imported back ------------------------------------------

@pytest.mark.parametrize("rev", ["H29", "R5"])
def test_an_edition_imported_back_has_the_revisions_provisions_and_text(rev, project, bundled_site,
                                                                        tmp_path):
    out = tmp_path / "imported"
    imported = import_docx(bundled_site / rev / f"policy-{rev}.docx", out)
    original, back = read(project, rev), read_path(out)
    assert back.title == original.title
    assert _texts(back) == _texts(original)
    assert first_difference(provisions_of(original), provisions_of(back)) is None
    assert compare(original, back).is_empty
    # One file per chapter beside the index, every section labelled.
    chapters = [s for s in original.sections if s.depth == 0 and s.heading != "（前文）"]
    assert len(imported.files) == len(chapters) + 2      # + index.rst, conf.py
    assert all(s.label and s.label.startswith("sec-") for s in back.sections)
    assert "表紙" in " ".join(imported.notes)             # the cover was left out, and said so


def test_policy_diff_of_an_imported_edition_reports_no_difference(bundled_site, tmp_path, capsys):
    out = tmp_path / "R5-imported"
    assert main(["--repo", str(ROOT), "import", str(bundled_site / "R5" / "policy-R5.docx"),
                 "-o", str(out)]) == 0
    assert (out / "index.rst").is_file()
    assert main(["--repo", str(ROOT), "diff", "R5", str(out), "-f", "text"]) == 0
    assert "差異はありません" in capsys.readouterr().out


# --- a draft edited in LibreOffice --------------------------------------------

def test_a_draft_edited_in_libreoffice_shows_exactly_its_edits(project):
    comparison = compare_refs(project, "R5", str(CORPUS / "draft-R5-libreoffice.docx"))
    changed = {(row.kind, row.heading) for row in comparison.changed_rows}
    assert changed == {("changed", "1　策定の趣旨"), ("changed", "(2)　目的"),
                       ("deleted", "(3)　公民連携によるまちづくりの必要性")}
    rows = {row.heading: row for row in comparison.changed_rows}
    old, new = ([b.text for b in unit.blocks] for unit in (rows["(2)　目的"].old, rows["(2)　目的"].new))
    assert [o.replace("最適化", "適正化") for o in old] == new and old != new
    old, new = ([b.text for b in unit.blocks] for unit in (rows["1　策定の趣旨"].old,
                                                          rows["1　策定の趣旨"].new))
    assert new[:-1] == old and new[-1].startswith("【見本】")
    assert comparison.new_source.is_draft


def test_policy_amend_takes_a_word_draft(capsys):
    draft = str(CORPUS / "draft-R5-libreoffice.docx")
    assert main(["--repo", str(ROOT), "amend", "R5", draft, "-f", "text"]) == 0
    out = capsys.readouterr().out
    assert "2の(2)中「最適化」を「適正化」に改める。" in out and "2の(3)を削る。" in out


# --- a Word document this project did not write -------------------------------

EXPECTED = [
    ("（前文）", 0), ("第1　総則", 0), ("（１）　目的", 1), ("（２）　定義", 1),
    ("第2　推進の方策", 0), ("1　緑地の保全", 1), ("2　緑化の推進", 1), ("第3　推進体制", 0),
]


@pytest.fixture(scope="module", params=FOREIGN)
def foreign(request, tmp_path_factory):
    out = tmp_path_factory.mktemp("foreign") / "source"
    import_docx(CORPUS / request.param, out)
    return out, read_path(out)


def test_foreign_headings_levels_and_numbers(foreign):
    folder, document = foreign
    assert document.title == "【見本】みどりの基本方針"
    # Typed numbers kept as written; （１）（２） from the style's numbering;
    # 「第3」 by its style based on 見出し 1; numbering off (numId 0) in chapter 2.
    assert [(s.heading, s.depth) for s in document.sections] == EXPECTED
    assert [s.label for s in document.sections[1:]] == [
        "sec-1", "sec-1-1", "sec-1-2", "sec-2", "sec-2-1", "sec-2-2", "sec-3"]
    assert sorted(p.name for p in folder.glob("*.rst")) == [
        "index.rst", "sec-1.rst", "sec-2.rst", "sec-3.rst"]


def test_foreign_body_lists_indentation_table_and_footnote(foreign):
    _, document = foreign
    body = {s.heading: [b.text for b in blocks_of(node)]
            for node, s in zip(document.section_nodes(), document.sections)}
    # Full-width indentation removed.
    assert body["第1　総則"] == ["この方針は、市のみどりの保全と創出に関する基本的な考え方を定めるものです。"]
    assert body["（１）　目的"] == ["みどり豊かな住みよいまちをつくることを目的とします。"]
    # An aiueo list (number, then a space), and the same list restarted.
    assert [t[:4] for t in body["（２）　定義"][1:]] == ["ア　みど", "イ　緑化", "ウ　市民"]
    assert body["第3　推進体制"][-2:] == ["ア　年1回以上開催します。", "イ　結果を公表します。"]
    # A bullet list with a nested item; a footnote.
    text = " ".join(body["1　緑地の保全"])
    assert "・樹林地の公有地化" in text and "・所有者との協定" in text
    assert "都市緑地法に基づき指定する地区をいいます。" in text
    # The merged-cell table: a 4×3 grid, each merged cell's text once.
    assert body["2　緑化の推進"] == ["［表］表1　緑化の目標", "区分｜指標｜目標",
                                  "公共施設｜屋上緑化｜10か所", "｜壁面緑化｜5か所",
                                  "民有地｜助成制度により推進｜"]


def test_a_style_only_the_style_map_names(tmp_path):
    plain = source_files(CORPUS / "foreign.docx")
    assert "\\(1)　庁内の体制" in plain.files["sec-3.rst"]   # body text, escaped: not a list
    assert any("様式「小見出し」" in note and "--style-map" in note for note in plain.notes)
    mapping = tmp_path / "map.toml"
    mapping.write_text('[headings]\n"小見出し" = 2\n', encoding="utf-8")
    out = tmp_path / "mapped"
    import_docx(CORPUS / "foreign.docx", out, style_map=StyleMap.load(mapping))
    document = read_path(out)
    assert [(s.heading, s.depth) for s in document.sections][-2:] == [
        ("第3　推進体制", 0), ("(1)　庁内の体制", 1)]
    assert document.sections[-1].label == "sec-3-1"


def test_headings_typed_in_body_text(tmp_path):
    """A document whose headings are plain paragraphs with typed numbers:
    --typed-headings makes them headings, a level per kind of number."""
    from tests.wordimport.test_bad_docx import part, rewrite
    document = part("word/document.xml")
    for style in ("Heading1", "ChapterHeading", "SubHeading"):
        document = document.replace(f'<w:pStyle w:val="{style}"/>', '<w:pStyle w:val="Normal"/>')
    document = document.replace('<w:pStyle w:val="Heading2"/><w:numPr><w:ilvl w:val="0"/>'
                                '<w:numId w:val="0"/></w:numPr>', '<w:pStyle w:val="Normal"/>')
    typed = rewrite(tmp_path / "typed.docx", {"word/document.xml": document.encode()})
    plain = source_files(typed)
    assert any("--typed-headings" in note for note in plain.notes)
    out = tmp_path / "typed"
    assert main(["import", str(typed), "-o", str(out), "--typed-headings"]) == 0
    assert [(s.heading, s.depth) for s in read_path(out).sections] == EXPECTED + [
        ("(1)　庁内の体制", 1)]


def test_a_word_draft_compares_with_its_import(tmp_path):
    """The same code reads a .docx given to `policy diff` as `policy import` writes it."""
    out = tmp_path / "imported"
    import_docx(CORPUS / "foreign.docx", out)
    assert compare(read_path(out), read(None, str(CORPUS / "foreign-libreoffice.docx"))).is_empty


# --- numbers --------------------------------------------------------------------

@pytest.mark.parametrize("fmt, values", [
    ("japaneseCounting", ["一", "十", "十一", "二十", "百五"]),
    ("decimalFullWidth", ["１", "１０", "１１", "２０", "１０５"]),
    ("aiueoFullWidth", ["ア", "コ", "サ", "ト", "ス"]),
    ("irohaFullWidth", ["イ", "ヌ", "ル", "ネ", "ル"]),
    ("decimalEnclosedCircle", ["①", "⑩", "⑪", "⑳", "105"]),
    ("ideographTraditional", ["甲", "癸", "甲", "癸", "戊"]),
])
def test_word_number_formats(fmt, values):
    assert [format_number(n, fmt) for n in (1, 10, 11, 20, 105)] == values


@pytest.mark.parametrize("text, number", [
    ("第1　総則", "第1"), ("第十二条の二　目的", "第十二条の二"), ("（１）　目的", "（１）"),
    ("(1)　目的", "(1)"), ("ア　定義", "ア"), ("ｱ 定義", "ｱ"), ("1.策定の趣旨", "1."),
    ("２　区分", "２"), ("2020年の計画", None), ("一　号", "一"),
])
def test_typed_heading_numbers(text, number):
    found = typed_number(text)
    assert (found[0] if found else None) == number
