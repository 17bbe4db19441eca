"""The text an instruction brings (「次の一条を加える。」 and the article after it)
read into Blocks, in the shape the provision model gives the same text when
it reads a whole document (build_tools/provisions.py): 章・節 with their
articles, an article with its 見出し and 項 (the first without a number), 項
with their 号, 号 with イロハ …
"""
from __future__ import annotations

import re
from types import SimpleNamespace

from ..provisions import ARTICLE, CONTAINER_KINDS, SUPPLEMENTARY, Provision, _paragraphs, heading_key
from .operations import Address, Block

_NUM = r"[0-9０-９〇一二三四五六七八九十百千]+"
_CONTAINER = re.compile(rf"^(第{_NUM}([編章節款目])(?:の{_NUM})*)[　 ]+(.+)$")
_ARTICLE = re.compile(rf"^(第{_NUM}条(?:の{_NUM})*)(?:[　 ]+(.*))?$")
_SUPPLEMENTARY = re.compile(r"^[附付][　 ]*則[　 ]*(.*)$")
_HEADING = re.compile(r"^[（(]([^（）()]+)[）)]$")
_CIRCLED = {chr(ord("⑴") + i): f"（{i + 1}）" for i in range(20)}
_LEVEL = {kind: i for i, kind in enumerate(CONTAINER_KINDS)}


def block_of(provision: Provision) -> Block:
    return Block(provision.kind, provision.number, provision.key, provision.heading,
                 tuple(provision.text), tuple(block_of(c) for c in provision.children))


def blocks_of(lines: list[str], target: Address, *, statute: bool) -> list[Block]:
    """The provisions written out in `lines`, for an operation on `target`."""
    lines = [_circled(line) for line in lines if line.strip()]
    if not lines:
        return []
    if _SUPPLEMENTARY.match(lines[0]):  # 「附則を次のように改める。」 + 「附　則」 and its text
        node = Provision(SUPPLEMENTARY, "", (), _SUPPLEMENTARY.match(lines[0])[1], statute=statute)
        _paragraphs(node, lines[1:], SimpleNamespace(title="附則"))
        return [block_of(node)]
    if any(_CONTAINER.match(line) or _ARTICLE.match(line) for line in lines[:2]):
        return _structure(lines, statute)
    if target.scope:  # a part of a provision (後段, ただし書): its words, and its table
        return [Block("", text=(lines[0], *table_rows(lines[0], lines[1:])))]
    if not statute:
        return _own_sections(lines)
    return _paragraph_blocks(lines, statute)


# Our policy's headings: 1, (1), ア, (ア) — each below the one before it.
_OWN = re.compile(r"^(?P<num>[0-9０-９]+|[(（][0-9０-９]+[)）]|[ア-ン]|[(（][ア-ン][)）])[　 ]+(?P<rest>\S.*)$")


def _level(number: str) -> int:
    core = number.strip("()（）")
    return (1 if core[:1].isdigit() else 3) + (number[:1] in "(（")


def _own_sections(lines: list[str]) -> list[Block]:
    """A policy's sections as its own layout prints them: 「3　国の動向」 is a
    heading (short, no 「。」), its paragraphs follow; a long numbered line is a
    numbered paragraph of the section it is in. A first line without a number
    that is short is a heading too (「はじめに」)."""
    from ..provisions import number_value
    top: list[Provision] = []
    stack: list[tuple[int, Provision]] = []
    for index, line in enumerate(lines):
        match = _OWN.match(line)
        short = lambda text: len(text) <= 40 and not text.endswith("。")  # noqa: E731
        if match and short(match["rest"]):
            level = _level(match["num"])
            value = number_value(match["num"], iroha=False)
            node = Provision("", match["num"], (value,) if value else (), match["rest"])
            while stack and stack[-1][0] >= level:
                stack.pop()
            (stack[-1][1].add(node) if stack else top.append(node))
            stack.append((level, node))
        elif index == 0 and not match and short(line):
            node = Provision("", "", (), line)
            top.append(node)
            stack.append((0, node))
        elif match and stack:
            value = number_value(match["num"], iroha=False)
            stack[-1][1].add(Provision("", match["num"], (value,) if value else (), "", [match["rest"]]))
        elif stack:
            holder = stack[-1][1]
            (holder.children[-1].text if holder.children and not holder.children[-1].heading
             else holder.text).append(line)
        else:
            top.append(Provision("", "", (), "", [line]))
    return [block_of(p) for p in top]


_REFERENCE = re.compile(rf"^第{_NUM}(?:[条項号]|の{_NUM})")


def table_rows(sentence: str, cells: list[str]) -> list[str]:
    """The rows of a 読替え table printed one cell per line, each row as the
    reader gives a table row (cells joined by ｜). Its columns are the ones the
    sentence names (上欄・中欄・下欄); a row whose first cell is not a provision
    shares the one above it (an empty first cell)."""
    if not cells or "上欄" not in sentence:
        return cells
    width = 3 if "中欄" in sentence else 2
    rows, i = [], 0
    while i < len(cells):
        if width == 3 and not _REFERENCE.match(cells[i]):
            row = [""] + cells[i:i + 2]
            i += 2
        else:
            row = cells[i:i + width]
            i += width
        rows.append("｜".join(row))
    return rows


def _circled(line: str) -> str:
    """⑴ is how 例規 print the 号 (1): read as its number."""
    return _CIRCLED.get(line[:1], line[:1]) + line[1:] if line[:1] in _CIRCLED else line


def _structure(lines: list[str], statute: bool) -> list[Block]:
    """章・節 and articles: each container holds what follows it up to the next
    container of its level or above."""
    top: list[Provision] = []
    stack: list[Provision] = []      # open containers
    article: Provision | None = None
    texts: list[str] = []
    heading = ""

    def close():
        nonlocal article, texts
        if article is not None:
            _fill(article, texts)
        article, texts = None, []

    for line in lines:
        container = _CONTAINER.match(line)
        match = _ARTICLE.match(line)
        caption = _HEADING.match(line)
        if container:
            close()
            kind = container[2]
            while stack and _LEVEL[stack[-1].kind] >= _LEVEL[kind]:
                stack.pop()
            node = Provision(kind, container[1], heading_key(container[1]), container[3], statute=statute)
            (stack[-1].add(node) if stack else top.append(node))
            stack.append(node)
        elif caption and (article is None or texts):
            close()
            heading = caption[1]
        elif match:
            close()
            article = Provision(ARTICLE, match[1], heading_key(match[1]), heading, statute=statute)
            heading = ""
            (stack[-1].add(article) if stack else top.append(article))
            texts = [match[2]] if match[2] else []
        elif article is not None:
            texts.append(line)
        elif stack:
            stack[-1].text.append(line)
        else:
            top.append(Provision("", "", (), "", [line], statute=statute))
    close()
    return [block_of(p) for p in top]


def _fill(article: Provision, texts: list[str]) -> None:
    _paragraphs(article, texts, SimpleNamespace(title=article.number))


def _paragraph_blocks(lines: list[str], statute: bool) -> list[Block]:
    """項, 号 and below, as they go into an article: read inside one, then
    taken out of it (the article's own first 項 is then empty)."""
    holder = Provision(ARTICLE, "", (), "", statute=statute)
    first = lines[0]
    _paragraphs(holder, lines, SimpleNamespace(title="改め文"))
    implicit, *rest = holder.children
    out = []
    if implicit.text:  # text before the first number: a paragraph of its own, with its 号
        paragraph = Provision("", "", (), "", list(implicit.text), statute=statute)
        for child in implicit.children:
            paragraph.add(child)
        out.append(paragraph)
    else:
        out += implicit.children
    out += rest
    if not out:
        raise ValueError(f"本文「{first[:20]}」を読めません")
    return [block_of(p) for p in out]
