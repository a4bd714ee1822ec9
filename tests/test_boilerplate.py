"""Tests for flashpoint.boilerplate: the data file against its schema, and golden must/must-not cases."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from flashpoint.boilerplate import (
    DATA_FILE,
    find_boilerplate,
    load_rules,
    rules_from_data,
    validate_rules_data,
)
from flashpoint.errors import ConfigError

SCHEMA_FILE = DATA_FILE.parent / "schemas" / "boilerplate.schema.json"


def kept(text: str) -> str:
    pieces, pos = [], 0
    for start, end in find_boilerplate(text):
        pieces.append(text[pos:start])
        pos = end
    pieces.append(text[pos:])
    return re.sub(r"\s+", " ", "".join(pieces)).strip()


def test_data_file_is_valid() -> None:
    data = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))
    assert validate_rules_data(data) == []
    assert len(load_rules()) == len(data["rules"])


def test_data_file_matches_json_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.validate(yaml.safe_load(DATA_FILE.read_text(encoding="utf-8")), schema)


def test_validator_rejects_broken_rules() -> None:
    broken = {"version": 1, "rules": [
        {"id": "Bad Id", "description": "x", "pattern": "(", "scope": "everywhere", "then": "later"},
        {"id": "dup", "description": "x", "pattern": "a", "scope": "line", "max_words": 0},
        {"id": "dup", "description": "x", "pattern": "a", "scope": "line", "colour": "red"},
    ]}
    errors = " | ".join(validate_rules_data(broken))
    expected_errors = ("lower-case", "does not compile", "'scope'", "'then'", "max_words", "duplicate",
                       "unknown")
    for expected in expected_errors:
        assert expected in errors
    assert validate_rules_data([]) and validate_rules_data({"version": 2, "rules": []})
    with pytest.raises(ConfigError, match="boilerplate"):
        rules_from_data(broken)


def test_load_rules_reports_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        load_rules(tmp_path / "missing.yaml")


GOLDEN = """Storm damage closes mountain pass

Key Takeaways
- The pass will stay closed until Friday.
- Engineers are checking two bridges.

Heavy snow and falling rocks closed the Varden pass on Monday, the roads agency said.

A stranded bus driver was rescued by a helicopter crew. (Photo: Valley Rescue Team)

Photo Credit: Northern Roads Agency

ALSO READ: Ski resorts count the cost of a warm winter

Click here to join our Telegram channel for live updates

Be Part of Independent Journalism

Honest reporting takes time and money. Only a handful of our readers are paying for it
while costs keep rising.

Share this article: Facebook | Twitter | WhatsApp

The agency said crews would work through the night to clear the road.

Comments

Leave a Reply

Your email address will not be published. Required fields are marked *

Great job by the rescue team!
"""

MUST = [
    "Storm damage closes mountain pass",
    "- The pass will stay closed until Friday.",
    "- Engineers are checking two bridges.",
    "Heavy snow and falling rocks closed the Varden pass on Monday",
    "The agency said crews would work through the night to clear the road.",
]
MUST_NOT = [
    "Key Takeaways",
    "rescued by a helicopter crew",  # the caption line carrying a photo credit goes as a whole
    "Photo Credit",
    "ALSO READ",
    "Telegram",
    "Be Part of Independent Journalism",
    "Only a handful of our readers",
    "Share this article",
    "Comments",
    "Leave a Reply",
    "will not be published",
    "Great job by the rescue team",
]


@pytest.mark.parametrize("phrase", MUST)
def test_golden_body_kept(phrase: str) -> None:
    assert phrase in kept(GOLDEN)


@pytest.mark.parametrize("phrase", MUST_NOT)
def test_golden_boilerplate_removed(phrase: str) -> None:
    assert phrase not in kept(GOLDEN)


@pytest.mark.parametrize(
    "line",
    [
        "Follow this link to join our WhatsApp group: Join Now",
        "Subscribe to our newsletter for the top stories of the day",
        "Get the day's biggest stories straight to your inbox.",
        "Read more: Parliament to vote on budget next week",
        "Related: Five things to know about the election",
        "Filed under: Politics | Elections |",
        "Image: Reuters",
        "Photo by Lena Holm",
        "5 min read",
        "Updated at 3:42 p.m.",
        "Copyright 2024 Harbour Media Ltd. All rights reserved.",
        "Print",
        "Share on Facebook",
        "date 2024-03-21",
        "(Reporting by Ana Ruiz; Editing by Tom Kerr)",
        "By Jane Okafor | Staff Writer",
        "Disclaimer: The views expressed in this column are the author's own.",
    ],
)
def test_single_boilerplate_lines(line: str) -> None:
    assert kept(f"The minister spoke in the capital on Tuesday.\n{line}\nShe returns home on Friday.") == (
        "The minister spoke in the capital on Tuesday. She returns home on Friday."
    )


@pytest.mark.parametrize(
    "line",
    [
        "Officials said the militants used a Telegram channel to coordinate the attacks on the convoy.",
        "The group said on its WhatsApp account that it had captured two soldiers.",
        "Protesters read out the names of the dead in front of the newspaper's offices.",
        "Critics say the comments made by the minister were inflammatory.",
        "The photo shows the minister shaking hands with the rebel commander.",
        "The report covered journalism, trade and security.",
        "| Region | Deaths | Injured |",
        "Key takeaways from the summit were disputed by both delegations.",
        "By Monday evening, the rebels had withdrawn from the town.",
        "By law, the election must be held within ninety days.",
    ],
)
def test_body_sentences_mentioning_trigger_words_are_kept(line: str) -> None:
    assert kept(line) == line


def test_comment_section_only_cut_in_the_second_half() -> None:
    text = "Comments\n" + "The council met on Monday to discuss the budget.\n" * 5
    assert kept(text).startswith("The council met")
    assert kept(text).count("The council met") == 5


def test_inline_date_marker_is_a_prefix() -> None:
    text = ' date 2024-03-21 "We will respond," the commander said.'
    spans = find_boilerplate(text)
    assert spans == [(1, 17)]
    assert text[spans[0][1]:].startswith('"We will respond')


def test_donation_block_stops_at_the_end_of_its_paragraph() -> None:
    text = ("The council met on Monday.\nSupport Independent Journalism\nWe rely on readers like you\n"
            "to keep our newsroom going.\nThe mayor said the vote would be held next month.\n"
            "Critics called the plan rushed.")
    assert kept(text) == ("The council met on Monday. The mayor said the vote would be held next month. "
                          "Critics called the plan rushed.")
