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
from .operations import Address, Delete, Insert, Replace
from .scope import spans

MAX_WIDEN = 6          # words added on a side before giving up
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
    end = start + len(pieces[i][1])
    nxt = next((k for k in range(i + 1, len(pieces)) if not done[k]), None)
    limit = end + sum(len(pieces[k][2] if done[k] else pieces[k][1])
                      for k in range(i + 1, nxt)) if nxt is not None else len(cur)
    near = sorted(words.boundaries(cur, start - 4 * words.WINDOW, end + 4 * words.WINDOW))
    lefts = [start] + [b for b in reversed(near) if b < start][:MAX_WIDEN]
    rights = [end] + [b for b in near if end < b <= limit][:MAX_WIDEN]
    spans_ = [(lefts[lw], rights[width - lw]) for width in range(0, 2 * MAX_WIDEN + 1)
              for lw in range(0, min(width, len(lefts) - 1) + 1) if width - lw < len(rights)]
    spans_.append((0, len(cur)))   # last resort: the whole text (a heading is unique)
    for left, right in spans_:
        old_q = cur[left:right]
        new_q = cur[left:start] + pieces[i][2] + cur[end:right]
        if right == len(cur) and old_q.endswith("。") and new_q.endswith("。"):
            old_q, new_q = old_q[:-1], new_q[:-1]
        if not old_q:
            continue
        for op in _forms(old_q, new_q, (left, right) == (start, end)):
            for place in places:
                found = _try(state, node, index, place, op, cur, pieces, done, i)
                if found is not None:
                    return found
    return None


def _forms(old_q: str, new_q: str, narrow: bool):
    """The ways to say one change, the usual first: 削る for a deletion,
    加える where the new words follow the old as a unit of their own."""
    if not new_q:
        yield Delete(Address(()), old_q)
        return
    if narrow and new_q.startswith(old_q) and len(new_q) > len(old_q) \
            and len(old_q) in words.boundaries(new_q, 0, len(new_q)):
        yield Insert(Address(()), old_q, new_q[len(old_q):])
    if narrow and old_q.startswith(new_q) and len(old_q) > len(new_q) \
            and len(new_q) in words.boundaries(old_q, 0, len(old_q)):
        yield Delete(Address(()), old_q[len(new_q):])
    yield Replace(Address(()), old_q, new_q)


def _try(state, node, index, place, op, cur, pieces, done, i):
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
    single = _text(pieces, [d or j == i for j, d in enumerate(done)])
    if after == single:
        done[i] = True
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
