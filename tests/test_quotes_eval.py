"""Slow check of the quote stage against the evaluation kit's seeds set (skipped without ../shared).

Runs the pipeline over the set, writes the output contract and scores it with the kit's own scorer.
Nothing from the kit is copied here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from evalkit import score_set


@pytest.mark.slow
def test_seeds_quotes_meet_the_targets(tmp_path: Path) -> None:
    metrics = score_set("seeds", tmp_path)
    assert metrics["quotes.recall"] >= 0.9
    assert metrics["quotes.precision"] >= 0.85
    assert metrics["quotes.speaker_acc"] >= 0.9
