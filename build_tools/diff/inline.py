"""Character diff of two texts, readable in Japanese.

diff-match-patch does the core work; its default one-second timeout silently
degrades large diffs, so it is switched off. Semantic cleanup merges stray
matches (a lone 「の」), and each change is then widened to whole words on
both sides (words.py: Sudachi's words, legal units kept whole): reviewers
underline 「又は」 and 「第九十九条の十四」, 「500円」 and 「平成24年2月」, never a
fragment of a word.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from diff_match_patch import diff_match_patch

from . import words

EQUAL, CHANGE = "equal", "change"
SENTENCE_MODE = 200  # characters


@dataclass(frozen=True)
class Piece:
    """One stretch of the comparison: `old` and `new` are equal for EQUAL."""

    op: str
    old: str
    new: str


def _engine() -> diff_match_patch:
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0  # never trade correctness for time
    return dmp


_DMP = _engine()


def _is_punct(text: str) -> bool:
    return bool(text) and all(unicodedata.category(c)[0] in "PZ" for c in text)


def diff(old: str, new: str) -> list[Piece]:
    """The pieces that turn `old` into `new`; joining the `old` (or `new`)
    sides of the pieces gives `old` (or `new`) back exactly."""
    if old == new:
        return [Piece(EQUAL, old, old)] if old else []
    if len(old) > SENTENCE_MODE and len(new) > SENTENCE_MODE and "\n" not in old + new:
        # Long texts: diff sentence by sentence first, then characters within
        # the changed sentences (diff-match-patch's line mode, one sentence a
        # line) — same result on real text, far fewer bisections.
        raw = _DMP.diff_main(old.replace("。", "。\n"), new.replace("。", "。\n"), True)
        raw = [(op, text.replace("\n", "")) for op, text in raw]
        raw = [(op, text) for op, text in raw if text]
    else:
        raw = _DMP.diff_main(old, new, False)
    _DMP.diff_cleanupSemantic(raw)
    # Normalise to alternating EQUAL / CHANGE pieces.
    pieces: list[list] = []  # [op, old, new]
    for op, text in raw:
        kind = EQUAL if op == 0 else CHANGE
        if pieces and pieces[-1][0] == kind:
            last = pieces[-1]
        else:
            last = [kind, "", ""]
            pieces.append(last)
        if op <= 0:
            last[1] += text
        if op >= 0:
            last[2] += text
    _widen(pieces, old, new)
    return [Piece(op, o, n) for op, o, n in pieces if o or n]


def _widen(pieces: list[list], old: str, new: str) -> None:
    """Grow each CHANGE to word boundaries of both texts, taking the
    characters from its EQUAL neighbours (on both sides, so the texts stay
    intact). A change that is only punctuation, or that one text does not
    have at all (an insertion, a deletion), takes the word before it (at the
    very start, the word after it), so both columns mark the place."""
    po = pn = 0  # where the current piece starts in old and in new
    for i, piece in enumerate(pieces):
        if piece[0] != CHANGE:
            po, pn = po + len(piece[1]), pn + len(piece[2])
            continue
        near_old = words.around(old, po, po + len(piece[1]))
        near_new = words.around(new, pn, pn + len(piece[2]))
        one_sided = not piece[1] or not piece[2]
        if i > 0:
            eq = pieces[i - 1][1]
            first = 1 if one_sided or all(_is_punct(t) for t in (piece[1], piece[2]) if t) else 0
            take = next((t for t in range(first, min(len(eq), words.WINDOW) + 1)
                         if po - t in near_old and pn - t in near_new), None)
            if take is None:  # no word ends in the stretch since the last change: join it
                take = len(eq) if i >= 2 and len(eq) <= words.WINDOW else 0
            if take:
                moved = eq[len(eq) - take:]
                pieces[i - 1][1] = pieces[i - 1][2] = eq[:len(eq) - take]
                piece[1], piece[2] = moved + piece[1], moved + piece[2]
                po, pn = po - take, pn - take
        eo, en = po + len(piece[1]), pn + len(piece[2])
        if i + 1 < len(pieces):
            eq = pieces[i + 1][1]
            first = 1 if (not piece[1] or not piece[2]) else 0
            take = next((t for t in range(first, min(len(eq), words.WINDOW) + 1)
                         if eo + t in near_old and en + t in near_new), None)
            if take is None:  # no word ends before the next change: join it
                take = len(eq) if i + 2 < len(pieces) and len(eq) <= words.WINDOW else 0
            if take:
                moved = eq[:take]
                pieces[i + 1][1] = pieces[i + 1][2] = eq[take:]
                piece[1], piece[2] = piece[1] + moved, piece[2] + moved
                eo, en = eo + take, en + take
        po, pn = eo, en
    # Merge changes that now touch (their EQUAL in between became empty).
    merged: list[list] = []
    for piece in pieces:
        if not piece[1] and not piece[2]:
            continue
        if merged and merged[-1][0] == piece[0]:
            merged[-1][1] += piece[1]
            merged[-1][2] += piece[2]
        else:
            merged.append(piece)
    pieces[:] = merged


def old_text(pieces) -> str:
    return "".join(p.old for p in pieces)


def new_text(pieces) -> str:
    return "".join(p.new for p in pieces)
