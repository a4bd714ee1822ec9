"""Tests of the actor registry: data files and schemas, alias collisions, lookups, offices by date."""

from __future__ import annotations

import datetime as dt
import json
from importlib import resources

import pytest
import yaml

from flashpoint.errors import ExtractionError
from flashpoint.registry import (
    DATA_FILES,
    alias_key,
    build_registry,
    load_data_file,
    load_registry,
    skeleton_key,
)
from flashpoint.validation import validate


def _read(*parts: str) -> str:
    return resources.files("flashpoint").joinpath("data", *parts).read_text(encoding="utf-8")


@pytest.mark.parametrize("name", DATA_FILES)
def test_every_actor_data_file_matches_its_schema(name: str) -> None:
    data = load_data_file(name)  # raises ExtractionError when invalid
    schema = json.loads(_read("schemas", f"actors_{name}.schema.json"))
    assert validate(data, schema) == []


@pytest.mark.parametrize("name", DATA_FILES)
def test_schema_agrees_with_jsonschema_when_installed(name: str) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(_read("schemas", f"actors_{name}.schema.json"))
    jsonschema.validate(load_data_file(name), schema)


def test_validator_reports_path_of_a_bad_value() -> None:
    schema = json.loads(_read("schemas", "actors_persons.schema.json"))
    bad = {"persons": [{"id": "x", "name": "X Y", "country": "pakistan", "offices": [{"title": "PM"}]}]}
    errors = validate(bad, schema)
    assert any("$.persons[0].country" in e for e in errors)
    assert any("missing required key 'code'" in e for e in errors)


def test_invalid_data_file_is_an_extraction_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import flashpoint.registry as registry_module

    real = registry_module._data_text

    def fake(*parts: str) -> str:
        if parts == ("actors", "persons.yaml"):
            return "persons:\n- {id: Bad Id, name: X}\n"
        return real(*parts)

    monkeypatch.setattr(registry_module, "_data_text", fake)
    with pytest.raises(ExtractionError, match=r"persons\.yaml"):
        load_data_file("persons")


def test_no_undeclared_alias_collisions() -> None:
    collisions = load_registry().collisions()
    assert collisions == {}, f"aliases naming two actors without a rule in ambiguous.yaml: {collisions}"


def test_ids_are_unique_across_files() -> None:
    seen: set[str] = set()
    for name, key in (("organisations", "organisations"), ("persons", "persons")):
        for row in yaml.safe_load(_read("actors", f"{name}.yaml"))[key]:
            assert row["id"] not in seen, row["id"]
            seen.add(row["id"])


def test_every_iso_country_is_loaded() -> None:
    import pycountry

    registry = load_registry()
    for country in pycountry.countries:
        assert f"state:{country.alpha_3}" in registry.entries


def test_alias_keys_ignore_case_hyphens_accents_and_the() -> None:
    assert alias_key("Tehrik-e-Taliban Pakistan") == ("tehrik", "e", "taliban", "pakistan")
    assert alias_key("the U.S.") == ("us",)
    assert alias_key("Türkiye") == ("turkiye",)
    assert skeleton_key(alias_key("Tehreek-e-Taliban")) == skeleton_key(alias_key("Tehrik-e-Taliban"))


@pytest.mark.parametrize(
    ("text", "code", "sector"),
    [
        ("Pakistan", "PAK", "GOV"),
        ("Pakistani", "PAK", "GOV"),
        ("Pakistanis", "PAK", "CVL"),
        ("Islamabad", "PAK", "GOV"),
        ("Kabul", "AFG", "GOV"),
        ("Washington", "USA", "GOV"),
        ("the US", "USA", "GOV"),
        ("U.S.", "USA", "GOV"),
        ("Britain", "GBR", "GOV"),
        ("Moscow", "RUS", "GOV"),
        ("Kyiv", "UKR", "GOV"),
        ("New Delhi", "IND", "GOV"),
        ("Afghan", "AFG", "GOV"),
        ("Afghani", "AFG", "GOV"),
        ("United Nations", "IGO", "GOV"),
        ("NATO", "IGO", "MIL"),
        ("Red Cross", "NGO", "MED"),
        ("Al Jazeera", "QAT", "JRN"),
        ("Geo News", "PAK", "JRN"),
        ("ISPR", "PAK", "MIL"),
        ("Frontier Corps", "PAK", "MIL"),
        ("National Security Committee", "PAK", "GOV"),
        ("Hamas", "PSE", "REB"),
        ("Houthis", "YEM", "REB"),
        ("TTP", "PAK", "REB"),
        ("Pakistani Taliban", "PAK", "REB"),
    ],
)
def test_lookup_codes(text: str, code: str, sector: str) -> None:
    actor = load_registry().lookup(text, dt.date(2025, 10, 29))
    assert actor is not None, text
    assert (actor.code, actor.sector) == (code, sector)


@pytest.mark.parametrize(
    "variant",
    [
        "Tehreek-e-Taliban Pakistan",
        "Tehrik-i-Taliban Pakistan",
        "Tehreek-i-Taliban Pakistan",
        "tehrik e taliban pakistan",
    ],
)
def test_ttp_spelling_variants(variant: str) -> None:
    actor = load_registry().lookup(variant)
    assert actor is not None and actor.registry_id == "ttp"


@pytest.mark.parametrize("variant", ["Zabihullah Mujahid", "Zabiullah Mujahid", "Zabeehullah Mujaheed"])
def test_person_spelling_variants(variant: str) -> None:
    actor = load_registry().lookup(variant)
    assert actor is not None and actor.registry_id == "zabihullah-mujahid"


def test_taliban_change_sector_on_the_fall_of_kabul() -> None:
    registry = load_registry()
    before = registry.lookup("the Taliban", dt.date(2021, 8, 14))
    after = registry.lookup("the Taliban", dt.date(2021, 8, 15))
    assert before is not None and (before.code, before.sector) == ("AFG", "REB")
    assert after is not None and (after.code, after.sector) == ("AFG", "GOV")


def test_spokesman_coded_by_the_office_held_that_day() -> None:
    registry = load_registry()
    before = registry.lookup("Zabihullah Mujahid", dt.date(2019, 5, 1))
    after = registry.lookup("Zabihullah Mujahid", dt.date(2023, 5, 1))
    assert before is not None and before.sector == "REB"
    assert after is not None and after.sector == "GOV" and after.office is not None


def test_minister_out_of_office_falls_back_to_party() -> None:
    registry = load_registry()
    minister = registry.lookup("Khawaja Asif", dt.date(2025, 10, 29))
    backbencher = registry.lookup("Khawaja Asif", dt.date(2020, 1, 1))
    assert minister is not None and minister.office == "Minister of Defence" and minister.sector == "GOV"
    assert backbencher is not None and backbencher.sector == "PTY" and backbencher.office is None


def test_army_chief_is_military_from_his_appointment() -> None:
    actor = load_registry().lookup("Asim Munir", dt.date(2023, 1, 1))
    assert actor is not None and (actor.code, actor.sector) == ("PAK", "MIL")


def test_surnames_are_not_aliases_but_can_be_looked_up_by_date() -> None:
    registry = load_registry()
    assert registry.lookup("Asif") is None
    person = registry.person_by_surname("Bush", dt.date(1990, 6, 1))
    assert person is not None and person.id == "george-hw-bush"
    person = registry.person_by_surname("Bush", dt.date(2003, 6, 1))
    assert person is not None and person.id == "george-w-bush"


def test_unknown_name_is_none() -> None:
    assert load_registry().lookup("Quxville Sporting Society") is None


def test_build_registry_from_hand_made_data() -> None:
    files = {
        "states": {"states": [{"code": "PAK", "names": ["Pakistan"], "capitals": ["Islamabad"]}]},
        "organisations": {
            "organisations": [
                {
                    "id": "grp",
                    "kind": "group",
                    "name": "Example Front",
                    "aliases": ["EF"],
                    "codings": [
                        {"code": "PAK", "sector": "REB", "to": "2020-01-01"},
                        {"code": "PAK", "sector": "PTY", "from": "2020-01-02"},
                    ],
                }
            ]
        },
    }
    registry = build_registry(files)
    early = registry.lookup("EF", dt.date(2019, 1, 1))
    late = registry.lookup("Example Front", dt.date(2021, 1, 1))
    assert early is not None and early.sector == "REB"
    assert late is not None and late.sector == "PTY"
