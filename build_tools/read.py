"""The one reader: every input becomes one `Document`.

    read(project, spec) -> Document

`spec` is a revision id (its commit), a git ref, or a path: an RST file, a
source folder, a repository with `source/`, or an e-Gov 法令XML file (a
draft or a statute, not committed). Every input is read by Sphinx with the
pipeline's extension, exactly as the editions are, so any RST that builds
an edition (`:ref:`, `.. only::`, our containers) reads the same here.

A Document is the assembled doctree (chapters inlined in toctree order,
references resolved) plus the index of its sections. `document_of(app)` is
the one place that builds that index — and so the one place that decides
what a section's label, number and title are; the edition builder calls it
on its own Sphinx run. Reading a commit is cached per commit, a draft per
content hash: the same text is never parsed twice.
"""
from __future__ import annotations

import hashlib
import pickle
import re
import shutil
import tempfile
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path

from docutils import nodes

from .digest import tools_digest
from .errors import PolicyError

INDEX = "index.rst"
# Bump when what a Document holds changes: cached reads are then redone.
DOCUMENT_VERSION = 1

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
    description: str               # 「令和5年4月改訂（R5）」
    date: str | None = None        # 和暦, for a revision
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
    lead: bool = False             # sections[0] is the text before the first chapter
    # Labelled places that are not sections (a figure, a table): each as an
    # entry below the section it is in, titled by its caption.
    anchors: list[Section] = field(default_factory=list)

    def labelled(self) -> dict[str, Section]:
        """label -> Section (or anchor), in reading order."""
        found = sorted([s for s in self.sections if s.label] + self.anchors,
                       key=lambda s: (s.index, s.depth))
        return {s.label: s for s in found}

    def section_nodes(self) -> list[nodes.Element]:
        """The doctree element of each section, index for index (the lead
        text's is the document-title section)."""
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
    from sphinx.util.nodes import inline_all_toctrees

    env, builder = app.env, app.builder
    root = app.config.root_doc
    tree = env.get_doctree(root)
    tree = inline_all_toctrees(builder, set(), root, tree, lambda s: s, [root])
    tree["docname"] = root
    env.resolve_references(tree, root, builder)
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
    lead = bool(sections) and sections[0].heading == PREAMBLE and sections[0].label is None
    return Document(tree, title, sections, source, lead, anchors)


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


# --- inputs -------------------------------------------------------------------

def read(project, spec: str, *, cache_dir: Path | None = None) -> Document:
    """Read one input: a revision id, a path, or a git ref (tried in that order)."""
    if project is not None:
        revisions = {r.id: r for r in project.revisions()}
        if spec in revisions:
            rev = revisions[spec]
            commit = project.commit_of(rev.commit, revision=rev)
            source = Source(spec, rev.id, f"{rev.adopted_wareki}{rev.kind}（{rev.id}）",
                            date=rev.adopted_wareki, is_draft=rev.is_draft, revision=rev,
                            provenance=rev.provenance, commit_time=commit.committed_date)
            return read_commit(project, commit, source, cache_dir=cache_dir, revision=rev)
    path = Path(spec)
    if path.exists():
        return read_path(path, cache_dir=_cache(project, cache_dir))
    if project is None or "/" in spec and not _is_ref(project, spec) or spec.endswith(".rst"):
        raise PolicyError(f"'{spec}' がありません", file=spec,
                          hint="ファイル・フォルダの名前、改訂版の ID（`policy revisions` で一覧）を確認してください")
    if not _is_ref(project, spec):
        ids = ", ".join(r.id for r in project.revisions())
        raise PolicyError(f"'{spec}' は改訂版・git の参照・ファイルのいずれでもありません",
                          hint=f"改訂版は {ids}。git のコミットやブランチ、RST ファイルのパスも指定できます")
    commit = project.commit_of(spec)
    source = Source(spec, spec, f"git {spec}（{commit.hexsha[:7]}）",
                    commit_time=commit.committed_date)
    return read_commit(project, commit, source, cache_dir=cache_dir)


def read_commit(project, commit, source: Source, *, cache_dir: Path | None = None,
                revision=None) -> Document:
    """The text of `commit`'s source/ (cached per commit)."""
    cache = _cache(project, cache_dir)
    key = f"commit-{commit.hexsha}"
    cached = _load(cache, key)
    if cached is None:
        with tempfile.TemporaryDirectory(dir=_mkdir(cache)) as work:
            src = project.export_source(commit.hexsha, Path(work) / "src", revision=revision)
            cached = _sphinx_read(src, Path(work), shown_as=f"{source.name}:source",
                                  origin=f"この本文は {source.name}（コミット {commit.hexsha[:7]}）のものです。")
        _store(cache, key, cached)
    return replace(cached, source=source)


def read_path(path: Path, *, cache_dir: Path | None = None) -> Document:
    """A draft: an RST file, a source folder, a repository with source/, or
    an e-Gov 法令XML file. Cached per content hash."""
    path = Path(path)
    cache = cache_dir or _temporary_cache()
    if path.suffix.lower() == ".xml":
        return _read_statute(path, cache)
    if path.is_dir():
        folder = path / "source" if (path / "source" / INDEX).exists() else path
        if not (folder / INDEX).exists():
            raise PolicyError(f"フォルダに {INDEX} がありません", file=str(path),
                              hint="source フォルダか、RST ファイルを指定してください")
        root, shown_as = INDEX, str(folder)
    else:
        folder, root, shown_as = path.parent, path.name, str(path.parent)
    files = _toctree_closure(folder, root)
    source = Source(str(path), path.name, f"案（{path}）", is_draft=True)
    key = "draft-" + _digest(folder, files)
    cached = _load(cache, key)
    if cached is None:
        with tempfile.TemporaryDirectory(dir=_mkdir(cache)) as work:
            cached = _sphinx_read(folder, Path(work), shown_as=shown_as, root=root,
                                  include=files,
                                  origin="")
        _store(cache, key, cached)
    return replace(cached, source=source)


def _read_statute(path: Path, cache: Path) -> Document:
    """An e-Gov 法令XML file, through its RST (build_tools.egov)."""
    from .egov import to_rst
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:24]
    folder = _mkdir(cache / f"egov-{digest}")
    (folder / INDEX).write_text(to_rst(path), encoding="utf-8")
    document = read_path(folder, cache_dir=cache)
    return replace(document, source=Source(str(path), path.name, f"法令XML（{path.name}）",
                                           is_draft=True))


def _sphinx_read(srcdir: Path, work: Path, *, shown_as: str, origin: str,
                 root: str = INDEX, include: list[str] | None = None) -> Document:
    """Read `srcdir` with Sphinx (no output is written) into a Document."""
    from .sphinx_run import reader_config, run_sphinx
    config = reader_config(root_doc=str(Path(root).with_suffix("")), include=include)
    app = run_sphinx(srcdir, work / "out", work / "doctrees", config=config, builder="dummy",
                     shown_as=shown_as, origin=origin, intro="RST の書き方に誤りがあります: ",
                     hint=None if origin else "RST を直してから、もう一度実行してください",
                     confdir=srcdir if (srcdir / "conf.py").exists() else None)
    return document_of(app)


_TOCTREE = re.compile(r"^\.\. toctree::[^\n]*\n((?:[ \t]+[^\n]*\n|[ \t]*\n)*)", re.M)


def _toctree_closure(folder: Path, root: str) -> list[str]:
    """`root` and the files its toctrees name, recursively: what Sphinx
    must read of a folder that may hold other, unrelated RST files. A name
    that does not exist is left to Sphinx, which reports it at its line."""
    found, todo = [], [root]
    while todo:
        rel = todo.pop(0)
        if rel in found:
            continue
        found.append(rel)
        try:
            text = (folder / rel).read_text(encoding="utf-8")
        except FileNotFoundError:
            continue
        except UnicodeDecodeError:
            raise PolicyError("UTF-8 で読めません", file=str(folder / rel),
                              hint="ファイルを UTF-8 で保存し直してください") from None
        base = str(Path(rel).parent)
        for block in _TOCTREE.finditer(text):
            for line in block.group(1).splitlines():
                entry = line.strip()
                if not entry or entry.startswith(":"):
                    continue
                match = re.search(r"<([^<>]+)>$", entry)
                entry = (match.group(1) if match else entry).strip()
                name = entry.lstrip("/") if entry.startswith("/") else \
                    (entry if base == "." else f"{base}/{entry}")
                todo.append(name if name.endswith(".rst") else name + ".rst")
    return found


def _digest(folder: Path, files: list[str]) -> str:
    digest = hashlib.sha256(str(DOCUMENT_VERSION).encode())
    for rel in [*files, "conf.py"]:
        path = folder / rel
        digest.update(rel.encode() + b"\0")
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()[:32]


def _is_ref(project, spec) -> bool:
    try:
        project.commit_of(spec)
        return True
    except PolicyError:
        return False


# --- the cache ----------------------------------------------------------------

_TEMPORARY: list[Path] = []


def _temporary_cache() -> Path:
    """For reads outside a repository: a folder removed when the process ends."""
    if not _TEMPORARY:
        import atexit
        _TEMPORARY.append(Path(tempfile.mkdtemp(prefix="policy-read-")))
        atexit.register(shutil.rmtree, _TEMPORARY[0], True)
    return _TEMPORARY[0]


def _cache(project, cache_dir: Path | None) -> Path:
    if cache_dir is not None:
        return Path(cache_dir)
    if project is None:
        return _temporary_cache()
    return project.root / "build" / ".cache" / "read"


def _mkdir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


def _tools_key() -> str:
    return tools_digest()[:16]


def _load(cache: Path, key: str) -> Document | None:
    path = cache / f"{key}-{_tools_key()}.pickle"
    try:
        with open(path, "rb") as handle:
            return pickle.load(handle)
    except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError):
        return None


def _store(cache: Path, key: str, document: Document) -> None:
    path = _mkdir(cache) / f"{key}-{_tools_key()}.pickle"
    tmp = path.with_suffix(f".tmp{id(document)}")
    with open(tmp, "wb") as handle:
        pickle.dump(replace(document, source=None), handle, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(path)


# --- two inputs -----------------------------------------------------------------

PARALLEL_MIN_BYTES = 150_000  # below this a second process costs more than it saves


def _size(spec) -> int:
    path = Path(spec)
    if path.is_file():
        return path.stat().st_size
    if path.is_dir():
        return sum(p.stat().st_size for p in path.rglob("*.rst"))
    return 0  # revisions of the policy are small


def _read_in_child(root, spec, cache_dir):
    from .revisions import Project
    return read(Project(root) if root else None, spec, cache_dir=cache_dir)


def read_pair(project, old: str, new: str) -> tuple[Document, Document]:
    """Both inputs; large ones are read on two cores (parsing dominates)."""
    import os
    cache = _cache(project, None)
    if _size(old) + _size(new) >= PARALLEL_MIN_BYTES and (os.cpu_count() or 1) > 1 \
            and hasattr(os, "fork"):
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor
        root = project.root if project else None
        # fork: the child has every module loaded; it opens its own git handles.
        with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")) as pool:
            future = pool.submit(_read_in_child, root, old, cache)
            new_doc = read(project, new, cache_dir=cache)
            return future.result(), new_doc
    return read(project, old, cache_dir=cache), read(project, new, cache_dir=cache)


