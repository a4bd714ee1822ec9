"""Status helpers that replace slower forms: the combined phrase test and subtree character ranges."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flashpoint import status

PHRASES = ("next week", "soon", "soviet-afghan", "u.s.-led war", "the soviets", "in the coming days")
PIECES = ["next", "week", "soon", "soonest", "soviet", "-", "afghan", "u.s.", "led", "war", "the", "soviets",
          "in", "coming", "days", " ", "  ", ",", "x"]


@settings(max_examples=300, deadline=None)
@given(parts=st.lists(st.sampled_from(PIECES), max_size=14), boundary=st.sampled_from(["word", "token"]))
def test_first_phrase_equals_the_loop(parts: list[str], boundary: str) -> None:
    text = " ".join(parts).replace(" - ", "-") if parts else ""
    expected = next((p for p in PHRASES if status._whole_phrase(p, boundary).search(text)), None)
    assert status._first_phrase(PHRASES, boundary, text) == expected


def test_no_phrases_never_match() -> None:
    assert status._first_phrase((), "word", "anything at all") is None


def test_subtree_chars_bound_the_subtree() -> None:
    nlp = pytest.importorskip("flashpoint.nlp")
    doc = nlp.parse("If the militia fires again, the army of Velmora will answer with heavy artillery, "
                    "officials in the capital warned on Friday.")
    for token in doc:
        subtree = list(token.subtree)
        expected = (min(t.idx for t in subtree), max(t.idx + len(t.text) for t in subtree))
        assert status._subtree_chars(token) == expected
