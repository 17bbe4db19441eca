"""The published result as CSV (open data): the rows of the table, in the
table's order, UTF-8 with a BOM so that Excel opens it without mojibake.

Only published fields are written (no submitter ids, dates or methods,
no internal notes). A sample is marked on every row (注記), so a row copied
out of the file still says what it is.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path

from .document import ordered
from .model import WHOLE_DOCUMENT, Consultation, clean_text
from .sections import Section

HEADERS = ("番号", "整理番号", "該当箇所", "該当箇所のラベル", "意見の概要", "市の考え方",
           "区分", "区分の説明", "修正箇所", "注記")
# Cells starting with these are formulas in Excel (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: str) -> str:
    text = clean_text(value)[0]
    return "'" + text if text.startswith(_FORMULA_START) else text


def render(c: Consultation, sections: dict[str, Section]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADERS)
    note = c.sample_notice or ""
    for display, op in enumerate(ordered(c, sections), 1):
        section = sections.get(op.section)
        changed = sections.get(op.changed_section)
        writer.writerow([_cell(v) for v in (
            str(display), str(op.number),
            section.title if section else WHOLE_DOCUMENT, op.section,
            op.summary, op.response, op.category, c.categories.get(op.category).label,
            changed.title if changed else op.changed_section, note)])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def write(c: Consultation, sections: dict[str, Section], path: Path) -> Path:
    path.write_bytes(render(c, sections))
    return path
