"""The schema of the project's TOML files: keys, value checks and validation.

A file's schema is a tuple of `Key`s. Each key names a check: a callable that
takes the value read from TOML and returns it converted, or raises ValueError
saying what the user should write instead ("空でない文字列"). `validate` turns
every problem into a PolicyError naming the file, the line and the key, so a
user can find and fix it; `read_toml` reads a file with the same care.

Used by the revision metadata (revisions.py) and the consultation records
(consultation/model.py).
"""
from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from .era import FIRST_DAY, NoSuchDate, PartialDate, wareki
from .errors import PolicyError


@dataclass(frozen=True)
class Key:
    """One key of a TOML table: its type, whether it is required, and what a
    user should write (used in error messages)."""

    name: str
    expected: str
    check: object  # callable(value) -> converted value, raising ValueError
    required: bool = True


# --- checks --------------------------------------------------------------------

def text(value):
    """A non-empty string, stripped."""
    if not isinstance(value, str) or not value.strip():
        raise ValueError("空でない文字列")
    return value.strip()


def choice(options):
    """A check accepting one of `options` exactly."""
    def check(value):
        if value not in options:
            raise ValueError(" / ".join(options) + " のいずれか")
        return value
    return check


def date(value):
    """A date to the day or to the month that an era can name (明治以降), as a
    PartialDate. An era date that does not exist (令和元年4月1日) raises
    NoSuchDate, whose message `validate` shows as it is."""
    try:
        parsed = PartialDate.parse(value)
        wareki(parsed)  # only dates an era can name (明治以降)
        return parsed
    except NoSuchDate:
        raise
    except ValueError:
        raise ValueError("日付（明治以降、2012-02-01 または 2012-02）") from None


def full_date(value):
    """A TOML date (written without quotes), 明治以降."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime) \
            and value >= FIRST_DAY:
        return value
    raise ValueError("年月日（2011-11-16 のように引用符なしで）")


def commit(value):
    """A git commit hash, abbreviated or full."""
    if isinstance(value, str) and re.fullmatch(r"[0-9a-f]{7,40}", value):
        return value
    raise ValueError("git のコミットハッシュ（16進数 7〜40桁）")


def strings(value):
    """An array of strings, as a list."""
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return list(value)
    raise ValueError("文字列の配列")


def url(value):
    """An address on the web (https:// or http://)."""
    if isinstance(value, str) and re.fullmatch(r"https?://\S+", value.strip()):
        return value.strip()
    raise ValueError("https:// で始まる URL")


def links(value):
    """A table of names and their URLs (「トップページ」 = "https://…/")."""
    if isinstance(value, dict) and all(isinstance(k, str) for k in value):
        try:
            return {name: url(address) for name, address in value.items()}
        except ValueError:
            pass
    raise ValueError("名前 = \"https://…\" の表")


def boolean(value):
    """true or false."""
    if isinstance(value, bool):
        return value
    raise ValueError("true 又は false")


def positive_integer(value):
    """An integer of 1 or more."""
    if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
        return value
    raise ValueError("1以上の整数")


def tables(keys):
    """A check accepting an array of tables ([[name]] sections), each with the
    keys `keys`; `validate` checks every one."""
    def check(value):
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise ValueError("表の配列（[[名前]] の節）")
        return value
    check.keys = keys
    check.many = True
    return check


def table(keys):
    """A check accepting a table ([name] section) whose own keys are `keys`;
    `validate` checks them in turn."""
    def check(value):
        if not isinstance(value, dict):
            raise ValueError("テーブル（[名前] の節）")
        return value
    check.keys = keys
    return check


# --- files ---------------------------------------------------------------------

def line_of(text: str, key: str, table: str | None) -> int | None:
    """The line where `key` is written (inside [table] if given), for messages."""
    in_table = table is None
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith("["):
            in_table = stripped.strip("[] ") == table
            if table and in_table and key == table:
                return number
            continue
        if in_table and re.match(rf"{re.escape(key)}\s*=", stripped):
            return number
    return None


def validate(data: dict, keys: tuple[Key, ...], *, file: str, text: str,
             table: str | None = None) -> dict:
    """Check `data` against `keys`; return the converted values.

    Every problem is a PolicyError naming the file, the line, the key and what
    is expected there."""
    prefix = f"[{table}] の" if table else ""
    known = {k.name for k in keys}
    for name in data:
        if name not in known:
            raise PolicyError(
                f"{prefix}キー '{name}' は使えません", file=file,
                line=line_of(text, name, table),
                hint="使えるキー: " + ", ".join(sorted(known)))
    result = {}
    for key in keys:
        if key.name not in data:
            if key.required:
                raise PolicyError(
                    f"{prefix}キー '{key.name}' がありません（{key.expected}）",
                    file=file, hint=f"{key.name} = … を書き加えてください")
            result[key.name] = None
            continue
        value = data[key.name]
        try:
            converted = key.check(value)
        except NoSuchDate as exc:
            raise PolicyError(
                f"{prefix}キー '{key.name}': {exc}", file=file,
                line=line_of(text, key.name, table),
                hint="実在する日付を、和暦ならその元号の期間内で、"
                     "又は西暦（2019-05-01 など）で書いてください") from None
        except ValueError as exc:
            raise PolicyError(
                f"{prefix}キー '{key.name}' には {exc} を書いてください"
                f"（書かれている値: {value!r}）",
                file=file, line=line_of(text, key.name, table)) from None
        sub_keys = getattr(key.check, "keys", None)
        if sub_keys and getattr(key.check, "many", False):
            converted = [validate(item, sub_keys, file=file, text=text, table=key.name)
                         for item in converted]
        elif sub_keys:
            converted = validate(converted, sub_keys, file=file, text=text, table=key.name)
        result[key.name] = converted
    return result


def read_toml(path: Path, root: Path) -> tuple[dict, str]:
    """The data and the text of a TOML file (the text for `line_of`); a file
    that cannot be read or parsed is a PolicyError naming it (relative to
    `root`) and the line."""
    rel = path.relative_to(root).as_posix()
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise PolicyError("UTF-8 で読めません", file=rel,
                          hint="ファイルを UTF-8 で保存し直してください") from None
    except OSError as exc:
        raise PolicyError(f"読めません（{exc.strerror}）", file=rel) from None
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        line = int(match.group(1)) if match else None
        reason = re.sub(r"\s*\(at line.*\)", "", str(exc))
        raise PolicyError(f"TOML の書き方に誤りがあります: {reason}", file=rel, line=line,
                          hint="引用符・括弧・= の対応を確認してください") from None
