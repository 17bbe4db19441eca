"""The text of a document as the checker sees it: blocks with positions.

A block is one piece of running text of the doctree (a paragraph, a
heading, a line of a line block, a table cell's paragraph), as read by the
one reader. Each character keeps the place it was written in the RST file
(line and column, 1-based), found by walking the raw text alongside the
doctree's text: markup (``*``, roles, indentation, line breaks inside a
Japanese sentence) is stepped over, so findings point at the source and a
fix can rewrite exactly the characters it reports.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from pathlib import Path

from docutils import nodes

from ..errors import PolicyError

# Running text; everything else (code, comments, raw HTML, math) is not prose.
TEXT_NODES = (nodes.paragraph, nodes.title, nodes.line, nodes.term, nodes.rubric,
              nodes.caption, nodes.attribution)
SKIPPED = (nodes.literal_block, nodes.comment, nodes.raw, nodes.doctest_block,
           nodes.math_block, nodes.system_message, nodes.substitution_definition,
           nodes.literal, nodes.math, nodes.footnote_reference, nodes.citation_reference)
DISABLE = re.compile(r"^lint:\s*disable\s*=\s*(?P<ids>.*)$", re.S)
# How far ahead a character may be looked for in the raw text, over markup.
LOOKAHEAD = 160


@dataclass
class Block:
    """One piece of running text and where each of its characters was written."""

    kind: str                         # "title", "paragraph", …
    text: str
    file: str                         # as shown in findings
    path: Path | None                 # the raw file, when it can be fixed in place
    positions: list                   # per character: its offset in the raw file, or None
    depth: int = 0                    # a section title's depth (1: chapter)
    section: int | None = None        # the section it belongs to (its title block's index)
    disabled: frozenset = frozenset()
    title_line: int | None = None     # a section title: the line of its text
    raw: "RawText | None" = None
    rel: str = ""                     # the file, relative to the source folder
    node_line: int | None = None      # the line docutils gives the node

    def place(self, offset: int):
        """(line, column) of text[offset] in its file, or None."""
        found = self.positions[offset] if 0 <= offset < len(self.positions) else None
        return None if found is None else self.raw.place(found)

    def where(self, offset: int) -> tuple[int | None, int | None]:
        """(line, column) of text[offset], or of the nearest character known."""
        for probe in (*range(offset, len(self.text)), *range(offset - 1, -1, -1)):
            if 0 <= probe < len(self.positions) and self.positions[probe] is not None:
                line, column = self.place(probe)
                return line, column if probe == offset else None
        return None, None

    def raw_span(self, start: int, end: int):
        """(line, column) of text[start:end] if it is written contiguously on
        one line exactly as it reads (then a fix may rewrite it), else None."""
        offsets = self.positions[start:end]
        if not offsets or any(p is None for p in offsets) or \
                offsets != list(range(offsets[0], offsets[0] + len(offsets))) or \
                "\n" in self.raw.text[offsets[0]:offsets[-1] + 1]:
            return None
        return self.raw.place(offsets[0])


@dataclass
class SourceFiles:
    """The raw text of the RST files a document was read from, by the name
    findings show. `find` maps a doctree's source path to one of them: the
    reader caches doctrees, so a path may be that of an earlier copy."""

    folder: Path | None
    shown: dict = field(default_factory=dict)     # relative name -> shown name
    writable: bool = True
    _lines: dict = field(default_factory=dict)

    def find(self, source: str | None) -> str | None:
        if not source:
            return None
        source = source.replace("\\", "/")
        best = None
        for rel in self.shown:
            if source == rel or source.endswith("/" + rel):
                if best is None or len(rel) > len(best):
                    best = rel
        return best

    def raw(self, rel: str) -> "RawText":
        if rel not in self._lines:
            path = self.folder / rel
            try:
                lines = path.read_text(encoding="utf-8").splitlines()
            except UnicodeDecodeError:
                raise PolicyError("UTF-8 で読めません", file=self.shown[rel],
                                  hint="ファイルを UTF-8 で保存し直してください") from None
            self._lines[rel] = RawText("\n".join(lines) + "\n", lines)
        return self._lines[rel]


def located(node):
    """(source, line) of a node, from it or the nearest ancestor that has them."""
    while node is not None:
        if getattr(node, "source", None) and getattr(node, "line", None):
            return node.source, node.line
        node = node.parent
    return None, None


def _skipped(node) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, SKIPPED):
            return True
        parent = parent.parent
    return False


def _pieces(node) -> list[str]:
    """The node's text, leaving out inline code and the like."""
    out = []
    for text in node.findall(nodes.Text):
        inner, keep = text.parent, True
        while inner is not None and inner is not node:
            if isinstance(inner, SKIPPED) or (isinstance(inner, TEXT_NODES) and inner is not node):
                keep = False
                break
            inner = inner.parent
        if keep:
            out.append(str(text))
    return out


def block_text(node) -> str:
    """The text of a block as the rules read it."""
    return _clean("".join(_pieces(node)))


def _clean(raw: str) -> str:
    """A line break inside Japanese text is no space (document.clean's rule)."""
    raw = re.sub(r"(?<=[^\x00-\x7f])\n(?=[^\x00-\x7f])", "", raw)
    return re.sub(r"\s*\n\s*", " ", raw)


def _align(text: str, raw: "RawText", first: int) -> list:
    """Offsets in the raw file of text's characters, from line `first` on
    (None where a character is not written there as it reads)."""
    source, out = raw.text, []
    pointer = raw.starts[first - 1] if first - 1 < len(raw.starts) else len(source)
    at, size = 0, len(text)
    while at < size:
        char = text[at]
        if char.isspace() and char != "\u3000":
            out.append(None)
            at += 1
            continue
        found = source.find(char, pointer, pointer + LOOKAHEAD)
        # Only markup (ASCII) and white space may lie between two characters.
        if found < 0 or _NOT_MARKUP.search(source, pointer, found):
            out.append(None)
            at += 1
            continue
        # The common case: the rest of a line written just as it reads.
        match = _RUN.match(text, at)
        run = match.end() - at if match else 0
        if run > 1 and source.startswith(text[at:at + run], found):
            out.extend(range(found, found + run))
            pointer, at = found + run, at + run
            continue
        out.append(found)
        pointer, at = found + 1, at + 1
    return out


_RUN = re.compile(r"[^\x00-\x7f]+")
_NOT_MARKUP = re.compile(r"[^\x00-\x7f\s]")


@dataclass
class RawText:
    """A file's text and where its lines start."""

    text: str
    lines: list

    def __post_init__(self):
        self.starts = [0]
        for line in self.lines:
            self.starts.append(self.starts[-1] + len(line) + 1)

    def place(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1


def blocks_of(doctree, files: SourceFiles) -> list[Block]:
    """The running text of `doctree`, in reading order."""
    disabled = _disabled(doctree, files)
    out: list[Block] = []
    section_of, root_file = {}, None
    for node in doctree.findall(nodes.TextElement):
        if not isinstance(node, TEXT_NODES) or _skipped(node):
            continue
        source, line = located(node)
        rel = files.find(source)
        if rel is None:
            continue  # text our extension adds (【再構成】 labels), not the editor's
        text = block_text(node)
        if not text.strip():
            continue
        is_section_title = isinstance(node, nodes.title) and isinstance(node.parent, nodes.section)
        first = line - 1 if isinstance(node, nodes.title) else line
        raw = files.raw(rel)
        first = _start_line(text, raw.lines, max(1, first))
        depth = _depth(node) if is_section_title else 0
        if is_section_title:
            # Chapters a toctree brings in sit beside the root's title section.
            root_file = root_file or rel
            depth += rel != root_file
        kind = "title" if is_section_title else (
            "caption" if isinstance(node, nodes.title) else type(node).__name__)
        block = Block(
            kind=kind, text=text,
            file=files.shown[rel], path=files.folder / rel if files.writable else None,
            positions=_align(text, raw, first), depth=depth, raw=raw,
            disabled=frozenset().union(*(disabled.get(id(a), ()) for a in _ancestors(node))),
            title_line=first if is_section_title else None, rel=rel, node_line=line)
        section = node.parent if is_section_title else _section_node(node)
        if is_section_title:
            section_of[id(section)] = len(out)
        block.section = section_of.get(id(section)) if section is not None else None
        out.append(block)
    return out


def _start_line(text: str, lines: list[str], line: int) -> int:
    """The line where a block's text starts: docutils' line, or a line or two
    before it (it gives a title the line of its underline)."""
    head = re.sub(r"\s", "", text)[:4]
    for candidate in (line, line - 1, line + 1, line - 2):
        if 1 <= candidate <= len(lines) and head and head[0] in lines[candidate - 1]:
            return candidate
    return line


def _ancestors(node):
    while node is not None:
        yield node
        node = node.parent


def _depth(title) -> int:
    depth, node = 0, title.parent
    while node is not None:
        if isinstance(node, nodes.section):
            depth += 1
        node = node.parent
    return depth - 1   # the document's own title section is depth 0 in its file


def _section_node(node):
    while node is not None and not isinstance(node, nodes.section):
        node = node.parent
    return node


def _disabled(doctree, files: SourceFiles) -> dict:
    """id(element) -> rule ids switched off for it by a preceding
    `.. lint: disable=ID` comment (checked against the known rules)."""
    from .rules import RULES
    found = {}
    for comment in doctree.findall(nodes.comment):
        match = DISABLE.match(comment.astext().strip())
        if not match:
            continue
        source, line = located(comment)
        rel = files.find(source)
        shown = files.shown.get(rel, source)
        if rel is not None and line:
            # docutils gives a comment the line after it: find the comment itself.
            lines = files.raw(rel).lines
            line = next((n for n in range(min(line, len(lines)), max(0, line - 4), -1)
                         if "lint:" in lines[n - 1]), line)
        ids = [part.strip() for part in re.split(r"[,\s]+", match["ids"]) if part.strip()]
        for rule_id in ids:
            if rule_id not in RULES:
                raise PolicyError(f"lint の無効化コメントに知らない規則 '{rule_id}' があります",
                                  file=shown, line=line,
                                  hint="規則の ID は `policy lint --rules` で一覧できます")
        target = comment.next_node(lambda n: not isinstance(n, (nodes.comment, nodes.target)),
                                   siblings=True, descend=False, ascend=True)
        if target is not None:
            found[id(target)] = frozenset(found.get(id(target), ())) | set(ids)
    return found
