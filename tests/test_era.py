"""和暦 formatting: era boundaries, 元年, month-only dates."""
import datetime as dt

import pytest

from build_tools.era import PartialDate, wareki


@pytest.mark.parametrize("date, expected", [
    (dt.date(2019, 4, 30), "平成31年4月30日"),
    (dt.date(2019, 5, 1), "令和元年5月1日"),
    (dt.date(2020, 1, 1), "令和2年1月1日"),
    (dt.date(1989, 1, 7), "昭和64年1月7日"),
    (dt.date(1989, 1, 8), "平成元年1月8日"),
    (dt.date(2011, 11, 16), "平成23年11月16日"),
    (dt.date(1926, 12, 25), "昭和元年12月25日"),
    (dt.date(1912, 7, 30), "大正元年7月30日"),
])
def test_full_dates(date, expected):
    assert wareki(date) == expected


@pytest.mark.parametrize("text, expected", [
    ("2012-02", "平成24年2月"),
    ("2017-01", "平成29年1月"),
    ("2023-04", "令和5年4月"),
    ("2019-05", "令和元年5月"),   # the month an era began belongs to the new era
    ("2019-04", "平成31年4月"),
    ("2019-05-01", "令和元年5月1日"),
])
def test_partial_dates(text, expected):
    assert wareki(PartialDate.parse(text)) == expected


def test_western_year_in_parentheses():
    assert wareki(PartialDate.parse("2017-01"), western=True) == "平成29（2017）年1月"


@pytest.mark.parametrize("bad", ["2012/02", "2012-13", "2012-02-30", "", "H24", 2012])
def test_bad_dates_are_refused(bad):
    with pytest.raises(ValueError):
        PartialDate.parse(bad)
