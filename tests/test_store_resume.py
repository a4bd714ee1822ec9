"""Killing `flashpoint ingest` midway (SIGKILL) and re-running it yields the same content as one clean run."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from flashpoint.store import Store, dump_content

N_ARTICLES = 300
PEOPLE = ["Mara Quill", "Teodor Vance", "Ilsa Brandt", "Omar Feyd"]
TOWNS = ["Dellport", "Karsk", "Northgate", "Varnholm"]


def write_corpus(path: Path) -> Path:
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(N_ARTICLES):
            person, town = PEOPLE[i % 4], TOWNS[(i // 4) % 4]
            text = (f"{town.upper()}, May {i % 28 + 1} - {person} said on Tuesday that the army would answer "
                    f"any attack on {town}. \"We will not give up,\" {person.split()[1]} told reporters. "
                    f"Police detained {i % 9 + 2} people.")
            fh.write(json.dumps({"id": f"r-{i:04d}", "text": text, "published": f"2026-05-{i % 28 + 1:02d}"}))
            fh.write("\n")
        fh.write("{broken line\n")
    return path


def ingest_command(corpus: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "flashpoint.cli", "ingest", str(corpus), "--db", str(db),
            "--batch-size", "4", "--quiet", "--reference-date", "2026-06-01"]


def stored_articles(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.Error:
        return 0


@pytest.mark.slow
def test_kill_midway_then_rerun_equals_one_clean_run(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus.jsonl")
    killed_db, clean_db = tmp_path / "killed.sqlite", tmp_path / "clean.sqlite"

    proc = subprocess.Popen(ingest_command(corpus, killed_db), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while stored_articles(killed_db) < 10 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    at_kill = stored_articles(killed_db)
    if not 0 < at_kill < N_ARTICLES:
        pytest.skip(f"could not kill the run midway ({at_kill} articles stored)")

    resumed = subprocess.run(ingest_command(corpus, killed_db), capture_output=True, text=True, check=False)
    assert resumed.returncode == 1, resumed.stderr  # the broken line
    clean = subprocess.run(ingest_command(corpus, clean_db), capture_output=True, text=True, check=False)
    assert clean.returncode == 1, clean.stderr

    with Store(killed_db) as killed, Store(clean_db) as once:
        assert dump_content(killed) == dump_content(once)
        assert killed.counts()["articles"] == N_ARTICLES
        statuses = [r[0] for r in killed.conn.execute("SELECT status FROM runs ORDER BY id")]
        assert statuses == ["running", "finished"]  # the killed run is visible in the log
        resumed_run = killed.conn.execute("SELECT processed, unchanged FROM runs WHERE id = 2").fetchone()
        assert resumed_run[0] + resumed_run[1] == N_ARTICLES and resumed_run[1] >= at_kill
