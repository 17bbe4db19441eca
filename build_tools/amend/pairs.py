"""Which old provision became which new one.

Sections (章・節・条, a policy's headings) pair as the 新旧対照表 pairs them
(diff/align.py, renumbering chains included). Inside a section the 項・号 …
pair in order, by text similarity (align.similarity on bigrams). A pair that
crosses another, or moves to another parent, is dropped: the provision is
then removed and added, which a 改め文 can always say.
"""
from __future__ import annotations

from bisect import bisect_left

from ..diff.align import _bigrams, align, similarity
from ..diff.units import units_of
from ..provisions import Provision

MIN_SIMILARITY = 0.3
SLIDE_MARGIN = 0.1


def pair(old_doc, new_doc, old_root: Provision, new_root: Provision) -> dict[int, Provision]:
    """{id(old provision): new provision} for every provision that stays.
    Without documents (trees made in code) everything pairs by text."""
    sections = align(units_of(old_doc), units_of(new_doc)) if old_doc and new_doc else {}
    by_index = {p.section.index: p for p in new_root.walk() if p.section is not None}
    pairs = Pairs()
    pairs[id(old_root)] = new_root
    for p in old_root.walk():
        if p.section is not None and p.section.index in sections:
            partner = by_index.get(sections[p.section.index])
            if partner is not None:
                pairs[id(p)] = partner
    try:
        _children(old_root, new_root, pairs)
    finally:
        _GRAMS.clear()
    return pairs


def _children(old: Provision, new: Provision, pairs: dict[int, Provision]) -> None:
    """Keep the section pairs below `old` that stay under `new` in order, and
    pair the other children by text."""
    new_ids = {id(c): i for i, c in enumerate(new.children)}
    _slide(old, new, pairs, new_ids)
    linked = [(i, new_ids[id(pairs[id(c)])]) for i, c in enumerate(old.children)
              if c.section is not None and id(c) in pairs and id(pairs[id(c)]) in new_ids]
    kept = set(_increasing(linked))
    for i, c in enumerate(old.children):
        if c.section is not None and id(c) in pairs and i not in kept:
            _drop(c, pairs)
    for c in old.children:
        if c.section is not None and id(c) not in pairs:
            _drop(c, pairs)
    # The children that are not sections, between the section anchors.
    old_rest = [i for i, c in enumerate(old.children) if c.section is None]
    new_rest = [i for i, c in enumerate(new.children) if c.section is None]
    taken = {new_ids[id(pairs[id(c)])] for c in old.children if id(c) in pairs}
    new_rest = [j for j in new_rest if j not in taken]
    for i, j in _match([old.children[i] for i in old_rest], [new.children[j] for j in new_rest]):
        pairs[id(old.children[old_rest[i]])] = new.children[new_rest[j]]
    # The section pairs and the text pairs together must keep their order.
    linked = sorted((i, new_ids[id(pairs[id(c)])]) for i, c in enumerate(old.children)
                    if id(c) in pairs)
    kept = set(_increasing(linked))
    for i, c in enumerate(old.children):
        if id(c) in pairs and i not in kept:
            _drop(c, pairs)
    for c in old.children:
        if id(c) in pairs:
            _children(c, pairs[id(c)], pairs)


class Pairs(dict):
    """{id(old): new}, knowing which new provisions are taken."""

    def __init__(self):
        super().__init__()
        self.taken: set[int] = set()

    def __setitem__(self, key, value):
        if key in self:
            self.taken.discard(id(self[key]))
        super().__setitem__(key, value)
        self.taken.add(id(value))

    def pop(self, key, default=None):
        if key in self:
            self.taken.discard(id(self[key]))
        return super().pop(key, default)


def _slide(old: Provision, new: Provision, pairs, new_ids) -> None:
    """A section paired by its number while the next (or previous) new one,
    still unpaired, is its text: the middle of a renumbering the label and
    number bonuses of the alignment pulled the wrong way (旅館業法 第三条の二,
    which became 第三条の三 when a new 第三条の二 came in)."""
    taken = pairs.taken
    for c in old.children:
        n = pairs.get(id(c))
        if c.section is None or n is None or id(n) not in new_ids:
            continue
        j = new_ids[id(n)]
        here = similarity(_grams(c), _grams(n))
        for k in (j + 1, j - 1):
            if not 0 <= k < len(new.children):
                continue
            other = new.children[k]
            if id(other) in taken or other.kind != c.kind:
                continue
            if similarity(_grams(c), _grams(other)) > here + SLIDE_MARGIN:
                _drop(c, pairs)
                pairs[id(c)] = other
                break


def _drop(node: Provision, pairs) -> None:
    for p in node.walk():
        pairs.pop(id(p), None)


def _increasing(linked: list[tuple[int, int]]) -> list[int]:
    """The old indexes of a longest run of pairs whose new indexes increase."""
    tails: list[int] = []
    at: list[int] = []
    back: list[int] = []
    for k, (_, j) in enumerate(linked):
        pos = bisect_left(tails, j)
        if pos == len(tails):
            tails.append(j)
            at.append(k)
        else:
            tails[pos] = j
            at[pos] = k
        back.append(at[pos - 1] if pos else -1)
    out, k = [], at[-1] if at else -1
    while k >= 0:
        out.append(linked[k][0])
        k = back[k]
    return out[::-1]


_GRAMS: dict[int, tuple[Provision, set]] = {}


def _grams(node: Provision) -> set:
    """The bigrams of a provision's text, once per provision (the entry keeps
    the provision alive, so its id is not reused while it is cached)."""
    hit = _GRAMS.get(id(node))
    if hit is None or hit[0] is not node:
        hit = _GRAMS[id(node)] = (node, _bigrams(text_of(node)))
    return hit[1]


def text_of(node: Provision) -> str:
    return "\n".join([node.heading] + [t for p in node.walk() for t in p.text])


def _match(old: list[Provision], new: list[Provision]) -> list[tuple[int, int]]:
    """An order-keeping pairing of two lists of provisions that maximises
    their similarity (each pair of one kind, at least MIN_SIMILARITY)."""
    if not old or not new:
        return []
    grams_old = [_grams(p) for p in old]
    grams_new = [_grams(p) for p in new]
    n, m = len(old), len(new)
    score = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            best = max(score[i + 1][j], score[i][j + 1])
            gain = _gain(old[i], new[j], grams_old[i], grams_new[j])
            if gain is not None:
                best = max(best, score[i + 1][j + 1] + gain)
            score[i][j] = best
    out, i, j = [], 0, 0
    while i < n and j < m:
        gain = _gain(old[i], new[j], grams_old[i], grams_new[j])
        if gain is not None and score[i][j] == score[i + 1][j + 1] + gain:
            out.append((i, j))
            i, j = i + 1, j + 1
        elif score[i][j] == score[i + 1][j]:
            i += 1
        else:
            j += 1
    return out


def _gain(a: Provision, b: Provision, ga, gb) -> float | None:
    if a.kind != b.kind:
        return None
    if text_of(a) == text_of(b):
        return 2.0
    value = similarity(ga, gb)
    # An item (号, イ) of the same number in the same place is the same item
    # rewritten (「ロを次のように改める」), not one removed and another added;
    # the maximum still prefers a renumbered sibling whose text stayed. (Not
    # 項: an article's first 項 has no number of its own to go by.)
    if value < MIN_SIMILARITY and not (a.key == b.key and _item(a)):
        return None
    return value + (0.1 if a.key == b.key else 0.0)


def _item(node: Provision) -> bool:
    return node.kind == "号" or node.kind.startswith("細分")
