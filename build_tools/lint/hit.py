"""What a check reports: the characters of a block that break a rule."""
from __future__ import annotations

from dataclasses import dataclass

from .blocks import Block


@dataclass
class Hit:
    rule: str
    block: Block
    start: int
    end: int
    suggestion: str                 # what it should read, in words
    replacement: str | None = None  # a safe rewrite of text[start:end], if any
