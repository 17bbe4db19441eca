"""The MANIFEST (TOML, read back by `policy verify`) and SHA256SUMS (for
`sha256sum -c`, without our tools) of an archive."""
from __future__ import annotations

import hashlib
import importlib.metadata
import json
import platform
import re
import subprocess
import tomllib
from pathlib import Path

from ..errors import PolicyError

MANIFEST = "MANIFEST"
SHA256SUMS = "SHA256SUMS"
MANIFEST_FORMAT = 1
# Distributions whose versions change outputs (recorded in the MANIFEST).
TOOLS = ("policy-pipeline", "sphinx", "docutils", "jinja2", "pygments", "python-docx",
         "lxml", "weasyprint", "pydyf", "fonttools", "pikepdf", "gitpython",
         "diff-match-patch", "openpyxl")
_BROKEN = "MANIFEST が壊れています。元のアーカイブから取り直してください"


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def tool_versions() -> dict:
    versions = {"python": platform.python_version()}
    for name in TOOLS:
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            pass
    try:
        versions["git"] = subprocess.run(["git", "--version"], capture_output=True, text=True,
                                         check=True).stdout.split()[-1]
    except (OSError, subprocess.CalledProcessError):
        pass
    return versions


def listing(folder: Path) -> list[dict]:
    """Path, size and SHA-256 of every file in `folder` but the MANIFEST's own."""
    files = []
    for path in sorted(folder.rglob("*"), key=lambda p: p.relative_to(folder).as_posix()):
        rel = path.relative_to(folder).as_posix()
        if path.is_file() and rel not in (MANIFEST, SHA256SUMS):
            files.append({"path": rel, "size": path.stat().st_size, "sha256": sha256(path)})
    return files


def _toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)  # a valid TOML basic string


def _key(name: str) -> str:
    return name if re.fullmatch(r"[A-Za-z0-9_-]+", name) else json.dumps(name)


def _toml_table(values: dict) -> str:
    return "".join(f"{_key(k)} = {_toml_value(v)}\n" for k, v in values.items())


def write_manifest(folder: Path, meta: dict) -> None:
    """Write MANIFEST and SHA256SUMS of `folder`; `meta` has the tables
    release, tools and the list fonts."""
    files = listing(folder)
    text = ("# 公開版アーカイブの目録（MANIFEST）。`policy verify` で検証できます。\n"
            "# 各ファイルの SHA-256 は SHA256SUMS にもあり、`sha256sum -c SHA256SUMS` でも確認できます。\n"
            + _toml_table(meta["release"])
            + "\n[tools]\n" + _toml_table(meta["tools"]))
    for font in meta["fonts"]:
        text += "\n[[fonts]]\n" + _toml_table(font)
    for entry in files:
        text += "\n[[files]]\n" + _toml_table(entry)
    (folder / MANIFEST).write_text(text, encoding="utf-8")
    (folder / SHA256SUMS).write_text(
        "".join(f"{e['sha256']}  {e['path']}\n" for e in files), encoding="utf-8")


def read_manifest(folder: Path) -> dict:
    path = folder / MANIFEST
    shown = str(path)
    if not path.is_file():
        raise PolicyError("MANIFEST がありません", file=shown,
                          hint="`policy release ID` で作ったアーカイブのフォルダを指定してください")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise PolicyError(f"MANIFEST を読めません: {exc}", file=shown, hint=_BROKEN) from None
    for key, kind in (("revision", str), ("text_commit", str), ("repo_commit", str),
                      ("formats", list)):
        if not isinstance(data.get(key), kind):
            raise PolicyError(f"MANIFEST のキー '{key}' がないか、形が違います", file=shown,
                              hint=_BROKEN)
    data.setdefault("files", [])
    for number, entry in enumerate(data["files"], 1):
        if not (isinstance(entry, dict) and isinstance(entry.get("path"), str)
                and isinstance(entry.get("sha256"), str) and isinstance(entry.get("size"), int)):
            raise PolicyError(f"MANIFEST の {number} 番目の [[files]] に path・sha256・size がそろっていません",
                              file=shown, hint=_BROKEN)
    return data
