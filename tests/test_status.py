"""Event status on parsed sentences: negation scope, modality, conditions, future, historical."""

from __future__ import annotations

import pytest

from flashpoint.models import Article, DateValue, Origin, Precision
from flashpoint.nlp import parse
from flashpoint.status import EventStatus, assess


def _article(text: str, published: str | None = "2025-06-10") -> Article:
    return Article(
        id="t", origin=Origin("test"), text=text, nlp_text=text, body=text, body_spans=((0, len(text)),),
        paragraphs=((0, len(text)),), published=DateValue(published, Precision.DAY) if published else None,
    )


def _status(text: str, word: str, event_type: str, published: str | None = "2025-06-10") -> EventStatus:
    doc = parse(text)
    token = next(t for t in doc if t.text == word)
    return assess(token, event_type=event_type, article=_article(text, published))


@pytest.mark.parametrize(
    ("text", "word", "event_type"),
    [
        ("We have no wish to start an armed conflict with our neighbours.", "conflict", "ASSAULT"),
        ("We do not want a war with Ruritania.", "war", "ASSAULT"),
        ("The rebel group denied carrying out the bombing in Kestrel.", "bombing", "ASSAULT"),
        ("No airstrikes were conducted near the border on Friday.", "airstrikes", "ASSAULT"),
        ("The army did not shell the village.", "shell", "ASSAULT"),
        ("The minister stressed his government's reluctance to engage in fighting with Ruritania.",
         "fighting", "ASSAULT"),
        ("The council vowed not to allow any group to run training camps.", "camps", "ACCUSE"),
    ],
)
def test_negation(text: str, word: str, event_type: str) -> None:
    assert "negation" in _status(text, word, event_type).flags


@pytest.mark.parametrize(
    ("text", "word", "event_type"),
    [
        ("We will not hesitate to crush them if they cross the line.", "crush", "THREATEN"),
        ("Kestrel said it would not tolerate any more incursions.", "tolerate", "THREATEN"),
        ("We will never forget this act of aggression.", "forget", "THREATEN"),
        ("The ministry does not accept the proposal.", "accept", "REJECT"),
        ("They did not win the war, despite ten years of fighting.", "fighting", "ASSAULT"),
    ],
)
def test_not_a_negation_of_the_act(text: str, word: str, event_type: str) -> None:
    assert "negation" not in _status(text, word, event_type).flags


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("The army may launch strikes against the hideouts next week.", "strikes"),
        ("Troops dug in ahead of a potential retaliation from the capital.", "retaliation"),
        ("Residents voiced fears of an attack on the market.", "attack"),
        ("It is unclear whether the militia will attack the convoy.", "attack"),
        ("Will the navy blockade the port?", "blockade"),
        ("Officials did not rule out further airstrikes.", "airstrikes"),
    ],
)
def test_hypothetical(text: str, word: str) -> None:
    st = _status(text, word, "ASSAULT")
    assert "hypothetical" in st.flags and not st.asserted


def test_modal_does_not_make_a_threat_hypothetical() -> None:
    st = _status("Our forces can completely destroy their bases within hours.", "destroy", "THREATEN")
    assert st.flags == () and st.asserted


def test_question_headline_keeps_a_verbal_act_asserted() -> None:
    assert _status("Is the minister threatening Ruritania?", "threatening", "THREATEN").asserted


@pytest.mark.parametrize(
    ("text", "word", "condition"),
    [
        ("If another bombing takes place, our troops will enter Ruritania.", "enter",
         "If another bombing takes place"),
        ("Unless Kestrel hands over the suspects, we will strike their camps.", "strike",
         "Unless Kestrel hands over the suspects"),
        ("The guards are ready to retaliate should the militia fire across the river.", "retaliate",
         "should the militia fire across the river"),
        ("Any incursion would meet a decisive response.", "response", "Any incursion"),
    ],
)
def test_conditional_threat_is_asserted_with_its_condition(text: str, word: str, condition: str) -> None:
    st = _status(text, word, "THREATEN")
    assert st.asserted and not st.embedded
    assert st.condition == condition
    assert st.condition_start is not None and text[st.condition_start : st.condition_end] == condition


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("We will hit back if they keep sheltering the gunmen.", "sheltering"),
        ("Any attack on our soil will be answered.", "attack"),
        ("The guards will respond should the militia raid the depot.", "raid"),
    ],
)
def test_acts_inside_a_condition_are_embedded(text: str, word: str) -> None:
    assert _status(text, word, "ASSAULT").embedded


def test_content_of_a_threat_is_embedded() -> None:
    assert _status("The commander threatened to overthrow the government.", "overthrow", "ASSAULT").embedded


def test_future_for_material_acts_only() -> None:
    assert "future" in _status("The government will close the crossing next week.", "close", "COERCE").flags
    st = _status("The two delegations will meet in Geneva next week.", "meet", "CONSULT")
    assert "future" not in st.flags and st.retype == "AGREE"
    assert "future" not in _status("We will crush them.", "crush", "THREATEN").flags


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("In 1989 the Soviet troops withdrew from the valley.", "withdrew"),
        ("The tribes defeated the British in three wars.", "defeated"),
        ("The insurgents held out for two decades of war against the occupiers.", "war"),
    ],
)
def test_historical(text: str, word: str) -> None:
    assert "historical" in _status(text, word, "ASSAULT").flags


def test_last_year_is_not_historical() -> None:
    st = _status("In 2024 the militia attacked the depot.", "attacked", "ASSAULT", published="2025-06-10")
    assert "historical" not in st.flags


def test_quoted_intent_is_the_content_of_the_quote() -> None:
    text = 'The commander said: "Our fighters will storm their bases and we can annihilate them."'
    assert _status(text, "storm", "ASSAULT").embedded
    assert _status(text, "annihilate", "ASSAULT").embedded
    assert not _status("Our fighters stormed their bases.", "stormed", "ASSAULT").embedded


def test_generic_determiner_reaches_coordinated_nouns() -> None:
    st = _status("Any raid or bombing on our soil will be answered.", "bombing", "ASSAULT")
    assert st.embedded
