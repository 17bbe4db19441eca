"""Era dates (和暦): 平成24年2月, 令和元年5月1日 — formatting and the one
date parser of the project.

Only the modern eras are needed for municipal documents; each starts on the
day its emperor acceded, so 平成31年4月30日 is followed by 令和元年5月1日.
An era date outside its era's span (昭和64年12月1日, 令和元年4月1日) is
refused, not silently moved into the next era.
"""
from __future__ import annotations

import calendar
import datetime as _dt
import re
import unicodedata
from dataclasses import dataclass

ERAS = (  # (name, first day), newest first
    ("令和", _dt.date(2019, 5, 1)),
    ("平成", _dt.date(1989, 1, 8)),
    ("昭和", _dt.date(1926, 12, 25)),
    ("大正", _dt.date(1912, 7, 30)),
    ("明治", _dt.date(1868, 10, 23)),
)


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the day or only to the month (「平成24年2月」)."""

    year: int
    month: int
    day: int | None = None

    @classmethod
    def parse(cls, value: object) -> "PartialDate":
        """A date to the day or to the month; see `parse` for what is accepted."""
        return parse(value)

    def first_day(self) -> _dt.date:
        return _dt.date(self.year, self.month, self.day or 1)

    def iso(self) -> str:
        return f"{self.year:04d}-{self.month:02d}" + (f"-{self.day:02d}" if self.day else "")


def era_year(date: _dt.date) -> tuple[str, int]:
    """The era and the year within it of a full date."""
    for name, start in ERAS:
        if date >= start:
            return name, date.year - start.year + 1
    raise ValueError(f"{date} は明治より前の日付です")


def wareki(value: _dt.date | PartialDate, *, western: bool = False) -> str:
    """Format a date in 和暦: 平成24年2月, 令和元年5月1日, or with the Western
    year in parentheses (平成29（2017）年1月) where a house rule wants it."""
    if isinstance(value, PartialDate):
        day, date = value.day, value.first_day()
        if day is None:
            # A month-only date in the month an era began (1989-01, 2019-05)
            # belongs to the era of the month's last day.
            next_month = _dt.date(date.year + date.month // 12, date.month % 12 + 1, 1)
            date = next_month - _dt.timedelta(days=1)
    else:
        day, date = value.day, value
    name, year = era_year(date)
    year_text = "元" if year == 1 else str(year)
    if western:
        year_text += f"（{date.year}）"
    text = f"{name}{year_text}年{date.month}月"
    return text + (f"{day}日" if day else "")


# --- parsing -----------------------------------------------------------------

FIRST_DAY = ERAS[-1][1]  # the first day an era of the table names (明治元年10月23日)

_SPANS = {  # era -> (first day, last day or None for the current era)
    name: (start, ERAS[i - 1][1] - _dt.timedelta(days=1) if i else None)
    for i, (name, start) in enumerate(ERAS)
}
_ERA_NAMES = "|".join(name for name, _ in ERAS)
_ISO = re.compile(r"(\d{4})-(\d{1,2})(?:-(\d{1,2}))?")
_SEPARATED = re.compile(r"(\d{4})([/.])(\d{1,2})\2(\d{1,2})")
_WESTERN = re.compile(r"(\d{4})年(\d{1,2})月(?:(\d{1,2})日)?")
_ERA = re.compile(rf"({_ERA_NAMES})(元|\d{{1,2}})年(\d{{1,2}})月(?:(\d{{1,2}})日)?")


class NoSuchDate(ValueError):
    """A well-formed era date that does not exist: outside its era's span
    (昭和64年12月1日) or an impossible day (平成31年2月30日). The message is
    complete in itself and meant for the user."""


def _japanese(date: _dt.date) -> str:
    return f"{date.year}年{date.month}月{date.day}日"


def era_span(name: str) -> str:
    """The span of an era in words: 昭和は 1926年12月25日〜1989年1月7日."""
    first, last = _SPANS[name]
    return f"{name}は {_japanese(first)}〜{_japanese(last) if last else ''}"


def _era_date(text: str, name: str, number: str, month: int, day: int | None) -> PartialDate:
    """The date an era date names, refused with NoSuchDate if it does not exist."""
    first, last = _SPANS[name]
    year = first.year + (1 if number == "元" else int(number)) - 1
    if not 1 <= month <= 12:
        raise NoSuchDate(f"{text} はありません（月は1〜12）")
    days = calendar.monthrange(year, month)[1]
    if day is not None and not 1 <= day <= days:
        raise NoSuchDate(f"{text} はありません（{year}年{month}月は{days}日まで）")
    # A month-only date exists if any day of the month lies within the era.
    earliest, latest = _dt.date(year, month, day or 1), _dt.date(year, month, day or days)
    if latest < first or (last is not None and earliest > last):
        raise NoSuchDate(f"{text} はありません（{era_span(name)}）")
    return PartialDate(year, month, day)


def parse(value: object) -> PartialDate:
    """The one date parser: a date known to the day or to the month.

    Accepts a date object (TOML, Excel), or text in full- or half-width
    digits: 2012-02-01 / 2012-02, 2011/11/20, 2011.11.20, 2011年11月20日 /
    2011年11月, and era dates 平成23年11月20日 / 平成24年2月 (元年 too).
    An era date must lie within its era (see `NoSuchDate`); a Western date
    only has to exist. Anything else raises ValueError."""
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, _dt.date):
        return PartialDate(value.year, value.month, value.day)
    if isinstance(value, str):
        shown = value.strip()
        text = unicodedata.normalize("NFKC", value).strip()
        m = _ERA.fullmatch(text)
        if m:
            name, number, month, day = m.groups()
            return _era_date(shown, name, number, int(month), day and int(day))
        m = _ISO.fullmatch(text) or _WESTERN.fullmatch(text)
        parts = m.groups() if m else None
        if parts is None:
            m = _SEPARATED.fullmatch(text)
            parts = m and (m.group(1), m.group(3), m.group(4))
        if parts:
            year, month, day = (int(p) if p else None for p in parts)
            try:
                _dt.date(year, month, day or 1)
            except ValueError:
                pass
            else:
                return PartialDate(year, month, day)
    raise ValueError(f"{value!r} は日付ではありません（YYYY-MM-DD か YYYY-MM で書いてください）")


def parse_date(value: object) -> _dt.date:
    """A date to the day (2011-11-20, 2011/11/20, 平成23年11月20日, …): `parse`
    without the month-only forms."""
    date = parse(value)
    if date.day is None:
        raise ValueError(f"{value!r} は日付ではありません（日まで書いてください）")
    return date.first_day()
