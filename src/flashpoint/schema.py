"""The SQLite schema of the Flashpoint store and its ordered migrations.

In: an open :class:`sqlite3.Connection`. Out: the same database at :data:`SCHEMA_VERSION`. Each migration
is applied once, in order, inside one transaction, and recorded in ``schema_version``; a database written by
a newer Flashpoint (a version above :data:`SCHEMA_VERSION`) is refused with a :class:`StoreError`.

Tables: ``articles`` (one row per input article), ``actors`` (one row per distinct resolved actor), the
per-article records ``events`` (+ ``event_actors`` linking actors with role/position), ``quotes``
(+ ``quote_addressees`` and the FTS5 index ``quotes_fts``), ``mentions``, ``places``, ``times``, and the
run log ``runs`` + ``problems`` (skipped inputs). Records of an article are deleted with it (ON DELETE
CASCADE), so replacing an article is one delete plus inserts.

Monitoring (v4, written by :mod:`flashpoint.monitor_store`): ``duplicate_links``, ``stories``
(+ ``story_articles``), ``incidents`` (+ ``incident_events``, ``incident_actors``), ``alerts``, ``threats``,
the lead-embedding cache ``article_vectors`` and the one-row ``monitor_state`` (fingerprint of the article
set the monitoring tables were computed from). They are derived data: rewritten together, in one
transaction, whenever the fingerprint changes.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .errors import StoreError

_V1_CORE = """
CREATE TABLE articles (
    id TEXT PRIMARY KEY,
    origin_path TEXT NOT NULL,
    origin_line INTEGER,
    origin_format TEXT NOT NULL,
    url TEXT,
    title TEXT,
    outlet TEXT,
    lang TEXT,
    published TEXT,
    precision TEXT,
    year_inferred INTEGER NOT NULL DEFAULT 0,
    published_source TEXT,
    dateline TEXT,
    dateline_start INTEGER,
    dateline_end INTEGER,
    text TEXT NOT NULL,
    nlp_text TEXT,              -- NULL when identical to text
    body TEXT NOT NULL,
    body_spans TEXT NOT NULL,   -- JSON [[start, end], ...]
    paragraphs TEXT NOT NULL,   -- JSON [[start, end], ...]
    content_hash TEXT NOT NULL,
    word_count INTEGER NOT NULL DEFAULT 0,
    run_id INTEGER,
    stored_at TEXT NOT NULL
);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_outlet ON articles(outlet);
CREATE INDEX articles_hash ON articles(content_hash);

CREATE TABLE actors (
    id INTEGER PRIMARY KEY,
    code TEXT,
    sector TEXT,
    identifier TEXT,
    registry_id TEXT,
    office TEXT
);
CREATE UNIQUE INDEX actors_identity ON actors(
    coalesce(code, ''), coalesce(sector, ''), coalesce(identifier, ''),
    coalesce(registry_id, ''), coalesce(office, ''));
CREATE INDEX actors_code_sector ON actors(code, sector);
CREATE INDEX actors_registry ON actors(registry_id);

CREATE TABLE events (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    event_type TEXT NOT NULL,
    mode TEXT,
    context TEXT NOT NULL,      -- JSON list
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    event_text TEXT NOT NULL,
    event_scale REAL NOT NULL,
    quad_code INTEGER NOT NULL,
    date TEXT,
    date_precision TEXT,
    date_year_inferred INTEGER NOT NULL DEFAULT 0,
    location TEXT,              -- JSON of the resolved Place, NULL when none
    loc_lat REAL,
    loc_lon REAL,
    loc_country TEXT,
    dead INTEGER,
    injured INTEGER,
    arrested INTEGER,
    trigger TEXT,
    trigger_start INTEGER,
    trigger_end INTEGER,
    condition TEXT,
    quote_id TEXT,
    confidence REAL NOT NULL,
    extractor TEXT,
    extractor_version TEXT
);
CREATE INDEX events_article ON events(article_id, position);
CREATE INDEX events_type_date ON events(event_type, date);
CREATE INDEX events_date ON events(date);
CREATE INDEX events_country ON events(loc_country);

CREATE TABLE event_actors (
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('actor', 'recipient')),
    position INTEGER NOT NULL,
    actor_id INTEGER NOT NULL REFERENCES actors(id),
    entity_text TEXT NOT NULL,
    start INTEGER,
    "end" INTEGER,
    PRIMARY KEY (event_id, role, position)
);
CREATE INDEX event_actors_actor ON event_actors(actor_id, role);

CREATE TABLE quotes (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    cue TEXT,
    cue_start INTEGER,
    cue_end INTEGER,
    medium TEXT,
    speaker_actor_id INTEGER REFERENCES actors(id),
    speaker_text TEXT,
    speaker_mention_start INTEGER,   -- Actor.start/end of the speaker
    speaker_mention_end INTEGER,
    speaker_start INTEGER,
    speaker_end INTEGER,
    confidence REAL NOT NULL,
    extractor TEXT,
    extractor_version TEXT
);
CREATE INDEX quotes_article ON quotes(article_id, position);
CREATE INDEX quotes_speaker ON quotes(speaker_actor_id);

CREATE TABLE quote_addressees (
    quote_id TEXT NOT NULL REFERENCES quotes(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    actor_id INTEGER NOT NULL REFERENCES actors(id),
    entity_text TEXT NOT NULL,
    start INTEGER,
    "end" INTEGER,
    PRIMARY KEY (quote_id, position)
);

CREATE TABLE mentions (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    actor_id INTEGER NOT NULL REFERENCES actors(id),
    entity_text TEXT NOT NULL,
    actor_start INTEGER,
    actor_end INTEGER,
    antecedent_start INTEGER,
    antecedent_end INTEGER,
    extractor TEXT,
    extractor_version TEXT,
    PRIMARY KEY (article_id, position)
);
CREATE INDEX mentions_actor ON mentions(actor_id);

CREATE TABLE places (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    name TEXT,
    lat REAL,
    lon REAL,
    country TEXT,
    admin1 TEXT,
    geonames_id INTEGER,
    feature TEXT,
    confidence REAL NOT NULL,
    extractor TEXT,
    extractor_version TEXT,
    PRIMARY KEY (article_id, position)
);
CREATE INDEX places_geonames ON places(geonames_id);
CREATE INDEX places_country ON places(country);

CREATE TABLE times (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    value TEXT,
    precision TEXT,
    extractor TEXT,
    extractor_version TEXT,
    PRIMARY KEY (article_id, position)
);
CREATE INDEX times_value ON times(value);

CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    command TEXT NOT NULL,
    inputs TEXT NOT NULL,        -- JSON list of paths
    options TEXT NOT NULL,       -- JSON object
    started_at TEXT NOT NULL,
    finished_at TEXT,
    status TEXT NOT NULL DEFAULT 'running',   -- running | finished | failed (a killed run stays 'running')
    read INTEGER NOT NULL DEFAULT 0,
    processed INTEGER NOT NULL DEFAULT 0,
    unchanged INTEGER NOT NULL DEFAULT 0,
    skipped INTEGER NOT NULL DEFAULT 0,
    version TEXT NOT NULL
);
"""

# v2: problems get their own table (deduplicated, so re-running on the same bad input adds no row).
_V2_PROBLEMS = """
CREATE TABLE problems (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL,
    line INTEGER,
    format TEXT NOT NULL,
    reason TEXT NOT NULL,
    severity TEXT NOT NULL,
    first_run_id INTEGER REFERENCES runs(id),
    last_run_id INTEGER REFERENCES runs(id)
);
CREATE UNIQUE INDEX problems_identity ON problems(path, coalesce(line, -1), reason);
"""

# v3: full-text search over quote text and speaker names, kept in step by triggers.
_V3_QUOTES_FTS = """
CREATE VIRTUAL TABLE quotes_fts USING fts5(text, speaker, tokenize = 'unicode61 remove_diacritics 2');
CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN
    INSERT INTO quotes_fts(rowid, text, speaker) VALUES (
        new.rowid, new.text,
        trim(coalesce(new.speaker_text, '') || ' ' ||
             coalesce((SELECT identifier FROM actors WHERE id = new.speaker_actor_id), '')));
END;
CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN
    DELETE FROM quotes_fts WHERE rowid = old.rowid;
END;
INSERT INTO quotes_fts(rowid, text, speaker)
    SELECT q.rowid, q.text,
           trim(coalesce(q.speaker_text, '') || ' ' || coalesce(a.identifier, ''))
    FROM quotes q LEFT JOIN actors a ON a.id = q.speaker_actor_id;
"""

# v4: monitoring records (derived from the articles; see flashpoint.monitor_store).
_V4_MONITORING = """
CREATE TABLE monitor_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    fingerprint TEXT NOT NULL,      -- article ids + content hashes + extractor versions + settings
    articles INTEGER NOT NULL,
    settings TEXT NOT NULL,         -- JSON of the MonitorSettings used
    computed_at TEXT NOT NULL,
    version TEXT NOT NULL
);

CREATE TABLE article_vectors (
    article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    content_hash TEXT NOT NULL,
    lead_chars INTEGER NOT NULL,
    vector BLOB NOT NULL            -- float32 lead embedding
);

CREATE TABLE duplicate_links (
    article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    duplicate_of TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    similarity REAL NOT NULL,
    content_hash TEXT NOT NULL      -- of article_id when the link was made
);
CREATE INDEX duplicate_links_of ON duplicate_links(duplicate_of);

CREATE TABLE stories (
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    label TEXT NOT NULL,
    first_date TEXT,
    last_date TEXT,
    actor_codes TEXT NOT NULL,      -- JSON list
    place_names TEXT NOT NULL       -- JSON list
);

CREATE TABLE story_articles (
    story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    article_id TEXT NOT NULL,
    PRIMARY KEY (story_id, position)
);
CREATE INDEX story_articles_article ON story_articles(article_id);

CREATE TABLE incidents (
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    event_type TEXT NOT NULL,
    mode TEXT,
    article_ids TEXT NOT NULL,      -- JSON list (distinct supporting articles)
    outlets TEXT NOT NULL,          -- JSON list
    date TEXT,
    date_precision TEXT,
    date_year_inferred INTEGER NOT NULL DEFAULT 0,
    location TEXT,                  -- JSON of the resolved Place, NULL when none
    loc_lat REAL,
    loc_lon REAL,
    loc_country TEXT,
    dead INTEGER,
    injured INTEGER,
    arrested INTEGER,
    dead_min INTEGER,
    dead_max INTEGER,
    injured_min INTEGER,
    injured_max INTEGER,
    first_reported TEXT,
    quad_code INTEGER NOT NULL,
    event_scale REAL NOT NULL,
    context TEXT NOT NULL,          -- JSON list
    story_id TEXT,
    quote_ids TEXT NOT NULL         -- JSON list
);
CREATE INDEX incidents_type_date ON incidents(event_type, date);

CREATE TABLE incident_events (
    incident_id TEXT NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    event_id TEXT NOT NULL,
    article_id TEXT NOT NULL,
    PRIMARY KEY (incident_id, position)
);
CREATE INDEX incident_events_event ON incident_events(event_id);
CREATE INDEX incident_events_article ON incident_events(article_id);

CREATE TABLE incident_actors (
    incident_id TEXT NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('actor', 'recipient')),
    position INTEGER NOT NULL,
    actor_id INTEGER NOT NULL REFERENCES actors(id),
    entity_text TEXT NOT NULL,
    start INTEGER,
    "end" INTEGER,
    PRIMARY KEY (incident_id, role, position)
);
CREATE INDEX incident_actors_actor ON incident_actors(actor_id, role);

CREATE TABLE alerts (
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    level TEXT NOT NULL,
    date TEXT NOT NULL,
    method TEXT NOT NULL,
    statistic REAL NOT NULL,
    threshold REAL NOT NULL,
    baseline REAL NOT NULL,
    observed REAL NOT NULL,
    explanation TEXT NOT NULL,
    incident_ids TEXT NOT NULL,     -- JSON list
    quote_ids TEXT NOT NULL         -- JSON list
);
CREATE INDEX alerts_dyad ON alerts(source, target, date);

CREATE TABLE threats (
    event_id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    article_id TEXT NOT NULL,
    issuer_actor_id INTEGER NOT NULL REFERENCES actors(id),
    issuer_text TEXT NOT NULL,
    issuer_start INTEGER,
    issuer_end INTEGER,
    target_actor_id INTEGER REFERENCES actors(id),
    target_text TEXT,
    target_start INTEGER,
    target_end INTEGER,
    mode TEXT,
    condition TEXT,
    date TEXT,
    status TEXT NOT NULL,
    window_days INTEGER NOT NULL,
    text TEXT NOT NULL,
    fulfilled_by TEXT,
    fulfilled_on TEXT
);
CREATE INDEX threats_status ON threats(status, date);
"""

_V5_ANALYSIS_VERSION = """
ALTER TABLE articles ADD COLUMN analysis_version TEXT;  -- Flashpoint version + digest of its code and data
"""


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    description: str
    apply: str | Callable[[sqlite3.Connection], None]


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "articles, actors, events, quotes, mentions, places, times, runs", _V1_CORE),
    Migration(2, "problems table (deduplicated skipped inputs)", _V2_PROBLEMS),
    Migration(3, "FTS5 index over quote text and speaker", _V3_QUOTES_FTS),
    Migration(4, "monitoring: duplicate links, stories, incidents, alerts, threats, monitor state",
              _V4_MONITORING),
    Migration(5, "articles.analysis_version: re-analyse articles stored by another Flashpoint",
              _V5_ANALYSIS_VERSION),
)
SCHEMA_VERSION = MIGRATIONS[-1].version

# Tables holding extracted data (everything but the run log): what idempotency is judged on.
DATA_TABLES = (
    "articles", "actors", "events", "event_actors", "quotes", "quote_addressees", "mentions", "places",
    "times", "problems",
)
# Tables holding monitoring records (derived from the data tables; rewritten when the article set changes).
MONITOR_TABLES = (
    "duplicate_links", "stories", "story_articles", "incidents", "incident_events", "incident_actors",
    "alerts", "threats", "article_vectors", "monitor_state",
)


def current_version(conn: sqlite3.Connection) -> int:
    """The schema version of the database (0 for an empty one)."""
    row = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
    ).fetchone()
    if row is None:
        return 0
    found = conn.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(found[0] or 0)


def _run_script(conn: sqlite3.Connection, script: str) -> None:
    """Execute a multi-statement script inside the caller's transaction (``executescript`` would commit)."""
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            conn.execute(buffer)
            buffer = ""
    if buffer.strip():
        conn.execute(buffer)


def migrate(
    conn: sqlite3.Connection, *, target: int = SCHEMA_VERSION, migrations: Sequence[Migration] = MIGRATIONS
) -> int:
    """Bring the database up to ``target``; returns the version it had before. Each step is atomic."""
    before = current_version(conn)
    if before > SCHEMA_VERSION:
        raise StoreError(
            f"the database has schema version {before}, newer than this Flashpoint understands "
            f"({SCHEMA_VERSION}); upgrade Flashpoint or use another database file"
        )
    if before == 0:
        conn.execute("CREATE TABLE IF NOT EXISTS schema_version ("
                     "version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)")
    for step in migrations:
        if step.version <= before or step.version > target:
            continue
        try:
            conn.execute("BEGIN IMMEDIATE")
            if isinstance(step.apply, str):
                _run_script(conn, step.apply)
            else:
                step.apply(conn)
            conn.execute(
                "INSERT INTO schema_version(version, description, applied_at) "
                "VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
                (step.version, step.description),
            )
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            conn.execute("ROLLBACK")
            raise StoreError(f"migration to schema version {step.version} failed: {exc}") from exc
    return before
