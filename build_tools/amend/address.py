"""Places in a 改め文: 「第三十八条第三項」, 「同条第二号イ」, 「附則第１０項」,
「別表第２の備考第７項」, 「第二章の章名」, 「第４条各号列記以外の部分」,
「第二条及び第三条」, 「第四条から第六条まで」 — read into steps.

A step is one level of the address as written: (kind, key), the key the
number normalised as provisions.heading_key does (第五条の二 → (5, 2), ２ → (2,),
イ → (1,)), or a table row or column named by its words (「江口哲郎副市長の項」).
「同条」「同項」「同号」 repeat the last place of that kind (`Context`), and a
place that starts below an article (「第二項」) is inside the last article, as
a reader of the sentence takes it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ..provisions import CONTAINER_KINDS as CONTAINERS, number_value

NUMBER = r"[0-9０-９〇一二三四五六七八九十百千]+"
# Parts of a provision a quote or an operation may be limited to.
PARTS = ("各号列記以外の部分", "ただし書", "本文", "前段", "後段", "柱書", "各号")
_NAMED_PARTS = {"の見出し": "見出し", "の前の見出し": "前の見出し", "の章名": "章名", "の節名": "節名",
                "の款名": "款名", "の目名": "目名", "の編名": "編名"}
# Whole documents parts addressed by a word.
_WORDS = ("目次", "題名", "前文", "本則", "附則", "付則", "別表", "別記", "別紙", "様式", "附録", "付録")
_SUB_KANA = "[ア-ンｱ-ﾝ]"
_SUBITEM = re.compile(rf"[(（](?:{NUMBER}|{_SUB_KANA}|[a-zａ-ｚ]+)[)）]|[⑴-⒇]|{_SUB_KANA}(?![ア-ンー])")


# A name ends in の項 (a row), の欄 (a column), の表 or の部, followed by what may
# follow a place; it never starts with 中 (that is 「…中」, the scope).
_NAMED = re.compile(r"の?[　 ]?((?!中|同|第|から|まで|及び|並びに|を|に)(?:[^「」。、（）]|（[^（）「」]*）){1,80}?)"
                    r"の(項|欄|表|部)"
                    r"(?=[第中をにの、及並同（]|から|まで|ただし|各号|各項|本文|前段|後段|ひな)")
# Our policy's own numbering: 1, (1), ア, (ア), joined by の; a heading named by its title.
_OWN_NUMBER = re.compile(r"の?([0-9０-９]+|[(（][0-9０-９]+[)）]|[ア-ン]|[(（][ア-ン][)）])"
                         r"(?=の|中|を|に|及び|並びに|から|まで|、)")
_OWN_TITLE = re.compile(r"[^「」、。\s　第]{1,20}?(?=を次のように|中「|を削|の次に次の|に次の|の前に次の)")
# 「第２号アからクまで以外の部分」: a 号 without its subitems.
_EXCEPT_SUBITEMS = re.compile(r"[ア-ン]から[ア-ン]まで以外の部分")
# A row of a 読替え table is named by the provision in its first column.
_ROW_BY_PROVISION = re.compile(rf"の?(第{NUMBER}[条項号](?:[^「」、。]{{0,40}}?))の(項)(?=中|を|の|及|並|、)")
_NAMED_KINDS = ("表の項", "欄", "表", "部", "ひな型", "ひな形")


class AddressError(ValueError):
    """The text at `pos` is not a place this reader knows."""

    def __init__(self, message: str, pos: int):
        super().__init__(message)
        self.pos = pos


@dataclass(frozen=True)
class Step:
    kind: str                  # 条, 項, 号, 細分1 …, 章 …, 附則, 別表, 目次, 表の項, 欄 …
    key: tuple[int, ...] = ()
    name: str = ""             # as written: 「第三十八条」「２」「江口哲郎副市長」


@dataclass(frozen=True)
class Place:
    """One place: the steps from the document down, and the part of it meant."""

    steps: tuple[Step, ...]
    part: str = ""             # 見出し, ただし書, 各号列記以外の部分, 章名 …, "" for all of it
    including: str = ""        # （見出しを含む。）: the scope takes in this too

    def kinds(self) -> tuple[str, ...]:
        return tuple(s.kind for s in self.steps)


@dataclass
class Context:
    """What 「同条」「同項」「同号」「同表」 refer to: the last place of each kind."""

    last: dict[str, Place] = field(default_factory=dict)

    def remember(self, place: Place) -> None:
        steps = place.steps
        for i, step in enumerate(steps):
            kind = "細分" if step.kind.startswith("細分") else step.kind
            kind = _alias(kind)  # 同表, 同項 of a table's row, 同欄
            self.last[kind] = Place(steps[:i + 1])
        # A new article (or 附則 paragraph) forgets the 項 and 号 of the last one.
        kinds = tuple(_alias(k) for k in place.kinds())
        for lower in ("項", "号", "細分"):
            if lower in self.last and lower not in kinds and self._below(lower, kinds):
                del self.last[lower]

    @staticmethod
    def _below(lower, kinds):
        order = {"条": 0, "附則": 0, "別表": 0, "項": 1, "号": 2, "細分": 3}
        deepest = max((order.get("細分" if k.startswith("細分") else k, -1) for k in kinds), default=-1)
        return order[lower] > deepest

    def get(self, kind: str, pos: int) -> Place:
        if kind not in self.last:
            raise AddressError(f"「同{kind}」が指す{kind}がこの文の前にありません", pos)
        return self.last[kind]


def _alias(kind: str) -> str:
    """What 「同…」 calls a kind: a table's row is 同項, a 別表 or named table 同表."""
    base = kind.split("「")[0]
    return {"別表": "表", "表の項": "項", "部": "部"}.get(base, base)


def value(number: str, iroha: bool = True) -> int:
    found = number_value(number, iroha=iroha)
    if found is None:
        raise ValueError(number)
    return found


def _key(text: str) -> tuple[int, ...]:
    return tuple(value(p) for p in text.split("の"))


class Reader:
    """Reads places from `text` at `pos`; `kana` says how katakana count
    (イロハ in statutes, アイウ in most 例規)."""

    def __init__(self, text: str, context: Context, *, iroha: bool):
        self.text, self.context, self.iroha = text, context, iroha

    # --- one place ------------------------------------------------------------

    def place(self, pos: int, base: Place | None = None) -> tuple[Place, int]:
        """The place at `pos` and the position after it; `base` is the scope
        it is read inside (「第三十八条中第七項」: 第七項 of 第三十八条)."""
        steps: list[Step] = []
        start = pos
        t = self.text
        match = re.compile(r"同(条|項|号|表|欄|章|節|款|目|編)").match(t, pos)
        if match:
            kind = match[1]
            # 「同条」 is the article alone: only a written 「第三章中」 puts it in its 章
            steps = [s for s in self.context.get(kind, pos).steps
                     if s.kind not in CONTAINERS or kind in CONTAINERS]
            pos = match.end()
        elif base is not None and not t.startswith("第", pos):
            # 「同号中オをカとし」: オ of that 号; 「別表第１中５の項を削り」: a row of that table
            found = self._step(pos, list(base.steps))
            if found is not None and (found[0].kind.startswith("細分")
                                      or found[0].kind.split("「")[0] in _NAMED_KINDS):
                steps = list(base.steps)
        while True:
            found = self._step(pos, steps)
            if found is None:
                break
            step, pos = found
            steps.append(step)
        if not steps and base is None:
            steps, pos = self._own_numbering(pos)
        if not steps:
            raise AddressError("条・項・号などの場所を読めません", start)
        steps = self._anchor(steps, base, start)
        place = Place(tuple(steps))
        return self.parts(place, pos)

    def parts(self, place: Place, pos: int) -> tuple[Place, int]:
        """「の見出し」, 「ただし書」, 「（見出しを含む。）」, 「（各号列記以外の部分に限る。）」 …"""
        t = self.text
        while True:
            word = next((w for w in (*_NAMED_PARTS, *PARTS, "各項") if t.startswith(w, pos)), None)
            if word is not None:
                place = replace(place, part=_NAMED_PARTS.get(word, "" if word == "各項" else word))
                pos += len(word)
                continue
            match = _EXCEPT_SUBITEMS.match(t, pos)
            if match:  # 「第２号アからクまで以外の部分」: the 号 without its subitems
                place, pos = replace(place, part="各号列記以外の部分"), match.end()
                continue
            match = re.compile(r"（(見出し|各号列記以外の部分)(を含む|に限る)。）").match(t, pos)
            if not match:
                return place, pos
            place = replace(place, including=match[1]) if match[2] == "を含む" \
                else replace(place, part=match[1])
            pos = match.end()

    def _step(self, pos: int, steps: list[Step]) -> tuple[Step, int] | None:
        t = self.text
        if steps and steps[-1].kind == "表":  # 「第５条の表の第３条第１項の項」: a row, not 第３条
            match = _ROW_BY_PROVISION.match(t, pos)
            if match:
                return Step(f"表の項「{match[1]}」", (), match[0]), match.end()
        match = re.compile(rf"の?第({NUMBER})([編章節款目条項号])((?:の{NUMBER})*)").match(t, pos)
        if match:
            kind = match[2]
            if kind == "号" and _after_item(steps):
                return None
            try:
                key = _key(match[1] + match[3])
            except ValueError:
                return None
            return Step(kind, key, match[0].lstrip("の")), match.end()
        for word in _WORDS:
            if t.startswith(word, pos) or t.startswith("の" + word, pos) and steps:
                end = pos + len(word) + (0 if t.startswith(word, pos) else 1)
                kind = {"付則": "附則", "付録": "附録"}.get(word, word)
                # 「別表第２の３」 is a table; 「別表第１９号」 a 号 of the 別表; 「別表第３の１０の項」 its row 10.
                # 「様式第１号」 is form No. 1, its 号 part of the name.
                tail = "号?" if kind == "様式" else "(?![号項条0-9０-９])"
                number = re.compile(rf"第?({NUMBER}(?:の{NUMBER})*){tail}").match(t, end)
                if kind in ("別表", "別記", "別紙", "様式", "附録") and number:
                    text, stop = number[1], number.end()
                    if t.startswith("の項", stop):  # the last number is the row's
                        if not number[0].startswith("第"):
                            return Step(kind, (), word), end
                        if "の" in text:
                            text = text.rsplit("の", 1)[0]
                            stop = end + number[0].rindex("の")
                    return Step(kind, _key(text), t[pos:stop]), _relation(t, stop)
                return Step(kind, (), word), _relation(t, end)
        if steps and t.startswith("の表", pos) and not t.startswith("の表の項", pos):
            return Step("表", (), "の表"), pos + 2
        match = re.compile(r"の?(備考|注書|注)(?=[第中にをの0-9０-９１-９(（⑴-⒇])").match(t, pos)
        if match and steps:
            number = re.compile(rf"({NUMBER})(?![項号条])").match(t, match.end())
            if number:
                return Step(match[1], (value(number[1]),), match[0] + number[1]), number.end()
            return Step(match[1], (), match[0]), match.end()
        if _after_item(steps) and not _EXCEPT_SUBITEMS.match(t, pos):
            match = _SUBITEM.match(t, pos)
            if match:
                depth = sum(s.kind.startswith("細分") for s in steps) + 1
                text = match[0]
                try:
                    key = (value(text, iroha=self.iroha),)
                except ValueError:
                    return None
                return Step(f"細分{depth}", key, text), match.end()
        if steps and steps[-1].kind in ("条", "項", "附則", "表の項", "備考", "注", "注書") and not self.iroha:
            match = re.compile(rf"[(（]({NUMBER})[)）]|[⑴-⒇]").match(t, pos)
            if match:  # 例規 style: 号 numbered (1)
                number = match[1] or str(ord(match[0]) - ord("⑴") + 1)
                return Step("号", (value(number),), match[0]), match.end()
        if steps:
            return self._named(pos, steps)
        return None

    def _own_numbering(self, pos: int) -> tuple[list[Step], int]:
        """A document numbered by its own headings (our policy): 「2の(1)のア」, or a
        heading without a number named by its title (「はじめに」); kind ""."""
        t = self.text
        steps = []
        while True:
            match = _OWN_NUMBER.match(t, pos) if not steps or t.startswith("の", pos) else None
            if steps and match is None:
                break
            if match is None:
                title = _OWN_TITLE.match(t, pos)
                if title:
                    return [Step("", (), title[0])], title.end()
                return [], pos
            number = match[1]
            try:
                key = (value(number, iroha=False),)
            except ValueError:
                break
            steps.append(Step("", key, number))
            pos = match.end()
        return steps, pos

    def _named(self, pos: int, steps=()) -> tuple[Step, int] | None:
        """A table, row or column named by its words: 「学校教育関係の表」,
        「江口哲郎副市長の項」, 「事務の欄」, 「１０の項」, 「ひな型９」."""
        t = self.text
        match = re.compile(rf"の?(ひな型|ひな形)({NUMBER})").match(t, pos)
        if match:
            return Step(match[1], (value(match[2]),), match[0]), match.end()
        match = re.compile(rf"の?({NUMBER})の項").match(t, pos)
        if match:
            return Step("表の項", (value(match[1]),), match[0]), match.end()
        match = _NAMED.match(t, pos)
        if match is None and steps and steps[-1].kind.startswith("表"):
            match = _ROW_BY_PROVISION.match(t, pos)
        if match and not re.fullmatch(rf"第?{NUMBER}", match[1]):
            # Named, not numbered: the name is part of the kind, so two rows differ.
            kind = {"項": "表の項", "欄": "欄", "表": "表", "部": "部"}[match[2]]
            return Step(f"{kind}「{match[1]}」", (), match[0]), match.end()
        return None

    def _anchor(self, steps: list[Step], base: Place | None, pos: int) -> list[Step]:
        """A place that starts below an article is inside the scope or the
        last article: 「第三十八条中第七項」, 「同条第二項中…、第三項中…」."""
        head = steps[0].kind
        if head in ("項", "号") or head.startswith("細分"):
            outer = base
            if outer is None or not any(s.kind in ("条", "附則", "別表") for s in outer.steps):
                outer = self.context.last.get("条") or self.context.last.get("附則")
            if outer is None:
                raise AddressError(f"「{steps[0].name}」がどの条のものか分かりません", pos)
            keep = {"項": ("項", "号"), "号": ("号",)}.get(head, ("細分",))
            prefix = [s for s in outer.steps
                      if not any(s.kind.startswith(k) for k in keep)]
            if head == "号" and base is not None:  # 「同項中第二号を…」: the 号 of that 項
                prefix = [s for s in outer.steps if s.kind != "号" and not s.kind.startswith("細分")]
            return prefix + steps
        kinds = [s.kind for s in base.steps] if base is not None else []
        if kinds and set(kinds) <= set(CONTAINERS) and (head == "条" or head in CONTAINERS
                                                       and CONTAINERS.index(head) > CONTAINERS.index(kinds[-1])):
            return list(base.steps) + steps  # 「第三章中第八条を…」, 「第五章中第三節を…」
        return steps

    # --- several places ---------------------------------------------------------

    def places(self, pos: int, base: Place | None = None,
               remember: bool = True) -> tuple[list[Place], int, str]:
        """「第一条及び第二条」, 「第２条第1項、第４条第２項ただし書及び第８条」,
        「第四条から第六条まで」, 「第１０条、第４４条から第４７条までの規定並びに付則第４項」:
        the places, the position after them, and "range" when they are the
        first and last of one range (a range inside a list is counted out)."""
        t = self.text
        first, pos = self.place(pos, base)
        if remember:  # 「附則第３項の前の見出し並びに同項」
            self.context.remember(first)
        items: list[list] = [[first, None]]
        while True:
            if t.startswith("から", pos) and items[-1][1] is None:
                last, end = self._sibling(pos + 2, items[-1][0], base)
                if not t.startswith("まで", end):
                    raise AddressError("「から」の後に「まで」がありません", end)
                items[-1][1], pos = last, end + 2
                if t.startswith("の規定", pos):
                    pos += 3
                continue
            match = re.compile(r"、|及び|並びに").match(t, pos)
            if not match:
                break
            try:
                nxt, end = self._sibling(match.end(), items[-1][0], base)
            except AddressError:
                break
            items.append([nxt, None])
            if remember:
                self.context.remember(nxt)
            pos = end
        if t.startswith("の規定", pos):
            pos += 3
        if len(items) == 1 and items[0][1] is not None:
            return [items[0][0], items[0][1]], pos, "range"
        found: list[Place] = []
        for a, b in items:
            found += [a] if b is None else expand(a, b, pos)
        return found, pos, "list"

    def _sibling(self, pos: int, previous: Place, base: Place | None) -> tuple[Place, int]:
        """The next place of a list: 「第一条及び第二条第一項」 stand alone; 「第一項及び
        第二項」 and 「イからホまで」 share what comes before their first step."""
        t = self.text
        try:
            place, end = self.place(pos, base)
        except AddressError:
            place = None
        relative = re.compile(rf"第{NUMBER}[項号]").match(t, pos) or _SUBITEM.match(t, pos) \
            or self._named(pos) is not None
        if place is not None and not relative:
            return place, end
        steps = list(previous.steps)
        probe = Reader(t, self.context, iroha=self.iroha)
        for cut in range(len(steps) - 1, -1, -1):
            parent = Place(tuple(steps[:cut]))
            found = probe._step(pos, list(parent.steps))
            if found and _alias(found[0].kind) == _alias(steps[cut].kind):
                rest = list(parent.steps) + [found[0]]
                end = found[1]
                while True:
                    more = probe._step(end, rest)
                    if more is None:
                        break
                    rest.append(more[0])
                    end = more[1]
                return self.parts(Place(tuple(rest)), end)
        if place is not None:
            return place, end
        raise AddressError("並べた場所を読めません", pos)


def expand(first: Place, last: Place, pos: int) -> list[Place]:
    """Every place of a range: 「第４４条から第４７条まで」 → 第44条, 第45条, 第46条, 第47条."""
    a, b = first.steps[-1], last.steps[-1]
    if first.steps[:-1] != last.steps[:-1] or a.kind != b.kind or len(a.key) != 1 \
            or len(b.key) != 1 or not a.key[0] < b.key[0] <= a.key[0] + 200:
        raise AddressError("「…から…まで」の範囲の規定を数えられません（枝番号のある範囲など）", pos)
    return [Place(first.steps[:-1] + (Step(a.kind, (n,), ""),), first.part)
            for n in range(a.key[0], b.key[0] + 1)]


def _relation(text: str, pos: int) -> int:
    """After 「別表第１」 or 「様式第２号」: past its 「（第３条関係）」, which names no place."""
    match = re.compile(r"[（(][^（）()「」]*関係[）)]").match(text, pos)
    return match.end() if match else pos


def _after_item(steps: list[Step]) -> bool:
    return bool(steps) and (steps[-1].kind == "号" or steps[-1].kind.startswith("細分"))

