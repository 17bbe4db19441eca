"""Settings of the comparison table (新旧対照表), with the common defaults
(CONVENTIONS.md §1). Staff override them in `revisions/comparison.toml`;
CLI flags override the file."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from ..errors import PolicyError

SETTINGS_FILE = "revisions/comparison.toml"


@dataclass(frozen=True)
class Settings:
    new_column: str = "left"                 # 改正後 on the left (most municipalities)
    headers_adopted: tuple = ("改正後", "改正前")
    headers_draft: tuple = ("改正案", "現行")
    draft: bool | None = None                # None: decided by the new side
    added_note: str = "（新設）"
    deleted_note: str = "（削る）"
    show_added_deleted_notes: bool = True
    underline_note: str = "（傍線部分は改正部分）"
    show_underline_note: bool = True
    moved_note: str = "（二重傍線部分は、移動又は番号の変更があった見出し）"
    omitted: str = "略"
    full: bool = False                       # show unchanged sections and paragraphs
    title: str = "新旧対照表"

    def replace(self, **changes) -> "Settings":
        return dataclasses.replace(self, **{k: v for k, v in changes.items() if v is not None})


_KEYS = {f.name: f.type for f in dataclasses.fields(Settings)}


def load_settings(root: Path | None) -> Settings:
    """Settings from `revisions/comparison.toml` if the project has one."""
    if root is None or not (Path(root) / SETTINGS_FILE).exists():
        return Settings()
    from ..schema import line_of, read_toml
    path = Path(root) / SETTINGS_FILE
    data, text = read_toml(path, Path(root))
    table = data.get("comparison", data)
    if not isinstance(table, dict):
        raise PolicyError("[comparison] は節（テーブル）として書いてください", file=SETTINGS_FILE,
                          line=line_of(text, "comparison", None),
                          hint="[comparison] の行の下に 名前 = 値 を並べます")
    values = {}
    for key, value in table.items():
        if key not in _KEYS or key in ("draft", "full"):
            raise PolicyError(f"キー '{key}' は使えません", file=SETTINGS_FILE,
                              line=line_of(text, key, "comparison" if "comparison" in data else None),
                              hint="使えるキー: " + ", ".join(
                                  k for k in _KEYS if k not in ("draft", "full")))
        default = getattr(Settings(), key)
        if key == "new_column" and value not in ("left", "right"):
            raise PolicyError("new_column には \"left\" か \"right\" を書いてください",
                              file=SETTINGS_FILE, line=line_of(text, key, "comparison"))
        if isinstance(default, tuple):
            if not (isinstance(value, list) and len(value) == 2
                    and all(isinstance(v, str) for v in value)):
                raise PolicyError(f"{key} には [\"新\", \"旧\"] のような文字列2つの配列を書いてください",
                                  file=SETTINGS_FILE, line=line_of(text, key, "comparison"))
            value = tuple(value)
        elif not isinstance(value, type(default)):
            raise PolicyError(f"{key} の値の型が違います（{type(default).__name__} を書いてください）",
                              file=SETTINGS_FILE, line=line_of(text, key, "comparison"))
        values[key] = value
    return Settings(**values)
