"""Event coding end to end on hand-written sentences (fictional or public actors, our own wording)."""

from __future__ import annotations

from pathlib import Path

import pytest

from builders import plain_article
from flashpoint import events, pipeline
from flashpoint.models import Article, Event, Origin

NON_CONFLICT = Path(__file__).parent / "fixtures" / "non_conflict" / "sentences.txt"


def _events(nlp, text: str, published: str | None = "2024-05-02") -> tuple[Event, ...]:
    article = plain_article(text, published=published)
    return pipeline.analyse(article, nlp.parse(text)).events


def _types(found: tuple[Event, ...]) -> set[str]:
    return {e.event_type for e in found if not {"negation", "hypothetical"} & set(e.context)}


GOLDEN = [
    # (text, must contain types, must not contain types)
    (
        "Pakistani jets carried out airstrikes on militant hideouts in Paktika province on Tuesday.",
        {"ASSAULT"},
        {"THREATEN"},
    ),
    ("India accused Pakistan of sheltering the militants behind the bombing.", {"ACCUSE"}, {"ASSAULT"}),
    ("The foreign minister condemned the attack on the convoy.", {"ACCUSE"}, {"ASSAULT"}),
    (
        "Iran warned Israel that it would retaliate against any strike on its territory.",
        {"THREATEN"},
        {"ASSAULT"},
    ),
    ("The defence minister vowed to crush the insurgents.", {"THREATEN"}, {"AGREE"}),
    ("Afghanistan rejected the demand to hand over the suspects.", {"REJECT"}, set()),
    ("The United Nations urged both sides to show restraint.", {"REQUEST"}, set()),
    ("Qatar hosted talks between the two delegations in Doha.", {"CONSULT"}, set()),
    (
        "Pakistan deployed troops along the border and placed its air force on high alert.",
        {"MOBILIZE"},
        set(),
    ),
    ("Authorities closed the Torkham border crossing for all trade.", {"COERCE"}, set()),
    ("Police arrested three protesters outside the embassy.", {"COERCE"}, set()),
    ("Washington suspended military aid to the government.", {"SANCTION"}, set()),
    ("The rebels released twelve hostages on Sunday.", {"RETREAT"}, set()),
    ("Thousands of students demonstrated in the capital against the new law.", {"PROTEST"}, set()),
    ("Japan donated medicine and tents to the flood victims.", {"AID"}, set()),
    ("The two countries agreed to share intelligence on smuggling networks.", {"AGREE"}, set()),
    ("The prime minister praised the mediators for their efforts.", {"SUPPORT"}, set()),
    ("Tensions are high along the frontier.", set(), {"ASSAULT", "THREATEN", "MOBILIZE"}),
    ("Analysts warn that the crisis could destabilise the region.", set(), {"THREATEN"}),
]


@pytest.mark.parametrize(("text", "must", "must_not"), GOLDEN)
def test_golden(nlp, text: str, must: set[str], must_not: set[str]) -> None:
    found = _types(_events(nlp, text))
    assert must <= found, (text, found)
    assert not (must_not & found), (text, found)


def test_non_conflict_corpus_has_no_conflict_events(nlp) -> None:
    lines = [
        ln
        for ln in NON_CONFLICT.read_text(encoding="utf-8").splitlines()
        if ln.strip() and not ln.startswith("#")
    ]
    assert len(lines) >= 10
    for line in lines:
        found = {e.event_type for e in _events(nlp, line)}
        assert not found & {"ASSAULT", "COERCE", "MOBILIZE"}, (line, found)


def test_record_fields(nlp) -> None:
    text = (
        "Pakistani forces killed 12 militants in North Waziristan on Monday. "
        "The army said 12 militants were killed in the operation."
    )
    found = _events(nlp, text)
    assert [e.id for e in found] == [f"t1-e{n}" for n in range(1, len(found) + 1)]
    assault = [e for e in found if e.event_type == "ASSAULT"]
    assert assault and assault[0].quad_code == 4 and assault[0].event_scale < -8
    assert assault[0].actors and assault[0].actors[0].code == "PAK"
    assert sum(e.size.dead or 0 for e in found) == 12  # the restated toll is counted once
    assert assault[0].provenance is not None and assault[0].provenance.extractor == events.EXTRACTOR
    assert text[assault[0].start : assault[0].end].startswith("Pakistani forces")
    assert assault[0].date is not None


def test_one_event_per_sentence_type_and_dyad(nlp) -> None:
    found = _events(nlp, "Ruritanian artillery shelled and bombed the Bordurian positions.")
    keys = [
        (e.start, e.event_type, tuple(a.code for a in e.actors), tuple(r.code for r in e.recipients))
        for e in found
    ]
    assert len(keys) == len(set(keys))


def test_negated_act_is_flagged(nlp) -> None:
    found = _events(nlp, "Pakistan does not want an armed conflict with Afghanistan.")
    assert all(
        not ({"ASSAULT"} & {e.event_type}) or {"negation", "hypothetical"} & set(e.context) for e in found
    )


def test_compound_actor_list(nlp) -> None:
    found = _events(nlp, "France and Germany condemned the missile strikes on Kyiv.")
    accuse = [e for e in found if e.event_type == "ACCUSE"]
    assert accuse and {a.code for a in accuse[0].actors} >= {"FRA", "DEU"}


def test_bad_input_never_raises(nlp) -> None:
    for text in ["", "   ", "!!!", "killed killed killed", "The the the."]:
        _events(nlp, text, published=None)


def test_nominal_act_under_potential_is_hypothetical(nlp) -> None:
    found = _events(nlp, "Militia units dug trenches near the river in preparation for potential retaliation "
                         "from the army.")
    assault = [e for e in found if e.event_type == "ASSAULT"]
    assert assault and all("hypothetical" in e.context for e in assault)


def test_event_span_starts_at_the_first_word_not_in_blanked_header() -> None:
    import datetime as dt

    from flashpoint.clean import prepare
    from flashpoint.models import SourceDocument
    from flashpoint.nlp import parse

    text = "title: Border clash\noutlet: Frontier Wire\n\nPakistani troops shelled Afghan posts on Monday."
    source = SourceDocument(id="h1", origin=Origin("h1.txt"), text=text)
    article = prepare(source, reference_date=dt.date(2026, 1, 1))
    assert isinstance(article, Article)
    doc = parse(article.nlp_text)
    found = events.extract_events(doc, article, mentions=(), quotes=(), places=(), times=())
    assert found and all(e.event_text.startswith("Pakistani troops") for e in found)


def test_dateline_city_is_never_an_event_actor(nlp) -> None:
    import datetime as dt

    from flashpoint.clean import prepare
    from flashpoint.models import SourceDocument
    from flashpoint.nlp import parse

    text = "KABUL, Sept 18 (Frontier Wire) - Pakistani jets struck hideouts in Paktika province on Friday."
    source = SourceDocument(id="k1", origin=Origin("k1.txt"), text=text)
    article = prepare(source, reference_date=dt.date(2026, 11, 1))
    assert isinstance(article, Article) and article.dateline_span is not None
    doc = parse(article.nlp_text)
    found = events.extract_events(doc, article, mentions=(), quotes=(), places=(), times=())
    assault = [e for e in found if e.event_type == "ASSAULT"]
    assert assault and all(a.entity_text.strip().upper() != "KABUL" for e in assault for a in e.actors)
