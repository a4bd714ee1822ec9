"""Calendar helpers: year inference with weekday narrowing, weekday resolution, ISO formatting."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from flashpoint import calendar as cal


def test_infer_year_takes_latest_year_not_after_reference() -> None:
    assert cal.infer_year(3, 14, dt.date(2026, 5, 1)) == 2026
    assert cal.infer_year(12, 24, dt.date(2026, 5, 1)) == 2025


def test_infer_year_weekday_narrows_candidates() -> None:
    # 29 October was a Wednesday in 2025 and 2014 (not in 2026)
    assert cal.infer_year(10, 29, dt.date(2026, 11, 21), weekday=2) == 2025
    assert cal.infer_year(10, 29, dt.date(2025, 1, 1), weekday=2) == 2014


def test_infer_year_impossible_date() -> None:
    assert cal.infer_year(2, 30, dt.date(2026, 1, 1)) is None


def test_nearest_year_and_tense() -> None:
    anchor = dt.date(1999, 12, 3)
    assert cal.nearest_year(4, None, anchor) == 2000
    assert cal.nearest_year(11, 20, anchor) == 1999
    assert cal.nearest_year(12, 20, dt.date(2001, 10, 27)) == 2001
    assert cal.nearest_year(1, 2, dt.date(2022, 12, 15)) == 2023
    assert cal.nearest_year(9, 1, dt.date(2010, 8, 20), tense="future") == 2010


def test_weekday_on_or_before_includes_same_day() -> None:
    wednesday = dt.date(2025, 10, 29)
    assert cal.weekday_on_or_before(wednesday, 2) == wednesday
    assert cal.weekday_on_or_before(wednesday, 0) == dt.date(2025, 10, 27)
    assert cal.weekday_on_or_before(wednesday, 4) == dt.date(2025, 10, 24)
    assert cal.weekday_on_or_after(wednesday, 3) == dt.date(2025, 10, 30)


def test_formatting() -> None:
    assert cal.iso_week(dt.date(2024, 1, 1)) == "2024-W01"
    assert cal.iso_quarter(2024, 3) == "2024-Q3"
    assert cal.decade_value(1994) == "199X"
    assert cal.shift_months(dt.date(2024, 1, 10), -1) == (2023, 12)
    assert cal.shift_quarter(2024, 1, -1) == (2023, 4)
    assert cal.format_partial(cal.PartialDate(2022, 12)) == "2022-12"
    assert cal.format_partial(cal.PartialDate(None, 12, 1)) is None


def test_parse_partial_forms() -> None:
    assert cal.parse_partial("Oct 29") == cal.PartialDate(None, 10, 29)
    assert cal.parse_partial("(Sept. 1. 2011)") == cal.PartialDate(2011, 9, 1)
    assert cal.parse_partial("4 January 2023") == cal.PartialDate(2023, 1, 4)
    assert cal.parse_partial("June 2022") == cal.PartialDate(2022, 6, None)
    assert cal.parse_partial("2024-03-21") == cal.PartialDate(2024, 3, 21)
    assert cal.parse_partial("Feb. 30, 2020") is None
    assert cal.parse_partial("we may go") is None


def test_is_valid_value() -> None:
    for good in ("2024-02-29", "2024-03", "2024", "2024-W09", "2024-Q2", "199X", "2014/2024", "1998-SU",
                 "1990-W32-WE", "2024-H1"):
        assert cal.is_valid_value(good), good
    for bad in ("2023-02-29", "2024-13", "2024-W60", "yesterday", "1/2/3"):
        assert not cal.is_valid_value(bad), bad


@given(st.text(max_size=80))
def test_parse_partial_never_crashes(text: str) -> None:
    parts = cal.parse_partial(text)
    if parts is not None and parts.year is not None:
        value = cal.format_partial(parts)
        assert value is not None and cal.is_valid_value(value)


@given(st.integers(1, 12), st.integers(1, 31), st.dates(dt.date(1900, 1, 1), dt.date(2090, 1, 1)),
       st.one_of(st.none(), st.integers(0, 6)))
def test_infer_year_result_is_consistent(month: int, day: int, reference: dt.date,
                                         weekday: int | None) -> None:
    year = cal.infer_year(month, day, reference, weekday)
    if year is not None:
        found = dt.date(year, month, day)
        assert found <= reference
        assert weekday is None or found.weekday() == weekday
