"""Patient prepositions per event type (data/lexicons/roles.yaml): the data file, its schema, and
recipients read from them on our own sentences."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from builders import plain_article, recipient_codes
from flashpoint import pipeline, roles
from flashpoint.errors import ConfigError

SCHEMA = Path(roles.__file__).parent / "data" / "schemas" / "roles.schema.json"


def _table() -> object:
    return yaml.safe_load(roles.LEXICON_PATH.read_text(encoding="utf-8"))


def test_lexicon_passes_own_validator() -> None:
    assert roles.validate(_table()) == []
    lexicon = roles.role_lexicon()
    assert "on" in lexicon.default  # a bare YAML `on` would have been read as true
    assert "from" in lexicon.patient_preps("RETREAT")
    assert "from" not in lexicon.patient_preps("ASSAULT")


def test_lexicon_passes_json_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.validate(_table(), json.loads(SCHEMA.read_text(encoding="utf-8")))


def test_validator_reports_bad_tables() -> None:
    assert roles.validate([]) != []
    base = {"version": 1, "default": [], "by_type": {}, "third_party_triggers": [], "theme_preps": []}
    assert any("default" in p for p in roles.validate({**base, "default": [True]}))
    assert any("by_type" in p for p in roles.validate({**base, "by_type": {"aid": ["for"]}}))
    assert roles.validate(base) == []


def test_broken_file_is_a_config_error_saying_what_to_fix(tmp_path: Path) -> None:
    bad = tmp_path / "roles.yaml"
    bad.write_text("default: [unclosed\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"roles\.yaml"):
        roles.role_lexicon(bad)
    invalid = tmp_path / "invalid.yaml"
    invalid.write_text("version: 1\ndefault: [on]\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="fix the file"):
        roles.role_lexicon(invalid)


@pytest.mark.parametrize(
    ("text", "event_type", "code"),
    [
        # the theme of a nominal act carries the patient: "withdrawal of troops from X"
        ("Russia began the withdrawal of its marines from Georgia on Thursday.", "RETREAT", "GEO"),
        # "with" marks the partner whose links are cut
        ("Canada announced a suspension of trade links with Belarus.", "SANCTION", "BLR"),
        # the act inside a promise: "agreed to provide ... aid for X"
        ("Nordic ministers agreed to provide 40 million euros of aid for Moldova and Armenia.",
         "AGREE", "MDA"),
        # a go-between: "between X and Y" names the parties mediated, not the actors
        ("Oman launched a mediation effort between Iran and Bahrain.", "CONSULT", "BHR"),
        # "to" that the parser labels dative
        ("Japan is providing military intelligence and maps to the Philippines.", "AID", "PHL"),
        # "from" in a seizure
        ("Kenyan police seized rifles from Somali smugglers near the border.", "COERCE", "SOM"),
        # "demand that X ...": the subject of the clause the demand states
        ("The union repeated its demand that Portugal raise the minimum wage.", "REQUEST", "PRT"),
        # "in defiance of X" names whom a protest defies
        ("Students blocked roads in Minsk in defiance of the Belarusian authorities.", "PROTEST", "BLR"),
        # a place inside the location phrase: "at a prison in X"
        ("Inmates rioted on Sunday at a prison in southern Chile.", "PROTEST", "CHL"),
        # "in the city of X"
        ("Angry taxi drivers blocked roads in the capital city of Nairobi on Monday.", "PROTEST", "KEN"),
        # mobilising for a war against X
        ("Poland mobilized reservists for a possible conflict against Belarus.", "MOBILIZE", "BLR"),
        # a complaint over another party's acts
        ("Cyprus complained to the European Union over Turkish naval exercises.", "ACCUSE", "TUR"),
    ],
)
def test_recipient_from_type_preposition(nlp, text: str, event_type: str, code: str) -> None:
    assert code in recipient_codes(nlp, text, event_type)


def test_mediator_stays_the_actor(nlp) -> None:
    text = "Oman launched a mediation effort between Iran and Bahrain."
    article = plain_article(text, published=None)
    found = [e for e in pipeline.analyse(article, nlp.parse(text)).events if e.event_type == "CONSULT"]
    assert found and all(a.code not in {"IRN", "BHR"} for e in found for a in e.actors)


def test_side_activity_is_not_a_protest_purpose(nlp) -> None:
    # what the rioters did meanwhile does not name whom they protested against
    text = "Egyptian inmates rioted at a jail in Cairo, setting fire to their blankets."
    codes = recipient_codes(nlp, text, "PROTEST")
    assert codes <= {"EGY"}
