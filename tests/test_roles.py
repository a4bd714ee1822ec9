"""Role selection (who did what to whom) on our own sentences: patients of chained, conditional,
prepositional and place-bound acts."""

from __future__ import annotations

import pytest

from builders import plain_article, recipient_codes
from flashpoint import pipeline
from flashpoint.models import Event


def _events(nlp, text: str) -> tuple[Event, ...]:
    article = plain_article(text, published=None)
    return pipeline.analyse(article, nlp.parse(text)).events


@pytest.mark.parametrize(
    ("text", "event_type", "code"),
    [
        # a date after the trigger ("on Friday") is not the target; the infinitive clause names it
        ("Ukraine on Friday threatened to cut off gas supplies to Moldova.", "THREATEN", "MDA"),
        # "X demanded that Y ...": the subject of the complement clause
        ("Japan on Monday demanded that China release the detained fishermen.", "REQUEST", "CHN"),
        # "cut ties with Y" inside the threatened act
        ("Venezuela threatened to break off diplomatic relations with Colombia.", "THREATEN", "COL"),
        # the party a threat is conditioned on
        ("Turkey threatened to halt the talks unless Greece withdrew its warships.", "THREATEN", "GRC"),
        # the place an act was carried out in, when no party is named
        ("The army imposed a curfew in Nairobi after the riots.", "COERCE", "KEN"),
        # a protest aimed at whoever its purpose clause names
        ("Farmers marched through Lima to demand the resignation of the Peruvian agriculture minister.",
         "PROTEST", "PER"),
    ],
)
def test_recipient(nlp, text: str, event_type: str, code: str) -> None:
    assert code in recipient_codes(nlp, text, event_type)


def test_place_does_not_replace_named_target(nlp) -> None:
    codes = recipient_codes(nlp, "Russian jets bombed Ukrainian positions in Syria.", "ASSAULT")
    assert "UKR" in codes
    assert "SYR" not in codes


def test_agent_of_act_introduced_by_preposition(nlp) -> None:
    # "responded by shelling": the subject of the clause the preposition belongs to acted
    found = [e for e in _events(nlp, "The Sudanese army responded by shelling the rebel village.")
             if e.event_type == "ASSAULT"]
    assert found
    assert any(a.code == "SDN" for e in found for a in e.actors)
