"""Section alignment: which old unit became which new unit.

Order of evidence (DESIGN.md §6): identical text, then label, then number and
title, then text similarity. A label is strong evidence, not an absolute:
statutes imported from e-Gov carry labels derived from article numbers, and a
renumbering chain (old 第十条 → new 第十一条, a new 第十条 inserted) must pair
by content. So each candidate pair gets a score — text similarity plus a bonus
for the same label, title and number — and pairs are taken greedily, best
first. A pair must score at least MIN_SCORE. Where label and title both
agree the pair is fixed before any scoring.
"""
from __future__ import annotations

from collections import Counter, defaultdict

from .units import Unit

LABEL_BONUS = 0.35
TITLE_BONUS = 0.10
NUMBER_BONUS = 0.05
MIN_SCORE = 0.45
MIN_SIMILARITY = 0.2
SHINGLE = 4
MAX_POSTING = 8     # a 4-gram found in more sections than this says nothing
CANDIDATES = 6      # similar sections considered per new section


def _text(unit: Unit) -> str:
    return unit.title + "\n" + unit.body


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)}


def similarity(a: set, b: set) -> float:
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


def align(old: list[Unit], new: list[Unit]) -> dict[int, int]:
    """{old index: new index} for the units that are the same section."""
    pairs: dict[int, int] = {}
    taken_new: set[int] = set()

    # 1. Identical heading+text, unique on both sides (「削除」 is not unique).
    def keyed(units):
        counts = Counter((u.title, u.body) for u in units)
        return {(u.title, u.body): u.index for u in units
                if counts[(u.title, u.body)] == 1 and len(u.body) >= 8}
    old_keys, new_keys = keyed(old), keyed(new)
    for key, o in old_keys.items():
        n = new_keys.get(key)
        if n is not None and _compatible(old[o], new[n]):
            pairs[o] = n
            taken_new.add(n)

    # 1b. Same label and same title: every piece of identity agrees.
    by_label = {(u.label, u.title): u.index for u in new
                if u.label and u.title and u.index not in taken_new}
    for u in old:
        n = by_label.get((u.label, u.title))
        if u.index not in pairs and n is not None and n not in taken_new \
                and _compatible(u, new[n]):
            pairs[u.index] = n
            taken_new.add(n)

    rest_old = [u for u in old if u.index not in pairs]
    rest_new = [u for u in new if u.index not in taken_new]
    if not rest_old or not rest_new:
        return pairs

    # 2. Candidates: same label, same title, same number, or shared rare text.
    candidates: set[tuple[int, int]] = set()
    for attr in ("label", "title", "number_key"):
        index = defaultdict(list)
        for u in rest_old:
            value = getattr(u, attr)
            if value:
                index[value].append(u.index)
        for u in rest_new:
            for o in index.get(getattr(u, attr) or None, ()):
                candidates.add((o, u.index))
    postings = defaultdict(list)
    for u in rest_old:
        text = _text(u)
        for gram in {text[i:i + SHINGLE] for i in range(len(text) - SHINGLE + 1)}:
            postings[gram].append(u.index)
    for u in rest_new:
        text = _text(u)
        hits = Counter()
        for gram in {text[i:i + SHINGLE] for i in range(len(text) - SHINGLE + 1)}:
            found = postings.get(gram)
            if found and len(found) <= MAX_POSTING:
                hits.update(found)
        for o, _ in hits.most_common(CANDIDATES):
            candidates.add((o, u.index))

    # 3. Score and take the best pairs first.
    grams: dict[tuple[str, int], set] = {}

    def gram_set(side, unit):
        key = (side, unit.index)
        if key not in grams:
            grams[key] = _bigrams(_text(unit))
        return grams[key]

    scored = []
    for o, n in candidates:
        a, b = old[o], new[n]
        if not _compatible(a, b):
            continue
        score = similarity(gram_set("o", a), gram_set("n", b))
        if score < MIN_SIMILARITY:
            continue  # a shared label or number does not make different texts one section
        if a.label and a.label == b.label:
            score += LABEL_BONUS
        if a.title and a.title == b.title:
            score += TITLE_BONUS
        if a.number_key and a.number_key == b.number_key:
            score += NUMBER_BONUS
        if score >= MIN_SCORE:
            scored.append((-score, o, n))
    for _, o, n in sorted(scored):
        if o in pairs or n in taken_new:
            continue
        pairs[o] = n
        taken_new.add(n)

    # 4. A section between two aligned neighbours, with a like one between
    #    their partners, is that one (the middle of a renumbered chain).
    for u in old:
        o = u.index
        if o in pairs or o - 1 not in pairs or o + 1 not in pairs:
            continue
        low, high = pairs[o - 1], pairs[o + 1]
        if not 0 < high - low <= 4:
            continue
        between = [new[k] for k in range(low + 1, high)
                   if k not in taken_new and new[k].kind == u.kind and _compatible(u, new[k])]
        best = max(between, default=None,
                   key=lambda v: similarity(_bigrams(_text(u)), _bigrams(_text(v))))
        if best is not None and similarity(
                _bigrams(_text(u)), _bigrams(_text(best))) >= MIN_SIMILARITY:
            pairs[o] = best.index
            taken_new.add(best.index)

    # 5. A heading renamed in place (章・節・款: no text of its own): the same
    #    kind and number under the same parent, holding what the new one holds.
    children, old_children = defaultdict(list), defaultdict(list)
    for v in new:
        children[v.parent].append(v.index)
    for w in old:
        old_children[w.parent].append(w.index)
    for u in old:
        if u.index in pairs or u.body or not u.number_key:
            continue
        parent = pairs.get(u.parent) if u.parent is not None else None
        if u.parent is not None and parent is None:
            continue
        held = [pairs.get(w) for w in old_children[u.index]]
        for k in children[parent]:
            v = new[k]
            if k in taken_new or v.body or v.number_key != u.number_key or v.kind != u.kind:
                continue
            if held and not set(held) & set(children[k]):
                continue
            pairs[u.index] = k
            taken_new.add(k)
            break
    return pairs


def _compatible(a: Unit, b: Unit) -> bool:
    """A chapter never pairs with an article (statutes say which is which)."""
    return not (a.kind and b.kind and a.kind != b.kind)
