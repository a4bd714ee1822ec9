"""The command line via click's CliRunner: exit codes, summary, output files, idempotent ingest, quotes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from flashpoint.cli import main
from flashpoint.export import OUTPUT_FILES
from flashpoint.schema import DATA_TABLES
from flashpoint.store import Store

ARTICLES = [
    {"id": "cli-1",
     "text": "Foreign Minister Lena Orsk said on Monday that talks with Varnia would resume. "
             "\"We want calm on the border,\" Orsk told reporters.",
     "published": "2026-02-02"},
    {"id": "cli-2",
     "text": "Police in Dellport arrested five protesters on Friday after a march turned violent.",
     "published": "2026-02-06"},
    {"id": "cli-3", "text": "The council met again.", "published": None},
]


def write_corpus(path: Path, articles: list[dict[str, object]], bad_line: bool = False) -> Path:
    lines = [json.dumps(a) for a in articles]
    if bad_line:
        lines.insert(1, "{this is not json")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_extract_writes_all_output_files_and_a_summary(runner: CliRunner, tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in.jsonl", ARTICLES)
    out = tmp_path / "out"
    args = ["extract", str(corpus), "--out", str(out), "--reference-date", "2026-03-01"]
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output
    for name in OUTPUT_FILES:
        assert (out / f"{name}.jsonl").is_file()  # present even when empty
    articles = [json.loads(line) for line in (out / "articles.jsonl").read_text().splitlines()]
    assert [a["article_id"] for a in articles] == ["cli-1", "cli-2", "cli-3"]
    assert "3 read, 3 processed, 0 unchanged, 0 skipped" in result.stderr
    assert "words/s" in result.stderr and f"output: {out}/" in result.stderr


def test_bad_input_line_is_listed_and_exits_1(runner: CliRunner, tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in.jsonl", ARTICLES, bad_line=True)
    result = runner.invoke(main, ["extract", str(corpus), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert f"{corpus}:2: error:" in result.stderr
    assert len((tmp_path / "out" / "articles.jsonl").read_text().splitlines()) == 3  # the rest is processed


def test_quiet_prints_only_problems(runner: CliRunner, tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in.jsonl", ARTICLES[2:], bad_line=True)
    result = runner.invoke(main, ["extract", str(corpus), "--out", str(tmp_path / "o"), "--quiet"])
    assert result.exit_code == 1
    assert "read," not in result.stderr and "problems:" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["extract", "--out", "x"],  # no input
        ["extract", "in.jsonl", "--out", "x", "--workers", "0"],
        ["extract", "in.jsonl", "--out", "x", "--reference-date", "March 1st"],
        ["export", "--db", "fp.sqlite", "--format", "xlsx", "--out", "x"],
        ["frobnicate"],
    ],
)
def test_usage_errors_exit_2(runner: CliRunner, args: list[str]) -> None:
    assert runner.invoke(main, args).exit_code == 2


def test_flashpoint_errors_print_a_message_not_a_traceback(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["export", "--db", str(tmp_path / "none.sqlite"), "--format", "csv",
                                  "--out", str(tmp_path / "x.csv")])
    assert result.exit_code == 2
    assert result.stderr.startswith("error: no database at")
    assert "Traceback" not in result.output


def test_missing_input_file_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["extract", str(tmp_path / "nope.jsonl"), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert "does not exist" in result.stderr and "Traceback" not in result.output


def test_reingesting_the_same_inputs_adds_no_row_to_any_data_table(runner: CliRunner, tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in.jsonl", ARTICLES, bad_line=True)
    db = tmp_path / "fp.sqlite"
    first = runner.invoke(main, ["ingest", str(corpus), "--db", str(db)])
    assert first.exit_code == 1  # the bad line
    with Store(db) as store:
        before = store.counts()
    second = runner.invoke(main, ["ingest", str(corpus), "--db", str(db)])
    assert second.exit_code == 1
    assert "0 processed, 3 unchanged" in second.stderr
    with Store(db) as store:
        after = store.counts()
        statuses = [r[0] for r in store.conn.execute("SELECT status FROM runs ORDER BY id")]
    assert {t: after[t] for t in DATA_TABLES} == {t: before[t] for t in DATA_TABLES}
    assert before["articles"] == 3 and before["problems"] == 1
    assert after["runs"] == 2 and statuses == ["finished", "finished"]


def test_ingest_replaces_a_changed_article_and_force_reanalyses(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "fp.sqlite"
    corpus = write_corpus(tmp_path / "in.jsonl", ARTICLES)
    assert runner.invoke(main, ["ingest", str(corpus), "--db", str(db)]).exit_code == 0
    changed = [dict(ARTICLES[0]), *ARTICLES[1:]]
    changed[0]["text"] = str(changed[0]["text"]).replace("Monday", "Tuesday")
    write_corpus(corpus, changed)
    result = runner.invoke(main, ["ingest", str(corpus), "--db", str(db)])
    assert "1 processed, 2 unchanged" in result.stderr
    forced = runner.invoke(main, ["ingest", str(corpus), "--db", str(db), "--force"])
    assert "3 processed, 0 unchanged" in forced.stderr
    with Store(db) as store:
        assert store.counts()["articles"] == 3
        assert "Tuesday" in store.load_results(["cli-1"])[0].article.text


def test_export_and_quotes_commands(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "fp.sqlite"
    corpus = write_corpus(tmp_path / "in.jsonl", ARTICLES)
    assert runner.invoke(main, ["ingest", str(corpus), "--db", str(db), "-q"]).exit_code == 0
    out = tmp_path / "dir"
    result = runner.invoke(main, ["export", "--db", str(db), "--format", "jsonl-dir", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "3 articles" in result.stderr
    assert len((out / "articles.jsonl").read_text().splitlines()) == 3
    for fmt in ("csv", "parquet", "geojson", "plover-jsonl"):
        target = tmp_path / f"e.{fmt}"
        done = runner.invoke(main, ["export", "--db", str(db), "--format", fmt, "--out", str(target)])
        assert done.exit_code == 0 and target.is_file()
    found = runner.invoke(main, ["quotes", "--db", str(db), "--query", "nothing like this", "--json"])
    assert found.exit_code == 0 and found.stdout == ""


def test_progress_bar_counts_settled_items_and_summary_lists_problems() -> None:
    import io

    from tqdm import tqdm

    from flashpoint.cli import RunTally, summary_lines
    from flashpoint.models import InputFormat, Origin, Problem, RunReport

    tally = RunTally(quiet=True)
    assert tally.bar is None  # quiet (and never on a non-terminal)
    tally.bar = tqdm(file=io.StringIO())
    report = RunReport(read=6, processed=3, unchanged=2)
    report.add(Problem(Origin("feed.xml", 4, InputFormat.FEED), "entry without text"))
    tally.on_progress(report)
    assert tally.bar.n == 6
    tally.close()
    lines = summary_lines("ingest", report, tally, "fp.sqlite")
    assert lines[0].startswith("flashpoint ingest: 6 read, 3 processed, 2 unchanged, 1 skipped in ")
    assert "  feed.xml:4: error: entry without text" in lines
    assert lines[-1].startswith("output: fp.sqlite (articles 0, events 0")


def test_reference_date_collection_dates_yearless_datelines_from_the_inputs(runner: CliRunner,
                                                                             tmp_path: Path) -> None:
    dated = [{"id": f"r-{i}", "text": f"KABUL, Afghanistan (March {i + 1}, 2012) - Troops detained a man."}
             for i in range(12)]
    yearless = [{"id": "r-x", "text": "KABUL, Afghanistan (Dec. 12) - Troops detained a man."}]
    corpus = write_corpus(tmp_path / "in.jsonl", dated + yearless)
    out = tmp_path / "out"
    result = runner.invoke(main, ["extract", str(corpus), "--out", str(out), "--reference-date", "collection",
                                  "--quiet"])
    assert result.exit_code == 0, result.output
    rows = {json.loads(line)["article_id"]: json.loads(line)
            for line in (out / "articles.jsonl").read_text().splitlines()}
    assert rows["r-x"]["published"] == "2011-12-12" and rows["r-x"]["published_year_inferred"]
    refused = runner.invoke(main, ["extract", "-", "--out", str(out), "--reference-date", "collection"],
                            input="KABUL (Dec. 12) - Troops detained a man.\n")
    assert refused.exit_code == 2 and "standard input" in refused.output
