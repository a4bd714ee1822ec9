"""Skipping date patterns whose words are absent never changes what is found."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flashpoint import timexes

FRAGMENTS = ["last week", "the coming months", "YESTERDAY", "tonİght", "Tuesday", "on Monday morning",
             "Sept. 12", "12 March 2024", "March", "early June", "three days ago", "the past 2 years",
             "the weekend", "year-end", "weeKend", "yeſterday", "toniGHT", "next quarter", "in 2019",
             "the 1990s", "said", ",", ".", "\n", " ", "Q3 2021", "the second half", "decade", "ı"]


def _ungated(text: str, monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, int, str]]:
    with monkeypatch.context() as patched:
        patched.setattr(timexes, "_WORD_GATES", {})
        return [(c.start, c.end, c.kind) for c in timexes.find_candidates(text)]


@settings(max_examples=200, deadline=None)
@given(parts=st.lists(st.sampled_from(FRAGMENTS), max_size=12))
def test_word_gates_change_nothing(parts: list[str]) -> None:
    text = " ".join(parts)
    gated = [(c.start, c.end, c.kind) for c in timexes.find_candidates(text)]
    with pytest.MonkeyPatch.context() as monkeypatch:
        assert gated == _ungated(text, monkeypatch)


def test_gated_kinds_exist() -> None:
    kinds = set(timexes.iter_kinds())
    assert set(timexes._WORD_GATES) <= kinds
