"""Access to the evaluation kit (../shared/eval) and the benchmark scripts for the slow tests.

Tests that need the kit skip when it is absent (CI without ../shared). Scoring goes through
``benchmarks/run_eval.py`` (the same code path as ``benchmarks/check_floors.py``), never a copy of it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
BENCHMARKS = REPO / "benchmarks"
EVAL = REPO.parent / "shared" / "eval"

if str(BENCHMARKS) not in sys.path:
    sys.path.insert(0, str(BENCHMARKS))


def score_set(name: str, out: Path) -> dict[str, float]:
    """Run the pipeline over dev set ``name`` into ``out`` and return the kit scorer's metrics
    (skips the calling test when the set is not available)."""
    if not (EVAL / "data" / name / "gold.jsonl").exists():
        pytest.skip("the evaluation kit is not available")
    from run_eval import run_set

    return run_set(name, EVAL, out)
