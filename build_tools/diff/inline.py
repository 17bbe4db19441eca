"""Character diff of two texts, readable in Japanese.

diff-match-patch does the core work; its default one-second timeout silently
degrades large diffs, so it is switched off. Semantic cleanup merges stray
matches (a lone 「の」), and each change is then widened so that it never cuts
a run of kanji/digits, katakana or Latin letters: reviewers underline a whole
word or figure (「500円」, 「平成24年2月」), not single characters.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from diff_match_patch import diff_match_patch

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


@lru_cache(maxsize=4096)
def char_class(ch: str) -> str:
    """The run a character belongs to; '' for characters that end a word."""
    if ch.isdigit() or ch in "〇々〆ヶ":
        return "K"
    name = unicodedata.name(ch, "")
    if name.startswith(("CJK UNIFIED", "CJK COMPATIBILITY IDEOGRAPH")):
        return "K"
    if name.startswith("KATAKANA") or ch == "ー":
        return "T"
    if ch.isascii() and ch.isalpha() or name.startswith("FULLWIDTH LATIN"):
        return "L"
    return ""


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
    _widen(pieces)
    return [Piece(op, o, n) for op, o, n in pieces if o or n]


def _widen(pieces: list[list]) -> None:
    """Grow each CHANGE over the word runs it touches, taking the characters
    from its EQUAL neighbours (on both sides, so the texts stay intact)."""
    for i, piece in enumerate(pieces):
        if piece[0] != CHANGE:
            continue
        # left edge
        if i > 0:
            eq = pieces[i - 1][1]
            take = 0
            if all(_is_punct(t) for t in (piece[1], piece[2]) if t):
                # A bare 「。」 or 「、」 is not marked on its own: take the word before it.
                cls = char_class(eq[-1]) if eq else ""
                while take < len(eq) and cls and char_class(eq[-1 - take]) == cls:
                    take += 1
            else:
                classes = {char_class(t[0]) for t in (piece[1], piece[2]) if t} - {""}
                while take < len(eq) and char_class(eq[-1 - take]) in classes:
                    take += 1
            if take:
                moved = eq[len(eq) - take:]
                pieces[i - 1][1] = pieces[i - 1][2] = eq[:len(eq) - take]
                piece[1], piece[2] = moved + piece[1], moved + piece[2]
        # right edge
        if i + 1 < len(pieces):
            eq = pieces[i + 1][1]
            classes = {char_class(t[-1]) for t in (piece[1], piece[2]) if t} - {""}
            take = 0
            while take < len(eq) and char_class(eq[take]) in classes:
                take += 1
            if take:
                moved = eq[:take]
                pieces[i + 1][1] = pieces[i + 1][2] = eq[take:]
                piece[1], piece[2] = piece[1] + moved, piece[2] + moved
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
