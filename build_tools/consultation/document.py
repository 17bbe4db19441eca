"""The public-comment result (パブリックコメント実施結果) as a doctree, for the
same writers as the editions (DESIGN.md: three documents, one set of writers).

Opinion text is put into Text nodes only — never parsed as RST or passed as
raw HTML — so markup in an opinion can only ever show as text.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser
from docutils.utils import new_document

from ..era import wareki
from ..gc_pause import paused
from ..nodes import DATA_ONLY, DATA_TABLE, STACKED_TABLE
from ..document import Section
from .model import WHOLE_DOCUMENT, Consultation, Opinion, clean_text

NO_REPLY_NOTE = "個別の回答は行っておりません。"
SUMMARISED_NOTE = "いただいたご意見は、趣旨を損なわない範囲で要約して掲載しています。"
COLUMNS = (("番号", 8), ("該当箇所", 14), ("意見の概要", 33), ("市の考え方", 33), ("区分", 12))
# The open data (CSV): one fact a column, and 件数 so that its sum is 意見総数
# (the opinions published as a count only are one row per category).
DATA_COLUMNS = ("番号", "該当箇所", "意見の概要", "市の考え方", "区分", "区分の説明", "修正箇所", "件数")
COUNT_ONLY_SUMMARY = "（案と直接関係しない意見のため、件数のみ掲載）"
RUNNING_TITLE = "パブリックコメント実施結果"
RUNNING_SAMPLE = "【見本】市が公表した実施結果ではありません"


@dataclass(frozen=True)
class Links:
    """Where the links of the table point; None: plain text (a DOCX or PDF
    has no site around it to link into)."""

    edition: str | None = "../"               # the revision's web edition
    comparison: str | None = None             # page of the 新旧対照表 案→決定版


@dataclass(frozen=True)
class Counts:
    submitters: int
    opinions: int
    by_method: dict[str, int]      # submitters per method
    by_category: dict[str, int]
    changed: int                   # opinions that changed the draft
    count_only: int                # published as a count only
    listed: int                    # rows of the table


def counts(c: Consultation) -> Counts:
    ops = c.opinions
    method_of = {op.submitter: op.method for op in ops}
    by_method = Counter(method_of.values())
    by_category = Counter(op.category for op in ops)
    changed_codes = {cat.code for cat in c.categories.categories if cat.changes_draft}
    return Counts(
        submitters=len(method_of), opinions=len(ops),
        by_method={m: by_method.get(m, 0) for m in c.methods},
        by_category={cat.code: by_category.get(cat.code, 0) for cat in c.categories.categories},
        changed=sum(op.category in changed_codes for op in ops),
        count_only=sum(op.count_only for op in ops),
        listed=sum(not op.count_only for op in ops))


def titles(c: Consultation, policy) -> tuple[str, str]:
    """(title, subtitle) of the result."""
    return (f"「{c.title}」に対するパブリックコメントの実施結果",
            f"{policy.city} {policy.department}　{wareki(c.published)}公表")


def running(c: Consultation, policy) -> tuple[str, str | None]:
    """(title, notice) of the PDF's page header: one short line."""
    return (f"{policy.title}（{RUNNING_TITLE}）", RUNNING_SAMPLE if c.is_sample else None)


def ordered(c: Consultation, sections: dict[str, Section]) -> list[Opinion]:
    """The published rows: grouped by section in document order (opinions on
    the draft as a whole first), by number within a section."""
    def key(op):
        position = sections[op.section].index if op.section in sections else -1
        return (position, op.number)
    return sorted((op for op in c.opinions if not op.count_only), key=key)


def _new_document() -> nodes.document:
    settings = get_default_settings(Parser)
    settings.report_level = 5
    return new_document("<public-comment>", settings)


def _text(value: str) -> str:
    return clean_text(value)[0]


def _paragraphs(value: str) -> list[nodes.paragraph]:
    lines = [line for line in _text(value).split("\n") if line.strip()] or [""]
    return [nodes.paragraph(line, line) for line in lines]


def _cell(*children) -> nodes.entry:
    entry = nodes.entry()
    for child in children:
        entry += child if isinstance(child, nodes.Node) else nodes.paragraph(child, child)
    return entry


def _link(text: str, uri: str | None) -> nodes.paragraph:
    para = nodes.paragraph()
    if uri:
        para += nodes.reference(text, text, refuri=uri, internal=False)
    else:
        para += nodes.Text(text)
    return para


def _table(columns, rows, *, classes, header=True, stub=False) -> nodes.table:
    """`stub`: the first column labels its row (rendered as row headers)."""
    table = nodes.table(classes=classes)
    group = nodes.tgroup(cols=len(columns))
    table += group
    for i, (_, width) in enumerate(columns):
        group += nodes.colspec(colwidth=width, **({"stub": 1} if stub and i == 0 else {}))
    if header:
        thead = nodes.thead()
        row = nodes.row()
        for title, _ in columns:
            row += _cell(title)
        thead += row
        group += thead
    tbody = nodes.tbody()
    for row in rows:
        tbody += row
    group += tbody
    return table


def _section(title: str, ident: str) -> nodes.section:
    section = nodes.section(ids=[ident], names=[ident])
    section += nodes.title(title, title)
    return section


@paused()   # 30 nodes an opinion, alive until the result is written
def build(c: Consultation, sections: dict[str, Section], *, policy,
          links: Links = Links(), change_rows: dict[str, str] | None = None) -> nodes.document:
    """The result as a doctree: the provenance, the overview, the notes, the
    table of opinions, and the categories. The title and the sample notice
    are the page's (like an edition's title block): the HTML template and the
    DOCX/PDF writers (meta) show them on every output."""
    change_rows = change_rows or {}
    doc = _new_document()
    n = counts(c)
    doc += nodes.paragraph(c.provenance["note"], c.provenance["note"], classes=["provenance"])

    overview = _section("実施の概要", "overview")
    start, end = c.period
    methods = "、".join(f"{m} {k}名" for m, k in n.by_method.items())
    categories = nodes.bullet_list()
    for cat in c.categories.categories:
        item = f"{cat.code}　{cat.label}　{n.by_category[cat.code]}件"
        categories += nodes.list_item("", nodes.paragraph(item, item))
    changed_where = sorted({op.changed_section for op in c.opinions if op.changed_section},
                           key=lambda s: sections[s].index if s in sections else 0)
    changed_text = f"{n.changed}件"
    if changed_where:
        changed_text += "（修正した箇所：" + "、".join(
            sections[s].heading if s in sections else s for s in changed_where) + "）"
    rev = c.revision
    facts = [
        ("案の名称", c.title),
        ("募集期間", f"{wareki(start)}から{wareki(end)}まで"),
        ("意見を提出できる方", c.eligible),
        ("提出方法（提出者数）", methods),
        ("意見の件数", f"意見提出者数 {n.submitters}名、意見総数 {n.opinions}件"),
        ("区分別の件数", categories),
        ("案を修正した意見", changed_text),
        ("決定", f"{rev.adopted_wareki} {rev.decided_by}にて決定"),
        ("結果の公表", wareki(c.published)),
    ]
    if n.count_only:
        facts.insert(7, ("件数のみ掲載した意見", f"{n.count_only}件（案と直接関係しない意見）"))
    rows = []
    for label, value in facts:
        row = nodes.row()
        row += _cell(label)
        row += _cell(value)
        rows.append(row)
    overview += _table((("項目", 20), ("内容", 80)), rows, classes=["comments-overview"],
                       header=False, stub=True)
    overview += nodes.paragraph(SUMMARISED_NOTE, SUMMARISED_NOTE, classes=["note"])
    overview += nodes.paragraph(NO_REPLY_NOTE, NO_REPLY_NOTE, classes=["note", "no-reply"])
    doc += overview

    table_section = _section("意見の概要と市の考え方", "opinions")
    if c.sample_notice:
        # Said once for the whole table, not in every cell.
        table_section += nodes.paragraph(c.sample_notice, c.sample_notice, classes=["sample-notice"])
    rows = []
    for display, op in enumerate(ordered(c, sections), 1):
        rows.append(_opinion_row(display, op, c, sections, links, change_rows))
    if rows:
        # colwidths-given: docutils writes the widths (the PDF lays the table out by them).
        table_section += _table(COLUMNS, rows,
                                classes=["comments-table", "colwidths-given", STACKED_TABLE])
    else:
        table_section += nodes.paragraph("個別に掲載する意見はありません。", "個別に掲載する意見はありません。")
    if n.count_only:
        text = (f"このほか、案と直接関係しない意見が{n.count_only}件ありました。"
                "これらは件数のみ掲載しています。")
        table_section += nodes.paragraph(text, text, classes=["count-only"])
    table_section += _data_table(c, sections)
    doc += table_section

    legend = _section("区分の説明", "categories")
    items = nodes.bullet_list()
    for cat in c.categories.categories:
        item = f"{cat.code}：{cat.label}"
        items += nodes.list_item("", nodes.paragraph(item, item))
    legend += items
    source = f"区分は{c.categories.source}によります。"
    legend += nodes.paragraph(source, source)
    doc += legend
    return doc


def _opinion_row(display: int, op: Opinion, c: Consultation, sections: dict[str, Section],
                 links: Links, change_rows: dict[str, str]) -> nodes.row:
    row = nodes.row(ids=[f"opinion-{op.number}"])
    row += _cell(str(display))
    if op.section in sections:
        section = sections[op.section]
        where = _link(section.heading, links.edition and f"{links.edition}{section.docname}.html"
                      f"#{section.html_id or section.label}")
    else:
        where = nodes.paragraph(WHOLE_DOCUMENT, WHOLE_DOCUMENT)
    row += _cell(where)
    row += _cell(*_paragraphs(op.summary))
    row += _cell(*_paragraphs(op.response))
    category = nodes.entry()
    category += nodes.paragraph(op.category, op.category)
    # The letter alone means nothing to a reader without the legend at hand.
    words = next((cat.label for cat in c.categories.categories if cat.code == op.category), "")
    if words:
        category += nodes.paragraph(words, words, classes=["category-words"])
    if op.changed_section:
        title = sections[op.changed_section].heading if op.changed_section in sections \
            else op.changed_section
        anchor = change_rows.get(op.changed_section)
        uri = f"{links.comparison}#{anchor}" if links.comparison and anchor else None
        para = nodes.paragraph("", "修正箇所：")
        para += _link(title, uri).children
        category += para
    row += category
    return row


def _data_table(c: Consultation, sections: dict[str, Section]) -> nodes.table:
    """The opinions as open data (DATA_ONLY: the CSV, not the pages)."""
    def heading(label):
        return sections[label].heading if label in sections else label

    def data_row(*cells):
        row = nodes.row()
        for cell in cells:
            row += _cell(*_paragraphs(cell))
        return row

    rows = []
    for display, op in enumerate(ordered(c, sections), 1):
        cat = c.categories.get(op.category)
        rows.append(data_row(str(display), heading(op.section) if op.section else WHOLE_DOCUMENT,
                             op.summary, op.response, op.category, cat.label,
                             heading(op.changed_section) if op.changed_section else "", "1"))
    only = Counter(op.category for op in c.opinions if op.count_only)
    for cat in c.categories.categories:
        if only[cat.code]:
            rows.append(data_row("", "", COUNT_ONLY_SUMMARY, "", cat.code, cat.label, "",
                                 str(only[cat.code])))
    return _table([(name, 1) for name in DATA_COLUMNS], rows,
                  classes=["comments-data", DATA_TABLE, DATA_ONLY])
