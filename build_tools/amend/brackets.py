"""A quote is a whole unit of meaning, so it never holds one bracket of a pair
(「場合（」, 「、「」): a reader could not tell where it ends. A quote that would
is widened over the whole bracketed unit — and over the other changes inside
that unit, said in the same quote."""
from __future__ import annotations

PAIRS = {"（": "）", "「": "」", "(": ")"}
_OPENERS = {v: k for k, v in PAIRS.items()}


def balanced(text: str) -> bool:
    return _unmatched(text) == (None, None)


def _unmatched(text: str) -> tuple[int | None, int | None]:
    """The first closer without its opener and the last opener without its
    closer, as indexes into `text`."""
    stack: list[int] = []
    closer = None
    for k, c in enumerate(text):
        if c in PAIRS:
            stack.append(k)
        elif c in _OPENERS:
            if stack and text[stack[-1]] == _OPENERS[c]:
                stack.pop()
            elif closer is None:
                closer = k
    return closer, (stack[-1] if stack else None)


def _partner(text: str, at: int) -> int | None:
    """The index of the bracket that pairs with the one at `at`."""
    c = text[at]
    mine, other, step = (c, PAIRS[c], 1) if c in PAIRS else (c, _OPENERS[c], -1)
    depth, k = 0, at
    while 0 <= k < len(text):
        if text[k] == mine:
            depth += 1
        elif text[k] == other:
            depth -= 1
            if depth == 0:
                return k
        k += step
    return None


def widened(cur: str, bounds, i: int, span: tuple[int, int], change):
    """(left, right, the new words, the other pieces said with it) for the
    quote `span` of `cur` that makes piece `i`'s `change` (s0, e0, inserted),
    its brackets whole in the old words and the new; None when they cannot be.
    `bounds` are the pieces as diff-pieces in `cur` (start, end, new text,
    still to change)."""
    s0, e0, ins = change
    left, right = span
    covered: set[int] = set()
    for _ in range(len(cur) + 1):
        closer, opener = _unmatched(cur[left:right])
        if closer is not None or opener is not None:
            mate = _partner(cur, left + (closer if closer is not None else opener))
            if mate is None:
                return None
            left, right = min(left, mate), max(right, mate + 1)
            continue
        grown = False
        for j, (a, b, _, open_) in enumerate(bounds):
            if j == i or not open_ or j in covered or not (a < right and b > left or left < a == b < right):
                continue
            covered.add(j)          # another change inside the unit: said in this quote too
            if a < left or b > right:
                left, right, grown = min(left, a), max(right, b), True
        if not grown:
            break
    new = ""
    for j, (a, b, text, _) in enumerate(bounds):
        lo, hi = max(a, left), min(b, right)
        if j == i:
            new += cur[lo:s0] + ins + cur[e0:hi] if lo <= s0 and e0 <= hi else cur[lo:hi]
        elif j in covered:
            new += text
        elif lo < hi:
            new += cur[lo:hi]
    if not balanced(new):
        return None
    return left, right, new, tuple(sorted(covered))
