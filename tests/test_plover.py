"""PLOVER ontology table: schema, validator, scores and quads."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from flashpoint import plover

SCHEMA = Path(plover.__file__).parent / "data" / "schemas" / "plover.schema.json"


def test_table_passes_own_validator() -> None:
    with plover.DATA_FILE.open(encoding="utf-8") as handle:
        assert plover.validate(yaml.safe_load(handle)) == []
    assert plover.ontology().problems == ()


def test_table_passes_json_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    with plover.DATA_FILE.open(encoding="utf-8") as handle:
        table = yaml.safe_load(handle)
    jsonschema.validate(table, json.loads(SCHEMA.read_text(encoding="utf-8")))


def test_all_sixteen_types_with_quads() -> None:
    assert len(plover.event_types()) == 16
    assert {plover.quad(t) for t in plover.event_types()} == {1, 2, 3, 4}


@pytest.mark.parametrize(
    ("event_type", "mode", "expected"),
    [
        ("ASSAULT", "aerial", (-9.5, 4)),
        ("ASSAULT", None, (-9.0, 4)),
        ("ACCUSE", None, (-2.0, 3)),
        ("ACCUSE", "allege", (-3.5, 3)),
        ("THREATEN", "territory", (-4.0, 3)),
        ("CONSULT", "visit", (4.0, 1)),
        ("RETREAT", "disarm", (10.0, 2)),
        ("AID", None, (10.0, 2)),
        ("COERCE", "not-a-mode", (-7.0, 4)),
        ("ASSAULT", "torture", (-9.0, 4)),  # no score in the manual: the type score
    ],
)
def test_score(event_type: str, mode: str | None, expected: tuple[float, int]) -> None:
    assert plover.score(event_type, mode) == expected


def test_unknown_type_scores_zero() -> None:
    assert plover.score("GOSSIP", None) == (0.0, 0)
    assert plover.quad("GOSSIP") == 0


def test_old_names_are_normalised() -> None:
    assert plover.normalise("DEMAND") == ("REQUEST", None)
    assert plover.normalise("disapprove") == ("ACCUSE", "disapprove")
    assert plover.normalise("FIGHT", "firearms") == ("ASSAULT", "firearms")
    assert plover.normalise("ASSAULT", "bogus") == ("ASSAULT", None)
    assert plover.score("INVESTIGATE") == (-3.5, 3)


def test_validator_reports_bad_entries() -> None:
    bad = {
        "types": {"ASSAULT": {"quad": 5, "score": "high", "modes": {"Aerial": 99}}, "lower": {}},
        "aliases": {"FIGHT": ["NOPE", None]},
    }
    problems = plover.validate(bad)
    assert any("quad" in p for p in problems)
    assert any("score must be a number" in p or ".score" in p for p in problems)
    assert any("lower-case" in p for p in problems)
    assert any("upper-case" in p for p in problems)
    assert any("aliases.FIGHT" in p for p in problems)
    assert plover.validate("nonsense") != []


def test_bad_table_still_builds() -> None:
    onto = plover._build({"types": {"AGREE": {"quad": 1, "score": 2.5}, "BROKEN": {"quad": "x"}}})
    assert "AGREE" in onto.types and "BROKEN" not in onto.types
    assert onto.problems
