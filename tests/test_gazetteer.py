"""The gazetteer: curated data files validate, names fold, bad rows become problems, lookups rank."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from flashpoint import gazetteer
from flashpoint.gazetteer import Entry, fold, read_supplement, validate_row

SCHEMA = Path(gazetteer.__file__).parent / "data" / "schemas" / "gazetteer_supplement.schema.json"


def _rows() -> list[dict[str, str]]:
    return [row for _, row in gazetteer._data_rows(gazetteer.SUPPLEMENT)]


def test_supplement_rows_are_valid() -> None:
    rows = _rows()
    assert len(rows) > 200
    for row in rows:
        assert validate_row(row) == [], row
    _, problems = read_supplement()
    assert problems == []


def test_supplement_matches_json_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    for row in _rows():
        typed: dict[str, object] = {}
        for key, value in row.items():
            if value == "":
                typed[key] = None
            elif key in ("lat", "lon"):
                typed[key] = float(value)
            elif key in ("importance", "geonames_id"):
                typed[key] = int(value)
            else:
                typed[key] = value
        jsonschema.validate({k: v for k, v in typed.items() if v is not None or k not in schema["required"]},
                            schema)


def test_every_row_records_source_and_licence() -> None:
    for row in _rows():
        assert row["source"] and row["licence"]


def test_curated_tables_parse() -> None:
    codes = list(gazetteer._data_rows(gazetteer.ADMIN1_CODES))
    assert ("AF", "36", "Paktia") in {(r["country"], r["code"], r["name"]) for _, r in codes}
    centroids, aliases, demonyms = gazetteer._country_rows()
    assert demonyms["PAK"] == ["Pakistani"]
    assert "AFG" in centroids and "UK" in aliases["GBR"]
    for lat, lon in centroids.values():
        assert -90 <= lat <= 90 and -180 <= lon <= 180


def test_bad_rows_become_problems(tmp_path: Path) -> None:
    path = tmp_path / "bad.tsv"
    header = "\t".join(gazetteer.SUPPLEMENT_COLUMNS)
    good = "Fort Example\t\t10\t20\tAFG\tKabul\tPPL\t5\t\tus\tApache-2.0"
    bad = "Nowhere\t\t95\t20\tAF\t\tppl\tmany\t\tus\tApache-2.0"
    path.write_text(f"# comment\n{header}\n{good}\n{bad}\n", encoding="utf-8")
    rows, problems = read_supplement(path)
    assert [e.name for e, _ in rows] == ["Fort Example"]
    assert len(problems) == 1 and problems[0].origin.line == 4
    assert "lat out of range" in problems[0].reason and "ISO3" in problems[0].reason


def test_fold() -> None:
    assert fold("Lashkar Gāh") == "lashkar gah"
    assert fold("Sar-e Pul") == fold("Sar e Pul")
    assert fold("St. Petersburg") == fold("Saint Petersburg")
    assert fold("the Gaza Strip") == "gaza strip"
    assert fold("Afghan–Pakistan border") == fold("Afghan-Pakistan border")


@given(st.text(max_size=30))
def test_fold_is_idempotent(text: str) -> None:
    once = fold(text)
    assert fold(once) == once or once.startswith("the ")


def _town(name: str, pop: int, country: str) -> Entry:
    return Entry(name, 1.0, 2.0, country, None, "PPL", pop, None, "geonames", "CC-BY-4.0")


def test_alternate_spellings_resolve() -> None:
    gaz = gazetteer.from_entries([])
    for spelling, province in [("Paktiya", "Paktia"), ("Hilmand", "Helmand"), ("Konar", "Kunar"),
                               ("Sari Pul", "Sar-e Pul"), ("Khowst", "Khost"), ("Oruzgan", "Uruzgan"),
                               ("Maidan Wardak", "Wardak"), ("Jawzjan", "Jowzjan"), ("Konduz", "Kunduz"),
                               ("Daikundi", "Daykundi"), ("Nimruz", "Nimroz"), ("Panjshayr", "Panjshir"),
                               ("Ningarhar", "Nangarhar")]:
        readings = gaz.lookup(spelling)
        assert readings and readings[0][0].admin1 == province, spelling
    assert gaz.lookup("NWFP")[0][0].name == "Khyber Pakhtunkhwa"
    assert gaz.lookup("Baluchistan")[0][0].name == "Balochistan"
    durand = gaz.lookup("Durand Line")[0][0]
    assert durand.country is None and (durand.lat, durand.lon) == (31.85, 69.15)
    assert gaz.lookup("Wakhan Corridor") and gaz.lookup("Tora Bora")


def test_british_counties_are_curated() -> None:
    gaz = gazetteer.from_entries([])
    for name, nation in [("Hampshire", "England"), ("Hants", "England"), ("West Yorkshire", "England"),
                         ("Fife", "Scotland"), ("Ceredigion", "Wales"), ("Co Antrim", "Northern Ireland")]:
        readings = [entry for entry, _ in gaz.lookup(name) if entry.country == "GBR"]
        assert readings and readings[0].feature == "ADM2" and readings[0].admin1 == nation, name


def test_alternate_name_ranks_below_preferred_name() -> None:
    islamabad = Entry("Islamabad", 33.72, 73.04, "PAK", None, "PPLC", 600_000, 1176615,
                      "geonames", "CC-BY-4.0")
    port = Entry("Chattogram", 22.3, 91.8, "BGD", None, "PPL", 3_900_000, 1205733, "geonames", "CC-BY-4.0")
    gaz = gazetteer.from_entries([(port, ["Islamabad"]), (islamabad, [])], with_supplement=False)
    assert gaz.lookup("Islamabad")[0] == (islamabad, True)


def test_abbreviations_are_case_sensitive() -> None:
    usa = Entry("United States", 39.8, -98.5, "USA", None, "PCLI", 10**9, 6252001, "geonames", "CC-BY-4.0")
    gaz = gazetteer.from_entries([(usa, ["US", "U.S."])], with_supplement=False)
    assert gaz.lookup("US") and gaz.lookup("U.S.")
    assert not gaz.lookup("us")


def test_cache_dir_override(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("FLASHPOINT_CACHE_DIR", str(tmp_path))
    assert gazetteer.cache_dir() == tmp_path
    assert gazetteer.cache_path().parent == tmp_path
    assert "site-packages" not in str(gazetteer.cache_path())


@pytest.mark.slow
def test_full_build_disambiguates(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("FLASHPOINT_CACHE_DIR", str(tmp_path))
    started = time.perf_counter()
    gaz = gazetteer.build()
    assert time.perf_counter() - started < 120
    assert gaz.lookup("Islamabad")[0][0].country == "PAK"
    assert gaz.lookup("Kabul")[0][0].admin1 == "Kabul"
    assert gaz.lookup("Lashkar Gah")[0][0].admin1 == "Helmand"
    assert gaz.lookup("Peshawar")[0][0].admin1 == "Khyber Pakhtunkhwa"
    assert gaz.lookup("Kashmir")[0][0].feature == "RGN"
    assert gaz.lookup("Pakistan")[0][0].feature == "PCLI"
