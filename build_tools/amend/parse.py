"""A published 改め文 read into operations (build_tools/amend/operations.py).

    parse(text) -> Parsed: the enacting sentence, and per instruction
    sentence its operations or why it cannot be read (never an exception)

The grammar, as 法制執務 writes an instruction sentence:

    sentence  := clause (「、」 clause)* 「。」
    clause    := places 「中」 words | places 「中」 places move | [places] move | words
    words     := quotes 「を」 quote 「に」 (「、」 …)* 「改め」      — Replace
               | quotes 「を」 「削り」                            — Delete
               | quote 「の次に」/「の下に」/「の前に」 quote 「を」 (「、」 …)* 「加え」 — Insert
    move      := 「を次のように改め」 | 「を削り」 | 「を」 place 「とし」 | 「をN条ずつ繰り下げ」
               | 「に次のN項を加え」 | 「の次に次のN条を加え」 | 「に見出しとして「…」を付し」 …
    places    := place ((「、」|「及び」|「並びに」) place)* | place 「から」 place 「まで」

A place (address.py) is 「第N条第M項第K号」, 「同条」, 「附則第３項」, with a part
(見出し, ただし書, 各号列記以外の部分 …); the quotes nest (「「前項」とあるのは」).
Numbers are 漢数字 or 算用数字 in either width. The text a sentence brings
(「次のように改める」) is read into Blocks (body.py).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace

from ..errors import PolicyError
from .address import NUMBER, AddressError, Context, Place, Reader, expand, value
from .body import blocks_of
from .operations import (Add, Address, Append, Delete, Insert, Operation, Remove, Renumber, Replace,
                         Rewrite, SetHeading, Shift)
from .segment import Amendment, segment

_VERB = {"改め": "改める", "削り": "削る", "加え": "加える", "とし": "とする",
         "繰り下げ": "繰り下げる", "繰り上げ": "繰り上げる", "付し": "付する"}
_VERBS = sorted({*_VERB, *_VERB.values()}, key=len, reverse=True)
# What may follow a closing quote inside an instruction.
_AFTER_QUOTE = re.compile(r"を|に|の(?:次|下|前|上|後)に|、|及び|並びに|。|とし|とする|まで|から|中")
_UNITS = "編章節款目条項号表"
_APPEND = re.compile(r"に(?:次の(?P<part>ただし書|後段|前段)を|(?P<part2>ただし書|後段|前段)として次のように)加え")
# 「に次の一項を加え」, 「の次に次の二条を加え」, 「同条に第１項として次の１項を加え」,
# 「付則の次に別表として次の２表を加え」, 「第１条から第３条までとして次の３条を加え」.
_ADD = re.compile(
    rf"(?P<where>に|の次に|の前に|の後に)"
    rf"(?:(?P<as>第?{NUMBER}[{_UNITS}]|[ア-ン]|[(（]{NUMBER}[)）])(?:から第?{NUMBER}[{_UNITS}]まで)?として"
    rf"|別表として)?"
    rf"次の(?:(?:{NUMBER})?[{_UNITS}]|(?:{NUMBER})?別表|各号|ように)を?加え")


class ReadError(ValueError):
    def __init__(self, message: str, pos: int):
        super().__init__(message)
        self.pos = pos


@dataclass
class Instruction:
    """One instruction sentence and what it says."""

    text: str
    line: int
    operations: list[Operation] = field(default_factory=list)
    error: str = ""
    body: list[str] = field(default_factory=list)
    style: str = "法令"          # the house style the sentence is written in


@dataclass
class Parsed:
    amendment: Amendment
    instructions: list[Instruction]

    @property
    def operations(self) -> list[Operation]:
        return [op for i in self.instructions for op in i.operations]

    @property
    def errors(self) -> list[Instruction]:
        return [i for i in self.instructions if i.error]


def style_of(text: str) -> str:
    """法令 (漢数字) or 例規 (算用数字) — and the digits' width: 例規 full / half."""
    core = re.sub(r"「[^「」]*」", "", text)
    if re.search(r"第[〇一二三四五六七八九十百千]+[条項号章節]", core):
        return "法令"
    return "例規(全角)" if re.search(r"[０-９]", core) else "例規"


def parse(text: str) -> Parsed:
    """Every instruction sentence of `text` with its operations, or the reason
    it cannot be read."""
    amendment = segment(text)
    context = Context()
    out = []
    for sentence in amendment.sentences:
        style = style_of(sentence.text)
        item = Instruction(sentence.text, sentence.line, body=sentence.body, style=style)
        try:
            item.operations = _Sentence(sentence.text, sentence.body, context,
                                        iroha=style == "法令").read()
        except (ReadError, AddressError) as exc:
            item.error = _explain(sentence.text, str(exc), exc.pos)
        except PolicyError as exc:
            item.error = exc.message
        except (ValueError, IndexError, KeyError) as exc:  # a shape nobody foresaw: say so
            item.error = f"この文を読めません（{type(exc).__name__}: {exc}）"
        out.append(item)
    return Parsed(amendment, out)


def _explain(text: str, message: str, pos: int) -> str:
    shown = text[max(0, pos - 12):pos] + "▲" + text[pos:pos + 12]
    return f"{message}（{pos + 1}文字目: …{shown}…）"


class _Sentence:
    def __init__(self, text: str, body: list[str], context: Context, *, iroha: bool):
        self.t = unicodedata.normalize("NFC", text)
        self.pos = 0
        self.body = list(body)
        self.context = context
        self.reader = Reader(self.t, context, iroha=iroha)
        self.scope: Place | None = None      # the last 「…中」
        self.scopes: list[Place] = []        # all its places (「第８条及び第９条中」)
        self.ops: list[Operation] = []
        self.announced: list[tuple[Operation, str]] = []   # ops waiting for their text

    # --- the cursor ------------------------------------------------------------
    def eat(self, word: str) -> bool:
        if self.t.startswith(word, self.pos):
            self.pos += len(word)
            return True
        return False

    def expect(self, word: str, what: str):
        if not self.eat(word):
            raise ReadError(f"「{word}」があるはずの所に{what}", self.pos)

    def verb(self) -> str:
        for word in _VERBS:
            if self.t.startswith(word, self.pos):
                self.pos += len(word)
                return _VERB.get(word, word)
        raise ReadError("動詞（改める・削る・加える・とする …）を読めません", self.pos)

    def quote(self) -> str:
        """「…」 at the cursor; nested quotes are part of it. A closing bracket
        that nothing can follow belongs to the quote (「「選定する」と」の次に」)."""
        if not self.eat("「"):
            raise ReadError("「 があるはずです", self.pos)
        start, depth, i = self.pos, 0, self.pos
        while i < len(self.t):
            ch = self.t[i]
            if ch == "「":
                depth += 1
            elif ch == "」":
                if depth:
                    depth -= 1
                elif i > start and _AFTER_QUOTE.match(self.t, i + 1):
                    self.pos = i + 1
                    return self.t[start:i]
            i += 1
        # The quote holds an opening bracket without its closer (「…（以下「収納事務受託者」を…):
        # it ends at the first closing bracket that a particle follows.
        for i in range(start + 1, len(self.t)):
            if self.t[i] == "」" and _AFTER_QUOTE.match(self.t, i + 1) \
                    and not _AFTER_QUOTE.match(self.t, i + 1)[0] in ("、", "中"):
                self.pos = i + 1
                return self.t[start:i]
        raise ReadError("かぎかっこ「」が閉じていません", start - 1)

    # --- a sentence ----------------------------------------------------------
    def read(self) -> list[Operation]:
        if not self.t.endswith("。"):
            raise ReadError("文が「。」で終わっていません（途中で切れています）", len(self.t))
        while True:
            self.clause()
            if self.eat("。"):
                break
            if not (self.eat("、") or self.eat("並びに")):
                raise ReadError("ここで文を続けて読めません", self.pos)
        if self.pos != len(self.t):
            raise ReadError("「。」の後に文が続いています", self.pos)
        self.fill()
        return self.ops

    def clause(self):
        if self.t.startswith("「", self.pos):
            if not self.scopes:
                raise ReadError("どの規定の字句か（「第N条中」）がありません", self.pos)
            return self.words_many(self.scopes)
        places, kind = self.places(self.scope)
        if self.eat("中"):
            if kind == "range":  # 「第５３条から第５５条までの規定中」: each of them
                places = expand(places[0], places[1], self.pos)
            self.scopes = places
            self.scope = places[0] if len(places) == 1 else None
            for place in places:
                self.context.remember(place)
            if self.t.startswith("「", self.pos):
                return self.words_many(places)
            inner, inner_kind = self.places(places[0])
            return self.move(inner, inner_kind, inside=places[0])
        return self.move(places, kind, inside=self.scope)

    def places(self, base, remember: bool = True):
        places, end, kind = self.reader.places(self.pos, base, remember)
        self.pos = end
        return places, kind

    # --- words ---------------------------------------------------------------
    def words_many(self, places):
        """「第８条及び第９条中「A」を「B」に改め」: the same change in each place."""
        start = self.pos
        for place in places:
            self.pos = start
            self.words(place)

    def words(self, place: Place):
        target = _address(place)
        kind, pending = "", []
        while True:
            olds = [self.quote()]
            while self.t.startswith(("、「", "及び「"), self.pos):
                self.eat("、") or self.eat("及び")
                olds.append(self.quote())
            if self.eat("を"):
                if self.t.startswith("「", self.pos):
                    new = self.quote()
                    self.expect("に", "別の字があります")
                    pending += [Replace(target, old, new) for old in olds]
                    kind = kind or "改める"
                elif self.t.startswith(("削り", "削る"), self.pos):
                    pending += [Delete(target, old) for old in olds]
                    kind = kind or "削る"
                    break
                else:
                    raise ReadError("「を」の後を読めません", self.pos)
            else:
                match = re.compile(r"の(次|下|後|前|上)に").match(self.t, self.pos)
                if not match or len(olds) > 1:
                    raise ReadError("引用の後を読めません（「を」「の次に」などがありません）", self.pos)
                self.pos = match.end()
                text = self.quote()
                self.expect("を", "別の字があります")
                pending.append(Insert(target, olds[0], text, before=match[1] in "前上"))
                kind = kind or "加える"
            if self.t.startswith("、「", self.pos):
                self.eat("、")
                continue
            break
        verb = self.verb()
        kinds = {type(op) for op in pending}
        wanted = {"改める": Replace, "削る": Delete, "加える": Insert}[verb] \
            if verb in ("改める", "削る", "加える") else None
        if wanted is None or kinds != {wanted}:
            raise ReadError(f"引用した字句と動詞「{verb}」が合いません", self.pos)
        self.ops += pending

    # --- whole provisions ------------------------------------------------------
    def move(self, places: list[Place], kind: str, inside: Place | None = None):
        for place in places:
            self.context.remember(place)
        if kind == "list" and len(places) > 1:
            start = self.pos
            pair = len(places) == 2 and _adjacent(places[0], places[1])
            if self.t.startswith("を次のように", start) or pair and self.t.startswith("を削", start):
                return self._move_one(places[0], places[-1], kind, inside)
            for place in places:  # the same change to each
                self.pos = start
                self._move_one(place, None, "list", inside)
            return None
        return self._move_one(places[0], places[-1] if len(places) > 1 else None, kind, inside)

    def _move_one(self, first: Place, last: Place | None, kind: str, inside: Place | None):
        target, end = _address(first), (_address(last) if last else None)
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
            if t.startswith("「", self.pos) and first.part == "見出し":
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
                op = Shift(target, end, by)
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
            return self.announce(op, first)
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
            a, b = _address(places[0]), _address(to_places[0])
            by = b.key[-1] - a.key[-1]
            op = Shift(a, _address(places[-1]), by)
        elif len(places) == 1 and len(to_places) == 1:
            source, to = places[0], to_places[0]
            target = _address(source)
            to_address = _address(to)
            if target.kind == "条" and to_address.kind == "項" and \
                    to_address.path[:-1] == target.path:  # 「同条を同条第２項とし」
                target = target.child("項", (1,))
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
            blocks = blocks_of(lines, op.target, statute=self.reader.iroha)
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


def _address(place: Place) -> Address:
    """A place as the operations model names it: articles without their 章
    (a statute numbers articles through), the numbers as written."""
    steps = list(place.steps)
    if any(s.kind == "条" for s in steps) and steps[0].kind in ("編", "章", "節", "款", "目"):
        steps = steps[next(i for i, s in enumerate(steps) if s.kind == "条"):]
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
