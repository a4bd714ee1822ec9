"""The speech-cue lexicon (``data/lexicons/speech_verbs.yaml``) validates against its schema."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from flashpoint import attribution
from flashpoint.errors import ConfigError

SCHEMA = Path(attribution.__file__).parent / "data" / "schemas" / "speech_verbs.schema.json"


def _shipped() -> dict:
    return yaml.safe_load(attribution.LEXICON_PATH.read_text(encoding="utf-8"))


def test_shipped_lexicon_is_valid_and_loads() -> None:
    assert attribution.validate_lexicon(_shipped()) == []
    lex = attribution.load_lexicon()
    assert {"say", "warn", "claim", "tell"} <= lex.verbs
    assert {"source", "analyst", "report"} <= lex.non_speakers
    assert "minister" in lex.title_nouns


def test_validator_and_json_schema_agree_on_keys() -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert set(schema["required"]) <= set(_shipped())
    assert set(_shipped()) <= set(schema["properties"])
    for key in set(schema["properties"]) - {"version"}:
        data = _shipped() | {key: 12}
        assert attribution.validate_lexicon(data), f"a wrong type under {key!r} must be reported"


def test_validator_reports_missing_unknown_and_bad_patterns() -> None:
    data = _shipped()
    del data["verbs"]
    data["verbz"] = ["say"]
    data["media"] = [{"pattern": "(unclosed", "medium": "x"}, {"pattern": "ok"}]
    problems = attribution.validate_lexicon(data)
    assert any("'verbs'" in p for p in problems)
    assert any("verbz" in p for p in problems)
    assert any("media[0]" in p for p in problems) and any("media[1]" in p for p in problems)
    assert attribution.validate_lexicon(["not", "a", "mapping"]) == ["the lexicon must be a mapping"]


def test_broken_file_raises_config_error_naming_it(tmp_path: Path) -> None:
    bad = tmp_path / "speech_verbs.yaml"
    bad.write_text("verbs: [say]\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"speech_verbs\.yaml"):
        attribution.load_lexicon(bad)
    bad.write_text("verbs: [say\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"speech_verbs\.yaml"):
        attribution.load_lexicon(bad)


@pytest.mark.parametrize(
    ("context", "medium"),
    [
        ("In a post on X, the minister declared", "a post on X"),
        ("the spokesman told a press conference", "a press briefing"),
        ("In an interview with Geo News, he said", "an interview with Geo News"),
        ("Asif told Tolo News on Monday", "an interview with Tolo News"),
        ("in a video message released on Friday", "a video"),
        ("the ministry said in a statement", "a statement"),
    ],
)
def test_media_cues(context: str, medium: str) -> None:
    assert attribution.find_medium(context, attribution.load_lexicon()) == medium


def test_no_medium_when_none_is_told() -> None:
    assert attribution.find_medium("the minister said on Monday", attribution.load_lexicon()) is None
