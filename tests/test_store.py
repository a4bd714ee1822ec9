"""The SQLite store: round trip, idempotency, atomic replacement, migrations, actor normalisation, FTS."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

import pytest

import flashpoint
from flashpoint import pipeline
from flashpoint.errors import StoreError
from flashpoint.models import InputFormat, Origin, Problem, RunReport
from flashpoint.schema import DATA_TABLES, SCHEMA_VERSION, current_version, migrate
from flashpoint.store import SaveOutcome, Store, dump_content, search_quotes
from store_records import TEXT, make_result


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with Store(tmp_path / "fp.sqlite") as opened:
        yield opened


def test_new_database_is_wal_with_foreign_keys_and_current_schema(store: Store) -> None:
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert current_version(store.conn) == SCHEMA_VERSION


def test_save_then_load_gives_back_the_same_records(store: Store) -> None:
    result = make_result()
    assert store.save(result) is SaveOutcome.INSERTED
    assert store.load_results() == [result]
    assert list(store.iter_events()) == list(result.events)


def test_saving_the_same_article_again_changes_nothing(store: Store) -> None:
    result = make_result()
    store.save(result)
    before, content = store.counts(), dump_content(store)
    assert store.save(result) is SaveOutcome.UNCHANGED
    assert store.counts() == before
    assert dump_content(store) == content
    assert store.is_unchanged(result.article)


def test_an_article_stored_by_another_flashpoint_is_analysed_again(store: Store) -> None:
    result = make_result()
    store.save(result)
    assert store.is_unchanged(result.article)
    # as if an older Flashpoint (other code or lexicons) had stored it
    store.conn.execute("UPDATE articles SET analysis_version = 'older' WHERE id = ?", (result.article.id,))
    assert not store.is_unchanged(result.article)
    assert store.save(result) is SaveOutcome.REPLACED
    assert store.is_unchanged(result.article) and store.load_results() == [result]


def test_analysis_version_names_the_release_and_digests_code_and_data() -> None:
    version = pipeline.analysis_version()
    assert version.startswith(flashpoint.__version__ + "+") and len(version.split("+")[1]) == 16


def test_changed_content_replaces_all_records_of_that_article(store: Store) -> None:
    store.save(make_result("art-1"))
    store.save(make_result("art-2"))
    changed_text = TEXT.replace("two guards", "three guards")
    changed = make_result("art-1", changed_text)
    changed = dataclasses.replace(changed, events=changed.events[:1], quotes=())
    assert store.save(changed) is SaveOutcome.REPLACED
    counts = store.counts()
    assert counts["articles"] == 2
    assert counts["events"] == 3  # 1 for the new art-1, 2 for art-2
    assert counts["quotes"] == 1
    assert counts["event_actors"] == 1 + 4
    assert store.article_ids() == ["art-1", "art-2"]  # the replaced article keeps its place
    assert store.load_results(["art-1"]) == [changed]


def test_a_failing_save_leaves_no_partial_article(store: Store) -> None:
    result = make_result()
    broken = dataclasses.replace(result, events=(result.events[0], result.events[0]))  # duplicate event id
    with pytest.raises(StoreError, match="art-1"):
        store.save(broken)
    assert all(n == 0 for table, n in store.counts().items() if table not in ("actors", "runs"))
    assert store.save(result) is SaveOutcome.INSERTED  # and the store is still usable
    assert store.load_results() == [result]


def test_actors_are_normalised_one_row_per_distinct_actor(store: Store) -> None:
    store.save(make_result("art-1"))
    store.save(make_result("art-2"))
    # Hana Veld (events, quote speaker, mentions), Red Valley Front, NGL police (both "border police"
    # and "guards": same code/sector, no identifier; the text stays on the link), reporters.
    assert store.counts()["actors"] == 4
    rows = store.conn.execute(
        "SELECT count(DISTINCT actor_id) FROM event_actors WHERE entity_text = 'Hana Veld'"
    ).fetchone()
    assert rows[0] == 1


def test_problems_are_recorded_once_per_input_item(store: Store) -> None:
    problem = Problem(Origin("corpus.jsonl", 3, InputFormat.JSONL), "not JSON")
    first = store.start_run("ingest", ["corpus.jsonl"], {})
    store.record_problem(problem, first)
    second = store.start_run("ingest", ["corpus.jsonl"], {})
    store.record_problem(problem, second)
    store.finish_run(second, RunReport(read=3))
    assert store.counts()["problems"] == 1
    row = store.conn.execute("SELECT first_run_id, last_run_id FROM problems").fetchone()
    assert tuple(row) == (first, second)
    assert store.conn.execute("SELECT status FROM runs WHERE id = ?", (second,)).fetchone()[0] == "finished"


def test_opening_an_older_database_migrates_it_and_keeps_its_data(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, target=1)
    assert current_version(conn) == 1
    conn.execute(
        "INSERT INTO articles (id, origin_path, origin_format, text, body, body_spans, paragraphs, "
        "content_hash, stored_at, published) VALUES ('old-1', 'a.txt', 'text', 'x', 'x', '[]', '[]', 'h', "
        "'2026-01-01', '2026-01-01')"
    )
    conn.execute("INSERT INTO actors (id, code, sector, identifier) VALUES (1, 'NGL', 'GOV', 'Hana Veld')")
    conn.execute(
        "INSERT INTO quotes (id, article_id, position, kind, text, start, \"end\", speaker_actor_id, "
        "speaker_text, confidence) VALUES ('old-1-q1', 'old-1', 0, 'direct', 'the border stays open', 0, 1, "
        "1, 'Veld', 1.0)"
    )
    conn.close()
    with Store(path) as store:
        assert current_version(store.conn) == SCHEMA_VERSION
        assert store.counts()["problems"] == 0  # table added by migration 2
        hits = store.search_quotes(query="border", speaker="Hana")  # FTS added and back-filled by 3
        assert [h.quote.id for h in hits] == ["old-1-q1"]
        versions = [r[0] for r in store.conn.execute("SELECT version FROM schema_version ORDER BY 1")]
        assert versions == list(range(1, SCHEMA_VERSION + 1))


def test_a_newer_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite"
    Store(path).close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO schema_version VALUES (?, 'future', 'now')", (SCHEMA_VERSION + 1,))
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="newer"):
        Store(path)


def test_opening_a_missing_database_without_create_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="flashpoint ingest"):
        Store(tmp_path / "missing.sqlite", create=False)
    with pytest.raises(StoreError):
        search_quotes(tmp_path / "missing.sqlite", query="x")


def test_search_quotes_by_text_speaker_and_date(tmp_path: Path) -> None:
    db = tmp_path / "q.sqlite"
    with Store(db) as store:
        store.save(make_result("art-1"))
        later = make_result("art-2")
        later_article = dataclasses.replace(
            later.article, published=dataclasses.replace(later.article.published, value="2026-05-10")
        )
        store.save(dataclasses.replace(later, article=later_article))
    assert {h.quote.article_id for h in search_quotes(db, query="ATTACKS")} == {"art-1", "art-2"}
    assert search_quotes(db, query="attacks", speaker="veld")[0].quote.speaker.code == "NGL"
    assert search_quotes(db, speaker="Red Valley") == []  # not a speaker
    assert search_quotes(db, query="peace talks") == []
    assert [h.quote.article_id for h in search_quotes(db, since="2026-04")] == ["art-2"]
    assert [h.quote.article_id for h in search_quotes(db, until="2026-03")] == ["art-1"]
    hit = search_quotes(db, query="allow", until="2026-03-03")[0]
    expected = ("2026-03-03", "Example News", "Border crossing to close")
    assert (hit.published, hit.outlet, hit.title) == expected
    # FTS syntax in user text is treated as words, never as an error
    assert search_quotes(db, query='allow" OR (NEAR') == []
    assert len(search_quotes(db, query='"allow" ***')) == 2


def test_data_tables_are_all_counted(store: Store) -> None:
    assert set(DATA_TABLES) <= set(store.counts())


def test_ingest_skips_an_article_whose_records_break_the_schema(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from flashpoint import runs

    good, bad = make_result("art-1"), make_result("art-2")
    bad = dataclasses.replace(bad, events=(bad.events[0], bad.events[0]))  # duplicate event id

    def fake_results(*args: object, **kwargs: object) -> object:
        report = args[2]
        for result in (bad, good):
            report.read += 1  # type: ignore[attr-defined]
            report.processed += 1  # type: ignore[attr-defined]
            yield result

    monkeypatch.setattr(runs, "iter_results", fake_results)
    monkeypatch.setattr(runs, "read_inputs", lambda paths, report: iter(()))
    report = runs.ingest_to_store(["corpus.jsonl"], tmp_path / "fp.sqlite")
    assert (report.processed, report.skipped) == (1, 1)
    assert "art-2" in report.problems[0].reason
    with Store(tmp_path / "fp.sqlite") as store:
        assert store.article_ids() == ["art-1"]
        assert store.counts()["problems"] == 1


STORED_FIELDS = {
    "Article": ["id", "origin", "text", "nlp_text", "body", "body_spans", "paragraphs", "title", "url",
                "outlet", "lang", "published", "published_source", "dateline", "dateline_span",
                "content_hash"],
    "Actor": ["entity_text", "identifier_text", "code", "sector", "office", "registry_id", "start", "end"],
    "Mention": ["text", "start", "end", "actor", "antecedent_start", "antecedent_end", "provenance"],
    "Place": ["article_id", "text", "start", "end", "name", "lat", "lon", "country", "admin1", "geonames_id",
              "feature", "confidence", "provenance"],
    "TimeExpr": ["article_id", "text", "start", "end", "value", "precision", "provenance"],
    "Quote": ["id", "article_id", "kind", "text", "start", "end", "cue", "cue_start", "cue_end", "medium",
              "speaker", "speaker_start", "speaker_end", "addressees", "confidence", "provenance"],
    "Event": ["id", "article_id", "event_type", "mode", "context", "actors", "recipients", "start", "end",
              "event_text", "event_scale", "quad_code", "date", "location", "size", "trigger",
              "trigger_start", "trigger_end", "condition", "quote_id", "confidence", "provenance"],
    "ArticleResult": ["article", "events", "quotes", "places", "times", "mentions"],
}


@pytest.mark.parametrize("name", sorted(STORED_FIELDS))
def test_the_store_knows_every_field_of_the_record_model(name: str) -> None:
    """A new model field must get a column (a new migration in flashpoint.schema) and then be listed here."""
    from flashpoint import models

    assert [f.name for f in dataclasses.fields(getattr(models, name))] == STORED_FIELDS[name]
