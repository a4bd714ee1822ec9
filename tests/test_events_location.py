"""Event coding details behind event places and dates: patrols, weapon-only attacks, places of events coded
from quotes, background acts, dates from the trigger's own clause (our own sentences)."""

from __future__ import annotations

from builders import plain_article
from flashpoint import pipeline
from flashpoint.events import own_clause_times
from flashpoint.models import Event, Precision, TimeExpr


def _events(nlp, text: str, published: str | None = "2024-05-02") -> tuple[Event, ...]:
    return pipeline.analyse(plain_article(text, "loc1", published), nlp.parse(text)).events


def _located(events: tuple[Event, ...], trigger: str) -> list[str | None]:
    return [e.location.name if e.location else None for e in events if e.trigger and trigger in e.trigger]


def test_patrol_is_a_show_of_force(nlp):
    found = _events(nlp, "Armed soldiers patrolled the streets of Mombasa on Monday.")
    assert [(e.event_type, e.mode) for e in found if e.trigger == "patrolled"] == [("MOBILIZE", "troops")]
    assert _located(found, "patrolled") == ["Mombasa"]


def test_weapon_words_make_an_actorless_blast_an_event(nlp):
    found = _events(nlp, "A roadside bomb detonated near a market in Kirkuk, officials said.")
    assert any(e.event_type == "ASSAULT" for e in found)


def test_film_director_shot_with_a_gun_is_still_an_attack(nlp):
    text = "The director of a small trading firm was shot with a pistol outside his home in Riga."
    found = _events(nlp, text)
    assert [e.event_type for e in found if e.trigger == "shot"] == ["ASSAULT"]


def test_killed_by_sniper_fire_is_an_attack_but_a_blaze_is_not(nlp):
    sniper = _events(nlp, "The commander was killed by sniper fire in Homs.")
    assert any(e.event_type == "ASSAULT" for e in sniper)
    assert not any(e.event_type == "ASSAULT" for e in _events(nlp, "Two workers were killed by the fire."))


def test_captured_person_pronoun(nlp):
    found = _events(nlp, "He was finally captured in Sudan last year.")
    assert [e.event_type for e in found] == ["COERCE"]


def test_month_names_are_not_marches(nlp):
    found = _events(nlp, "Operational Update March 24, 2011. Troops detained three men in Gardez.")
    assert not any(e.event_type == "PROTEST" for e in found)


def test_background_attack_is_not_coded(nlp):
    text = "Police arrested the man behind the May 11 bombing that killed four guards in Gardez."
    found = _events(nlp, text)
    assert [e.trigger for e in found if e.event_type == "ASSAULT"] == []
    assert any(e.event_type == "COERCE" for e in found)


def test_attack_launched_is_still_coded(nlp):
    found = _events(nlp, "Rebels launched an attack that killed four soldiers in Gao on Monday.")
    assert any(e.event_type == "ASSAULT" for e in found)


def test_date_from_the_triggers_own_clause(nlp):
    text = "Troops detained a commander who was responsible for Tuesday's ambush in Khost today."
    doc = nlp.parse(text)
    trigger = next(t for t in doc if t.text == "detained")
    tuesday = TimeExpr(article_id="loc1", text="Tuesday", start=text.index("Tuesday"),
                       end=text.index("Tuesday") + 7, value="2024-04-30", precision=Precision.DAY)
    today = TimeExpr(article_id="loc1", text="today", start=text.index("today"),
                     end=text.index("today") + 5, value="2024-05-02", precision=Precision.DAY)
    kept = own_clause_times((tuesday, today), trigger, 0, len(text))
    assert [t.text for t in kept] == ["today"]


def test_event_coded_from_a_quote_gets_a_place(nlp):
    text = ('"Our forces will strike back at the militants in Kandahar," the Afghan defence minister '
            "said on Monday.")
    found = _events(nlp, text)
    quoted = [e for e in found if e.quote_id]
    assert all(e.location is not None for e in quoted)


def test_a_date_closing_the_sentence_dates_the_main_act(nlp):
    text = ("A joint force detained four men while searching for a bomb maker in Zurmat district, Paktiya "
            "province, March 2.")
    found = _events(nlp, text, published="2024-03-04")
    detained = [e for e in found if e.trigger == "detained"]
    assert detained and detained[0].date is not None and detained[0].date.value == "2024-03-02"


def test_undated_paragraph_takes_the_leads_date(nlp):
    text = ("Soldiers raided a compound in Khost yesterday.\n\n"
            "The target was a weapons courier for the network.\n\n"
            "The force detained two more men during the search.")
    article = plain_article(text, "loc2", "2024-05-02")
    paragraphs = tuple((text.index(p), text.index(p) + len(p)) for p in text.split("\n\n"))
    from dataclasses import replace
    article = replace(article, paragraphs=paragraphs)
    found = pipeline.analyse(article, nlp.parse(text)).events
    detained = [e for e in found if e.trigger == "detained"]
    assert detained and detained[0].date is not None and detained[0].date.value == "2024-05-01"


def test_a_nominal_act_keeps_the_date_inside_its_own_phrase(nlp):
    text = "Officials today announced the arrest on Monday of two couriers."
    doc = nlp.parse(text)
    trigger = next(t for t in doc if t.text == "arrest")
    monday = TimeExpr(article_id="loc1", text="Monday", start=text.index("Monday"),
                      end=text.index("Monday") + 6, value="2024-04-29", precision=Precision.DAY)
    today = TimeExpr(article_id="loc1", text="today", start=text.index("today"),
                     end=text.index("today") + 5, value="2024-05-02", precision=Precision.DAY)
    kept = own_clause_times((monday, today), trigger, 0, len(text))
    assert [t.text for t in kept] == ["Monday"]  # not the announcement's "today"
