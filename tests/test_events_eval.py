"""Slow end-to-end check of event coding against the evaluation kit (skipped without ../shared).

Runs the pipeline over a dev set, scores it with the kit's own scorer and checks floors a little below the
measured values, so a regression shows. Nothing from the kit is copied here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from evalkit import score_set

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


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(FLOORS))
def test_event_metrics_stay_above_floors(name: str, tmp_path: Path) -> None:
    metrics = score_set(name, tmp_path / name)
    for key, floor in FLOORS[name].items():
        assert metrics[key] >= floor, (name, key, metrics[key])
