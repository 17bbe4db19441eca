"""公用文 checks (`policy lint`): the rules of official writing over any input
the one reader reads.

    lint_inputs(project, paths, revision, settings) -> list[Result]

An input is the working tree's `source/` (the default), an RST file or
source folder, an e-Gov 法令XML file, or a revision's commit. Findings give
the file, line and column of the RST the editor wrote; for an e-Gov file
they give the XML file, the line and column where the text stands in it,
and the provision (第五条) — its RST is generated (build_tools.egov.to_rst).
A revision already adopted is reported but never fails: its text is history.
"""
from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import PolicyError
from .blocks import SourceFiles, blocks_of
from .engine import Finding, run
from .rules import ERROR
from .settings import Settings, load_settings

__all__ = ["Result", "lint_inputs", "lint_doctree", "load_settings", "Settings",
           "working_tree_summary"]


@dataclass
class Result:
    """The findings of one input."""

    name: str                       # how the input is shown
    findings: list[Finding] = field(default_factory=list)
    adopted: bool = False           # an adopted revision: reported, not failed
    characters: int = 0

    @property
    def errors(self) -> int:
        return sum(f.level == ERROR for f in self.findings)

    @property
    def fails(self) -> bool:
        return self.errors > 0 and not self.adopted


def lint_doctree(doctree, files: SourceFiles, settings: Settings, *, vertical: bool = False,
                 provisions: bool = False) -> tuple[list[Finding], int]:
    """Findings of a doctree whose text was read from `files`, and its size."""
    blocks = blocks_of(doctree, files)
    named = None
    if provisions:
        from ..document import split_heading
        named = {i: (split_heading(b.text)[0] or b.text) for i, b in enumerate(blocks)
                 if b.kind == "title"}
    return run(blocks, settings, vertical=vertical, provisions=named), \
        sum(len(b.text) for b in blocks)


def _shown(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


def check_utf8(folder: Path, shown_base: str) -> None:
    """A file that is not UTF-8 is named with the line of its first bad byte."""
    for path in sorted(folder.rglob("*.rst")):
        data = path.read_bytes()
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data[:exc.start].count(b"\n") + 1
            raise PolicyError(f"UTF-8 で読めません（{exc.start + 1} バイト目）",
                              file=f"{shown_base}/{path.relative_to(folder).as_posix()}",
                              line=line, hint="ファイルを UTF-8 で保存し直してください") from None


def lint_folder(folder: Path, settings: Settings, *, shown_base: str | None = None,
                writable: bool = True, spec: Path | None = None, cache_dir=None) -> Result:
    """An RST source folder (or one file in it, `spec`), read by the one reader."""
    from ..read import read_path
    shown_base = shown_base or _shown(folder)
    check_utf8(folder, shown_base)
    document = read_path(spec or folder, cache_dir=cache_dir)
    files = SourceFiles(folder, {p.relative_to(folder).as_posix():
                                 f"{shown_base}/{p.relative_to(folder).as_posix()}"
                                 for p in folder.rglob("*.rst")}, writable=writable)
    findings, size = lint_doctree(document.doctree, files, settings)
    return Result(shown_base if spec is None else _shown(spec), findings, characters=size)


def lint_statute(xml: Path, settings: Settings, *, cache_dir=None) -> Result:
    """An e-Gov 法令XML file, through its RST as the reader makes it
    (build_tools.egov.to_rst; the read is cached by that text, so the reader's
    own read of the XML is the same one). 縦書き when the XML says so."""
    from ..egov import to_rst
    from ..read import read_path
    raw = xml.read_text(encoding="utf-8")
    vertical = raw.count('WritingMode="vertical"') > raw.count('WritingMode="horizontal"')
    with tempfile.TemporaryDirectory(prefix="policy-lint-") as work:
        (Path(work) / "index.rst").write_text(to_rst(xml), encoding="utf-8")
        document = read_path(Path(work), cache_dir=cache_dir)
        files = SourceFiles(Path(work), {"index.rst": _shown(xml)}, writable=False)
        findings, size = lint_doctree(document.doctree, files, settings, vertical=vertical,
                                      provisions=True)
    _locate_in_xml(findings, raw)
    return Result(_shown(xml), findings, characters=size)


def _locate_in_xml(findings: list[Finding], raw: str) -> None:
    """Line and column of each finding in the XML file, where its text with
    a few characters around it stands there exactly once; else no line."""
    import bisect
    starts = [0] + [m.end() for m in re.finditer("\n", raw)]
    for finding in findings:
        finding.line = finding.column = None
        text, at = finding.block.text, finding.offset
        for width in (12, 8, 4):
            begin = max(0, at - width)
            probe = text[begin:at + len(finding.text) + width]
            if probe and raw.count(probe) == 1:
                place = raw.index(probe) + (at - begin)
                line = bisect.bisect_right(starts, place)
                finding.line, finding.column = line, place - starts[line - 1] + 1
                break


def lint_revision(project, rev_id: str, settings: Settings) -> Result:
    """A revision's text at its commit (shown as `ID:source/…`)."""
    rev = project.revision(rev_id)
    with tempfile.TemporaryDirectory(prefix="policy-lint-") as work:
        src = project.export_source(rev.commit, Path(work) / "source", revision=rev)
        result = lint_folder(src, settings, shown_base=f"{rev.id}:source", writable=False,
                             cache_dir=project.root / "build" / ".cache" / "read")
    result.name = f"{rev.id}（{rev.adopted_wareki}{rev.kind}）"
    result.adopted = not rev.is_draft
    return result


def lint_inputs(project, paths: list[Path], revision: str | None,
                settings: Settings | None = None) -> list[Result]:
    """Each input's findings (the default: the working tree's source/)."""
    root = project.root if project is not None else None
    settings = settings or load_settings(root)
    cache = root / "build" / ".cache" / "read" if root else None
    if revision:
        return [lint_revision(project, revision, settings)]
    if not paths:
        if root is None:
            raise PolicyError("調べる原稿がありません", hint="RST ファイル、source フォルダ"
                              "又は e-Gov の法令XMLを指定してください")
        paths = [root / "source"]
    results = []
    for path in paths:
        path = Path(path)
        if not path.exists():
            raise PolicyError("ファイル・フォルダがありません", file=str(path),
                              hint="RST ファイル、source フォルダ又は e-Gov の法令XMLを指定してください")
        if path.suffix.lower() == ".xml":
            results.append(lint_statute(path, settings.replace(profile=settings.profile),
                                        cache_dir=cache))
        elif path.is_dir():
            folder = path / "source" if (path / "source" / "index.rst").exists() else path
            results.append(lint_folder(folder, settings, cache_dir=cache))
        elif path.suffix.lower() == ".rst":
            results.append(lint_folder(path.parent, settings, spec=path, cache_dir=cache))
        else:
            raise PolicyError("調べられない種類のファイルです", file=str(path),
                              hint="RST（.rst）、source フォルダ又は e-Gov の法令XML（.xml）を指定してください")
    return results


def working_tree_summary(project) -> str:
    """The one-line summary of the working tree's findings (policy build).
    Remembered by the bytes of source/, the settings and the tools, so a
    build with nothing changed does not check again."""
    import hashlib
    from ..digest import tools_digest
    from .report import summary
    root = project.root
    digest = hashlib.sha256(tools_digest().encode())
    for path in [*sorted((root / "source").rglob("*")), root / "revisions" / "lint.toml"]:
        if path.is_file():
            digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    memo = root / "build" / ".cache" / "lint" / f"{digest.hexdigest()[:32]}.txt"
    if memo.exists():
        return memo.read_text(encoding="utf-8")
    line = summary(lint_inputs(project, [], None))
    memo.parent.mkdir(parents=True, exist_ok=True)
    for stale in memo.parent.glob("*.txt"):
        stale.unlink(missing_ok=True)
    memo.write_text(line, encoding="utf-8")
    return line
