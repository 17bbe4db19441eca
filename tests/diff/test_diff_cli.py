"""`policy diff` as a user runs it: outputs, messages, exit codes."""
from __future__ import annotations

import shutil
import subprocess

import pytest

from build_tools.cli import main

from .conftest import ROOT


def run(capsys, *args):
    code = main(["--repo", str(ROOT), "diff", *args])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def test_text_view(capsys):
    code, out, err = run(capsys, "H29", "R5", "--format", "text")
    assert code == 0
    assert "改正後：令和5年4月改訂" in out and "（傍線部分は改正部分）" in out
    assert "【＋行政、市民、民間団体、民間事業者等の多様な主体が" in out
    assert "【－市と民間が相互に連携して市民サービスを提供する】" in out
    assert "（削る）" in out


def test_identical_inputs_say_no_differences(capsys, tmp_path):
    code, out, err = run(capsys, "R5", "R5", "-o", str(tmp_path))
    assert code == 0 and "差異はありません" in out
    assert not any(tmp_path.iterdir())


def test_draft_file_against_a_revision(capsys, tmp_path):
    draft = tmp_path / "draft"
    shutil.copytree(ROOT / "source", draft)
    text = (draft / "organization.rst").read_text(encoding="utf-8")
    (draft / "organization.rst").write_text(text.replace("総合調整", "全体調整"), encoding="utf-8")
    code, out, err = run(capsys, "R5", str(draft), "-f", "text")
    assert code == 0
    assert "［改正案］" in out and "［現行］" in out           # a draft's headers
    # the changed word of the compound 総合調整 → 全体調整, not the compound
    assert "【＋全体】調整" in out and "【－総合】調整" in out


@pytest.mark.parametrize("args, expected", [
    (("H24", "H99"), "改訂版・git の参照・ファイルのいずれでもありません"),
    (("H24", "no/such/folder"), "がありません"),
    (("H24", "missing.rst"), "がありません"),
])
def test_bad_input_is_a_clear_error(capsys, args, expected):
    code, out, err = run(capsys, *args, "-f", "text")
    assert code == 1
    assert err.startswith("エラー:") and expected in err and "対処:" in err


def test_rst_with_errors_names_file_and_line(capsys, tmp_path):
    bad = tmp_path / "bad.rst"
    bad.write_text("題名\n====\n\n.. no-such-directive::\n\n本文\n", encoding="utf-8")
    code, out, err = run(capsys, "R5", str(bad), "-f", "text")
    assert code == 1
    assert "bad.rst:4:" in err and "RST の書き方に誤りがあります" in err


def test_unknown_format(capsys):
    code, out, err = run(capsys, "H24", "H29", "-f", "odt")
    assert code == 1 and "形式" in err


def test_writes_html_and_registered_formats(capsys, tmp_path):
    code, out, err = run(capsys, "H24", "H29", "-o", str(tmp_path), "-f", "html,pdf")
    assert code == 0
    html = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert 'comparison-table' in html and "<ins" in html and "<del" in html
    assert 'id="cmp-definition"' in html
    pdf = tmp_path / "comparison-H24-H29.pdf"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "改正後" in text and "改正前" in text and "（傍線部分は改正部分）" in text
    # the new column is on the left: on the header line 改正後 comes first
    header = next(line for line in text.splitlines() if "改正後" in line and "改正前" in line)
    assert header.index("改正後") < header.index("改正前")
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    assert "IPAex" in fonts and " no " not in fonts.split("\n", 2)[2]
    # H24's 策定の経過, compared as a table taller than a page, leaves no page
    # without the comparison's header row.
    from build_tools.diff.check import check_pdf
    assert check_pdf(pdf, ("改正後", "改正前")) == []


def test_site_comparison_page(project, tmp_path):
    from build_tools.diff.publish import write_site_comparison
    dest = tmp_path / "diff" / "H29-R5"
    written = write_site_comparison(project, "H29", "R5", dest, formats=("html",))
    html = (dest / "index.html").read_text(encoding="utf-8")
    assert written == [dest / "index.html"]
    assert 'href="../../assets/policy.css"' in html
    assert 'id="cmp-definition"' in html and "（削る）" in html


def test_two_egov_xml_files_compare_directly(capsys):
    """Statutes are first-class inputs: two e-Gov 法令XML files, read on the fly."""
    from build_tools.egov import CORPUS
    old, new = sorted((CORPUS / "p1_genshiryoku_kihon").glob("*.xml"))
    code, out, err = run(capsys, str(old), str(new), "-f", "text")
    assert code == 0, err
    assert "改正後" in out and "改正前" in out and "改正案" not in out
    assert "第一条" in out and "【＋" in out
