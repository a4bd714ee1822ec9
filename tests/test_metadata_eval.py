"""Slow check against the shared evaluation kit (skipped when ../shared is absent): dateline dates."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from flashpoint.metadata import detect_metadata

EVAL_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "data"


def _published_accuracy(name: str) -> float:
    golds = {}
    for line in (EVAL_DATA / name / "gold.jsonl").read_text("utf-8").split("\n"):
        if not line.strip():
            continue
        record = json.loads(line)
        golds[record["id"]] = record
    hits, total = 0, 0
    for line in (EVAL_DATA / name / "articles.jsonl").read_text("utf-8").split("\n"):
        if not line.strip():
            continue
        article = json.loads(line)
        gold = golds.get(article["id"], {})
        if "published" not in gold or not article.get("text"):
            continue
        found = detect_metadata(article["text"], body_spans=((0, len(article["text"])),),
                                published=article.get("published"), reference_date=dt.date(2026, 1, 1))
        value = found.published.value if found.published else None
        expected = gold["published"]
        if expected is None or gold.get("published_year_in_text") is not False:
            hits += value == expected
        else:
            hits += value is not None and value[5:] == expected[5:]
        total += 1
    return hits / total


@pytest.mark.slow
@pytest.mark.skipif(not EVAL_DATA.is_dir(), reason="shared evaluation kit not available")
@pytest.mark.parametrize(("name", "floor"), [("seeds", 1.0), ("isaf", 0.98)])
def test_published_accuracy_floor(name: str, floor: float) -> None:
    assert _published_accuracy(name) >= floor
