"""Directional regions ("eastern Afghanistan", "southern Helmand") placed in their part of the country or
province (our own sentences)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from builders import plain_article
from flashpoint import gazetteer, pipeline, regions
from flashpoint.places import extract_places
from flashpoint.regions import Direction, adjective_before, parse_direction, region_point


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


@pytest.fixture(scope="module")
def gaz() -> gazetteer.Gazetteer:
    return gazetteer.load()


# ----------------------------------------------------------------------------------------------
# reading the adjective


@pytest.mark.parametrize(("word", "expected"), [
    ("eastern", Direction(0, 1)), ("east", Direction(0, 1)), ("western", Direction(0, -1)),
    ("northern", Direction(1, 0)), ("south", Direction(-1, 0)), ("central", Direction(0, 0)),
    ("north-east", Direction(1, 1)), ("northeast", Direction(1, 1)), ("north-eastern", Direction(1, 1)),
    ("northeastern", Direction(1, 1)), ("north eastern", Direction(1, 1)), ("south-west", Direction(-1, -1)),
    ("south-western", Direction(-1, -1)), ("southwestern", Direction(-1, -1)),
    ("north-west", Direction(1, -1)),
    ("far western", Direction(0, -1)), ("far-northern", Direction(1, 0)),
])
def test_directions_are_parsed(word: str, expected: Direction) -> None:
    assert parse_direction(word) == expected


@pytest.mark.parametrize("word", ["Eastern", "North", "South-West", "middle", "upper", "centralern",
                                  "eastward", "mid-western", ""])
def test_non_directions_and_names_are_not_parsed(word: str) -> None:
    assert parse_direction(word) is None


def test_adjective_before_a_name() -> None:
    text = "Fighting spread across the far north-eastern Kenya border lands."
    found = adjective_before(text, text.index("Kenya"))
    assert found == (text.index("far"), Direction(1, 1))
    assert adjective_before("Clashes in eastern Chad.", len("Clashes in eastern ")) == (11, Direction(0, 1))


@pytest.mark.parametrize("text", ["They flew to North Carolina.", "A delegation from South Korea arrived.",
                                  "Talks in West Virginia ended.", "Flooding in the Eastern Cape.",
                                  "Troops in the Northeastern Province.", "Trade in mid-western Ohio.",
                                  "Rain in Kenya."])
def test_no_adjective_is_read_from_names(text: str) -> None:
    name = text.split()[-1].rstrip(".")
    assert adjective_before(text, text.rindex(name)) is None


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz- ", max_size=30))
def test_parse_direction_never_raises(word: str) -> None:
    found = parse_direction(word)
    assert found is None or (found.north_south in (-1, 0, 1) and found.east_west in (-1, 0, 1))


def test_direction_words() -> None:
    assert Direction(1, -1).word == "north-western"
    assert Direction(0, 0).word == "central"
    assert Direction(-1, 0).word == "southern"


# ----------------------------------------------------------------------------------------------
# the region's point, from the gazetteer's populated places


def test_eastern_afghanistan_is_in_the_east(gaz: gazetteer.Gazetteer) -> None:
    point = region_point(gaz, "AFG", None, Direction(0, 1))
    assert point is not None and _km(point, (34.0, 70.0)) < 150


def test_parts_of_countries_lie_where_they_should(gaz: gazetteer.Gazetteer) -> None:
    northern_pakistan = region_point(gaz, "PAK", None, Direction(1, 0))
    assert northern_pakistan is not None and northern_pakistan[0] > 33.0
    southern_lebanon = region_point(gaz, "LBN", None, Direction(-1, 0))
    assert southern_lebanon is not None and southern_lebanon[0] < 33.85  # south of Beirut
    western_afghanistan = region_point(gaz, "AFG", None, Direction(0, -1))
    assert western_afghanistan is not None and western_afghanistan[1] < 64.5
    northern_syria = region_point(gaz, "SYR", None, Direction(1, 0))
    assert northern_syria is not None and northern_syria[0] > 35.8
    central_afghanistan = region_point(gaz, "AFG", None, Direction(0, 0))
    assert central_afghanistan is not None and _km(central_afghanistan, (34.4, 66.8)) < 150


def test_outlying_territories_do_not_pull_a_region(gaz: gazetteer.Gazetteer) -> None:
    western_us = region_point(gaz, "USA", None, Direction(0, -1))
    assert western_us is not None and 30 < western_us[0] < 49 and -125 < western_us[1] < -104  # not Alaska


def test_province_parts(gaz: gazetteer.Gazetteer) -> None:
    southern_helmand = region_point(gaz, "AFG", "Helmand", Direction(-1, 0))
    assert southern_helmand is not None and southern_helmand[0] < 31.3


def _grid_gazetteer(country: str, lat0: float, lon0: float) -> gazetteer.Gazetteer:
    """A made-up country: a 7 x 7 grid of villages 0.5 degrees apart and one far-off island town."""
    rows = [(gazetteer.Entry(f"Village {i}-{j}", lat0 + 0.5 * i, lon0 + 0.5 * j, country, "Upland", "PPL",
                             1000, 900000 + 10 * i + j, gazetteer.GEONAMES_SOURCE, "CC-BY-4.0"), [])
            for i in range(7) for j in range(7)]
    rows.append((gazetteer.Entry("Far Island", lat0 - 20, lon0 + 40, country, "Isles", "PPL", 1000, 900999,
                                 gazetteer.GEONAMES_SOURCE, "CC-BY-4.0"), []))
    return gazetteer.from_entries(rows, with_supplement=False)


def test_thirds_of_a_made_up_country() -> None:
    gaz = _grid_gazetteer("ZZZ", 10.0, 20.0)  # villages at 10-13 N, 20-23 E
    east = region_point(gaz, "ZZZ", None, Direction(0, 1))
    assert east is not None and east[1] > 22.4 and 10.4 < east[0] < 12.6  # not pulled to the island
    north_west = region_point(gaz, "ZZZ", None, Direction(1, -1))
    assert north_west is not None and north_west[0] > 12.4 and north_west[1] < 20.6
    centre = region_point(gaz, "ZZZ", "Upland", Direction(0, 0))
    assert centre is not None and abs(centre[0] - 11.5) < 0.3 and abs(centre[1] - 21.5) < 0.3
    other = _grid_gazetteer("ZZZ", -40.0, 100.0)  # a new gazetteer is not answered from the old one's cache
    moved = region_point(other, "ZZZ", None, Direction(0, 1))
    assert moved is not None and moved[0] < -30


def test_too_few_places_gives_no_point(gaz: gazetteer.Gazetteer) -> None:
    assert region_point(gaz, "AFG", "No Such Province", Direction(1, 0)) is None
    assert region_point(gaz, "XXX", None, Direction(1, 0)) is None


# ----------------------------------------------------------------------------------------------
# places and events


def _places(nlp, text: str):  # type: ignore[no-untyped-def]
    return extract_places(nlp.parse(text), plain_article(text, "rg1"))


def test_eastern_afghanistan_becomes_a_region(nlp, gaz: gazetteer.Gazetteer) -> None:
    text = "Gunmen attacked a police post in eastern Afghanistan on Sunday, officials said."
    found = [p for p in _places(nlp, text) if "Afghanistan" in p.text]
    assert len(found) == 1
    place = found[0]
    assert (place.text, place.start, place.end) == ("eastern Afghanistan", text.index("eastern"),
                                                    text.index("Afghanistan") + len("Afghanistan"))
    assert place.name == "eastern Afghanistan" and place.feature == regions.REGION_FEATURE
    assert place.country == "AFG" and place.geonames_id is None
    assert place.provenance is not None and place.provenance.start == place.start
    assert _km((place.lat, place.lon), (34.0, 70.0)) < 150


def test_diagonal_region_of_a_country(nlp) -> None:
    text = "Heavy rain caused floods in south-western Nigeria this week."
    found = [p for p in _places(nlp, text) if "Nigeria" in p.text]
    assert [p.text for p in found] == ["south-western Nigeria"]
    assert found[0].lat is not None and found[0].lat < 9.0 and found[0].lon is not None and found[0].lon < 6.0


@pytest.mark.parametrize(("text", "name"), [
    ("The senator flew home to North Carolina after the vote.", "North Carolina"),
    ("The minister met envoys from South Korea in Geneva.", "South Korea"),
    ("The governor of West Virginia signed the bill on Friday.", "West Virginia"),
    ("Protests broke out in Afghanistan on Sunday.", "Afghanistan"),
])
def test_names_are_not_shifted(nlp, text: str, name: str) -> None:
    found = [p for p in _places(nlp, text) if name in p.text]
    assert found and all(p.text == name and p.feature != regions.REGION_FEATURE for p in found)


def test_towns_are_not_shifted(nlp) -> None:
    text = "A bomb went off in northern Kabul on Tuesday."
    assert all(p.feature != regions.REGION_FEATURE for p in _places(nlp, text))


def test_event_in_eastern_afghanistan_is_placed_in_the_east(nlp) -> None:
    text = "Insurgents attacked a checkpoint in eastern Afghanistan on Monday, killing two policemen."
    events = pipeline.analyse(plain_article(text, "rg2", "2024-05-02"), nlp.parse(text)).events
    located = [e.location for e in events if e.location is not None]
    assert located and located[0].name == "eastern Afghanistan"
    assert located[0].lat is not None and located[0].lon is not None
    assert _km((located[0].lat, located[0].lon), (34.0, 70.0)) < 150
