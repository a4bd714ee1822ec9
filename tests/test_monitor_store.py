"""Monitoring records in the store: round trip, fingerprint, incremental links and embeddings, atomicity."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from pathlib import Path

import pytest

from builders import article, event, result
from flashpoint import models
from flashpoint.errors import StoreError
from flashpoint.export import monitoring_records
from flashpoint.monitor import MonitorSettings, in_arrival_order, lead_vectors, monitor
from flashpoint.monitor_store import (
    load_monitoring,
    monitor_store,
    refresh_monitoring,
    settings_from_record,
    settings_record,
    stored_settings,
)
from flashpoint.schema import DATA_TABLES, MONITOR_TABLES, SCHEMA_VERSION, current_version, migrate
from flashpoint.store import Store
from monitor_corpus import FakeEncoder, corpus, day, hashed, salad, store_with


@pytest.fixture
def encoder(monkeypatch: pytest.MonkeyPatch) -> FakeEncoder:
    fake = FakeEncoder()
    monkeypatch.setattr("flashpoint.embeddings.get_encoder", lambda: fake)
    return fake


def table_counts(store: Store) -> dict[str, int]:
    return {t: store.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in (*DATA_TABLES, *MONITOR_TABLES)}


def test_monitoring_round_trips_through_the_store(tmp_path: Path, encoder: FakeEncoder) -> None:
    db = store_with(tmp_path / "fp.sqlite", corpus())
    computed = monitor_store(db)
    assert computed.alerts and computed.threats and computed.duplicates and computed.incidents
    assert load_monitoring(db) == computed
    with Store(db) as store:  # the same as monitoring the loaded results directly
        results = in_arrival_order(store.load_results())
    direct = monitor(results, MonitorSettings(), vectors=lead_vectors(results, MonitorSettings().stories))
    assert direct == computed


def test_an_unchanged_article_set_is_loaded_not_recomputed(tmp_path: Path, encoder: FakeEncoder) -> None:
    db = store_with(tmp_path / "fp.sqlite", corpus())
    first = refresh_monitoring(db)
    assert first.recomputed and first.new_articles == first.articles == 13
    with Store(db) as store:
        before = table_counts(store)
    encoder.encoded.clear()
    again = refresh_monitoring(db)
    assert not again.recomputed and again.monitoring == first.monitoring
    assert encoder.encoded == []
    with Store(db) as store:
        assert table_counts(store) == before
    assert refresh_monitoring(db, force=True).recomputed


def test_new_articles_are_embedded_alone_and_existing_links_are_kept(tmp_path: Path,
                                                                    encoder: FakeEncoder) -> None:
    results = corpus()
    db = store_with(tmp_path / "fp.sqlite", results)
    first = monitor_store(db)
    assert [(d.article_id, d.duplicate_of) for d in first.duplicates] == [("s401", "s400")]
    # a copy of the same report published EARLIER arrives: a full recomputation would re-point the
    # existing link at it; the incremental index keeps the old link and links the newcomer instead
    original = next(r for r in results if r.article.id == "s400")
    early = hashed(result(article("s39x", day(39), "Late Ledger", original.article.body),
                          event("s39x", 1, "ASSAULT", "PAK", "AFG", day(40), "aerial")))
    store_with(db, [early])
    encoder.encoded.clear()
    update = refresh_monitoring(db)
    assert update.recomputed and update.new_articles == 1 and len(encoder.encoded) == 1
    links = {(d.article_id, d.duplicate_of) for d in update.monitoring.duplicates}
    assert links == {("s401", "s400"), ("s39x", "s400")}
    story = next(s for s in update.monitoring.stories if "s400" in s.article_ids)
    assert {"s39x", "s400", "s401"} <= set(story.article_ids)


def test_a_changed_article_is_reindexed(tmp_path: Path, encoder: FakeEncoder) -> None:
    results = corpus()
    db = store_with(tmp_path / "fp.sqlite", results)
    assert monitor_store(db).duplicates
    copy = next(r for r in results if r.article.id == "s401")
    rewritten = hashed(dataclasses.replace(copy, article=dataclasses.replace(
        copy.article, text=salad("other"), nlp_text=salad("other"), body=salad("other"))))
    with Store(db) as store:
        store.save(rewritten)
    update = refresh_monitoring(db)
    assert update.new_articles == 1 and update.monitoring.duplicates == ()


def test_other_settings_recompute_and_are_remembered(tmp_path: Path, encoder: FakeEncoder) -> None:
    import datetime as dt

    db = store_with(tmp_path / "fp.sqlite", corpus())
    monitor_store(db)
    later = MonitorSettings(as_of=dt.date(2027, 1, 1))
    update = refresh_monitoring(db, later)
    assert update.recomputed
    assert {t.status for t in update.monitoring.threats} <= {"fulfilled", "lapsed"}
    with Store(db) as store:
        assert stored_settings(store) == later
    assert not refresh_monitoring(db).recomputed  # no settings given: the stored ones are used


def test_settings_survive_their_json_record() -> None:
    import datetime as dt

    settings = MonitorSettings(as_of=dt.date(2026, 5, 1))
    record = json.loads(json.dumps(settings_record(settings)))
    assert settings_from_record(record) == settings
    assert settings_from_record({"unknown": 1}) == MonitorSettings()


def test_a_failing_save_leaves_the_previous_records(tmp_path: Path, encoder: FakeEncoder,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    results = corpus()
    db = store_with(tmp_path / "fp.sqlite", results[:-2])
    before = monitor_store(db)
    store_with(db, results[-2:])

    def broken(*args: object) -> None:
        raise sqlite3.OperationalError("disk on fire")

    monkeypatch.setattr("flashpoint.monitor_store._write_incident", broken)
    with pytest.raises(StoreError, match="monitoring"):
        monitor_store(db)
    assert load_monitoring(db) == before


def test_migration_4_upgrades_a_version_3_database(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, target=3)
    conn.close()
    with Store(path) as store:
        assert current_version(store.conn) == SCHEMA_VERSION >= 4
        assert all(n == 0 for n in table_counts(store).values())
        assert load_monitoring(store) is None


def test_an_empty_store_has_empty_monitoring(tmp_path: Path) -> None:
    with Store(tmp_path / "empty.sqlite") as store:
        assert monitor_store(store) == models.Monitoring()


def test_monitoring_records_serialise_to_json(tmp_path: Path, encoder: FakeEncoder) -> None:
    db = store_with(tmp_path / "fp.sqlite", corpus())
    records = monitoring_records(monitor_store(db))
    json.dumps(records)
    story = records["stories"][0]
    assert set(story) >= {"id", "label", "article_ids", "first_date", "last_date", "actor_codes"}
    strike = next(i for i in records["incidents"] if i["event"] == "ASSAULT" and i["n_articles"] == 2)
    assert strike["dead_range"] == [2, 2] and strike["outlets"] == ["Border Desk", "Frontier Wire"]
    assert strike["story_id"] and strike["actor"][0]["code"] == "PAK"
    threat = next(t for t in records["threats"] if t["event_id"] == "q36-e1")
    assert threat["status"] == "fulfilled" and threat["issuer"]["code"] == "PAK"
    assert threat["condition"] == "if the attacks go on" and threat["fulfilled_by"] == "inc-s400-e1"


# Every field of a stored monitoring record has a column (or is derived); a new field needs a migration.
STORED_FIELDS = {
    "DuplicateLink": ["article_id", "duplicate_of", "similarity"],
    "Story": ["id", "label", "article_ids", "first_date", "last_date", "actor_codes", "place_names"],
    "Incident": ["id", "event_type", "mode", "actors", "recipients", "event_ids", "article_ids", "outlets",
                 "date", "location", "size", "dead_range", "injured_range", "first_reported", "quad_code",
                 "event_scale", "context", "story_id", "quote_ids"],
    "DyadPoint": ["source", "target", "level", "directed", "granularity", "period", "counts", "score",
                  "incident_ids"],  # derived from the stored incidents, not stored
    "Alert": ["id", "source", "target", "level", "date", "method", "statistic", "threshold", "baseline",
              "observed", "explanation", "incident_ids", "quote_ids"],
    "ThreatRecord": ["event_id", "article_id", "issuer", "target", "mode", "condition", "date", "status",
                     "window_days", "text", "fulfilled_by", "fulfilled_on"],
    "Monitoring": ["duplicates", "stories", "incidents", "dyads", "alerts", "threats"],
}


@pytest.mark.parametrize("name", sorted(STORED_FIELDS))
def test_the_monitoring_tables_know_every_field(name: str) -> None:
    """A new field must get a column (a new migration in flashpoint.schema) and then be listed here."""
    assert [f.name for f in dataclasses.fields(getattr(models, name))] == STORED_FIELDS[name]
