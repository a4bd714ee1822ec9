"""The ``flashpoint`` command line: a thin layer over the library calls.

In: command-line arguments. Out: output files or a SQLite store, a progress bar and a run summary on
stderr, and the exit status: 0 all fine, 1 some input items failed (the rest were processed),
2 usage or configuration error (a :class:`~flashpoint.errors.FlashpointError` prints its message, no
traceback), 130 interrupted.

    flashpoint extract INPUT... --out DIR      FORMAT.md output files
    flashpoint ingest INPUT... [--db PATH]     into the SQLite store (idempotent, resumable)
    flashpoint export --db PATH --format F --out PATH
    flashpoint quotes --db PATH [--speaker X] [--query Q]
    flashpoint run INPUT... --out DIR [--db PATH]   the main job: store + output files + monitoring + report
    flashpoint stories | incidents | dyads | alerts | threats --db PATH [--json]
    flashpoint report --db PATH --out report.html

The monitoring commands read the store and bring its monitoring records up to date first (recomputed
only when the article set changed, see :mod:`flashpoint.monitor_store`); ``--json`` prints a JSON list
on stdout, otherwise an aligned plain-text table.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import click

from . import __version__, tables
from .dyads import GRANULARITIES, LEVELS
from .errors import FlashpointError
from .export import (
    EXPORT_FORMATS,
    alert_record,
    dumps,
    dyad_record,
    export_db,
    incident_record,
    quote_record,
    story_record,
    threat_record,
)
from .ingest import read_inputs
from .main_job import JobResult, run_main_job
from .models import ArticleResult, Incident, RunReport, Severity
from .monitor_store import alerts_of, dyads_of, monitor_store, threats_of, write_store_report
from .nlp import DEFAULT_BATCH_SIZE
from .pipeline import MIN_DATED_FOR_REFERENCE, Options, collection_reference
from .runs import extract_to_dir, ingest_to_store
from .store import DEFAULT_DB, search_quotes

F = TypeVar("F", bound=Callable[..., Any])
EXIT_FAILED_ITEMS = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


def _handle_errors(command: F) -> F:
    """Turn Flashpoint's own errors (and unreadable paths) into a one-line message and exit status 2."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except FlashpointError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(EXIT_USAGE)
        except OSError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(EXIT_USAGE)
        except KeyboardInterrupt:
            click.echo("interrupted; what was stored is kept, re-run the same command to resume", err=True)
            sys.exit(EXIT_INTERRUPTED)

    return wrapper  # type: ignore[return-value]


class RunTally:
    """Counts what a run produced (for the summary) and drives the progress bar."""

    def __init__(self, quiet: bool) -> None:
        self.started = time.perf_counter()
        self.words = 0
        self.records = {"articles": 0, "events": 0, "quotes": 0, "places": 0, "times": 0}
        self.bar: Any = None
        if not quiet and sys.stderr.isatty():
            from tqdm import tqdm

            self.bar = tqdm(unit=" articles", file=sys.stderr, dynamic_ncols=True, smoothing=0.1)

    def on_result(self, result: ArticleResult) -> None:
        self.words += len(result.article.text.split())
        self.records["articles"] += 1
        self.records["events"] += len(result.events)
        self.records["quotes"] += len(result.quotes)
        self.records["places"] += len(result.places)
        self.records["times"] += len(result.times)

    def on_progress(self, report: RunReport) -> None:
        if self.bar is None:
            return
        settled = report.processed + report.unchanged + report.skipped
        self.bar.update(settled - self.bar.n)
        self.bar.set_postfix(words_per_s=f"{self.words / self.elapsed():,.0f}", refresh=False)

    def elapsed(self) -> float:
        return max(time.perf_counter() - self.started, 1e-9)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


def summary_lines(command: str, report: RunReport, tally: RunTally, output: str) -> list[str]:
    """The end-of-run summary: counts, problems (file:line reason), where output went, speed."""
    elapsed = tally.elapsed()
    warnings = sum(1 for p in report.problems if p.severity is Severity.WARNING)
    lines = [
        f"flashpoint {command}: {report.read} read, {report.processed} processed, "
        f"{report.unchanged} unchanged, {report.skipped} skipped"
        + (f", {warnings} warnings" if warnings else "")
        + f" in {elapsed:.1f} s ({tally.words / elapsed:,.0f} words/s)"
    ]
    if report.problems:
        lines.append("problems:")
        for problem in report.problems:
            line = problem.origin.line
            where = problem.origin.path + (f":{line}" if line is not None else "")
            lines.append(f"  {where}: {problem.severity.value}: {problem.reason}")
    produced = ", ".join(f"{name} {count}" for name, count in tally.records.items())
    lines.append(f"output: {output} ({produced})")
    return lines


@contextmanager
def _run(command: str, quiet: bool, output: str) -> Iterator[tuple[RunTally, RunReport]]:
    tally, report = RunTally(quiet), RunReport()
    try:
        yield tally, report
    finally:
        tally.close()
    for line in summary_lines(command, report, tally, output):
        if not quiet or line.startswith(("problems:", "  ")):
            click.echo(line, err=True)
    if report.failed:
        sys.exit(EXIT_FAILED_ITEMS)


COLLECTION = "collection"


class _ReferenceDate(click.ParamType):
    """``YYYY-MM-DD``, or ``collection``: the latest full publication date the inputs state."""

    name = "YYYY-MM-DD|collection"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, dt.date) or value == COLLECTION:
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            self.fail(f"{value!r} is neither a date (YYYY-MM-DD) nor {COLLECTION!r}", param, ctx)


def _options(reference_date: dt.date | str | None, workers: int, batch_size: int,
             inputs: Sequence[Path] = ()) -> Options:
    if reference_date == COLLECTION:
        if any(str(path) == "-" for path in inputs):
            raise click.UsageError("--reference-date collection reads the inputs twice; it cannot read "
                                   "standard input: save it to a file first, or give a date")
        found = collection_reference(read_inputs(inputs, report=RunReport()))
        if found is None:
            click.echo("too few inputs state a full publication date to date the collection (at least "
                       f"{MIN_DATED_FOR_REFERENCE} and a quarter of them): missing years are inferred "
                       "from today", err=True)
        reference_date = found
    assert reference_date is None or isinstance(reference_date, dt.date)
    return Options(reference_date=reference_date, workers=workers, batch_size=batch_size)


def _run_options(command: F) -> F:
    decorators = [
        # A path that does not exist is a usage error (exit 2) before anything runs; "-" is stdin.
        click.argument("inputs", nargs=-1, required=True,
                       type=click.Path(exists=True, allow_dash=True, path_type=Path)),
        click.option("--reference-date", type=_ReferenceDate(), default=None,
                     help="Collection date used to infer missing years: YYYY-MM-DD, or 'collection' for "
                          "the latest full publication date the inputs state (archives); default today."),
        click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
                     help="Processes for spaCy + extraction."),
        click.option("--batch-size", type=click.IntRange(min=1), default=DEFAULT_BATCH_SIZE,
                     show_default=True, help="Articles per spaCy batch / per worker task."),
        click.option("--quiet", "-q", is_flag=True,
                     help="No progress bar, no summary (problems still shown)."),
    ]
    for decorate in reversed(decorators):
        command = decorate(command)
    return command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="flashpoint")
def main() -> None:
    """Flashpoint: source-linked PLOVER political-conflict events, quotes, places and dates from news."""


@main.command()
@_run_options
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Output directory (articles/events/quotes/places/times .jsonl).")
@_handle_errors
def extract(inputs: Sequence[Path], out_dir: Path, reference_date: dt.date | str | None, workers: int,
            batch_size: int, quiet: bool) -> None:
    """Extract events, quotes, places and times from INPUT files into an output directory."""
    options = _options(reference_date, workers, batch_size, inputs)
    with _run("extract", quiet, f"{out_dir}/") as (tally, report):
        extract_to_dir(inputs, out_dir, options, on_result=tally.on_result, on_progress=tally.on_progress,
                       report=report)


@main.command()
@_run_options
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_DB, show_default=True,
              help="SQLite database (created if missing).")
@click.option("--force", is_flag=True, help="Re-analyse articles even when already stored unchanged.")
@_handle_errors
def ingest(inputs: Sequence[Path], db: Path, reference_date: dt.date | str | None, workers: int,
           batch_size: int, quiet: bool, force: bool) -> None:
    """Extract INPUT files into the SQLite store (re-running skips what is stored and unchanged)."""
    options = _options(reference_date, workers, batch_size, inputs)
    with _run("ingest", quiet, str(db)) as (tally, report):
        ingest_to_store(inputs, db, options, force=force, on_result=tally.on_result,
                        on_progress=tally.on_progress, report=report)


@main.command()
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_DB, show_default=True)
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), required=True)
@click.option("--out", type=click.Path(path_type=Path), required=True,
              help="Output file (a directory for jsonl-dir).")
@_handle_errors
def export(db: Path, fmt: str, out: Path) -> None:
    """Export the stored events (or, with jsonl-dir, every record) to a file format."""
    started = time.perf_counter()
    count = export_db(db, fmt, out)
    unit = "articles" if fmt == "jsonl-dir" else "features" if fmt == "geojson" else "events"
    click.echo(f"flashpoint export: {count} {unit} to {out} ({fmt}) in {time.perf_counter() - started:.1f} s",
               err=True)


@main.command()
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_DB, show_default=True)
@click.option("--query", default=None, help="Words that must all occur in the quote.")
@click.option("--speaker", default=None, help="Words that must all occur in the speaker's name.")
@click.option("--since", default=None, help="Earliest publication date (YYYY[-MM[-DD]]).")
@click.option("--until", default=None, help="Latest publication date (YYYY[-MM[-DD]]).")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON quote record a line.")
@_handle_errors
def quotes(db: Path, query: str | None, speaker: str | None, since: str | None, until: str | None,
           limit: int, as_json: bool) -> None:
    """Search stored quotes by words, speaker and publication date (full-text)."""
    hits = search_quotes(db, query=query, speaker=speaker, since=since, until=until, limit=limit)
    for hit in hits:
        if as_json:
            click.echo(dumps({**quote_record(hit.quote), "published": hit.published, "outlet": hit.outlet}))
            continue
        who = hit.quote.speaker.entity_text if hit.quote.speaker else "(unknown speaker)"
        date = hit.published or "????-??-??"
        click.echo(f"{date}  {hit.quote.article_id}  {who}: \u201c{hit.quote.text}\u201d")
    if not as_json:
        click.echo(f"{len(hits)} quote(s)", err=True)


# -- the main job ----------------------------------------------------------------------------------------
def job_summary_lines(job: JobResult, tally: RunTally) -> list[str]:
    """The end of ``flashpoint run``: what the store holds, what monitoring found, where things went."""
    counts, m = job.counts, job.monitoring
    statuses = {s: sum(1 for t in m.threats if t.status == s) for s in ("fulfilled", "not_yet", "lapsed")}
    multi_stories = sum(1 for s in m.stories if len(s.article_ids) > 1)
    multi_incidents = sum(1 for i in m.incidents if i.n_articles > 1)
    how = (f"recomputed, {job.new_articles} new article(s)" if job.monitoring_recomputed
           else "article set unchanged, loaded from the store")
    return [
        f"store:      {job.db} ({counts['articles']} articles, {counts['events']} events, "
        f"{counts['quotes']} quotes, {counts['places']} places, {counts['times']} times)",
        f"monitoring: {len(m.stories)} stories ({multi_stories} told by several articles), "
        f"{len(m.incidents)} incidents ({multi_incidents} reported by several articles), "
        f"{len(m.duplicates)} near-duplicates, {len(m.alerts)} alerts, {len(m.threats)} threats "
        f"({statuses['fulfilled']} fulfilled, {statuses['not_yet']} not yet, {statuses['lapsed']} lapsed); "
        f"{how}",
        f"output:     {job.out_dir}/ ({', '.join(p.name for p in job.output_files)}: "
        f"{job.exported_articles} articles)",
        f"report:     {job.report_path}",
    ]


@main.command()
@_run_options
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Output directory (output files and report.html).")
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="SQLite database (default: OUT/flashpoint.sqlite; created if missing).")
@_handle_errors
def run(inputs: Sequence[Path], out_dir: Path, db: Path | None, reference_date: dt.date | str | None,
        workers: int, batch_size: int, quiet: bool) -> None:
    """The main job: store INPUT files, write the output files of every stored article, compute
    stories, incidents, dyads, alerts and threats, and write OUT/report.html."""
    options = _options(reference_date, workers, batch_size, inputs)
    tally, report = RunTally(quiet), RunReport()
    try:
        job = run_main_job(inputs, out_dir, db, options, on_result=tally.on_result,
                           on_progress=tally.on_progress, report=report)
    finally:
        tally.close()
    lines = summary_lines("run", report, tally, str(out_dir))[:-1] + job_summary_lines(job, tally)
    for line in lines:
        if not quiet or line.startswith(("problems:", "  ")):
            click.echo(line, err=True)
    if report.failed:
        sys.exit(EXIT_FAILED_ITEMS)


# -- monitoring views --------------------------------------------------------------------------------------
def _db_option(command: F) -> F:
    return click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_DB,
                        show_default=True, help="SQLite database written by ingest or run.")(command)


def _json_option(command: F) -> F:
    return click.option("--json", "as_json", is_flag=True, help="A JSON list on stdout.")(command)


def _emit(records: list[dict[str, Any]], lines: list[str], as_json: bool, noun: str) -> None:
    if as_json:
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
        return
    for line in lines:
        click.echo(line)
    click.echo(f"{len(records)} {noun}", err=True)


@main.command()
@_db_option
@click.option("--all", "show_all", is_flag=True, help="Also stories told by a single article (text only).")
@_json_option
@_handle_errors
def stories(db: Path, show_all: bool, as_json: bool) -> None:
    """Stories: articles about the same developing story, across outlets, with their article ids."""
    found = list(monitor_store(db).stories)
    if not as_json and not show_all:
        found = [s for s in found if len(s.article_ids) > 1] or found
    _emit([story_record(s) for s in found], tables.story_table(found), as_json, "stories")


def _incident_order(incident: Incident) -> tuple[str, str]:
    return (incident.date.value if incident.date else "9999", incident.id)


@main.command()
@_db_option
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Show at most N incidents.")
@click.option("--sort", "sort_by", type=click.Choice(["date", "sources"]), default="date", show_default=True,
              help="By date (undated last) or by number of supporting articles (most first).")
@_json_option
@_handle_errors
def incidents(db: Path, limit: int | None, sort_by: str, as_json: bool) -> None:
    """Incidents: one row per real-world act, with its supporting articles and outlets."""
    found = sorted(monitor_store(db).incidents, key=_incident_order)
    if sort_by == "sources":
        found.sort(key=lambda i: (-i.n_articles, -i.n_outlets))
    found = found[:limit] if limit else found
    _emit([incident_record(i) for i in found], tables.incident_table(found), as_json, "incidents")


@main.command()
@_db_option
@click.option("--level", type=click.Choice(LEVELS), default="country", show_default=True)
@click.option("--directed", is_flag=True, help="Who acted on whom (default: the unordered pair).")
@click.option("--granularity", type=click.Choice(GRANULARITIES), default="day", show_default=True)
@_json_option
@_handle_errors
def dyads(db: Path, level: str, directed: bool, granularity: str, as_json: bool) -> None:
    """Dyad series: incidents per actor pair and period, by quad class, with the summed PLOVER score."""
    points = dyads_of(db, level=level, directed=directed, granularity=granularity)
    _emit([dyad_record(p) for p in points], tables.dyad_table(points), as_json, "dyad periods")


@main.command()
@_db_option
@click.option("--z-threshold", type=click.FloatRange(min=0), default=None,
              help="Detector threshold (default: the stored alerts' threshold).")
@_json_option
@_handle_errors
def alerts(db: Path, z_threshold: float | None, as_json: bool) -> None:
    """Escalation alerts, each with its explanation and the incidents and quotes behind it."""
    found = alerts_of(db, z_threshold=z_threshold)
    _emit([alert_record(a) for a in found], tables.alert_blocks(found), as_json, "alerts")


@main.command()
@_db_option
@click.option("--window-days", type=click.IntRange(min=0), default=None,
              help="Days after a threat in which the act counts as fulfilling it (default 30).")
@click.option("--as-of", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Day the register is judged on (default: the run's reference date, else the latest "
                   "incident date).")
@_json_option
@_handle_errors
def threats(db: Path, window_days: int | None, as_of: dt.datetime | None, as_json: bool) -> None:
    """The threat register: every threat, and whether the threatened act followed."""
    found = threats_of(db, window_days=window_days, as_of=as_of.date() if as_of else None)
    _emit([threat_record(t) for t in found], tables.threat_table(found), as_json, "threats")


@main.command()
@_db_option
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The HTML file to write.")
@_handle_errors
def report(db: Path, out: Path) -> None:
    """Write the self-contained HTML report (timeline, alerts, threats, incidents, stories, quotes)."""
    path = write_store_report(db, out)
    click.echo(f"flashpoint report: {path}", err=True)


if __name__ == "__main__":
    main()
