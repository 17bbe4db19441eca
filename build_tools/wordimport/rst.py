"""Blocks of a Word document → our source: one RST file per chapter and an
index.rst with the toctree, in the shape of source/ (title, labels).

Every section gets a label from its numbering path, not from its Japanese
text: 「2」 → sec-2, its 「(1)」 → sec-2-1, its 「ア」 → sec-2-1-1; a heading
without a number is n1, n2 … among its siblings (「はじめに」 → sec-n1). The
heading keeps its number as written. Text is escaped so that RST shows it
exactly (a paragraph starting 「(1)　」 is not a list).
"""
from __future__ import annotations

import re
import unicodedata

from .body import Body, Heading, Para, Reconstructed, Table
from .numbers import number_key

INDEX = "index.rst"
ADORNMENTS = "=-~^\"'`.+"
LIST_FORMATS = {"decimal", "lowerLetter", "upperLetter", "lowerRoman", "upperRoman"}
_ENUMERATOR = re.compile(r"^(?:\(?(?:[0-9]+|[a-zA-Z]|[ivxlcdmIVXLCDM]+|#)[.)]|\((?:[0-9]+|[a-zA-Z]|#)\))(?:\s|$)")
_INLINE = re.compile(r"([\\*`|_])")
# Anything that could end a line of RST (and so start a directive) is a space.
_BREAKS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u0085]")
_URL = re.compile(r"^(?:https?|mailto):[^\s<>`\\]+$")


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def escape(text: str, *, first: bool = True, title: bool = False) -> str:
    """Text that RST shows as it is, on one line. A body paragraph's first
    character is escaped when it could start other markup (a list, a
    directive); a title's only when it could start a directive or a list
    mark (an enumerator followed by an underline is a title already)."""
    text = _INLINE.sub(r"\\\1", _BREAKS.sub(" ", text))
    marks = "!\"#$%&')+,-./:;<=>?@[]^{}~" if title else "!\"#$%&'()+,-./:;<=>?@[]^{}~"
    if first and text and (text[0] in marks or not title and _ENUMERATOR.match(text)):
        text = "\\" + text
    if text.endswith("::"):
        text = text[:-2] + "\\::"
    return text


class RstWriter:
    def __init__(self, body: Body):
        self.body = body
        self.labels: set[str] = set()
        self.list_stack: list[int] = []       # marker widths of the open lists
        self.note_names: dict[str, str] = {}  # Word footnote id → fn1, fn2 … in reading order

    def files(self) -> dict[str, str]:
        """File name → RST text (index.rst first)."""
        chapters: list[tuple[str, list[str]]] = []
        preamble: list[str] = []
        lines = preamble
        stack: list[tuple[int, list[str], dict]] = []    # (word level, label parts, unnumbered count)
        roots: dict = {"n": 0}
        reconstructed = False
        for block in self.body.blocks:
            if isinstance(block, Heading):
                while stack and stack[-1][0] >= block.level:
                    stack.pop()
                siblings = stack[-1][2] if stack else roots
                parts = (stack[-1][1] if stack else []) + [_part(block.number, siblings)]
                label = self._unique("sec-" + "-".join(parts))
                stack.append((block.level, parts, {"n": 0}))
                depth = len(stack)
                if depth == 1:
                    lines = []
                    chapters.append((label, lines))
                _blank(lines)
                title = escape(block.text, title=True)
                lines += [f".. _{label}:", "", title,
                          ADORNMENTS[min(depth, len(ADORNMENTS)) - 1] * width(title), ""]
                reconstructed = False
                self.list_stack = []
                continue
            if isinstance(block, Reconstructed):
                reconstructed = "pending"     # opened by the first block it holds
                continue
            if reconstructed == "pending":
                _blank(lines)
                lines += [".. container:: reconstructed", ""]
                reconstructed = True
            self._block(block, lines, "   " if reconstructed else "")
        return self._assemble(preamble, chapters)

    def _assemble(self, preamble, chapters) -> dict[str, str]:
        title = escape(self.body.title or "（表題なし）", title=True)
        index = [".. " + "この原稿は Word 文書から policy import で取り込んだものです。", "",
                 "=" * width(title), title, "=" * width(title), ""]
        index += _trim(preamble)
        if chapters:
            _blank(index)
            index += [".. toctree::", "   :maxdepth: 2", ""] + [f"   {name}" for name, _ in chapters]
        files = {INDEX: "\n".join(index).rstrip() + "\n"}
        for name, lines in chapters:
            files[f"{name}.rst"] = "\n".join(_trim(lines)).rstrip() + "\n"
        return files

    def _unique(self, label: str) -> str:
        found, n = label, 1
        while found in self.labels:
            n += 1
            found = f"{label}-dup{n}"
        self.labels.add(found)
        return found

    # --- body blocks --------------------------------------------------------

    def _block(self, block, lines, indent):
        if isinstance(block, Table):
            if not block.rows or not block.rows[0]:
                return      # a table without cells has nothing to show
            self.list_stack = []
            _blank(lines)
            self._table(block, lines, indent)
            return
        if not isinstance(block, Para):
            return
        item = block.item
        if item is not None and item.bullet:
            prefix, text = "* ", self._inline(block)
        elif item is not None and item.fmt in LIST_FORMATS and \
                re.fullmatch(rf"\(?%{item.ilvl + 1}[.)]", item.lvl_text):
            prefix, text = item.text + " ", self._inline(block)
        else:
            prefix, text = "", self._inline(block, item)
        if prefix:
            # A Word level deeper than one below the open lists is one below them.
            del self.list_stack[min(item.ilvl, len(self.list_stack)):]
            inner = indent + " " * sum(self.list_stack)
            self.list_stack.append(len(prefix))
        else:
            self.list_stack = []
            inner = indent
        _blank(lines)
        lines.append(inner + prefix + text)
        lines.append("")
        self._footnotes(block, lines, inner + " " * len(prefix))

    def _inline(self, para: Para, number=None) -> str:
        out = []
        if number is not None and number.text:
            gap = "" if number.suffix == "nothing" else "　"
            out.append(escape(number.text + gap))
        for kind, value, *rest in para.pieces:
            first = not out
            if kind == "text":
                out.append(escape(value, first=first))
            elif kind == "link" and _URL.match(rest[0]):
                label = escape(value, first=False).replace("<", "\\<")
                out.append(("" if first else "\\ ") + f"`{label} <{rest[0]}>`__\\ ")
            elif kind == "link":
                out.append(escape(value, first=first))
            elif kind == "note" and value in self.body.footnotes:
                out.append(("" if first else "\\ ") + f"[#{self._note(value)}]_\\ ")
        text = "".join(out)
        return re.sub(r"\\ $", "", text)

    def _note(self, word_id: str) -> str:
        return self.note_names.setdefault(word_id, f"fn{len(self.note_names) + 1}")

    def _footnotes(self, para, lines, indent):
        for kind, value, *_ in para.pieces:
            if kind == "note" and value in self.body.footnotes:
                paras = [self._inline(p) for p in self.body.footnotes[value] if p.text.strip()]
                lines.append(f"{indent}.. [#{self._note(value)}] " + (paras[0] if paras else ""))
                for more in paras[1:]:
                    lines += ["", f"{indent}   {more}"]
                lines.append("")

    def _table(self, table: Table, lines, indent):
        caption = escape(table.caption, first=False) if table.caption else ""
        lines.append(f"{indent}.. list-table::" + (f" {caption}" if caption else ""))
        if table.header_rows:
            lines.append(f"{indent}   :header-rows: {table.header_rows}")
        if table.widths:
            total = sum(table.widths)
            lines.append(f"{indent}   :widths: " + " ".join(
                str(max(1, round(100 * c / total))) for c in table.widths))
        lines.append("")
        for row in table.rows:
            for column, cell in enumerate(row):
                mark = "* -" if column == 0 else "  -"
                paras = [self._inline(p, p.item) for p in cell if p.text.strip()]
                lines.append(f"{indent}   {mark} {paras[0]}" if paras else f"{indent}   {mark}")
                for more in paras[1:]:
                    lines += ["", f"{indent}       {more}"]
        lines.append("")


def _part(number: str, siblings: dict) -> str:
    key = number_key(number) if number else ()
    if key:
        return "_".join(str(k) for k in key)
    siblings["n"] += 1
    return f"n{siblings['n']}"


def _blank(lines):
    if lines and lines[-1] != "":
        lines.append("")


def _trim(lines):
    while lines and lines[0] == "":
        lines = lines[1:]
    return lines
