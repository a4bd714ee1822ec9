"""The monitoring commands (stories, incidents, dyads, alerts, threats, report) and the main job (run)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from flashpoint.cli import main
from flashpoint.export import OUTPUT_FILES
from flashpoint.schema import DATA_TABLES, MONITOR_TABLES
from flashpoint.store import Store
from flashpoint.tables import render_table
from monitor_corpus import FakeEncoder, corpus, store_with

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
SEEDS = REPO.parent / "shared" / "eval" / "data" / "seeds" / "articles.jsonl"


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr("flashpoint.embeddings.get_encoder", FakeEncoder)
    return store_with(tmp_path / "fp.sqlite", corpus())


def invoke(*args: str) -> tuple[str, str]:
    outcome = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert outcome.exit_code == 0, outcome.output
    return outcome.stdout, outcome.stderr


def test_render_table_aligns_columns_and_cuts_long_cells() -> None:
    lines = render_table(["id", "label"], [("a", "short"), ("bbbb", "x" * 30)], [None, 10])
    assert lines[0] == "id    label"
    assert lines[1] == "----  ----------"
    assert lines[3] == "bbbb  " + "x" * 9 + "…"
    assert len({line.index(" ") for line in lines[2:]}) == 2  # "a" pads to the width of "bbbb"


def test_stories_json_lists_each_story_with_its_article_ids(db: Path) -> None:
    out, _ = invoke("stories", "--db", str(db), "--json")
    stories = json.loads(out)
    assert isinstance(stories, list) and len(stories) == 12  # 13 articles, one syndicated copy
    copy = next(s for s in stories if "s401" in s["article_ids"])
    assert copy["article_ids"] == ["s400", "s401"] and copy["actor_codes"] == ["PAK", "AFG"]
    assert copy["first_date"] == copy["last_date"] == "2026-09-10" and copy["label"]


def test_stories_text_shows_the_stories_told_by_several_articles(db: Path) -> None:
    out, err = invoke("stories", "--db", str(db))
    lines = out.splitlines()
    assert lines[0].split() == ["story", "first", "last", "n", "actors", "label", "articles"]
    assert len(lines) == 3 and "s400, s401" in lines[2] and "1 stories" in err
    out, _ = invoke("stories", "--db", str(db), "--all")
    assert len(out.splitlines()) == 2 + 12


def test_incidents_limit_sort_and_json(db: Path) -> None:
    out, _ = invoke("incidents", "--db", str(db), "--json", "--limit", "2", "--sort", "sources")
    found = json.loads(out)
    assert len(found) == 2 and all(i["n_articles"] == 2 and i["event"] == "ASSAULT" for i in found)
    out, _ = invoke("incidents", "--db", str(db), "--limit", "3")
    lines = out.splitlines()
    assert len(lines) == 5 and lines[2].split()[1] == "2026-08-01"  # by date


def test_dyads_levels_shapes_and_granularities(db: Path) -> None:
    out, _ = invoke("dyads", "--db", str(db), "--json")
    points = json.loads(out)
    assert {(p["source"], p["target"]) for p in points} == {("AFG", "PAK")}
    out, _ = invoke("dyads", "--db", str(db), "--directed", "--granularity", "week", "--level", "actor",
                    "--json")
    weekly = json.loads(out)
    assert {(p["source"], p["target"]) for p in weekly} == {("Pakistan", "Islamic Emirate of Afghanistan")}
    assert all(re.fullmatch(r"\d{4}-W\d\d", p["period"]) for p in weekly)
    assert sum(p["counts"]["quad4"] for p in weekly) == 3
    out, _ = invoke("dyads", "--db", str(db), "--directed")
    assert "PAK→AFG" in out


def test_alerts_explain_themselves_and_a_higher_threshold_silences_them(db: Path) -> None:
    out, _ = invoke("alerts", "--db", str(db), "--json")
    (alert,) = json.loads(out)
    assert alert["source"] == "AFG" and alert["target"] == "PAK" and "baseline" in alert["explanation"]
    assert alert["incident_ids"] and alert["quote_ids"]
    out, _ = invoke("alerts", "--db", str(db))
    assert "z=" in out and "incidents: inc-" in out
    out, _ = invoke("alerts", "--db", str(db), "--z-threshold", "50", "--json")
    assert json.loads(out) == []


def test_threats_register_window_and_as_of(db: Path) -> None:
    out, _ = invoke("threats", "--db", str(db), "--json")
    register = {t["event_id"]: t for t in json.loads(out)}
    assert register["q36-e1"]["status"] == "fulfilled" and register["q00-e1"]["status"] == "lapsed"
    out, _ = invoke("threats", "--db", str(db), "--window-days", "2", "--as-of", "2026-09-07", "--json")
    short = {t["event_id"]: t["status"] for t in json.loads(out)}
    assert short["q36-e1"] == "not_yet" and short["q30-e1"] == "lapsed"
    out, _ = invoke("threats", "--db", str(db))
    assert out.splitlines()[0].split()[:5] == ["date", "issuer", "target", "mode", "status"]
    assert "fulfilled by inc-s400-e1" in out


def test_report_command_writes_the_html_page(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "page" / "report.html"
    invoke("report", "--db", str(db), "--out", str(out))
    assert 'id="alerts"' in out.read_text(encoding="utf-8")


def test_monitoring_commands_on_a_missing_database_exit_2(tmp_path: Path) -> None:
    outcome = CliRunner().invoke(main, ["stories", "--db", str(tmp_path / "none.sqlite")])
    assert outcome.exit_code == 2 and "flashpoint ingest" in outcome.output


def _counts(db: Path) -> dict[str, int]:
    with Store(db) as store:
        return {t: store.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in (*DATA_TABLES, *MONITOR_TABLES)}


@pytest.mark.slow
def test_run_on_the_demo_corpus_end_to_end(tmp_path: Path) -> None:
    out = tmp_path / "demo"
    args = ["run", str(EXAMPLES), "--out", str(out), "--reference-date", "2026-11-21"]
    first = CliRunner().invoke(main, args, catch_exceptions=False)
    assert first.exit_code == 0, first.output
    for name in OUTPUT_FILES:
        assert (out / f"{name}.jsonl").stat().st_size > 0
    assert 'id="timeline"' in (out / "report.html").read_text(encoding="utf-8")
    db = out / "flashpoint.sqlite"
    assert re.search(r"store: .*11 articles", first.stderr) and "report:" in first.stderr
    articles = [json.loads(line) for line in (out / "articles.jsonl").open(encoding="utf-8")]
    assert len(articles) == 11
    before = _counts(db)
    again = CliRunner().invoke(main, args, catch_exceptions=False)
    assert again.exit_code == 0 and "11 unchanged" in again.stderr and "loaded from the store" in again.stderr
    assert _counts(db) == before
    # the Paktika airstrike told by the HTML page and by its syndicated JSONL copy is one story
    def article_id(source_end: str, title_word: str = "") -> str:
        return next(a["article_id"] for a in articles
                    if a["source"].endswith(source_end) and title_word in (a["title"] or ""))

    page, copy = article_id("paktika-airstrikes.html"), article_id(".jsonl", "Paktika")
    stories = json.loads(CliRunner().invoke(main, ["stories", "--db", str(db), "--json"]).stdout)
    assert any({page, copy} <= set(s["article_ids"]) for s in stories)
    # the interior minister's first threat is fulfilled by the airstrike two days later
    threats = json.loads(CliRunner().invoke(main, ["threats", "--db", str(db), "--json"]).stdout)
    minister = article_id("interior-minister-warning.txt")
    first_threat = [t for t in threats if t["article_id"] == minister and t["issuer"]["code"] == "PAK"]
    assert first_threat and first_threat[0]["status"] == "fulfilled"
    incidents = {i["id"]: i for i in json.loads(
        CliRunner().invoke(main, ["incidents", "--db", str(db), "--json"]).stdout)}
    strike = incidents[first_threat[0]["fulfilled_by"]]
    assert strike["event"] == "ASSAULT" and {page, copy} <= set(strike["article_ids"])


@pytest.mark.slow
@pytest.mark.skipif(not SEEDS.is_file(), reason="the evaluation kit (../shared/eval) is not available")
def test_seed_001_and_002_are_one_story_and_share_the_obliterate_threat(tmp_path: Path) -> None:
    """Issue 6 done-when: the two reports of the same story group together, the other seeds do not, and
    the defence minister's warning reported in both is ONE incident supported by both articles."""
    from flashpoint.monitor_store import monitor_store

    db = tmp_path / "seeds.sqlite"
    invoke("ingest", str(SEEDS), "--db", str(db), "--quiet")
    monitoring = monitor_store(db)
    groups = sorted(sorted(s.article_ids) for s in monitoring.stories)
    assert groups == [["seed-000"], ["seed-001", "seed-002"], ["seed-003"], ["seed-004"]]
    with Store(db) as store:
        warnings = [e for e in store.iter_events() if e.article_id in ("seed-001", "seed-002")
                    and e.event_type == "THREATEN" and "obliterat" in e.event_text.lower()]
    assert {e.article_id for e in warnings} == {"seed-001", "seed-002"}
    holding = {i.id: i for i in monitoring.incidents if {e.id for e in warnings} & set(i.event_ids)}
    assert len(holding) == 1
    (incident,) = holding.values()
    assert set(incident.article_ids) == {"seed-001", "seed-002"} and incident.event_type == "THREATEN"
    assert {a.code for a in incident.actors} == {"PAK"} and {a.code for a in incident.recipients} == {"AFG"}
