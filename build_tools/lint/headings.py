"""Heading numbers by level (考え方 Ⅲ-2): 第1 → 1 → (1) → ア → (ア) → a → (a),
no dot after the number, a full-width space before the title, no gaps.

The scheme is a setting (`heading_scheme` in revisions/lint.toml). The
first numbered heading says where in the scheme the document starts; each
level below takes the next form. Unnumbered headings (はじめに) are fine.
"""
from __future__ import annotations

import re
import unicodedata

from .hit import Hit

IROHA = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン"
_FORMS = {
    "第1": r"第[0-9０-９]+",
    "(1)": r"[(（][0-9０-９]+[)）]",
    "(ア)": rf"[(（][{IROHA}][)）]",
    "(a)": r"[(（][a-zａ-ｚ][)）]",
    "1": r"[0-9０-９]+",
    "ア": rf"[{IROHA}]",
    "a": r"[a-zａ-ｚ]",
}
# A number, then what separates it from the title: a dot, a space, or nothing
# (only after a closing parenthesis or 第N: 「ア」 alone may begin a word).
_HEADING = re.compile(
    r"^(?P<num>" + "|".join(f"(?P<k{i}>{p})" for i, p in enumerate(_FORMS.values())) + r")"
    r"(?P<sep>[.．、,，]?[ \u3000]*)(?P<title>.*)$", re.S)
_KINDS = list(_FORMS)


def kind_of(number: str) -> str | None:
    match = _HEADING.match(number + "　x")
    if not match or match["num"] != number:
        return None
    return next(k for i, k in enumerate(_KINDS) if match[f"k{i}"])


def parse(title: str):
    """(kind, number, value, separator span, title start) or None."""
    match = _HEADING.match(title)
    if not match or not match["title"]:
        return None
    kind = next(k for i, k in enumerate(_KINDS) if match[f"k{i}"])
    sep = match["sep"]
    if not sep and kind in ("1", "ア", "a"):
        return None   # 「アクションプラン」, 「2つの基軸」: a word, not a number
    return kind, match["num"], _value(kind, match["num"]), match.end("num"), match.start("title")


def _value(kind: str, number: str) -> int:
    core = unicodedata.normalize("NFKC", number).strip("()第")
    if core.isdigit():
        return int(core)
    if core in IROHA:
        return IROHA.index(core) + 1
    return ord(core) - ord("a") + 1


def midashi(ctx):
    scheme = list(ctx.settings.heading_scheme)
    titles = [b for b in ctx.blocks if b.kind == "title"]
    offset = None
    last = {}          # (parent title index, depth) -> value of the previous sibling
    parents = {}       # depth -> index of the latest title at that depth
    for index, block in enumerate(titles):
        parents[block.depth] = index
        for deeper in [d for d in parents if d > block.depth]:
            del parents[deeper]
        parsed = parse(block.text)
        if parsed is None:
            continue
        kind, number, value, sep_start, title_start = parsed
        if offset is None and kind in scheme:
            offset = scheme.index(kind) - block.depth
        expected = scheme[block.depth + offset] if offset is not None and \
            0 <= block.depth + offset < len(scheme) else None
        if expected is not None and kind != expected:
            yield Hit("KY-MIDASHI", block, 0, sep_start,
                      f"この階層の見出し番号は「{expected}」の形に")
        if block.text[sep_start:title_start] != "\u3000":
            yield Hit("KY-MIDASHI", block, sep_start, title_start,
                      "番号の後は点を打たず全角空白一つ", "\u3000")
        key = (parents.get(block.depth - 1), block.depth)
        wanted = last.get(key, 0) + 1
        if value != wanted:
            yield Hit("KY-MIDASHI", block, 0, sep_start,
                      f"番号が続いていません（前の見出しの次は {wanted} 番目）")
        last[key] = value
