"""Throughput: Flashpoint end to end vs bare spaCy ``nlp.pipe``, same corpus, model and worker count.

    python benchmarks/throughput.py [--corpus PATH] [--limit N] [--workers N] [--batch-size N]
                                    [--json-out PATH]

In: a FORMAT.md ``articles.jsonl`` corpus (default ``../shared/eval/data/bench/articles.jsonl``; ``--limit``
takes the first N articles). Out: a table on stdout and a JSON file (``--json-out``, default
``runs/throughput.json``) with, for each of the two measurements, articles, words (whitespace tokens of the
input text), seconds, words/second, CPU seconds (process + workers) and words per CPU second (the
fairer figure on a shared machine), and peak resident memory (MiB) of the measuring process and of its
largest worker process.

Each measurement runs in its own fresh process (so its peak memory is its own): the spaCy pipeline is
loaded and the input read before the clock starts; with one worker, Flashpoint's own resources (gazetteer,
actor registry) are loaded before the clock too, their time reported as ``loading_seconds`` and counted in
a second ratio, ``flashpoint_vs_spacy_with_loading``; worker start-up (each worker loading what it needs)
is inside the timing for both. ``flashpoint_vs_spacy`` is the words/s ratio Flashpoint / bare spaCy.
"Flashpoint" is the whole per-article path: cleaning, spaCy, every extractor, and writing the FORMAT.md
output files (to a temporary directory).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import platform
import resource
import sys
import tempfile
import time
from itertools import islice
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared/eval/data/bench/articles.jsonl"


def _read(corpus: Path, limit: int | None) -> list[Any]:
    from flashpoint.ingest import read_inputs
    from flashpoint.models import RunReport

    return list(islice(read_inputs([corpus], report=RunReport()), limit))


def _cpu_seconds() -> float:
    """User + system CPU time of this process and its reaped children (workers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _peak_mib() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # largest reaped child
    return round(own, 1), round(children, 1)


def _measure_spacy(corpus: Path, limit: int | None, workers: int, batch_size: int) -> dict[str, Any]:
    from flashpoint.nlp import load_pipeline

    texts = [d.text if d.text is not None else (d.html or "") for d in _read(corpus, limit)]
    model = load_pipeline()
    started, cpu = time.perf_counter(), _cpu_seconds()
    count = sum(1 for _ in model.pipe(texts, batch_size=batch_size, n_process=workers))
    seconds = time.perf_counter() - started
    return {"articles": count, "words": sum(len(t.split()) for t in texts), "seconds": seconds,
            "cpu_seconds": _cpu_seconds() - cpu}


def _measure_flashpoint(corpus: Path, limit: int | None, workers: int, batch_size: int) -> dict[str, Any]:
    from flashpoint.export import OutputWriter
    from flashpoint.models import RunReport
    from flashpoint.nlp import load_pipeline
    from flashpoint.pipeline import Options, iter_results, warm_up

    documents = _read(corpus, limit)
    load_pipeline()
    loading = time.perf_counter()
    if workers <= 1:  # what every article needs, loaded once per process: like the spaCy model, off the clock
        warm_up()
    loading = time.perf_counter() - loading
    report, words = RunReport(), 0
    with tempfile.TemporaryDirectory() as out_dir:
        started, cpu = time.perf_counter(), _cpu_seconds()
        with OutputWriter(out_dir) as writer:
            for result in iter_results(documents, Options(workers=workers, batch_size=batch_size), report):
                writer.write(result)
                words += len(result.article.text.split())
        seconds = time.perf_counter() - started
    return {"articles": report.processed, "words": words, "seconds": seconds,
            "cpu_seconds": _cpu_seconds() - cpu, "problems": len(report.problems),
            "loading_seconds": round(loading, 2)}


def _child(name: str, args: tuple[Any, ...], conn: Connection) -> None:
    measure = {"spacy": _measure_spacy, "flashpoint": _measure_flashpoint}[name]
    figures = measure(*args)
    figures["words_per_s"] = round(figures["words"] / max(figures["seconds"], 1e-9), 1)
    figures["words_per_cpu_s"] = round(figures["words"] / max(figures["cpu_seconds"], 1e-9), 1)
    figures["seconds"] = round(figures["seconds"], 2)
    figures["cpu_seconds"] = round(figures["cpu_seconds"], 2)
    figures["peak_rss_mib"], figures["peak_worker_rss_mib"] = _peak_mib()
    conn.send(figures)
    conn.close()


def run_isolated(name: str, *args: Any) -> dict[str, Any]:
    """Run one measurement in a fresh (spawned) process and return its figures."""
    context = multiprocessing.get_context("spawn")
    receive, send = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(name, args, send))
    process.start()
    send.close()
    figures: dict[str, Any] = receive.recv()
    process.join()
    return figures


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--limit", type=int, default=None, help="first N articles only")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--json-out", type=Path, default=Path("runs") / "throughput.json")
    args = ap.parse_args(argv)
    if not args.corpus.is_file():
        print(f"error: no corpus at {args.corpus}; pass --corpus PATH", file=sys.stderr)
        return 2
    common = (args.corpus, args.limit, args.workers, args.batch_size)
    spacy_figures = run_isolated("spacy", *common)
    flashpoint_figures = run_isolated("flashpoint", *common)
    import flashpoint
    from flashpoint.nlp import MODEL_PACKAGE

    summary = {
        "corpus": str(args.corpus), "limit": args.limit, "workers": args.workers,
        "batch_size": args.batch_size, "model": MODEL_PACKAGE, "flashpoint": flashpoint.__version__,
        "python": platform.python_version(), "cpus": multiprocessing.cpu_count(),
        "spacy_pipe": spacy_figures, "flashpoint_end_to_end": flashpoint_figures,
        "flashpoint_vs_spacy": round(flashpoint_figures["words_per_s"] / spacy_figures["words_per_s"], 3),
    }
    # the same ratio with Flashpoint's one-off loading (gazetteer, actor registry) counted in its time
    with_loading = flashpoint_figures["words"] / max(
        flashpoint_figures["seconds"] + flashpoint_figures["loading_seconds"], 1e-9)
    summary["flashpoint_vs_spacy_with_loading"] = round(with_loading / spacy_figures["words_per_s"], 3)
    columns = ("articles", "words", "seconds", "words/s", "CPU s", "words/CPU s", "RSS MiB", "worker MiB")
    print(f"{'':22s}" + "".join(f"{c:>12s}" for c in columns))
    for label, f in (("spaCy nlp.pipe", spacy_figures), ("Flashpoint end to end", flashpoint_figures)):
        values = (f["articles"], f["words"], f["seconds"], f["words_per_s"], f["cpu_seconds"],
                  f["words_per_cpu_s"], f["peak_rss_mib"], f["peak_worker_rss_mib"])
        print(f"{label:22s}" + "".join(f"{v:>12,.0f}" if isinstance(v, int) or v > 100 else f"{v:>12,.2f}"
                                       for v in values))
    print(f"Flashpoint runs at {summary['flashpoint_vs_spacy']:.0%} of bare spaCy's speed "
          f"(workers={args.workers}, batch={args.batch_size}); "
          f"ratio flashpoint/spacy words/s = {summary['flashpoint_vs_spacy']:.3f}.")
    if flashpoint_figures["loading_seconds"]:
        print(f"Counting its one-off loading ({flashpoint_figures['loading_seconds']:.2f}s: gazetteer, actor "
              f"registry) as well: {summary['flashpoint_vs_spacy_with_loading']:.0%}.")
    args.json_out.parent.mkdir(parents=True, exist_ok=True)
    args.json_out.write_text(json.dumps(summary, indent=1) + "\n", encoding="utf-8")
    print(f"written: {args.json_out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
