"""ハネ改正: a reference kept from the old text that now means another
provision is named, with both provisions — on real amendments whose official
fix is taken out again."""
from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.amend.amendment import amendment
from build_tools.amend.apply import find
from build_tools.amend.hane import check
from build_tools.read import read
from build_tools.revisions import Project

CORPUS = Path(__file__).resolve().parents[2] / "tests/corpus/amendments"


def _result(name):
    project = Project(CORPUS.parents[2])
    return amendment(read(project, str(CORPUS / name / "old.xml")),
                     read(project, str(CORPUS / name / "new.xml")))


def _unfix(result, path):
    """Put the old words back into the new text at `path` (the fix undone)."""
    find(result.new, path).text = list(find(result.old, path).text)


def test_the_ryokan_fix_is_what_the_check_asks_for():
    result = _result("r5-52-art1-ryokan")
    assert not any("第十一条第一号" in w for w in check(result.old, result.new, result.pairs))
    _unfix(result, [("条", (11,)), ("号", (1,))])
    found = [w for w in check(result.old, result.new, result.pairs) if "第十一条第一号" in w]
    assert len(found) == 1
    assert "「第五条」" in found[0] and "第五条第一項" in found[0]


def test_a_paragraph_that_moved_keeps_pointing_at_its_old_neighbour():
    """借地借家法 第三十八条: old 第三項 became 第五項; its 「前項」 was amended to
    「第三項」 — without that, 「前項」 would mean the new 第四項."""
    result = _result("r3-37-art35-shakuchi")
    new_fifth = find(result.new, [("条", (38,)), ("項", (5,))])
    old_third = find(result.old, [("条", (38,)), ("項", (3,))])
    new_fifth.text = list(old_third.text)
    found = [w for w in check(result.old, result.new, result.pairs) if "「前項」" in w]
    assert found and "第三十八条第五項" in found[0] and "第三十八条第四項" in found[0]


@pytest.mark.parametrize("ref", ["前条", "第二条"])
def test_unchanged_references_to_unmoved_provisions_say_nothing(ref):
    from build_tools.provisions import Provision
    def law(*articles):
        root = Provision("文書", "", (), "法", statute=True)
        for n, text in articles:
            a = root.add(Provision("条", f"第{n}条", (len(root.children) + 1,), "", statute=True))
            a.add(Provision("項", "", (1,), "", [text], statute=True))
        return root
    old = law(("一", "甲。"), ("二", "乙。"), ("三", f"{ref}の規定。"))
    new = law(("一", "甲。"), ("二", "乙乙。"), ("三", f"{ref}の規定。"))
    pairs = {id(a): b for a, b in zip(old.walk(), new.walk())}
    assert check(old, new, pairs) == []
