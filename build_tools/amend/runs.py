"""Runs of the generator's events said as one: three or more siblings
renumbered alike as the first and a range (「第七項を第九項とし、第四項から第六項
までを二項ずつ繰り下げ」), siblings removed or rewritten one after another as one
range (「第四条から第六条までを削る」, 「第四章及び第五章を次のように改める」) —
never across a 章, as a range of articles is one 章's."""
from __future__ import annotations

from dataclasses import dataclass

from ..provisions import Provision
from .operations import Operation, Remove, Renumber, Rewrite, Shift


@dataclass
class Event:
    op: Operation
    subject: int       # id of the old section the sentence is about
    node: Provision | None = None    # the old provision it acts on


def compress(events: list[Event], start: int) -> None:
    """Three or more siblings renumbered alike, one after another: the first
    said, the rest as a range (「第七項を第九項とし、第四項から第六項までを
    二項ずつ繰り下げ」)."""
    i = start
    while i < len(events):
        run = [i]
        while run[-1] + 1 < len(events) and _alike(events[run[0]].op, events[run[-1] + 1].op,
                                                    events[run[-1]].op) \
                and _siblings(events[run[0]].node, events[run[-1] + 1].node):
            run.append(run[-1] + 1)
        if len(run) < 3:
            _join_whole(events, i)
        else:
            head = events[run[0]].op
            rest = [events[k].op for k in run[1:]]
            by = head.to.key[0] - head.target.key[0]
            low, high = (rest[-1], rest[0]) if by > 0 else (rest[0], rest[-1])
            shift = Shift(low.target, high.target, by)
            node = events[run[-1] if by > 0 else run[1]].node    # the one the range starts at
            events[run[1]:run[-1] + 1] = [Event(shift, events[run[1]].subject, node)]
        i += 1


def _siblings(a: Provision | None, b: Provision | None) -> bool:
    """In one 章 (a range of articles never crosses one), or not known."""
    return a is None or b is None or a.parent is b.parent


def _join_whole(events: list[Event], i: int) -> None:
    """Siblings removed (or rewritten) one after another: one range
    (「第四条から第六条までを削る」, 「第二条及び第三条を次のように改める」)."""
    kind = type(events[i].op)
    if kind not in (Remove, Rewrite) or events[i].op.target.scope or events[i].node is None:
        return
    end = i
    while end + 1 < len(events) and type(events[end + 1].op) is kind \
            and not events[end + 1].op.target.scope and _next_sibling(events[end].node,
                                                                     events[end + 1].node):
        end += 1
    if end == i:
        return
    first, last = events[i], events[end]
    if kind is Remove:
        op = Remove(first.op.target, last.op.target)
    else:
        op = Rewrite(first.op.target, tuple(b for e in events[i:end + 1] for b in e.op.provisions),
                     last.op.target)
    events[i:end + 1] = [Event(op, first.subject, first.node)]


def _next_sibling(a: Provision | None, b: Provision | None) -> bool:
    if a is None or b is None or a.parent is None or a.parent is not b.parent or a.kind != b.kind:
        return False
    siblings = a.parent.children
    return siblings.index(a) + 1 == siblings.index(b)


def _alike(head, op, previous) -> bool:
    if not (isinstance(head, Renumber) and isinstance(op, Renumber)) or op.into or head.into:
        return False
    a, b = head, op
    if a.target.parent() != b.target.parent() or a.target.kind != b.target.kind:
        return False
    by = a.to.key[0] - a.target.key[0]
    step = b.to.key[0] - b.target.key[0]
    neighbour = abs(previous.target.key[0] - b.target.key[0]) <= 1
    return by == step and b.to.key[1:] == b.target.key[1:] and neighbour and len(b.to.path) == len(
        b.target.path)
