"""Tests of actor resolution on short, self-written texts parsed with spaCy."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builders import plain_article
from flashpoint.actors import extract_mentions, mention_at, mentions_in, resolve_name
from flashpoint.models import Article, Mention, Origin
from flashpoint.nlp import parse


def _article(text: str, published: str | None = "2025-06-10") -> Article:
    return plain_article(text, "t", published)


def _mentions(text: str, published: str | None = "2025-06-10") -> tuple[Mention, ...]:
    return extract_mentions(parse(text), _article(text, published))


def _at(mentions: tuple[Mention, ...], text: str, phrase: str, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    found = mention_at(mentions, start, start + len(phrase))
    assert found is not None, f"no mention over {phrase!r}"
    return found


def _code(m: Mention) -> tuple[str | None, str | None]:
    return m.actor.code, m.actor.sector


def test_country_name_demonym_and_capital() -> None:
    text = "Pakistan launched airstrikes. Pakistani jets returned. Islamabad denied it. Pakistanis marched."
    ms = _mentions(text)
    assert _code(_at(ms, text, "Pakistan")) == ("PAK", "GOV")
    assert _code(_at(ms, text, "Pakistani jets")) == ("PAK", "MIL")
    assert _code(_at(ms, text, "Islamabad")) == ("PAK", "GOV")
    assert _code(_at(ms, text, "Pakistanis")) == ("PAK", "CVL")


def test_generic_agents_with_and_without_country() -> None:
    text = (
        "Pakistani security forces raided a village. Afghan civilians fled. Security forces blocked a road. "
        "The police arrested two men. Militants of the TTP attacked a post. The government of Pakistan spoke."
    )
    ms = _mentions(text)
    assert _code(_at(ms, text, "Pakistani security forces")) == ("PAK", "MIL")
    assert _code(_at(ms, text, "Afghan civilians")) == ("AFG", "CVL")
    assert _code(_at(ms, text, "Security forces")) == (None, "MIL")
    assert _code(_at(ms, text, "police")) == (None, "COP")
    assert _code(_at(ms, text, "Militants of the TTP")) == ("PAK", "REB")
    assert _code(_at(ms, text, "government of Pakistan")) == ("PAK", "GOV")


def test_sources_and_analysts_are_not_actors() -> None:
    text = "Analysts said the talks stalled, according to local media sources. Observers were not surprised."
    ms = _mentions(text)
    assert mention_at(ms, text.index("Analysts"), text.index("Analysts") + 8) is None
    assert mention_at(ms, text.index("sources"), text.index("sources") + 7) is None
    assert mention_at(ms, text.index("Observers"), text.index("Observers") + 9) is None


def test_hyphenated_group_name_is_one_mention() -> None:
    text = "The Tehreek-e-Taliban Pakistan claimed the attack, and Tehrik-i-Taliban Pakistan fighters fled."
    ms = _mentions(text)
    first = _at(ms, text, "Tehreek-e-Taliban Pakistan")
    assert first.text == "Tehreek-e-Taliban Pakistan" and _code(first) == ("PAK", "REB")
    assert _code(_at(ms, text, "Tehrik-i-Taliban Pakistan fighters")) == ("PAK", "REB")


def test_taliban_coded_by_article_date_and_by_a_dated_sentence() -> None:
    text = "The Taliban rejected the demand."
    assert _code(_at(_mentions(text, "2025-01-05"), text, "Taliban")) == ("AFG", "GOV")
    assert _code(_at(_mentions(text, "2012-01-05"), text, "Taliban")) == ("AFG", "REB")
    history = "In 2009 the Taliban attacked a convoy near the border."
    assert _code(_at(_mentions(history, "2025-01-05"), history, "Taliban")) == ("AFG", "REB")


def test_taliban_fighters_are_military_after_2021_and_rebels_before() -> None:
    text = "Taliban fighters fired on the post."
    assert _code(_at(_mentions(text, "2024-03-01"), text, "Taliban fighters")) == ("AFG", "MIL")
    assert _code(_at(_mentions(text, "2015-03-01"), text, "Taliban fighters")) == ("AFG", "REB")


def test_title_and_name_resolve_to_office_on_the_date() -> None:
    text = "Pakistan's Defence Minister Khawaja Asif warned Kabul on Tuesday."
    ms = _mentions(text, "2025-10-28")
    person = _at(ms, text, "Khawaja Asif")
    assert _code(person) == ("PAK", "GOV")
    assert person.actor.office == "Minister of Defence"
    assert person.actor.identifier_text == "Khawaja Muhammad Asif"
    title = _at(ms, text, "Pakistan's Defence Minister")
    assert title.actor.registry_id == "khawaja-asif"


def test_unknown_person_takes_country_and_sector_of_title() -> None:
    text = "Foreign Minister Tomas Brekke met Kenyan Interior Minister Joseph Mwangi Kariuki in Nairobi."
    ms = _mentions(text)
    kenyan = _at(ms, text, "Joseph Mwangi Kariuki")
    assert _code(kenyan) == ("KEN", "GOV")


def test_appositive_gives_an_unknown_person_his_affiliation() -> None:
    text = "Abdul Rahim Barakzai, a senior commander of the Taliban, threatened Pakistani forces."
    ms = _mentions(text, "2025-10-20")
    assert _code(_at(ms, text, "Abdul Rahim Barakzai")) == ("AFG", "MIL")
    assert _code(_at(ms, text, "Pakistani forces")) == ("PAK", "MIL")


def test_surname_title_and_pronoun_coreference() -> None:
    text = (
        "Pakistan's Defence Minister Khawaja Asif spoke on Monday. Asif said talks had failed. "
        "The minister added that he would not attend. His office later confirmed it."
    )
    ms = _mentions(text, "2025-10-27")
    name = text.index("Khawaja Asif")
    for phrase in ("Asif said", "The minister", "he would", "His office"):
        word = phrase.split()[0] if phrase != "The minister" else phrase
        m = _at(ms, text, word, 0 if phrase != "Asif said" else 1)
        assert m.actor.registry_id == "khawaja-asif", phrase
        if phrase != "Asif said":
            assert m.antecedent_start is not None
            assert m.actor.start is not None and m.actor.start <= m.start
    pronoun = _at(ms, text, "he would")
    assert pronoun.antecedent_start is not None and pronoun.antecedent_start >= name


def test_pronoun_without_a_person_stays_unresolved() -> None:
    text = "The border was closed on Monday. He said nothing about it."
    ms = _mentions(text)
    assert mention_at(ms, text.index("He"), text.index("He") + 2) is None


def test_she_does_not_resolve_to_a_man() -> None:
    text = "Shehbaz Sharif met the envoy. She said the meeting went well."
    ms = _mentions(text)
    she = text.index(". She") + 2
    assert mention_at(ms, she, she + 3) is None


def test_compound_mentions_give_two_actors() -> None:
    text = "Taliban fighters and TTP militants attacked the post together."
    ms = _mentions(text, "2025-01-01")
    inside = mentions_in(ms, 0, text.index(" attacked"))
    codes = {_code(m) for m in inside}
    assert ("AFG", "MIL") in codes and ("PAK", "REB") in codes


def test_capital_after_a_locative_preposition_stands_for_its_people() -> None:
    text = "Delegations met in Kabul. Kabul rejected the proposal."
    ms = _mentions(text)
    assert _code(_at(ms, text, "Kabul", 0)) == ("AFG", "CVL")
    assert _code(_at(ms, text, "Kabul", 1)) == ("AFG", "GOV")


def test_outlets_are_journalists_of_their_country() -> None:
    text = "Geo News reported the strike, and Al Jazeera quoted residents."
    ms = _mentions(text)
    assert _code(_at(ms, text, "Geo News")) == ("PAK", "JRN")
    assert _code(_at(ms, text, "Al Jazeera")) == ("QAT", "JRN")


def test_acronym_matches_only_in_capitals() -> None:
    text = "Let us see what the US says."
    ms = _mentions(text)
    assert mention_at(ms, text.index("us see"), text.index("us see") + 2) is None
    assert _code(_at(ms, text, "US says")) == ("USA", "GOV")


def test_headline_verb_is_trimmed_from_a_person() -> None:
    text = "Is Defence Minister Khawaja Asif Challenging the Taliban?"
    ms = _mentions(text)
    person = _at(ms, text, "Khawaja Asif")
    assert person.text == "Khawaja Asif"


def test_mentions_carry_provenance_and_offsets_into_text() -> None:
    text = "Hamas and Hezbollah condemned the strike."
    for m in _mentions(text):
        assert text[m.start : m.end] == m.text
        assert m.provenance is not None and m.provenance.extractor == "actors"


def test_extract_mentions_without_a_doc() -> None:
    text = "Pakistani troops shelled Afghan positions."
    ms = extract_mentions(None, _article(text))
    assert _code(_at(ms, text, "Pakistani troops")) == ("PAK", "MIL")


@pytest.mark.parametrize(
    ("name", "code", "sector"),
    [
        ("Pakistani security forces", "PAK", "MIL"),
        ("Tehreek-e-Taliban Pakistan", "PAK", "REB"),
        ("a spokesperson for the Afghan Ministry of Interior", "AFG", "GOV"),
        ("Afghan Ministry of Defence", "AFG", "MIL"),
        ("Israeli troops", "ISR", "MIL"),
        ("Iraqi Kurds", "IRQ", "CVL"),
        ("Russian President Vladimir Putin", "RUS", "GOV"),
    ],
)
def test_resolve_name(name: str, code: str, sector: str) -> None:
    actor = resolve_name(name, dt.date(2025, 1, 1))
    assert actor is not None and (actor.code, actor.sector) == (code, sector)


def test_resolve_name_unknown_is_none() -> None:
    assert resolve_name("the weather") is None


def test_mention_at_prefers_coded_and_longest() -> None:
    text = "Afghan Taliban fighters crossed."
    ms = _mentions(text, "2024-01-01")
    m = mention_at(ms, text.index("fighters"), text.index("fighters") + 8)
    assert m is not None and _code(m) == ("AFG", "MIL")


def test_resolved_places_give_towns_a_country() -> None:
    from flashpoint.models import Place

    text = "Gunmen attacked a market in Quxabad on Friday."
    start = text.index("Quxabad")
    place = Place(article_id="t", text="Quxabad", start=start, end=start + 7, name="Quxabad", country="IRQ")
    ms = extract_mentions(parse(text), _article(text), places=(place,))
    assert _code(_at(ms, text, "Quxabad")) == ("IRQ", "CVL")
    assert mention_at(extract_mentions(parse(text), _article(text)), start, start + 7) is None


def test_organisation_named_after_a_state_takes_its_code() -> None:
    text = "The Kenyan Farmers Cooperative Union rejected the new tax on Monday."
    ms = _mentions(text)
    m = _at(ms, text, "Farmers Cooperative Union")
    assert m.actor.code == "KEN"


def test_undated_title_chooses_the_matching_office() -> None:
    text = "Palestinian Prime Minister Ismail Haniyeh rejected the plan."
    ms = _mentions(text, None)
    assert _code(_at(ms, text, "Ismail Haniyeh")) == ("PSE", "GOV")


def test_anti_and_pro_prefixes_do_not_name_the_actor() -> None:
    text = "An anti-Syria journalist was attacked by pro-Iranian militias."
    ms = _mentions(text)
    for word in ("journalist", "militias"):
        m = _at(ms, text, word)
        assert m.actor.code is None


def test_person_with_collective_agent_and_organisation_nominal() -> None:
    text = (
        "The Obama administration said the National Security Committee of Pakistan had met. "
        "The committee vowed to act, and Pakistan said its border troops were ready."
    )
    ms = _mentions(text, "2012-05-01")
    assert _code(_at(ms, text, "Obama administration")) == ("USA", "GOV")
    assert _at(ms, text, "The committee").actor.registry_id == "pak-nsc"
    assert _code(_at(ms, text, "border troops")) == ("PAK", "MIL")


def test_since_year_does_not_date_the_sentence() -> None:
    text = "The Taliban, in power since 2021, rejected the call."
    assert _code(_at(_mentions(text, "2024-02-01"), text, "Taliban")) == ("AFG", "GOV")


_WORDS = [
    "Pakistan",
    "Afghan",
    "Taliban",
    "TTP",
    "he",
    "his",
    "the",
    "minister",
    "forces",
    "of",
    "in",
    "Kabul",
    "Khawaja",
    "Asif",
    "said",
    ",",
    ".",
    "'s",
    "-",
    "e",
    "Tehrik",
    "civilians",
    "US",
    "us",
    "\u2019",
    "\n",
    "President",
    "Bush",
    "its",
    "anti",
    "officials",
    "(",
    ")",
    '"',
    "Zabiullah",
    "Mujahid",
    "\u00e9",
]


@given(st.lists(st.sampled_from(_WORDS), max_size=40), st.booleans())
@settings(max_examples=150, deadline=None)
def test_any_word_salad_gives_well_formed_mentions(tokens: list[str], spaced: bool) -> None:
    text = (" " if spaced else "").join(tokens)
    for m in extract_mentions(None, _article(text)):
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.text
        if m.antecedent_start is not None:
            assert m.antecedent_end is not None and m.antecedent_start < m.antecedent_end <= len(text)


@given(st.text(max_size=60))
@settings(max_examples=100, deadline=None)
def test_resolve_name_never_raises(name: str) -> None:
    resolve_name(name)


def test_pronoun_outside_quotes_skips_people_named_inside_them() -> None:
    text = 'Khawaja Asif spoke to reporters. "Tell Ahmad Farid Qureshi to leave now," he added.'
    ms = _mentions(text, "2025-10-29")
    he = text.index(" he ") + 1
    m = mention_at(ms, he, he + 2)
    assert m is not None and m.actor.registry_id == "khawaja-asif"


def test_object_pronoun_does_not_point_at_its_own_subject() -> None:
    text = "Hamas fired rockets. Israel vowed to destroy them."
    ms = _mentions(text)
    them = text.index("them")
    m = mention_at(ms, them, them + 4)
    assert m is not None and m.actor.registry_id == "hamas"



def test_dateline_city_is_not_an_actor() -> None:
    from flashpoint.clean import prepare
    from flashpoint.models import SourceDocument

    text = ("PESHAWAR, Sept 14 (Frontier Wire) - Pakistan closed the crossing on Monday after Afghan "
            "guards opened fire on a border post, officials said.")
    doc = SourceDocument(id="d1", origin=Origin("d1.txt"), text=text)
    article = prepare(doc, reference_date=dt.date(2026, 11, 1))
    assert isinstance(article, Article) and article.dateline_span is not None
    mentions = extract_mentions(parse(article.nlp_text), article)
    assert all(m.start >= article.dateline_span[1] for m in mentions)
    assert any(m.actor.code == "PAK" and m.text == "Pakistan" for m in mentions)


@pytest.mark.parametrize(
    ("text", "phrase", "code"),
    [
        # an unregistered office holder takes the state his sentence names
        ("President Tomas Verhaegen imposed a curfew in Lusaka after the riots.", "Tomas Verhaegen", "ZMB"),
        ("Rebels in Mali rejected an appeal from President Ibrahim Kone to disarm.", "Ibrahim Kone", "MLI"),
        # the nearest state before the holder wins over a later one
        ("A Peruvian judge summoned former president Julio Ramos over arms sales to Chile.", "Julio Ramos",
         "PER"),
    ],
)
def test_unregistered_office_holder_takes_the_sentence_state(text: str, phrase: str, code: str) -> None:
    assert _at(_mentions(text, published=None), text, phrase).actor.code == code


def test_person_without_office_gets_no_state_from_the_sentence() -> None:
    text = "Marta Vinceli travelled to Peru on Monday."
    ms = _mentions(text, published=None)
    found = [m for m in ms if m.text == "Marta Vinceli"]
    assert all(m.actor.code != "PER" for m in found)


def test_bare_civil_title_takes_the_state_but_a_bare_leader_does_not() -> None:
    text = "The Vice-President refused to resign despite pressure from the Kenyan anti-graft body."
    assert _at(_mentions(text, published=None), text, "Vice-President").actor.code == "KEN"
    text = "Forces detained the leader in a village in Kenya."
    found = [m for m in _mentions(text, published=None) if m.text == "leader"]
    assert all(m.actor.code is None for m in found)
