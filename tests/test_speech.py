"""Events from quote contents, on parsed sentences with hand-built mentions and quotes."""

from __future__ import annotations

from flashpoint.models import Actor, Article, DateValue, Event, Mention, Origin, Precision, Quote, QuoteKind
from flashpoint.nlp import parse
from flashpoint.speech import drop_duplicates, match_pattern, speech_events

SIDES = {
    "Ruritania": ("RUR", "GOV"), "Kestrel": ("RUR", "GOV"), "Minister Varga": ("RUR", "GOV"),
    "Borduria": ("BOR", "GOV"), "General Plekszy": ("BOR", "MIL"), "the Bordurian army": ("BOR", "MIL"),
    "The Daily Ledger": ("BOR", "JRN"), "the border guards": ("RUR", "MIL"),
}


def _article(text: str) -> Article:
    return Article(
        id="a1", origin=Origin("test"), text=text, nlp_text=text, body=text, body_spans=((0, len(text)),),
        paragraphs=((0, len(text)),), published=DateValue("2025-06-10", Precision.DAY),
    )


def _mentions(text: str) -> tuple[Mention, ...]:
    found = []
    for name, (code, sector) in SIDES.items():
        start = text.find(name)
        while start >= 0:
            end = start + len(name)
            if not any(m.start < end and start < m.end for m in found):
                actor = Actor(name, code=code, sector=sector, start=start, end=end)
                found.append(Mention(name, start, end, actor))
            start = text.find(name, end)
    return tuple(sorted(found, key=lambda m: m.start))


def _quote(text: str, content: str, speaker: str, kind: QuoteKind = QuoteKind.DIRECT) -> Quote:
    start = text.index(content)
    code, sector = SIDES[speaker]
    s_start = text.index(speaker)
    return Quote(id=f"q{start}", article_id="a1", kind=kind, text=content, start=start,
                 end=start + len(content), speaker=Actor(speaker, code=code, sector=sector),
                 speaker_start=s_start, speaker_end=s_start + len(speaker))


def _events(text: str, *quotes: tuple[str, str] | tuple[str, str, QuoteKind]) -> tuple[Event, ...]:
    doc = parse(text)
    qs = tuple(_quote(text, *q) for q in quotes)
    return speech_events(doc, _article(text), mentions=_mentions(text), quotes=qs)


def _summary(events: tuple[Event, ...]) -> set[tuple[str, str | None, str | None, str | None]]:
    return {(e.event_type, e.mode, e.actors[0].code, e.recipients[0].code if e.recipients else None)
            for e in events}


def test_threat_with_addressee_resolved_from_the_warning() -> None:
    text = ('Minister Varga issued a warning to Borduria on Monday. "We will crush anyone who crosses our '
            'border. Test us at your own peril," Minister Varga said.')
    events = _events(text, ('We will crush anyone who crosses our border. Test us at your own peril,',
                            "Minister Varga"))
    assert _summary(events) == {("THREATEN", "violence", "RUR", "BOR")}
    # one event per sentence that asserts the threat, each spanning its sentence
    assert len(events) == 2 and len({e.start for e in events}) == 2
    for e in events:
        assert e.quote_id is not None and e.event_text == text[e.start : e.end]
        assert e.event_scale == -3.5 and e.quad_code == 3 and e.context == ()


def test_conditional_territorial_threat_keeps_condition() -> None:
    text = ('General Plekszy warned Ruritania. "If one more shell lands on our villages, the Bordurian army '
            'will enter Ruritania and seize the northern corridor," General Plekszy said.')
    content = "If one more shell lands on our villages, the Bordurian army will enter Ruritania and seize the"
    events = _events(text, (content + " northern corridor,", "General Plekszy"))
    (event,) = events
    assert (event.event_type, event.mode, event.actors[0].code, event.recipients[0].code) == \
        ("THREATEN", "territory", "BOR", "RUR")
    assert event.condition is not None and event.condition.startswith("If one more shell")
    assert event.context == ()


def test_accusation_and_rejection() -> None:
    text = ('Borduria has long complained about its neighbour. "Ruritania keeps providing safe havens to '
            'the smugglers," General Plekszy said. "We reject these proposals as unreasonable," he added, '
            'quoted by Minister Varga later.')
    events = _events(text, ("Ruritania keeps providing safe havens to the smugglers,", "General Plekszy"),
                     ("We reject these proposals as unreasonable,", "General Plekszy"))
    assert ("ACCUSE", "allege", "BOR", "RUR") in _summary(events)
    assert ("REJECT", "change", "BOR", "RUR") in _summary(events)


def test_allegation_inside_a_condition_is_not_an_event() -> None:
    text = ('Minister Varga spoke about Borduria. "If they keep sheltering the gunmen, we will not hesitate '
            'to strike," Minister Varga said.')
    events = _events(text, ("If they keep sheltering the gunmen, we will not hesitate to strike,",
                            "Minister Varga"))
    assert _summary(events) == {("THREATEN", "violence", "RUR", "BOR")}


def test_first_person_talks_are_a_joint_consult_and_negated_war_is_flagged() -> None:
    text = ('Minister Varga spoke about Borduria. "We have tried peaceful negotiations for months," '
            'Minister Varga said. "We do not want an armed conflict with Borduria," he added.')
    events = _events(text, ("We have tried peaceful negotiations for months,", "Minister Varga"),
                     ("We do not want an armed conflict with Borduria,", "Minister Varga"))
    consult = next(e for e in events if e.event_type == "CONSULT")
    assert {a.code for a in consult.actors} == {"RUR", "BOR"} and consult.recipients == ()
    war = next(e for e in events if e.event_type == "ASSAULT")
    assert war.context == ("negation",)


def test_offer_of_good_ties_and_appeal() -> None:
    text = ('Minister Varga addressed Borduria. "We want good relations with all our neighbours," '
            'Minister Varga said. "We urge Borduria to withdraw its troops," he added.')
    events = _events(text, ("We want good relations with all our neighbours,", "Minister Varga"),
                     ("We urge Borduria to withdraw its troops,", "Minister Varga"))
    assert _summary(events) == {("AGREE", None, "RUR", "BOR"), ("REQUEST", "change", "RUR", "BOR")}


def test_media_report_codes_the_reported_actor() -> None:
    text = ('The Daily Ledger reported that the border guards are prepared to retaliate should Borduria '
            'shell the villages.')
    events = _events(text, ("the border guards are prepared to retaliate should Borduria shell the villages",
                            "The Daily Ledger", QuoteKind.INDIRECT))
    assert _summary(events) == {("THREATEN", "violence", "RUR", "BOR")}


def test_neutral_quotes_give_no_event() -> None:
    text = ('"The weather in the valley has been harsh this winter, and the roads are closed by snow," '
            'Minister Varga said. "Talks remain difficult," General Plekszy said.')
    events = _events(text, ("The weather in the valley has been harsh this winter, and the roads are closed "
                            "by snow,", "Minister Varga"), ("Talks remain difficult,", "General Plekszy"))
    assert events == ()


def test_pattern_gaps_and_prefixes() -> None:
    doc = parse("They will wipe the camps out completely.")
    assert match_pattern(("wipe", "...", "out"), list(doc), 3)
    assert not match_pattern(("wipe", "...", "out"), list(doc), 1)
    assert match_pattern(("camp*",), list(doc), 0)


def test_drop_duplicates_prefers_the_event_with_a_recipient() -> None:
    text = 'Minister Varga spoke about Borduria. "We will crush them," Minister Varga said.'
    (event,) = _events(text, ("We will crush them,", "Minister Varga"))
    from dataclasses import replace

    bare = replace(event, recipients=())
    assert drop_duplicates([bare, event]) == (event,)


def test_obligation_is_a_demand_only_when_it_names_the_other_side() -> None:
    text = ('Minister Varga spoke on Monday. "Borduria must rein in the gunmen," Minister Varga said. '
            '"We must protect our farmers, and there needs to be a new law," he added.')
    events = _events(text, ("Borduria must rein in the gunmen,", "Minister Varga"),
                     ("We must protect our farmers, and there needs to be a new law,", "Minister Varga"))
    assert _summary(events) == {("REQUEST", "change", "RUR", "BOR")}
    assert events[0].start == text.index('"Borduria')


def test_outlets_are_recognised_by_sector_or_name_words() -> None:
    from flashpoint.models import Actor
    from flashpoint.speech import is_outlet

    assert is_outlet(Actor("Frontier Wire"))
    assert is_outlet(Actor("Dawn", code="PAK", sector="JRN"))
    assert not is_outlet(Actor("Pakistan", code="PAK", sector="GOV"))


def test_pronoun_speaker_is_named_after_its_antecedent() -> None:
    from flashpoint.models import Actor
    from flashpoint.speech import named

    he = Actor("he", identifier_text="Rana Saleem Akhtar", code="PAK", sector="GOV")
    assert named(he).entity_text == "Rana Saleem Akhtar" and named(he).code == "PAK"
    minister = Actor("the minister", identifier_text="Rana Saleem Akhtar", code="PAK", sector="GOV")
    assert named(minister) is minister
