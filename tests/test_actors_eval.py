"""Slow check of actor resolution against the evaluation kit's gold actor texts (skipped without ../shared).

For every gold event actor/recipient whose text occurs in its sentence, the mention overlapping that text
must resolve to the gold code; the share must stay above a floor. Nothing from the kit is copied here.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from flashpoint.actors import extract_mentions, mention_at
from flashpoint.clean import prepare
from flashpoint.models import Article, Origin, SourceDocument
from flashpoint.nlp import load_pipeline

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "data"


def _accuracy(name: str) -> float:
    nlp = load_pipeline()
    articles = {}
    for line in (DATA / name / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        articles[row["id"]] = row
    right = total = 0
    for line in (DATA / name / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        gold = json.loads(line)
        row = articles[gold["id"]]
        source = SourceDocument(
            id=row["id"], origin=Origin("eval"), text=row["text"], published=row.get("published")
        )
        article = prepare(source, reference_date=dt.date(2026, 1, 1))
        assert isinstance(article, Article)
        mentions = extract_mentions(nlp(article.nlp_text), article)
        for item in gold["events"]["items"]:
            for role in ("actor", "recipient"):
                side = item.get(role)
                entities = [e for e in (side if isinstance(side, list) else [side]) if e and e.get("code")]
                found = []
                for entity in entities:
                    text = entity.get("text") or ""
                    at = article.text.find(text, item.get("start") or 0) if text else -1
                    if at >= 0:
                        found.append((entity, mention_at(mentions, at, at + len(text))))
                if not found:
                    continue
                total += 1
                right += any(m is not None and m.actor.code == e["code"] for e, m in found)
    return right / total


@pytest.mark.slow
@pytest.mark.parametrize(("name", "floor"), [("seeds", 0.9), ("plover_gsr", 0.8)])
def test_gold_actor_texts_resolve_to_gold_codes(name: str, floor: float) -> None:
    if not (DATA / name / "gold.jsonl").exists():
        pytest.skip("the evaluation kit is not available")
    assert _accuracy(name) >= floor
