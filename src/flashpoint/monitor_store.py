"""Monitoring records in the store: computed once per article set, kept up to date as articles arrive.

In: a :class:`~flashpoint.store.Store` (or its path) holding extracted articles, and
:class:`~flashpoint.monitor.MonitorSettings`. Out: the :class:`~flashpoint.models.Monitoring` of every
stored article (:func:`monitor_store`), saved in the monitoring tables of schema v4 (see
:mod:`flashpoint.schema`), plus the views the CLI shows (stories, incidents, dyad series, alerts with
other thresholds, the threat register on another day).

When is anything recomputed? ``monitor_state`` keeps a **fingerprint** of what the records were computed
from: the ids and content hashes of all stored articles, the extractor versions found in the store, the
Flashpoint version and the settings. When it matches, the stored records are loaded and nothing is
written. When it differs (new or changed articles, other settings), monitoring is recomputed and every
monitoring table is rewritten in ONE transaction, so a reader never sees half an update.

What is incremental, honestly:

* **near-duplicate links** are kept: the links of articles already indexed (same content hash, same
  duplicate settings) are never recomputed or re-pointed; only new or changed articles are matched
  against the index, which is rebuilt in memory from the stored bodies (shingling is cheap);
* **lead embeddings** (the expensive part of story grouping) are cached per article and content hash in
  ``article_vectors``; only new or changed articles are encoded;
* **stories, incidents, dyad series, alerts and the threat register are recomputed over the whole
  corpus** whenever the article set changes: a new article can join or bridge stories, merge into an
  existing incident, and move a dyad's baseline, so recomputing only "touched" records would give
  results that depend on arrival order. These stages are fast next to extraction (O(n²) story
  similarity over the articles within the time window).

Dyad series are not stored: they are derived from the stored incidents when loaded (cheap, exact).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import sqlite3
import typing
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .alerts import detect_alerts
from .changepoint import DetectorSettings
from .duplicates import DuplicateIndex
from .dyads import all_series, dyad_series
from .errors import StoreError
from .models import (
    Actor,
    Alert,
    ArticleResult,
    Casualties,
    DateValue,
    DuplicateLink,
    DyadPoint,
    Incident,
    Monitoring,
    Place,
    Precision,
    Provenance,
    Story,
    ThreatRecord,
)
from .monitor import MonitorSettings, in_arrival_order, lead_vectors, monitor
from .schema import MONITOR_TABLES
from .store import Store
from .threats import ThreatSettings, threat_register

DbLike = Store | str | Path


@dataclass(frozen=True, slots=True)
class MonitorUpdate:
    """What :func:`refresh_monitoring` did: the records, whether it recomputed them, and how many
    articles were new to the near-duplicate index and the embedding cache."""

    monitoring: Monitoring
    recomputed: bool
    articles: int
    new_articles: int
    fingerprint: str


# -- settings ------------------------------------------------------------------------------------------
def settings_record(settings: MonitorSettings) -> dict[str, Any]:
    record = dataclasses.asdict(settings)
    record["as_of"] = settings.as_of.isoformat() if settings.as_of else None
    return record


def settings_from_record(record: dict[str, Any], cls: type = MonitorSettings) -> Any:
    """Rebuild (nested) settings from :func:`settings_record`; unknown keys are ignored."""
    hints = typing.get_type_hints(cls)
    kwargs: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        if f.name not in record:
            continue
        value, hint = record[f.name], hints[f.name]
        if isinstance(value, dict) and dataclasses.is_dataclass(hint):
            value = settings_from_record(value, typing.cast(type, hint))
        elif f.name == "as_of" and value:
            value = dt.date.fromisoformat(value)
        kwargs[f.name] = value
    return cls(**kwargs)


def stored_settings(store: Store) -> MonitorSettings | None:
    """The settings the stored monitoring records were computed with (None before the first time)."""
    row = store.conn.execute("SELECT settings FROM monitor_state WHERE id = 1").fetchone()
    return None if row is None else settings_from_record(json.loads(row[0]))


# -- fingerprint ---------------------------------------------------------------------------------------
def fingerprint(store: Store, settings: MonitorSettings) -> str:
    """Hash of the article set (ids + content hashes + analysis versions), extractor versions, Flashpoint
    version, settings."""
    from . import __version__

    articles = store.conn.execute(
        "SELECT id, content_hash, analysis_version FROM articles ORDER BY id").fetchall()
    extractors = sorted({
        f"{r[0]}:{r[1]}" for table in ("events", "quotes", "mentions", "places", "times")
        for r in store.conn.execute(f"SELECT DISTINCT extractor, extractor_version FROM {table}")
    })
    payload = json.dumps({"articles": [list(a) for a in articles], "extractors": extractors,
                          "flashpoint": __version__, "settings": settings_record(settings)},
                         sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _state_fingerprint(store: Store) -> str | None:
    row = store.conn.execute("SELECT fingerprint FROM monitor_state WHERE id = 1").fetchone()
    return None if row is None else str(row[0])


# -- the main call -------------------------------------------------------------------------------------
@contextmanager
def opened(db: DbLike, *, create: bool = False) -> Iterator[Store]:
    """A store for ``db`` (a path is opened and closed here; a Store is used as it is)."""
    if isinstance(db, Store):
        yield db
        return
    with Store(db, create=create) as store:
        yield store


def monitor_store(db: DbLike, settings: MonitorSettings | None = None, *, force: bool = False) -> Monitoring:
    """The monitoring records of every stored article: loaded when the article set is unchanged since
    they were computed, else recomputed and saved (``force``: recompute anyway). ``settings`` default to
    those last used on this store (else :class:`MonitorSettings` defaults)."""
    return refresh_monitoring(db, settings, force=force).monitoring


def refresh_monitoring(db: DbLike, settings: MonitorSettings | None = None, *,
                       force: bool = False) -> MonitorUpdate:
    """:func:`monitor_store`, telling also whether it recomputed and how many articles were new."""
    with opened(db) as store:
        settings = settings or stored_settings(store) or MonitorSettings()
        print_ = fingerprint(store, settings)
        n_articles = int(store.conn.execute("SELECT count(*) FROM articles").fetchone()[0])
        if not force and _state_fingerprint(store) == print_:
            loaded = load_monitoring(store)
            if loaded is not None:
                return MonitorUpdate(loaded, False, n_articles, 0, print_)
        results = in_arrival_order(store.load_results())
        previous = stored_settings(store)
        known = _indexed_articles(store, results, previous, settings)
        links = _duplicate_links(store, results, known, settings)
        cached = _cached_vectors(store, results, settings.stories.lead_chars)
        vectors = lead_vectors(results, settings.stories, cached)
        monitoring = monitor(results, settings, duplicates=links, vectors=vectors)
        save_monitoring(store, monitoring, results, vectors, settings, print_)
        return MonitorUpdate(monitoring, True, n_articles, len(results) - len(known), print_)


def _indexed_articles(store: Store, results: list[ArticleResult], previous: MonitorSettings | None,
                      settings: MonitorSettings) -> set[str]:
    """Articles already in the near-duplicate index with the same content (none if its settings changed)."""
    if previous is None or previous.duplicates != settings.duplicates:
        return set()
    hashes = dict(store.conn.execute("SELECT article_id, content_hash FROM article_vectors").fetchall())
    return {r.article.id for r in results if hashes.get(r.article.id) == r.article.content_hash}


def _duplicate_links(store: Store, results: list[ArticleResult], known: set[str],
                     settings: MonitorSettings) -> list[DuplicateLink]:
    """Stored links of the known articles, plus links of the new ones against everything indexed."""
    stored = {r[0]: DuplicateLink(r[0], r[1], r[2]) for r in store.conn.execute(
        "SELECT article_id, duplicate_of, similarity FROM duplicate_links")}
    index = DuplicateIndex(settings.duplicates)
    links = []
    for result in results:  # rebuild the index of what was indexed before; its links stay as stored
        if result.article.id in known:
            index.add(result.article.id, result.article.body)
            if result.article.id in stored and stored[result.article.id].duplicate_of in known:
                links.append(stored[result.article.id])
    for result in results:
        if result.article.id not in known:
            link = index.add(result.article.id, result.article.body)
            if link is not None:
                links.append(link)
    return links


def _cached_vectors(store: Store, results: list[ArticleResult], lead_chars: int) -> dict[str, np.ndarray]:
    hashes = {r.article.id: r.article.content_hash for r in results}
    cached = {}
    for article_id, content_hash, chars, blob in store.conn.execute(
            "SELECT article_id, content_hash, lead_chars, vector FROM article_vectors"):
        if hashes.get(article_id) == content_hash and chars == lead_chars:
            cached[article_id] = np.frombuffer(blob, dtype=np.float32).copy()
    return cached


# -- writing -------------------------------------------------------------------------------------------
def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _place_json(place: Place | None) -> str | None:
    if place is None:
        return None
    fields = {f.name: getattr(place, f.name) for f in dataclasses.fields(Place) if f.name != "provenance"}
    prov = place.provenance
    fields["provenance"] = dataclasses.asdict(prov) if prov is not None else None
    return _json(fields)


def save_monitoring(store: Store, monitoring: Monitoring, results: list[ArticleResult], vectors: np.ndarray,
                    settings: MonitorSettings, print_: str) -> None:
    """Replace every monitoring table's content with ``monitoring`` in one transaction."""
    from . import __version__

    ex = store.conn.execute
    try:
        ex("BEGIN IMMEDIATE")
        for table in MONITOR_TABLES:
            if table not in ("story_articles", "incident_events", "incident_actors"):  # these cascade
                ex(f"DELETE FROM {table}")
        hashes = {r.article.id: r.article.content_hash for r in results}
        for n, result in enumerate(results):
            ex("INSERT INTO article_vectors VALUES (?, ?, ?, ?)",
               (result.article.id, result.article.content_hash, settings.stories.lead_chars,
                np.asarray(vectors[n], dtype=np.float32).tobytes()))
        for link in monitoring.duplicates:
            ex("INSERT INTO duplicate_links VALUES (?, ?, ?, ?)",
               (link.article_id, link.duplicate_of, link.similarity, hashes.get(link.article_id, "")))
        for pos, story in enumerate(monitoring.stories):
            ex("INSERT INTO stories VALUES (?, ?, ?, ?, ?, ?, ?)",
               (story.id, pos, story.label, story.first_date, story.last_date, _json(list(story.actor_codes)),
                _json(list(story.place_names))))
            for apos, aid in enumerate(story.article_ids):
                ex("INSERT INTO story_articles VALUES (?, ?, ?)", (story.id, apos, aid))
        event_article = {e.id: r.article.id for r in results for e in r.events}
        for pos, incident in enumerate(monitoring.incidents):
            _write_incident(store, pos, incident, event_article)
        for pos, alert in enumerate(monitoring.alerts):
            ex("INSERT INTO alerts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
               (alert.id, pos, alert.source, alert.target, alert.level, alert.date, alert.method,
                alert.statistic, alert.threshold, alert.baseline, alert.observed, alert.explanation,
                _json(list(alert.incident_ids)), _json(list(alert.quote_ids))))
        for pos, threat in enumerate(monitoring.threats):
            target = threat.target
            ex(f"INSERT INTO threats VALUES ({', '.join('?' * 19)})",
               (threat.event_id, pos, threat.article_id, store.actor_id(threat.issuer),
                threat.issuer.entity_text, threat.issuer.start, threat.issuer.end,
                store.actor_id(target) if target else None, target.entity_text if target else None,
                target.start if target else None, target.end if target else None, threat.mode,
                threat.condition, threat.date, threat.status, threat.window_days, threat.text,
                threat.fulfilled_by, threat.fulfilled_on))
        ex("INSERT INTO monitor_state VALUES (1, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?)",
           (print_, len(results), _json(settings_record(settings)), __version__))
        ex("COMMIT")
    except (sqlite3.Error, ValueError, TypeError) as exc:
        if store.conn.in_transaction:
            ex("ROLLBACK")
        store._actor_ids.clear()  # actor rows inserted in the rolled-back transaction are gone
        raise StoreError(f"cannot store the monitoring records in {store.path}: {exc}") from exc


def _write_incident(store: Store, pos: int, i: Incident, event_article: dict[str, str]) -> None:
    ex = store.conn.execute
    loc, size = i.location, i.size
    dead_range, injured_range = i.dead_range or (None, None), i.injured_range or (None, None)
    ex(f"INSERT INTO incidents VALUES ({', '.join('?' * 26)})",
       (i.id, pos, i.event_type, i.mode, _json(list(i.article_ids)), _json(list(i.outlets)),
        i.date.value if i.date else None, i.date.precision.value if i.date else None,
        int(i.date.year_inferred) if i.date else 0, _place_json(loc), loc.lat if loc else None,
        loc.lon if loc else None, loc.country if loc else None, size.dead, size.injured, size.arrested,
        dead_range[0], dead_range[1], injured_range[0], injured_range[1], i.first_reported, i.quad_code,
        i.event_scale, _json(list(i.context)), i.story_id, _json(list(i.quote_ids))))
    for epos, event_id in enumerate(i.event_ids):
        ex("INSERT INTO incident_events VALUES (?, ?, ?, ?)",
           (i.id, epos, event_id, event_article.get(event_id, "")))
    for role, actors in (("actor", i.actors), ("recipient", i.recipients)):
        for apos, a in enumerate(actors):
            ex("INSERT INTO incident_actors VALUES (?, ?, ?, ?, ?, ?, ?)",
               (i.id, role, apos, store.actor_id(a), a.entity_text, a.start, a.end))


# -- reading -------------------------------------------------------------------------------------------
def _actor(conn: sqlite3.Connection, actor_id: int, text: str, start: int | None, end: int | None) -> Actor:
    a = conn.execute("SELECT * FROM actors WHERE id = ?", (actor_id,)).fetchone()
    return Actor(entity_text=text, identifier_text=a["identifier"], code=a["code"], sector=a["sector"],
                 office=a["office"], registry_id=a["registry_id"], start=start, end=end)


def _place(text: str | None) -> Place | None:
    if text is None:
        return None
    fields = json.loads(text)
    prov = fields.pop("provenance")
    return Place(**fields, provenance=Provenance(**prov) if prov else None)


def _range(low: int | None, high: int | None) -> tuple[int, int] | None:
    return None if low is None or high is None else (low, high)


def _list(text: str) -> tuple[Any, ...]:
    return tuple(json.loads(text))


def _load_story(conn: sqlite3.Connection, r: sqlite3.Row) -> Story:
    members = conn.execute("SELECT article_id FROM story_articles WHERE story_id = ? ORDER BY position",
                           (r["id"],))
    return Story(id=r["id"], label=r["label"], article_ids=tuple(a[0] for a in members),
                 first_date=r["first_date"], last_date=r["last_date"], actor_codes=_list(r["actor_codes"]),
                 place_names=_list(r["place_names"]))


def _load_alert(r: sqlite3.Row) -> Alert:
    return Alert(id=r["id"], source=r["source"], target=r["target"], level=r["level"], date=r["date"],
                 method=r["method"], statistic=r["statistic"], threshold=r["threshold"],
                 baseline=r["baseline"], observed=r["observed"], explanation=r["explanation"],
                 incident_ids=_list(r["incident_ids"]), quote_ids=_list(r["quote_ids"]))


def _load_threat(conn: sqlite3.Connection, r: sqlite3.Row) -> ThreatRecord:
    issuer = _actor(conn, r["issuer_actor_id"], r["issuer_text"], r["issuer_start"], r["issuer_end"])
    target = None
    if r["target_actor_id"] is not None:
        target = _actor(conn, r["target_actor_id"], r["target_text"], r["target_start"], r["target_end"])
    return ThreatRecord(event_id=r["event_id"], article_id=r["article_id"], issuer=issuer, target=target,
                        mode=r["mode"], condition=r["condition"], date=r["date"], status=r["status"],
                        window_days=r["window_days"], text=r["text"], fulfilled_by=r["fulfilled_by"],
                        fulfilled_on=r["fulfilled_on"])


def load_monitoring(db: DbLike) -> Monitoring | None:
    """The stored monitoring records (None when monitoring was never computed on this store)."""
    with opened(db) as store:
        conn = store.conn
        if conn.execute("SELECT 1 FROM monitor_state WHERE id = 1").fetchone() is None:
            return None

        def rows(table: str) -> list[sqlite3.Row]:
            return conn.execute(f"SELECT * FROM {table} ORDER BY position").fetchall()

        duplicates = tuple(DuplicateLink(r[0], r[1], r[2]) for r in conn.execute(
            "SELECT article_id, duplicate_of, similarity FROM duplicate_links ORDER BY rowid"))
        incidents = tuple(_load_incident(conn, r) for r in rows("incidents"))
        return Monitoring(
            duplicates=duplicates, stories=tuple(_load_story(conn, r) for r in rows("stories")),
            incidents=incidents, dyads=tuple(all_series(incidents)),
            alerts=tuple(_load_alert(r) for r in rows("alerts")),
            threats=tuple(_load_threat(conn, r) for r in rows("threats")),
        )


def _load_incident(conn: sqlite3.Connection, r: sqlite3.Row) -> Incident:
    sides: dict[str, list[Actor]] = {"actor": [], "recipient": []}
    for x in conn.execute("SELECT * FROM incident_actors WHERE incident_id = ? ORDER BY role, position",
                          (r["id"],)).fetchall():
        sides[x["role"]].append(_actor(conn, x["actor_id"], x["entity_text"], x["start"], x["end"]))
    date = None
    if r["date"] is not None:
        date = DateValue(r["date"], Precision(r["date_precision"]), bool(r["date_year_inferred"]))
    return Incident(
        id=r["id"], event_type=r["event_type"], mode=r["mode"], actors=tuple(sides["actor"]),
        recipients=tuple(sides["recipient"]),
        event_ids=tuple(e[0] for e in conn.execute(
            "SELECT event_id FROM incident_events WHERE incident_id = ? ORDER BY position", (r["id"],))),
        article_ids=tuple(json.loads(r["article_ids"])), outlets=tuple(json.loads(r["outlets"])),
        date=date, location=_place(r["location"]),
        size=Casualties(r["dead"], r["injured"], r["arrested"]),
        dead_range=_range(r["dead_min"], r["dead_max"]),
        injured_range=_range(r["injured_min"], r["injured_max"]),
        first_reported=r["first_reported"], quad_code=r["quad_code"], event_scale=r["event_scale"],
        context=tuple(json.loads(r["context"])), story_id=r["story_id"],
        quote_ids=tuple(json.loads(r["quote_ids"])),
    )


# -- views (what the CLI shows) ------------------------------------------------------------------------
def dyads_of(db: DbLike, *, level: str = "country", directed: bool = False,
             granularity: str = "day") -> list[DyadPoint]:
    """One dyad series (level, shape, granularity) over the stored incidents (monitoring kept current)."""
    return dyad_series(monitor_store(db).incidents, level=level, directed=directed, granularity=granularity)


def alerts_of(db: DbLike, *, z_threshold: float | None = None) -> list[Alert]:
    """The stored alerts, or with another detector threshold, alerts recomputed over the stored incidents."""
    with opened(db) as store:
        monitoring = monitor_store(store)
        if z_threshold is None:
            return list(monitoring.alerts)
        base = (stored_settings(store) or MonitorSettings()).alerts
        detector: DetectorSettings = dataclasses.replace(base.detector, z_threshold=z_threshold)
        return detect_alerts(monitoring.incidents, dataclasses.replace(base, detector=detector))


def threats_of(db: DbLike, *, window_days: int | None = None,
               as_of: dt.date | None = None) -> list[ThreatRecord]:
    """The stored threat register, or judged with another window / on another day (recomputed from the
    stored incidents)."""
    with opened(db) as store:
        monitoring = monitor_store(store)
        if window_days is None and as_of is None:
            return list(monitoring.threats)
        base = stored_settings(store) or MonitorSettings()
        settings = ThreatSettings(window_days=window_days if window_days is not None else
                                  base.threats.window_days)
        events_by_id = {e.id: e for e in store.iter_events()}
        return threat_register(monitoring.incidents, events_by_id, as_of=as_of or base.as_of,
                               settings=settings)


def write_store_report(db: DbLike, out: str | Path, title: str = "Flashpoint report") -> Path:
    """The HTML report (:mod:`flashpoint.report`) of everything in the store."""
    from .report import write_report

    with opened(db) as store:
        monitoring = monitor_store(store)
        return write_report(out, monitoring, store.load_results(), title)
