"""Slow regression checks of the body extraction on the dev sets (skipped when ../shared is absent)."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import sys
from pathlib import Path

import pytest

from flashpoint.clean import prepare
from flashpoint.ingest import read_inputs
from flashpoint.models import Article, RunReport

EVAL_DIR = Path(__file__).resolve().parents[2] / "shared" / "eval"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not (EVAL_DIR / "score.py").exists(), reason="the evaluation kit is not available"),
]


def body_metrics(name: str, tmp_path: Path) -> dict[str, float]:
    spec = importlib.util.spec_from_file_location("eval_score", EVAL_DIR / "score.py")
    assert spec and spec.loader
    score = importlib.util.module_from_spec(spec)
    sys.modules["eval_score"] = score
    spec.loader.exec_module(score)
    report = RunReport()
    with (tmp_path / "articles.jsonl").open("w", encoding="utf-8") as fh:
        for doc in read_inputs([EVAL_DIR / "data" / name / "articles.jsonl"], report=report):
            article = prepare(doc, reference_date=dt.date(2025, 12, 31))
            assert isinstance(article, Article), article
            fh.write(json.dumps({"article_id": article.id, "body": article.body}) + "\n")
    assert not report.problems
    values, _ = score.score(str(EVAL_DIR / "data" / name / "gold.jsonl"), str(tmp_path))
    return {key: value for key, (value, _n) in values.items() if key.startswith("body")}


def test_seed_bodies(tmp_path: Path) -> None:
    metrics = body_metrics("seeds", tmp_path)
    assert metrics["body.must_contain"] == 1.0
    assert metrics["body.must_not_contain"] == 1.0


def test_zyte_body_f1(tmp_path: Path) -> None:
    assert body_metrics("zyte", tmp_path)["body.f1"] >= 0.975
