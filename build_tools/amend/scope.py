"""The text an instruction's scope covers: 「第五条中」 is the article's text and
everything below it (not its 見出し); 「第五条の見出し中」 the 見出し;
「ただし書」, 「本文」, 「前段」, 「後段」 and 「各号列記以外の部分」 parts of its
own sentences."""
from __future__ import annotations

from ..provisions import Provision

# (holder, paragraph index or None for the heading, that text, start, end)
Span = tuple[Provision, "int | None", str, int, int]

_OPEN, _CLOSE = "（「『〔［", "）」』〕］"


def spans(node: Provision, scope: str) -> list[Span] | None:
    """The pieces of text `scope` covers in `node`, in reading order; None
    when the provision has no such part."""
    if scope == "見出し":
        return [(node, None, node.heading, 0, len(node.heading))] if node.heading else None
    if scope == "":
        return list(_everything(node, top=True))
    own = _own(node)
    if scope == "各号列記以外の部分":
        return [(h, i, t, 0, len(t)) for h, i, t in own] or None
    if scope in ("ただし書", "本文"):
        for holder, index, text in own:
            at = text.find("ただし、")
            if at > 0:
                part = (at, len(text)) if scope == "ただし書" else (0, at)
                return [(holder, index, text, *part)]
        return None
    if scope in ("前段", "後段"):
        for holder, index, text in own:
            cut = first_sentence_end(text)
            if cut is not None and cut < len(text):
                part = (0, cut) if scope == "前段" else (cut, len(text))
                return [(holder, index, text, *part)]
        return None
    return None


def _everything(node: Provision, top: bool):
    if not top and node.heading and node.kind not in ("", "文書"):
        yield node, None, node.heading, 0, len(node.heading)
    for index, text in enumerate(node.text):
        yield node, index, text, 0, len(text)
    for child in node.children:
        yield from _everything(child, False)


def _own(node: Provision) -> list[tuple[Provision, int, str]]:
    """A provision's own sentences; an article's are those of its only 項."""
    holder = node
    if node.kind == "条":
        paragraphs = [c for c in node.children if c.kind == "項"]
        if len(paragraphs) == 1:
            holder = paragraphs[0]
    return [(holder, i, t) for i, t in enumerate(holder.text)]


def first_sentence_end(text: str) -> int | None:
    """Just after the first 「。」 outside brackets (the end of the 前段)."""
    depth = 0
    for i, c in enumerate(text):
        if c in _OPEN:
            depth += 1
        elif c in _CLOSE:
            depth = max(depth - 1, 0)
        elif c == "。" and depth == 0:
            return i + 1
    return None
