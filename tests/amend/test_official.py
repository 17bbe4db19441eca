"""The oracle on real amendments: each official 改め文 in tests/corpus/amendments/,
read by our parser and applied by our applier to the e-Gov text before it,
gives the e-Gov text after it provision by provision (題名, 本則, the law's
own 附則; the amending laws' 附則 e-Gov appends are not compared)."""
from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.amend.apply import apply
from build_tools.amend.contents import contents_mismatch, contents_of
from build_tools.amend.operations import Append, address
from build_tools.amend.oracle import apply_text, first_mismatch, rst_of
from build_tools.amend.parse import parse
from build_tools.cli import main
from build_tools.errors import PolicyError
from build_tools.provisions import Provision, provisions_of
from build_tools.read import read, read_path
from build_tools.revisions import Project

ROOT = Path(__file__).resolve().parents[2]
CASES = sorted(p for p in (ROOT / "tests/corpus/amendments").iterdir() if p.is_dir())
REPRODUCED_FLOOR = 7      # cases whose official 改め文 gives NEW exactly (of 7)


@pytest.fixture(scope="module")
def trees():
    project = Project(ROOT)  # its read cache is shared with the generator's tests
    return {case.name: (provisions_of(read(project, str(case / "old.xml"))),
                        provisions_of(read(project, str(case / "new.xml")))) for case in CASES}


def test_official_amendments_applied_reproduce_the_new_text(trees):
    reproduced = []
    for case in CASES:
        old, new = trees[case.name]
        parsed = parse((case / "amendment.txt").read_text(encoding="utf-8"))
        assert not parsed.errors, case.name
        result = apply_text(parsed, old, case.name)
        if first_mismatch(result, new) is None:
            reproduced.append(case.name)
        assert first_mismatch(old, new) is not None  # the comparison can fail
    assert len(reproduced) >= REPRODUCED_FLOOR, reproduced


def test_the_result_as_rst_reads_back_to_the_same_provisions(trees, tmp_path):
    case = ROOT / "tests/corpus/amendments/r5-52-art1-ryokan"
    old, new = trees[case.name]
    result = apply_text(parse((case / "amendment.txt").read_text(encoding="utf-8")), old, case.name)
    path = tmp_path / "result.rst"
    path.write_text(rst_of(result), encoding="utf-8")
    assert first_mismatch(provisions_of(read_path(path)), new) is None


def test_a_wrong_amendment_names_the_sentence_and_the_first_provision_that_differs(trees):
    case = ROOT / "tests/corpus/amendments/r5-63-art7-kobutsu"
    old, new = trees[case.name]
    text = (case / "amendment.txt").read_text(encoding="utf-8")
    wrong = parse(text.replace("を加える。\n", "を加える。\n　　第十二条第二項中「国家公安委員会」を「内閣」に改める。\n", 1))
    with pytest.raises(PolicyError, match="国家公安委員会"):  # not in 第十二条第二項: the quote rule
        apply_text(wrong, old, "wrong.txt")
    fewer = parse(text.split("　　第十二条")[0])
    mismatch = first_mismatch(apply_text(fewer, old, "fewer.txt"), new)
    assert mismatch.startswith("第十二条第二項: 本文が異なります")


def test_an_appended_proviso_goes_at_the_end_of_the_provisions_own_text():
    root = Provision("文書", "", (), "例規", statute=True)
    article = root.add(Provision("条", "第四条", (4,), "", statute=True))
    paragraph = article.add(Provision("項", "", (1,), "", ["市長は、許可する。"], statute=True))
    paragraph.add(Provision("号", "一", (1,), "", ["申請者"], statute=True))
    result = apply([Append(address(("条", (4,)), ("項", (1,))), "ただし、この限りでない。")], root)
    assert result.children[0].children[0].text == ["市長は、許可する。ただし、この限りでない。"]
    assert paragraph.text == ["市長は、許可する。"]  # the old tree is left as it was


def test_the_statutes_contents_are_amended_and_compared_too():
    case = ROOT / "tests/corpus/amendments/r7-47-art2-hisai"
    old, new = str(case / "old.xml"), str(case / "new.xml")
    assert contents_of(old) != contents_of(new)
    text = (case / "amendment.txt").read_text(encoding="utf-8")
    assert contents_mismatch(parse(text), old, new) is None
    without = parse("\n".join(line for line in text.splitlines() if not line.strip().startswith("目次中")))
    assert contents_mismatch(without, old, new).startswith("目次が異なります")
    with pytest.raises(PolicyError, match="目次に「第八十条」がありません"):
        contents_mismatch(parse("目次中「第八十条」を「第八十一条」に改める。"), old, new)


def test_policy_apply_writes_the_result_and_checks_it_against_new(capsys, tmp_path):
    case = ROOT / "tests/corpus/amendments/r3-37-art58-tokuso"
    out = tmp_path / "result.rst"
    argv = ["--repo", str(ROOT), "apply", str(case / "amendment.txt"), str(case / "old.xml"), "-o", str(out)]
    assert main(argv + ["--expect", str(case / "new.xml")]) == 0
    assert "改正後と一致しました: 1 文・1 の改正操作" in capsys.readouterr().out
    assert "４　第一項の定めがある借地権の設定を目的とする契約が" in out.read_text(encoding="utf-8")
    assert main(argv + ["--expect", str(case / "old.xml")]) == 1
    assert "改正後と一致しません: 第七条第四項: 改正後にない規定が適用結果にあります" in capsys.readouterr().err
