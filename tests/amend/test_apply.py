"""The applier on a small law: every operation kind, and the quote rule's
errors naming the provision (bad input never ends in a traceback)."""
from __future__ import annotations

import pytest

from build_tools.amend.apply import apply, find
from build_tools.amend.operations import (Add, Block, Delete, Insert, Remove, Renumber, Replace,
                                          Rewrite, SetHeading, Shift, address)
from build_tools.errors import PolicyError
from build_tools.provisions import Provision


def law() -> Provision:
    """第一条 (見出し 目的, one 項 with 号 一・二), 第二条 … 第五条 (one 項 each),
    第六条 (two 項; the second with a ただし書)."""
    root = Provision("文書", "", (), "見本法", statute=True)
    numbers = "一二三四五六"
    for n in range(1, 7):
        a = root.add(Provision("条", f"第{numbers[n - 1]}条", (n,), "目的" if n == 1 else "",
                               statute=True))
        p = a.add(Provision("項", "", (1,), "", [f"第{numbers[n - 1]}条の本文。市長は定める。"],
                            family="arabic", statute=True))
        if n == 1:
            for k in (1, 2):
                p.add(Provision("号", numbers[k - 1], (k,), "", [f"市長の事務{k}"], family="kanji",
                                statute=True))
        if n == 6:
            a.add(Provision("項", "２", (2,), "", ["前項の場合は市長が定める。ただし、市長は委ねることができる。"],
                            family="arabic", statute=True))
    return root


def art(n, *rest, scope=""):
    return address(("条", (n,)), *rest, scope=scope)


def text(root, *path):
    return find(root, list(path)).text[0]


def test_every_occurrence_in_the_scope_changes_and_nothing_outside():
    root = law()
    out = apply([Replace(art(1), "市長", "知事", 3)], root)
    assert text(out, ("条", (1,)), ("項", (1,))) == "第一条の本文。知事は定める。"
    assert text(out, ("条", (1,)), ("項", (1,)), ("号", (2,))) == "知事の事務2"
    assert text(out, ("条", (2,)), ("項", (1,))) == "第二条の本文。市長は定める。"
    assert text(root, ("条", (1,)), ("項", (1,))) == "第一条の本文。市長は定める。"  # old left as it is


def test_scopes_narrow_what_a_quote_hits():
    out = apply([Replace(art(1, scope="各号列記以外の部分"), "市長", "知事", 1),
                 Insert(art(6, ("項", (2,)), scope="ただし書"), "市長", "又は副市長", 1),
                 Delete(art(6, ("項", (2,)), scope="本文"), "の場合"),
                 SetHeading(art(1), "趣旨")], law())
    assert text(out, ("条", (1,)), ("項", (1,)), ("号", (1,))) == "市長の事務1"
    assert find(out, [("条", (1,))]).heading == "趣旨"
    assert text(out, ("条", (6,)), ("項", (2,))) == "前項は市長が定める。ただし、市長又は副市長は委ねることができる。"


def test_provisions_added_removed_renumbered_and_rewritten():
    new_item = Block("号", "三", (3,), text=("市長の事務3",))
    out = apply([Add(art(1, ("号", (2,))), (new_item,), "after"),
                 Remove(art(3), art(4)),
                 Renumber(art(5), art(3)),
                 Shift(art(6), art(6), -2),
                 Rewrite(art(2), (Block("条", "第二条", (2,), "定義", (),
                                        (Block("項", "", (1,), text=("新しい本文。",)),)),)),
                 Remove(art(6, ("項", (2,)), scope="ただし書"))], law())
    assert [a.number for a in out.children] == ["第一条", "第二条", "第三条", "第四条"]
    assert [c.number for c in find(out, [("条", (1,))]).children[0].children] == ["一", "二", "三"]
    assert find(out, [("条", (2,))]).heading == "定義"
    # numbers refer to the numbering before: 第六条 is found after 第五条 became 第三条
    assert text(out, ("条", (4,)), ("項", (2,))) == "前項の場合は市長が定める。"


@pytest.mark.parametrize("op,words", [
    (Replace(art(2), "知事", "市長"), ["第二条", "「知事」が見つかりません"]),
    (Replace(art(1), "市長", "知事", 1), ["第一条", "3か所", "1か所"]),
    (Delete(art(9), "市長"), ["第九条", "改正前の本文にこの規定がありません"]),
    (Replace(art(2, scope="ただし書"), "市長", "知事"), ["第二条", "ただし書がありません"]),
])
def test_an_instruction_that_does_not_fit_names_the_provision(op, words):
    with pytest.raises(PolicyError) as caught:
        apply([op], law())
    message = str(caught.value)
    assert all(w in message for w in words) and "対処:" in message


def test_a_provision_already_removed_cannot_be_amended():
    with pytest.raises(PolicyError, match="第三条: この規定は既に削られています"):
        apply([Remove(art(3)), Replace(art(3), "市長", "知事")], law())
