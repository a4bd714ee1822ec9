"""Slow check of the quote stage against the evaluation kit's seeds set (skipped without ../shared).

Runs cleaning, spaCy, actor mentions and quotes on each article, writes ``quotes.jsonl`` in the output
contract and scores it with the kit's own scorer. Nothing from the kit is copied here.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from flashpoint.actors import extract_mentions
from flashpoint.clean import prepare
from flashpoint.export import quote_record
from flashpoint.models import Article, Origin, SourceDocument
from flashpoint.nlp import load_pipeline
from flashpoint.quotes import extract_quotes

EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval"


def _score(name: str, out: Path) -> dict[str, float]:
    nlp = load_pipeline()
    out.mkdir(parents=True, exist_ok=True)
    with (out / "quotes.jsonl").open("w", encoding="utf-8") as sink:
        for line in (EVAL / "data" / name / "articles.jsonl").read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            source = SourceDocument(
                id=row["id"], origin=Origin("eval"), text=row["text"], published=row.get("published")
            )
            article = prepare(source, reference_date=dt.date(2026, 1, 1))
            assert isinstance(article, Article)
            doc = nlp(article.nlp_text)
            for quote in extract_quotes(doc, article, extract_mentions(doc, article)):
                sink.write(json.dumps(quote_record(quote)) + "\n")
    proc = subprocess.run(
        [
            sys.executable,
            str(EVAL / "score.py"),
            "--gold",
            str(EVAL / "data" / name / "gold.jsonl"),
            "--out",
            str(out),
            "--json",
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    return dict(json.loads(proc.stdout))


@pytest.mark.slow
def test_seeds_quotes_meet_the_targets(tmp_path: Path) -> None:
    if not (EVAL / "data" / "seeds" / "gold.jsonl").exists():
        pytest.skip("the evaluation kit is not available")
    metrics = _score("seeds", tmp_path)
    assert metrics["quotes.recall"] >= 0.9
    assert metrics["quotes.precision"] >= 0.85
    assert metrics["quotes.speaker_acc"] >= 0.9
