"""Two inputs → two doctrees.

An input is a revision id (its commit), any git ref, or a path to an RST file
or a source folder (a draft not yet committed). The policy uses standard RST
plus `toctree`, so plain docutils reads it: the chapters named by a toctree
are parsed and put where the toctree stands. That is several times faster
than a Sphinx build and gives the same sections, labels and text.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from docutils import frontend, nodes, utils
from docutils.parsers import rst
from docutils.parsers.rst import Directive, directives
from docutils.readers import standalone

from ..errors import PolicyError

INDEX = "index.rst"


@dataclass
class Side:
    """One side of the comparison: its doctree and how to name it."""

    doctree: nodes.document
    spec: str                      # what the user typed
    label: str                     # 「R5」, 「draft.rst」
    date: str | None = None        # 和暦, for a revision
    description: str = ""          # 「令和5年4月改訂（R5）」
    is_draft: bool = False
    revision: object = None        # revisions.Revision, for a revision id
    provenance: dict | None = None
    extra: dict = field(default_factory=dict)


class _toc_placeholder(nodes.Element):
    """Where a toctree stood; replaced by the chapters it names."""


class _TocTree(Directive):
    has_content = True
    option_spec = {name: directives.unchanged for name in (
        "maxdepth", "caption", "name", "class", "glob", "hidden", "includehidden",
        "numbered", "titlesonly", "reversed")}

    def run(self):
        entries = []
        for line in self.content:
            line = line.strip()
            if not line:
                continue
            match = re.search(r"<([^<>]+)>$", line)
            entries.append(match.group(1) if match else line)
        node = _toc_placeholder()
        node["entries"] = entries
        node.source, node.line = self.state_machine.get_source_and_line(self.lineno)
        return [node]


_SETTINGS = None
_READER = standalone.Reader()


def _settings():
    global _SETTINGS
    if _SETTINGS is None:
        _SETTINGS = frontend.get_default_settings(rst.Parser)
        for key, value in {
            "report_level": 2, "halt_level": 5, "file_insertion_enabled": False,
            "raw_enabled": False, "doctitle_xform": False, "sectsubtitle_xform": False,
            "language_code": "ja",
            "syntax_highlight": "none", "_disable_config": True,
        }.items():
            setattr(_SETTINGS, key, value)
    return _SETTINGS


_MESSAGE = re.compile(r"^(?P<file>.*?):(?P<line>\d+)?:? ?\((?P<level>[A-Z]+)/(?P<n>\d)\) (?P<msg>.*)$")


def parse_rst(text: str, shown_as: str) -> nodes.document:
    """Parse one RST text; any warning or error is a PolicyError at its line."""
    import copy
    settings = copy.copy(_settings())
    stream = io.StringIO()
    settings.warning_stream = stream
    document = utils.new_document(shown_as, settings)
    saved = directives._directives.get("toctree")
    directives._directives["toctree"] = _TocTree
    try:
        rst.Parser().parse(text, document)
        document.transformer.populate_from_components((_READER, rst.Parser()))
        document.transformer.apply_transforms()
    finally:
        if saved is None:
            directives._directives.pop("toctree", None)
        else:
            directives._directives["toctree"] = saved
    problems = []
    for raw in stream.getvalue().splitlines():
        match = _MESSAGE.match(raw)
        if match:
            problems.append((int(match["line"]) if match["line"] else None, match["msg"]))
    if problems:
        line, message = problems[0]
        more = "".join(f"\n  {shown_as}:{n}: {m}" for n, m in problems[1:6])
        raise PolicyError(f"RST の書き方に誤りがあります: {message}{more}",
                          file=shown_as, line=line,
                          hint="RST を直してから、もう一度実行してください")
    return document


def parse_tree(read: Callable[[str], str | None], root: str, shown_as: str) -> nodes.document:
    """Parse `root` and, recursively, the files its toctrees name.
    `read(relpath)` returns a file's text, or None if it does not exist."""
    text = read(root)
    if text is None:
        raise PolicyError("ファイルがありません", file=f"{shown_as}/{root}")
    document = parse_rst(text, f"{shown_as}/{root}")
    _inline_toctrees(document, read, root, shown_as, seen={root})
    return document


def _inline_toctrees(document, read, current, shown_as, seen):
    base = current.rsplit("/", 1)[0] + "/" if "/" in current else ""
    for placeholder in list(document.findall(_toc_placeholder)):
        chapters = []
        for entry in placeholder["entries"]:
            rel = (entry.lstrip("/") if entry.startswith("/") else base + entry)
            rel = rel if rel.endswith(".rst") else rel + ".rst"
            if rel in seen:
                continue
            text = read(rel)
            if text is None:
                raise PolicyError(f"toctree に書かれた '{entry}' のファイルがありません",
                                  file=placeholder.source, line=placeholder.line,
                                  hint=f"{shown_as}/{rel} を作るか、toctree から外してください")
            seen.add(rel)
            chapter = parse_rst(text, f"{shown_as}/{rel}")
            _inline_toctrees(chapter, read, rel, shown_as, seen)
            _merge_names(document, chapter)
            chapters.extend(chapter.children)
        placeholder.replace_self(chapters)


def _merge_names(document, chapter):
    """Carry the chapter's labels over, so `document.nametypes` knows them."""
    for name, explicit in chapter.nametypes.items():
        if explicit or name not in document.nametypes:
            document.nametypes[name] = explicit
            document.nameids[name] = chapter.nameids.get(name)


# --- inputs ------------------------------------------------------------------

def _git_reader(commit):
    tree = commit.tree

    def read(rel):
        try:
            return (tree / f"source/{rel}").data_stream.read().decode("utf-8")
        except KeyError:
            return None
        except UnicodeDecodeError:
            raise PolicyError(f"UTF-8 で読めません（コミット {commit.hexsha[:7]}）",
                              file=f"source/{rel}",
                              hint="ファイルを UTF-8 で保存し直してコミットしてください") from None
    return read


def _dir_reader(folder: Path):
    def read(rel):
        path = folder / rel
        try:
            return path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except UnicodeDecodeError:
            raise PolicyError("UTF-8 で読めません", file=str(path),
                              hint="ファイルを UTF-8 で保存し直してください") from None
    return read


def load(project, spec: str) -> Side:
    """Read one input: revision id, path, or git ref (tried in that order)."""
    if project is not None:
        revisions = {r.id: r for r in _revisions(project)}
        if spec in revisions:
            rev = revisions[spec]
            commit = project.commit_of(rev.commit, revision=rev)
            tree = parse_tree(_git_reader(commit), INDEX, f"{rev.id}:source")
            return Side(tree, spec, rev.id, date=rev.adopted_wareki,
                        description=f"{rev.adopted_wareki}{rev.kind}（{rev.id}）",
                        is_draft=rev.is_draft, revision=rev, provenance=rev.provenance,
                        extra={"commit_time": commit.committed_date})
    path = Path(spec)
    if path.exists():
        return load_path(path)
    if project is None or "/" in spec and not _is_ref(project, spec) or spec.endswith(".rst"):
        raise PolicyError(f"'{spec}' がありません", file=spec,
                          hint="ファイル・フォルダの名前、改訂版の ID（`policy revisions` で一覧）を確認してください")
    if not _is_ref(project, spec):
        ids = ", ".join(r.id for r in _revisions(project))
        raise PolicyError(f"'{spec}' は改訂版・git の参照・ファイルのいずれでもありません",
                          hint=f"改訂版は {ids}。git のコミットやブランチ、RST ファイルのパスも指定できます")
    commit = project.commit_of(spec)
    tree = parse_tree(_git_reader(commit), INDEX, f"{spec}:source")
    return Side(tree, spec, spec, description=f"git {spec}（{commit.hexsha[:7]}）",
                extra={"commit_time": commit.committed_date})


def _revisions(project):
    return project.revisions()


def _is_ref(project, spec) -> bool:
    try:
        project.commit_of(spec)
        return True
    except PolicyError:
        return False


def load_path(path: Path) -> Side:
    """A draft: an RST file, a source folder, or a repository with source/."""
    if path.is_dir():
        folder = path / "source" if (path / "source" / INDEX).exists() else path
        if not (folder / INDEX).exists():
            raise PolicyError(f"フォルダに {INDEX} がありません", file=str(path),
                              hint="source フォルダか、RST ファイルを指定してください")
        tree = parse_tree(_dir_reader(folder), INDEX, str(folder))
    else:
        tree = parse_tree(_dir_reader(path.parent), path.name, str(path.parent))
    return Side(tree, str(path), path.name, description=f"案（{path}）", is_draft=True)


# --- both sides at once ------------------------------------------------------

PARALLEL_MIN_BYTES = 150_000  # below this a second process costs more than it saves


def load_units(root, spec: str) -> Side:
    """Load one side and reduce it to units (picklable: no doctree)."""
    from ..revisions import Project
    from .units import units_of
    side = load(Project(root) if root else None, spec)
    side.extra["title"], side.extra["units"] = units_of(side.doctree)
    side.doctree = None
    return side


def _size(project, spec) -> int:
    path = Path(spec)
    if path.is_file():
        return path.stat().st_size
    if path.is_dir():
        return sum(p.stat().st_size for p in path.rglob("*.rst"))
    return 0  # revisions of the policy are small


def load_pair(project, old: str, new: str) -> tuple[Side, Side]:
    """Both sides as units; large inputs are parsed on two cores (docutils
    parsing, not diffing, dominates the time on a long text)."""
    import os
    root = project.root if project else None
    big = _size(project, old) + _size(project, new) >= PARALLEL_MIN_BYTES
    if big and (os.cpu_count() or 1) > 1 and hasattr(os, "fork"):
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor
        # fork: the child already has every module loaded; it opens its own git handles.
        with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")) as pool:
            future = pool.submit(load_units, root, old)
            new_side = load_units(root, new)
            return future.result(), new_side
    return load_units(root, old), load_units(root, new)
