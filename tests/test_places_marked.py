"""Places the text itself marks ("the village of X", "the X district"), datelines, locative contexts and
the event's most specific place, on our own sentences (small gazetteer)."""

from __future__ import annotations

import functools

import pytest

from flashpoint import gazetteer
from flashpoint.gazetteer import Entry
from flashpoint.models import Article, Origin, Place
from flashpoint.places import extract_places, locate_event

nlp = pytest.importorskip("flashpoint.nlp")


def _geo(name: str, lat: float, lon: float, country: str | None, feature: str, pop: int,
         admin1: str | None = None) -> Entry:
    return Entry(name, lat, lon, country, admin1, feature, pop, None, "geonames", "CC-BY-4.0")


@functools.lru_cache(maxsize=1)
def _gaz() -> gazetteer.Gazetteer:
    rows = [
        (_geo("Afghanistan", 33.5, 66.8, "AFG", "PCLI", 10**9 + 37_000_000), []),
        (_geo("Pakistan", 30.1, 69.8, "PAK", "PCLI", 10**9 + 200_000_000), []),
        (_geo("Kabul", 34.53, 69.17, "AFG", "PPLC", 3_000_000, "Kabul"), []),
        (_geo("Khost", 33.34, 69.92, "AFG", "PPL", 100_000, "Khost"), []),
        (_geo("Jalalabad", 34.43, 70.45, "AFG", "PPL", 200_000, "Nangarhar"), []),
        (_geo("Bagrami", 34.49, 69.27, "AFG", "PPL", 1_200, "Kabul"), ["Bagram Bala"]),
        (_geo("Ghazni", 33.55, 68.42, "AFG", "PPL", 140_000, "Ghazni"), []),
        (_geo("Springfield", 39.8, -89.64, "USA", "PPL", 116_000, "Illinois"), []),
        (_geo("Illinois", 40.0, -89.0, "USA", "ADM1", 12_000_000, "Illinois"), []),
        (_geo("United States", 39.8, -98.6, "USA", "PCLI", 10**9 + 330_000_000), []),
    ]
    return gazetteer.from_entries(rows)


def _article(text: str) -> Article:
    return Article(id="t", origin=Origin("test"), text=text, nlp_text=text, body=text,
                   body_spans=((0, len(text)),), paragraphs=((0, len(text)),))


def _places(text: str) -> tuple[object, Article, tuple[Place, ...]]:
    article = _article(text)
    doc = nlp.parse(text)
    return doc, article, extract_places(doc, article, gaz=_gaz())


def _by_text(places: tuple[Place, ...]) -> dict[str, Place]:
    return {p.text: p for p in places}


def test_unknown_village_of_x_takes_the_linked_container() -> None:
    text = "Gunmen stormed the village of Sangar Kalay, some 40 km south of Kabul, on Monday."
    _, _, places = _places(text)
    found = _by_text(places)
    assert "Sangar Kalay" in found
    village = found["Sangar Kalay"]
    assert village.feature is None and village.geonames_id is None
    assert village.name == "Sangar Kalay"
    assert (village.lat, village.lon) == (found["Kabul"].lat, found["Kabul"].lon)
    assert village.confidence < 0.5


def test_plural_marker_lists_every_town_and_keeps_unplaced_ones() -> None:
    _, _, places = _places("The rebels captured the towns of Mirzawal and Tor Ghundai after a long siege.")
    found = _by_text(places)
    assert {"Mirzawal", "Tor Ghundai"} <= set(found)
    assert found["Mirzawal"].lat is None  # nothing in the text to place them by
    assert found["Mirzawal"].confidence <= 0.1


def test_name_before_lower_case_district_is_a_place() -> None:
    _, _, places = _places("Fighting spread to the Zormatak district, in eastern Afghanistan, last week.")
    found = _by_text(places)
    assert "Zormatak" in found
    assert found["Zormatak"].country == "AFG"


def test_marked_alternate_name_of_small_village_is_trusted() -> None:
    # "Bagram Bala" is only an alternate name of a small village: alone it is too noisy, marked it is kept
    _, _, places = _places("Two shops burned in the village of Bagram Bala near Kabul.")
    found = _by_text(places)
    assert found["Bagram Bala"].name == "Bagrami"


def test_demonym_before_place_noun_is_not_a_name() -> None:
    _, _, places = _places("Officials visited the Afghan city of Ghazni and the Pakistani town nearby.")
    texts = {p.text for p in places}
    assert "Ghazni" in texts
    assert not texts & {"Afghan", "Pakistani"}


def test_upper_case_dateline_and_its_region() -> None:
    _, _, places = _places("SPRINGFIELD, Ill. (AP) - Lawmakers passed the budget late on Tuesday.")
    found = _by_text(places)
    assert found["SPRINGFIELD"].name == "Springfield"
    assert found["SPRINGFIELD"].admin1 == "Illinois"


def test_dateline_after_a_caption_paragraph() -> None:
    _, _, places = _places("Photo by staff\n\nJALALABAD - Traders reopened the market on Sunday.")
    assert "JALALABAD" in _by_text(places)


def test_tail_of_unknown_hyphenated_name_is_not_a_place() -> None:
    _, _, places = _places("A spokesman for Zorvan-Khost Police said the road was closed.")
    assert "Khost" not in _by_text(places)


def test_name_after_motion_verb_to_is_a_place() -> None:
    _, _, places = _places("Hundreds of families fled to Jalalabad after the floods.")
    assert "Jalalabad" in _by_text(places)


def _locate(text: str, trigger: str) -> Place | None:
    doc, article, places = _places(text)
    start = text.index(trigger)
    return locate_event(doc, article, places, 0, len(text), trigger_start=start)


def test_event_in_city_neighbourhood_of_x_is_x() -> None:
    text = "In the western Kabul neighbourhood of Dasht Barchi, a bomb killed three people."
    place = _locate(text, "killed")
    assert place is not None and place.text == "Dasht Barchi"


def test_event_in_x_district_comma_country_is_the_district() -> None:
    text = "Ten soldiers were killed in clashes in Zormatak district, eastern Afghanistan."
    place = _locate(text, "killed")
    assert place is not None and place.text == "Zormatak"


def test_place_the_subject_comes_from_is_not_the_event_place() -> None:
    place = _locate("The bomber, from a village near Ghazni, detonated his vest at the Khost junction "
                    "in eastern Afghanistan.", "detonated")
    assert place is not None and place.text == "Khost"
