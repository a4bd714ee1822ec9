"""The evaluation floors CI enforces: a valid file, and a checker that fails on any drop."""

from __future__ import annotations

import json

from check_floors import FLOORS, check

import evalkit  # noqa: F401  (puts benchmarks/ on the import path)


def test_floors_file_is_valid() -> None:
    floors = json.loads(FLOORS.read_text())
    assert floors, "no floors committed"
    for name, metrics in floors.items():
        assert metrics, name
        for metric, value in metrics.items():
            assert 0.0 <= value <= 1.0, (name, metric)
            assert not metric.endswith("median_km"), "lower-is-better metrics are not floors"


def test_check_reports_drops_and_missing_metrics() -> None:
    floors = {"events.f1": 0.75, "quotes.recall": 0.9}
    assert check({"events.f1": 0.76, "quotes.recall": 0.9}, floors) == []
    problems = check({"events.f1": 0.74}, floors)
    assert len(problems) == 2 and any("events.f1" in p for p in problems)
