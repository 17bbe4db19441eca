"""The one reader: every input becomes one `Document` (build_tools.document).

    read(project, spec) -> Document

`spec` is a revision id (its commit), a git ref, or a path: an RST file, a
source folder, a repository with `source/`, an e-Gov 法令XML file (a
draft or a statute, not committed), or a Word document (.docx, imported
by build_tools.wordimport as `policy import` does). Every input is read by Sphinx with the
pipeline's extension, exactly as the editions are, so any RST that builds
an edition (`:ref:`, `.. only::`, our containers) reads the same here.
Reading a commit is cached per commit, a draft per content hash: the same
text is never parsed twice.
"""
from __future__ import annotations

import hashlib
import pickle
import re
import shutil
import tempfile
from dataclasses import replace
from pathlib import Path

from .digest import tools_digest
from .document import Document, Source, document_of
from .errors import PolicyError

INDEX = "index.rst"
# Bump when what a Document holds changes: cached reads are then redone.
DOCUMENT_VERSION = 1


# --- inputs -------------------------------------------------------------------

def read(project, spec: str, *, cache_dir: Path | None = None,
         cached_only: bool = False) -> Document | None:
    """Read one input: a revision id, a path, or a git ref (tried in that order).
    With `cached_only`, None instead of a Sphinx read when it is not cached."""
    if project is not None:
        revisions = {r.id: r for r in project.revisions()}
        if spec in revisions:
            rev = revisions[spec]
            commit = project.commit_of(rev.commit, revision=rev)
            # Described as a citizen names it: 「平成29年1月改訂」, never by its id.
            source = Source(spec, rev.id, f"{rev.adopted_wareki}{rev.kind}",
                            is_draft=rev.is_draft, revision=rev,
                            provenance=rev.provenance, commit_time=commit.committed_date)
            return read_commit(project, commit, source, cache_dir=cache_dir, revision=rev,
                               cached_only=cached_only)
    path = Path(spec)
    if path.exists():
        return read_path(path, cache_dir=_cache(project, cache_dir), cached_only=cached_only)
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
    return read_commit(project, commit, source, cache_dir=cache_dir, cached_only=cached_only)


def read_commit(project, commit, source: Source, *, cache_dir: Path | None = None,
                revision=None, cached_only: bool = False) -> Document | None:
    """The text of `commit`'s source/ (cached per commit)."""
    cache = _cache(project, cache_dir)
    key = f"commit-{commit.hexsha}"
    cached = _load(cache, key)
    if cached is None and cached_only:
        return None
    if cached is None:
        with tempfile.TemporaryDirectory(dir=_mkdir(cache)) as work:
            src = project.export_source(commit.hexsha, Path(work) / "src", revision=revision)
            cached = _sphinx_read(src, Path(work), shown_as=f"{source.name}:source",
                                  origin=f"この本文は {source.name}（コミット {commit.hexsha[:7]}）のものです。")
        _store(cache, key, cached)
    return replace(cached, source=source)


def read_path(path: Path, *, cache_dir: Path | None = None,
              cached_only: bool = False) -> Document | None:
    """A draft: an RST file, a source folder, a repository with source/, an
    e-Gov 法令XML file or a Word document. Cached per content hash."""
    path = Path(path)
    cache = cache_dir or _temporary_cache()
    if path.suffix.lower() == ".xml":
        return _read_statute(path, cache, cached_only)
    if path.suffix.lower() == ".docx":
        return _read_word(path, cache, cached_only)
    if path.is_dir():
        folder = path / "source" if (path / "source" / INDEX).exists() else path
        if not (folder / INDEX).exists():
            raise PolicyError(f"フォルダに {INDEX} がありません", file=str(path),
                              hint="source フォルダか、RST ファイルを指定してください")
        root, shown_as = INDEX, str(folder)
    else:
        folder, root, shown_as = path.parent, path.name, str(path.parent)
    files = _toctree_closure(folder, root)
    key = "draft-" + _digest(folder, files)
    cached = _load(cache, key)
    if cached is None and cached_only:
        return None
    if cached is None:
        with tempfile.TemporaryDirectory(dir=_mkdir(cache)) as work:
            cached = _sphinx_read(folder, Path(work), shown_as=shown_as, root=root,
                                  include=files,
                                  origin="")
        _store(cache, key, cached)
    # Named by its own title, never by a local path (titles, covers, headers).
    name = cached.title or path.name
    return replace(cached, source=Source(str(path), name, f"案（{name}）", is_draft=True))


def _read_statute(path: Path, cache: Path, cached_only: bool = False) -> Document | None:
    """An e-Gov 法令XML file, through its RST (build_tools.egov)."""
    from .egov import describe, to_rst
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:24]
    folder = _mkdir(cache / f"egov-{digest}")
    (folder / INDEX).write_text(to_rst(path), encoding="utf-8")
    document = read_path(folder, cache_dir=cache, cached_only=cached_only)
    if document is None:
        return None
    title, description = describe(path)
    # A statute's versions are enacted texts, not drafts: 改正後／改正前.
    return replace(document, source=Source(str(path), title, description))


def _read_word(path: Path, cache: Path, cached_only: bool = False) -> Document | None:
    """A Word draft, through the source `policy import` would write."""
    from .wordimport import source_files, write_files
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:24]
    folder = cache / f"word-{digest}-{_tools_key()}"
    if not (folder / INDEX).exists():
        files = source_files(path).files
        for stale in cache.glob(f"word-{digest}-*"):      # made by other versions of the tools
            shutil.rmtree(stale, ignore_errors=True)
        try:
            write_files(files, folder)
        except OSError:
            if not (folder / INDEX).exists():   # not a second reader that got there first
                raise
    document = read_path(folder, cache_dir=cache, cached_only=cached_only)
    if document is None:
        return None
    name = document.title or path.name
    return replace(document, source=Source(str(path), name, f"案（{name}）", is_draft=True))


def _sphinx_read(srcdir: Path, work: Path, *, shown_as: str, origin: str,
                 root: str = INDEX, include: list[str] | None = None) -> Document:
    """Read `srcdir` with Sphinx (no output is written) into a Document."""
    from .sphinx_run import reader_config, run_sphinx
    config = reader_config(root_doc=str(Path(root).with_suffix("")), include=include)
    app = run_sphinx(srcdir, work / "out", work / "doctrees", config=config, builder="dummy",
                     shown_as=shown_as, origin=origin, intro="RST の書き方に誤りがあります: ",
                     hint=None if origin else "RST を直してから、もう一度実行してください",
                     confdir=srcdir if (srcdir / "conf.py").exists() else None)
    document = document_of(app)
    # The doctree's settings hold Sphinx's whole environment (config,
    # domains, every builder's module): not part of the text, and costly to
    # pickle and to load. A cached read and a fresh one are the same.
    settings = document.doctree.settings
    settings.env = settings.record_dependencies = None
    document.doctree.reporter = document.doctree.transformer = None
    return document


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
    # Reads made by other versions of the tools are never used again.
    for stale in path.parent.glob(f"{key}-*.pickle"):
        if stale != path:
            stale.unlink(missing_ok=True)


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
    docs = [read(project, spec, cache_dir=cache, cached_only=True) for spec in (old, new)]
    if all(docs):
        return docs[0], docs[1]
    if docs[0] is not None or docs[1] is not None:
        return (docs[0] or read(project, old, cache_dir=cache),
                docs[1] or read(project, new, cache_dir=cache))
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


