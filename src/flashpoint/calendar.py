"""Shared calendar logic: month/weekday names, year inference, weekday resolution, ISO formatting.

In: loose date parts found in text (a month name, a day number, perhaps a year or a weekday) and an anchor
date (the publication date or the collection's reference date). Out: plain ``datetime.date`` values or
ISO 8601 / TimeML value strings (``2024-03-21``, ``2024-03``, ``2024``, ``2024-W12``, ``2024-Q1``,
``199X``, ``2014/2024``). Used by :mod:`flashpoint.metadata` (publication dates) and
:mod:`flashpoint.times` (time expressions). Pure functions; nothing here raises on odd input.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS: dict[str, int] = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
}
ORDINALS: dict[str, int] = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3,
                            "4th": 4}
NUMBER_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100,
}
DECADE_WORDS: dict[str, int] = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
                                "seventies": 7, "eighties": 8, "nineties": 9}
SEASONS: dict[str, str] = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}

# Regex pieces: capitalised or upper-case month names, optionally abbreviated with a full stop.
_MONTH_FORMS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sept",
                "Sep", "Oct", "Nov", "Dec"]
_MONTH_ALTERNATIVES = sorted({f for m in _MONTH_FORMS for f in (m, m.upper())}, key=len, reverse=True)
MONTH_RE = "(?:" + "|".join(_MONTH_ALTERNATIVES) + r")\.?"
_WEEKDAY_FORMS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
WEEKDAY_RE = "(?:" + "|".join(f for w in _WEEKDAY_FORMS for f in (w, w.upper())) + ")"
DAY_RE = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR_RE = r"(?:1[89]\d\d|20\d\d)"

MIN_YEAR, MAX_YEAR = 1800, 2100


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date as far as the text states it (any part may be missing)."""

    year: int | None = None
    month: int | None = None
    day: int | None = None


def month_number(word: str) -> int | None:
    """``"Sept."`` -> 9; None when the word is not a month name."""
    return MONTHS.get(word.lower().rstrip(".").strip())


def weekday_number(word: str) -> int | None:
    """``"Wednesday"`` -> 2 (Monday = 0); None when the word is not a weekday name."""
    return WEEKDAYS.get(word.lower().rstrip(".").strip())


def day_number(word: str) -> int | None:
    digits = re.match(r"\d{1,2}", word.strip())
    if not digits:
        return None
    day = int(digits.group())
    return day if 1 <= day <= 31 else None


def make_date(year: int, month: int, day: int) -> dt.date | None:
    """A ``date`` or None when the parts do not form a real calendar day (Feb 30)."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


_PARTIAL_PATTERNS = (
    re.compile(rf"(?P<m>{MONTH_RE})\s*(?P<d>{DAY_RE})\b(?:[,.]?\s*(?P<y>{YEAR_RE})\b)?"),
    re.compile(rf"\b(?P<d>{DAY_RE})\s+(?:of\s+)?(?P<m>{MONTH_RE})(?:,?\s*(?P<y>{YEAR_RE})\b)?"),
    re.compile(rf"(?P<m>{MONTH_RE}),?\s+(?:of\s+)?(?P<y>{YEAR_RE})"),
    re.compile(r"(?P<y>(?:19|20)\d\d)-(?P<mn>[01]\d)(?:-(?P<dn>[0-3]\d))?"),
)


def parse_partial(text: str) -> PartialDate | None:
    """Parse the first month/day/year phrase in ``text`` ("Oct. 29", "29 October 2025", "2024-03-21")."""
    for pattern in _PARTIAL_PATTERNS:
        match = pattern.search(text)
        if not match:
            continue
        groups = match.groupdict()
        month = month_number(groups["m"]) if groups.get("m") else _int(groups.get("mn"))
        day = day_number(groups["d"]) if groups.get("d") else _int(groups.get("dn"))
        year = _int(groups.get("y"))
        if month is None or not 1 <= month <= 12:
            continue
        if day is not None and year is not None and make_date(year, month, day) is None:
            continue
        if day is not None and make_date(2000, month, day) is None:  # 2000 is a leap year
            continue
        return PartialDate(year, month, day)
    return None


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def infer_year(month: int, day: int, reference: dt.date, weekday: int | None = None) -> int | None:
    """The year of a year-less month/day that is not after ``reference``.

    With a ``weekday`` stated for that date, the latest weekday-consistent year (searched over 40 years);
    else the latest year putting the date on or before ``reference``. None for impossible dates.
    """
    for year in range(reference.year, reference.year - 41, -1):
        candidate = make_date(year, month, day)
        if candidate is None or candidate > reference:
            continue
        if weekday is None or candidate.weekday() == weekday:
            return year
    return None


def nearest_year(month: int, day: int | None, anchor: dt.date, tense: str | None = None) -> int:
    """The year putting a year-less month (and day) nearest to ``anchor`` (a later date counts 1.5 times its
    distance, 6 times in a past-tense clause); ``tense`` "future" allows only dates on or after the anchor."""
    best_year, best_cost = anchor.year, float("inf")
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        if day is None:
            first = dt.date(year, month, 1)
            last = _month_end(year, month)
            if first <= anchor <= last:
                return year
            when = last if last < anchor else first
        else:
            maybe = make_date(year, month, day)
            if maybe is None:
                continue
            when = maybe
        delta = (when - anchor).days
        if tense == "future" and delta < 0:
            continue
        cost = abs(delta) * ((6.0 if tense == "past" else 1.5) if delta > 0 else 1.0)
        if cost < best_cost:
            best_year, best_cost = year, cost
    return best_year


def _month_end(year: int, month: int) -> dt.date:
    following = dt.date(year + (month == 12), month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def weekday_on_or_before(anchor: dt.date, weekday: int) -> dt.date:
    """The latest day with ``weekday`` on or before ``anchor`` ("on Wednesday" in a Wednesday article)."""
    return anchor - dt.timedelta(days=(anchor.weekday() - weekday) % 7)


def weekday_on_or_after(anchor: dt.date, weekday: int) -> dt.date:
    return anchor + dt.timedelta(days=(weekday - anchor.weekday()) % 7)


def shift_months(anchor: dt.date, months: int) -> tuple[int, int]:
    """(year, month) ``months`` away from the anchor's month."""
    index = anchor.year * 12 + anchor.month - 1 + months
    return index // 12, index % 12 + 1


def iso_day(value: dt.date) -> str:
    return value.isoformat()


def iso_month(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def iso_week(value: dt.date) -> str:
    year, week, _ = value.isocalendar()
    return f"{year:04d}-W{week:02d}"


def quarter_of(value: dt.date) -> int:
    return (value.month - 1) // 3 + 1


def iso_quarter(year: int, quarter: int) -> str:
    return f"{year:04d}-Q{quarter}"


def shift_quarter(year: int, quarter: int, by: int) -> tuple[int, int]:
    index = year * 4 + quarter - 1 + by
    return index // 4, index % 4 + 1


def decade_value(year: int) -> str:
    """TimeML decade value: 1990 -> ``199X``."""
    return f"{year // 10:03d}X"


def format_partial(parts: PartialDate) -> str | None:
    """ISO value of as much as is known: ``2024-03-21``, ``2024-03`` or ``2024``; None without a year."""
    if parts.year is None:
        return None
    if parts.month is None:
        return f"{parts.year:04d}"
    if parts.day is None:
        return iso_month(parts.year, parts.month)
    full = make_date(parts.year, parts.month, parts.day)
    return full.isoformat() if full else iso_month(parts.year, parts.month)


_VALUE_RE = re.compile(
    r"\d{4}(?:-\d{2}(?:-\d{2})?|-W\d{2}(?:-WE)?|-Q[1-4]|-H[12]|-(?:SP|SU|FA|WI))?|\d{3}X|\d{2}"
)


def is_valid_value(value: str) -> bool:
    """True for the value forms Flashpoint writes (ISO dates, weeks, quarters, TimeML decades/seasons,
    and ``start/end`` intervals of those)."""
    parts = value.split("/")
    if len(parts) > 2:
        return False
    for part in parts:
        if not _VALUE_RE.fullmatch(part):
            return False
        if len(part) == 10 and make_date(int(part[:4]), int(part[5:7]), int(part[8:])) is None:
            return False
        if len(part) == 7 and part[4] == "-" and part[5].isdigit() and not 1 <= int(part[5:]) <= 12:
            return False
        if "-W" in part and not 1 <= int(part[6:8]) <= 53:
            return False
    return True
