"""The SQLite store: one file holding every article, its extracted records and the run log.

In: :class:`~flashpoint.models.ArticleResult` records (``Store.save``), run reports and problems. Out: the
same records read back as models (``Store.iter_results``, ``Store.iter_events``, ``search_quotes``) and
table counts. Schema and migrations live in :mod:`flashpoint.schema`.

Guarantees: one article and all its records are written in ONE transaction, so an interrupted run loses
at most the article being written and a re-run resumes where it stopped. Saving an article whose id and
content hash are already stored, analysed by this same Flashpoint (code and data files:
:func:`flashpoint.pipeline.analysis_version`), changes nothing (``unchanged``); a changed article, or one
stored by another Flashpoint, has its records replaced atomically (the article keeps its row, so export
order stays the input order).
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from . import rows
from .errors import StoreError
from .models import Actor, Article, ArticleResult, Event, Problem, Quote, RunReport
from .pipeline import analysis_version
from .schema import DATA_TABLES, SCHEMA_VERSION, current_version, migrate

DEFAULT_DB = "flashpoint.sqlite"


class SaveOutcome(StrEnum):
    INSERTED = "inserted"
    REPLACED = "replaced"
    UNCHANGED = "unchanged"


@dataclass(frozen=True, slots=True)
class QuoteHit:
    """One quote found by :func:`search_quotes`, with the metadata of its article."""

    quote: Quote
    published: str | None
    title: str | None
    outlet: str | None


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _prov(record: Any) -> tuple[str | None, str | None]:
    prov = record.provenance
    return (prov.extractor, prov.version) if prov is not None else (None, None)


class Store:
    """A Flashpoint SQLite database (WAL mode, foreign keys on, schema migrated on open).

    Use as a context manager or call :meth:`close`. One Store per thread (sqlite3 connections are not
    shared across threads); several processes may read while one writes.
    """

    def __init__(self, path: str | Path = DEFAULT_DB, *, create: bool = True, readonly: bool = False) -> None:
        """Open (``create``: or make) the database at ``path``, migrating it to the current schema.
        ``readonly`` opens without write access (no migration: the schema must be current)."""
        self.path = Path(path)
        if (readonly or not create) and not self.path.is_file():
            raise StoreError(f"no database at {self.path}; create one with `flashpoint ingest`")
        try:
            if readonly:
                uri = f"{self.path.resolve().as_uri()}?mode=ro"
                self.conn = sqlite3.connect(uri, uri=True, isolation_level=None)
            else:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self.conn = sqlite3.connect(self.path, isolation_level=None, timeout=30)
                self.conn.execute("PRAGMA journal_mode = WAL")
                self.conn.execute("PRAGMA synchronous = NORMAL")
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA foreign_keys = ON")
            if not readonly:
                migrate(self.conn)
            elif current_version(self.conn) != SCHEMA_VERSION:
                raise StoreError(f"{self.path} has schema version {current_version(self.conn)}, this "
                                 f"Flashpoint needs {SCHEMA_VERSION}; open it once for writing to migrate it")
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the database {self.path}: {exc}") from exc
        self._actor_ids: dict[tuple[str, ...], int] = {}

    # -- lifecycle -------------------------------------------------------------------------------------
    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- idempotency -----------------------------------------------------------------------------------
    def stored_hash(self, article_id: str) -> str | None:
        row = self.conn.execute("SELECT content_hash FROM articles WHERE id = ?", (article_id,)).fetchone()
        return None if row is None else str(row[0])

    def _stored_state(self, article_id: str) -> tuple[str, str | None] | None:
        row = self.conn.execute("SELECT content_hash, analysis_version FROM articles WHERE id = ?",
                                (article_id,)).fetchone()
        return None if row is None else (str(row[0]), row[1])

    def is_unchanged(self, article: Article) -> bool:
        """True when this article (same id, same content hash) is already stored and was analysed by this
        Flashpoint (same code and data files: :func:`flashpoint.pipeline.analysis_version`)."""
        return self._stored_state(article.id) == (article.content_hash, analysis_version())

    # -- writing ---------------------------------------------------------------------------------------
    def save(self, result: ArticleResult, *, run_id: int | None = None, force: bool = False) -> SaveOutcome:
        """Write one article and all its records in one transaction."""
        article = result.article
        state = self._stored_state(article.id)
        previous = state[0] if state is not None else None
        if state == (article.content_hash, analysis_version()) and not force:
            return SaveOutcome.UNCHANGED
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            if previous is not None:
                for table in ("events", "quotes", "mentions", "places", "times"):
                    self.conn.execute(f"DELETE FROM {table} WHERE article_id = ?", (article.id,))
            self._write_article(article, run_id)
            self._write_records(result)
            self.conn.execute("COMMIT")
        except (sqlite3.Error, ValueError, TypeError) as exc:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            self._actor_ids.clear()  # ids inserted in the rolled-back transaction are gone
            raise StoreError(f"cannot store article {article.id!r} in {self.path}: {exc}") from exc
        return SaveOutcome.INSERTED if previous is None else SaveOutcome.REPLACED

    def _write_article(self, article: Article, run_id: int | None) -> None:
        pub = article.published
        dl = article.dateline_span
        values = {
            "id": article.id, "origin_path": article.origin.path, "origin_line": article.origin.line,
            "origin_format": article.origin.fmt.value, "url": article.url, "title": article.title,
            "outlet": article.outlet, "lang": article.lang,
            "published": pub.value if pub else None, "precision": pub.precision.value if pub else None,
            "year_inferred": int(pub.year_inferred) if pub else 0,
            "published_source": article.published_source, "dateline": article.dateline,
            "dateline_start": dl[0] if dl else None, "dateline_end": dl[1] if dl else None,
            "text": article.text, "nlp_text": None if article.nlp_text == article.text else article.nlp_text,
            "body": article.body, "body_spans": _json(article.body_spans),
            "paragraphs": _json(article.paragraphs), "content_hash": article.content_hash,
            "analysis_version": analysis_version(),
            "word_count": len(article.text.split()), "run_id": run_id, "stored_at": _now(),
        }
        columns = ", ".join(values)
        updates = ", ".join(f"{c} = excluded.{c}" for c in values if c != "id")
        self.conn.execute(
            f"INSERT INTO articles ({columns}) VALUES ({', '.join('?' * len(values))}) "
            f"ON CONFLICT(id) DO UPDATE SET {updates}",
            tuple(values.values()),
        )

    def actor_id(self, actor: Actor) -> int:
        """The row id of this resolved actor (code, sector, identifier, registry id, office), made if new."""
        key = (actor.code or "", actor.sector or "", actor.identifier_text or "", actor.registry_id or "",
               actor.office or "")
        found = self._actor_ids.get(key)
        if found is not None:
            return found
        row = self.conn.execute(
            "SELECT id FROM actors WHERE coalesce(code, '') = ? AND coalesce(sector, '') = ? AND "
            "coalesce(identifier, '') = ? AND coalesce(registry_id, '') = ? AND coalesce(office, '') = ?",
            key,
        ).fetchone()
        if row is None:
            cursor = self.conn.execute(
                "INSERT INTO actors (code, sector, identifier, registry_id, office) VALUES (?, ?, ?, ?, ?)",
                (actor.code, actor.sector, actor.identifier_text, actor.registry_id, actor.office),
            )
            actor_row = int(cursor.lastrowid or 0)
        else:
            actor_row = int(row[0])
        self._actor_ids[key] = actor_row
        return actor_row

    def _write_records(self, result: ArticleResult) -> None:
        aid = result.article.id
        ex = self.conn.execute
        for pos, t in enumerate(result.times):
            ex("INSERT INTO times VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
               (aid, pos, t.text, t.start, t.end, t.value, t.precision.value if t.precision else None,
                *_prov(t)))
        for pos, p in enumerate(result.places):
            ex("INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
               (aid, pos, p.text, p.start, p.end, p.name, p.lat, p.lon, p.country, p.admin1, p.geonames_id,
                p.feature, p.confidence, *_prov(p)))
        for pos, m in enumerate(result.mentions):
            ex("INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
               (aid, pos, m.text, m.start, m.end, self.actor_id(m.actor), m.actor.entity_text, m.actor.start,
                m.actor.end, m.antecedent_start, m.antecedent_end, *_prov(m)))
        for pos, q in enumerate(result.quotes):
            speaker = q.speaker
            ex("INSERT INTO quotes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
               (q.id, aid, pos, q.kind.value, q.text, q.start, q.end, q.cue, q.cue_start, q.cue_end, q.medium,
                self.actor_id(speaker) if speaker else None, speaker.entity_text if speaker else None,
                speaker.start if speaker else None, speaker.end if speaker else None,
                q.speaker_start, q.speaker_end, q.confidence, *_prov(q)))
            for apos, a in enumerate(q.addressees):
                ex("INSERT INTO quote_addressees VALUES (?, ?, ?, ?, ?, ?)",
                   (q.id, apos, self.actor_id(a), a.entity_text, a.start, a.end))
        for pos, e in enumerate(result.events):
            self._write_event(aid, pos, e)

    def _write_event(self, aid: str, pos: int, e: Event) -> None:
        loc = e.location
        self.conn.execute(
            "INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
            "?, ?, ?, ?, ?, ?)",
            (e.id, aid, pos, e.event_type, e.mode, _json(list(e.context)), e.start, e.end, e.event_text,
             e.event_scale, e.quad_code, e.date.value if e.date else None,
             e.date.precision.value if e.date else None, int(e.date.year_inferred) if e.date else 0,
             _json(rows.place_fields(loc)) if loc else None, loc.lat if loc else None,
             loc.lon if loc else None, loc.country if loc else None, e.size.dead, e.size.injured,
             e.size.arrested, e.trigger, e.trigger_start, e.trigger_end, e.condition, e.quote_id,
             e.confidence, *_prov(e)),
        )
        for role, actors in (("actor", e.actors), ("recipient", e.recipients)):
            for apos, a in enumerate(actors):
                self.conn.execute(
                    "INSERT INTO event_actors VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (e.id, role, apos, self.actor_id(a), a.entity_text, a.start, a.end),
                )

    # -- run log ---------------------------------------------------------------------------------------
    def start_run(self, command: str, inputs: Sequence[str | Path], options: dict[str, Any]) -> int:
        from . import __version__

        cursor = self.conn.execute(
            "INSERT INTO runs (command, inputs, options, started_at, version) VALUES (?, ?, ?, ?, ?)",
            (command, _json([str(p) for p in inputs]), _json(options), _now(), __version__),
        )
        return int(cursor.lastrowid or 0)

    def record_problem(self, problem: Problem, run_id: int | None = None) -> None:
        """Log a skipped/partly bad input; the same problem met again only updates ``last_run_id``."""
        o = problem.origin
        self.conn.execute(
            "INSERT INTO problems (path, line, format, reason, severity, first_run_id, last_run_id) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(path, coalesce(line, -1), reason) "
            "DO UPDATE SET last_run_id = excluded.last_run_id",
            (o.path, o.line, o.fmt.value, problem.reason, problem.severity.value, run_id, run_id),
        )

    def finish_run(self, run_id: int, report: RunReport, *, status: str = "finished") -> None:
        self.conn.execute(
            "UPDATE runs SET finished_at = ?, status = ?, read = ?, processed = ?, unchanged = ?, "
            "skipped = ? WHERE id = ?",
            (_now(), status, report.read, report.processed, report.unchanged, report.skipped, run_id),
        )

    # -- reading ---------------------------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        """Rows per table (data tables and ``runs``)."""
        return {t: int(self.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0])
                for t in (*DATA_TABLES, "runs")}

    def article_ids(self) -> list[str]:
        return [str(r[0]) for r in self.conn.execute("SELECT id FROM articles ORDER BY rowid")]

    def iter_results(self, article_ids: Iterable[str] | None = None) -> Iterator[ArticleResult]:
        """Every stored article with its records, in the order first stored (or the ids given)."""
        ids = self.article_ids() if article_ids is None else list(article_ids)
        for article_id in ids:
            result = rows.load_result(self.conn, article_id)
            if result is not None:
                yield result

    def load_results(self, article_ids: Iterable[str] | None = None) -> list[ArticleResult]:
        return list(self.iter_results(article_ids))

    def iter_events(self) -> Iterator[Event]:
        """Every stored event, by article (stored order) then position in the article."""
        for article_id in self.article_ids():
            yield from rows.load_events(self.conn, article_id)

    def search_quotes(
        self,
        query: str | None = None,
        speaker: str | None = None,
        since: str | dt.date | None = None,
        until: str | dt.date | None = None,
        limit: int = 100,
    ) -> list[QuoteHit]:
        """Quotes whose text matches ``query`` and whose speaker matches ``speaker`` (full-text, all words
        required, case- and accent-insensitive), from articles published in [since, until]."""
        where, params = [], []
        match = rows.fts_expression(query, speaker)
        if match:
            where.append("q.rowid IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)")
            params.append(match)
        if since is not None:
            where.append("a.published >= ?")
            params.append(str(since))
        if until is not None:
            where.append("substr(a.published, 1, length(?)) <= ?")
            params.extend([str(until), str(until)])
        sql = ("SELECT q.id, a.id, a.published, a.title, a.outlet FROM quotes q JOIN articles a "
               "ON a.id = q.article_id")
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY a.published DESC, a.rowid, q.position LIMIT ?"
        params.append(str(limit))
        try:
            found = self.conn.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise StoreError(f"quote search failed: {exc}") from exc
        hits = []
        for quote_id, _article_id, published, title, outlet in found:
            quote = rows.load_quote(self.conn, quote_id)
            if quote is not None:
                hits.append(QuoteHit(quote, published, title, outlet))
        return hits


def search_quotes(
    db: str | Path,
    query: str | None = None,
    speaker: str | None = None,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    limit: int = 100,
) -> list[QuoteHit]:
    """Search the quotes of the database at ``db`` (see :meth:`Store.search_quotes`)."""
    with Store(db, create=False) as store:
        return store.search_quotes(query, speaker, since, until, limit)


def dump_content(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every data row, independent of row ids and timestamps: for comparing two databases."""
    sql = {
        "articles": "SELECT id, origin_path, origin_line, title, published, precision, text, body, "
                    "content_hash FROM articles ORDER BY id",
        "events": "SELECT * FROM events ORDER BY id",
        "event_actors": "SELECT ea.event_id, ea.role, ea.position, ea.entity_text, ea.start, ea.\"end\", "
                        "a.code, a.sector, a.identifier, a.registry_id, a.office FROM event_actors ea "
                        "JOIN actors a ON a.id = ea.actor_id ORDER BY 1, 2, 3",
        "actors": "SELECT code, sector, identifier, registry_id, office FROM actors ORDER BY 1, 2, 3, 4, 5",
        "quotes": "SELECT q.id, q.article_id, q.text, q.start, q.\"end\", q.speaker_text, a.identifier "
                  "FROM quotes q LEFT JOIN actors a ON a.id = q.speaker_actor_id ORDER BY q.id",
        "mentions": "SELECT article_id, position, text, start, \"end\", entity_text FROM mentions "
                    "ORDER BY 1, 2",
        "places": "SELECT * FROM places ORDER BY article_id, position",
        "times": "SELECT * FROM times ORDER BY article_id, position",
        "problems": "SELECT path, line, reason, severity FROM problems ORDER BY 1, 2, 3",
    }
    return {name: [tuple(r) for r in store.conn.execute(q)] for name, q in sql.items()}
