"""Word changes of one paragraph as 「「A」を「B」に改め」, 「「A」を削り」,
「「A」の下に「B」を加え」, each proven on the text as it then stands.

The changes come from the comparison's character diff (diff/inline.py:
changes widened to whole words — Sudachi's, with legal units whole). Each
quote must hit exactly the occurrences meant in its scope — every A in the
scope changes — so a quote that is found elsewhere too is widened by whole
words on either side, or the scope narrowed to the provision's own sentences
(各号列記以外の部分), until it does. A quote never ends with the paragraph's
final 「。」. Each accepted operation is applied to the live tree at once, so
the next one is counted on the text as it will then read.
"""
from __future__ import annotations

from dataclasses import replace as _with

from ..diff import words
from ..diff.inline import CHANGE, diff
from . import brackets
from .operations import Address, Delete, Insert, Replace
from .scope import spans

MAX_WIDEN = 6          # words added on a side before giving up
CONNECTORS = ("、", "（", "及び", "又は", "並びに", "若しくは", "その他", "，")
PARTICLES = "がのをにへとでやはもな"
STOP = ("を", "に", "は", "が", "の", "、", "。", "と", "で", "も", "へ", "なら", "（", "「")
MERGE_GAP = 5          # changes closer than this are one quote (「左の各号の一」)


def paragraph_ops(state, node, index, new_text: str, places: list[Address]) -> list | None:
    """Operations turning `node`'s paragraph `index` (None: its heading) in
    the live tree `state` into `new_text`, tried in each of `places` (the
    provision and its narrower scopes); None when no quote can be made."""
    current = node.heading if index is None else node.text[index]
    pieces = _pieces(current, new_text)
    done = [p[0] != CHANGE for p in pieces]
    out = []
    for i, piece in enumerate(pieces):
        if done[i]:
            continue
        op = _one(state, node, index, pieces, done, i, places)
        if op is None:
            return None
        out.append(op)
    now = node.heading if index is None else node.text[index]
    return out if now == new_text else None


def _pieces(old: str, new: str) -> list[list]:
    pieces = [[p.op, p.old, p.new] for p in diff(old, new)]
    merged: list[list] = []
    for piece in pieces:
        if (len(merged) >= 2 and piece[0] == CHANGE and merged[-1][0] != CHANGE
                and merged[-2][0] == CHANGE and len(merged[-1][1]) < MERGE_GAP
                and not any(c in merged[-1][1] for c in "、。「」（）")):
            gap = merged.pop()[1]
            merged[-1][1] += gap + piece[1]
            merged[-1][2] += gap + piece[2]
        else:
            merged.append(piece)
    return merged


def _text(pieces, done) -> str:
    return "".join(p[2] if done[k] else p[1] for k, p in enumerate(pieces))


def _one(state, node, index, pieces, done, i, places):
    cur = _text(pieces, done)
    start = sum(len(p[2] if done[k] else p[1]) for k, p in enumerate(pieces[:i]))
    old_p, new_p = pieces[i][1], pieces[i][2]
    cp = _common(old_p, new_p)
    cs = _common(old_p[cp:][::-1], new_p[cp:][::-1])
    s0, e0 = start + cp, start + len(old_p) - cs
    ins = new_p[cp:len(new_p) - cs]
    if not ins and e0 > s0 and cur[e0 - 1] == "、" and cur[s0 - 1:s0] == "、":
        s0, e0 = s0 - 1, e0 - 1        # the 読点 goes with the words after it: 「、X」
    for left, right in _spans(cur, s0, e0, ins):
        whole = brackets.widened(cur, _bounds(pieces, done), i, (left, right), (s0, e0, ins))
        if whole is None:
            continue
        left, right, new_q, covered = whole
        old_q = cur[left:right]
        if right == len(cur) and old_q.endswith("。") and new_q.endswith("。"):
            old_q, new_q = old_q[:-1], new_q[:-1]
        if not old_q:
            continue
        for op in _forms(old_q, new_q):
            for place in places:
                found = _try(state, node, index, place, op, cur, pieces, done, i, covered)
                if found is not None:
                    return found
    return None


def _bounds(pieces, done) -> list[tuple[int, int, str, bool]]:
    """Each piece in the text as it now reads: (start, end, its new text, still
    to change)."""
    out, at = [], 0
    for k, p in enumerate(pieces):
        now = p[2] if done[k] else p[1]
        out.append((at, at + len(now), p[2], p[0] == CHANGE and not done[k]))
        at += len(now)
    return out


def _common(a: str, b: str) -> int:
    n = 0
    while n < len(a) and n < len(b) and a[n] == b[n]:
        n += 1
    return n


def _spans(cur: str, s0: int, e0: int, ins: str):
    """Where the quote may begin and end, the likeliest first: the changed
    words whole (in the old text and in the new), then a word more on one
    side or the other, then the whole text (a heading is unique)."""
    after = cur[:s0] + ins + cur[e0:]
    wide = 2 * words.WINDOW
    old_b = words.boundaries(cur, s0 - wide, e0 + wide)
    new_b = words.boundaries(after, s0 - wide, s0 + len(ins) + wide)
    left = max((b for b in old_b if b <= s0 and b in new_b), default=0)
    right = next((e0 + t for t in range(len(cur) - e0 + 1)
                  if e0 + t in old_b and s0 + len(ins) + t in new_b), len(cur))
    lefts = [left] + sorted((b for b in old_b if b < left), reverse=True)[:MAX_WIDEN]
    rights = [right] + sorted(b for b in old_b if b > right)[:MAX_WIDEN]
    out = []
    tail = _ending(cur, right)
    if tail == right and right > 0 and cur[right - 1] not in "）」。、":
        # a verb that only the new words make: 「…に記録」+「しなければ」
        at = s0 + len(ins) + (right - e0)
        tail = right + _ending(after, at) - at
    if tail > right and not (left == right):
        out.append((left, tail))            # a verb whole: 「明らかにしなければ」
    if left == right:       # a pure insertion between two words
        if ins.startswith(CONNECTORS):       # 「「A」の下に「、B」を加える」
            out += sorted([(lefts[k], right) for k in range(1, len(lefts))],
                          key=lambda s: _loose(cur[s[0]:s[1]]))
        else:       # a word grows: 「審判書」→「電子審判書」, 「事業者」→「事業者等」
            grow_next = [(left, rights[k]) for k in range(1, len(rights))]
            grow_prev = [(lefts[k], right) for k in range(1, len(lefts))]
            # Kanji joined to kanji make one compound, which grows whole on that
            # side before the quote turns to the other (「電子」 before 「審判書」
            # is 「電子審判書」, never 「より電子」).
            to_next = right < len(cur) and _kanji(cur[right]) and _kanji(ins[-1])
            to_prev = left > 0 and _kanji(cur[left - 1]) and _kanji(ins[0])
            if to_next != to_prev:
                both = grow_next + grow_prev if to_next else grow_prev + grow_next
            else:
                first, second = (grow_next, grow_prev) if len(ins) > 1 else (grow_prev, grow_next)
                both = [s for pair in zip(first, second) for s in pair]
            out += sorted(both, key=lambda s: _loose(cur[s[0]:s[1]]))
    out += [(lefts[lw], rights[width - lw]) for width in range(0, 2 * MAX_WIDEN + 1)
            for lw in range(0, min(width, len(lefts) - 1) + 1) if width - lw < len(rights)]
    out.append((0, len(cur)))
    seen = set()
    return [s for s in out if not (s in seen or seen.add(s))]


def _ending(cur: str, at: int) -> int:
    """After a quote ending in a kanji, the hiragana that conjugate it
    (「滅失」→「滅失した」), up to a particle or 「なら」."""
    if at == 0 or at >= len(cur) or not _kanji(cur[at - 1]):
        return at
    end = at
    while end < len(cur) and "\u3041" <= cur[end] <= "\u309f" and not cur.startswith(STOP, end):
        end += 1
    return end if end == len(cur) or end in words.boundaries(cur, at - 8, end + 8) else at


def _kanji(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff" or c in "々〇"


def _loose(quote: str) -> bool:
    """A quote that begins with a particle or an ending (「が」, 「な電線路」)
    is not a unit of its own."""
    return not quote or quote[0] in PARTICLES or quote[0] in "、。）」"


def _forms(old_q: str, new_q: str):
    """The ways to say one change, the usual first: 削る for a deletion,
    加える where the new words begin with 「、」, 「（」 or a conjunction."""
    if not new_q:
        yield Delete(Address(()), old_q)
        return
    if new_q.startswith(old_q) and new_q[len(old_q):].startswith(CONNECTORS):
        yield Insert(Address(()), old_q, new_q[len(old_q):])
    if old_q.startswith(new_q) and old_q[len(new_q):].startswith(CONNECTORS):
        yield Delete(Address(()), old_q[len(new_q):])
    yield Replace(Address(()), old_q, new_q)


def _try(state, node, index, place, op, cur, pieces, done, i, covered=()):
    """Apply `op` at `place` when it makes exactly the intended change (this
    occurrence, or this one and later identical ones) and nothing else."""
    target = state.resolve(place.whole())
    found = spans(target, place.scope)
    if not found or not any(h is node and k == index for h, k, *_ in found):
        return None
    pattern = op.old if isinstance(op, Replace) else op.text if isinstance(op, Delete) else op.anchor
    count = sum(text[a:b].count(pattern) for _, _, text, a, b in found)
    if count == 0:
        return None
    if isinstance(op, Insert):
        fix = lambda s: s.replace(op.anchor, op.anchor + op.text)
    elif isinstance(op, Delete):
        fix = lambda s: s.replace(op.text, "")
    else:
        fix = lambda s: s.replace(op.old, op.new)
    for holder, k, text, a, b in found:
        if (holder, k) != (node, index) and fix(text[a:b]) != text[a:b]:
            return None  # it would change another paragraph of the scope
    after = fix(cur)
    single = _text(pieces, [d or j == i or j in covered for j, d in enumerate(done)])
    if after == single:
        for j in (i, *covered):
            done[j] = True
    else:
        same = [j for j in range(i, len(pieces)) if not done[j] and pieces[j][0] == CHANGE
                and pieces[j][1] == pieces[i][1] and pieces[j][2] == pieces[i][2]]
        if after != _text(pieces, [d or j in same for j, d in enumerate(done)]):
            return None
        for j in same:
            done[j] = True
    op = _with(op, target=place, count=count)
    state.do(op)
    return op
