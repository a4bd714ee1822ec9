"""The main job behind ``flashpoint run``: inputs -> store -> output files + monitoring + report.

In: input paths (anything :func:`flashpoint.ingest.read_inputs` reads), an output directory, a store path
and :class:`~flashpoint.pipeline.Options`. Out, in this order:

1. the articles in the SQLite store (:func:`flashpoint.runs.ingest_to_store`: idempotent, resumable —
   articles already stored unchanged are not analysed again);
2. the FORMAT.md output directory written from the store (ALL stored articles, not only this run's);
3. the monitoring records (:func:`flashpoint.monitor_store.refresh_monitoring`: recomputed only when the
   article set changed), judged on the reference date when one is given;
4. ``report.html`` in the output directory (:func:`flashpoint.report.write_report`).

Returns a :class:`JobResult` with the run report, the store's table counts, the monitoring records and
where everything went. Re-running the same job adds no row to any data or monitoring table.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .export import OUTPUT_FILES, export_results
from .models import Monitoring, RunReport
from .monitor import MonitorSettings
from .monitor_store import refresh_monitoring, stored_settings
from .pipeline import Options
from .report import write_report
from .runs import ProgressHook, ResultHook, ingest_to_store
from .store import DEFAULT_DB, Store

REPORT_NAME = "report.html"


@dataclass(frozen=True, slots=True)
class JobResult:
    report: RunReport
    out_dir: Path
    db: Path
    report_path: Path
    counts: dict[str, int]  # rows per data table of the store after the run
    exported_articles: int
    monitoring: Monitoring
    monitoring_recomputed: bool
    new_articles: int  # articles new to monitoring (near-duplicate index, embedding cache)

    @property
    def output_files(self) -> list[Path]:
        return [self.out_dir / f"{name}.jsonl" for name in OUTPUT_FILES]


def run_main_job(
    paths: Sequence[str | Path],
    out_dir: str | Path,
    db: str | Path | None = None,
    options: Options | None = None,
    *,
    settings: MonitorSettings | None = None,
    on_result: ResultHook | None = None,
    on_progress: ProgressHook | None = None,
    report: RunReport | None = None,
) -> JobResult:
    """Ingest ``paths`` into the store at ``db`` (default ``out_dir/flashpoint.sqlite``), write the output
    directory from the store, bring monitoring up to date and write ``out_dir/report.html``.
    ``settings``: monitoring settings (default: those last used on this store, with ``as_of`` set to
    ``options.reference_date`` when given)."""
    options = options or Options()
    out = Path(out_dir)
    db_path = Path(db) if db is not None else out / DEFAULT_DB
    report = report if report is not None else RunReport()
    with Store(db_path) as store:
        ingest_to_store(paths, store, options, on_result=on_result, on_progress=on_progress, report=report)
        exported = export_results(store.iter_results(), "jsonl-dir", out)
        if settings is None:
            settings = stored_settings(store) or MonitorSettings()
            if options.reference_date is not None:
                settings = dataclasses.replace(settings, as_of=options.reference_date)
        update = refresh_monitoring(store, settings)
        report_path = write_report(out / REPORT_NAME, update.monitoring, store.load_results())
        counts = store.counts()
    return JobResult(report=report, out_dir=out, db=db_path, report_path=report_path, counts=counts,
                     exported_articles=exported, monitoring=update.monitoring,
                     monitoring_recomputed=update.recomputed, new_articles=update.new_articles)
