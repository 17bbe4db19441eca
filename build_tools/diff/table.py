"""The comparison as a doctree: title block, notes, and a two-column table.

Standard docutils nodes plus `inserted` (new column) and `deleted` (old
column); a moved or renumbered heading's number carries the class `MOVED`
(double underline). Writers style; nothing here knows about a format.
"""
from __future__ import annotations

from docutils import frontend, nodes, utils
from docutils.parsers import rst

from ..nodes import (COMPARISON_CONTEXT, COMPARISON_HEADING, COMPARISON_TABLE, MOVED,
                     PROVENANCE_LABEL, RECONSTRUCTED, RECONSTRUCTED_MARK, STACKED_TABLE,
                     deleted, inserted)
from . import inline
from .body import _whole, paired_body
from .cells import marked as _marked, note as _note
from .settings import Settings


def new_document(title: str) -> nodes.document:
    settings = frontend.get_default_settings(rst.Parser)
    settings.language_code = "ja"
    return utils.new_document(title, settings)


def _is_draft(comparison, settings: Settings) -> bool:
    if settings.draft is not None:
        return settings.draft
    source = comparison.new_source
    return bool(source and source.is_draft)


def headers(comparison, settings: Settings) -> tuple[str, str]:
    """(new header, old header)."""
    return settings.headers_draft if _is_draft(comparison, settings) else settings.headers_adopted


def build_table(comparison, settings: Settings) -> nodes.document:
    document = new_document(settings.title)
    section = nodes.section(ids=["comparison"], names=[settings.title])
    section += nodes.title(settings.title, settings.title)
    document += section
    new_head, old_head = headers(comparison, settings)

    if comparison.title:
        section += nodes.paragraph(comparison.title, comparison.title,
                                   classes=["comparison-subject"])
    for head, source in ((new_head, comparison.new_source), (old_head, comparison.old_source)):
        if source is not None:
            text = f"{head}：{source.description}"
            section += nodes.paragraph(text, text, classes=["comparison-revision"])
    for source in (comparison.new_source, comparison.old_source):
        note = provenance_note(source)
        if note:
            section += nodes.paragraph(note, note, classes=["comparison-provenance"])

    rows = comparison.rows if settings.full else comparison.changed_rows
    if not rows:
        text = "差異はありません。"
        section += nodes.paragraph(text, text, classes=["comparison-empty"])
        return document
    if settings.show_underline_note:
        section += nodes.paragraph(settings.underline_note, settings.underline_note,
                                   classes=["comparison-underline-note"])
    if settings.moved_note and any(r.moved or r.renumbered for r in rows if r.old and r.new):
        section += nodes.paragraph(settings.moved_note, settings.moved_note,
                                   classes=["comparison-moved-note"])

    table = nodes.table(classes=[COMPARISON_TABLE, STACKED_TABLE])
    group = nodes.tgroup(cols=2)
    table += group
    group += nodes.colspec(colwidth=50)
    group += nodes.colspec(colwidth=50)
    left_new = settings.new_column == "left"
    thead = nodes.thead()
    group += thead
    thead += _row([_cell([nodes.paragraph(h, h)]) for h in
                   ((new_head, old_head) if left_new else (old_head, new_head))])
    tbody = nodes.tbody()
    group += tbody
    for row in rows:
        new_cell, old_cell = _cells(row, settings)
        cells = (new_cell, old_cell) if left_new else (old_cell, new_cell)
        tr = _row(cells)
        tr["ids"] = [row.anchor]
        tr["classes"] = [f"comparison-{row.kind}"]
        tbody += tr
    section += table
    return document


def provenance_note(source, *, marked: bool = True) -> str | None:
    """Whose text `source` is, when it is not the city's published text; with
    `marked`, how the page marks the paragraphs the project wrote."""
    prov = getattr(source, "provenance", None)
    if not prov or prov.get("text") == "published":
        return None
    what = {"reconstruction": "本プロジェクトによる再構成", "sample": "見本"}[prov["text"]]
    note = f"注：{source.description}の本文は{what}で、市の公表文ではありません。"
    if marked:
        note += (f"{RECONSTRUCTED_MARK}を付けた段落（続けて左に線を引いた段落を含みます）は"
                 "本プロジェクトが作成した文章です。")
    return note


def _row(cells):
    row = nodes.row()
    for cell in cells:
        row += cell
    return row


def _cell(children, classes=()):
    entry = nodes.entry(classes=list(classes))
    entry.extend(_marked_once(children))
    return entry


def _marked_once(body):
    """【再構成】 once at the start of each run of reconstructed paragraphs in a
    cell, not before every one (the run is lined in the margin)."""
    previous = False
    for para in body:
        current = RECONSTRUCTED in para.get("classes", ())
        if current and previous and para.children and \
                PROVENANCE_LABEL in para[0].get("classes", ()):
            para.remove(para[0])
        previous = current
    return body


# --- one row ---------------------------------------------------------------

def _cells(row, settings):
    """(new entry, old entry) of a row."""
    if row.kind == "added":
        new = context(row.new) + [_heading_whole(row.new, inserted)] + _whole(row.new.blocks, inserted)
        old = [_note(settings.added_note)] if settings.show_added_deleted_notes else []
        return _cell(new, ["comparison-new"]), _cell(old, ["comparison-old"])
    if row.kind == "deleted":
        old = context(row.old) + [_heading_whole(row.old, deleted)] + _whole(row.old.blocks, deleted)
        new = [_note(settings.deleted_note)] if settings.show_added_deleted_notes else []
        return _cell(new, ["comparison-new"]), _cell(old, ["comparison-old"])

    new_head, old_head = _headings(row)
    new_body, old_body = paired_body(row, settings)
    return (_cell(context(row.new) + [new_head] + new_body, ["comparison-new"]),
            _cell(context(row.old) + [old_head] + old_body, ["comparison-old"]))


def _headings(row):
    """Heading paragraphs (new, old): the number double-underlined when the
    section moved or was renumbered, the title diffed."""
    a, b = row.old, row.new
    mark_number = row.moved or row.renumbered
    out = []
    for unit, side, mark in ((b, "new", inserted), (a, "old", deleted)):
        children = []
        if unit.number:
            if mark_number:
                children.append(mark(unit.number, unit.number, classes=[MOVED]))
            else:
                children.append(nodes.Text(unit.number))
            if unit.title:
                children.append(nodes.Text(_separator(unit)))
        if unit.title:
            if row.renamed:
                children += _marked(inline.diff(a.title, b.title), side)
            elif mark_number and not unit.number:
                children.append(mark(unit.title, unit.title, classes=[MOVED]))
            else:
                children.append(nodes.Text(unit.title))
        out.append(nodes.paragraph("", "", *children, classes=[COMPARISON_HEADING]))
    return out[0], out[1]


def _separator(unit) -> str:
    rest = unit.heading[len(unit.number):]
    return rest[:len(rest) - len(rest.lstrip("　 .．"))] or ""


def _heading_whole(unit, mark):
    return nodes.paragraph("", "", mark(unit.heading, unit.heading),
                           classes=[COMPARISON_HEADING])


def context(unit) -> list[nodes.paragraph]:
    """The headings of the sections `unit` sits in (「2　公民連携推進の理念」
    above its 「(1)　目的」; 「第二章　電気事業」 above its articles), so that a
    row says where it is."""
    lines = []
    parent = unit.parent_unit
    while parent is not None:
        lines.append(nodes.paragraph(parent.heading, parent.heading, classes=[COMPARISON_CONTEXT]))
        parent = parent.parent_unit
    return lines[::-1]
