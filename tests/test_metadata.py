"""Publication metadata: headers, datelines, year inference, outlets, titles (own test sentences)."""

from __future__ import annotations

import datetime as dt
from importlib import resources

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from flashpoint.metadata import detect_metadata, outlet_for_url, parse_date_string, validate_outlets
from flashpoint.models import Precision

REF = dt.date(2026, 11, 21)


def meta(text: str, **kwargs):  # type: ignore[no-untyped-def]
    return detect_metadata(text, body_spans=((0, len(text)),), reference_date=kwargs.pop("reference", REF),
                           **kwargs)


def test_explicit_metadata_wins() -> None:
    found = meta("Quetta, Jan. 3 (Reuters) - Officials met.", published="2021-06-30")
    assert found.published is not None and found.published.value == "2021-06-30"
    assert found.published_source == "metadata"
    assert found.outlet == "Reuters"


def test_date_marker_header() -> None:
    found = meta(" date 2023-05-02 Officials in Herat said on 4 January that the road had reopened.")
    assert found.published is not None and found.published.value == "2023-05-02"
    assert found.published_source == "header"


def test_date_header_line() -> None:
    found = meta("Border talks resume\nDate: 14 February 2022\nNegotiators gathered in Doha.")
    assert found.published is not None and found.published.value == "2022-02-14"


def test_paren_dateline_with_year() -> None:
    text = "KANDAHAR, Afghanistan (March 9, 2011)\nA patrol detained two men in the district yesterday."
    found = meta(text)
    assert found.published is not None and found.published.value == "2011-03-09"
    assert found.published_source == "dateline"
    assert found.dateline == "Kandahar"


def test_agency_dateline_weekday_narrows_year() -> None:
    text = ("Talks Stall Again\nPeshawar, Oct 29 (NationPress) - On Wednesday, the governor said talks had "
            "stalled.")
    found = meta(text)
    assert found.published is not None
    assert found.published.value == "2025-10-29"  # the latest Wednesday 29 October not after the reference
    assert found.published.year_inferred
    assert found.outlet == "NationPress"
    assert found.dateline == "Peshawar"


def test_yearless_dateline_latest_year() -> None:
    found = meta("JALALABAD, Afghanistan (Dec. 24) - Officials opened the bridge.")
    assert found.published is not None
    assert found.published.value == "2025-12-24"
    assert found.published.year_inferred and found.published.precision is Precision.DAY


def test_release_code_supplies_year() -> None:
    text = ("Patrol Finds Cache\nJoint Command\n2012-04-CA-031\nKABUL, Afghanistan (Apr. 2) - A patrol found "
            "a cache.")
    found = meta(text)
    assert found.published is not None and found.published.value == "2012-04-02"


def test_operational_update_and_title_line() -> None:
    assert meta("Joint Command Operational Update, March 3, 2012\nForces detained one man.").published.value \
        == "2012-03-03"  # type: ignore[union-attr]
    found = meta("Jan. 5: Forces Clear Market in Sangin\nA security force cleared the bazaar.")
    assert found.published is not None and found.published.value.endswith("-01-05")


def test_place_only_dateline_and_act_dates_do_not_date_article() -> None:
    text = "Minister Warns Neighbours\n\nLahore- In remarks on 2 January, the minister warned the neighbours."
    found = meta(text)
    assert found.published is None
    assert found.dateline == "Lahore"
    assert found.title == "Minister Warns Neighbours"


def test_no_date_at_all() -> None:
    found = meta("In a sharp escalation, officials said on Tuesday that the crossing would close.")
    assert found.published is None and found.title is None


def test_agency_without_date() -> None:
    found = meta("WASHINGTON (Reuters) - The envoy arrived on Monday.")
    assert found.outlet == "Reuters" and found.dateline == "Washington" and found.published is None


def test_title_not_taken_from_dateline_line() -> None:
    assert meta("KABUL, Afghanistan (Jan. 4, 2013)\nA force detained a man.").title is None
    assert meta("x", title="Given Title").title == "Given Title"


def test_title_header_line() -> None:
    found = meta("Title: Envoys Meet In Doha\nDate: 2024-05-02\nThe envoys met.")
    assert found.title == "Envoys Meet In Doha"


def test_outlet_from_url() -> None:
    assert outlet_for_url("https://www.reuters.com/world/asia/story") == "Reuters"
    assert outlet_for_url("https://news.bbc.co.uk/x") == "BBC News"
    assert outlet_for_url("https://example.org/a") == "example.org"
    assert meta("Some text.", url="https://www.dawn.com/news/1").outlet == "Dawn"


def test_parse_date_string_forms() -> None:
    assert parse_date_string("2024-03-21T10:00:00Z").value == "2024-03-21"  # type: ignore[union-attr]
    assert parse_date_string("Thu, 21 Mar 2024 10:00:00 +0000").value == "2024-03-21"  # type: ignore[union-attr]
    month = parse_date_string("2024-03")
    assert month is not None and month.precision is Precision.MONTH
    assert parse_date_string("not a date") is None


def test_outlets_data_file_is_valid() -> None:
    raw = yaml.safe_load(resources.files("flashpoint").joinpath("data/outlets.yaml").read_text("utf-8"))
    assert validate_outlets(raw) == []
    assert validate_outlets({"outlets": [{"name": "", "domains": ["Bad Domain"]}]})
    assert validate_outlets([]) != []


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_detect_metadata_never_crashes(text: str) -> None:
    found = meta(text)
    if found.published is not None:
        dt.date.fromisoformat(found.published.value)


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(["KABUL, Afghanistan (", "Herat, ", "Operational Update, ", ""]),
       st.sampled_from(["Jan.", "Sept.", "May", "December", "Foo"]), st.integers(0, 40),
       st.one_of(st.just(""), st.integers(1890, 2100).map(lambda y: f", {y}")))
def test_dateline_parser_values_are_iso(prefix: str, month: str, day: int, year: str) -> None:
    found = meta(f"{prefix}{month} {day}{year}) - Forces met.")
    if found.published is not None:
        dt.date.fromisoformat(found.published.value)


def test_release_code_alone_dates_the_release_to_its_month() -> None:
    text = "Joint Command\n2013-05-S-017\nFor Immediate Release\nA patrol detained two men yesterday."
    found = meta(text)
    assert found.published is not None and found.published.value == "2013-05"
    assert found.published.precision is Precision.MONTH and found.published_source == "release code"
    assert meta("A patrol detained two men yesterday.").published is None
