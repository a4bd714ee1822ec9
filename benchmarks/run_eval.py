"""Run an evaluation set through Flashpoint and score it with the kit's scorer.

    python benchmarks/run_eval.py SET [--eval-dir ../shared/eval] [--out runs/SET] [--json]
                                      [--reference-date collection|today|YYYY-MM-DD]

Reads ``<eval-dir>/data/SET/articles.jsonl``, writes the FORMAT.md output directory, then runs
``<eval-dir>/score.py`` on it and prints its table (or its JSON object with ``--json``).

The evaluation sets are archives (press releases of 2009-2013, news of past years), so missing years
are inferred against the collection's own reference date (``flashpoint extract --reference-date
collection``: the latest full publication date its articles state), not against today.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
import time
from pathlib import Path

import flashpoint
from flashpoint.export import OutputWriter
from flashpoint.ingest import read_inputs
from flashpoint.models import RunReport
from flashpoint.pipeline import Options, collection_reference, iter_results

DEFAULT_EVAL_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "eval"


def run_set(name: str, eval_dir: Path, out_dir: Path, workers: int = 1,
            reference: str = "collection") -> dict[str, float]:
    """Extract SET into ``out_dir`` and return the scorer's JSON metrics (``reference``: ``collection``,
    ``today`` or a YYYY-MM-DD date for year inference)."""
    articles = eval_dir / "data" / name / "articles.jsonl"
    report = RunReport()
    started = time.perf_counter()
    if reference == "collection":
        reference_date = collection_reference(read_inputs([articles], report=RunReport()))
    else:
        reference_date = None if reference == "today" else dt.date.fromisoformat(reference)
    options = Options(workers=workers, reference_date=reference_date)
    with OutputWriter(out_dir) as writer:
        for result in iter_results(read_inputs([articles], report=report), options, report):
            writer.write(result)
    elapsed = time.perf_counter() - started
    print(f"[{name}] {report.processed} articles in {elapsed:.1f}s; problems: {len(report.problems)}",
          file=sys.stderr)
    proc = subprocess.run(
        [sys.executable, str(eval_dir / "score.py"), "--gold", str(eval_dir / "data" / name / "gold.jsonl"),
         "--out", str(out_dir), "--json"],
        check=True, capture_output=True, text=True,
    )
    return dict(json.loads(proc.stdout))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sets", nargs="+")
    ap.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL_DIR)
    ap.add_argument("--out", type=Path, default=Path("runs"))
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--reference-date", default="collection",
                    help="collection (default), today or YYYY-MM-DD: missing years are inferred from it")
    args = ap.parse_args(argv)
    all_metrics = {}
    for name in args.sets:
        metrics = run_set(name, args.eval_dir, args.out / name, args.workers, args.reference_date)
        all_metrics[name] = metrics
        if not args.json:
            print(f"== {name} (flashpoint {flashpoint.__version__})")
            for key, value in metrics.items():
                print(f"  {key:32s} {value}")
    if args.json:
        print(json.dumps(all_metrics, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
