"""Settings of the 公用文 checker: `revisions/lint.toml`, validated with the
project's TOML schema (build_tools/schema.py); CLI flags override the file.

    [lint]
    profile = "記録・公開資料"      # 法令 / 告示・通知 / 記録・公開資料 / 解説・広報
    touten = "、"                  # or "，" (横書き, by the city's rule)
    writing = "横書き"              # or "縦書き": 漢数字 stay
    digits = "半角"                 # or "全角": the width of 算用数字
    heading_scheme = ["第1", "1", "(1)", "ア", "(ア)", "a", "(a)"]
    allowed_words = ["茅ヶ崎"]       # proper nouns outside the 常用漢字表
    disable = []                   # rule ids not checked
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from ..errors import PolicyError
from ..schema import Key, choice, line_of, read_toml, strings, table, validate
from .rules import PROFILES, RULES

SETTINGS_FILE = "revisions/lint.toml"
SCHEME = ("第1", "1", "(1)", "ア", "(ア)", "a", "(a)")


@dataclass(frozen=True)
class Settings:
    profile: str = "記録・公開資料"
    touten: str = "、"
    writing: str = "横書き"
    digits: str = "半角"
    heading_scheme: tuple = SCHEME
    allowed_words: tuple = ()
    disable: tuple = ()

    def replace(self, **changes) -> "Settings":
        return dataclasses.replace(self, **{k: v for k, v in changes.items() if v is not None})


def _scheme(value):
    items = strings(value)
    from .headings import kind_of
    bad = [item for item in items if kind_of(item) is None]
    if not items or bad:
        raise ValueError("見出し番号の形の配列（\"第1\", \"1\", \"(1)\", \"ア\", \"(ア)\", \"a\", \"(a)\" から）")
    return tuple(items)


_KEYS = (
    Key("profile", "文書の種類", choice(PROFILES), required=False),
    Key("touten", "読点", choice(("、", "，")), required=False),
    Key("writing", "横書き／縦書き", choice(("横書き", "縦書き")), required=False),
    Key("digits", "算用数字の幅", choice(("半角", "全角")), required=False),
    Key("heading_scheme", "見出し番号の階層", _scheme, required=False),
    Key("allowed_words", "許可する語", strings, required=False),
    Key("disable", "使わない規則", strings, required=False),
)


def load_settings(root: Path | None) -> Settings:
    """Settings from `revisions/lint.toml` if the project has one."""
    if root is None or not (Path(root) / SETTINGS_FILE).exists():
        return Settings()
    path = Path(root) / SETTINGS_FILE
    data, text = read_toml(path, Path(root))
    values = validate(data, (Key("lint", "[lint] の節", table(_KEYS)),),
                      file=SETTINGS_FILE, text=text)["lint"]
    for rule_id in values.get("disable") or ():
        if rule_id not in RULES:
            raise PolicyError(f"[lint] の disable に知らない規則 '{rule_id}' があります",
                              file=SETTINGS_FILE, line=line_of(text, "disable", "lint"),
                              hint="使える規則: " + ", ".join(RULES))
    values = {k: (tuple(v) if isinstance(v, list) else v) for k, v in values.items()
              if v is not None}
    return Settings(**values)
