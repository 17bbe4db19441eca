"""`policy apply --parse` and the bad input of `policy apply`: a JSON object per
instruction sentence, a non-zero exit for an unreadable one, and one clear
message (file, line, 対処) for a file that is not a 改め文."""
from __future__ import annotations

import json
from pathlib import Path

from build_tools.cli import main

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "amendments"


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_parse_lists_each_sentence_with_its_operations_and_the_rendered_sentence(capsys):
    code, out, _ = run(capsys, "apply", "--parse", str(CORPUS / "r5-52-art1-ryokan/amendment.txt"),
                       "-f", "json")
    assert code == 0
    items = json.loads(out)
    assert len(items) == 10 and all(list(i) == ["sentence", "operations", "rendered", "line"] for i in items)
    last = items[-1]
    assert last["sentence"] == "第十一条第一号中「第五条」を「第五条第一項」に改める。"
    assert last["operations"] == [{"op": "replace", "target": {"path": [["条", [11]], ["号", [1]]]},
                                   "old": "第五条", "new": "第五条第一項", "count": None}]
    assert last["rendered"] == last["sentence"]


def test_parse_exits_non_zero_and_says_why_a_sentence_cannot_be_read(capsys, tmp_path):
    text = tmp_path / "amend.txt"
    text.write_text("北九州市例規（平成１２年北九州市規則第３６号）の一部を次のように改正する。\n"
                    "第６条中「第６８条」を「第６７条の２」に改める。\n"
                    "第７条中「市長を「市長等」に改める。\n", encoding="utf-8")
    code, out, _ = run(capsys, "apply", "--parse", str(text), "-f", "json")
    items = json.loads(out)
    assert code == 1
    assert items[0]["rendered"] == "第６条中「第６８条」を「第６７条の２」に改める。"
    assert "operations" not in items[1] and items[1]["error"] and items[1]["line"] == 3
    code, out, _ = run(capsys, "apply", "--parse", str(text))
    assert code == 1 and f"× {text}:3:" in out and "読めません" in out


def test_bad_input_is_one_message_with_what_to_do(capsys, tmp_path):
    binary = tmp_path / "a.txt"
    binary.write_bytes(b"\xff\xfe\x00\x81")
    missing = tmp_path / "missing.txt"
    good = CORPUS / "r3-37-art58-tokuso/amendment.txt"
    for argv, words in [
        (["apply", str(missing), "old.xml"], "ありません"),
        (["apply", str(binary), "old.xml"], "UTF-8"),
        (["apply", str(tmp_path), "old.xml"], "フォルダ"),
        (["apply", str(good)], "OLD"),
        (["apply", "--parse", str(good), "old.xml"], "--parse"),
    ]:
        code, _, err = run(capsys, *argv)
        assert code == 1 and words in err and "対処:" in err and "Traceback" not in err, (argv, err)


def test_an_unreadable_sentence_stops_apply_before_reading_old(capsys, tmp_path):
    text = tmp_path / "amend.txt"
    text.write_text("第５条中「市長」を「市長等」にする。\n", encoding="utf-8")
    code, _, err = run(capsys, "apply", str(text), str(tmp_path / "never-read.xml"))
    assert code == 1 and f"{text}:1:" in err and "対処:" in err


def test_our_own_amendment_as_text_reads_back_and_applies_to_the_new_revision(capsys, tmp_path):
    """`policy amend H29 R5 -f text` (例規 style, the policy's own numbering
    「2の(1)中」, sections written out) read by the parser and applied gives R5."""
    root = Path(__file__).resolve().parents[2]
    assert main(["--repo", str(root), "amend", "H29", "R5", "-f", "text"]) == 0
    text = tmp_path / "h29-r5.txt"
    text.write_text(capsys.readouterr().out, encoding="utf-8")
    code, out, err = run(capsys, "--repo", str(root), "apply", "--parse", str(text))
    assert code == 0 and "2の(1)中" in out and "×" not in out, out + err
    code, out, err = run(capsys, "--repo", str(root), "apply", str(text), "H29", "--expect", "R5")
    assert code == 0 and "改正後と一致しました" in out, err
