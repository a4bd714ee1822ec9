"""Toponym extraction, disambiguation and event location on our own sentences (small gazetteer)."""

from __future__ import annotations

import functools

import pytest

from flashpoint import gazetteer
from flashpoint.gazetteer import Entry
from flashpoint.models import Article, Origin
from flashpoint.places import extract_places, locate_event

nlp = pytest.importorskip("flashpoint.nlp")


def _geo(name: str, lat: float, lon: float, country: str | None, feature: str, pop: int,
         admin1: str | None = None) -> Entry:
    return Entry(name, lat, lon, country, admin1, feature, pop, None, "geonames", "CC-BY-4.0")


@functools.lru_cache(maxsize=1)
def _gaz() -> gazetteer.Gazetteer:
    rows = [
        (_geo("Pakistan", 30.1, 69.8, "PAK", "PCLI", 10**9 + 200_000_000), ["Islamic Republic of Pakistan"]),
        (_geo("Afghanistan", 33.5, 66.8, "AFG", "PCLI", 10**9 + 37_000_000), []),
        (_geo("India", 21.3, 79.0, "IND", "PCLI", 10**9 + 1_300_000_000), []),
        (_geo("Islamabad", 33.72, 73.04, "PAK", "PPLC", 600_000, "Islamabad Capital Territory"), []),
        (_geo("Chattogram", 22.3, 91.8, "BGD", "PPL", 3_900_000), ["Islamabad"]),
        (_geo("Kabul", 34.53, 69.17, "AFG", "PPLC", 3_000_000, "Kabul"), []),
        (_geo("Khost", 33.34, 69.92, "AFG", "PPL", 100_000, "Khost"), ["Khowst"]),
        (_geo("Cashmere", 47.52, -120.47, "USA", "PPL", 3_000, "Washington"), ["Kashmir"]),
        (_geo("Geo", 10.0, 10.0, "NGA", "PPL", 150_000), []),
        (_geo("Jackson", 32.3, -90.2, "USA", "PPL", 160_000, "Mississippi"), []),
    ]
    return gazetteer.from_entries(rows)


def _article(text: str) -> Article:
    return Article(id="t", origin=Origin("test"), text=text, nlp_text=text, body=text,
                   body_spans=((0, len(text)),), paragraphs=((0, len(text)),))


def _places(text: str):  # type: ignore[no-untyped-def]
    article = _article(text)
    doc = nlp.parse(text)
    return doc, article, extract_places(doc, article, gaz=_gaz())


def test_capital_with_noisy_alternate_name_resolves_to_pakistan() -> None:
    _, _, places = _places("Officials met in Islamabad on Tuesday to discuss trade with Afghanistan.")
    by_text = {p.text: p for p in places}
    assert by_text["Islamabad"].country == "PAK"
    assert by_text["Afghanistan"].feature == "PCLI"


def test_kashmir_in_a_south_asia_article_is_the_region() -> None:
    _, _, places = _places("Troops from India and Pakistan exchanged fire across the Line of Control "
                           "in Kashmir overnight, officials said.")
    kashmir = [p for p in places if p.text == "Kashmir"]
    assert kashmir and kashmir[0].country is None and kashmir[0].feature == "RGN"
    assert any(p.text == "Line of Control" and p.feature == "LINE" for p in places)


def test_alternate_spellings_in_text() -> None:
    _, _, places = _places("Fighting was reported in Paktiya and in Hilmand, and convoys crossed at Torkham.")
    admin1 = {p.text: p.admin1 for p in places}
    assert admin1.get("Paktiya") == "Paktia"
    assert admin1.get("Hilmand") == "Helmand"
    assert "Torkham" in admin1


def test_demonyms_are_not_places() -> None:
    _, _, places = _places("Pakistani forces and Afghan officials met near the border on Monday.")
    assert not [p for p in places if p.text in ("Pakistani", "Afghan")]


def test_national_adjective_with_territory_noun_is_the_country() -> None:
    text = "Militants crossed into Pakistani territory before dawn."
    doc, article, places = _places(text)
    assert [(p.text, p.country) for p in places] == [("Pakistani territory", "PAK")]
    place = locate_event(doc, article, places, 0, len(text), trigger_start=text.index("crossed"))
    assert place is not None and place.country == "PAK"


def test_outlet_names_are_not_places() -> None:
    _, _, places = _places("The minister told Geo News that talks with Kabul would resume soon.")
    assert [p.text for p in places] == ["Kabul"]


def test_person_names_are_not_places() -> None:
    _, _, places = _places("Maria Jackson, a local teacher, said Jackson had never seen such floods.")
    assert not [p for p in places if "Jackson" in p.text]


def test_features_spacy_mislabels_are_found() -> None:
    _, _, places = _places("The militants fled to Tora Bora, near the Afghan-Pakistan border.")
    names = {p.text: p for p in places}
    assert names["Tora Bora"].country == "AFG"
    border = names["Afghan-Pakistan border"]
    assert border.country is None and (border.lat, border.lon) == (31.85, 69.15)


def test_locate_event_prefers_the_clause_attachment_over_the_speaker_origin() -> None:
    text = "Pakistani jets struck hideouts in Khost province on Monday, the spokesman in Islamabad said."
    doc, article, places = _places(text)
    trigger = text.index("struck")
    place = locate_event(doc, article, places, 0, len(text), trigger_start=trigger)
    assert place is not None and place.text.startswith("Khost")
    assert place.admin1 == "Khost"


def test_locate_event_ignores_based_outlets() -> None:
    text = "Kabul-based Tolo reported that a bomb exploded at a market in Khost."
    doc, article, places = _places(text)
    place = locate_event(doc, article, places, 0, len(text), trigger_start=text.index("exploded"))
    assert place is not None and place.text == "Khost"


def test_locate_event_without_places_is_none() -> None:
    text = "The talks ended without agreement."
    doc, article, places = _places(text)
    assert locate_event(doc, article, places, 0, len(text)) is None


def test_offsets_point_into_the_text() -> None:
    text = "Convoys left Kabul for Khost."
    _, article, places = _places(text)
    for place in places:
        assert article.text[place.start:place.end] == place.text
        assert place.provenance is not None and place.provenance.extractor == "places"


def test_surname_of_a_named_person_is_not_a_small_village() -> None:
    from flashpoint.places import _is_person_name, _person_names
    from flashpoint.toponyms import ToponymMention

    text = "The engineer Pierre Louis Marchand arrived in Riverton. Later Marchand had a canal dug."
    names = _person_names(nlp.parse(text))
    assert "marchand" in names
    village = _geo("Marchand", -20.3, 57.6, "MUS", "PPL", 900)
    city = _geo("Marchand", 40.0, -80.0, "USA", "PPL", 400_000)
    start = text.rindex("Marchand")

    def mention(*readings: Entry, marked: bool = False, next_word: str = "") -> ToponymMention:
        return ToponymMention(start, start + 8, "Marchand", tuple((e, True) for e in readings),
                              marked=marked, next_word=next_word)

    assert _is_person_name(mention(village), names)
    assert not _is_person_name(mention(village, marked=True), names)  # "the village of Marchand"
    assert not _is_person_name(mention(village, next_word="province"), names)
    assert not _is_person_name(mention(village, city), names)  # a big city keeps its name
    assert not _is_person_name(mention(village), frozenset({"riverton"}))


def test_surname_marked_as_a_village_stays_a_place() -> None:
    rows = [(_geo("Marchand", -20.3, 57.6, "MUS", "PPL", 900), [])]
    gaz = gazetteer.from_entries(rows)
    text = "Pierre Louis Marchand was born in the village of Marchand on the island."
    places = extract_places(nlp.parse(text), _article(text), gaz=gaz)
    assert [p.start for p in places if p.text == "Marchand"] == [text.rindex("Marchand")]
