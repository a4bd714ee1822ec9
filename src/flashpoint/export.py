"""Serialise records to the output contract (FORMAT.md section 2), write output directories and exports.

In: :class:`~flashpoint.models.ArticleResult` / :class:`~flashpoint.models.Event` records, or a store.
Out: JSON-ready dicts with PLOVER's field names; the files ``articles.jsonl``, ``events.jsonl``,
``quotes.jsonl``, ``places.jsonl``, ``times.jsonl`` (``jsonl-dir``); and the event exports ``plover-jsonl``
(one PLOVER record a line), ``csv`` (one row per event, actor/recipient flattened), ``parquet`` (nested
schema, see :data:`PARQUET_SCHEMA`) and ``geojson`` (a FeatureCollection of the events with a location).
Monitoring records (:class:`~flashpoint.models.Story`, ``Incident``, ``DyadPoint``, ``Alert``,
``ThreatRecord``, ``DuplicateLink``) become dicts through :func:`story_record`, :func:`incident_record`,
:func:`dyad_record`, :func:`alert_record`, :func:`threat_record` and :func:`duplicate_record`.
This module is the only place where records become plain dicts.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from .errors import ExportError
from .models import (
    Actor,
    Alert,
    Article,
    ArticleResult,
    DuplicateLink,
    DyadPoint,
    Event,
    Incident,
    Monitoring,
    Place,
    Quote,
    Story,
    ThreatRecord,
    TimeExpr,
)

if TYPE_CHECKING:
    import pyarrow as pa

OUTPUT_FILES = ("articles", "events", "quotes", "places", "times")


def actor_record(actor: Actor) -> dict[str, Any]:
    rec: dict[str, Any] = {
        "entity_text": actor.entity_text,
        "identifier_text": actor.identifier_text,
        "code": actor.code,
        "sector": actor.sector,
    }
    if actor.office:
        rec["office"] = actor.office
    if actor.registry_id:
        rec["actor_id"] = actor.registry_id
    if actor.start is not None:
        rec["start"], rec["end"] = actor.start, actor.end
    return rec


def place_location(place: Place | None) -> dict[str, Any] | None:
    if place is None:
        return None
    return {
        "name": place.name or place.text,
        "lat": place.lat,
        "lon": place.lon,
        "country": place.country,
        "admin1": place.admin1,
        "geonames_id": place.geonames_id,
        "start": place.start,
        "end": place.end,
    }


def article_record(article: Article) -> dict[str, Any]:
    pub = article.published
    return {
        "article_id": article.id,
        "title": article.title,
        "published": pub.value if pub else None,
        "published_precision": pub.precision.value if pub else None,
        "published_year_inferred": pub.year_inferred if pub else False,
        "published_source": article.published_source,
        "outlet": article.outlet,
        "dateline": article.dateline,
        "url": article.url,
        "source": article.origin.path,
        "body": article.body,
    }


def event_record(event: Event) -> dict[str, Any]:
    return {
        "id": event.id,
        "article_id": event.article_id,
        "date": event.date.value if event.date else None,
        "date_precision": event.date.precision.value if event.date else None,
        "actor": [actor_record(a) for a in event.actors],
        "recipient": [actor_record(a) for a in event.recipients],
        "event": [event.event_type],
        "mode": [event.mode] if event.mode else [],
        "context": list(event.context),
        "event_scale": event.event_scale,
        "quad_code": event.quad_code,
        "event_loc": place_location(event.location),
        "size": {"dead": event.size.dead, "injured": event.size.injured, "arrested": event.size.arrested},
        "text_info": {"start": event.start, "end": event.end},
        "event_text": event.event_text,
        "trigger": event.trigger,
        "condition": event.condition,
        "quote_id": event.quote_id,
        "confidence": round(event.confidence, 4),
        "extractor": event.provenance.extractor if event.provenance else None,
    }


def quote_record(quote: Quote) -> dict[str, Any]:
    return {
        "id": quote.id,
        "article_id": quote.article_id,
        "kind": quote.kind.value,
        "text": quote.text,
        "start": quote.start,
        "end": quote.end,
        "cue": quote.cue,
        "medium": quote.medium,
        "speaker": actor_record(quote.speaker) if quote.speaker else None,
        "speaker_start": quote.speaker_start,
        "speaker_end": quote.speaker_end,
        "addressees": [actor_record(a) for a in quote.addressees],
        "confidence": round(quote.confidence, 4),
    }


def place_record(place: Place) -> dict[str, Any]:
    return {
        "article_id": place.article_id,
        "text": place.text,
        "start": place.start,
        "end": place.end,
        "name": place.name,
        "lat": place.lat,
        "lon": place.lon,
        "country": place.country,
        "admin1": place.admin1,
        "geonames_id": place.geonames_id,
        "feature": place.feature,
        "confidence": round(place.confidence, 4),
    }


def time_record(time: TimeExpr) -> dict[str, Any]:
    return {
        "article_id": time.article_id,
        "text": time.text,
        "start": time.start,
        "end": time.end,
        "value": time.value,
        "precision": time.precision.value if time.precision else None,
    }


def duplicate_record(link: DuplicateLink) -> dict[str, Any]:
    return {"article_id": link.article_id, "duplicate_of": link.duplicate_of, "similarity": link.similarity}


def story_record(story: Story) -> dict[str, Any]:
    return {
        "id": story.id,
        "label": story.label,
        "article_ids": list(story.article_ids),
        "first_date": story.first_date,
        "last_date": story.last_date,
        "actor_codes": list(story.actor_codes),
        "place_names": list(story.place_names),
    }


def _range(values: tuple[int, int] | None) -> list[int] | None:
    return list(values) if values is not None else None


def incident_record(incident: Incident) -> dict[str, Any]:
    """An incident with PLOVER-style field names (``event``, ``actor``, ``recipient``, ``event_loc``)."""
    return {
        "id": incident.id,
        "event": incident.event_type,
        "mode": incident.mode,
        "date": incident.date.value if incident.date else None,
        "date_precision": incident.date.precision.value if incident.date else None,
        "actor": [actor_record(a) for a in incident.actors],
        "recipient": [actor_record(a) for a in incident.recipients],
        "event_loc": place_location(incident.location),
        "size": {"dead": incident.size.dead, "injured": incident.size.injured,
                 "arrested": incident.size.arrested},
        "dead_range": _range(incident.dead_range),
        "injured_range": _range(incident.injured_range),
        "quad_code": incident.quad_code,
        "event_scale": incident.event_scale,
        "context": list(incident.context),
        "event_ids": list(incident.event_ids),
        "article_ids": list(incident.article_ids),
        "outlets": list(incident.outlets),
        "n_articles": incident.n_articles,
        "n_outlets": incident.n_outlets,
        "first_reported": incident.first_reported,
        "story_id": incident.story_id,
        "quote_ids": list(incident.quote_ids),
    }


def dyad_record(point: DyadPoint) -> dict[str, Any]:
    return {
        "source": point.source,
        "target": point.target,
        "level": point.level,
        "directed": point.directed,
        "granularity": point.granularity,
        "period": point.period,
        "counts": {f"quad{n}": count for n, count in enumerate(point.counts, start=1)},
        "score": point.score,
        "incident_ids": list(point.incident_ids),
    }


def alert_record(alert: Alert) -> dict[str, Any]:
    return {
        "id": alert.id,
        "source": alert.source,
        "target": alert.target,
        "level": alert.level,
        "date": alert.date,
        "method": alert.method,
        "statistic": alert.statistic,
        "threshold": alert.threshold,
        "baseline": alert.baseline,
        "observed": alert.observed,
        "explanation": alert.explanation,
        "incident_ids": list(alert.incident_ids),
        "quote_ids": list(alert.quote_ids),
    }


def threat_record(threat: ThreatRecord) -> dict[str, Any]:
    return {
        "event_id": threat.event_id,
        "article_id": threat.article_id,
        "issuer": actor_record(threat.issuer),
        "target": actor_record(threat.target) if threat.target else None,
        "mode": threat.mode,
        "condition": threat.condition,
        "date": threat.date,
        "status": threat.status,
        "window_days": threat.window_days,
        "text": threat.text,
        "fulfilled_by": threat.fulfilled_by,
        "fulfilled_on": threat.fulfilled_on,
    }


def monitoring_records(monitoring: Monitoring) -> dict[str, list[dict[str, Any]]]:
    """Every monitoring record, by kind (``duplicates``, ``stories``, ``incidents``, ``dyads``, ``alerts``,
    ``threats``)."""
    return {
        "duplicates": [duplicate_record(d) for d in monitoring.duplicates],
        "stories": [story_record(s) for s in monitoring.stories],
        "incidents": [incident_record(i) for i in monitoring.incidents],
        "dyads": [dyad_record(p) for p in monitoring.dyads],
        "alerts": [alert_record(a) for a in monitoring.alerts],
        "threats": [threat_record(t) for t in monitoring.threats],
    }


def result_records(result: ArticleResult) -> dict[str, list[dict[str, Any]]]:
    """The output-contract records of one article, by output file name."""
    return {
        "articles": [article_record(result.article)],
        "events": [event_record(e) for e in result.events],
        "quotes": [quote_record(q) for q in result.quotes],
        "places": [place_record(p) for p in result.places],
        "times": [time_record(t) for t in result.times],
    }


def dumps(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


class OutputWriter:
    """Writes the FORMAT.md output directory incrementally (one article at a time); a context manager."""

    def __init__(self, out_dir: str | Path) -> None:
        self.out_dir = Path(out_dir)
        self._files: dict[str, TextIO] = {}

    def __enter__(self) -> OutputWriter:
        self.out_dir.mkdir(parents=True, exist_ok=True)
        for name in OUTPUT_FILES:
            self._files[name] = open(self.out_dir / f"{name}.jsonl", "w", encoding="utf-8")
        return self

    def write(self, result: ArticleResult) -> None:
        for name, records in result_records(result).items():
            fh = self._files[name]
            for rec in records:
                fh.write(dumps(rec) + "\n")

    def __exit__(self, *exc: object) -> None:
        for fh in self._files.values():
            fh.close()
        self._files.clear()


def write_output(results: Iterable[ArticleResult], out_dir: str | Path) -> Path:
    """Write all results to ``out_dir`` (created if needed); returns the directory."""
    with OutputWriter(out_dir) as writer:
        for result in results:
            writer.write(result)
    return Path(out_dir)


# -- event exports ---------------------------------------------------------------------------------------
EXPORT_FORMATS = ("plover-jsonl", "csv", "parquet", "geojson", "jsonl-dir")
PARQUET_ROWS_PER_GROUP = 10_000

CSV_COLUMNS = (
    "id", "article_id", "date", "date_precision", "event", "mode", "context", "quad_code", "event_scale",
    "actor_text", "actor_code", "actor_sector", "actor_identifier", "actor_texts", "actor_codes",
    "actor_sectors",
    "recipient_text", "recipient_code", "recipient_sector", "recipient_identifier", "recipient_texts",
    "recipient_codes", "recipient_sectors",
    "loc_name", "loc_lat", "loc_lon", "loc_country", "loc_admin1", "loc_geonames_id",
    "dead", "injured", "arrested", "text_start", "text_end", "event_text", "trigger", "condition",
    "quote_id", "confidence", "extractor",
)
LIST_SEPARATOR = "; "


def _joined(values: Iterable[str | None]) -> str:
    return LIST_SEPARATOR.join(v or "" for v in values)


def event_csv_row(event: Event) -> dict[str, Any]:
    """One flat CSV row: the first actor/recipient in its own columns, every one in the joined columns."""
    row: dict[str, Any] = {
        "id": event.id, "article_id": event.article_id,
        "date": event.date.value if event.date else None,
        "date_precision": event.date.precision.value if event.date else None,
        "event": event.event_type, "mode": event.mode, "context": _joined(event.context),
        "quad_code": event.quad_code, "event_scale": event.event_scale,
    }
    for role, entities in (("actor", event.actors), ("recipient", event.recipients)):
        first = entities[0] if entities else None
        row[f"{role}_text"] = first.entity_text if first else None
        row[f"{role}_code"] = first.code if first else None
        row[f"{role}_sector"] = first.sector if first else None
        row[f"{role}_identifier"] = first.identifier_text if first else None
        row[f"{role}_texts"] = _joined(a.entity_text for a in entities)
        row[f"{role}_codes"] = _joined(a.code for a in entities)
        row[f"{role}_sectors"] = _joined(a.sector for a in entities)
    loc = event.location
    row.update({
        "loc_name": (loc.name or loc.text) if loc else None, "loc_lat": loc.lat if loc else None,
        "loc_lon": loc.lon if loc else None, "loc_country": loc.country if loc else None,
        "loc_admin1": loc.admin1 if loc else None, "loc_geonames_id": loc.geonames_id if loc else None,
        "dead": event.size.dead, "injured": event.size.injured, "arrested": event.size.arrested,
        "text_start": event.start, "text_end": event.end, "event_text": event.event_text,
        "trigger": event.trigger, "condition": event.condition, "quote_id": event.quote_id,
        "confidence": round(event.confidence, 4),
        "extractor": event.provenance.extractor if event.provenance else None,
    })
    return row


def write_plover_jsonl(events: Iterable[Event], out: str | Path) -> int:
    """One PLOVER event record (:func:`event_record`) a line; returns the number of events written."""
    count = 0
    with _open_out(out) as fh:
        for event in events:
            fh.write(dumps(event_record(event)) + "\n")
            count += 1
    return count


def write_csv(events: Iterable[Event], out: str | Path) -> int:
    count = 0
    with _open_out(out, newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        for event in events:
            writer.writerow(event_csv_row(event))
            count += 1
    return count


def event_feature(event: Event) -> dict[str, Any] | None:
    """A GeoJSON Feature (Point at the event location) or None when the event has no coordinates."""
    loc = event.location
    if loc is None or loc.lat is None or loc.lon is None:
        return None
    return {
        "type": "Feature",
        "id": event.id,
        "geometry": {"type": "Point", "coordinates": [loc.lon, loc.lat]},
        "properties": event_record(event),
    }


def write_geojson(events: Iterable[Event], out: str | Path) -> int:
    """A FeatureCollection of the events that have a located ``event_loc``; returns the feature count."""
    count = 0
    with _open_out(out) as fh:
        fh.write('{"type":"FeatureCollection","features":[')
        for event in events:
            feature = event_feature(event)
            if feature is None:
                continue
            fh.write(("," if count else "") + "\n" + dumps(feature))
            count += 1
        fh.write("\n]}\n")
    return count


def parquet_schema() -> pa.Schema:
    """The Parquet schema of exported events: PLOVER field names, actors as lists of structs."""
    import pyarrow as pa

    actor = pa.struct([
        ("entity_text", pa.string()), ("identifier_text", pa.string()), ("code", pa.string()),
        ("sector", pa.string()), ("office", pa.string()), ("actor_id", pa.string()),
        ("start", pa.int64()), ("end", pa.int64()),
    ])
    location = pa.struct([
        ("name", pa.string()), ("lat", pa.float64()), ("lon", pa.float64()), ("country", pa.string()),
        ("admin1", pa.string()), ("geonames_id", pa.int64()), ("start", pa.int64()), ("end", pa.int64()),
    ])
    return pa.schema([
        ("id", pa.string()), ("article_id", pa.string()), ("date", pa.string()),
        ("date_precision", pa.string()), ("actor", pa.list_(actor)), ("recipient", pa.list_(actor)),
        ("event", pa.list_(pa.string())), ("mode", pa.list_(pa.string())), ("context", pa.list_(pa.string())),
        ("event_scale", pa.float64()), ("quad_code", pa.int8()), ("event_loc", location),
        ("size", pa.struct([("dead", pa.int64()), ("injured", pa.int64()), ("arrested", pa.int64())])),
        ("text_info", pa.struct([("start", pa.int64()), ("end", pa.int64())])),
        ("event_text", pa.string()), ("trigger", pa.string()), ("condition", pa.string()),
        ("quote_id", pa.string()), ("confidence", pa.float64()), ("extractor", pa.string()),
    ])


def write_parquet(events: Iterable[Event], out: str | Path) -> int:
    """Events as a Parquet file (row groups of :data:`PARQUET_ROWS_PER_GROUP`); returns the event count."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:  # pragma: no cover - pyarrow is a dependency
        raise ExportError("Parquet export needs pyarrow: `pip install pyarrow`") from exc
    schema = parquet_schema()
    path = _out_path(out)
    count, rows = 0, []
    with pq.ParquetWriter(path, schema) as writer:
        for event in events:
            rows.append(event_record(event))
            if len(rows) >= PARQUET_ROWS_PER_GROUP:
                writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                count, rows = count + len(rows), []
        if rows or count == 0:
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))
            count += len(rows)
    return count


EVENT_WRITERS: dict[str, Callable[[Iterable[Event], str | Path], int]] = {
    "plover-jsonl": write_plover_jsonl,
    "csv": write_csv,
    "parquet": write_parquet,
    "geojson": write_geojson,
}


def _out_path(out: str | Path) -> Path:
    path = Path(out)
    if path.is_dir():
        raise ExportError(f"{path} is a directory; give a file name for this export format")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"cannot create the directory for {path}: {exc}") from exc
    return path


def _open_out(out: str | Path, newline: str | None = None) -> TextIO:
    path = _out_path(out)
    try:
        return open(path, "w", encoding="utf-8", newline=newline)
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc}") from exc


def _events_of(results: Iterable[ArticleResult]) -> Iterator[Event]:
    for result in results:
        yield from result.events


def export_results(results: Iterable[ArticleResult], fmt: str, out: str | Path) -> int:
    """Export results in ``fmt`` (one of :data:`EXPORT_FORMATS`) to ``out``; returns the records written
    (events, features, or articles for ``jsonl-dir``)."""
    if fmt == "jsonl-dir":
        count = 0
        with OutputWriter(out) as writer:
            for result in results:
                writer.write(result)
                count += 1
        return count
    writer_for = EVENT_WRITERS.get(fmt)
    if writer_for is None:
        raise ExportError(f"unknown export format {fmt!r}; choose one of: {', '.join(EXPORT_FORMATS)}")
    return writer_for(_events_of(results), out)


def export_db(db: str | Path, fmt: str, out: str | Path) -> int:
    """Export the store at ``db`` in ``fmt`` to ``out``; returns the records written."""
    from .store import Store

    if fmt not in EXPORT_FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; choose one of: {', '.join(EXPORT_FORMATS)}")
    with Store(db, create=False) as store:
        if fmt == "jsonl-dir":
            return export_results(store.iter_results(), fmt, out)
        return EVENT_WRITERS[fmt](store.iter_events(), out)
