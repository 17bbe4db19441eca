"""Provisions written out in full (Blocks) and back, and numbers written
again after a renumbering in the way the document writes them."""
from __future__ import annotations

import re

from ..provisions import AIUEO, CONTAINER_KINDS, IROHA, Provision, kanji_numeral
from .operations import Block

_FULL = str.maketrans("0123456789", "０１２３４５６７８９")
_WIDE = re.compile(r"[０-９]")


def block_of(provision: Provision) -> Block:
    return Block(provision.kind, provision.number, provision.key, provision.heading,
                 tuple(provision.text), tuple(block_of(c) for c in provision.children))


def provision_of(block: Block, parent: Provision | None) -> Provision:
    statute = parent.statute if parent is not None else False
    node = Provision(block.kind, block.number, tuple(block.key), block.heading, list(block.text),
                     parent=parent, family=_family(block.number), statute=statute)
    node.children = [provision_of(c, node) for c in block.children]
    return node


def _family(number: str) -> str:
    if not number or number.startswith("第"):
        return "arabic" if not number else ""
    core = number.strip("()（）")
    paren = "paren_" if core != number else ""
    if core[:1].isdigit():
        return paren + "arabic"
    if core[:1] in "一二三四五六七八九十百千〇":
        return "kanji"
    if core[:1] in AIUEO:
        return paren + "katakana"
    return paren + "latin"


def renumbered(node: Provision, key: tuple[int, ...], written: str | None = None) -> None:
    """Give `node` the number `key`, written as `written` or, without it, in
    the script and width its number (or its siblings') already uses."""
    node.key = tuple(key)
    if node.kind == "項" and node.key == (1,) and node.statute and node.parent is not None \
            and node.parent.kind == "条":
        node.number = ""     # an article's first 項 bears no number (「第二項を第一項とし」)
        return
    node.number = written if written is not None else number_text(node, key)


def number_text(node: Provision, key: tuple[int, ...]) -> str:
    sample = node.number or next((c.number for c in (node.parent.children if node.parent else ())
                                  if c.kind == node.kind and c.number), "")
    digits = _digits(sample, node.statute)
    if node.kind in CONTAINER_KINDS or node.kind == "条" or sample.startswith("第"):
        kind = node.kind or re.sub(r"^第.*?([編章節款目条]).*$", r"\1", sample)
        head, *branches = key
        return f"第{_write(head, digits)}{kind}" + "".join("の" + _write(b, digits) for b in branches)
    value = key[0]
    family = node.family or _family(sample)
    if "katakana" in family:
        letters = IROHA if node.statute else AIUEO
        text = letters[value - 1] if value <= len(letters) else str(value)
    elif "latin" in family:
        text = chr(ord("a") + value - 1)
    elif family == "kanji":
        text = kanji_numeral(value)
    else:
        text = _write(value, digits)
    if sample and sample[0] in "(（" and sample[-1] in ")）":
        return sample[0] + text + sample[-1]
    return text


def _digits(sample: str, statute: bool) -> str:
    if re.search(r"[0-9]", sample):
        return "half"
    if _WIDE.search(sample):
        return "full"
    if sample.startswith("第"):
        return "kanji"
    return "full" if statute else "half"


def _write(value: int, digits: str) -> str:
    if digits == "kanji":
        return kanji_numeral(value)
    return str(value).translate(_FULL) if digits == "full" else str(value)
