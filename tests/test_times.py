"""Time expressions: recognition, resolution against the publication date, false positives, event dates."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flashpoint import calendar as cal
from flashpoint.models import Article, DateValue, Origin, Precision
from flashpoint.nlp import parse
from flashpoint.times import date_for_span, extract_times
from flashpoint.timexes import find_candidates


def article(text: str, published: str | None = "2025-10-29", inferred: bool = False) -> Article:
    value = DateValue(published, Precision.DAY, inferred) if published else None
    return Article(id="t", origin=Origin("test"), text=text, nlp_text=text, body=text,
                   body_spans=((0, len(text)),), paragraphs=(), published=value)


def values(text: str, published: str | None = "2025-10-29") -> dict[str, str | None]:
    art = article(text, published)
    return {t.text: t.value for t in extract_times(parse(text), art)}


@pytest.mark.parametrize(("sentence", "expression", "value"), [
    ("The governor spoke on Wednesday in Herat.", "Wednesday", "2025-10-29"),  # same day as publication
    ("The governor spoke on Monday in Herat.", "Monday", "2025-10-27"),
    ("The delegation will travel to Doha on Friday.", "Friday", "2025-10-31"),
    ("Shelling resumed yesterday near the crossing.", "yesterday", "2025-10-28"),
    ("The council meets today.", "today", "2025-10-29"),
    ("The council meets tomorrow.", "tomorrow", "2025-10-30"),
    ("Two posts were overrun last night.", "last night", "2025-10-28"),
    ("Talks collapsed last week.", "last week", "2025-W43"),
    ("Talks resume this week.", "this week", "2025-W44"),
    ("Prices rose last month.", "last month", "2025-09"),
    ("Prices rose earlier this year.", "earlier this year", "2025"),
    ("Exports fell last year.", "last year", "2024"),
    ("The ceasefire was signed in December 2022 in Muscat.", "December 2022", "2022-12"),
    ("The attacks began on 2 January.", "2 January", "2025-01-02"),
    ("Rebels held the pass in the 1990s.", "1990s", "199X"),
    ("Rebels held the pass in 1994.", "1994", "1994"),
    ("Violence has grown over the past decade.", "the past decade", "2015/2025"),
    ("Revenue fell in the third quarter.", "the third quarter", "2025-Q3"),
    ("The road reopened two weeks ago.", "two weeks ago", "2025-W42"),
    ("The envoy said the border is now closed.", "now", "2025-10-29"),
    ("Aid arrived this summer.", "this summer", "2025-SU"),
    ("The truce expired on Oct. 3, 2021.", "Oct. 3, 2021", "2021-10-03"),
])
def test_resolution(sentence: str, expression: str, value: str) -> None:
    found = values(sentence)
    assert found.get(expression) == value, found


def test_undated_article_leaves_relative_unresolved() -> None:
    found = values("On Tuesday the minister recalled the June 2022 raid, earlier this year.", published=None)
    assert found["Tuesday"] is None
    assert found["June 2022"] == "2022-06"
    assert found["earlier this year"] is None


def test_undated_article_yearless_date_uses_nearby_explicit_date() -> None:
    found = values("On 2 January the minister spoke. The raid of December 2022 was recalled.", published=None)
    assert found["2 January"] == "2023-01-02"


@pytest.mark.parametrize("sentence", [
    "We will not accept this, the spokesman said.",
    "The talks may collapse, and we may respond.",
    "Fighters paid $15 for each rifle and $2015 in total.",
    "Thousands march through the capital every week.",
    "About 1999 people were displaced.",
])
def test_false_positives(sentence: str) -> None:
    assert values(sentence) == {} or all(v is None or "W" in v for v in values(sentence).values())
    texts = [c.match.group(0) for c in find_candidates(sentence)]
    assert not any(t.strip() in {"We", "may", "15", "2015", "march", "1999"} for t in texts), texts


def test_boilerplate_today_is_blanked() -> None:
    text = "Forces withdrew on Sunday. Subscribe Today for more news."
    blanked = text.replace("Subscribe Today for more news.", " " * len("Subscribe Today for more news."))
    art = Article(id="t", origin=Origin("test"), text=text, nlp_text=blanked, body=text[:27],
                  body_spans=((0, 27),), paragraphs=(), published=DateValue("2025-10-29", Precision.DAY))
    found = extract_times(parse(blanked), art)
    assert [t.text for t in found] == ["Sunday"]


def test_date_for_span_picks_expression_nearest_trigger() -> None:
    text = "KABUL, Afghanistan (Oct. 29) - A patrol detained two men yesterday after a raid on Monday."
    art = article(text, "2025-10-29", inferred=True)
    times = extract_times(parse(text), art)
    trigger = text.index("detained")
    dated = date_for_span(times, art, 0, len(text), trigger)
    assert dated is not None and dated.value == "2025-10-28" and dated.year_inferred
    raid = date_for_span(times, art, 0, len(text), text.index("raid"))
    assert raid is not None and raid.value == "2025-10-27"
    assert date_for_span(times, art, 0, 10) is None  # only the dateline date: never an event date


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=120))
def test_recogniser_never_crashes_and_values_are_valid(text: str) -> None:
    for published in ("2020-02-29", None):
        for expr in extract_times(None, article(text, published)):
            assert 0 <= expr.start < expr.end <= len(text)
            assert expr.value is None or cal.is_valid_value(expr.value)


@settings(max_examples=80, deadline=None)
@given(st.sampled_from(["on", "last", "next", "early", ""]),
       st.sampled_from(["Tuesday", "March 3", "3 March 2021", "May 2020", "the 1980s", "next month",
                        "four years ago", "the past two weeks", "Q2 2019", "the second half"]),
       st.dates(dt.date(1950, 1, 1), dt.date(2080, 12, 31)))
def test_resolved_values_are_iso(prefix: str, phrase: str, published: dt.date) -> None:
    text = f"The office said {prefix} {phrase} that it would reopen."
    for expr in extract_times(None, article(text, published.isoformat())):
        assert expr.value is None or cal.is_valid_value(expr.value), expr


def test_yearless_date_takes_year_from_preceding_explicit_date() -> None:
    text = ("Talks began on 2 January. In December 2022 the envoy had warned them. On 3 January they broke "
            "down. The pact of June 2022 was cited.")
    found = values(text, published=None)
    assert found["2 January"] == "2023-01-02" and found["3 January"] == "2023-01-03"


def test_header_date_marker_is_a_time_expression() -> None:
    text = "date 2024-03-21 The envoy spoke on Monday."
    art = Article(id="t", origin=Origin("test"), text=text, nlp_text=" " * 16 + text[16:], body=text[16:],
                  body_spans=((16, len(text)),), paragraphs=(),
                  published=DateValue("2024-03-21", Precision.DAY))
    found = {t.text: t.value for t in extract_times(parse(art.nlp_text), art)}
    assert found == {"2024-03-21": "2024-03-21", "Monday": "2024-03-18"}


def test_date_for_span_inherits_within_paragraph_else_from_the_lead() -> None:
    text = "In Kunduz last night, a force searched a compound. It detained two men.\n\nLater, officials met."
    first_end = text.index("\n\n")
    art = Article(id="t", origin=Origin("test"), text=text, nlp_text=text, body=text,
                  body_spans=((0, len(text)),), paragraphs=((0, first_end), (first_end + 2, len(text))),
                  published=DateValue("2025-10-29", Precision.DAY))
    times = extract_times(parse(text), art)
    second = text.index("It detained")
    dated = date_for_span(times, art, second, first_end, text.index("detained"))
    assert dated is not None and dated.value == "2025-10-28"
    assert date_for_span(times, art, second, first_end, inherit=False) is None
    later = date_for_span(times, art, first_end + 2, len(text))  # an undated paragraph: the lead's date
    assert later is not None and later.value == "2025-10-28"
    assert date_for_span(times, art, first_end + 2, len(text), inherit=False) is None


def test_capitalised_now_inside_a_sentence_before_a_name_is_not_a_time() -> None:
    found = values("Marines cleared the bazaar in Now Zad district on Monday.")
    assert "Now" not in found and found["Monday"] == "2025-10-27"
    assert values("Now, the ministry says the talks are over.") == {"Now": "2025-10-29"}
    assert values("The talks are now over.") == {"now": "2025-10-29"}
