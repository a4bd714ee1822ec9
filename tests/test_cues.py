"""Event cue lexicon: schema, validator, and matching on parsed sentences."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from flashpoint import cues, plover

SCHEMA = Path(cues.__file__).parent / "data" / "schemas" / "events_lexicon.schema.json"


def _table() -> dict:
    with cues.LEXICON_FILE.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def test_lexicon_passes_own_validator() -> None:
    assert cues.validate(_table()) == []
    assert cues.lexicon().problems == ()


def test_lexicon_passes_json_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.validate(_table(), json.loads(SCHEMA.read_text(encoding="utf-8")))


def test_every_type_has_cues_and_modes_are_valid() -> None:
    lex = cues.lexicon()
    assert {c.event_type for c in lex.cues} == set(plover.event_types())
    for cue in lex.cues:
        assert cue.mode is None or cue.mode in plover.modes(cue.event_type), cue.id
    for table in lex.mode_cues.values():
        assert table


def test_validator_reports_problems() -> None:
    bad = {
        "cues": [
            {"id": "x", "type": "PUNCH", "verbs": ["hit"]},
            {"id": "x", "type": "ASSAULT", "mode": "gentle", "weight": 3},
            {"type": "AGREE", "verbs": ["agree"], "colour": "red"},
        ],
        "mystery": 1,
    }
    problems = cues.validate(bad)
    joined = "\n".join(problems)
    for needle in (
        "unknown PLOVER type",
        "not a mode of ASSAULT",
        "weight",
        "needs verbs or nouns",
        "unique id",
        "unknown key 'colour'",
        "unknown top-level key 'mystery'",
    ):
        assert needle in joined
    assert cues.validate([]) != []


def test_build_skips_bad_entries() -> None:
    lex = cues.build(
        {
            "cues": [
                {"id": "a", "type": "NOPE", "verbs": ["x"]},
                {"id": "b", "type": "AGREE", "verbs": ["agree", "sign up"]},
            ]
        }
    )
    assert [c.id for c in lex.cues] == ["b"]
    assert ("sign", "up") in lex.cues[0].verbs
    assert lex.problems


@pytest.fixture(scope="module")
def parse():
    nlp = pytest.importorskip("flashpoint.nlp")
    try:
        nlp.load_pipeline()
    except Exception as exc:  # pragma: no cover - environment without the model
        pytest.skip(str(exc))
    return nlp.parse


def _found(parse, text: str) -> list[tuple[str, str | None, str]]:
    doc = parse(text)
    out = []
    for sent in doc.sents:
        for m in cues.match_sentence(sent):
            out.append((m.cue.event_type, m.cue.mode, doc[m.first : m.last + 1].text))
    return out


def test_verb_phrase_and_noun_triggers(parse) -> None:
    found = _found(parse, "Ruritanian jets carried out airstrikes on rebel camps near Zenda.")
    assert ("ASSAULT", "aerial", "carried out airstrikes") in found
    found = _found(parse, "The minister called on Borduria to release the detained sailors.")
    assert any(t == "REQUEST" and text.startswith("called on") for t, _, text in found)
    found = _found(parse, "Police opened fire on the crowd outside the parliament.")
    assert ("ASSAULT", "firearms", "opened fire") in [(t, m, x) for t, m, x in found]


def test_object_constraints(parse) -> None:
    assert not any(
        t == "RETREAT" for t, _, _ in _found(parse, "The ministry released a statement on Monday.")
    )
    assert any(t == "RETREAT" for t, _, _ in _found(parse, "The rebels released twelve hostages on Monday."))
    assert any(t == "SANCTION" for t, _, _ in _found(parse, "Borduria suspended military aid to Ruritania."))


def test_speech_noun_needs_light_verb(parse) -> None:
    assert not _found(parse, "The warning comes after months of failed talks.")
    assert any(t == "THREATEN" for t, _, _ in _found(parse, "The general issued a warning to the militants."))
