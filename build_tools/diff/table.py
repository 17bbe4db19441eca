"""The comparison as a doctree: title block, notes, and a two-column table.

Standard docutils nodes plus `inserted` (new column) and `deleted` (old
column); a moved or renumbered heading's number carries the class `MOVED`
(double underline). Writers style; nothing here knows about a format.
"""
from __future__ import annotations

import difflib
import re

from docutils import frontend, nodes, utils
from docutils.parsers import rst

from ..nodes import (COMPARISON_HEADING, COMPARISON_NOTE, COMPARISON_TABLE, MOVED,
                     PROVENANCE_LABEL, RECONSTRUCTED, RECONSTRUCTED_MARK, deleted, inserted)
from . import inline
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

    table = nodes.table(classes=[COMPARISON_TABLE])
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


def provenance_note(source) -> str | None:
    prov = getattr(source, "provenance", None)
    if not prov or prov.get("text") == "published":
        return None
    what = {"reconstruction": "本プロジェクトによる再構成", "sample": "見本"}[prov["text"]]
    return (f"注：{source.name} の本文は{what}で、市の公表文ではありません。"
            f"{RECONSTRUCTED_MARK}を付けた段落は本プロジェクトが作成した文章です。")


def _row(cells):
    row = nodes.row()
    for cell in cells:
        row += cell
    return row


def _cell(children, classes=()):
    entry = nodes.entry(classes=list(classes))
    entry.extend(children)
    return entry


# --- one row ---------------------------------------------------------------

def _cells(row, settings):
    """(new entry, old entry) of a row."""
    if row.kind == "added":
        new = [_heading_whole(row.new, inserted)] + [
            _paragraph([inserted(b.text, b.text)], b) for b in row.new.blocks]
        old = [_note(settings.added_note)] if settings.show_added_deleted_notes else []
        return _cell(new, ["comparison-new"]), _cell(old, ["comparison-old"])
    if row.kind == "deleted":
        old = [_heading_whole(row.old, deleted)] + [
            _paragraph([deleted(b.text, b.text)], b) for b in row.old.blocks]
        new = [_note(settings.deleted_note)] if settings.show_added_deleted_notes else []
        return _cell(new, ["comparison-new"]), _cell(old, ["comparison-old"])

    new_head, old_head = _headings(row)
    new_body, old_body = [new_head], [old_head]
    a, b = row.old.blocks, row.new.blocks
    matcher = difflib.SequenceMatcher(None, [x.text for x in a], [x.text for x in b],
                                      autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            if settings.full:
                old_body += [_paragraph([nodes.Text(x.text)], x) for x in a[i1:i2]]
                new_body += [_paragraph([nodes.Text(x.text)], x) for x in b[j1:j2]]
            else:
                old_body += [_note(t, "comparison-omitted") for t in _omitted(a[i1:i2], settings.omitted)]
                new_body += [_note(t, "comparison-omitted") for t in _omitted(b[j1:j2], settings.omitted)]
            continue
        olds, news = a[i1:i2], b[j1:j2]
        for x, y in _pair_blocks(olds, news):
            if x and y:
                pieces = inline.diff(x.text, y.text)
                old_body.append(_paragraph(_marked(pieces, "old"), x))
                new_body.append(_paragraph(_marked(pieces, "new"), y))
            elif x:
                old_body.append(_paragraph([deleted(x.text, x.text)], x))
            else:
                new_body.append(_paragraph([inserted(y.text, y.text)], y))
    return _cell(new_body, ["comparison-new"]), _cell(old_body, ["comparison-old"])


BLOCK_SIMILARITY = 0.35


def _pair_blocks(olds, news):
    """Pair changed paragraphs in order, each with the most similar one
    ahead; an unlike paragraph is shown as deleted plus inserted (a character
    diff of unrelated texts is both unreadable and slow)."""
    from .align import _bigrams, similarity
    grams_new = [_bigrams(y.text) for y in news]
    out, j = [], 0
    for x in olds:
        gx = _bigrams(x.text)
        best, best_sim = None, BLOCK_SIMILARITY
        for k in range(j, len(news)):
            sim = similarity(gx, grams_new[k])
            if sim > best_sim:
                best, best_sim = k, sim
        if best is None:
            out.append((x, None))
            continue
        out += [(None, y) for y in news[j:best]]
        out.append((x, news[best]))
        j = best + 1
    out += [(None, y) for y in news[j:]]
    return out


def _marked(pieces, side):
    out = []
    for piece in pieces:
        text = piece.old if side == "old" else piece.new
        if not text:
            continue
        if piece.op == inline.EQUAL:
            out.append(nodes.Text(text))
        else:
            out.append(deleted(text, text) if side == "old" else inserted(text, text))
    return out


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


def _paragraph(children, block):
    para = nodes.paragraph("", "")
    if block.reconstructed:
        para["classes"].append(RECONSTRUCTED)
        para += nodes.inline(RECONSTRUCTED_MARK, RECONSTRUCTED_MARK,
                             classes=[COMPARISON_NOTE, PROVENANCE_LABEL])
    para.extend(children)
    return para


def _note(text, kind="comparison-mark"):
    return nodes.paragraph(text, text, classes=[COMPARISON_NOTE, kind])


# A paragraph's own number, by kind: 項 (２, 3), 号 (一, 十一), イロハ (イ), and
# the policy's (1) and ア. Siblings of one kind share a 「略」 range; kinds never do.
_LEAD = re.compile(r"^(?:(?P<kou>[0-9０-９]+)|(?P<gou>[一二三四五六七八九十百]+)"
                   r"|(?P<paren>[(（][0-9０-９]+[)）])|(?P<kana>[ア-ンｱ-ﾝ]|[(（][ア-ン][)）]))[　 ]")


def _omitted(blocks, word) -> list[str]:
    """The 「略」 lines for unchanged paragraphs: 「略」 for unnumbered ones, and
    for numbered siblings of one kind 「２　略」, 「２及び３　略」 or
    「２から４まで　略」 (「一から三まで　略」 for 号) — a 項 and a 号 never in one range."""
    runs: list[tuple[str | None, list[str]]] = []
    for block in blocks:
        match = _LEAD.match(block.text)
        kind = match.lastgroup if match else None
        if runs and runs[-1][0] == kind:
            runs[-1][1].append(match.group(kind) if match else "")
        else:
            runs.append((kind, [match.group(kind) if match else ""]))
    lines = []
    for kind, numbers in runs:
        if kind is None:
            lines.append(word)
        elif len(numbers) == 1:
            lines.append(f"{numbers[0]}　{word}")
        elif len(numbers) == 2:
            lines.append(f"{numbers[0]}及び{numbers[1]}　{word}")
        else:
            lines.append(f"{numbers[0]}から{numbers[-1]}まで　{word}")
    return lines
