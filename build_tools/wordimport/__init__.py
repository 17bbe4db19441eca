"""Word import (Word 文書の取り込み): a .docx becomes our source.

    import_docx(path, out_dir, accept_changes=False, style_map=None) -> Imported
    source_files(path, ...) -> Imported        (the files, not written)

`policy import FILE.docx -o DIR` writes the files; the reader
(build_tools.read) turns a .docx given to `policy diff` into a source
folder with the same code. The file is untrusted (package.py); tracked
changes and comments are refused unless the user accepts them all.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import PolicyError
from .body import BodyReader
from .numbering import Numbering
from .package import open_package, w
from .rst import RstWriter
from .runs import TRACKED, Counts, RunReader
from .styles import StyleMap, Styles

CONF = ("# Sphinx configuration of a policy imported from Word (policy import).\n"
        "project = {title!r}\n"
        "language = \"ja\"\n"
        "root_doc = \"index\"\n"
        "exclude_patterns = [\"_build\"]\n")


@dataclass
class Imported:
    title: str
    files: dict[str, str]                        # name → text, index.rst first
    notes: list[str] = field(default_factory=list)   # what was left out, for the user
    sections: int = 0


def source_files(path: Path, *, accept_changes: bool = False,
                 style_map: StyleMap | None = None) -> Imported:
    """The source files of the Word document at `path`."""
    package = open_package(Path(path))
    try:
        document = package.xml(package.main)
        body = document.find(w("body")) if document is not None else None
        if body is None:
            raise PolicyError("Word 文書に本文（w:body）がありません", file=package.shown,
                              hint="Word で開いて保存し直してください")
        styles = Styles(package.xml(package.related(package.main, "styles") or "word/styles.xml"),
                        style_map)
        numbering = Numbering(package.xml(package.related(package.main, "numbering") or ""), styles)
        notes_part = package.related(package.main, "footnotes")
        footnotes = package.xml(notes_part) if notes_part else None
        endnotes_part = package.related(package.main, "endnotes")
        endnotes = package.xml(endnotes_part) if endnotes_part else None
        comments_part = package.related(package.main, "comments")
        comments = package.xml(comments_part) if comments_part else None
        notes = _review(package.shown, [document, footnotes, endnotes], comments, accept_changes)
        counts = Counts()
        runs = RunReader(package.relationships(package.main), counts)
        read = BodyReader(styles, numbering, runs).read(body, footnotes, endnotes)
        if not read.title:
            read.title = _core_title(package) or Path(path).stem
    finally:
        package.close()
    if not any(True for _ in read.blocks):
        raise PolicyError("Word 文書に本文がありません", file=str(path),
                          hint="本文のある .docx を指定してください")
    writer = RstWriter(read)
    files = writer.files()
    files["conf.py"] = CONF.format(title=read.title)
    if read.cover:
        notes.append(f"表紙（最初のセクション、{len(read.cover)} 行）は取り込みませんでした")
    for style, (count, example) in read.heading_like.items():
        notes.append(f"様式「{style}」の {count} 段落（「{example}」など）は番号で始まりますが、本文として"
                     f"取り込みました。見出しにするには --style-map で \"{style}\" = 段 を指定するか、"
                     "--typed-headings を付けてください")
    if counts.pictures:
        notes.append(f"図・画像・テキストボックス {counts.pictures} 個は取り込みませんでした")
    if counts.equations:
        notes.append(f"数式 {counts.equations} 個は取り込みませんでした")
    return Imported(read.title, files, notes, len(writer.labels))


def import_docx(path: Path, out_dir: Path, *, accept_changes: bool = False,
                style_map: StyleMap | None = None) -> Imported:
    """Write the source of `path` into the new folder `out_dir`: all or nothing."""
    out_dir = Path(out_dir)
    if out_dir.exists() and (not out_dir.is_dir() or any(out_dir.iterdir())):
        raise PolicyError("出力先がすでにあり、空ではありません", file=str(out_dir),
                          hint="新しいフォルダの名前を -o に指定してください（既存の原稿は上書きしません）")
    imported = source_files(path, accept_changes=accept_changes, style_map=style_map)
    write_files(imported.files, out_dir)
    return imported


def write_files(files: dict[str, str], out_dir: Path) -> None:
    """Write into a temporary folder beside `out_dir`, then move it into place."""
    out_dir = Path(out_dir).absolute()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent))
    try:
        for name, text in files.items():
            target = (work / name).resolve()
            if target.parent != work.resolve():      # our own names only: never a path
                raise PolicyError(f"取り込みのファイル名が正しくありません（{name}）")
            target.write_text(text, encoding="utf-8")
        if out_dir.exists():
            out_dir.rmdir()                        # empty, checked by the caller
        os.replace(work, out_dir)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise


def _review(shown: str, parts, comments, accept: bool) -> list[str]:
    """Refuse tracked changes and comments unless the user accepts them."""
    changes = sum(1 for part in parts if part is not None
                  for el in part.iter(*TRACKED))
    remarks = sum(1 for _ in comments.iter(w("comment"))) if comments is not None else 0
    remarks = remarks or sum(1 for part in parts if part is not None
                             for _ in part.iter(w("commentReference")))
    notes = []
    if changes and not accept:
        raise PolicyError(f"変更履歴が残っています（{changes} か所）", file=shown,
                          hint="Word の「校閲」→「承諾」→「すべての変更を反映」で確定して保存し直すか、"
                               "policy import に --accept-changes を付けて、すべて承諾したものとして取り込んでください")
    if remarks and not accept:
        raise PolicyError(f"コメントが残っています（{remarks} 件）", file=shown,
                          hint="Word の「校閲」→「削除」→「ドキュメント内のすべてのコメントを削除」で消して保存し直すか、"
                               "policy import に --accept-changes を付けて、コメントを除いて取り込んでください")
    if changes:
        notes.append(f"変更履歴 {changes} か所をすべて承諾したものとして取り込みました")
    if remarks:
        notes.append(f"コメント {remarks} 件は取り込みませんでした")
    return notes


def _core_title(package) -> str:
    root = package.xml("docProps/core.xml")
    if root is None:
        return ""
    for el in root.iter("{http://purl.org/dc/elements/1.1/}title"):
        return (el.text or "").strip()
    return ""
