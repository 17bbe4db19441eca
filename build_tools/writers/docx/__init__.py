"""The Word edition (.docx): a doctree rendered over python-docx with the
styles of templates/reference.docx.

Used for the editions of the policy (with a cover, a table of contents and
page numbers) and for the 新旧対照表 and public-comment tables (a title block
instead of the cover). The same input gives the same bytes.
"""
from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT, WD_SECTION

from ...errors import PolicyError
from ...templates import REFERENCE_DOCX
from . import ooxml
from .translator import DocxTranslator

TEMPLATE = REFERENCE_DOCX
TOC_LEVELS = 2


def write(doctree, front, path, *, toc: bool | str | None = None,
          template: Path | None = None, marks: str | None = None) -> Path:
    """Write `doctree` to `path` as .docx; return the path.

    An edition (front.revision given): cover, table of contents (unless
    toc=False; "field" for a Word TOC field), page numbers. Otherwise the
    front matter's title block. `marks` renders the doctree's changes (a
    見え消し edition, diff/redline.py): "tracked" as Word revisions, "static"
    as formatting only; without it they are the 新旧対照表's character styles."""
    policy, revision = front.policy, front.revision
    source_dir = front.base_dir
    path = Path(path)
    template = Path(template or TEMPLATE)
    if not template.is_file():
        raise PolicyError("Word の様式ファイルがありません", file=str(template),
                          hint="python -m build_tools.writers.docx.make_reference で作り直してください")
    word = docx.Document(str(template))
    ooxml.clear_body(word)
    body_section = word.sections[0]
    if front.landscape:
        body_section.orientation = WD_ORIENT.LANDSCAPE
        w, h = body_section.page_width, body_section.page_height
        body_section.page_width, body_section.page_height = max(w, h), min(w, h)
    text_width = body_section.page_width - body_section.left_margin - body_section.right_margin

    toc_anchor = None
    if revision is not None:
        _cover(word, policy, revision)
        word.add_section(WD_SECTION.NEW_PAGE)
        cover_section, body_section = word.sections[0], word.sections[-1]
        # Numbered from the cover, as the PDF edition: the contents are page 2.
        ooxml.move_footer_references(cover_section, body_section)
        if toc is None or toc:   # True, or "field" for a Word TOC field
            toc_anchor = word.add_paragraph(style="TOC Heading")
            toc_anchor.add_run("目次")
            toc_anchor = word.add_paragraph(style="Normal")
    else:
        word.add_paragraph(front.title or policy.get("title", ""), style="Title")
        if front.subtitle:
            word.add_paragraph(front.subtitle, style="Subtitle")
    if front.notice:
        word.add_paragraph(front.notice, style="Sample Notice")

    changes = None
    if marks is not None:
        changes = ooxml.Changes(author=policy.get("department", ""),
                                epoch=int((revision or {}).get("source_date_epoch") or front.epoch),
                                tracked=marks == "tracked")
    translator = DocxTranslator(doctree, word, source_dir=source_dir, text_width=text_width,
                                skip_doc_title=revision is None, changes=changes)
    doctree.walkabout(translator)
    if toc_anchor is not None:
        _table_of_contents(toc_anchor, translator.headings, front.pages, as_field=toc == "field")
    # One id counter for the whole document: bookmarks and revisions.
    ooxml.number_ids(word)

    epoch = int((revision or {}).get("source_date_epoch") or front.epoch or 0)
    _properties(word, front, epoch)
    out = io.BytesIO()
    word.save(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(ooxml.reproducible_zip(out.getvalue(), epoch))
    return path


def edition_label(revision: dict) -> str:
    label = f"{revision['adopted_wareki']}{revision['kind']}"
    return label + "（案）" if revision.get("status") == "draft" else label


def _cover(word, policy: dict, revision: dict) -> None:
    word.add_paragraph(policy["title"], style="Cover Title")
    if revision.get("status") == "draft":
        word.add_paragraph("（案）", style="Cover Subtitle")
    word.add_paragraph(edition_label(revision), style="Cover Date")
    word.add_paragraph(policy["city"], style="Cover Org")
    word.add_paragraph(policy["department"], style="Cover Org")
    note = (revision.get("provenance") or {}).get("note")
    if note:
        word.add_paragraph(note, style="Cover Note")


def _table_of_contents(anchor, headings, pages, *, as_field: bool) -> None:
    """The contents: one entry per heading with a PAGEREF field to its
    bookmark, its result already filled in with the heading's page in the
    PDF edition (`pages`: (level, title, page) from the PDF's outline), so
    Word opens the file without asking to update fields; Word (F9, or when
    printing) and LibreOffice recompute it from their own layout.

    With `as_field` the entries are the cached result of a Word TOC field
    (Word's own 目次, refreshed with F9); LibreOffice then shows the entries
    without page numbers, so the default is plain entries."""
    entries = [(level, text, mark) for level, text, mark in headings
               if level <= TOC_LEVELS and mark]
    numbers = _page_numbers(entries, pages)
    first = anchor.insert_paragraph_before(style="TOC 1")
    if as_field:
        ooxml.begin_field(first, f'TOC \\o "1-{TOC_LEVELS}" \\h \\z \\u')
    para = first
    for i, (level, text, mark) in enumerate(entries):
        if i:
            para = anchor.insert_paragraph_before(style=f"TOC {level}")
        else:
            para.style = f"TOC {level}"
        link = ooxml.hyperlink(para, anchor=mark)
        ooxml.link_run(link, para).text = f"{text}\t"
        ooxml.add_simple_field(para, f"PAGEREF {mark} \\h", numbers[i])
    if as_field:
        ooxml.end_field(para)
    ooxml.page_break_run(anchor)


def _page_numbers(entries, pages) -> list[str]:
    """Each entry's page in `pages`, matched in order by title ("" if none)."""
    found, start = [], 0
    for _, text, _ in entries:
        hit = next((k for k in range(start, len(pages)) if pages[k][1] == text), None)
        found.append(str(pages[hit][2]) if hit is not None else "")
        start = hit + 1 if hit is not None else start
    return found


def _properties(word, front, epoch: int) -> None:
    policy, revision = front.policy, front.revision
    props = word.core_properties
    stamp = dt.datetime.fromtimestamp(max(epoch, ooxml.ZIP_EPOCH_MIN),
                                      dt.timezone.utc).replace(tzinfo=None)
    if revision is not None:
        props.title = f"{policy['title']}（{edition_label(revision)}）"
        props.subject = revision.get("summary", "")
        props.identifier = f"{revision['id']}@{revision.get('commit', '')}"
        props.comments = (revision.get("provenance") or {}).get("note", "")
        props.version = revision["id"]
    else:
        props.title = front.title
        props.subject = front.subtitle or ""
        props.comments = front.notice or front.provenance or ""
        props.identifier = ""
        props.version = ""
    props.author = policy.get("city", "")
    props.last_modified_by = policy.get("department", "")
    props.category = policy.get("title", "")
    props.keywords = ""
    props.language = "ja-JP"
    props.revision = 1
    props.created = props.modified = props.last_printed = stamp
