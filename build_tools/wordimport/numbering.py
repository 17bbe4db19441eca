"""Word's automatic numbering (段落番号, numbering.xml), as the reader sees it.

A paragraph's w:numPr (its own, or its style's) names a num; the num
points to an abstractNum (perhaps through a numbering style,
w:numStyleLink → w:styleLink) and may override levels or their start
(w:lvlOverride/w:startOverride). Each level has a format (w:numFmt), a
text with %1…%9 for the counters of levels 1…9 (w:lvlText), a start and
what follows the number (w:suff: a tab, a space or nothing). Counting
follows Word: nums of one abstractNum share their counters, a num that
overrides a start restarts them where it is first used, and a level
restarts when a level above it counts.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .numbers import format_number
from .package import number, w

MAX_START = 32767         # Word's own limit on a list's start


@dataclass(frozen=True)
class Level:
    fmt: str
    text: str
    start: int
    suffix: str          # "tab", "space" or "nothing"
    legal: bool          # w:isLgl: every counter shown in decimal
    style: str | None    # w:pStyle: the paragraph style linked to this level
    restart: int | None  # w:lvlRestart


@dataclass(frozen=True)
class Number:
    """The number a paragraph shows, and what kind of list it belongs to."""

    text: str            # 「1.」「(1)」「ア」「・」
    suffix: str
    fmt: str
    lvl_text: str
    ilvl: int

    @property
    def bullet(self) -> bool:
        return self.fmt == "bullet"


class Numbering:
    def __init__(self, root, styles):
        self.styles = styles
        self.abstract: dict[str, dict[int, Level]] = {}
        self.abstract_links: dict[str, str] = {}       # abstractNum → numbering style (numStyleLink)
        self.nums: dict[str, tuple[str, dict[int, Level], dict[int, int]]] = {}
        self.counters: dict[str, dict[int, int]] = {}   # abstractNum → level → count
        self.started: set[str] = set()
        if root is None:
            return
        for el in root.iter(w("abstractNum")):
            aid = el.get(w("abstractNumId"))
            self.abstract[aid] = {number(l.get(w("ilvl")), 0, 0, 8): _level(l)
                                  for l in el.iter(w("lvl"))}
            link = el.find(w("numStyleLink"))
            if link is not None:
                self.abstract_links[aid] = link.get(w("val"))
        for el in root.iter(w("num")):
            aid = _val(el.find(w("abstractNumId")))
            levels, starts = {}, {}
            for override in el.iter(w("lvlOverride")):
                ilvl = number(override.get(w("ilvl")), 0, 0, 8)
                start = override.find(w("startOverride"))
                if start is not None:
                    starts[ilvl] = number(start.get(w("val")), 0, 0, MAX_START)
                lvl = override.find(w("lvl"))
                if lvl is not None:
                    levels[ilvl] = _level(lvl)
            self.nums[el.get(w("numId"))] = (aid, levels, starts)

    def _abstract_of(self, num_id: str, depth: int = 0) -> str | None:
        aid = self.nums.get(num_id, (None, {}, {}))[0]
        if aid in self.abstract_links and depth < 5:
            # A numbering style: its own numPr names the num with the levels.
            linked, _ = self.styles.numbering(self.abstract_links[aid])
            if linked and linked != num_id:
                return self._abstract_of(linked, depth + 1)
        return aid

    def levels(self, num_id: str) -> dict[int, Level]:
        aid = self._abstract_of(num_id)
        levels = dict(self.abstract.get(aid, {}))
        levels.update(self.nums.get(num_id, (None, {}, {}))[1])
        return levels

    def number(self, num_id: str | None, ilvl: int | None, style_id: str | None) -> Number | None:
        """The number of the next paragraph of (num_id, ilvl); counts it."""
        if num_id is None or num_id == "0" or num_id not in self.nums:
            return None
        levels = self.levels(num_id)
        if ilvl is None:   # from the style: the level linked to it, else the first
            ilvl = next((i for i, l in sorted(levels.items()) if l.style and style_id
                         and l.style == style_id), 0)
        level = levels.get(ilvl)
        if level is None:
            return None
        _, _, starts = self.nums[num_id]
        counters = self.counters.setdefault(self._abstract_of(num_id), {})
        if starts and num_id not in self.started:
            # A num that overrides a start restarts the shared list where it is first used.
            self.started.add(num_id)
            for i, start in starts.items():
                counters[i] = start - 1
                for deeper in [d for d in counters if d > i]:
                    del counters[deeper]
        counters[ilvl] = counters.get(ilvl, levels[ilvl].start - 1) + 1
        for deeper in [d for d in counters if d > ilvl]:
            restart = levels[deeper].restart if deeper in levels else None
            # w:lvlRestart: restart after level N (1-based) counts; 0: never.
            if restart is None or restart and ilvl <= restart - 1:
                del counters[deeper]

        def counter(match):
            i = int(match.group(1)) - 1
            if i not in levels:
                return ""
            value = counters.get(i, levels[i].start)
            return format_number(value, "decimal" if level.legal and levels[i].fmt != "bullet"
                                 else levels[i].fmt)

        text = level.text if level.fmt == "bullet" else re.sub(r"%([1-9])", counter, level.text)
        return Number(text, level.suffix, level.fmt, level.text, ilvl)


def _level(el) -> Level:
    fmt = _val(el.find(w("numFmt"))) or "decimal"
    text_el = el.find(w("lvlText"))
    text = text_el.get(w("val"), "") if text_el is not None else ""
    start = _val(el.find(w("start")))
    restart = _val(el.find(w("lvlRestart")))
    return Level(fmt, text, number(start, 0, 0, MAX_START),
                 _val(el.find(w("suff"))) or "tab", el.find(w("isLgl")) is not None,
                 _val(el.find(w("pStyle"))),
                 number(restart, None, 0, 9))


def _val(el):
    return el.get(w("val")) if el is not None else None
