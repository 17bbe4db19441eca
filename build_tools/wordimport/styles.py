"""Paragraph styles of a Word document (様式) and what they say about a
paragraph: its heading level and its numbering.

A heading level comes from, in order: the paragraph's own outline level,
its style's (following w:basedOn), a style named `heading N` (or 見出し N),
and last the style map the user can edit (TOML: `[headings]` style name →
level, `skip = [style names]`).
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import PolicyError
from .package import number, w

BODY_LEVEL = 9          # w:outlineLvl 9: body text
_HEADING_NAME = re.compile(r"^(?:heading|見出し)\s*([1-9])$", re.I)
_TOC_NAME = re.compile(r"^(?:toc\s*[1-9]|toc heading|目次\s*[1-9]?|目次の見出し)$", re.I)


@dataclass
class StyleMap:
    """The user's own style names: which are headings, which are dropped."""

    headings: dict[str, int] = field(default_factory=dict)
    skip: set[str] = field(default_factory=set)
    # Short paragraphs that start with a typed number (第1, 1, (1), ア) are
    # headings, a level per kind of number in the order the kinds appear.
    typed_headings: bool = False

    @classmethod
    def load(cls, path: Path | None) -> "StyleMap":
        if path is None:
            return cls()
        shown = str(path)
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise PolicyError("様式の対応表がありません", file=shown,
                              hint="--style-map に TOML ファイルのパスを指定してください") from None
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise PolicyError(f"様式の対応表を読めません（{exc}）", file=shown,
                              hint="UTF-8 の TOML で [headings] の下に \"様式名\" = 見出しの段数 と書いてください") from None
        headings = data.get("headings", {})
        skip = data.get("skip", [])
        typed = data.get("typed_headings", False)
        if not isinstance(typed, bool):
            raise PolicyError("typed_headings は true か false です", file=shown,
                              hint="例: typed_headings = true")
        if not isinstance(headings, dict) or not all(
                isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= 9 for v in headings.values()):
            raise PolicyError("[headings] の値は見出しの段数（1〜9、本文は 0）です", file=shown,
                              hint='例: [headings] の下に "章見出し" = 1')
        if not isinstance(skip, list) or not all(isinstance(s, str) for s in skip):
            raise PolicyError("skip は様式名の配列です", file=shown, hint='例: skip = ["表紙"]')
        return cls({str(k).lower(): v for k, v in headings.items()}, {s.lower() for s in skip}, typed)


@dataclass
class Style:
    id: str
    name: str
    kind: str
    based_on: str | None
    outline: int | None
    num_id: str | None
    ilvl: int | None


class Styles:
    """styles.xml, looked up by style id."""

    def __init__(self, root, style_map: StyleMap | None = None):
        self.by_id: dict[str, Style] = {}
        self.default: str | None = None
        self.style_map = style_map or StyleMap()
        for el in (root.iter(w("style")) if root is not None else ()):
            sid = el.get(w("styleId"), "")
            name_el = el.find(w("name"))
            based = el.find(w("basedOn"))
            ppr = el.find(w("pPr"))
            outline = num_id = ilvl = None
            if ppr is not None:
                lvl = ppr.find(w("outlineLvl"))
                outline = number(lvl.get(w("val")), None, 0, 9) if lvl is not None else None
                num = ppr.find(w("numPr"))
                if num is not None:
                    num_id = _val(num.find(w("numId")))
                    ilvl = number(_val(num.find(w("ilvl"))), None, 0, 8)
            style = Style(sid, name_el.get(w("val"), sid) if name_el is not None else sid,
                          el.get(w("type"), "paragraph"),
                          based.get(w("val")) if based is not None else None, outline, num_id, ilvl)
            self.by_id[sid] = style
            if el.get(w("default")) in ("1", "true", "on") and style.kind == "paragraph":
                self.default = sid

    def chain(self, style_id: str | None):
        """The style and those it is based on, nearest first (no loops)."""
        seen = set()
        sid = style_id or self.default
        while sid and sid in self.by_id and sid not in seen:
            seen.add(sid)
            yield self.by_id[sid]
            sid = self.by_id[sid].based_on

    def name(self, style_id: str | None) -> str:
        style = self.by_id.get(style_id or self.default or "")
        return style.name if style else (style_id or "")

    def heading_level(self, style_id: str | None, own_outline: int | None) -> int:
        """1… for a heading, 0 for body text."""
        if own_outline is not None:
            return own_outline + 1 if own_outline < BODY_LEVEL else 0
        for style in self.chain(style_id):
            if style.outline is not None:
                return style.outline + 1 if style.outline < BODY_LEVEL else 0
        for style in self.chain(style_id):
            match = _HEADING_NAME.match(style.name.strip())
            if match:
                return int(match.group(1))
        for style in self.chain(style_id):
            if style.name.lower() in self.style_map.headings:
                return self.style_map.headings[style.name.lower()]
        return 0

    def is_title(self, style_id: str | None) -> bool:
        return any(s.name.lower() in ("title", "表題") for s in self.chain(style_id))

    def is_skipped(self, style_id: str | None) -> bool:
        """A table of contents entry, or a style the user maps to nothing."""
        return any(_TOC_NAME.match(s.name.strip()) or s.name.lower() in self.style_map.skip
                   for s in self.chain(style_id))

    def is_caption(self, style_id: str | None) -> bool:
        return any(s.name.lower() in ("caption", "図表番号") for s in self.chain(style_id))

    def numbering(self, style_id: str | None) -> tuple[str | None, int | None]:
        """(numId, ilvl) a paragraph of this style has from the style itself."""
        for style in self.chain(style_id):
            if style.num_id is not None:
                return style.num_id, style.ilvl
        return None, None


def _val(el):
    return el.get(w("val")) if el is not None else None
