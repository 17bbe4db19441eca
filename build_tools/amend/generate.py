"""The generator: from an old and a new provision tree, the operations of a
改め文 in the order 法制執務 writes them, each applied to a live copy of the
old tree as it is chosen (the applier is the oracle all along).

Front to back; inside a provision, words before moves; a run of provisions
renumbered upwards (to make room) from its back, with the provisions added
in it; three or more renumbered alike as one range (「第四項から第六項までを
二項ずつ繰り下げ」). A provision whose change cannot be said in words, or is
mostly new, is rewritten whole (「第N条を次のように改める」).
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from ..diff.align import _bigrams, similarity
from ..diff.inline import CHANGE, diff
from ..provisions import CONTAINER_KINDS, Provision
from .apply import _State
from .blocks import block_of
from .operations import Add, Address, Block, Insert, Operation, Remove, Renumber, Rewrite, SetHeading
from .quotes import paragraph_ops
from .runs import Event, compress
from .scope import first_sentence_end

REWRITE_RATIO = 0.6     # changed share of a new 後段 above which it is rewritten
WHOLE_ARTICLE_RATIO = 0.8   # … of all an article holds, added 項 and 号 included
WHOLE_QUOTE = 0.8       # share of a paragraph quoted above which it is rewritten instead


class Unsayable(Exception):
    """A change the words of a 改め文 cannot make exactly: rewrite the provision."""


def address_of(node: Provision, explicit: bool = False) -> Address:
    """How a 改め文 names an old provision: a statute's articles without their
    章, an article's only 項 left out (kept, `explicit`, when the 項 itself
    is moved or removed); a policy by its own numbering."""
    steps, numbers = [], []
    for p in node.path()[1:]:
        if p.kind == "前文":
            continue
        if node.statute:
            if p.kind in CONTAINER_KINDS and node.kind not in CONTAINER_KINDS:
                continue
            if p.kind == "項" and p is not node and _only_paragraph(p):
                continue
        if p.kind == "項" and p is node and _only_paragraph(p) and not explicit:
            continue
        steps.append((p.kind, p.key))
        numbers.append(p.number or ("" if node.statute else p.heading))
    return Address(tuple(steps), "", tuple(numbers))


def _only_paragraph(p: Provision) -> bool:
    return p.parent is not None and p.parent.kind == "条" and \
        sum(1 for c in p.parent.children if c.kind == "項") == 1


def _subject(node: Provision) -> Provision:
    while node.section is None and node.parent is not None:
        node = node.parent
    return node


def replaced_share(old: str, new: str) -> float:
    """How much of the old text goes, 0–1: words added to a text that stays
    (a long definition put in) are said in words, not by rewriting it."""
    if old == new:
        return 0.0
    gone = sum(len(p.old) for p in diff(old, new) if p.op == CHANGE)
    return gone / max(len(old), 1)


def changed_share(old: str, new: str) -> float:
    """How different two texts are, 0–1 (by their bigrams: cheap, and a
    measure, not the change itself)."""
    if old == new:
        return 0.0
    return 1.0 - similarity(_bigrams(old), _bigrams(new))


class Generator:
    def __init__(self, old: Provision, new: Provision, pairs: dict[int, Provision]):
        self.old, self.new, self.pairs = old, new, pairs
        self.state = _State(old)
        self.events: list[Event] = []

    def run(self) -> list[Event]:
        self.children(self.old, self.new)
        return self.events

    def emit(self, op: Operation, about: Provision) -> None:
        self.state.do(op)
        self.events.append(Event(op, id(_subject(about)), about))

    def live(self, node: Provision) -> Provision:
        return self.state.copies[id(node)]

    # --- the children of a pair, in the order they are amended -----------------
    def children(self, old: Provision, new: Provision) -> None:
        self.in_place(old, new)
        partner = {id(self.pairs[id(c)]): c for c in old.children if id(c) in self.pairs}
        after: dict[int, list[Provision]] = defaultdict(list)
        first: list[Provision] = []
        last = None
        for c in new.children:
            if id(c) in partner:
                last = partner[id(c)]
            else:
                (after[id(last)] if last is not None else first).append(c)
        items: list[tuple] = []
        anchor = next((c for c in old.children if id(c) in self.pairs), None)
        if first and anchor is not None:
            items.append(("gap", anchor, "before", first))
        for c in old.children:
            items.append(("member", c))
            if after.get(id(c)):
                items.append(("gap", c, "after", after[id(c)]))
        if first and anchor is None:
            items.append(("gap", old, "end", first))
        start = len(self.events)
        for item in _from_the_back(items, self.pairs):
            if item[0] == "member":
                self.member(item[1])
            else:
                self.add(*item[1:])
        compress(self.events, start)

    def in_place(self, old: Provision, new: Provision) -> None:
        """A provision that goes where a new one of its kind and number comes, between
        the same neighbours: that provision rewritten (「第五章を次のように改める」)."""
        at = {id(n): j for j, n in enumerate(new.children)}
        placed = [at.get(id(self.pairs.get(id(c))), None) for c in old.children]
        for k, c in enumerate(old.children):
            if placed[k] is not None:
                continue
            low = max((j for j in placed[:k] if j is not None), default=-1)
            high = min((j for j in placed[k + 1:] if j is not None), default=len(new.children))
            twin = next((n for n in new.children[low + 1:high] if n.kind == c.kind and n.key == c.key
                         and id(n) not in self.pairs.taken), None)
            if twin is not None and c.key:
                self.pairs[id(c)] = twin
                placed[k] = at[id(twin)]

    def add(self, anchor: Provision, position: str, nodes: list[Provision]) -> None:
        runs: list[list[Provision]] = []
        for n in nodes:
            if runs and runs[-1][0].kind == n.kind:
                runs[-1].append(n)
            else:
                runs.append([n])
        if position == "after" and _last_of_kind(anchor):
            anchor, position = anchor.parent, "end"   # 「第二条に次の一項を加える」
        target = address_of(anchor)
        if position == "before":
            target = address_of(anchor, explicit=True)
        # Each run goes right after the anchor (or at the end): the last first.
        for run in (reversed(runs) if position == "after" else runs):
            self.emit(Add(target, tuple(block_of(n) for n in run), position), anchor)

    def member(self, old: Provision) -> None:
        new = self.pairs.get(id(old))
        if new is None:
            self.emit(Remove(address_of(old, explicit=True)), old)
            return
        if self.too_big(old, new):
            self.rewrite(old, new)
            return
        mark = self.checkpoint(old)
        try:
            self.content(old, new)
        except Unsayable:
            if old.kind == "項" and _only_paragraph(old):
                raise
            self.rollback(old, mark)
            self.rewrite(old, new)
            return
        self.renumber(old, new)

    def renumber(self, old: Provision, new: Provision) -> None:
        if (old.key, old.number) != (new.key, new.number):
            target = address_of(old, explicit=True)
            to = Address(target.path[:-1] + ((new.kind, new.key),), "",
                         target.numbers[:-1] + (new.number,))
            self.emit(Renumber(target, to), old)

    def rewrite(self, old: Provision, new: Provision) -> None:
        """「第N条を次のように改める」 keeps the number N; a new number is given
        after, as to a provision amended in words (「第N条を第M条とし」)."""
        block = block_of(new)
        moves = old.kind == new.kind and old.key and (old.key, old.number) != (new.key, new.number)
        if moves:
            block = replace(block, number=old.number, key=old.key)
        self.emit(Rewrite(address_of(old, explicit=True), (block,)), old)
        if moves:
            self.renumber(old, new)

    def too_big(self, old: Provision, new: Provision) -> bool:
        """Mostly new words: its own text, or (an article) everything in it;
        an article or 章 none of whose parts stays."""
        if old.parent is None:
            return False
        if old.children and new.children and (old.kind == "条" or old.kind in CONTAINER_KINDS) \
                and not any(id(c) in self.pairs for c in old.children):
            return True
        if old.kind in CONTAINER_KINDS:
            return False
        own = "\n".join([old.heading] + old.text), "\n".join([new.heading] + new.text)
        if len(own[0]) > 20 and replaced_share(*own) > WHOLE_QUOTE:
            return True
        if old.kind != "条":
            return False
        a = "\n".join([old.heading] + [t for p in old.walk() for t in p.text])
        b = "\n".join([new.heading] + [t for p in new.walk() for t in p.text])
        return changed_share(a, b) > WHOLE_ARTICLE_RATIO

    def content(self, old: Provision, new: Provision) -> None:
        live = self.live(old)
        where = address_of(old)
        if old.heading != new.heading:
            self.heading(old, new, live, where)
        if len(old.text) != len(new.text):
            raise Unsayable(old.address())
        places = [where]
        if old.statute and any(c.kind != "項" for c in _own_holder(old).children):
            places.append(where.within("各号列記以外の部分"))
        for index, (a, b) in enumerate(zip(old.text, new.text)):
            if a == b:
                continue
            latter = _latter(old, where, a, b)
            goal = b if latter is None else latter[0]
            if goal != a:
                ops = paragraph_ops(self.state, live, index, goal, places)
                if ops is None or _quotes_it_whole(ops, a):
                    raise Unsayable(old.address())
                self.events.extend(Event(op, id(_subject(old))) for op in ops)
            if latter is not None:
                self.emit(latter[1], old)
        self.children(old, new)

    def heading(self, old, new, live, where) -> None:
        if old.kind in CONTAINER_KINDS and not (old.heading and new.heading):
            self.title(old, new, where)
            return
        if old.kind == "条" or (not old.heading or not new.heading):
            if not old.heading or not new.heading or changed_share(old.heading, new.heading) > 0.5:
                self.emit(SetHeading(where, new.heading, attach=not old.heading), old)
                return
        ops = paragraph_ops(self.state, live, None, new.heading, [where.within("見出し")])
        quoted = sum(len(getattr(op, name, "") or "") for op in ops or ()
                     for name in ("old", "new", "text", "anchor"))
        if ops is None or (old.kind in ("条", *CONTAINER_KINDS) and quoted >= len(old.heading)):
            if old.kind in CONTAINER_KINDS:
                live.heading = old.heading
                self.title(old, new, where)
                return
            if old.kind != "条":
                raise Unsayable(old.address())
            live.heading = old.heading      # half the 見出し or more: say it whole
            self.emit(SetHeading(where, new.heading), old)
            return
        self.events.extend(Event(op, id(_subject(old))) for op in ops)

    def title(self, old, new, where) -> None:
        """「第二章の章名を次のように改める。」"""
        self.emit(Rewrite(where.within("見出し"), (Block(new.kind, new.number, new.key, new.heading),)),
                  old)

    # --- undoing a failed attempt -----------------------------------------------
    def checkpoint(self, old: Provision):
        live = self.live(old)
        saved = [(n, n.number, n.key, n.heading, list(n.text), list(n.children))
                 for n in live.walk()]
        return saved, len(self.events), set(self.state.removed), len(self.state.journal)

    def rollback(self, old: Provision, mark) -> None:
        saved, events, removed, journal = mark
        for n, number, key, heading, text, children in saved:
            n.number, n.key, n.heading, n.text, n.children = number, key, heading, text, children
            for c in children:
                c.parent = n
        del self.events[events:]
        self.state.removed = removed
        while len(self.state.journal) > journal:
            key, value = self.state.journal.pop()
            self.state.copies[key] = value


def _latter(old: Provision, where: Address, a: str, b: str):
    """A statute's 後段 that goes (「同項後段を削る」) or is new words
    (「同条後段を次のように改める」): the text the 前段's word changes must
    reach first, and the operation on the 後段."""
    cut = first_sentence_end(a)
    if not old.statute or cut is None or cut >= len(a):
        return None
    latter = a[cut:]
    ends = first_sentence_end(b)
    if ends is None or ends >= len(b):
        return b + latter, Remove(where.within("後段"))
    if b[ends:] != latter and changed_share(latter, b[ends:]) > REWRITE_RATIO:
        return b[:ends] + latter, Rewrite(where.within("後段"), (Block("", text=(b[ends:],)),))
    return None


def _last_of_kind(node: Provision) -> bool:
    siblings = node.parent.children if node.parent is not None else [node]
    return node.parent is not None and node.parent.parent is not None and \
        [c for c in siblings if c.kind == node.kind][-1] is node and siblings[-1] is node


def _own_holder(node: Provision) -> Provision:
    if node.kind == "条":
        paragraphs = [c for c in node.children if c.kind == "項"]
        if len(paragraphs) == 1:
            return paragraphs[0]
    return node


def _from_the_back(items: list[tuple], pairs) -> list[tuple]:
    """A run of members renumbered upwards goes from its last member back,
    each with the provisions added after it, then those added before it."""
    out: list[tuple] = []
    i = 0
    while i < len(items):
        if items[i][0] != "member" or not _moves_up(items[i][1], pairs):
            out.append(items[i])
            i += 1
            continue
        k = run_end = i
        while k < len(items) and (items[k][0] == "gap" or _moves_up(items[k][1], pairs)):
            if items[k][0] == "member":
                run_end = k + 1
            k += 1
        if run_end < len(items) and items[run_end][0] == "gap":
            run_end += 1
        before = out.pop() if out and out[-1][0] == "gap" else None
        chunk: list[list[tuple]] = []
        for item in items[i:run_end]:
            if item[0] == "member":
                chunk.append([item])
            else:
                chunk[-1].append(item)
        for part in reversed(chunk):
            out.extend(part)
        if before is not None:
            out.append(before)
        i = run_end
    return out


def _quotes_it_whole(ops, text: str) -> bool:
    """Quotes that take in most of a paragraph say it less plainly than the
    paragraph rewritten (「第二十条第三項を次のように改める」)."""
    quoted = sum(len(getattr(op, "old", "") or getattr(op, "text", "") or "") for op in ops
                 if not isinstance(op, Insert))
    return len(text) > 20 and quoted >= WHOLE_QUOTE * len(text)


def _moves_up(node: Provision, pairs) -> bool:
    """Renumbered upwards — or a 章・節 with articles in it that are: the 章 after
    it go first (articles are numbered through the law)."""
    new = pairs.get(id(node))
    if new is None:
        return False
    return new.key > node.key or node.kind in CONTAINER_KINDS and any(
        _moves_up(c, pairs) for c in node.children if c.kind == "条" or c.kind in CONTAINER_KINDS)
