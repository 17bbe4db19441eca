"""Bad Word files: each gets a clear message (the file, what is wrong, 「対処」),
a non-zero exit, and nothing written — from `policy import` and from
`policy diff`, which imports a .docx with the same code."""
from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest

from build_tools.cli import main
from build_tools.document import blocks_of
from build_tools.read import read_path
from build_tools.wordimport import package

ROOT = Path(__file__).resolve().parents[2]
FOREIGN = ROOT / "tests" / "corpus" / "word" / "foreign.docx"
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _imported(docx: Path, out: Path):
    """`policy import docx -o out`, then the result as the reader reads it:
    (document, the text of every block)."""
    assert main(["import", str(docx), "-o", str(out)]) == 0
    document = read_path(out)
    return document, [b.text for node in document.section_nodes() for b in blocks_of(node)]


def rewrite(path: Path, changes: dict[str, bytes | None], source: Path = FOREIGN) -> Path:
    """A copy of `source` with parts replaced, added or (None) removed."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            if info.filename not in changes:
                out.writestr(info, src.read(info))
        for name, data in changes.items():
            if data is not None:
                out.writestr(name, data)
    return path


def part(name: str) -> str:
    with zipfile.ZipFile(FOREIGN) as src:
        return src.read(name).decode("utf-8")


def with_body(path, old, new):
    document = part("word/document.xml")
    assert old in document
    return rewrite(path, {"word/document.xml": document.replace(old, new, 1).encode()})


def tracked(tmp):
    return with_body(tmp / "tracked.docx", "<w:r><w:t>市は、",
                     '<w:ins w:id="901" w:author="企画課" w:date="2026-11-30T00:00:00Z">'
                     '<w:r><w:t>新たに</w:t></w:r></w:ins>'
                     '<w:del w:id="902" w:author="企画課" w:date="2026-11-30T00:00:00Z">'
                     '<w:r><w:delText>旧文言</w:delText></w:r></w:del><w:r><w:t>市は、')


def joined(tmp):
    """The mark of 「市は、…進めます。」 deleted: it joins the next paragraph."""
    return with_body(tmp / "joined.docx", "<w:p><w:r><w:t>市は、",
                     '<w:p><w:pPr><w:rPr><w:del w:id="903" w:author="企画課" '
                     'w:date="2026-11-30T00:00:00Z"/></w:rPr></w:pPr><w:r><w:t>市は、')


def commented(tmp):
    rels = part("word/_rels/document.xml.rels").replace(
        "</Relationships>", '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/comments" Target="comments.xml"/></Relationships>')
    document = part("word/document.xml").replace(
        "<w:r><w:t>市は、", '<w:commentRangeStart w:id="0"/><w:r><w:t>市は、', 1).replace(
        "指定を進めます</w:t></w:r>", '指定を進めます</w:t></w:r><w:commentRangeEnd w:id="0"/>'
        '<w:r><w:commentReference w:id="0"/></w:r>', 1)
    comments = (f'<w:comments {W}><w:comment w:id="0" w:author="法規担当"><w:p><w:r>'
                '<w:t>根拠条文を確認</w:t></w:r></w:p></w:comment></w:comments>')
    return rewrite(tmp / "commented.docx", {"word/_rels/document.xml.rels": rels.encode(),
                                            "word/document.xml": document.encode(),
                                            "word/comments.xml": comments.encode()})


def external_entity(tmp):
    document = part("word/document.xml").replace(
        "<w:document", '<!DOCTYPE w:document [<!ENTITY host SYSTEM "file:///etc/hostname">]>'
        "<w:document", 1).replace("<w:t>市は、", "<w:t>&host;市は、", 1)
    return rewrite(tmp / "entity.docx", {"word/document.xml": document.encode()})


def entity_expansion(tmp):
    lol = "".join(f'<!ENTITY l{i} "{"&l%d;" % (i - 1) * 10 if i else "lol"}">' for i in range(9))
    document = part("word/document.xml").replace(
        "<w:document", f"<!DOCTYPE w:document [{lol}]><w:document", 1)
    return rewrite(tmp / "billion.docx", {"word/document.xml": document.encode()})


def xlsx(tmp):
    import openpyxl
    book = openpyxl.Workbook()
    book.active["A1"] = "意見"
    path = tmp / "opinions.docx"
    book.save(path)
    return path


def zip_bomb(tmp):
    path = tmp / "bomb.docx"
    filler = b" " * (1 << 20)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:
        for name in ("[Content_Types].xml", "_rels/.rels"):
            with zipfile.ZipFile(FOREIGN) as src:
                out.writestr(name, src.read(name))
        with out.open("word/document.xml", "w", force_zip64=True) as stream:
            stream.write(f"<w:document {W}><w:body><w:p><w:r><w:t>".encode())
            for _ in range(8 * package.RATIO_FLOOR // len(filler)):
                stream.write(filler)
            stream.write(b"</w:t></w:r></w:p></w:body></w:document>")
    assert path.stat().st_size < 1_000_000
    return path


def outside(tmp):
    rels = part("word/_rels/document.xml.rels").replace('Target="styles.xml"',
                                                        'Target="../../../../etc/passwd"')
    return rewrite(tmp / "outside.docx", {"word/_rels/document.xml.rels": rels.encode()})


def old_doc(tmp):
    path = tmp / "old.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4096)
    return path


def text_file(tmp):
    path = tmp / "memo.docx"
    path.write_text("公民連携の方針（メモ）\n", encoding="utf-8")
    return path


def truncated(tmp):
    path = tmp / "truncated.docx"
    path.write_bytes(FOREIGN.read_bytes()[:3000])
    return path


def no_body(tmp):
    return rewrite(tmp / "nobody.docx", {"word/document.xml": None})


CASES = {
    "tracked changes": (tracked, ["変更履歴が残っています（2 か所）", "--accept-changes"]),
    "comments": (commented, ["コメントが残っています（1 件）", "--accept-changes"]),
    "password-protected": (lambda tmp: ROOT / "tests/corpus/word/foreign-password.docx",
                           ["パスワードで保護（暗号化）された Word 文書は読めません"]),
    "renamed xlsx": (xlsx, ["Excel のブックです"]),
    "zip bomb": (zip_bomb, ["word/document.xml が大きすぎるか、圧縮率が異常です"]),
    "external entity": (external_entity, ["DOCTYPE", "安全のため読みません"]),
    "entity expansion": (entity_expansion, ["DOCTYPE"]),
    "relationship outside the package": (outside, ["参照先がファイルの外を指しています"]),
    "old .doc": (old_doc, ["古い形式の Word 文書（.doc）"]),
    "not a zip": (text_file, ["Word 文書（.docx）ではありません"]),
    "damaged zip": (truncated, ["Word 文書（.docx）ではありません"]),
    "no document part": (no_body, ["本文 word/document.xml がない"]),
}


@pytest.mark.parametrize("name", list(CASES))
def test_policy_import_refuses(name, tmp_path, capsys):
    make, expected = CASES[name]
    bad = make(tmp_path)
    out = tmp_path / "work" / "imported"
    out.parent.mkdir()
    assert main(["import", str(bad), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert str(bad) in err and "対処:" in err and "Traceback" not in err
    for fragment in expected:
        assert fragment in err
    assert not out.exists() and not os.listdir(out.parent)   # nothing written, no temporary left
    assert "localhost" not in err and Path("/etc/hostname").read_text().strip() not in err


def test_policy_diff_refuses_a_bad_word_draft(tmp_path, capsys):
    bad = external_entity(tmp_path)
    out = tmp_path / "comparison"
    assert main(["--repo", str(ROOT), "diff", "R5", str(bad), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert str(bad) in err and "対処:" in err
    assert not out.exists()


def test_accepting_changes_keeps_insertions_drops_deletions_and_comments(tmp_path, capsys):
    out = tmp_path / "accepted"
    assert main(["import", str(tracked(tmp_path)), "-o", str(out), "--accept-changes"]) == 0
    text = (out / "sec-2.rst").read_text(encoding="utf-8")
    assert "新たに市は、" in text and "旧文言" not in text
    assert "変更履歴 2 か所をすべて承諾" in capsys.readouterr().err
    out = tmp_path / "joined"
    assert main(["import", str(joined(tmp_path)), "-o", str(out), "--accept-changes"]) == 0
    text = (out / "sec-2.rst").read_text(encoding="utf-8")
    assert "進めます\\ [#fn1]_\\ 。保全の取組は、次のとおりです。\n" in text
    out = tmp_path / "uncommented"
    assert main(["import", str(commented(tmp_path)), "-o", str(out), "--accept-changes"]) == 0
    assert "根拠条文" not in "".join(p.read_text(encoding="utf-8") for p in out.iterdir())


def test_odd_values_in_the_xml_are_kept_in_bounds(tmp_path):
    """Out-of-range or non-numeric attributes, and an empty table, import
    without a traceback and read as RST (a span of a billion is Word's 63)."""
    document = part("word/document.xml").replace(
        '<w:gridSpan w:val="2"/>', '<w:gridSpan w:val="999999999"/>', 1).replace(
        '<w:numId w:val="20"/>', '<w:numId w:val="abc"/>', 1).replace(
        '<w:ilvl w:val="0"/><w:numId w:val="21"/>', '<w:ilvl w:val="-5"/><w:numId w:val="21"/>', 1
    ).replace("<w:tbl>", "<w:tbl></w:tbl><w:tbl>", 1)
    numbering = part("word/numbering.xml").replace('<w:start w:val="1"/>',
                                                   '<w:start w:val="99999999999"/>', 1)
    odd = rewrite(tmp_path / "odd.docx", {"word/document.xml": document.encode(),
                                          "word/numbering.xml": numbering.encode()})
    document, texts = _imported(odd, tmp_path / "out")
    assert "民有地｜助成制度により推進" + "｜" * 61 in texts
    assert "（３２７６７）　目的" in [s.heading for s in document.sections]   # Word's largest start


def test_an_endnote_becomes_a_footnote(tmp_path):
    rels = part("word/_rels/document.xml.rels").replace(
        "</Relationships>", '<Relationship Id="rId8" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/endnotes" Target="endnotes.xml"/></Relationships>')
    endnotes = (f'<w:endnotes {W}><w:endnote w:id="3"><w:p><w:r><w:t>巻末の注です。</w:t></w:r>'
                '</w:p></w:endnote></w:endnotes>')
    document = part("word/document.xml").replace(
        "保全の取組は、次のとおりです。", '保全の取組は、次のとおりです。</w:t></w:r>'
        '<w:r><w:endnoteReference w:id="3"/></w:r><w:r><w:t>', 1)
    noted = rewrite(tmp_path / "endnote.docx", {"word/_rels/document.xml.rels": rels.encode(),
                                                "word/endnotes.xml": endnotes.encode(),
                                                "word/document.xml": document.encode()})
    out = tmp_path / "out"
    assert main(["import", str(noted), "-o", str(out)]) == 0
    text = (out / "sec-2.rst").read_text(encoding="utf-8")
    assert "次のとおりです。\\ [#fn2]_" in text and ".. [#fn2] 巻末の注です。" in text


def test_hidden_text_is_not_imported(tmp_path):
    bad = with_body(tmp_path / "hidden.docx", "<w:r><w:t>市は、",
                    '<w:r><w:rPr><w:vanish/></w:rPr><w:t>（内部メモ：非公開）</w:t></w:r><w:r><w:t>市は、')
    out = tmp_path / "out"
    assert main(["import", str(bad), "-o", str(out)]) == 0
    text = (out / "sec-2.rst").read_text(encoding="utf-8")
    assert "市は、特別緑地保全地区" in text and "内部メモ" not in text


def test_an_existing_folder_is_never_overwritten(tmp_path, capsys):
    out = tmp_path / "source"
    out.mkdir()
    (out / "index.rst").write_text("既存の原稿\n", encoding="utf-8")
    assert main(["import", str(FOREIGN), "-o", str(out)]) == 1
    assert "空ではありません" in capsys.readouterr().err
    assert [p.name for p in out.iterdir()] == ["index.rst"]
    assert (out / "index.rst").read_text(encoding="utf-8") == "既存の原稿\n"


def test_a_bad_style_map(tmp_path, capsys):
    mapping = tmp_path / "map.toml"
    mapping.write_text('[headings]\n"小見出し" = "二"\n', encoding="utf-8")
    assert main(["import", str(FOREIGN), "-o", str(tmp_path / "out"),
                 "--style-map", str(mapping)]) == 1
    err = capsys.readouterr().err
    assert str(mapping) in err and "見出しの段数" in err
    assert not (tmp_path / "out").exists()


def test_text_cannot_become_rst_markup(tmp_path):
    """A line break hidden in a Word text or link (&#10;) cannot start an RST
    directive: the text stays text, and the link is dropped to its words."""
    rels = part("word/_rels/document.xml.rels").replace(
        "</Relationships>", '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/hyperlink" Target="https://example.jp/&#10;&#10;'
        '.. include:: /etc/passwd" TargetMode="External"/></Relationships>')
    document = part("word/document.xml").replace(
        "<w:r><w:t>市は、", '<w:r><w:t xml:space="preserve">&#10;&#10;.. include:: /etc/passwd&#10;'
        '&#10;</w:t></w:r><w:hyperlink r:id="rId9"><w:r><w:t>参照</w:t></w:r></w:hyperlink>'
        "<w:r><w:t>市は、", 1)
    bad = rewrite(tmp_path / "inject.docx", {"word/_rels/document.xml.rels": rels.encode(),
                                             "word/document.xml": document.encode()})
    document, texts = _imported(bad, tmp_path / "out")
    assert any(t.startswith(".. include:: /etc/passwd") and "参照市は、" in t for t in texts)
    assert "root:" not in " ".join(texts)
