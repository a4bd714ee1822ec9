"""Directional regions: "eastern Afghanistan", "north-west Pakistan", "southern Helmand" placed where meant.

In: a resolved country (PCLI) or province (ADM1) :class:`~flashpoint.models.Place`, the lower-case
directional adjective written directly before it ("eastern", "north-west", "far western", "central") and
the gazetteer. Out: the region's point, or a new Place whose span starts at the adjective, named
"eastern Afghanistan", feature ``RGN``, country and province kept, no GeoNames id.

The point comes from data, not from hand-typed coordinates: the gazetteer's GeoNames populated places of
that country (or province), with far-flung outliers dropped (overseas territories, Alaska), are cut into
thirds of their extent (5th to 95th percentile) by longitude for east/west, by latitude for north/south,
by both for the diagonals and the middle third of both for "central"; the region's point is the mean of
the places in its part, each 0.5-degree cell counted once (so a dense plain does not outweigh thinly
settled mountains). A plain "eastern" of a land wider than tall leaves out its north-east and south-east
corners (likewise "northern" of a tall land); a corner with too few places falls back to the western third
of the northern third (and so on), a thinly settled province to halves. With fewer than three places in
the part the place keeps its unshifted point. Results are cached per (country, province, direction).
Capitalised adjectives are names ("North Carolina", "South Korea", "Western Cape") and are never read.
"""

from __future__ import annotations

import math
import re
import statistics
from collections.abc import Iterable
from dataclasses import dataclass, replace

from . import gazetteer
from .models import Article, Place, Provenance

__all__ = ["REGION_FEATURE", "Direction", "adjective_before", "parse_direction", "region_point",
           "shift_place", "shift_regions"]

REGION_FEATURE = "RGN"
SHIFTED_FEATURES = frozenset({"PCLI", "ADM1"})
POPULATED_FEATURES = frozenset({"PPL", "PPLC"})
MIN_PLACES = 3  # fewer populated places than this in a part: keep the unshifted point
LOW_PERCENTILE, HIGH_PERCENTILE = 0.05, 0.95
OUTLIER_FACTOR = 2.0  # a place farther from the median than this many times the 90th-percentile distance
KM_PER_DEGREE = 111.2
CELL_DEGREES = 0.5  # places in one cell of this size count once
EXTRACTOR, VERSION = "places", "1"

_NS = {"north": 1, "south": -1}
_EW = {"east": 1, "west": -1}
# "far-eastern", "north-east", "north eastern", "northeastern", "south-western", "central"
_ADJECTIVE_RE = re.compile(
    r"(?:(far)[ \-])?(?:(north|south)(?:[ \-]?(east|west))?(?:ern)?|(east|west)(?:ern)?|(central))"
    r"[ \t\u00a0]+$")


@dataclass(frozen=True, slots=True)
class Direction:
    """A part of a country or province: ``north_south`` 1 (north), -1 (south) or 0; ``east_west`` likewise;
    both 0 is the centre."""

    north_south: int
    east_west: int

    @property
    def word(self) -> str:
        """'north-eastern', 'western', 'central'."""
        if self.north_south == 0 and self.east_west == 0:
            return "central"
        ns = {1: "north", -1: "south", 0: ""}[self.north_south]
        ew = {1: "east", -1: "west", 0: ""}[self.east_west]
        return (f"{ns}-{ew}" if ns and ew else ns or ew) + "ern"


def parse_direction(word: str) -> Direction | None:
    """The direction a lower-case adjective names ("eastern", "north-west", "far southern", "central"),
    or None (capitalised words are names, not directions)."""
    match = _ADJECTIVE_RE.fullmatch(word.strip() + " ")
    if match is None or match.group(0) != match.group(0).lower():
        return None
    _, ns, ns_ew, ew, central = match.groups()
    if central:
        return Direction(0, 0)
    if ns:
        return Direction(_NS[ns], _EW[ns_ew] if ns_ew else 0)
    return Direction(0, _EW[ew])


def adjective_before(text: str, start: int) -> tuple[int, Direction] | None:
    """The start offset and direction of a lower-case directional adjective written directly before
    ``text[start:]`` ("in eastern Afghanistan" -> offset of "eastern"), or None."""
    window = text[max(0, start - 24):start]
    match = _ADJECTIVE_RE.search(window)
    if match is None:
        return None
    begin = start - len(window) + match.start()
    if begin > 0 and (text[begin - 1].isalnum() or text[begin - 1] == "-"):
        return None  # "Southeast" inside a longer word, "mid-western"
    phrase = match.group(0)
    if phrase != phrase.lower():
        return None  # "North Carolina", "Western Cape": part of a name
    direction = parse_direction(phrase)
    return None if direction is None else (begin, direction)


# ----------------------------------------------------------------------------------------------
# the region's point


Point = tuple[float, float]
PlacesByArea = dict[tuple[str, str | None], list[Point]]
_points_cache: dict[int, tuple[gazetteer.Gazetteer, PlacesByArea]] = {}
_region_cache: dict[tuple[str, str | None, Direction], Point | None] = {}  # for the gazetteer cached above


def _populated_places(gaz: gazetteer.Gazetteer) -> PlacesByArea:
    """(ISO3, None) and (ISO3, province) -> (lat, lon) of the gazetteer's GeoNames populated places."""
    cached = _points_cache.get(id(gaz))
    if cached is not None and cached[0] is gaz:
        return cached[1]
    points: PlacesByArea = {}
    for number in range(len(gaz)):
        country = gaz.countries[number]
        if (country is None or gaz.features[number] not in POPULATED_FEATURES
                or gaz.sources[number] != gazetteer.GEONAMES_SOURCE):
            continue
        point = (gaz.lats[number], gaz.lons[number])
        points.setdefault((country, None), []).append(point)
        admin1 = gaz.admin1s[number]
        if admin1:
            points.setdefault((country, admin1), []).append(point)
    _points_cache.clear()
    _region_cache.clear()
    _points_cache[id(gaz)] = (gaz, points)
    return points


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    position = fraction * (len(ordered) - 1)
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def _distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _main_mass(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The points without far-flung outliers (overseas territories, remote islands)."""
    centre = (statistics.median(p[0] for p in points), statistics.median(p[1] for p in points))
    distances = [_distance_km(centre, p) for p in points]
    limit = OUTLIER_FACTOR * max(_percentile(distances, 0.9), 1.0)
    return [p for p, d in zip(points, distances, strict=True) if d <= limit]


Bounds = tuple[float, float, float, float]  # lat low, lat high, lon low, lon high


def _bounds(points: list[tuple[float, float]]) -> Bounds:
    lats, lons = [p[0] for p in points], [p[1] for p in points]
    return (_percentile(lats, LOW_PERCENTILE), _percentile(lats, HIGH_PERCENTILE),
            _percentile(lons, LOW_PERCENTILE), _percentile(lons, HIGH_PERCENTILE))


def _share(value: float, low: float, high: float) -> float:
    """Where ``value`` lies in [low, high]: 0 at low, 1 at high (0.5 when the extent is empty)."""
    return 0.5 if high <= low else (value - low) / (high - low)


def _on_side(share: float, side: int, cut: float) -> bool:
    """Whether a share lies on ``side`` (1 upper, -1 lower, 0 middle) with ``cut`` the outer part's size."""
    if side > 0:
        return share > 1 - cut
    if side < 0:
        return share < cut
    return cut <= share <= 1 - cut


def _select(points: list[Point], direction: Direction, cut: float, *, trim: bool = True) -> list[Point]:
    """The points in the ``direction`` part: the outer ``cut`` of the extent on each named axis (the
    middle for "central"); a plain "eastern" of a land wider than it is tall leaves out its north and
    south corners (the outer half of ``cut`` across; "northern" likewise for a tall land) when enough
    points remain, since those corners are "north-eastern" and "south-eastern"."""
    lat_low, lat_high, lon_low, lon_high = _bounds(points)
    ns = [_share(p[0], lat_low, lat_high) for p in points]
    ew = [_share(p[1], lon_low, lon_high) for p in points]
    if direction.north_south == 0 and direction.east_west == 0:
        return [p for p, a, b in zip(points, ns, ew, strict=True)
                if _on_side(a, 0, cut) and _on_side(b, 0, cut)]
    if direction.north_south and direction.east_west:
        return [p for p, a, b in zip(points, ns, ew, strict=True)
                if _on_side(a, direction.north_south, cut) and _on_side(b, direction.east_west, cut)]
    along, across = (ns, ew) if direction.north_south else (ew, ns)
    side = direction.north_south or direction.east_west
    part = [(p, b) for p, a, b in zip(points, along, across, strict=True) if _on_side(a, side, cut)]
    height_km = (lat_high - lat_low) * KM_PER_DEGREE
    width_km = (lon_high - lon_low) * KM_PER_DEGREE * math.cos(math.radians((lat_low + lat_high) / 2))
    across_is_shorter = height_km < width_km if direction.east_west else width_km < height_km
    trimmed = [p for p, b in part if _on_side(b, 0, cut / 2)]
    return trimmed if trim and across_is_shorter and len(trimmed) >= MIN_PLACES else [p for p, _ in part]


def _part(points: list[Point], direction: Direction) -> list[Point]:
    """The places of the ``direction`` part: thirds, then for a corner with too few places the western
    third of the northern third (and so on), then halves for thinly settled provinces."""
    part = _select(points, direction, 1 / 3)
    if len(part) >= MIN_PLACES:
        return part
    if direction.north_south and direction.east_west:
        outer = _select(points, Direction(direction.north_south, 0), 1 / 3, trim=False)
        if len(outer) >= MIN_PLACES:
            part = _select(outer, Direction(0, direction.east_west), 1 / 3)
            if len(part) >= MIN_PLACES:
                return part
    return _select(points, direction, 1 / 2 if direction.north_south or direction.east_west else 1 / 4)


def _declustered_mean(points: Iterable[tuple[float, float]]) -> tuple[tuple[float, float], int]:
    """Mean of the per-cell means (each CELL_DEGREES cell once) and the number of cells."""
    cells: dict[tuple[int, int], list[tuple[float, float]]] = {}
    for lat, lon in points:
        cell = (math.floor(lat / CELL_DEGREES), math.floor(lon / CELL_DEGREES))
        cells.setdefault(cell, []).append((lat, lon))
    centres = [(sum(p[0] for p in c) / len(c), sum(p[1] for p in c) / len(c)) for c in cells.values()]
    if not centres:
        return (0.0, 0.0), 0
    count = len(centres)
    return (sum(c[0] for c in centres) / count, sum(c[1] for c in centres) / count), count


def region_point(gaz: gazetteer.Gazetteer, country: str, admin1: str | None,
                 direction: Direction) -> tuple[float, float] | None:
    """(lat, lon) of the ``direction`` part of ``country`` (ISO3), or of its province ``admin1``; None
    when the gazetteer has fewer than MIN_PLACES populated places there."""
    points = _populated_places(gaz).get((country, admin1), [])
    key = (country, admin1, direction)
    if key in _region_cache:
        return _region_cache[key]
    result: tuple[float, float] | None = None
    if len(points) >= MIN_PLACES:
        part = _part(_main_mass(points), direction)
        if len(part) >= MIN_PLACES:
            (lat, lon), _ = _declustered_mean(part)
            result = (round(lat, 5), round(lon, 5))
    _region_cache[key] = result
    return result


# ----------------------------------------------------------------------------------------------
# places


def shift_place(place: Place, text: str, gaz: gazetteer.Gazetteer, *, normalised: str | None = None) -> Place:
    """``place`` itself, or, when a lower-case directional adjective stands directly before a country or
    province in ``text`` (the article's text; ``normalised``: its 1:1 normalised copy to read the
    adjective in), the region it names (span from the adjective, shifted point, feature RGN)."""
    if place.feature not in SHIFTED_FEATURES or place.country is None or place.lat is None:
        return place
    found = adjective_before(normalised if normalised is not None else text, place.start)
    if found is None:
        return place
    begin, direction = found
    admin1 = place.admin1 if place.feature == "ADM1" else None
    if place.feature == "ADM1" and admin1 is None:
        return place
    point = region_point(gaz, place.country, admin1, direction)
    if point is None:
        return place
    adjective = " ".join((normalised or text)[begin:place.start].split())
    provenance = (replace(place.provenance, start=begin) if place.provenance is not None
                  else Provenance(place.article_id, begin, place.end, EXTRACTOR, VERSION))
    return replace(place, text=text[begin:place.end], start=begin,
                   name=f"{adjective} {place.name or place.text}", lat=point[0], lon=point[1],
                   feature=REGION_FEATURE, geonames_id=None,
                   provenance=provenance)


def shift_regions(places: tuple[Place, ...], article: Article,
                  gaz: gazetteer.Gazetteer) -> tuple[Place, ...]:
    """Every place of an article, with "eastern Afghanistan"-style mentions placed in their region."""
    return tuple(shift_place(place, article.text, gaz, normalised=article.nlp_text) for place in places)
