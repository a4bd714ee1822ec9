"""A hand-built corpus for the monitoring store/CLI tests (no spaCy) and a fake sentence encoder.

The corpus: a quiet month of Pakistan→Afghanistan threats (one every six days), the last of them a
conditional threat of violence, then three days of airstrikes (in three places) reported by two outlets
each, one report a near-copy of another. Fictional outlets; our own words (random word salad for the
bodies, so only the copy is a near-duplicate).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import random
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from builders import KHOST, article, event, quote, result
from flashpoint.models import ArticleResult, Place
from flashpoint.store import Store

VOCABULARY = [f"w{n:03d}" for n in range(400)]


def day(n: int) -> str:
    return (dt.date(2026, 8, 1) + dt.timedelta(days=n)).isoformat()


def salad(seed: str, words: int = 40) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choice(VOCABULARY) for _ in range(words)) + "."


def hashed(res: ArticleResult) -> ArticleResult:
    digest = hashlib.sha256(res.article.text.encode()).hexdigest()
    return dataclasses.replace(res, article=dataclasses.replace(res.article, content_hash=digest))


def corpus() -> list[ArticleResult]:
    results = []
    for n in range(0, 37, 6):
        aid = f"q{n:02d}"
        condition = "if the attacks go on" if n == 36 else None
        results.append(result(article(aid, day(n), "Quiet Post", salad(aid)),
                              event(aid, 1, "THREATEN", "PAK", "AFG", day(n), "violence",
                                    condition=condition)))
    for n in range(40, 43):
        for k, outlet in enumerate(("Frontier Wire", "Border Desk")):
            aid = f"s{n}{k}"
            body = salad(f"s{n}")
            if k == 1 and n == 40:
                body = body.replace("w", "v", 1)  # a syndicated copy with a small edit
            elif k == 1:
                body = salad(aid)
            q = quote(aid, 1, "We will answer every strike.", "AFG")
            # one strike a day, each far from the others (so each day is its own incident)
            place = KHOST if n == 40 else Place(aid, "site", 0, 4, name=f"site {n}", lat=28.0 + 3 * (n - 40),
                                                lon=64.0)
            results.append(result(article(aid, day(n), outlet, body),
                                  event(aid, 1, "ASSAULT", "PAK", "AFG", day(n), "aerial", dead=n - 38,
                                        place=place, quote_id=q.id),
                                  quotes=(q,)))
    return [hashed(r) for r in results]


def store_with(path: Path, results: Sequence[ArticleResult]) -> Path:
    with Store(path) as store:
        for res in results:
            store.save(res)
    return path


class FakeEncoder:
    """Deterministic unit vectors from the text's hash (distinct texts are nearly orthogonal)."""

    def __init__(self) -> None:
        self.encoded: list[str] = []

    def encode(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        self.encoded.extend(texts)
        rows = []
        for text in texts:
            seed = int.from_bytes(hashlib.sha256(text.encode()).digest()[:4], "little")
            vector = np.random.default_rng(seed).normal(size=384).astype(np.float32)
            rows.append(vector / np.linalg.norm(vector))
        return np.vstack(rows) if rows else np.zeros((0, 384), dtype=np.float32)
