"""Consultation records (パブリックコメントの記録): the metadata, the category
set and the opinions, with the schema every file is validated against.

Reading and writing the files is in records.py. One consultation per
revision, under `revisions/<ID>/`:

* `consultation.toml` — the draft's title, who could submit, the methods, the
  publication date, the provenance (real or sample) and optionally the
  draft's commit (`draft_ref`) for verifying change claims;
* `opinions.csv` — one opinion per row, UTF-8, the columns of `FIELDS`
  (Japanese headers, so staff can read and edit it in a spreadsheet).

The comment period itself is read from the revision's `[public_comment]`
table, so it is written in one place only.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .. import schema
from ..era import NoSuchDate, PartialDate, parse_date
from ..errors import PolicyError
from ..revisions import REVISIONS_DIR, Project, Revision
from ..schema import Key

CONSULTATION_FILE = "consultation.toml"
OPINIONS_FILE = "opinions.csv"
DEFAULT_CATEGORIES = "consultation/categories.toml"  # relative to revisions/
RECORD_KINDS = ("published", "sample")
YES = "はい"
WHOLE_DOCUMENT = "全体"  # shown for an opinion on the draft as a whole (empty section)


# --- the opinion schema ------------------------------------------------------

@dataclass(frozen=True)
class Field:
    name: str        # attribute of Opinion
    header: str      # column header in opinions.csv and the default import mapping
    required: bool
    what: str        # what belongs here, for messages


FIELDS = (
    Field("number", "番号", True, "意見の番号（1以上の整数、重複不可）"),
    Field("submitter", "提出者番号", True, "提出者の番号（数字のみ。氏名は書きません）"),
    Field("received", "受付日", True, "受付日（2011-11-20、2011/11/20 又は 平成23年11月20日）"),
    Field("method", "提出方法", True, "提出方法（consultation.toml の methods のいずれか）"),
    Field("section", "該当箇所", False, "本文のラベル（definition など。空欄は案全体）"),
    Field("summary", "意見の概要", True, "意見の概要"),
    Field("response", "市の考え方", False, "市の考え方"),
    Field("category", "区分", True, "反映区分（A など）"),
    Field("changed_section", "修正箇所", False, "案を修正した箇所のラベル（区分が案を修正したものの場合）"),
    Field("count_only", "件数のみ掲載", False, f"「{YES}」又は空欄"),
    Field("note", "注記", False, "内部の注記（公表しません）"),
)
FIELD_BY_NAME = {f.name: f for f in FIELDS}
HEADERS = tuple(f.header for f in FIELDS)


@dataclass(frozen=True)
class Opinion:
    """One opinion (意見) and the city's response (市の考え方)."""

    number: int
    submitter: int
    received: dt.date
    method: str
    section: str          # label of the revision's text; "" = the draft as a whole
    summary: str
    response: str
    category: str
    changed_section: str  # label the opinion changed ("" if none)
    count_only: bool      # published as a count only (案と直接関係しない意見)
    note: str
    line: int | None = field(default=None, compare=False)  # where it is written

    def as_row(self) -> dict[str, str]:
        """The opinion as canonical CSV cells (header -> text)."""
        return {
            "番号": str(self.number), "提出者番号": str(self.submitter),
            "受付日": self.received.isoformat(), "提出方法": self.method,
            "該当箇所": self.section, "意見の概要": self.summary, "市の考え方": self.response,
            "区分": self.category, "修正箇所": self.changed_section,
            "件数のみ掲載": YES if self.count_only else "", "注記": self.note,
        }


@dataclass(frozen=True)
class Category:
    code: str
    label: str
    changes_draft: bool = False
    count_only_allowed: bool = False


@dataclass(frozen=True)
class CategorySet:
    source: str
    categories: tuple[Category, ...]
    file: str

    def get(self, code: str) -> Category | None:
        return next((c for c in self.categories if c.code == code), None)

    @property
    def codes(self) -> list[str]:
        return [c.code for c in self.categories]


# --- text cells --------------------------------------------------------------

# C0/C1 control characters other than tab and newline cannot be written into
# XML (DOCX) or shown in HTML; they come from copy-and-paste, not from staff.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def clean_text(value) -> tuple[str, bool]:
    """A cell as text: stripped, newlines normalised, control characters
    replaced by a space. Returns (text, whether control characters were found)."""
    if value is None:
        return "", False
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        value = value.date() if value.time() == dt.time() else value
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value.isoformat(), False
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    found = bool(_CONTROL.search(text))
    text = _CONTROL.sub(" ", text)
    return text.strip(), found


def _positive_int(text: str) -> int:
    value = unicodedata.normalize("NFKC", text).strip()
    if not re.fullmatch(r"\d+", value) or int(value) < 1:
        raise ValueError(value)
    return int(value)


# --- validation of opinion rows ----------------------------------------------

@dataclass
class RowSource:
    """Where a row comes from, for messages: the file, the row's line (CSV)
    or row number (Excel), and how each column is named there."""

    file: str
    line: int
    columns: dict[str, str]  # field name -> "列「区分」" / "列「区分」（E列）"
    row: int | None = None   # CSV: the row Excel shows, when a cell spans lines

    @property
    def place(self) -> str:
        extra = f"（Excel では{self.row}行目）" if self.row and self.row != self.line else ""
        return f"{self.file}:{self.line}: {extra}"


class Problems(list):
    """Every problem of a file, collected so that staff fix them all at once."""

    def add(self, where: RowSource | None, column: str | None, message: str) -> None:
        place = where.place if where else ""
        col = f"{where.columns.get(column, column)}: " if where and column else ""
        self.append(f"{place}{col}{message}")

    def raise_if_any(self, file: str, intro: str, hint: str) -> None:
        if not self:
            return
        shown = "\n  ".join(self[:30])
        more = f"\n  …ほか {len(self) - 30} 件" if len(self) > 30 else ""
        raise PolicyError(f"{intro}（{len(self)} 件）:\n  {shown}{more}", file=file, hint=hint)


def parse_opinions(rows: list[tuple[RowSource, dict[str, object]]], *,
                   categories: CategorySet, methods: list[str],
                   problems: Problems) -> tuple[list[Opinion], list[str]]:
    """Validate raw rows (field name -> cell value) into opinions.

    Problems are added to `problems`; returns the opinions of the valid rows
    and notices (e.g. control characters replaced)."""
    opinions, notices, seen = [], [], {}
    for where, raw in rows:
        values, bad = {}, False
        for f in FIELDS:
            text, had_control = clean_text(raw.get(f.name))
            if had_control:
                notices.append(f"{where.place}{where.columns.get(f.name, f.name)}: "
                               "制御文字を空白に置き換えました")
            if f.required and not text:
                problems.add(where, f.name, f"空欄です（{f.what}）")
                bad = True
            values[f.name] = text
        if bad:
            continue
        try:
            values["number"] = _positive_int(values["number"])
        except ValueError:
            problems.add(where, "number", f"'{values['number']}' は番号ではありません（{FIELD_BY_NAME['number'].what}）")
            continue
        try:
            values["submitter"] = _positive_int(values["submitter"])
        except ValueError:
            problems.add(where, "submitter",
                         "提出者番号には数字だけを書いてください（氏名などの個人情報は取り込みません）")
            continue
        try:
            values["received"] = parse_date(values["received"])
        except NoSuchDate as exc:
            problems.add(where, "received", str(exc))
            continue
        except ValueError:
            problems.add(where, "received", f"'{values['received']}' は日付ではありません（{FIELD_BY_NAME['received'].what}）")
            continue
        if values["method"] not in methods:
            problems.add(where, "method", f"'{values['method']}' は提出方法にありません"
                         f"（使えるもの: {'・'.join(methods)}）")
            continue
        category = categories.get(values["category"])
        if category is None:
            problems.add(where, "category", f"'{values['category']}' は区分にありません"
                         f"（使える区分: {', '.join(categories.codes)}。{categories.file}）")
            continue
        count_only = values["count_only"]
        if count_only not in ("", YES):
            problems.add(where, "count_only", f"'{count_only}' は使えません（{YES} 又は空欄）")
            continue
        values["count_only"] = count_only == YES
        if values["count_only"] and not category.count_only_allowed:
            allowed = ", ".join(c.code for c in categories.categories if c.count_only_allowed)
            problems.add(where, "count_only", f"区分 {category.code} の意見は件数のみの掲載にできません"
                         f"（できる区分: {allowed or 'なし'}）")
            continue
        for name in ("section", "changed_section"):
            if values[name] and not re.fullmatch(r"[A-Za-z0-9][\w.-]*", values[name]):
                problems.add(where, name, f"'{values[name]}' はラベルの形ではありません"
                             "（本文の .. _definition: の definition のような英数字）")
                bad = True
        if bad:
            continue
        number = values["number"]
        if number in seen:
            problems.add(where, "number", f"番号 {number} が重複しています（{seen[number]} 行目と同じ）")
            continue
        seen[number] = where.line
        opinions.append(Opinion(**values, line=where.line))
    _check_methods(opinions, rows[0][0].file if rows else "", problems)
    return sorted(opinions, key=lambda o: o.number), notices


def _check_methods(opinions: list[Opinion], file: str, problems: Problems) -> None:
    """A submitter is counted under one method, so all their rows must agree."""
    first: dict[int, Opinion] = {}
    for op in opinions:
        other = first.setdefault(op.submitter, op)
        if other.method != op.method:
            problems.append(f"{file}:{op.line}: 提出者番号 {op.submitter} の提出方法が"
                            f" {other.line} 行目（{other.method}）と異なります（{op.method}）")


# --- files -------------------------------------------------------------------

PROVENANCE_KEYS = (
    Key("records", " / ".join(RECORD_KINDS), schema.choice(RECORD_KINDS)),
    Key("note", "記録の出典の説明（公表する頁に表示されます）", schema.text),
    Key("sample_notice", "見本であることの表示（records = \"sample\" のとき必須）", schema.text,
        required=False),
)
NOT_PERSONAL_KEYS = (
    Key("opinion", "意見の番号", schema.positive_integer),
    Key("text", "個人情報ではないと確かめた語（--check が示したとおり）", schema.text),
    Key("reason", "個人情報ではない理由（例: 歴史上の人物の名前）", schema.text),
)
CONSULTATION_KEYS = (
    Key("title", "意見を募集した案の名称", schema.text),
    Key("eligible", "意見を提出できる方", schema.text),
    Key("methods", "提出方法（文字列の配列）", schema.strings),
    Key("published", "実施結果の公表年月（2012-02 など）", schema.date),
    Key("categories", "区分のファイル（revisions/ からの相対パス）", schema.text, required=False),
    Key("draft_ref", "案の本文を収めた git コミット", schema.commit, required=False),
    Key("draft_comparison", "案と決定版の新旧対照表の頁（サイトの根からの相対パス）", schema.text,
        required=False),
    Key("provenance", "出典の節 [provenance]", schema.table(PROVENANCE_KEYS)),
    Key("not_personal", "人名と思われる語のうち、個人情報ではないと確かめたもの（[[not_personal]]）",
        schema.tables(NOT_PERSONAL_KEYS), required=False),
)
CATEGORY_KEYS = (
    Key("code", "区分の記号（A など）", schema.text),
    Key("label", "区分の説明", schema.text),
    Key("changes_draft", "案を修正した区分か（true / false）", schema.boolean, required=False),
    Key("count_only_allowed", "件数のみの掲載を認めるか（true / false）", schema.boolean,
        required=False),
)


@dataclass(frozen=True)
class Consultation:
    """A public comment (パブリックコメント) on the draft of one revision."""

    revision: Revision
    title: str
    eligible: str
    methods: list[str]
    published: PartialDate
    categories: CategorySet
    draft_ref: str | None
    draft_comparison: str | None
    provenance: dict
    opinions: list[Opinion]
    file: str           # revisions/<ID>/consultation.toml
    opinions_file: str  # revisions/<ID>/opinions.csv
    # (opinion number, text) of words staff confirmed are not personal data
    not_personal: tuple[tuple[int, str], ...] = ()

    @property
    def is_sample(self) -> bool:
        return self.provenance["records"] == "sample"

    @property
    def sample_notice(self) -> str | None:
        return self.provenance.get("sample_notice") if self.is_sample else None

    @property
    def period(self) -> tuple[dt.date, dt.date]:
        pc = self.revision.public_comment
        return pc["start"], pc["end"]


def folder(project: Project, rev_id: str) -> Path:
    return project.root / REVISIONS_DIR / rev_id


def has_consultation(project: Project, rev_id: str) -> bool:
    return (folder(project, rev_id) / CONSULTATION_FILE).is_file()
