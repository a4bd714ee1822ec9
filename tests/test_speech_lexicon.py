"""The quote-content cue lexicon validates against its JSON Schema; patterns compile as documented."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from flashpoint import speech
from flashpoint.errors import ConfigError


def test_shipped_lexicon_is_valid() -> None:
    data = yaml.safe_load(speech.LEXICON_PATH.read_text(encoding="utf-8"))
    assert speech.validate_lexicon(data) == []
    lex = speech.load_lexicon()
    assert {r.event_type for r in lex.rules} >= {"THREATEN", "ACCUSE", "REJECT", "REQUEST", "AGREE"}


def test_schema_rejects_unknown_type_and_mode() -> None:
    data = yaml.safe_load(speech.LEXICON_PATH.read_text(encoding="utf-8"))
    data["rules"].append({"type": "DEMAND", "mode": "Violence", "needs": None, "patterns": ["x"]})
    problems = speech.validate_lexicon(data)
    assert any("type" in p for p in problems) and any("mode" in p for p in problems)


def test_broken_file_raises_config_error(tmp_path: Path) -> None:
    bad = tmp_path / "speech.yaml"
    bad.write_text("rules: []\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"speech\.yaml"):
        speech.load_lexicon(bad)


def test_hyphenated_pattern_items_split_like_spacy() -> None:
    assert speech._split_pattern("non-negotiable") == ("non", "-", "negotiable")
    assert speech._split_pattern("de-escalat* ... talks") == ("de", "-", "escalat*", "...", "talks")
