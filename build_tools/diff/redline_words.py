"""Words inside a changed paragraph of the 見え消し edition: the 新旧対照表's
own pieces (inline.diff, widened to words by words.py) laid onto the
paragraph's text nodes as `inserted` and `deleted`, whatever inline markup
(references, emphasis) the paragraph has."""
from __future__ import annotations

from docutils import nodes

from ..nodes import deleted, inserted
from . import inline


def mark_words(element, old: str, new: str) -> bool:
    """Mark inside `element` (whose text reads `new`) the words that differ
    from `old`; False when its text cannot be mapped (nothing changed)."""
    texts = [t for t in element.findall(nodes.Text)]
    raw = "".join(str(t) for t in texts)
    where = _clean_map(raw)
    if "".join(raw[i] if raw[i] != "\n" else " " for i in where) != new:
        return False
    label = [False] * len(raw)
    before: dict[int, str] = {}
    pos = 0
    for piece in inline.diff(old, new):
        end = pos + len(piece.new)
        if piece.op == inline.CHANGE:
            start_raw = where[pos] if pos < len(where) else len(raw)
            if piece.old:
                before[start_raw] = before.get(start_raw, "") + piece.old
            if piece.new:
                for i in range(where[pos], where[end - 1] + 1):
                    label[i] = True
        pos = end
    offset = 0
    for k, text in enumerate(texts):
        length = len(str(text))
        last = k == len(texts) - 1
        _split(text, offset, label, before, last)
        offset += length
    return True


def _split(text, offset, label, before, last) -> None:
    s = str(text)
    out, i = [], 0
    while i < len(s):
        if offset + i in before:
            old = before.pop(offset + i)
            out.append(deleted(old, old))
        j = i
        while j < len(s) and label[offset + j] == label[offset + i] and \
                (j == i or offset + j not in before):
            j += 1
        chunk = s[i:j]
        out.append(inserted(chunk, chunk) if label[offset + i] else nodes.Text(chunk))
        i = j
    if last and offset + len(s) in before:
        old = before.pop(offset + len(s))
        out.append(deleted(old, old))
    parent = text.parent
    at = parent.index(text)
    parent.remove(text)
    for n, node in enumerate(out):
        parent.insert(at + n, node)


def _clean_map(raw: str) -> list[int]:
    """For each character of document.clean(raw), its offset in `raw` (a run
    of white space with a line break is one space: its first offset)."""
    keep = [i for i, c in enumerate(raw)
            if not (c == "\n" and 0 < i < len(raw) - 1
                    and ord(raw[i - 1]) > 0x7f and ord(raw[i + 1]) > 0x7f)]
    out, k = [], 0
    while k < len(keep):
        if raw[keep[k]].isspace():
            m = k
            while m < len(keep) and raw[keep[m]].isspace():
                m += 1
            run = [keep[x] for x in range(k, m)]
            if any(raw[i] == "\n" for i in run):
                out.append(run[0])
            else:
                out.extend(run)
            k = m
        else:
            out.append(keep[k])
            k += 1
    while out and raw[out[0]].isspace():
        out.pop(0)
    while out and raw[out[-1]].isspace():
        out.pop()
    return out
