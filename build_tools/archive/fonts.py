"""The fonts an archive's .pdf and .docx files use, each with its file and
SHA-256 for the MANIFEST. A font name that no installed file provides stops
the release: a MANIFEST must not list a font it cannot pin."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

from ..errors import PolicyError
from .manifest import sha256


def font_names(path: Path) -> set[str]:
    """Font names a PDF embeds or a DOCX's runs and styles name (w:rFonts)."""
    names = set()
    if path.suffix == ".pdf":
        import pikepdf
        with pikepdf.open(path) as pdf:
            for obj in pdf.objects:
                if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/FontDescriptor":
                    names.add(re.sub(r"^[A-Z]{6}\+", "", str(obj.get("/FontName"))[1:]))
    elif path.suffix == ".docx":
        from ..writers.docx.ooxml import font_names as docx_font_names
        names = docx_font_names(path)
    return names


def font_file(name: str) -> Path | None:
    """The installed file of font `name` (fontconfig), or None when only a
    fallback would be used."""
    try:
        out = subprocess.run(["fc-match", "-f", "%{family}\n%{postscriptname}\n%{file}", name],
                             capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    families, postscript, file = (out.split("\n") + ["", "", ""])[:3]
    known = {f.strip().lower().replace(" ", "") for f in families.split(",")}
    known.add(postscript.strip().lower())
    return Path(file).resolve() if name.lower().replace(" ", "") in known else None


def fonts_used(folder: Path) -> list[dict]:
    """[{name, file, sha256}] of every font the folder's .pdf/.docx files
    name, sorted by name; PolicyError when a name has no installed file."""
    named_in: dict[str, list[str]] = {}
    for path in sorted(folder.rglob("*")):
        if path.suffix in (".pdf", ".docx") and path.is_file():
            for name in font_names(path):
                named_in.setdefault(name, []).append(path.relative_to(folder).as_posix())
    fonts, missing = [], []
    for name in sorted(named_in):
        file = font_file(name)
        if file is None or not file.is_file():
            missing.append(f"{name}（{', '.join(named_in[name])}）")
        else:
            fonts.append({"name": name, "file": str(file), "sha256": sha256(file)})
    if missing:
        raise PolicyError(
            "次のフォントのファイルが見つからないため、MANIFEST にフォントを記録できません: "
            + "、".join(missing),
            hint="出力が使うフォントは IPAex明朝・IPAexゴシック（Debian の fonts-ipaexfont）だけに"
                 "してください。Word の様式は templates/reference.docx（`make reference-docx` で"
                 "作り直せます）にあります")
    return fonts
