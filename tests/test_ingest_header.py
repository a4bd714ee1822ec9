"""Tests for flashpoint.textheader: the optional header of plain-text articles."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from flashpoint.textheader import parse_header


def test_key_value_header() -> None:
    text = "Title: Dam talks collapse\nDate: 2024-02-03\nSource: River Times\nAuthor: J. Mwangi\n\nBody."
    header = parse_header(text)
    assert header.title == "Dam talks collapse" and header.published == "2024-02-03"
    assert header.outlet == "River Times" and header.author == "J. Mwangi"
    assert text[header.end:] == "Body."


def test_date_marker_inline_and_alone() -> None:
    inline = "   date 2023-01-09 Rebels seized the town."
    header = parse_header(inline)
    assert header.published == "2023-01-09" and inline[header.end:] == "Rebels seized the town."
    alone = "date 2023-01-09\nurl: https://example.org/a\n\nRebels seized the town."
    header = parse_header(alone)
    assert header.published == "2023-01-09" and header.url == "https://example.org/a"
    assert alone[header.end:] == "Rebels seized the town."


def test_not_a_header() -> None:
    for text in ("Islamabad: The minister said on Monday.", "Title: one key and no blank line\nBody", "",
                 "Plain story.", "date of the vote is unknown"):
        assert parse_header(text).end == 0 and not parse_header(text).fields


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*"date:title url-0123456789 \n\tAbc", "2024-01-02", "http://x", "date "]),
                max_size=60).map("".join))
def test_header_parser_never_crashes(text: str) -> None:
    header = parse_header(text)
    assert 0 <= header.end <= len(text)
    assert all(isinstance(v, str) and v for v in header.fields.values())
    if header.end == 0:
        assert not header.fields


@given(st.text(max_size=200))
def test_header_parser_on_any_text(text: str) -> None:
    assert 0 <= parse_header(text).end <= len(text)
