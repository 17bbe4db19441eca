"""One instruction sentence from its operations, as 法制執務 writes it.

`render(operations, style)`: the clauses in the order given, each verb in its
連用形 (改め, 削り, 加え, とし …) but the last (改める。); a provision already
named in the sentence is 同条・同項; adjacent changes of one kind in one place
merge (「「A」を「B」に、「C」を「D」に改め」, 「「A」及び「C」を削り」).
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from ..provisions import CONTAINER_KINDS, IROHA, kanji_numeral
from .operations import (Add, Address, Append, Delete, Insert, Operation, Remove, Renumber,
                         Replace, Rewrite, SetHeading, Shift)

_FULL = str.maketrans("0123456789", "０１２３４５６７８９")


@dataclass(frozen=True)
class Style:
    """House style: 法令 (漢数字, 「の下に」) or 例規 (算用数字, 「の次に」)."""

    name: str = "法令"
    digits: str = "kanji"          # kanji, half (1, 12), full (１, １２)
    insert_after: str = "の下に"

    def number(self, value: int) -> str:
        if self.digits == "kanji":
            return kanji_numeral(value)
        return str(value).translate(_FULL) if self.digits == "full" else str(value)


HOREI = Style()
REIKI = Style("例規", "half", "の次に")
REIKI_FULL = Style("例規", "full", "の次に")     # the width a city's own text uses: 「第１条」
STYLES = {"法令": HOREI, "例規": REIKI, "例規(全角)": REIKI_FULL, "例規(半角)": REIKI}

_SCOPE_WORDS = {"見出し": "の見出し", "表": "の表", "前の見出し": "の前の見出し"}
_TITLE_WORDS = {"章": "の章名", "節": "の節名", "款": "の款名", "目": "の目名", "編": "の編名"}
_STEMS = {"改める": "改め", "削る": "削り", "加える": "加え", "とする": "とし",
          "繰り下げる": "繰り下げ", "繰り上げる": "繰り上げ", "付する": "付し"}


def render(operations, style: Style | str = HOREI) -> str:
    """The instruction sentence for `operations` (one 条's changes)."""
    style = STYLES.get(style, HOREI) if isinstance(style, str) else style
    clauses: list[tuple[str, str]] = []     # (text before the verb, verb)
    previous: Address | None = None
    chain: tuple = ()                       # the 章・節 last written before a moved article
    moving = False      # the clause before moved a 項 (or イ) inside its holder: 「同条中第七項を…」
    for group in _groups(list(operations)):
        op = group[0]
        held, op = held_in(op)
        place = "" if _same_place(previous, op) else _place(op, previous, style)
        if held and held != chain:          # 「第五章中第四十六条を…」
            place = name(Address(held), style) + "中" + place
            chain = held
        body, verb = _clause([op] if held else group, place, style, previous, moving)
        clauses.append((body, verb))
        moving = isinstance(op, (Renumber, Shift)) and _inside(op.target)
        # after 「第N条の見出しを…に改め」 the article's text is 「同条中」; after a
        # range (「第一条及び第二条を…」) 「同条」 is the last one named, as it is read
        last = getattr(op, "last", None)
        previous = op.target.within("見出し") if isinstance(op, SetHeading) else \
            last if isinstance(last, Address) else op.target
    parts = [body + (_STEMS.get(verb, verb) if i + 1 < len(clauses) else verb)
             for i, (body, verb) in enumerate(clauses)]
    return "、".join(parts) + "。"


def held_in(op: Operation) -> tuple[tuple, Operation]:
    """A moved article named in its 章・節 (「第五章中第四十六条」), or a 節 moved,
    added or removed in its 章 (「第一章中第五節の次に次の二節を加える」): those
    steps, and the operation with the article or 節 named alone."""
    path = op.target.path
    if len(path) < 2 or any(kind not in CONTAINER_KINDS for kind, _ in path[:-1]) or not (
            isinstance(op, (Renumber, Shift)) and path[-1][0] == "条"
            or isinstance(op, (Renumber, Shift, Add, Remove, Rewrite)) and not op.target.scope
            and path[-1][0] in CONTAINER_KINDS):
        return (), op
    held = path[:-1]
    alone = lambda a: Address(a.path[-1:], a.scope, a.numbers[-1:]) if a.path[:-1] == held else a
    changes = {"target": alone(op.target)}
    for name in ("last", "to"):     # 「第二章中第二節を第三節とし」
        if getattr(op, name, None) is not None:
            changes[name] = alone(getattr(op, name))
    return held, replace(op, **changes)


def _groups(ops: list[Operation]) -> list[list[Operation]]:
    """Adjacent word changes of one kind on one place go into one clause."""
    out: list[list[Operation]] = []
    for op in ops:
        last = out[-1][0] if out else None
        if (last is not None and type(op) is type(last) and isinstance(op, (Replace, Delete, Insert))
                and op.target == last.target):
            out[-1].append(op)
        else:
            out.append([op])
    return out


def _same_place(previous: Address | None, op: Operation) -> bool:
    return (previous is not None and isinstance(op, (Replace, Delete, Insert))
            and previous == op.target)


def _place(op: Operation, previous: Address | None, style: Style) -> str:
    """Where a clause acts, 「第五条第二項中」, relative to the one before."""
    target = op.target
    if isinstance(op, (Replace, Delete, Insert)):
        return name(target, style, previous) + "中"
    if target.kind.startswith("細分") and previous is not None and previous != target \
            and previous.kind == target.kind and previous.parent() == target.parent():
        return _last(target, style)    # 「同号中ノをハとし、ケの次に…」: still inside 同号
    return name(target, style, previous, with_scope=not isinstance(op, SetHeading))


def name(target: Address, style: Style, previous: Address | None = None,
         *, with_scope: bool = True) -> str:
    """「第五条第二項」, 「同条第二項」 after another place in 第五条, 「同項」 for the
    same one; a policy's own numbering 「2の(1)」."""
    path = target.path
    if previous is not None and path:
        if previous.path[:len(path)] == path and path[-1][0] != "":
            # the same provision, or one that holds the last one named
            return "同" + _unit(path[-1][0]) + (_scope(target, style) if with_scope else "")
        common = 0
        while common < min(len(path), len(previous.path)) and path[common] == previous.path[common]:
            common += 1
        if 0 < common < len(path) and (path[common - 1][0] in ("条", "項", "号")
                                       or {path[common - 1][0], path[common][0]} <= set(CONTAINER_KINDS)):
            # inside what was just named: 「同条第二項」, 「同項第一号」
            rest = "".join(_step(target, i, style) for i in range(common, len(path)))
            return "同" + path[common - 1][0] + rest + (_scope(target, style) if with_scope else "")
    text = _steps(target, style)
    return text + (_scope(target, style) if with_scope else "")


def _steps(target: Address, style: Style) -> str:
    if target.path and all(kind == "" for kind, _ in target.path):
        return "の".join(_step(target, i, style) for i in range(len(target.path)))
    return "".join(_step(target, i, style) for i in range(len(target.path)))


def _step(target: Address, index: int, style: Style) -> str:
    kind, key = target.path[index]
    written = target.numbers[index] if index < len(target.numbers) else ""
    if kind == "":
        return written or style.number(key[0]) if key else written
    if kind in ("附則", "目次", "題名"):
        return kind
    if kind == "別表":
        return "別表" + ("第" + _branches(key, style) if key else "")
    if kind in CONTAINER_KINDS or kind in ("条", "項", "号"):
        head, *branches = key or (0,)
        text = f"第{style.number(head)}{kind}"
        return text + "".join("の" + style.number(b) for b in branches)
    if written:
        return written
    return IROHA[key[0] - 1] if key and key[0] <= len(IROHA) else ""


def _branches(key: tuple[int, ...], style: Style) -> str:
    return "の".join(style.number(k) for k in key)


def _scope(target: Address, style: Style) -> str:
    if not target.scope:
        return ""
    if target.scope == "見出し" and target.kind in _TITLE_WORDS:
        return _TITLE_WORDS[target.kind]
    return _SCOPE_WORDS.get(target.scope, target.scope)


def _unit(kind: str) -> str:
    return kind if kind in CONTAINER_KINDS or kind in ("条", "項", "号", "附則", "別表") else "号"


def _quote(text: str) -> str:
    return f"「{text}」"


def _join(items: list[str]) -> str:
    """「A」及び「B」; 「A」、「B」及び「C」."""
    if len(items) == 1:
        return items[0]
    return "、".join(items[:-1]) + "及び" + items[-1]


def _clause(group: list[Operation], place: str, style: Style,
            previous: Address | None, moving: bool = False) -> tuple[str, str]:
    op = group[0]
    if isinstance(op, Replace):
        if len(group) > 1 and len({o.new for o in group}) == 1:
            return place + _join([_quote(o.old) for o in group]) + f"を{_quote(op.new)}に", "改める"
        pairs = "、".join(f"{_quote(o.old)}を{_quote(o.new)}に" for o in group)
        return place + pairs, "改める"
    if isinstance(op, Delete):
        return place + _join([_quote(o.text) for o in group]) + "を", "削る"
    if isinstance(op, Insert):
        word = "の上に" if op.before else style.insert_after
        pairs = "、".join(f"{_quote(o.anchor)}{word}{_quote(o.text)}を" for o in group)
        return place + pairs, "加える"
    if isinstance(op, Rewrite):
        return _span(op, place, style, previous, moving) + "を次のように", "改める"
    if isinstance(op, Add):
        first = _as_first(op, style, previous)
        if first:
            return first, "加える"
        where = {"end": "に", "after": "の次に", "before": "の前に"}[op.position]
        # A policy's own numbering and the items below a 号 (イ, ア, (ア)) are
        # not counted: 「ケの次に次のように加える」.
        if all(b.kind == "" or b.kind.startswith("細分") for b in op.provisions):
            return place + where + "次のように", "加える"
        return place + where + "次の" + _count(op.provisions, style) + "を", "加える"
    if isinstance(op, Remove):
        return _span(op, place, style, previous, moving) + "を", "削る"
    if isinstance(op, Renumber):
        return _renumber(op, place, style, previous, moving), "とする"
    if isinstance(op, Shift):
        moved = abs(op.by)
        unit = _unit(op.target.kind)
        return (_span(op, place, style, previous, moving) + f"を{style.number(moved)}{unit}ずつ",
                "繰り下げる" if op.by > 0 else "繰り上げる")
    if isinstance(op, Append):
        return place + f"に次の{op.part}を", "加える"
    if isinstance(op, SetHeading):
        if op.attach:
            return place + f"に見出しとして{_quote('（' + op.heading + '）')}を", "付する"
        if op.target.kind in _TITLE_WORDS:    # 「第二章の章名を「総則」に改める」
            return place + f"{_TITLE_WORDS[op.target.kind]}を{_quote(op.heading)}に", "改める"
        if not op.heading:
            return place + "の見出しを", "削る"
        return place + f"の見出しを{_quote('（' + op.heading + '）')}に", "改める"
    raise ValueError(f"cannot render {op!r}")


def _as_first(op: Add, style: Style, previous: Address | None) -> str | None:
    """A new first 項 or 号 is added to what holds it, as the first:
    「同条に第一項として次の一項を加え」, 「同条に第１号として次の１号を加え」."""
    target = op.target
    if op.position != "before" or target.kind not in ("項", "号") or target.key != (1,) \
            or len(target.path) < 2 or any(b.kind != target.kind for b in op.provisions):
        return None
    return (name(target.parent(), style, previous) + f"に第{style.number(1)}{target.kind}として次の"
            + _count(op.provisions, style) + "を")


def _span(op, place: str, style: Style, previous: Address | None, moving: bool = False) -> str:
    last = getattr(op, "last", None)
    if isinstance(op, Shift) and op.target.kind == "項":
        place = _paragraph_place(op.target, style, previous, moving)
    if last is None:
        return place
    end = _last(last, style)
    first = op.target.path[-1][1]
    adjacent = len(first) == len(last.key) and last.key[-1] - first[-1] == 1 \
        and first[:-1] == last.key[:-1]
    return place + ("及び" if adjacent else "から") + end + ("" if adjacent else "まで")


def _renumber(op: Renumber, place: str, style: Style, previous: Address | None,
              moving: bool = False) -> str:
    to = op.to or op.target
    # 項 and the items below a 号 move inside what holds them: 「第三十八条中第七項を
    # 第九項とし」, 「同号中ノをハとし」.
    if _inside(op.target) and len(op.target.path) > 1 and previous != op.target:
        return _paragraph_place(op.target, style, previous, moving) + "を" + _last(to, style)
    into = name(op.into, style) + "中" if op.into is not None else ""
    return place + "を" + into + name(to, style, op.target, with_scope=False)


def _inside(target: Address) -> bool:
    return target.kind == "項" or target.kind.startswith("細分")


def _paragraph_place(target: Address, style: Style, previous: Address | None,
                     moving: bool = False) -> str:
    """項 move inside their article: 「第三十八条中第七項を第九項とし、第四項から
    第六項までを二項ずつ繰り下げ」 — the article once, then the bare numbers
    while the moves go on (after another clause, 「同条中第二項を…」)."""
    if moving and previous is not None and previous.parent() == target.parent() \
            and previous != target:
        return _last(target, style)
    return name(target.parent(), style, previous) + "中" + _last(target, style)


def _last(target: Address, style: Style) -> str:
    return _steps(Address(target.path[-1:], "", target.numbers[-1:]), style)


def _count(blocks, style: Style) -> str:
    kinds = {b.kind for b in blocks}
    unit = _unit(next(iter(kinds))) if len(kinds) == 1 else "条"
    return style.number(len(blocks)) + unit
