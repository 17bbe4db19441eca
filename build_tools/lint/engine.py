"""Running the rules over a document's blocks: hits become findings.

A check is a function `check(ctx) -> iterable of Hit`; it reads the blocks
(and, for grammar, Sudachi's words) and says which characters break its
rule and what they should read. The engine keeps the rules the profile
switches on, drops hits inside a block that disables the rule, and turns
each hit into a Finding with the file, line and column of its RST source.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property

from .blocks import Block
from .checks import CHECKS
from .hit import Hit
from .rules import LEVEL_NAMES, RULES, levels
from .settings import Settings


@dataclass
class Fix:
    line: int
    column: int
    old: str
    new: str


@dataclass
class Finding:
    file: str
    line: int | None
    column: int | None
    rule: str
    level: str
    message: str
    suggestion: str
    provision: str | None = None    # e-Gov: the provision (第五条…) the text is in
    fix: Fix | None = None
    text: str = ""                  # the characters reported
    offset: int = 0                 # where they start in the block's text
    block: Block | None = field(default=None, repr=False, compare=False)

    def as_dict(self) -> dict:
        out = {k: getattr(self, k) for k in
               ("file", "line", "column", "rule", "level", "message", "suggestion")}
        if self.provision:
            out["provision"] = self.provision
        out["fixable"] = self.fix is not None
        return out

    def line_text(self) -> str:
        where = f"{self.file}:{self.provision}" if self.provision else self.file
        where += f":{self.line or 0}:{self.column or 0}"
        return (f"{where}: {self.rule}: 【{LEVEL_NAMES[self.level]}】{self.message}"
                f" → {self.suggestion}")


class Context:
    """What a check sees: the blocks of one document and the settings."""

    def __init__(self, blocks: list[Block], settings: Settings, *, vertical: bool = False):
        self.blocks = blocks
        self.settings = settings
        self.vertical = vertical
        self._tokens = {}

    @cached_property
    def allowed(self) -> re.Pattern | None:
        words = [w for w in self.settings.allowed_words if w]
        return re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True)))) \
            if words else None

    def tokens(self, block: Block):
        """Sudachi's words of a block: (start, end, morpheme), cached."""
        key = id(block)
        if key not in self._tokens:
            from ..diff.words import _tokenizer
            tokenizer, out, offset = _tokenizer(), [], 0
            for chunk in _chunks(block.text):
                for morpheme in tokenizer.tokenize(chunk):
                    surface = morpheme.surface()
                    out.append((offset, offset + len(surface), morpheme))
                    offset += len(surface)
            self._tokens[key] = out
        return self._tokens[key]

    def prose(self, kinds=("paragraph", "line", "title", "term", "caption", "rubric",
                           "attribution")):
        return [b for b in self.blocks if b.kind in kinds]


def _chunks(text: str, size: int = 4000):
    """Pieces Sudachi accepts (its input is limited), cut after a 。."""
    while len(text) > size:
        cut = text.rfind("。", 0, size) + 1 or size
        yield text[:cut]
        text = text[cut:]
    if text:
        yield text


def run(blocks: list[Block], settings: Settings, *, vertical: bool = False,
        provisions: dict | None = None) -> list[Finding]:
    """Every finding of the document, in reading order."""
    active = levels(settings.profile, vertical or settings.writing == "縦書き",
                    disabled=settings.disable)
    ctx = Context(blocks, settings, vertical=vertical or settings.writing == "縦書き")
    found, seen = [], set()
    order = {id(b): i for i, b in enumerate(blocks)}
    for rule_id, check in CHECKS.items():
        if rule_id not in active:
            continue
        for hit in check(ctx):
            if hit.rule in hit.block.disabled:
                continue
            key = (hit.rule, id(hit.block), hit.start, hit.end)
            if key in seen:
                continue
            seen.add(key)
            found.append((order[id(hit.block)], hit.start, _finding(hit, active[hit.rule],
                                                                    provisions)))
    found.sort(key=lambda item: (item[0], item[1], item[2].rule))
    return [finding for _, _, finding in found]


def _finding(hit: Hit, level: str, provisions: dict | None) -> Finding:
    rule = RULES[hit.rule]
    block = hit.block
    line, column = block.where(hit.start)
    text = block.text[hit.start:hit.end]
    fix = None
    if hit.replacement is not None and block.path is not None:
        fix = _fix(block, hit)
    shown = f"「{text}」→「{hit.replacement}」" if hit.replacement is not None and text else \
        hit.suggestion
    if hit.replacement is not None and text and hit.suggestion:
        shown = f"{shown}（{hit.suggestion}）" if hit.suggestion != hit.replacement else shown
    return Finding(file=block.file, line=line, column=column, rule=hit.rule, level=level,
                   message=f"{rule.title}（{rule.source}）", suggestion=shown,
                   provision=(provisions or {}).get(block.section), fix=fix, text=text,
                   offset=hit.start,
                   block=block)


def _fix(block: Block, hit: Hit) -> Fix | None:
    if hit.start == hit.end:   # an insertion before text[end]
        place = block.raw_span(hit.end, hit.end + 1)
        return Fix(place[0], place[1], "", hit.replacement) if place else None
    place = block.raw_span(hit.start, hit.end)
    if place is None:
        return None
    return Fix(place[0], place[1], block.text[hit.start:hit.end], hit.replacement)


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)
