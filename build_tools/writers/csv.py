"""The CSV writer: a document's data tables (class `DATA_TABLE`) as open
data — the header row, then one line per row, each cell's paragraphs on
lines of their own. UTF-8 with a BOM: Excel in Japanese reads a CSV without
one as Shift_JIS (mojibake), and Shift_JIS cannot hold every character an
opinion may contain (𠮷, emoji); LibreOffice and pandas read the BOM too. A sample is marked on every row (注記), so a row copied out of the
file still says what it is.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path

from docutils import nodes

from ..errors import PolicyError
from ..nodes import DATA_TABLE

NOTE_COLUMN = "備考"   # not 注記: that is the records' internal note
# Cells starting with these are formulas in Excel (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _text(entry: nodes.Element) -> str:
    paragraphs = [p.astext().strip() for p in entry.findall(nodes.paragraph)]
    text = "\n".join(p for p in paragraphs if p) or entry.astext().strip()
    return "'" + text if text.startswith(_FORMULA_START) else text


def render(doctree: nodes.document, front) -> bytes:
    tables = [t for t in doctree.findall(nodes.table) if DATA_TABLE in t["classes"]]
    if not tables:
        raise PolicyError("CSV に書き出すデータの表がありません",
                          hint="この文書は CSV では作れません。html,docx,pdf を指定してください")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    note = front.notice if front is not None else None
    header_written = False
    for table in tables:
        for part in (nodes.thead, nodes.tbody):
            for group in table.findall(part):
                if part is nodes.thead and header_written:
                    continue
                for row in group.children:
                    cells = [_text(entry) for entry in row.children]
                    if note:
                        cells.append(NOTE_COLUMN if part is nodes.thead else note)
                    writer.writerow(cells)
                header_written = header_written or part is nodes.thead
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def write(doctree: nodes.document, front, path: Path) -> Path:
    path.write_bytes(render(doctree, front))
    return path
