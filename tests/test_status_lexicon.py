"""The status cue lexicon validates against its JSON Schema, and broken files are reported, not crashed on."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from flashpoint import status
from flashpoint.errors import ConfigError


def test_shipped_lexicon_is_valid() -> None:
    data = yaml.safe_load(status.LEXICON_PATH.read_text(encoding="utf-8"))
    assert status.validate_lexicon(data) == []
    lex = status.load_lexicon()
    assert "not" in lex.negators and "hesitate" in lex.negation_exempt
    assert lex.retype["CONSULT"] == "AGREE"


def test_schema_rejects_bad_entries() -> None:
    data = yaml.safe_load(status.LEXICON_PATH.read_text(encoding="utf-8"))
    data["negation"]["words"].append(False)  # an unquoted `no` in YAML
    data["future"]["exempt_types"].append("threaten")
    problems = status.validate_lexicon(data)
    assert any("negation.words" in p for p in problems)
    assert any("future.exempt_types" in p for p in problems)


def test_broken_file_raises_config_error(tmp_path: Path) -> None:
    bad = tmp_path / "status.yaml"
    bad.write_text("version: 1\nnegation: {}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"status\.yaml"):
        status.load_lexicon(bad)
