"""`policy lint` as an editor uses it: the bundled texts, --fix, the
reports, an e-Gov law, and bad input that names its file and line."""
from __future__ import annotations

import json
import re

import pytest

from build_tools.cli import main
from build_tools.errors import PolicyError
from build_tools.lint.settings import load_settings
from build_tools.revisions import Project

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

P1 = ROOT / "tests/corpus/egov-laws/p1_genshiryoku_kihon/330AC1000000186_20230607_505AC0000000044.xml"
H24_EXPECTED = {  # the seed's own defects, and nothing else
    ("H24:source/definition.rst", 3, 2, "KY-MIDASHI"),     # 1.公民連携とは
    ("H24:source/purpose.rst", 3, 2, "KY-MIDASHI"),
    ("H24:source/necessity.rst", 3, 2, "KY-MIDASHI"),
    ("H24:source/background.rst", 3, 2, "KY-MIDASHI"),
    ("H24:source/intent.rst", 3, 2, "KY-MIDASHI"),
    ("H24:source/history.rst", 3, 2, "KY-MIDASHI"),
    ("H24:source/definition.rst", 6, 83, "KY-SETSUZOKU-KANJI"),   # 全部または一部
    ("H24:source/necessity.rst", 6, 45, "KY-SETSUZOKU-KANJI"),    # 同等、もしくはそれ以上
}


def _json(capsys, *argv):
    code = main(["--repo", str(ROOT), "lint", "--format", "json", *map(str, argv)])
    return code, json.loads(capsys.readouterr().out)


def test_the_working_tree_has_no_error(capsys):
    """`make test` lints the project's own source/: no finding at error level."""
    code, findings = _json(capsys)
    assert code == 0, findings
    assert not [f for f in findings if f["level"] == "error"]


def test_h24_heading_format_found_and_nothing_else_adopted_so_not_failed(capsys):
    code, findings = _json(capsys, "--revision", "H24")
    assert {(f["file"], f["line"], f["column"], f["rule"]) for f in findings} == H24_EXPECTED
    assert code == 0                       # an adopted revision is history: reported only
    first = next(f for f in findings if f["file"].endswith("definition.rst"))
    assert "考え方 Ⅲ-2" in first["message"] and "「.」" in first["suggestion"]


def test_fix_on_a_copy_changes_only_what_it_reports(capsys, tmp_path):
    project = Project(ROOT)
    rev = project.revision("H24")
    src = project.export_source(rev.commit, tmp_path / "source", revision=rev)
    before = {p.name: p.read_text(encoding="utf-8") for p in src.glob("*.rst")}
    assert main(["lint", "--fix", str(src)]) == 0
    out = capsys.readouterr().out
    reported = re.findall(r"^.*?([\w-]+\.rst):(\d+):(\d+): [\w-]+: 「(.*?)」→「(.*?)」$", out, re.M)
    assert len(reported) == 8
    expected = {name: text.split("\n") for name, text in before.items()}
    for name, line, column, old, new in sorted(reported, key=lambda r: -int(r[2])):
        row = expected[name][int(line) - 1]
        start = int(column) - 1
        assert row[start:start + len(old)] == old
        expected[name][int(line) - 1] = row[:start] + new + row[start + len(old):]
    for name, text in before.items():
        after = (src / name).read_text(encoding="utf-8").split("\n")
        wanted = expected[name]
        # Beyond the reported rewrites only a title's underline may grow.
        assert [a for a, w in zip(after, wanted) if a != w and not set(a) <= {"="}] == []
    assert "1　公民連携とは" in (src / "definition.rst").read_text(encoding="utf-8")
    # The fixed copy reads as valid RST and has nothing left to fix.
    assert main(["lint", "--format", "json", str(src)]) == 0
    left = json.loads(capsys.readouterr().out)
    assert not [f for f in left if f["fixable"]]


def test_sarif_for_code_review_tools(capsys):
    main(["--repo", str(ROOT), "lint", "--format", "sarif", "--revision", "H24"])
    sarif = json.loads(capsys.readouterr().out)
    assert sarif["version"] == "2.1.0"
    results = sarif["runs"][0]["results"]
    assert len(results) == len(H24_EXPECTED)
    location = results[0]["locations"][0]
    assert location["physicalLocation"]["artifactLocation"]["uri"] == "source/definition.rst"
    assert location["properties"] == {"revision": "H24"}
    region = location["physicalLocation"]["region"]
    assert region["startLine"] == 3 and region["startColumn"] == 2
    assert {r["id"] for r in sarif["runs"][0]["tool"]["driver"]["rules"]} == \
        {"KY-MIDASHI", "KY-SETSUZOKU-KANJI"}


def test_an_egov_law_is_reported_by_its_xml_file_line_and_provision(capsys, tmp_path):
    raw = P1.read_text(encoding="utf-8")
    copy = tmp_path / "law.xml"
    copy.write_text(raw.replace("研究、開発及び利用", "研究、開発および利用", 1), encoding="utf-8")
    assert main(["lint", "--profile", "法令", str(P1)]) == 0      # the law as enacted
    capsys.readouterr()
    code = main(["lint", "--profile", "法令", "--format", "json", str(copy)])
    findings = json.loads(capsys.readouterr().out)
    assert code == 1
    [finding] = findings
    assert finding["rule"] == "KY-SETSUZOKU-KANJI" and finding["file"].endswith("law.xml")
    assert finding["provision"].startswith("第") and finding["provision"].endswith("条")
    line = copy.read_text(encoding="utf-8").split("\n")[finding["line"] - 1]
    assert line[finding["column"] - 1:].startswith("および")


def test_a_chapter_that_is_not_utf8_is_named_with_its_line(capsys, tmp_path):
    (tmp_path / "index.rst").write_text("題名\n====\n\n.. toctree::\n\n   chapter\n", encoding="utf-8")
    (tmp_path / "chapter.rst").write_bytes("章\n==\n\n".encode() + "本文です。".encode("cp932"))
    assert main(["lint", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "chapter.rst:4:" in err and "UTF-8" in err and "対処" in err


def test_an_unknown_rule_in_a_disable_comment_is_named_with_its_line(capsys, tmp_path):
    (tmp_path / "index.rst").write_text(
        "題名\n====\n\n.. lint: disable=KY-NOSUCH\n\n本文です。\n", encoding="utf-8")
    assert main(["lint", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "index.rst:4:" in err and "KY-NOSUCH" in err and "対処" in err


def test_an_unknown_rule_in_lint_toml_is_named_with_its_line(tmp_path):
    (tmp_path / "revisions").mkdir()
    (tmp_path / "revisions/lint.toml").write_text(
        '[lint]\nprofile = "告示・通知"\ndisable = ["KY-TOKI", "KY-NOSUCH"]\n', encoding="utf-8")
    with pytest.raises(PolicyError) as caught:
        load_settings(tmp_path)
    assert (caught.value.file, caught.value.line) == ("revisions/lint.toml", 3)
    assert "KY-NOSUCH" in str(caught.value)
    (tmp_path / "revisions/lint.toml").write_text('[lint]\nprofile = "広報"\n', encoding="utf-8")
    with pytest.raises(PolicyError) as caught:
        load_settings(tmp_path)
    assert caught.value.line == 2 and "解説・広報" in str(caught.value)
