"""Operations into sentences: one sentence per 条 (or section), a sentence
ending where provisions follow it in full (…を加える。／…を次のように改める。),
renumberings that make room run on (「第三条の四を第三条の五とし、第三条の三を
第三条の四とする。」), and what is added after them joins them."""
from __future__ import annotations

from dataclasses import replace

from ..provisions import CONTAINER_KINDS

from .operations import Add, Address, Delete, Insert, Renumber, Replace, Rewrite, Sentence, Shift

_MOVES = (Renumber, Shift)


def sentences(events) -> list[Sentence]:
    out: list[list] = []
    subject = None
    for event in events:
        op = event.op
        previous = out[-1][-1].op if out else None
        # 章・節 moves are a sentence of their own, apart from the articles' inside them
        level = _level(op) == _level(previous) and _chain(event) == _chain(out[-1][-1]) \
            if out else False
        joins = previous is not None and not isinstance(previous, (Add, Rewrite)) and (
            event.subject == subject
            or (isinstance(op, _MOVES) and isinstance(previous, _MOVES) and level)
            or (isinstance(op, Add) and isinstance(previous, _MOVES) and level))
        if joins:
            out[-1].append(event)
        else:
            out.append([event])
        subject = event.subject
    return _held(out)


def _level(op) -> bool:
    """Whether an operation acts on 章・節 (an Add: whether it adds them)."""
    if op is None:
        return False
    if isinstance(op, Add):
        return bool(op.provisions) and op.provisions[0].kind in CONTAINER_KINDS
    return op.target.kind in CONTAINER_KINDS


def _held(groups) -> list[Sentence]:
    """A moved article named in its 章・節 (「第五章中第四十六条を第四十五条とし」)
    where the moves enter a 章 — and, once said in a sentence, in each later
    move of it, as a reader of the sentence takes 「第五章中」 to go on."""
    named: tuple = ()
    out = []
    for events in groups:
        said: tuple = ()
        ops = []
        for event in events:
            op, chain = event.op, _chain(event)
            if chain and (said or chain != named):
                op = replace(op, target=Address(chain + op.target.path, op.target.scope),
                             **({"last": Address(chain + op.last.path, op.last.scope)}
                                if getattr(op, "last", None) is not None else {}))
                said = named = chain
            ops.append(op)
        out.append(Sentence(tuple(ops)))
    return out


def _chain(event) -> tuple:
    """The 章・節… an article that moves sits in, as the old text numbers them."""
    op, node = event.op, event.node
    if not isinstance(op, _MOVES) or op.target.kind != "条" or len(op.target.path) != 1 \
            or node is None or node.kind != "条":
        return ()
    steps = []
    holder = node.parent
    while holder is not None and holder.kind in CONTAINER_KINDS:
        steps.append((holder.kind, holder.key))
        holder = holder.parent
    return tuple(steps[::-1])


def merged_scopes(found: list[Sentence], old_root) -> list[Sentence]:
    """The same word change in every 項 of an article, one after another, as
    one change of the article (「第二十八条中「第二十五条」を「第二十五条第一項」に
    改める」). The caller keeps it only if the 改め文 still applies back."""
    from .apply import find
    out = []
    for sentence in found:
        ops, kept, i = list(sentence.operations), [], 0
        while i < len(ops):
            op, j = ops[i], i
            if _paragraph_words(op):
                while j + 1 < len(ops) and _same_change(op, ops[j + 1]):
                    j += 1
            article = find(old_root, op.target.path[:-1]) if j > i else None
            if article is not None and {o.target.key for o in ops[i:j + 1]} == \
                    {c.key for c in article.children if c.kind == "項"}:
                target = Address(op.target.path[:-1], "", op.target.numbers[:-1])
                counts = [o.count for o in ops[i:j + 1]]
                kept.append(replace(op, target=target,
                                    count=None if None in counts else sum(counts)))
                i = j + 1
                continue
            kept.append(op)
            i += 1
        out.append(Sentence(tuple(kept)))
    return out


def _paragraph_words(op) -> bool:
    return isinstance(op, (Replace, Delete, Insert)) and not op.target.scope \
        and len(op.target.path) >= 2 and op.target.path[-1][0] == "項"


def _same_change(a, b) -> bool:
    payload = lambda o: tuple(getattr(o, f, None) for f in ("old", "new", "text", "anchor", "before"))
    return type(a) is type(b) and _paragraph_words(b) and payload(a) == payload(b) \
        and a.target.path[:-1] == b.target.path[:-1]
