"""Casualty counts: number parsing, counts in parsed sentences, restatement tally."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from flashpoint import casualties
from flashpoint.models import Casualties

UNITS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["12"], 12),
        (["1,200"], 1200),
        (["forty", "-", "two"], 42),
        (["forty-two"], 42),
        (["at", "least", "40"], 40),
        (["dozens"], 12),
        (["scores"], 20),
        (["hundreds"], 100),
        (["several"], 3),
        (["numerous"], 4),
        (["two", "hundred"], 200),
        (["no"], 0),
        (["many"], None),
        (["blue"], None),
    ],
)
def test_parse_number(words: list[str], expected: int | None) -> None:
    assert casualties.parse_number(words) == expected


@given(st.integers(min_value=0, max_value=10**6))
def test_digits_round_trip(n: int) -> None:
    assert casualties.parse_number([f"{n:,}"]) == n
    assert casualties.parse_number([str(n)]) == n


@given(st.sampled_from(TENS), st.sampled_from(UNITS))
def test_hyphenated_number_words(tens: str, unit: str) -> None:
    expected = (TENS.index(tens) + 2) * 10 + UNITS.index(unit) + 1
    assert casualties.parse_number([f"{tens}-{unit}"]) == expected
    assert casualties.parse_number([tens, "-", unit]) == expected


@given(st.lists(st.text(max_size=8), max_size=5))
def test_parse_number_never_raises(words: list[str]) -> None:
    value = casualties.parse_number(words)
    assert value is None or value >= 0


def test_tally_drops_restated_tolls() -> None:
    tally = casualties.Tally()
    assert tally.fresh(Casualties(dead=3)) == Casualties(dead=3)
    assert tally.fresh(Casualties(dead=3)) == Casualties()  # restated
    assert tally.fresh(Casualties(dead=2)) == Casualties()  # a smaller restatement ("two of them")
    assert tally.fresh(Casualties(dead=1), additional=True) == Casualties(dead=1)
    assert tally.fresh(Casualties(arrested=3)) == Casualties(arrested=3)


def test_tally_raised_detention_total_attaches_the_increase() -> None:
    tally = casualties.Tally()
    assert tally.fresh(Casualties(arrested=3)) == Casualties(arrested=3)  # "detained several suspects"
    assert tally.fresh(Casualties(arrested=8)) == Casualties(arrested=5)  # "... detained eight suspects"
    assert tally.fresh(Casualties(arrested=2), additional=True) == Casualties(arrested=2)


@pytest.fixture(scope="module")
def parse():
    nlp = pytest.importorskip("flashpoint.nlp")
    try:
        nlp.load_pipeline()
    except Exception as exc:  # pragma: no cover
        pytest.skip(str(exc))
    return nlp.parse


def _counts(parse, text: str) -> Casualties:
    return casualties.sentence_casualties(next(iter(parse(text).sents)))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Government troops killed 12 militants near the border on Monday.", Casualties(dead=12)),
        ("At least 40 soldiers were killed in the ambush.", Casualties(dead=40)),
        ("Two insurgents were detained during the raid.", Casualties(arrested=2)),
        ("The patrol killed dozens of fighters and wounded seven others.", Casualties(dead=12, injured=7)),
        (
            "A joint force detained a rebel commander along with one suspected fighter.",
            Casualties(arrested=2),
        ),
        ("The security force detained several suspects and seized multiple rifles.", Casualties(arrested=3)),
        ("An airstrike killed the militant leader in his car.", Casualties(dead=1)),
        ("The army seized 650 kilograms of explosives.", Casualties()),
        ("Since January, forces have detained more than 300 suspects.", Casualties()),
        ("In the last month, police have detained nine gang leaders.", Casualties()),
        # a vague quantifier the parser hangs on an inner name still counts for the whole phrase
        (
            "After questioning, the unit apprehended several suspected Lashkar of Karimabad militants.",
            Casualties(arrested=3),
        ),
        ("Three gunmen were killed and several others detained in the raid.", Casualties(dead=3, arrested=3)),
        ("Rifles were seized in addition to detaining multiple suspected smugglers.", Casualties(arrested=3)),
        ("Four men were taken into custody by the border police.", Casualties(arrested=4)),
    ],
)
def test_sentence_casualties(parse, text: str, expected: Casualties) -> None:
    assert _counts(parse, text) == expected


def test_background_relative_clause_not_counted(parse) -> None:
    found = _counts(parse, "Troops arrested a commander who planned an attack that killed four guards.")
    assert found.dead is None
    assert found.arrested == 1


@pytest.mark.parametrize(
    ("text", "additional"),
    [
        ("The patrol also detained one suspected fighter.", True),
        ("The unit detained an additional suspect near the market.", True),
        ("Police arrested one other man at the checkpoint.", True),
        # "additional" inside the sentence's own list adds to that list, not to earlier sentences
        ("After questioning, the commander and three additional suspects were detained.", False),
        ("Troops detained the courier along with two other suspects.", False),
        ("One villager was killed and another wounded.", True),
        ("In a separate raid, police detained five men in the old town.", True),
    ],
)
def test_is_additional(parse, text: str, additional: bool) -> None:
    assert casualties.is_additional(next(iter(parse(text).sents))) is additional
