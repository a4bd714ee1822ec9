"""Slow end-to-end check of event coding against the evaluation kit (skipped without ../shared).

Runs the pipeline over a dev set, scores it with the kit's own scorer and checks floors a little below the
measured values, so a regression shows. Nothing from the kit is copied here.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from flashpoint.export import OutputWriter
from flashpoint.ingest import read_inputs
from flashpoint.models import RunReport
from flashpoint.pipeline import Options, iter_results

EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval"

FLOORS = {
    "plover_gsr": {"events.type_acc_doc": 0.77, "events.actor_acc": 0.70},
    "cameo_quad": {"quad.acc": 0.67},
    "isaf": {
        "isaf.type_acc": 0.85,
        "isaf.killed_acc": 0.84,
        "isaf.captured_acc": 0.76,
        "isaf.target_recall": 0.82,
    },
    "seeds": {"events.f1": 0.70},
}


def _metrics(name: str, out: Path) -> dict[str, float]:
    report = RunReport()
    with OutputWriter(out) as writer:
        for result in iter_results(
            read_inputs([EVAL / "data" / name / "articles.jsonl"], report=report), Options(), report
        ):
            writer.write(result)
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
@pytest.mark.parametrize("name", sorted(FLOORS))
def test_event_metrics_stay_above_floors(name: str, tmp_path: Path) -> None:
    if not (EVAL / "data" / name / "gold.jsonl").exists():
        pytest.skip("the evaluation kit is not available")
    metrics = _metrics(name, tmp_path / name)
    for key, floor in FLOORS[name].items():
        assert metrics[key] >= floor, (name, key, metrics[key])
