"""Era dates (和暦): 平成24年2月, 令和元年5月1日.

Only the modern eras are needed for municipal documents; each starts on the
day its emperor acceded, so 平成31年4月30日 is followed by 令和元年5月1日.
"""
from __future__ import annotations

import datetime as _dt
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
        """Accept a TOML date, or a string 'YYYY-MM' / 'YYYY-MM-DD'."""
        if isinstance(value, _dt.datetime):
            value = value.date()
        if isinstance(value, _dt.date):
            return cls(value.year, value.month, value.day)
        if isinstance(value, str):
            parts = value.split("-")
            if len(parts) in (2, 3) and all(p.isdigit() for p in parts):
                nums = [int(p) for p in parts]
                try:
                    _dt.date(nums[0], nums[1], nums[2] if len(nums) == 3 else 1)
                except ValueError:
                    pass
                else:
                    return cls(*nums)
        raise ValueError(f"{value!r} は日付ではありません（YYYY-MM-DD か YYYY-MM で書いてください）")

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
