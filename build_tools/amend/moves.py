"""The verbs that act on whole provisions in a 改め文 sentence (build_tools/amend/parse.py
reads the sentence): 「を次のように改め」, 「を削り」, 「を第N条とし」, 「をN条ずつ繰り下げ」,
「に次のN項を加え」, 「の次に次のN条を加え」, 「に見出しとして「…」を付し」,
「に次のただし書を加え」 — and the places they name, as the operations model
names them.
"""
from __future__ import annotations

import re
from dataclasses import replace

from ..provisions import CONTAINER_KINDS
from .address import NUMBER, Place, value
from .body import blocks_of
from .operations import (Add, Address, Append, Remove, Renumber, Rewrite, SetHeading, Shift)

_UNITS = "編章節款目条項号表"
_APPEND = re.compile(r"に(?:次の(?P<part>ただし書|後段|前段)を|(?P<part2>ただし書|後段|前段)として次のように)加え")
# 「に次の一項を加え」, 「の次に次の二条を加え」, 「同条に第１項として次の１項を加え」,
# 「付則の次に別表として次の２表を加え」, 「第１条から第３条までとして次の３条を加え」.
_ADD = re.compile(
    rf"(?P<where>に|の次に|の前に|の後に)"
    rf"(?:(?P<as>第?{NUMBER}[{_UNITS}]|[ア-ン]|[(（]{NUMBER}[)）])(?:から第?{NUMBER}[{_UNITS}]まで)?として"
    rf"|別表として)?"
    rf"次の(?:(?:{NUMBER})?(?P<unit>[{_UNITS}])|(?:{NUMBER})?別表|各号|ように)を?加え")


class ReadError(ValueError):
    def __init__(self, message: str, pos: int):
        super().__init__(message)
        self.pos = pos


class Moves:
    """Mixed into the sentence reader: needs its cursor (t, pos, eat, verb,
    quote, places), its ops, announced and body."""

    def move(self, places: list[Place], kind: str, inside: Place | None = None):
        for place in places:
            self.context.remember(place)
        if kind == "list" and len(places) > 1:
            start = self.pos
            pair = len(places) == 2 and _adjacent(places[0], places[1])
            # Two neighbours 「及び」: one range when rewritten, removed or shifted
            # alike (「第三章及び第四章を一章ずつ繰り下げ」).
            shift = re.compile(rf"を{NUMBER}[{_UNITS}]?ずつ繰り").match(self.t, start)
            if self.t.startswith("を次のように", start) or pair and (
                    self.t.startswith("を削", start) or shift):
                return self._move_one(places[0], places[-1], kind, inside)
            for place in places:  # the same change to each
                self.pos = start
                self._move_one(place, None, "list", inside)
            return None
        return self._move_one(places[0], places[-1] if len(places) > 1 else None, kind, inside)

    def _move_one(self, first: Place, last: Place | None, kind: str, inside: Place | None):
        target, end = operation_address(first), (operation_address(last) if last else None)
        held = operation_address(first, containers=True)   # for a move, as it sits in its 章
        t = self.t
        if self.eat("を次のように"):
            self.verb_is("改める")
            op = Rewrite(target, (), end)
            return self.announce(op, first)
        if self.eat("を"):
            if t.startswith(("削り", "削る"), self.pos):
                self.verb()
                op = Remove(target, end)
                self.ops.append(op)
                return op
            if t.startswith("「", self.pos) and target.scope == "見出し":  # 見出し, 章名, 節名 …
                heading = self.quote()
                self.expect("に", "別の字があります")
                self.verb_is("改める")
                op = SetHeading(target.whole(), _bare(heading))
                self.ops.append(op)
                return op
            match = re.compile(rf"({NUMBER})([{_UNITS}]?)ずつ(繰り下げ|繰り上げ)").match(t, self.pos)
            if match:
                self.pos = match.end() - len(match[3])
                self.verb()
                by = value(match[1]) * (1 if match[3] == "繰り下げ" else -1)
                op = Shift(held, operation_address(last, containers=True) if last else None, by)
                self.ops.append(op)
                return op
            # A number given to a provision: later 「同項」 still means the provision
            # (named as it was numbered before the amendment).
            to_places, to_kind = self.places(inside, remember=False)
            self.verb_is("とする")
            return self.renumber([first] + ([last] if last else []), kind, to_places, to_kind)
        if self.eat("に見出しとして"):
            heading = self.quote()
            self.expect("を", "別の字があります")
            self.verb_is("付する")
            op = SetHeading(target.whole(), _bare(heading), attach=True)
            self.ops.append(op)
            return op
        if t.startswith("として次の", self.pos):  # 「第１条から第３条までとして次の３条を加え」
            match = re.compile(rf"として次の(?:{NUMBER})?[{_UNITS}]を加え").match(t, self.pos)
            if match:
                self.pos = match.end() - 2
                self.verb_is("加える")
                return self.announce(Add(target, (), "before"), first)
        match = _APPEND.match(t, self.pos)
        if match:  # 「同項に次のただし書を加え」, 「同条に後段として次のように加え」
            self.pos = match.end() - 2
            self.verb_is("加える")
            return self.announce(Append(target, "", match["part"] or match["part2"]), first)
        match = _ADD.match(t, self.pos)
        if match:
            self.pos = match.end() - 2
            self.verb_is("加える")
            where = {"に": "end", "の次に": "after", "の後に": "after", "の前に": "before"}[match["where"]]
            anchor = target
            if match["as"]:  # 「同条に第１項として次の１項を加える」: before the one it numbers
                number, unit = self._as(match["as"], target)
                anchor = target.child(unit, (number if number == 1 else number - 1,))
                where = "before" if number == 1 else "after"
            op = Add(anchor, (), where)
            return self.announce(op, first, match["unit"] or "")
        raise ReadError("この規定に何をするのか（改める・削る・加える・とする …）を読めません", self.pos)

    def _as(self, written: str, target: Address) -> tuple[int, str]:
        """「第１項として」「第１号として」「アとして」: the number and kind meant."""
        match = re.fullmatch(rf"第?({NUMBER})([{_UNITS}])", written)
        if match:
            return value(match[1]), match[2]
        depth = sum(k.startswith("細分") for k, _ in target.path) + 1
        return value(written, iroha=self.reader.iroha), f"細分{depth}"

    def verb_is(self, wanted: str):
        at = self.pos
        if self.verb() != wanted:
            raise ReadError(f"動詞「{wanted}」があるはずです", at)

    def renumber(self, places, kind, to_places, to_kind):
        if kind == "range" and to_kind == "range":  # 「ウからキまでをイからカまでとし」
            a, b = operation_address(places[0], containers=True), operation_address(to_places[0])
            by = b.key[-1] - a.key[-1]
            op = Shift(a, operation_address(places[-1], containers=True), by)
        elif len(places) == 1 and len(to_places) == 1:
            source, to = places[0], to_places[0]
            target = operation_address(source, containers=True)
            to_address = operation_address(to)
            if target.kind == "条" and to_address.kind == "項" and \
                    to_address.path[:-1] == operation_address(source).path:  # 「同条を同条第２項とし」
                target = operation_address(source).child("項", (1,))
            op = Renumber(target, to_address)
        else:
            raise ReadError("番号を付け替える規定の数が合いません", self.pos)
        self.ops.append(op)
        return op

    def announce(self, op, place: Place, unit: str = ""):
        self.ops.append(op)
        self.announced.append((op, unit))
        return op

    def fill(self):
        """Give each operation that announced text (「次のように改める」) its Blocks."""
        if not self.announced:
            return
        if not self.body:
            raise ReadError("「次の…」で示す本文がありません", len(self.t) - 1)
        groups = [self.body] if len(self.announced) == 1 else _split(self.body, len(self.announced))
        if groups is None:
            raise ReadError("本文をどの指示のものか分けられません", len(self.t) - 1)
        for (op, unit), lines in zip(self.announced, groups):
            index = self.ops.index(op)
            if isinstance(op, Append):
                self.ops[index] = replace(op, text="".join(lines))
                continue
            # A document numbered in 条 (a law, an ordinance) is read as a statute;
            # only our policy's own numbering (kind "") is not.
            statute = any(kind for kind, _ in op.target.path)
            blocks = blocks_of(lines, op.target, statute=statute)
            if isinstance(op, Rewrite) and not op.target.scope:
                unit = op.target.kind     # 「第一条第一項を次のように改める」
            if unit in ("項", "号"):
                # 「次の１号を加える」 names what the lines are: a 例規's 「⑷」 is a
                # 号 even where, out of its article, it reads as an item below one;
                # an added first 項 is the text without a number.
                blocks = [replace(b, kind=unit) if b.kind == "" or b.kind.startswith("細分") else b
                          for b in blocks]
            self.ops[index] = replace(op, provisions=tuple(blocks))


def _adjacent(a: Place, b: Place) -> bool:
    return len(a.steps) == len(b.steps) and a.steps[:-1] == b.steps[:-1] \
        and a.steps[-1].kind == b.steps[-1].kind and a.steps[-1].key[:1] and b.steps[-1].key[:1] \
        and len(a.steps[-1].key) == 1 == len(b.steps[-1].key) \
        and b.steps[-1].key[0] - a.steps[-1].key[0] == 1


def _split(lines: list[str], n: int):
    """The body of a sentence that announces several texts, one group each:
    each group begins with a numbered line or a heading after a numbered one."""
    starts = [i for i, line in enumerate(lines)
              if re.match(r"^(?:（[^）]*）$|第[^　]+条　|[0-9０-９一二三四五六七八九十]+　|[(（⑴-⒇])", line)]
    heads = []
    for i in starts:
        if heads and lines[heads[-1]].startswith("（") and lines[heads[-1]].endswith("）") \
                and i == heads[-1] + 1:
            continue
        heads.append(i)
    if len(heads) != n:
        return None
    return [lines[a:b] for a, b in zip(heads, heads[1:] + [len(lines)])]


def _bare(heading: str) -> str:
    return heading[1:-1] if heading[:1] in "（(" and heading[-1:] in "）)" else heading


_SCOPE = {"見出し": "見出し", "前の見出し": "前の見出し", "各号": "各号", "章名": "見出し", "節名": "見出し", "款名": "見出し", "目名": "見出し",
          "編名": "見出し", "柱書": "各号列記以外の部分", "ただし書": "ただし書", "本文": "本文",
          "前段": "前段", "後段": "後段", "各号列記以外の部分": "各号列記以外の部分", "": ""}


def operation_address(place: Place, containers: bool = False) -> Address:
    """A place as the operations model names it: articles without their 章
    (a statute numbers articles through), the numbers as written. With
    `containers`, a 章・節 written before a moved article stays
    (「第五章中第四十六条を第四十五条とし」: the article as it sits in that 章)."""
    steps = list(place.steps)
    article = next((i for i, s in enumerate(steps) if s.kind == "条"), None)
    if article is not None and steps[0].kind in CONTAINER_KINDS \
            and not (containers and article == len(steps) - 1):
        steps = steps[article:]
    scope = _SCOPE.get(place.part)
    if scope is None:
        raise ReadError(f"「{place.part}」の改正はまだ読めません", 0)
    # The numbers as the document writes them, where the kind alone does not
    # say it (「イ」「（１）」, a table's row): 「第三項」 is how an instruction names
    # what the document numbers 「３」.
    plain = all(s.kind in _WRITTEN_BY_KIND for s in steps)
    return Address(tuple((s.kind, s.key) for s in steps), scope,
                   () if plain else tuple(s.name for s in steps))


_WRITTEN_BY_KIND = ("編", "章", "節", "款", "目", "条", "項", "号", "附則", "別表", "目次", "題名", "前文",
                    "本則")
