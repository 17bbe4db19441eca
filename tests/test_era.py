"""和暦: formatting (era boundaries, 元年, month-only dates) and the one date
parser, which refuses era dates that do not exist."""
import datetime as dt

import pytest

from build_tools.era import NoSuchDate, PartialDate, parse, parse_date, wareki


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


# --- the one date parser -------------------------------------------------------

@pytest.mark.parametrize("text, message", [
    ("昭和64年12月1日", "昭和64年12月1日 はありません（昭和は 1926年12月25日〜1989年1月7日）"),
    ("令和元年4月1日", "令和元年4月1日 はありません（令和は 2019年5月1日〜）"),
    ("平成31年5月1日", "平成31年5月1日 はありません（平成は 1989年1月8日〜2019年4月30日）"),
    ("明治元年10月22日", "明治元年10月22日 はありません（明治は 1868年10月23日〜1912年7月29日）"),
    ("大正元年7月29日", "大正元年7月29日 はありません（大正は 1912年7月30日〜1926年12月24日）"),
    ("平成0年1月1日", "平成0年1月1日 はありません（平成は 1989年1月8日〜2019年4月30日）"),
    ("令和元年4月", "令和元年4月 はありません（令和は 2019年5月1日〜）"),
    ("令和元年４月１日", "令和元年４月１日 はありません（令和は 2019年5月1日〜）"),
    ("平成31年2月30日", "平成31年2月30日 はありません（2019年2月は28日まで）"),
    ("令和3年13月1日", "令和3年13月1日 はありません（月は1〜12）"),
])
def test_era_dates_that_do_not_exist_are_refused(text, message):
    for parser in (parse, parse_date):
        with pytest.raises(NoSuchDate) as caught:
            parser(text)
        assert str(caught.value) == message


@pytest.mark.parametrize("text, expected", [
    ("昭和64年1月7日", dt.date(1989, 1, 7)),
    ("平成元年1月8日", dt.date(1989, 1, 8)),
    ("令和元年5月1日", dt.date(2019, 5, 1)),
    ("平成31年4月30日", dt.date(2019, 4, 30)),
    ("令和1年5月1日", dt.date(2019, 5, 1)),
    ("令和元年５月１日", dt.date(2019, 5, 1)),
    ("平成２３年１１月２０日", dt.date(2011, 11, 20)),
    ("明治元年10月23日", dt.date(1868, 10, 23)),
    ("令和2年2月29日", dt.date(2020, 2, 29)),
    ("2011-11-20", dt.date(2011, 11, 20)),
    ("2011/11/20", dt.date(2011, 11, 20)),
    ("2011.11.20", dt.date(2011, 11, 20)),
    ("2011年11月20日", dt.date(2011, 11, 20)),
    ("２０１１／１１／２０", dt.date(2011, 11, 20)),
    (" 2011-11-20 ", dt.date(2011, 11, 20)),
    (dt.date(2011, 11, 20), dt.date(2011, 11, 20)),
])
def test_existing_dates_are_accepted(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("昭和64年1月", "平成元年1月"),  # the month both eras share is named by the later one
    ("平成元年1月", "平成元年1月"),
    ("平成24年2月", "平成24年2月"),
    ("２０１２－０２", "平成24年2月"),
])
def test_month_only_dates(text, expected):
    assert wareki(parse(text)) == expected


@pytest.mark.parametrize("bad", ["2011-11", "平成24年2月", "2019-02-30", "2011/13/01", "H23.11.20",
                                 "平成23年11月20", "", None])
def test_not_a_full_date(bad):
    with pytest.raises(ValueError) as caught:
        parse_date(bad)
    assert not isinstance(caught.value, NoSuchDate)
