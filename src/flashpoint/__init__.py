"""Flashpoint: source-linked PLOVER political-conflict events from news text.

Library first: the CLI and the API are thin layers over these functions.

    >>> import flashpoint
    >>> docs = flashpoint.read_inputs(["examples/"])          # SourceDocument records
    >>> result = flashpoint.extract(docs)                       # Result: per-article records + report
    >>> flashpoint.write_output(result, "out/")                # FORMAT.md output directory
    >>> flashpoint.ingest_to_store(["examples/"], "flashpoint.sqlite")   # SQLite store (idempotent)
    >>> flashpoint.export_db("flashpoint.sqlite", "parquet", "events.parquet")
    >>> update = flashpoint.refresh_monitoring("flashpoint.sqlite")  # stories, incidents, alerts, threats
    >>> flashpoint.run_main_job(["examples/"], "out/demo")           # all of it + report.html
"""

from __future__ import annotations

from .errors import FlashpointError
from .export import EXPORT_FORMATS, export_db, export_results, write_output
from .ingest import read_inputs
from .main_job import JobResult, run_main_job
from .models import (
    Actor,
    Alert,
    Article,
    ArticleResult,
    Casualties,
    DateValue,
    DuplicateLink,
    DyadPoint,
    Event,
    Incident,
    Mention,
    Monitoring,
    Place,
    Problem,
    Quote,
    Result,
    RunReport,
    SourceDocument,
    Story,
    ThreatRecord,
    TimeExpr,
)

# (the functions monitor.monitor and monitor_store.monitor_store are not re-exported: their names would
# shadow their modules)
from .monitor import MonitorSettings
from .monitor_store import MonitorUpdate, load_monitoring, refresh_monitoring
from .pipeline import Options, extract, iter_results
from .runs import extract_to_dir, ingest_to_store
from .store import QuoteHit, Store, search_quotes

__version__ = "0.1.0"

__all__ = [
    "EXPORT_FORMATS",
    "Actor",
    "Alert",
    "Article",
    "ArticleResult",
    "Casualties",
    "DateValue",
    "DuplicateLink",
    "DyadPoint",
    "Event",
    "FlashpointError",
    "Incident",
    "JobResult",
    "Mention",
    "MonitorSettings",
    "MonitorUpdate",
    "Monitoring",
    "Options",
    "Place",
    "Problem",
    "Quote",
    "QuoteHit",
    "Result",
    "RunReport",
    "SourceDocument",
    "Store",
    "Story",
    "ThreatRecord",
    "TimeExpr",
    "__version__",
    "export_db",
    "export_results",
    "extract",
    "extract_to_dir",
    "ingest_to_store",
    "iter_results",
    "load_monitoring",
    "read_inputs",
    "refresh_monitoring",
    "run_main_job",
    "search_quotes",
    "write_output",
]
