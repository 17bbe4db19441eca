"""The body of a row whose section is in both texts: its provisions
(項・号・イロハ of an article, or a policy section's numbered paragraphs)
aligned as sections are — by text and number, so an inserted 号 renumbers
the ones after it instead of rewriting them — and written as 法制執務 writes
a 新旧対照表 (CONVENTIONS.md §1):

- a changed provision with the numbers of its ancestors; an ancestor whose
  own text is unchanged as its number and 「（略）」 (「２　（略）」, 「六　（略）」);
- unchanged consecutive siblings of one kind as one line: 「２及び３　略」,
  「一から五まで　略」 (項 and 号 are never siblings, so never one range);
- a renumbered provision with an unchanged text as its number, double
  underlined, and 「（略）」;
- an inserted or deleted provision whole, with its descendants.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from docutils import nodes

from ..document import Block
from ..nodes import MOVED, deleted, inserted
from ..provisions import paragraph_number
from . import inline
from .align import _bigrams, similarity
from .cells import BLOCK_SIMILARITY, marked, note, pair_blocks, paragraph, table_segments, tables_pair

OMITTED_ANCESTOR = "（略）"
SAME_NUMBER_SIMILARITY = 0.2
NUMBER_BONUS = 0.15
MAX_CELLS = 40_000        # beyond this many candidate pairs, align in order only


@dataclass(eq=False)
class Part:
    """A provision inside a row's section: its own blocks (the first one
    with its number, as written) and its numbered children."""

    number: str
    family: str
    key: tuple
    texts: list[str]                      # own text, number stripped
    blocks: list[Block]
    children: list["Part"] = field(default_factory=list)
    provision: object = None              # the provisions.Provision it shows
    _signature: tuple | None = None
    _grams: set | None = None

    @property
    def signature(self) -> tuple:
        """What two provisions share when their text is the same (numbers
        of the children included, their own number not)."""
        if self._signature is None:
            self._signature = (tuple(self.texts),
                               tuple((c.number, c.signature) for c in self.children))
        return self._signature

    @property
    def grams(self) -> set:
        if self._grams is None:
            self._grams = _bigrams("\n".join(self.all_texts()))
        return self._grams

    def all_texts(self) -> list[str]:
        return self.texts + [t for c in self.children for t in c.all_texts()]

    def all_blocks(self) -> list[Block]:
        return self.blocks + [b for c in self.children for b in c.all_blocks()]

    def same(self, other: "Part") -> bool:
        return self.number == other.number and self.signature == other.signature


def parts_of(unit) -> Part | None:
    """The unit's section as a Part tree, its blocks shared out in reading
    order (None when the provision tree does not account for them). Made
    once per unit: the table and the ハネ check both use it."""
    if "_parts" not in unit.__dict__:
        unit.__dict__["_parts"] = _parts_of(unit)
    return unit.__dict__["_parts"]


def _parts_of(unit) -> Part | None:
    provision = getattr(unit, "provision", None)
    if provision is None:
        return None
    blocks = iter(unit.blocks)

    def build(p):
        own = []
        for text in p.text:
            block = next(blocks, None)
            if block is None or not block.text.endswith(text):
                raise LookupError
            own.append(block)
        children = [build(c) for c in p.children if c.section is None]
        return Part(p.number, p.family, p.key, list(p.text), own, children, p)

    try:
        root = build(provision)
    except LookupError:
        return None
    return root if next(blocks, None) is None else None


# --- alignment ----------------------------------------------------------------

def provision_pairs(old_unit, new_unit, pairs: dict) -> None:
    """Add {id(old provision): new provision} for the provisions inside two
    paired sections, as the table pairs them."""
    a, b = parts_of(old_unit), parts_of(new_unit)
    if a is None or b is None:
        return

    def add(x: Part, y: Part):
        pairs[id(x.provision)] = y.provision
        for c, d in align_parts(x.children, y.children):
            if c is not None and d is not None:
                add(c, d)
    add(a, b)


def _score(a: Part, b: Part) -> float | None:
    if a.family != b.family:
        return None
    if a.signature == b.signature:
        return 2.0 + (NUMBER_BONUS if a.key == b.key else 0)
    sim = similarity(a.grams, b.grams)
    if a.key == b.key:
        return sim + NUMBER_BONUS if sim >= SAME_NUMBER_SIMILARITY else None
    return sim if sim >= BLOCK_SIMILARITY else None


def align_parts(old: list[Part], new: list[Part]) -> list[tuple[Part | None, Part | None]]:
    """Old and new siblings in order, paired where they are one provision:
    the pairing with the most likeness that keeps both orders."""
    head = 0
    while head < min(len(old), len(new)) and old[head].same(new[head]):
        head += 1
    tail = 0
    while tail < min(len(old), len(new)) - head and old[-1 - tail].same(new[-1 - tail]):
        tail += 1
    a, b = old[head:len(old) - tail], new[head:len(new) - tail]
    middle = _dp(a, b) if len(a) * len(b) <= MAX_CELLS else _in_order(a, b)
    return ([(x, y) for x, y in zip(old[:head], new[:head])] + middle
            + [(x, y) for x, y in zip(old[len(old) - tail:], new[len(new) - tail:])])


def _dp(a: list[Part], b: list[Part]):
    n, m = len(a), len(b)
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    score = {}
    for i in range(1, n + 1):
        row, above = best[i], best[i - 1]
        for j in range(1, m + 1):
            value = max(above[j], row[j - 1])
            s = _score(a[i - 1], b[j - 1])
            if s is not None:
                score[i, j] = s
                value = max(value, above[j - 1] + s)
            row[j] = value
    out, i, j = [], n, m
    while i and j:
        s = score.get((i, j))
        if s is not None and best[i][j] == best[i - 1][j - 1] + s:
            out.append((a[i - 1], b[j - 1]))
            i, j = i - 1, j - 1
        elif best[i][j] == best[i - 1][j]:
            out.append((a[i - 1], None))
            i -= 1
        else:
            out.append((None, b[j - 1]))
            j -= 1
    out += [(a[k], None) for k in range(i - 1, -1, -1)]
    out += [(None, b[k]) for k in range(j - 1, -1, -1)]
    return out[::-1]


def _in_order(a: list[Part], b: list[Part]):
    out, j = [], 0
    for x in a:
        k = next((k for k in range(j, len(b)) if _score(x, b[k]) is not None), None)
        if k is None:
            out.append((x, None))
            continue
        out += [(None, y) for y in b[j:k]] + [(x, b[k])]
        j = k + 1
    return out + [(None, y) for y in b[j:]]


# --- writing ------------------------------------------------------------------

class Columns:
    """The paragraphs of the two columns of one row, written side by side."""

    def __init__(self, settings):
        self.settings = settings
        self.old: list[nodes.Element] = []
        self.new: list[nodes.Element] = []

    def omitted(self, old_numbers, new_numbers):
        word = self.settings.omitted
        self.old += [note(t, "comparison-omitted") for t in omitted_lines(old_numbers, word)]
        self.new += [note(t, "comparison-omitted") for t in omitted_lines(new_numbers, word)]


def paired_body(row, settings) -> tuple[list, list]:
    """(new paragraphs, old paragraphs) below the headings of a paired row."""
    a, b = parts_of(row.old), parts_of(row.new)
    out = Columns(settings)
    if a is None or b is None:
        _own_blocks(row.old.blocks, row.new.blocks, out)
        return out.new, out.old
    _own_blocks(a.blocks, b.blocks, out)
    _children(a.children, b.children, out)
    return out.new, out.old


def _children(old: list[Part], new: list[Part], out: Columns) -> None:
    run: list[tuple[Part, Part]] = []
    for a, b in align_parts(old, new):
        if a is not None and b is not None and (a.same(b) and not out.settings.full):
            run.append((a, b))
            continue
        if run:
            out.omitted([x.number for x, _ in run], [y.number for _, y in run])
            run = []
        if a is not None and b is not None:
            _pair(a, b, out)
        elif b is not None:
            out.new += _whole(b.all_blocks(), inserted)
        else:
            out.old += _whole(a.all_blocks(), deleted)
    if run:
        out.omitted([x.number for x, _ in run], [y.number for _, y in run])


def _pair(a: Part, b: Part, out: Columns) -> None:
    """One provision in both texts, with a change in it or below it."""
    if a.texts == b.texts and not out.settings.full:
        if a.number != b.number:    # renumbered, text kept: its number, double underlined
            out.old.append(_ancestor(a.number, deleted))
            out.new.append(_ancestor(b.number, inserted))
        elif a.texts:
            out.old.append(_ancestor(a.number))
            out.new.append(_ancestor(b.number))
    else:
        _own_blocks(a.blocks, b.blocks, out)
    _children(a.children, b.children, out)


def _ancestor(number: str, mark=None) -> nodes.paragraph:
    para = nodes.paragraph("", "", classes=["comparison-note", "comparison-omitted"])
    if number:
        para += mark(number, number, classes=[MOVED]) if mark else nodes.Text(number)
        para += nodes.Text("　")
    para += nodes.Text(OMITTED_ANCESTOR)
    return para


def _whole(blocks: list[Block], mark) -> list[nodes.Element]:
    out = []
    for kind, segment in table_segments(blocks):
        if kind == "table":
            out.append(tables_pair(segment, None)[0] if mark is inserted
                       else tables_pair(None, segment)[1])
        else:
            out += [paragraph([mark(x.text, x.text)], x) for x in segment]
    return out


def _own_blocks(a: list[Block], b: list[Block], out: Columns) -> None:
    """A provision's own paragraphs: unchanged ones as 「略」, changed ones
    paired with the most similar one ahead and marked word by word; a table
    compared as a table."""
    settings = out.settings
    seg_a, seg_b = table_segments(a), table_segments(b)
    keys = lambda segs: [(k, tuple(x.text for x in s)) for k, s in segs]
    matcher = difflib.SequenceMatcher(None, keys(seg_a), keys(seg_b), autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        olds = [x for _, s in seg_a[i1:i2] for x in s]
        news = [y for _, s in seg_b[j1:j2] for y in s]
        if op == "equal":
            if settings.full:
                out.old += _plain(seg_a[i1:i2])
                out.new += _plain(seg_b[j1:j2])
            else:
                out.old += [note(t, "comparison-omitted") for t in _omitted(olds, settings.omitted)]
                out.new += [note(t, "comparison-omitted") for t in _omitted(news, settings.omitted)]
            continue
        tables_a = [s for k, s in seg_a[i1:i2] if k == "table"]
        tables_b = [s for k, s in seg_b[j1:j2] if k == "table"]
        if len(tables_a) == len(tables_b) == 1:
            # One table changed, with the paragraphs around it: the paragraphs
            # before and after, and the table cell by cell.
            ka = next(k for k, (kind, _) in enumerate(seg_a[i1:i2]) if kind == "table")
            kb = next(k for k, (kind, _) in enumerate(seg_b[j1:j2]) if kind == "table")
            _paragraphs(_flat(seg_a[i1:i1 + ka]), _flat(seg_b[j1:j1 + kb]), out)
            new_table, old_table = tables_pair(tables_b[0], tables_a[0])
            out.old.append(old_table)
            out.new.append(new_table)
            _paragraphs(_flat(seg_a[i1 + ka + 1:i2]), _flat(seg_b[j1 + kb + 1:j2]), out)
            continue
        _paragraphs([x for x in olds if x.cells is None], [y for y in news if y.cells is None], out)
        out.old += [t for t in (tables_pair(None, s)[1] for s in tables_a)]
        out.new += [t for t in (tables_pair(s, None)[0] for s in tables_b)]


def _flat(segments) -> list[Block]:
    return [x for _, s in segments for x in s]


def _plain(segments) -> list[nodes.Element]:
    out = []
    for kind, segment in segments:
        if kind == "table":
            out.append(tables_pair(segment, segment)[0])
        else:
            out += [paragraph([nodes.Text(x.text)], x) for x in segment]
    return out


def _paragraphs(olds: list[Block], news: list[Block], out: Columns) -> None:
    for x, y in pair_blocks(olds, news):
        if x and y:
            pieces = inline.diff(x.text, y.text)
            out.old.append(paragraph(marked(pieces, "old"), x))
            out.new.append(paragraph(marked(pieces, "new"), y))
        elif x:
            out.old.append(paragraph([deleted(x.text, x.text)], x))
        else:
            out.new.append(paragraph([inserted(y.text, y.text)], y))


# --- 「略」 lines ------------------------------------------------------------------

def _omitted(blocks: list[Block], word: str) -> list[str]:
    """The 「略」 lines for unchanged paragraphs, by their own numbers."""
    return omitted_lines([_number(b.text) for b in blocks], word)


def _number(text: str) -> str:
    found = paragraph_number(text)
    return found[1] if found else ""


def omitted_lines(numbers: list[str], word: str) -> list[str]:
    """「略」 for unnumbered paragraphs; numbered siblings of one kind as
    「２　略」, 「２及び３　略」 or 「２から４まで　略」 — a 項 and a 号 never in one range."""
    runs: list[tuple[str | None, list[str]]] = []
    for number in numbers:
        found = paragraph_number(number + "　.") if number else None
        kind = found[0] if found else None
        if runs and runs[-1][0] == kind:
            runs[-1][1].append(number)
        else:
            runs.append((kind, [number]))
    lines = []
    for kind, group in runs:
        if kind is None:
            lines.append(word)
        elif len(group) == 1:
            lines.append(f"{group[0]}　{word}")
        elif len(group) == 2:
            lines.append(f"{group[0]}及び{group[1]}　{word}")
        else:
            lines.append(f"{group[0]}から{group[-1]}まで　{word}")
    return lines
