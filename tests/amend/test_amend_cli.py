"""`policy amend` as a user runs it: the text layout, the 全部改正, a page,
the refusal to write a 改め文 that does not reproduce NEW, bad input."""
from __future__ import annotations

from pathlib import Path

from build_tools.cli import main

ROOT = Path(__file__).resolve().parents[2]
RYOKAN = ROOT / "tests/corpus/amendments/r5-52-art1-ryokan"


def run(capsys, *args):
    code = main(["--repo", str(ROOT), "amend", *args])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def test_text_in_the_layout_of_an_amending_text(capsys):
    code, out, err = run(capsys, "H29", "R5", "-f", "text")
    assert code == 0
    lines = out.splitlines()
    assert "公民連携推進のための基本的な考え方（平成29年1月改訂）の一部を次のように改正する。" in lines
    assert "　　5中「行政改革大綱」を「行財政経営改善戦略」に改める。" in lines
    assert lines[-2:] == ["　　　附　則", "この改訂は、令和5年4月から施行する。"]


def test_a_statute_in_horei_style_with_its_added_provisions(capsys):
    code, out, err = run(capsys, str(RYOKAN / "old.xml"), str(RYOKAN / "new.xml"), "-f", "text")
    assert code == 0
    lines = out.splitlines()
    assert "旅館業法（昭和二十三年法律第百三十八号）の一部を次のように改正する。" in lines
    at = lines.index("　　第四条の次に次の一条を加える。")
    assert lines[at + 1].startswith("　第四条の二　営業者は、宿泊しようとする者に対し")
    assert lines[at + 2].startswith("　　一　特定感染症の症状を呈している者")
    assert lines[at + 3].startswith("　　　イ　")


def test_the_restructured_revision_is_a_whole_revision(capsys):
    code, out, err = run(capsys, "H24", "H29", "-f", "text")
    assert code == 0
    assert "全部改正" in out and "（平成24年2月策定）の全部を次のように改正する。" in out


def test_a_page_is_written_and_nothing_when_it_would_not_reproduce_new(capsys, tmp_path,
                                                                       monkeypatch):
    code, out, err = run(capsys, str(RYOKAN / "old.xml"), str(RYOKAN / "new.xml"),
                         "-f", "html", "-o", str(tmp_path / "ok"))
    assert code == 0 and "一致することを確認済み" in out
    page = (tmp_path / "ok" / "index.html").read_text(encoding="utf-8")
    assert "第十一条第一号中「第五条」を「第五条第一項」に改める。" in page
    from build_tools.amend import amendment as module
    real = module.sentences
    monkeypatch.setattr(module, "sentences", lambda events: real(events)[:-1])
    code, out, err = run(capsys, str(RYOKAN / "old.xml"), str(RYOKAN / "new.xml"),
                         "-f", "html", "-o", str(tmp_path / "bad"))
    assert code == 1 and "第十一条第一号" in err and "一致しません" in err
    assert not (tmp_path / "bad").exists()


def test_bad_input_is_one_message(capsys):
    code, out, err = run(capsys, "H29", "R5", "--whole-threshold", "2", "-f", "text")
    assert code == 1 and "対処:" in err
    code, out, err = run(capsys, "H29", "R5", "-f", "text,html")
    assert code == 1 and "対処:" in err
    code, out, err = run(capsys, "H29", "R9", "-f", "text")
    assert code == 1 and "R9" in err


def test_the_site_has_each_pairs_amendment_linked_from_the_history(bundled_site):
    history = (bundled_site / "history.html").read_text(encoding="utf-8")
    assert 'href="amend/H29-R5/index.html">改め文（平成29年1月改訂版の一部改正）' in history
    assert 'href="amend/H24-H29/index.html">改め文（平成24年2月策定版の全部改正）' in history
    whole = (bundled_site / "amend/H24-H29/index.html").read_text(encoding="utf-8")
    assert "一部改正ではなく全部改正としています" in whole
    part = (bundled_site / "amend/H29-R5/index.html").read_text(encoding="utf-8")
    assert "5中「行政改革大綱」を「行財政経営改善戦略」に改める。" in part
    # Ours, not the city's; and no pointer to 【再構成】 marks this page does not carry.
    assert "本プロジェクトのツールが作成したもので、市が定めたもの・公表したものではありません" in part
    assert "令和5年4月改訂の本文は本プロジェクトによる再構成で" in part
    assert "を付けた段落" not in part
    for name in ("amendment-H29-R5.pdf", "amendment-H29-R5.docx"):
        assert (bundled_site / "amend/H29-R5" / name).stat().st_size > 1000
    # The page links its PDF and Word files under its title, as the 新旧対照表 does.
    for page, files in (("amend/H29-R5", ("amendment-H29-R5.pdf", "amendment-H29-R5.docx")),
                        ("diff/H29-R5", ("comparison-H29-R5.pdf", "comparison-H29-R5.docx"))):
        html = (bundled_site / page / "index.html").read_text(encoding="utf-8")
        title_end, links = html.index("</h1>"), html.index('<p class="editions">ほかの形式')
        assert title_end < links < title_end + 40, page
        for name in files:
            assert f'<a href="{name}">' in html[links:], (page, name)
