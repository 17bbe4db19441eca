"""The 新旧対照表's own checker (`policy diff --check`, and the tests): what a
法規担当 checks before signing a table, checked on every table we make.

- every 「略」 line well-formed: one kind of number (項, 号, イロハ, (1)),
  increasing, 「及び」 for two consecutive numbers, 「から…まで」 for three or more;
- no mark starts or ends inside a word (words.py: the same words as the marks);
- both texts recoverable: each column's paragraphs are its own text;
- in the PDF, the header row on every page (pdftotext, page by page).

Each problem names the row (its heading and anchor) and the reason.
"""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from docutils import nodes

from ..errors import PolicyError
from ..nodes import COMPARISON_CONTEXT, COMPARISON_HEADING, COMPARISON_NOTE, deleted, inserted
from . import words
from ..provisions import paragraph_number

_OMITTED = re.compile(r"^(?:(?P<a>\S+?)(?:(?:(?P<and>及び)|(?P<from>から))(?P<b>\S+?)(?:まで)?)?　)?"
                      r"(?:略|（略）)$")


def _read(number: str, iroha: bool):
    """(family, key) of a number in a 「略」 line, or None."""
    found = paragraph_number(number + "　.", iroha=iroha)
    return (found[0], found[2]) if found else None


def omitted_problem(text: str) -> str | None:
    """Why a 「略」 line is not well-formed, or None. Katakana count in イロハ
    order (statutes) or in アイウエオ order (our policy): either will do."""
    problems = [_omitted_problem(text, iroha) for iroha in (True, False)]
    return None if None in problems else problems[0]


def _omitted_problem(text: str, iroha: bool) -> str | None:
    match = _OMITTED.match(text)
    if not match:
        return f"「略」の書き方ではありません: 「{text}」"
    a, b = match["a"], match["b"]
    if a is None:
        return None
    if (match["and"] or match["from"]) and b is None:
        return f"範囲の終わりがありません: 「{text}」"
    if b is None:
        return None if _read(a, iroha) else f"番号として読めません: 「{a}」"
    first, last = _read(a, iroha), _read(b, iroha)
    if first is None or last is None or first[0] != last[0]:
        return f"種類の違う番号が一つの範囲にあります（項と号など）: 「{text}」"
    (_, first), (_, last) = first, last
    if last <= first:
        return f"範囲の番号が増えていません: 「{text}」"
    if len(first) == len(last) == 1:   # without branch numbers (十一の二) the count is known
        if match["and"] and last[0] != first[0] + 1:
            return f"「及び」は続く二つの番号だけに使います（三つ以上は「から…まで」）: 「{text}」"
        if match["from"] and last[0] < first[0] + 2:
            return f"「から…まで」は三つ以上に使います（二つは「及び」）: 「{text}」"
    return None


def _text_and_marks(paragraph: nodes.paragraph):
    """The paragraph's text without our notes, and the (start, end) of each mark."""
    text, marks = "", []
    for child in paragraph.children:
        if isinstance(child, nodes.Element) and COMPARISON_NOTE in child["classes"]:
            continue
        piece = child.astext()
        if isinstance(child, (inserted, deleted)):
            marks.append((len(text), len(text) + len(piece)))
        text += piece
    return text, marks


def check_doctree(doctree: nodes.document, comparison=None) -> list[str]:
    """The problems of a comparison doctree (and, given the Comparison, of
    its texts), each as 「行 見出し（#anchor）: 理由」."""
    problems = []
    rows = {row.anchor: row for row in comparison.rows} if comparison is not None else {}
    for tr in doctree.findall(nodes.row):
        if not tr.get("ids"):
            continue  # the header row
        anchor = tr["ids"][0]
        heading = next((p.astext() for p in tr.findall(nodes.paragraph)
                        if COMPARISON_HEADING in p["classes"]), "")
        where = f"行 {heading}（#{anchor}）"
        for paragraph in tr.findall(nodes.paragraph):
            if "comparison-omitted" in paragraph["classes"]:
                problem = omitted_problem(paragraph.astext())
                if problem:
                    problems.append(f"{where}: {problem}")
                continue
            if COMPARISON_NOTE in paragraph["classes"]:
                continue
            text, marks = _text_and_marks(paragraph)
            if not marks or marks == [(0, len(text))]:
                continue
            edges = words.boundaries(text, 0, len(text))
            for start, end in marks:
                for edge in (start, end):
                    if edge not in edges:
                        problems.append(f"{where}: 傍線が語の途中で{'始' if edge == start else '終'}"
                                        f"まっています: 「{text[max(0, edge - 6):edge]}|"
                                        f"{text[edge:edge + 6]}」")
        row = rows.get(anchor)
        if row is not None:
            problems += [f"{where}: {p}" for p in _recoverable(tr, row)]
    return problems


def _recoverable(tr: nodes.row, row) -> list[str]:
    """Each column's paragraphs are paragraphs of its own text."""
    problems = []
    for entry in tr.children:
        side = "new" if "comparison-new" in entry["classes"] else "old"
        unit = row.new if side == "new" else row.old
        if unit is None:
            continue
        known = {b.text for b in unit.blocks} | {c for b in unit.blocks for c in b.cells or ()}
        for paragraph in entry.findall(nodes.paragraph):
            if {COMPARISON_NOTE, COMPARISON_HEADING, COMPARISON_CONTEXT} & set(paragraph["classes"]):
                continue
            if not paragraph.astext() and isinstance(paragraph.parent, nodes.entry) \
                    and paragraph.parent is not entry:
                continue  # an empty cell of a table inside the row
            text, _ = _text_and_marks(paragraph)
            if text not in known:
                column = "改正後" if side == "new" else "改正前"
                problems.append(f"{column}の段落が元の本文にありません: 「{text[:30]}…」")
    return problems


def check_pdf(path: Path, headers: tuple[str, str]) -> list[str]:
    """Pages of the PDF without the table's header row."""
    if shutil.which("pdftotext") is None:
        raise PolicyError("PDF の確認には pdftotext が必要です",
                          hint="sudo apt-get install poppler-utils")
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout
    pages = text.split("\f")
    problems, started = [], False
    for number, page in enumerate(pages, 1):
        has_header = all(h in page for h in headers)
        started = started or has_header   # pages before the table need none
        if not page.strip() or not started:
            continue
        if not has_header:
            problems.append(f"{path.name} {number}ページ: 表の見出し行（{'・'.join(headers)}）がありません")
    return problems
