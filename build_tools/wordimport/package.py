"""An uploaded Word file, opened with suspicion (OOXML パッケージ).

A .docx is a zip of XML parts. It comes from outside, so before anything is
read: it must be a zip (not an encrypted or old binary Word file, not a
renamed workbook), no part may be larger than PART_LIMIT once inflated, nor
all parts read together more than TOTAL_LIMIT, nor inflate more than
RATIO_LIMIT times (zip bombs; the sizes are counted while reading, the
declared ones are not trusted), and no XML may carry a DOCTYPE (external
entities, entity expansion). Only parts are read, by name; nothing is
extracted, and external relationships are never followed.
"""
from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..errors import PolicyError

PART_LIMIT = 32 * 1024 * 1024        # one XML part, inflated
TOTAL_LIMIT = 96 * 1024 * 1024       # every part read, inflated
RATIO_LIMIT = 150                    # inflated / compressed, for parts over RATIO_FLOOR
RATIO_FLOOR = 1024 * 1024
MEMBER_LIMIT = 5000                  # members in the zip

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_DOCUMENT = R + "/officeDocument"
NS = {"w": W, "r": R}

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                          dtd_validation=False, huge_tree=False, remove_comments=True)

CONVERT_HINT = "Word で開き、「名前を付けて保存」で「Word 文書（*.docx）」として保存し直してください"


def number(value, default: int | None, low: int, high: int) -> int | None:
    """An integer attribute of an untrusted part, kept within [low, high]
    (a gridSpan of a billion must not make a billion cells)."""
    try:
        return min(max(int(value), low), high)
    except (TypeError, ValueError):
        return default


def w(tag: str) -> str:
    """The Clark name of a WordprocessingML tag: w("p") → {…/main}p."""
    return f"{{{W}}}{tag}"


@dataclass
class Package:
    """The parts of one .docx, read on demand and kept."""

    path: Path
    zip: zipfile.ZipFile
    main: str = "word/document.xml"
    read_bytes: int = 0
    _parts: dict = field(default_factory=dict)

    @property
    def shown(self) -> str:
        return str(self.path)

    def xml(self, name: str):
        """The root element of part `name`, or None when there is no such part."""
        if name in self._parts:
            return self._parts[name]
        try:
            info = self.zip.getinfo(name)
        except KeyError:
            self._parts[name] = None
            return None
        data = self._inflate(info)
        self._parts[name] = root = _parse(data, f"{self.shown}（{name}）")
        return root

    def _inflate(self, info: zipfile.ZipInfo) -> bytes:
        if info.flag_bits & 0x1:
            raise PolicyError("パスワードで保護（暗号化）された部分があります", file=self.shown,
                              hint="Word で保護を解除して保存し直してから指定してください")
        if info.file_size > RATIO_FLOOR and info.compress_size and \
                info.file_size / info.compress_size > RATIO_LIMIT:
            raise _bomb(self.shown, info.filename)
        limit = min(PART_LIMIT, TOTAL_LIMIT - self.read_bytes)
        chunks, size = [], 0
        try:
            with self.zip.open(info) as stream:
                while chunk := stream.read(1 << 16):
                    size += len(chunk)
                    if size > limit or size > RATIO_FLOOR and \
                            size / max(info.compress_size, 1) > RATIO_LIMIT:
                        raise _bomb(self.shown, info.filename)
                    chunks.append(chunk)
        except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError) as exc:
            raise PolicyError(f"Word ファイルが壊れています（{info.filename}: {exc}）",
                              file=self.shown, hint=CONVERT_HINT) from None
        self.read_bytes += size
        return b"".join(chunks)

    def relationships(self, part: str) -> dict[str, tuple[str, str, bool]]:
        """rId → (type, target part name, external) of `part`'s relationships."""
        folder, name = posixpath.split(part)
        root = self.xml(posixpath.join(folder, "_rels", name + ".rels"))
        found = {}
        for rel in (root if root is not None else []):
            if rel.tag != f"{{{PKG_REL}}}Relationship":
                continue
            target, external = rel.get("Target", ""), rel.get("TargetMode") == "External"
            if not external:
                target = _inside(folder, target, self.shown)
            found[rel.get("Id")] = (rel.get("Type", ""), target, external)
        return found

    def related(self, part: str, kind: str) -> str | None:
        """The part `part` relates to by relationship type …/`kind`."""
        for rel_type, target, external in self.relationships(part).values():
            if rel_type.endswith("/" + kind) and not external:
                return target
        return None

    def close(self) -> None:
        self.zip.close()


def open_package(path: Path) -> Package:
    """Open `path` as a Word document, or say clearly what it is instead."""
    path = Path(path)
    shown = str(path)
    try:
        with open(path, "rb") as handle:
            head = handle.read(8)
    except FileNotFoundError:
        raise PolicyError("Word ファイルがありません", file=shown,
                          hint="ファイルの名前と場所を確認してください") from None
    except IsADirectoryError:
        raise PolicyError("Word ファイルではなくフォルダです", file=shown,
                          hint=".docx ファイルを指定してください") from None
    if head == _OLE_MAGIC:
        raise _ole(path)
    if not zipfile.is_zipfile(path):
        raise PolicyError("Word 文書（.docx）ではありません（zip 形式でない）", file=shown,
                          hint=CONVERT_HINT)
    try:
        archive = zipfile.ZipFile(path)
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise PolicyError(f"Word ファイルが壊れています（{exc}）", file=shown, hint=CONVERT_HINT) from None
    if len(infos) > MEMBER_LIMIT:
        raise PolicyError(f"Word ファイルの部品が多すぎます（{len(infos)} 個）", file=shown,
                          hint=CONVERT_HINT)
    package = Package(path, archive)
    names = {i.filename for i in infos}
    main = _main_part(package, names)
    if main is None:
        archive.close()
        if any(n.startswith("xl/") for n in names):
            raise PolicyError("Excel のブックです（拡張子だけが .docx）", file=shown,
                              hint="Word 文書（.docx）を指定してください")
        if any(n.startswith("ppt/") for n in names):
            raise PolicyError("PowerPoint のファイルです（拡張子だけが .docx）", file=shown,
                              hint="Word 文書（.docx）を指定してください")
        raise PolicyError("Word 文書（.docx）ではありません（本文 word/document.xml がない）",
                          file=shown, hint=CONVERT_HINT)
    package.main = main
    return package


def _main_part(package: Package, names: set[str]) -> str | None:
    if "_rels/.rels" in names:
        for rel_type, target, external in package.relationships("").values():
            if rel_type == OFFICE_DOCUMENT and not external and target in names:
                return target if target.startswith("word/") or target.endswith("document.xml") \
                    else None
    return "word/document.xml" if "word/document.xml" in names else None


def _inside(folder: str, target: str, shown: str) -> str:
    """A relationship target as a part name; never a name outside the package."""
    name = posixpath.normpath(target.lstrip("/") if target.startswith("/")
                              else posixpath.join(folder, target))
    if name.startswith("../") or name == ".." or name.startswith("/"):
        raise PolicyError(f"Word ファイルの参照先がファイルの外を指しています（{target}）",
                          file=shown, hint=CONVERT_HINT)
    return name


def _parse(data: bytes, shown: str):
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise _doctype(shown)
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise PolicyError(f"XML が壊れています（{exc}）", file=shown, hint=CONVERT_HINT) from None
    if root.getroottree().docinfo.doctype:
        raise _doctype(shown)
    return root


def _doctype(shown):
    return PolicyError("XML に DOCTYPE（外部実体・実体の定義）があります。安全のため読みません",
                       file=shown, hint="Word で開いて保存し直したファイルを指定してください"
                                        "（Word が保存する .docx に DOCTYPE はありません）")


def _bomb(shown, member):
    return PolicyError(f"Word ファイルの部品 {member} が大きすぎるか、圧縮率が異常です"
                       f"（展開後 {PART_LIMIT // 2**20} MiB・全体 {TOTAL_LIMIT // 2**20} MiB・"
                       f"圧縮率 {RATIO_LIMIT} 倍まで。zip 爆弾の可能性）",
                       file=shown, hint="元の文書を Word で保存し直すか、文書を分けてください")


def _ole(path: Path) -> PolicyError:
    """An OLE compound file: a password-protected .docx or an old .doc."""
    with open(path, "rb") as handle:
        head = handle.read(1 << 20)
    if "EncryptionInfo".encode("utf-16-le") in head or \
            "EncryptedPackage".encode("utf-16-le") in head:
        return PolicyError("パスワードで保護（暗号化）された Word 文書は読めません", file=str(path),
                           hint="Word で「ファイル」→「情報」→「文書の保護」からパスワードを解除して"
                                "保存し直してください")
    return PolicyError("古い形式の Word 文書（.doc）か、Word 以外の Office ファイルです",
                       file=str(path), hint=CONVERT_HINT)
