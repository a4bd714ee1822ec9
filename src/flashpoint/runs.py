"""Whole runs, the library calls behind the CLI: input paths -> output directory, or -> SQLite store.

In: input paths (anything :func:`flashpoint.ingest.read_inputs` reads) and
:class:`~flashpoint.pipeline.Options`.
Out: the FORMAT.md output directory (:func:`extract_to_dir`) or rows in a :class:`~flashpoint.store.Store`
(:func:`ingest_to_store`), and the :class:`~flashpoint.models.RunReport` of the run.

Ingest is idempotent and resumable: an article already stored with the same content hash is not
re-analysed (``unchanged``), each article is committed on its own, and every run is logged in ``runs``
(a run killed midway stays ``running``; re-running the same command finishes the job).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from .errors import StoreError
from .export import OutputWriter
from .ingest import read_inputs
from .models import Article, ArticleResult, Problem, RunReport
from .pipeline import Options, iter_results
from .store import Store

ResultHook = Callable[[ArticleResult], None]
ProgressHook = Callable[[RunReport], None]


def options_record(options: Options) -> dict[str, Any]:
    record = asdict(options)
    record["reference_date"] = options.reference_date.isoformat() if options.reference_date else None
    return record


def extract_to_dir(
    paths: Sequence[str | Path],
    out_dir: str | Path,
    options: Options | None = None,
    *,
    on_result: ResultHook | None = None,
    on_progress: ProgressHook | None = None,
    report: RunReport | None = None,
) -> RunReport:
    """Extract every input item and write the FORMAT.md output files (all five, empty when nothing found).
    ``report`` (optional) is filled in as the run goes: a caller sees the counts even if it is cut short."""
    report = report if report is not None else RunReport()
    with OutputWriter(out_dir) as writer:
        for result in iter_results(read_inputs(paths, report=report), options, report, on_result,
                                   on_progress=on_progress):
            writer.write(result)
    return report


def ingest_to_store(
    paths: Sequence[str | Path],
    db: str | Path | Store,
    options: Options | None = None,
    *,
    force: bool = False,
    on_result: ResultHook | None = None,
    on_progress: ProgressHook | None = None,
    report: RunReport | None = None,
) -> RunReport:
    """Extract every input item into the store at ``db``; unchanged articles are skipped unless ``force``."""
    report = report if report is not None else RunReport()
    if isinstance(db, Store):
        return _ingest(paths, db, options or Options(), force, on_result, on_progress, report)
    with Store(db) as store:
        return _ingest(paths, store, options or Options(), force, on_result, on_progress, report)


def _ingest(
    paths: Sequence[str | Path],
    store: Store,
    options: Options,
    force: bool,
    on_result: ResultHook | None,
    on_progress: ProgressHook | None,
    report: RunReport,
) -> RunReport:
    run_id = store.start_run("ingest", paths, {**options_record(options), "force": force})
    queued: dict[str, str] = {}  # article id -> content hash, for duplicates within this run
    logged = 0

    def skip(article: Article) -> bool:
        if queued.get(article.id) == article.content_hash:
            return True
        if not force and store.is_unchanged(article):
            return True
        queued[article.id] = article.content_hash
        return False

    def progress(current: RunReport) -> None:
        nonlocal logged
        for problem in current.problems[logged:]:
            store.record_problem(problem, run_id)
        logged = len(current.problems)
        if on_progress is not None:
            on_progress(current)

    status = "failed"
    try:
        for result in iter_results(read_inputs(paths, report=report), options, report, on_result,
                                   skip=skip, on_progress=progress):
            try:
                store.save(result, run_id=run_id, force=True)
            except StoreError as exc:
                if not isinstance(exc.__cause__, sqlite3.IntegrityError):
                    raise  # the database itself is failing (disk full, locked, corrupt): stop the run
                # records that break the schema (e.g. two events with one id): skip this article only
                report.processed -= 1
                report.add(Problem(result.article.origin, str(exc)))
        status = "finished"
    except KeyboardInterrupt:
        status = "interrupted"
        raise
    finally:
        progress(report)
        store.finish_run(run_id, report, status=status)
    return report
