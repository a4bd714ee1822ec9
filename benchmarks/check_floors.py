"""Run the dev evaluation sets and fail when a metric drops below its committed floor.

    python benchmarks/check_floors.py [--eval-dir ../shared/eval] [--floors benchmarks/floors.json]
                                      [--sets seeds isaf ...] [--out runs/floors]

Floors live in ``benchmarks/floors.json`` as ``{set: {metric: floor}}`` and only ever move up. When the
evaluation kit is absent (a machine without ``../shared/eval``) the check is skipped with exit status 0.
Exit status 1 when any metric is below its floor (each is listed), 0 otherwise.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from run_eval import DEFAULT_EVAL_DIR, run_set

FLOORS = Path(__file__).with_name("floors.json")


def check(metrics: dict[str, float], floors: dict[str, float]) -> list[str]:
    """Names and values of the metrics under their floors (a missing metric counts as 0)."""
    failures = []
    for metric, floor in sorted(floors.items()):
        value = float(metrics.get(metric, 0.0))
        if value + 1e-9 < floor:
            failures.append(f"{metric} = {value:.4f} < floor {floor:.4f}")
    return failures


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL_DIR)
    ap.add_argument("--floors", type=Path, default=FLOORS)
    ap.add_argument("--sets", nargs="*", default=None, help="only these sets (default: all with floors)")
    ap.add_argument("--out", type=Path, default=Path("runs") / "floors")
    ap.add_argument("--workers", type=int, default=1)
    args = ap.parse_args(argv)
    if not (args.eval_dir / "score.py").exists():
        print(f"evaluation kit not found at {args.eval_dir}: floors not checked")
        return 0
    floors: dict[str, dict[str, float]] = json.loads(args.floors.read_text())
    names = args.sets or sorted(floors)
    failed = False
    summary = {}
    for name in names:
        metrics = run_set(name, args.eval_dir, args.out / name, args.workers)
        summary[name] = {k: metrics.get(k) for k in floors.get(name, {})}
        problems = check(metrics, floors.get(name, {}))
        status = "FAIL" if problems else "ok"
        print(f"[{status}] {name}: " + ", ".join(f"{k}={v}" for k, v in summary[name].items()))
        for p in problems:
            print(f"    below floor: {p}")
        failed = failed or bool(problems)
    (args.out / "summary.json").write_text(json.dumps(summary, indent=1))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
