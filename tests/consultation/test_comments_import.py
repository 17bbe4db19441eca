"""`policy comments import`: what staff really have (.xlsx, CSV in UTF-8 with
or without BOM, CP932) gives the same records; a bad file writes nothing."""
from __future__ import annotations

import csv
import datetime as dt
import io

import openpyxl
import pytest

from tests.consultation.helpers import HEADERS

# Staff's sheet: our columns in another order, plus personal-data columns
# and a column we do not import.
SHEET_HEADERS = ("番号", "氏名", "住所", "電話番号", "メールアドレス", "受付日", "提出方法",
                 "提出者番号", "該当箇所", "意見の概要", "市の考え方", "区分", "修正箇所",
                 "件数のみ掲載", "担当者メモ")
SHEET_ROWS = [
    (1, "茅ヶ崎 太郎", "茅ヶ崎市茅ヶ崎一丁目1番1号", "0467-82-1111", "taro@example.jp",
     dt.date(2019, 3, 2), "電子メール", 1, "purpose", "目的をもっと具体的に。\n二段落目です。",
     "ご意見を踏まえ、目的を修正しました。", "A", "purpose", None, "確認済み"),
    (2, "茅ヶ崎 太郎", "茅ヶ崎市茅ヶ崎一丁目1番1号", "0467-82-1111", "taro@example.jp",
     dt.date(2019, 3, 2), "電子メール", 1, "scope", "範囲は「市の全事業」で妥当。",
     "案のとおりとします。", "C", None, None, None),
    (3, "湘南 花子", "", "", "", dt.date(2019, 3, 20), "郵送", 2, None,
     "市の施設の修繕を早くしてほしい。", "担当課へ伝えました。", "D", None, "はい", None),
]


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.strftime("%Y/%m/%d")  # as Excel exports dates to CSV
    return str(value)


def write_xlsx(path, headers=SHEET_HEADERS, rows=SHEET_ROWS):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "意見一覧"
    sheet.append(list(headers))
    for r in rows:
        sheet.append(list(r))
    book.save(path)
    return path


def write_csv(path, encoding, headers=SHEET_HEADERS, rows=SHEET_ROWS):
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(headers)
    for r in rows:
        writer.writerow([_cell_text(v) for v in r])
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


FORMATS = {
    "xlsx": lambda p: write_xlsx(p.with_suffix(".xlsx")),
    "utf-8": lambda p: write_csv(p.with_suffix(".csv"), "utf-8"),
    "utf-8-bom": lambda p: write_csv(p.with_suffix(".csv"), "utf-8-sig"),
    "cp932": lambda p: write_csv(p.with_suffix(".csv"), "cp932"),
}


def test_every_format_gives_identical_records(repo, tmp_path, capsys):
    results = {}
    for name, make in FORMATS.items():
        source = make(tmp_path / f"staff-{name}")
        assert repo.policy("comments", "import", str(source), "--revision", "B") == 0
        results[name] = (repo.records / "opinions.csv").read_bytes()
        out = capsys.readouterr().out
        assert "意見: 3件（提出者 2名）" in out
        assert "個人情報の列として取り込まなかった列: 氏名、住所、電話番号、メールアドレス" in out
        assert "担当者メモ" in out
    assert len(set(results.values())) == 1, "the four formats gave different records"
    records = results["xlsx"].decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(records)))
    assert tuple(rows[0]) == HEADERS
    assert [r["受付日"] for r in rows] == ["2019-03-02", "2019-03-02", "2019-03-20"]
    assert rows[0]["意見の概要"] == "目的をもっと具体的に。\n二段落目です。"
    assert rows[2]["件数のみ掲載"] == "はい"
    for personal in ("茅ヶ崎 太郎", "湘南 花子", "0467-82-1111", "taro@example.jp", "一丁目"):
        assert personal not in records
    # The imported records pass the check against the text.
    assert repo.policy("comments", "B", "--check") == 0


def test_mapping_names_other_headers_and_categories(repo, tmp_path, capsys):
    headers = ("No.", "提出者", "日付", "方法", "箇所", "ご意見の要旨", "回答", "反映", "修正",
               "件数のみ", "備考")
    rows = [(1, 1, "平成31年3月2日", "電子メール", "scope", "範囲について。", "案のとおり。", "反映しない",
             "", "", "")]
    source = write_csv(tmp_path / "other.csv", "cp932", headers, rows)
    mapping = tmp_path / "map.toml"
    mapping.write_text(
        '[columns]\nnumber = "No."\nsubmitter = "提出者"\nreceived = "日付"\nmethod = "方法"\n'
        'section = "箇所"\nsummary = "ご意見の要旨"\nresponse = "回答"\ncategory = "反映"\n'
        'changed_section = "修正"\ncount_only = "件数のみ"\nnote = "備考"\n'
        '[categories]\n"反映しない" = "C"\n', encoding="utf-8")
    assert repo.policy("comments", "import", str(source), "-r", "B", "--mapping", str(mapping)) == 0
    assert "Shift_JIS" in capsys.readouterr().out
    rows = list(csv.DictReader(io.StringIO((repo.records / "opinions.csv").read_text("utf-8"))))
    assert rows[0]["区分"] == "C" and rows[0]["受付日"] == "2019-03-02"


BAD_CASES = {
    # name: (change to the sheet, (sheet row, column) named, words of the message)
    "missing column": (lambda h, r: (h[:11] + h[12:], [x[:11] + x[12:] for x in r]),
                       None, ["必要な列がありません", "「区分」"]),
    "unknown category": (lambda h, r: (h, [r[0], r[1][:11] + ("Z",) + r[1][12:], r[2]]),
                         (3, "区分"), ["'Z' は区分にありません"]),
    "duplicate number": (lambda h, r: (h, [r[0], r[1], (1,) + r[2][1:]]),
                         (4, "番号"), ["番号 1 が重複しています"]),
    "bad date": (lambda h, r: (h, [r[0][:5] + ("2019-02-30",) + r[0][6:], r[1], r[2]]),
                 (2, "受付日"), ["'2019-02-30' は日付ではありません"]),
    "date outside its era": (lambda h, r: (h, [r[0][:5] + ("令和元年4月1日",) + r[0][6:], r[1], r[2]]),
                             (2, "受付日"), ["令和元年4月1日 はありません（令和は 2019年5月1日〜）"]),
    "name as submitter": (lambda h, r: (h, [r[0][:7] + ("茅ヶ崎 太郎",) + r[0][8:], r[1], r[2]]),
                          (2, "提出者番号"), ["数字だけ"]),
}
# The first opinion's summary has two lines, so in the CSV text the later
# rows start one line further down than the row Excel shows.
CSV_LINE = {2: 2, 3: 4, 4: 5}
XLSX_LETTER = {"区分": "L", "番号": "A", "受付日": "F", "提出者番号": "H"}


@pytest.mark.parametrize("case", sorted(BAD_CASES))
@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_bad_file_is_refused_and_nothing_is_written(repo, tmp_path, capsys, case, kind):
    change, place, words = BAD_CASES[case]
    headers, rows = change(SHEET_HEADERS, [tuple(r) for r in SHEET_ROWS])
    before = (repo.records / "opinions.csv").read_bytes()
    if kind == "csv":
        source = write_csv(tmp_path / "bad.csv", "utf-8", headers, rows)
    else:
        source = write_xlsx(tmp_path / "bad.xlsx", headers, rows)
    assert repo.policy("comments", "import", str(source), "--revision", "B") == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    if place:
        row, column = place
        if kind == "csv":
            line = CSV_LINE[row]
            shown = f"（Excel では{row}行目）" if line != row else ""
            words = [f"bad.csv:{line}: {shown}列「{column}」: ", *words]
        else:
            words = [f"bad.xlsx:{row}: 列「{column}」（{XLSX_LETTER[column]}列）: ", *words]
    for word in words:
        assert word in err, err
    assert (repo.records / "opinions.csv").read_bytes() == before


def test_personal_data_in_opinion_text_is_refused_unless_masked(repo, tmp_path, capsys):
    rows = [tuple(r) for r in SHEET_ROWS]
    rows[1] = rows[1][:9] + ("詳しくは 0467-82-1111 か taro@example.jp へ。〒253-8686 "
                             "茅ヶ崎市茅ヶ崎一丁目1番1号に住んでいます。",) + rows[1][10:]
    source = write_xlsx(tmp_path / "personal.xlsx", rows=rows)
    before = (repo.records / "opinions.csv").read_bytes()
    assert repo.policy("comments", "import", str(source), "-r", "B") == 1
    err = capsys.readouterr().err
    for kind, text in (("電話番号", "0467-82-1111"), ("電子メールアドレス", "taro@example.jp"),
                       ("郵便番号", "〒253-8686"), ("住所", "茅ヶ崎市茅ヶ崎一丁目1番1号")):
        assert f"personal.xlsx:3: 番号 2 の意見の概要に{kind}「{text}」があります" in err
    assert "--mask" in err
    assert (repo.records / "opinions.csv").read_bytes() == before
    assert repo.policy("comments", "import", str(source), "-r", "B", "--mask") == 0
    records = (repo.records / "opinions.csv").read_text("utf-8")
    assert "［個人情報のため削除］" in records
    for text in ("0467-82-1111", "taro@example.jp", "253-8686", "一丁目1番1号"):
        assert text not in records


def test_unknown_file_type_and_missing_revision(repo, tmp_path, capsys):
    odd = tmp_path / "opinions.ods"
    odd.write_bytes(b"x")
    assert repo.policy("comments", "import", str(odd), "-r", "B") == 1
    assert ".xlsx 又は .csv" in capsys.readouterr().err
    source = write_csv(tmp_path / "ok.csv", "utf-8")
    assert repo.policy("comments", "import", str(source), "-r", "A") == 1
    assert "改訂版 A のパブリックコメントの記録がありません" in capsys.readouterr().err
    assert repo.policy("comments", "import", str(source)) == 1
    assert "--revision が必要です" in capsys.readouterr().err
