"""The one document model: a doctree and the index of its sections.

`document_of(app)` turns a finished Sphinx read into a Document; it is the
one place that decides what a section's label, number and title are (the
reader, build_tools.read, and the edition builder both call it).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from docutils import nodes

from .nodes import NOT_POLICY_TEXT, RECONSTRUCTED

# A heading number: 第三十八条の二, 第一章, 1., 1　, (1), （１）, ア.
_KANJI_NUM = "〇一二三四五六七八九十百千"
_NUMBER = re.compile(
    rf"^(?P<num>第[{_KANJI_NUM}0-9０-９]+(?P<kind>[編章節款目条])(?:の[{_KANJI_NUM}0-9０-９]+)*"
    r"|[(（][0-9０-９]+[)）]|[0-9０-９]+(?:[.．][0-9０-９]+)*[.．]?"
    r"|[(（][ア-ン][)）]|[ア-ン](?=[　 ]))"
    r"[　 .．]*")
PREAMBLE = "（前文）"


@dataclass(frozen=True)
class Section:
    """One heading of a document (節): where it is and what it is called."""

    index: int                 # position in reading order
    label: str | None          # its explicit RST label (`.. _purpose:`), the stable identity
    html_id: str | None        # the HTML id that label has in the web edition
    docname: str               # page of the web edition: <docname>.html
    heading: str               # the whole heading text
    number: str                # 「第三十八条の二」「(1)」「1.」 or ""
    kind: str                  # 条, 章 … for statutes, "" otherwise
    title: str                 # the heading without its number
    depth: int
    parent: int | None

    @property
    def number_key(self) -> str:
        return unicodedata.normalize("NFKC", self.number).strip("().　 ")

    @property
    def href(self) -> str:
        """Link from a page one folder below the edition (…/<ID>/comments/)."""
        return f"../{self.docname}.html#{self.html_id or self.label}"


@dataclass(frozen=True)
class Source:
    """What was read, and how to name it to a reader."""

    spec: str                      # what the user typed
    name: str                      # 「R5」, 「draft.rst」
    description: str               # 「令和5年4月改訂」
    is_draft: bool = False
    revision: object = None        # revisions.Revision, for a revision id
    provenance: dict | None = None
    commit_time: int = 0           # for reproducible outputs (0: not committed)


@dataclass
class Document:
    """A doctree and the index of its sections."""

    doctree: nodes.document
    title: str
    sections: list[Section]
    source: Source | None = None
    # Labelled places that are not sections (a figure, a table): each as an
    # entry below the section it is in, titled by its caption.
    anchors: list[Section] = field(default_factory=list)

    def labelled(self) -> dict[str, Section]:
        """label -> Section (or anchor), in reading order."""
        found = sorted([s for s in self.sections if s.label] + self.anchors,
                       key=lambda s: (s.index, s.depth))
        return {s.label: s for s in found}

    def section_nodes(self) -> list[nodes.Element]:
        """The doctree element of each section, index for index (the （前文）
        entry's is the document-title section)."""
        return [node for node, _ in _walk(self.doctree, {})]


# --- the index ----------------------------------------------------------------

def split_heading(heading: str) -> tuple[str, str, str]:
    """(number, kind, title) of a heading."""
    match = _NUMBER.match(heading)
    if not match:
        return "", "", heading.strip()
    return match["num"], match["kind"] or "", heading[match.end():].strip()


def clean(text: str) -> str:
    """Text as read: a line break inside a Japanese paragraph is not a space."""
    text = re.sub(r"(?<=[^\x00-\x7f])\n(?=[^\x00-\x7f])", "", text)
    return re.sub(r"\s*\n\s*", " ", text).strip()


def labels_of(env) -> dict[tuple[str, str], tuple[str, str]]:
    """(docname, html id) -> (label, title), from Sphinx's standard domain: a
    label is exactly what the web edition can link to."""
    std = env.domains.standard_domain
    titles = {name: str(entry[2] or "") for name, entry in std.labels.items()}
    # anonlabels: every label, also one on an untitled element (a container).
    return {(docname, labelid): (name, titles.get(name, ""))
            for name, (docname, labelid) in std.anonlabels.items()}


def document_of(app, source: Source | None = None) -> Document:
    """The Document of a finished Sphinx read (any builder)."""
    from sphinx.util.nodes import inline_all_toctrees, process_only_nodes
    from sphinx.util.tags import Tags

    from .sphinx_run import WEB_BUILDER

    env, builder = app.env, app.builder
    root = app.config.root_doc
    tree = env.get_doctree(root)
    tree = inline_all_toctrees(builder, set(), root, tree, lambda s: s, [root])
    tree["docname"] = root
    env.resolve_references(tree, root, builder)
    # `.. only::` as the web edition decides it, whatever builder read the text.
    process_only_nodes(tree, Tags([WEB_BUILDER, f"format_{WEB_BUILDER}", f"builder_{WEB_BUILDER}"]))
    return index(tree, labels_of(env), source)


def index(tree: nodes.document, labels: dict[tuple[str, str], str],
          source: Source | None = None) -> Document:
    pairs = _walk(tree, labels)
    sections = [section for _, section in pairs]
    anchors = _anchors(pairs, labels)
    title = ""
    top = list(_child_sections(tree))
    if len(top) == 1 and top[0].children and isinstance(top[0][0], nodes.title):
        title = clean(top[0][0].astext())
    return Document(tree, title, sections, source, anchors)


def _anchors(pairs, labels) -> list[Section]:
    from sphinx import addnodes
    on_sections = {s.label for _, s in pairs if s.label}
    found = []
    for node, section in pairs:
        doc = section.docname
        stack = [(child, doc) for child in node.children]
        while stack:
            child, doc = stack.pop(0)
            if isinstance(child, nodes.section) or not isinstance(child, nodes.Element):
                continue
            if isinstance(child, addnodes.start_of_file):
                doc = child["docname"]
            for ident in child.get("ids", []):
                name, title = labels.get((doc, ident), (None, ""))
                if name and name not in on_sections and all(a.label != name for a in found):
                    found.append(Section(section.index, name, ident, doc, title or section.heading,
                                         "", "", title or section.title, section.depth + 1,
                                         section.index))
            stack = [(c, doc) for c in child.children] + stack
    return found


def _child_sections(element, doc=None):
    """The sections directly below `element`, looking through wrappers
    (a toctree's compound, an inlined chapter's start_of_file)."""
    from sphinx import addnodes
    for child in element.children:
        if isinstance(child, nodes.section):
            yield (child, doc) if doc is not None else child
        elif isinstance(child, nodes.Element):
            inner = child["docname"] if isinstance(child, addnodes.start_of_file) else doc
            yield from _child_sections(child, inner)


def _walk(tree, labels):
    """(element, Section) in reading order. A document with one top section
    is titled by it: its subsections are the chapters, and the text before
    the first of them, if any, is the （前文） entry."""
    root = tree.get("docname", "index")
    top = list(_child_sections(tree, root))
    out: list = []
    if len(top) == 1:
        title_node, doc = top[0]
        if _has_own_text(title_node):
            out.append((title_node, Section(0, None, None, doc, PREAMBLE, "", "", PREAMBLE, 0, None)))
        roots = list(_child_sections(title_node, doc))
    else:
        roots = top
    for node, doc in roots:
        _add(node, doc, 0, None, labels, out)
    return out


def _add(node, doc, depth, parent, labels, out):
    heading = clean(node[0].astext()) if node.children and isinstance(node[0], nodes.title) else ""
    ids = node.get("ids", [])
    label = next((labels[(doc, i)][0] for i in ids if (doc, i) in labels), None)
    html_id = next((i for i in ids if (doc, i) in labels), None)
    number, kind, title = split_heading(heading)
    section = Section(len(out), label, html_id, doc, heading, number, kind, title, depth, parent)
    out.append((node, section))
    for child, child_doc in _child_sections(node, doc):
        _add(child, child_doc, depth + 1, section.index, labels, out)


_NOT_TEXT = (nodes.title, nodes.section, nodes.target, nodes.comment, nodes.system_message,
             nodes.substitution_definition, nodes.pending)


def _has_own_text(section) -> bool:
    """Text of the section itself, not of its chapters (a toctree's wrapper
    holds the chapters, not text)."""
    from sphinx import addnodes
    for child in section.children:
        if isinstance(child, _NOT_TEXT) or isinstance(child, nodes.Invisible):
            continue
        if isinstance(child, nodes.compound) and "toctree-wrapper" in child["classes"]:
            continue
        if isinstance(child, addnodes.start_of_file):
            continue
        if clean(child.astext()):
            return True
    return False


# --- a section's own text --------------------------------------------------------

@dataclass
class Block:
    """One paragraph-like piece of a section's own body (not its subsections')."""

    text: str
    reconstructed: bool = False
    # A table row (its text is the cells joined by ｜): its cells, which
    # table of the section it is in (1, 2, …), and whether it is a header row.
    cells: tuple[str, ...] | None = None
    table: int = 0
    header: bool = False


def blocks_of(section: nodes.Element) -> list[Block]:
    """The section's own body as text blocks: paragraphs, list items (with
    their mark), table rows (cells joined by ｜), figures (［図］)."""
    blocks: list[Block] = []
    _body(section, blocks, False)
    return blocks


_SKIP = (nodes.title, nodes.section, nodes.target, nodes.comment, nodes.system_message,
         nodes.substitution_definition, nodes.pending, nodes.colspec)


def _body(element, blocks, reconstructed, prefix=""):
    for child in element.children:
        if isinstance(child, _SKIP) or isinstance(child, nodes.Invisible) or \
                any(c in NOT_POLICY_TEXT for c in child.get("classes", ())):
            continue  # labels and notes of the edition are not text of either revision
        if isinstance(child, nodes.paragraph) or isinstance(child, nodes.line_block):
            text = clean(child.astext())
            if text:
                blocks.append(Block(prefix + text, reconstructed))
                prefix = ""
        elif isinstance(child, nodes.container):
            _body(child, blocks, reconstructed or RECONSTRUCTED in child["classes"])
        elif isinstance(child, (nodes.bullet_list, nodes.enumerated_list)):
            for number, item in enumerate(child.children, child.get("start", 1)):
                mark = "・" if isinstance(child, nodes.bullet_list) else _enum(child, number)
                _body(item, blocks, reconstructed, prefix=mark)
        elif isinstance(child, nodes.table):
            caption = [c for c in child.children if isinstance(c, nodes.title)]
            if caption:
                blocks.append(Block("［表］" + clean(caption[0].astext()), reconstructed))
            table = 1 + max((b.table for b in blocks), default=0)
            for row in child.findall(nodes.row):
                cells = tuple(clean(entry.astext()).replace("\n", "／") for entry in row.children)
                blocks.append(Block("｜".join(cells), reconstructed, cells, table,
                                    isinstance(row.parent, nodes.thead)))
        elif isinstance(child, (nodes.image, nodes.figure)):
            blocks.append(Block("［図］" + clean(child.astext() or child.get("alt", "")
                                                 or child.get("uri", "")), reconstructed))
        elif isinstance(child, nodes.Element):
            if any(isinstance(c, nodes.Element) for c in child.children):
                _body(child, blocks, reconstructed, prefix)
                prefix = ""
            else:
                text = clean(child.astext())
                if text:
                    blocks.append(Block(prefix + text, reconstructed))
                    prefix = ""


def _enum(lst, number) -> str:
    enumtype = lst.get("enumtype", "arabic")
    if enumtype == "arabic":
        shown = str(number)
    else:
        shown = chr(ord("a" if "alpha" in enumtype and "lower" in enumtype else "A") + number - 1) \
            if "alpha" in enumtype else str(number)
    return lst.get("prefix", "") + shown + lst.get("suffix", ".")
