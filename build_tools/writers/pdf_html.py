"""The print HTML behind the PDF: one self-contained page made from a doctree
(an edition, a 新旧対照表 or a public-comment table), typeset by WeasyPrint
with `templates/print.css`.

The assembled edition doctree holds every chapter of the revision, each with
ids that were only unique inside its own file, and references written for the
multi-page site (`intent.html#purpose`). Here a copy is made fit for one page.
"""
from __future__ import annotations

import datetime as dt
import re

from docutils import nodes

from ..nodes import COMPARISON_CELL_TABLE, COMPARISON_TABLE
from ..templates import environment
from .html import render_fragment
GENERATOR = "茅ヶ崎市 政策文書公開パイプライン（WeasyPrint）"
TOC_DEPTH = 2


def print_html(doctree: nodes.document, front) -> str:
    """The print page of `doctree`: cover and contents for an edition
    (front.revision given), a title block otherwise."""
    return print_parts(doctree, front, tables_per_part=None)[0]


def print_parts(doctree: nodes.document, front, tables_per_part: int | None) -> list[str]:
    """The print page of `doctree`, cut before every `tables_per_part`-th
    part of its long tables (see _split_long_tables) into pages that are
    typeset apart and joined (pdf_parts.py); one page when it is short."""
    tree = _single_page_copy(doctree)
    _split_tall_rows(tree)
    _split_long_tables(tree)
    continued = [t for t in tree.findall(nodes.table) if "continued" in t["classes"]]
    cuts = continued[tables_per_part - 1::tables_per_part] if tables_per_part else []
    tails = [_cut_before(table) for table in reversed(cuts)]
    pages = [_page(tree, front)]
    pages += [_page(tail, front, continued=True) for tail in reversed(tails)]
    return pages


def _cut_before(node: nodes.Element) -> nodes.document:
    """Move `node` and everything after it into a new document, inside
    copies of its ancestors (without their children, titles or ids)."""
    chain = []                      # the ancestors below the document, top down
    document = node.parent
    while document.parent is not None:
        chain.insert(0, document)
        document = document.parent
    tail = document.copy()
    holders = [tail]
    for original in chain:
        clone = original.copy()
        clone["ids"], clone["names"] = [], []
        holders[-1] += clone
        holders.append(clone)
    # Bottom up: the node and its following siblings go into the deepest
    # copy, each ancestor's following siblings into the copy of its parent.
    moved, levels = node, list(zip([document] + chain, holders))
    for original, holder in reversed(levels):
        start = original.index(moved) + (0 if moved is node else 1)
        followers = original.children[start:]
        del original.children[start:]
        for child in followers:
            child.parent = None
            holder.append(child)
        moved = original
    return tail


def _page(tree: nodes.document, front, *, continued: bool = False) -> str:
    revision = front.revision
    toc = []
    if revision is not None:
        if not continued:
            _drop_document_title(tree, front.policy["title"])
            toc = table_of_contents(tree)
        classes = ["edition"]
        notice = _provenance_notice(revision)
        running = front.running_title or policy_title(front)
    else:
        classes = ["table-document"] + (["landscape"] if front.landscape else [])
        notice = front.running_notice or front.notice
        running = front.running_title or front.title
    # The PDF's metadata (Info and XMP) says what the text is, as the cover does.
    description = "　".join(p for p in (front.subtitle, front.provenance) if p)
    policy = front.policy
    return environment().get_template("print/document.html").render(
        policy=policy, revision=revision, front=front, toc=toc,
        # The edition's title is on the cover and its chapters are <h2>; a
        # table document's headings sit below its title block's <h1>.
        body=render_fragment(tree, initial_header_level=1 if revision is not None else 2),
        pdf_title=front.title, author=f"{policy['city']} {policy['department']}",
        description=description, generator=GENERATOR, date=w3c_date(front.epoch),
        notice=notice, body_classes=classes, continued=continued,
        running_title=fit_header(running, notice, landscape=front.landscape))


def policy_title(front) -> str:
    return front.policy["title"]


# Full-width characters of the 8pt page header on one line: 160 mm of an A4
# portrait page (257 mm landscape) at 2.82 mm a character, less a gap.
HEADER_CHARS = {False: 54, True: 88}


def fit_header(title: str, notice: str | None, *, landscape: bool = False) -> str:
    """The title of the page header, shortened so that it shares one line
    with the notice: a builder gives a short title; this is the last resort."""
    room = HEADER_CHARS[landscape] - _width(notice or "")
    if _width(title) <= room:
        return title
    kept = ""
    for char in title:
        if _width(kept + char) > room - 1:
            break
        kept += char
    return kept + "…"


def _width(text: str) -> float:
    """Width in full-width characters (ASCII letters and digits count half)."""
    return sum(0.5 if ord(c) < 0x80 else 1 for c in text)


def w3c_date(epoch: int) -> str:
    return dt.datetime.fromtimestamp(epoch, dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _provenance_notice(revision: dict) -> str | None:
    """A short line for every page when the text is not (only) the city's."""
    kind = (revision.get("provenance") or {}).get("text")
    if kind == "reconstruction":
        return "本文に本プロジェクトによる再構成を含みます（市の公表文ではありません）"
    if kind == "sample":
        return "見本：架空の本文です（市の公表文ではありません）"
    return None


def table_of_contents(tree: nodes.Node, depth: int = TOC_DEPTH) -> list[tuple[str, str, int]]:
    """(id, title, level) of the sections down to `depth`, in reading order.
    Gives each listed heading an id of its own (`tree` is the print copy)."""
    found = []

    def walk(node, level):
        for child in node.children:
            if isinstance(child, nodes.section):
                title = child.next_node(nodes.title)
                if child["ids"] and title is not None:
                    # Point at the heading: a section can start at the foot of
                    # one page while its heading is kept with the next page.
                    if not title["ids"]:
                        title["ids"] = [child["ids"][0] + "-heading"]
                    found.append((title["ids"][0], title.astext(), level))
                if level < depth:
                    walk(child, level + 1)
            elif isinstance(child, nodes.Element):
                walk(child, level)

    top = [s for s in tree.children if isinstance(s, nodes.section)]
    # An untitled wrapper section (the document title went on the cover).
    if len(top) == 1 and not isinstance(top[0].children[0] if top[0].children else None,
                                        nodes.title):
        walk(top[0], 1)
    else:
        walk(tree, 1)
    return found


def _drop_document_title(tree: nodes.document, title: str) -> None:
    """The cover shows the policy's title: the body starts at its chapters."""
    for section in tree.findall(nodes.section):
        if section.children and isinstance(section[0], nodes.title):
            if section[0].astext().strip() == title.strip():
                section.remove(section[0])
        break


_SITE_LINK = re.compile(r"^(?P<doc>[\w./-]+?)\.html(?:#(?P<anchor>.*))?$")


def _single_page_copy(doctree: nodes.document) -> nodes.document:
    """A copy whose ids are unique in one page and whose internal links point
    inside it. Each chapter's ids keep their name where they are unique; a
    repeated one is prefixed with its chapter's name."""
    tree = doctree.deepcopy()
    seen: set[str] = set()
    renamed: dict[tuple[str, str], str] = {}
    chapter_ids: dict[str, str] = {}
    for node, doc in _with_docname(tree):
        if not isinstance(node, nodes.Element) or not node.get("ids"):
            continue
        new_ids = []
        for old in node["ids"]:
            new = old
            if old in seen:
                new = f"{doc}-{old}"
                count = 2
                while new in seen:
                    new, count = f"{doc}-{old}-{count}", count + 1
                renamed[(doc, old)] = new
            seen.add(new)
            new_ids.append(new)
        node["ids"] = new_ids
        if isinstance(node, nodes.section) and doc not in chapter_ids:
            chapter_ids[doc] = new_ids[0]
    for node, doc in _with_docname(tree):
        if not isinstance(node, nodes.Element):
            continue
        if node.get("refid"):
            node["refid"] = renamed.get((doc, node["refid"]), node["refid"])
        uri = node.get("refuri") if node.get("internal") else None
        match = uri and _SITE_LINK.match(uri)
        if match:
            target = match["anchor"] or chapter_ids.get(match["doc"])
            if target:
                del node["refuri"]
                node["refid"] = renamed.get((match["doc"], target), target)
    return tree


# About what one column of a 新旧対照表 holds on an A4 page, in characters, and
# on the first page below the title block. WeasyPrint 70 drops the header row
# from the page a table starts on when its first row does not fit the page
# it was to start on, so the first row is kept short enough to fit there.
ROW_CHARS = 450
FIRST_ROW_CHARS = 250


def _split_tall_rows(tree: nodes.document, limit: int = ROW_CHARS) -> None:
    """A 新旧対照表 row taller than a page continues in new rows, cut at
    paragraph boundaries: WeasyPrint repeats the header row on every page a
    table reaches, but not on the pages a single row runs over."""
    for table in tree.findall(nodes.table):
        if COMPARISON_TABLE not in table["classes"]:
            continue
        for tbody in list(table.findall(nodes.tbody)):
            for number, row in enumerate(list(tbody.children)):
                size = FIRST_ROW_CHARS if number == 0 else limit
                chunks = [_chunks(entry, size) for entry in row.children]
                count = max((len(c) for c in chunks), default=1)
                if count < 2:
                    continue
                parts = []
                for k in range(count):
                    part = nodes.row(classes=row["classes"] + (["continued"] if k else []))
                    if not k:
                        part["ids"] = row["ids"]
                    for entry, pieces in zip(row.children, chunks):
                        cell = nodes.entry(classes=entry["classes"])
                        cell.extend(pieces[k] if k < len(pieces) else [])
                        part += cell
                    parts.append(part)
                row.replace_self(parts)


def _chunks(entry: nodes.Element, limit: int) -> list[list[nodes.Node]]:
    chunks, size = [[]], 0
    for child in [part for child in entry.children for part in _table_parts(child, limit)]:
        length = len(child.astext())
        if chunks[-1] and size + length > limit:
            chunks.append([])
            size = 0
        child.parent = None
        chunks[-1].append(child)
        size += length
    return chunks


def _table_parts(child: nodes.Node, limit: int) -> list[nodes.Node]:
    """A table compared inside a row, cut into tables of rows (each with the
    header row) so that the row can continue at a table row; anything else whole."""
    if not (isinstance(child, nodes.table) and COMPARISON_CELL_TABLE in child["classes"]
            and len(child.astext()) > limit):
        return [child]
    group = child[0]
    head = next((c for c in group.children if isinstance(c, nodes.thead)), None)
    body = next((c for c in group.children if isinstance(c, nodes.tbody)), None)
    if body is None:
        return [child]
    parts, size = [], limit + 1
    for row in list(body.children):
        length = len(row.astext())
        if size + length > limit:
            part = nodes.table(classes=child["classes"])
            tgroup = nodes.tgroup(**group.attributes)
            tgroup.extend(c.deepcopy() for c in group.children if isinstance(c, nodes.colspec))
            if head is not None:
                tgroup += head.deepcopy()
            tgroup += nodes.tbody()
            part += tgroup
            parts.append(part)
            size = 0
        parts[-1][0][-1] += row.deepcopy()
        size += length
    return parts


LONG_TABLE_ROWS = 100


def _split_long_tables(tree: nodes.document, rows: int | None = None) -> None:
    """(A 新旧対照表 is left whole below COMPARISON_ROWS rows: a part starting
    near the foot of a page would lose its header row, see FIRST_ROW_CHARS.)"""
    _split_data_tables(tree, rows or LONG_TABLE_ROWS)


COMPARISON_ROWS = 2000


def _split_data_tables(tree: nodes.document, rows: int) -> None:
    """Cut tables of more than `rows` body rows into consecutive tables with
    the same header row. The printed page looks the same (the header repeats
    on every page anyway), but WeasyPrint lays out one long table in time that
    grows faster than its length (Kozea/WeasyPrint#1296)."""
    for table in list(tree.findall(nodes.table)):
        tgroup = next((c for c in table.children if isinstance(c, nodes.tgroup)), None)
        tbody = tgroup and next((c for c in tgroup.children if isinstance(c, nodes.tbody)), None)
        if COMPARISON_TABLE in table["classes"] and tbody is not None \
                and len(tbody) <= COMPARISON_ROWS:
            continue
        if tbody is None or len(tbody) <= rows or any(
                int(e.get("morerows", 0)) for e in tbody.findall(nodes.entry)):
            continue
        body_rows = list(tbody.children)
        tbody[:] = []
        empty = table.deepcopy()   # each part a copy of it: no rows copied to be dropped
        tbody[:] = body_rows[:rows]
        parent, index = table.parent, table.parent.index(table)
        for number, start in enumerate(range(rows, len(body_rows), rows), 1):
            part = empty.deepcopy()
            part["ids"] = []
            part.children = [c for c in part.children if not isinstance(c, nodes.title)]
            for child in part.children:
                child.parent = part
            part_tbody = next(c for c in next(c for c in part.children
                                               if isinstance(c, nodes.tgroup)).children
                              if isinstance(c, nodes.tbody))
            part_tbody[:] = body_rows[start:start + rows]
            part["classes"] = part["classes"] + ["continued"]
            parent.insert(index + number, part)


def _with_docname(tree: nodes.document):
    """Every node of `tree` with the name of the source file it came from."""
    from sphinx import addnodes

    root = tree.get("docname", "index")

    def walk(node, doc):
        if isinstance(node, addnodes.start_of_file):
            doc = node["docname"]
        yield node, doc
        for child in getattr(node, "children", ()):
            yield from walk(child, doc)

    yield from walk(tree, root)
