"""`policy comments ID`: the four formats, read back with real clients.
Personal data never reaches an output; markup in an opinion stays text."""
from __future__ import annotations

import csv
import html
import io
import re
import zipfile

import pytest

from tests.consultation.helpers import (VALID_ROWS, docx_text, lo_convert, make_consultation_repo,
                                        pdf_text, row)

PERSONAL = ("0467-82-1111", "taro.chigasaki@example.jp", "〒253-8686", "253-8686",
            "茅ヶ崎市茅ヶ崎一丁目1番1号", "一丁目1番1号", "０４６７－８２－１１１１")
MARKUP = "<script>alert(\"x\")</script> & \"二重\" '一重' <b>太字</b>"
ROWS = [
    *VALID_ROWS,
    row(4, "scope", "詳しくは 0467-82-1111 又は taro.chigasaki@example.jp へ。"
        "〒253-8686 茅ヶ崎市茅ヶ崎一丁目1番1号の者です。", "C", submitter=3, method="持参"),
    row(5, "scope", MARKUP + "\x07\x1b[31m", "C", submitter=3, method="持参",
        response="=HYPERLINK(\"http://example.invalid\") ０４６７－８２－１１１１"),
]


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    repo = make_consultation_repo(tmp_path_factory.mktemp("publish") / "repo")
    repo.write(ROWS, draft_ref=repo.a)
    out = repo.root / "out"
    refused = repo.policy("comments", "B", "-o", str(out))
    assert repo.policy("comments", "B", "--mask", "-o", str(out)) == 0
    return repo, out, refused


def test_personal_data_refuses_publication(tmp_path, capsys):
    repo = make_consultation_repo(tmp_path / "repo")
    repo.write(ROWS)
    out = tmp_path / "out"
    assert repo.policy("comments", "B", "-o", str(out)) == 1
    err = capsys.readouterr().err
    for kind, text in (("電話番号", "0467-82-1111"), ("電子メールアドレス", "taro.chigasaki@example.jp"),
                       ("郵便番号", "〒253-8686"), ("住所", "茅ヶ崎市茅ヶ崎一丁目1番1号")):
        assert f"revisions/B/opinions.csv:5: 番号 4 の意見の概要に{kind}「{text}」があります" in err
    assert "revisions/B/opinions.csv:6: 番号 5 の市の考え方に電話番号「０４６７－８２－１１１１」" in err
    assert "--mask" in err
    assert not out.exists() or not any(out.iterdir())


def _formats():
    return ["html", "csv", "docx", "pdf"]


def _texts(out) -> dict[str, str]:
    texts = {"html": (out / "index.html").read_text("utf-8"),
             "csv": (out / "comments-B.csv").read_bytes().decode("utf-8-sig")}
    with zipfile.ZipFile(out / "comments-B.docx") as z:
        texts["docx-xml"] = "".join(z.read(n).decode("utf-8") for n in z.namelist()
                                    if n.endswith(".xml"))
    texts["docx"] = docx_text(out / "comments-B.docx")
    texts["pdf"] = pdf_text(out / "comments-B.pdf")
    texts["pdf-raw"] = (out / "comments-B.pdf").read_bytes().decode("latin-1")
    return texts


def test_all_formats_written(published):
    repo, out, refused = published
    assert refused == 1  # the same records without --mask
    names = {p.name for p in out.iterdir()}
    expected = {"index.html", "comments-B.csv"} | {f"comments-B.{f}" for f in _formats()[2:]}
    assert expected <= names


def test_personal_data_never_in_any_output(published):
    repo, out, _ = published
    for name, text in _texts(out).items():
        for personal in PERSONAL:
            assert personal not in text, f"{personal} in {name}"
        if name in ("html", "csv", "docx", "pdf"):
            assert "個人情報のため削除" in text.replace(" ", ""), name


def test_markup_is_text_in_html(published):
    repo, out, _ = published
    page = (out / "index.html").read_text("utf-8")
    main = page[page.index("<main"):page.index("</main>")]
    assert "<script" not in main and "<b>" not in main
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp;" in main
    assert "\x07" not in page and "\x1b" not in page
    text = html.unescape(re.sub(r"<[^>]+>", "", main))
    assert MARKUP in text


def test_markup_is_text_in_docx_and_libreoffice_opens_it(published, tmp_path):
    repo, out, _ = published
    assert MARKUP in docx_text(out / "comments-B.docx")
    pdf = lo_convert(out / "comments-B.docx", tmp_path, tmp_path / "lo-profile")
    text = pdf_text(pdf)
    assert "<script>alert" in text and "<b>太字</b>" in text
    assert "【見本】テスト用に作成した記録です。" in text


def test_csv_is_excel_safe(published):
    repo, out, _ = published
    data = (out / "comments-B.csv").read_bytes()
    # UTF-8 with a BOM: Japanese Excel reads a CSV without one as Shift_JIS.
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    formula = next(r["市の考え方"] for r in rows if "HYPERLINK" in r["市の考え方"])
    assert formula.startswith("'=HYPERLINK")
    assert all(r["備考"] == "【見本】テスト用に作成した記録です。" for r in rows)


def test_csv_has_public_columns_and_accounts_for_every_opinion(published):
    repo, out, _ = published
    rows = list(csv.DictReader(io.StringIO((out / "comments-B.csv").read_bytes()
                                           .decode("utf-8-sig"))))
    assert list(rows[0]) == ["番号", "該当箇所", "意見の概要", "市の考え方", "区分", "区分の説明",
                             "修正箇所", "件数", "備考"]
    # Five opinions, one of them published as a count only: its row says so.
    assert sum(int(r["件数"]) for r in rows) == 5
    counted = [r for r in rows if not r["番号"]]
    assert len(counted) == 1 and "件数のみ掲載" in counted[0]["意見の概要"]
    assert counted[0]["区分"] == "D" and counted[0]["区分の説明"].startswith("その他")
    assert "市の施設の話" not in (out / "comments-B.csv").read_bytes().decode("utf-8-sig")
    changed = next(r for r in rows if r["番号"] == "1")
    assert changed["区分"] == "A" and changed["修正箇所"] == changed["該当箇所"] != ""
    # The page and the printed table keep their five columns, without the data view.
    page = (out / "index.html").read_text("utf-8")
    assert "件数のみ掲載）" not in page and "区分の説明</th>" not in page


def test_sample_notice_on_every_output(published):
    repo, out, _ = published
    for name, text in _texts(out).items():
        if name in ("docx-xml", "pdf-raw"):
            continue
        assert "【見本】テスト用に作成した記録です。" in text.replace("\n", ""), name


def test_links_to_the_section_and_the_comparison_row(published):
    repo, out, _ = published
    page = (out / "index.html").read_text("utf-8")
    assert 'href="../first.html#purpose"' in page
    assert 'href="../second.html#scope"' in page
    # Opinion 1 changed 'purpose': its row links to the 新旧対照表 A→B row.
    from build_tools.diff import compare_refs
    from build_tools.revisions import Project
    anchor = next(r.anchor for r in compare_refs(Project(repo.root), repo.a, repo.b).rows
                  if r.new_label == "purpose")
    assert f'href="../../diff/A-B/index.html#{anchor}"' in page
    row_html = page[page.index('id="opinion-1"'):]
    row_html = row_html[:row_html.index("</tr>")]
    assert "修正箇所" in row_html and anchor in row_html


def test_pdf_carries_the_csv(published):
    import pikepdf
    repo, out, _ = published
    with pikepdf.open(out / "comments-B.pdf") as pdf:
        files = pdf.attachments
        assert "comments-B.csv" in files
        data = files["comments-B.csv"].get_file().read_bytes()
    assert data == (out / "comments-B.csv").read_bytes()


def test_same_records_give_byte_identical_outputs(published, tmp_path):
    repo, out, _ = published
    again = tmp_path / "again"
    assert repo.policy("comments", "B", "--mask", "-o", str(again)) == 0
    for path in out.iterdir():
        assert (again / path.name).read_bytes() == path.read_bytes(), path.name
