"""The operations of a 改め文: their JSON form, and the sentences the renderer
writes for them, checked against official 改め文 (tests/corpus/amendments/)."""
from __future__ import annotations

import json

import pytest

from build_tools.amend.operations import (Add, Address, Block, Delete, Insert, Operation, Remove,
                                          Renumber, Replace, Rewrite, SetHeading, Shift, address)
from build_tools.amend.render import HOREI, REIKI, render


def art(n, *rest, scope=""):
    key = n if isinstance(n, tuple) else (n,)
    return address(("条", key), *rest, scope=scope)


ALL = [
    Replace(art(5, ("号", (1,))), "左の各号の一", "次の各号のいずれか", 1),
    Delete(art(17, ("項", (2,))), "、第二百五条第二項", None),
    Insert(art(42, ("項", (1,))), "第四十条", "、第四十二条の二", 1),
    Rewrite(art(2), (Block("条", "第二条", (2,), "特例", ("本文。",),
                           (Block("項", "２", (2,), text=("後。",)),)),), art(3)),
    Add(art(22), (Block("項", "２", (2,), text=("前項の…",)),), "end"),
    Remove(art(4), art(6)),
    Remove(art(17, ("項", (2,)), scope="後段")),
    Renumber(art((3, 4)), art((3, 5))),
    Shift(art(38, ("項", (4,))), art(38, ("項", (6,))), 2),
    SetHeading(art(26), "非電磁的事件記録の閲覧等"),
    Replace(address(("目次", ())), "第六十条", "第六十一条"),
    Replace(address(("", (2,)), ("", (1,)), numbers=("2", "(1)")), "A", "B", 2),
]


@pytest.mark.parametrize("op", ALL, ids=lambda op: op.op)
def test_every_operation_survives_its_json_form(op):
    text = json.dumps(op.to_json(), ensure_ascii=False)
    back = Operation.from_json(json.loads(text))
    assert back == op and type(back) is type(op)
    assert back.target.numbers == op.target.numbers


def test_bad_json_and_bad_values_are_refused():
    with pytest.raises(ValueError):
        Operation.from_json({"op": "explode", "target": {"path": []}})
    with pytest.raises(ValueError):
        Address((("条", (1,)),), "まえがき")
    with pytest.raises(ValueError):
        Add(art(1), (), "beside")


def test_addresses_are_values():
    a = art(5, ("項", (2,)))
    assert a.kind == "項" and a.key == (2,) and a.parent() == art(5)
    assert a.within("ただし書").whole() == a and {a, art(5, ("項", (2,)))} == {a}


# Official sentences (tests/corpus/amendments/*/amendment.txt) and the operations they say.
OFFICIAL = [
    ("第三条の四を第三条の五とし、第三条の三を第三条の四とする。",
     [Renumber(art((3, 4)), art((3, 5))), Renumber(art((3, 3)), art((3, 4)))]),
    ("第五条中「左の各号の一」を「次の各号のいずれか」に改め、同条第一号中「伝染性の疾病にかかつていると"
     "明らかに認められる」を「特定感染症の患者等である」に改め、同条第二号中「とばく、」を「賭博」に、"
     "「虞」を「おそれ」に改め、同条第三号を同条第四号とし、同条第二号の次に次の一号を加える。",
     [Replace(art(5), "左の各号の一", "次の各号のいずれか"),
      Replace(art(5, ("号", (1,))), "伝染性の疾病にかかつていると明らかに認められる", "特定感染症の患者等である"),
      Replace(art(5, ("号", (2,))), "とばく、", "賭博"), Replace(art(5, ("号", (2,))), "虞", "おそれ"),
      Renumber(art(5, ("号", (3,))), art(5, ("号", (4,)))),
      Add(art(5, ("号", (2,))), (Block("号", "三", (3,), text=("…",)),), "after")]),
    ("第十七条第二項中「、第二項及び第三項」を「及び第二項」に改め、「、第二百五条第二項」、「、第二百十五条第二項」、"
     "「、第二百二十七条第二項」及び「、第二百三十二条の二」を削り、同項後段を削る。",
     [Replace(art(17, ("項", (2,))), "、第二項及び第三項", "及び第二項")]
     + [Delete(art(17, ("項", (2,))), t) for t in ("、第二百五条第二項", "、第二百十五条第二項",
                                                 "、第二百二十七条第二項", "、第二百三十二条の二")]
     + [Remove(art(17, ("項", (2,)), scope="後段"))]),
    ("第三十八条中第七項を第九項とし、第四項から第六項までを二項ずつ繰り下げ、同条第三項中「前項」を「第三項」に改め、"
     "同項を同条第五項とし、同条第二項中「前項」を「第一項」に改め、同項を同条第三項とし、同項の次に次の一項を加える。",
     [Renumber(art(38, ("項", (7,))), art(38, ("項", (9,)))),
      Shift(art(38, ("項", (4,))), art(38, ("項", (6,))), 2),
      Replace(art(38, ("項", (3,))), "前項", "第三項"),
      Renumber(art(38, ("項", (3,))), art(38, ("項", (5,)))),
      Replace(art(38, ("項", (2,))), "前項", "第一項"),
      Renumber(art(38, ("項", (2,))), art(38, ("項", (3,)))),
      Add(art(38, ("項", (2,))), (Block("項", "４", (4,)),), "after")]),
    ("第二十六条の見出しを「（非電磁的事件記録の閲覧等）」に改める。",
     [SetHeading(art(26), "非電磁的事件記録の閲覧等")]),
    ("第四条から第六条までを削る。", [Remove(art(4), art(6))]),
    ("第二条及び第三条を次のように改める。", [Rewrite(art(2), (), art(3))]),
    ("第二章の章名中「の全部」を削る。", [Delete(address(("章", (2,)), scope="見出し"), "の全部")]),
    ("第四十二条第一項中「第四十条」の下に「、第四十二条の二」を加える。",
     [Insert(art(42, ("項", (1,))), "第四十条", "、第四十二条の二")]),
    ("第二十五条に次の一項を加える。", [Add(art(25), (Block("項", "２", (2,)),), "end")]),
]


@pytest.mark.parametrize("sentence,ops", OFFICIAL, ids=[s[:12] for s, _ in OFFICIAL])
def test_the_renderer_writes_what_the_official_text_writes(sentence, ops):
    assert render(ops, HOREI) == sentence


def test_municipal_style_numbers_and_the_policys_own_numbering():
    assert render([Replace(art(5, ("項", (2,))), "7人", "9人")], REIKI) == \
        "第5条第2項中「7人」を「9人」に改める。"
    assert render([Insert(art(13), "証人", "、鑑定人")], "例規") == "第13条中「証人」の次に「、鑑定人」を加える。"
    policy = address(("", (2,)), ("", (1,)), numbers=("2", "(1)"))
    assert render([Replace(policy, "民間事業者", "民間事業者等")], REIKI) == \
        "2の(1)中「民間事業者」を「民間事業者等」に改める。"
