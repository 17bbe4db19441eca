"""Operations into sentences: one sentence per 条 (or section), a sentence
ending where provisions follow it in full (…を加える。／…を次のように改める。),
renumberings that make room run on (「第三条の四を第三条の五とし、第三条の三を
第三条の四とする。」), and what is added after them joins them."""
from __future__ import annotations

from .operations import Add, Renumber, Rewrite, Sentence, Shift

_MOVES = (Renumber, Shift)


def sentences(events) -> list[Sentence]:
    out: list[list] = []
    subject = None
    for event in events:
        op = event.op
        previous = out[-1][-1] if out else None
        joins = previous is not None and not isinstance(previous, (Add, Rewrite)) and (
            event.subject == subject
            or (isinstance(op, _MOVES) and isinstance(previous, _MOVES))
            or (isinstance(op, Add) and isinstance(previous, _MOVES)))
        if joins:
            out[-1].append(op)
        else:
            out.append([op])
        subject = event.subject
    return [Sentence(tuple(ops)) for ops in out]
