"""Exports: plover-jsonl, csv, parquet (read back with pyarrow), geojson, jsonl-dir; from results and a DB."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from flashpoint.errors import ExportError
from flashpoint.export import (
    CSV_COLUMNS,
    EXPORT_FORMATS,
    OUTPUT_FILES,
    event_record,
    export_db,
    export_results,
    parquet_schema,
)
from flashpoint.store import Store
from store_records import make_result

RESULTS = [make_result("art-1"), make_result("art-2", located=False)]
EVENTS = [e for r in RESULTS for e in r.events]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "fp.sqlite"
    with Store(path) as store:
        for result in RESULTS:
            store.save(result)
    return path


def test_plover_jsonl_has_one_plover_record_per_event(tmp_path: Path) -> None:
    out = tmp_path / "events.jsonl"
    assert export_results(RESULTS, "plover-jsonl", out) == 4
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert lines == [json.loads(json.dumps(event_record(e))) for e in EVENTS]
    assert lines[0]["event"] == ["THREATEN"] and lines[0]["actor"][0]["code"] == "NGL"


def test_csv_flattens_actor_and_recipient(tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    assert export_results(RESULTS, "csv", out) == 4
    with open(out, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert tuple(rows[0]) == CSV_COLUMNS
    assault = rows[1]
    assert assault["event"] == "ASSAULT" and assault["dead"] == "2"
    assert assault["recipient_text"] == "border police"
    assert assault["recipient_texts"] == "border police; guards"
    assert assault["recipient_sectors"] == "COP; COP"
    assert rows[0]["loc_lat"] == "34.5" and rows[0]["context"] == "future"


def test_parquet_reads_back_with_its_schema(tmp_path: Path) -> None:
    out = tmp_path / "events.parquet"
    assert export_results(RESULTS, "parquet", out) == 4
    table = pq.read_table(out)
    assert table.schema.equals(parquet_schema())
    rows = table.to_pylist()
    assert [r["id"] for r in rows] == [e.id for e in EVENTS]
    assert rows[1]["recipient"][1]["entity_text"] == "guards"
    assert rows[0]["event_loc"]["lon"] == 69.25
    assert rows[2]["event_loc"]["lat"] is None  # art-2: place without coordinates
    assert rows[1]["size"] == {"dead": 2, "injured": None, "arrested": None}


def test_parquet_with_no_events_is_still_a_valid_file(tmp_path: Path) -> None:
    out = tmp_path / "empty.parquet"
    assert export_results([], "parquet", out) == 0
    assert pq.read_table(out).num_rows == 0


def test_geojson_is_a_feature_collection_of_located_events(tmp_path: Path) -> None:
    out = tmp_path / "events.geojson"
    assert export_results(RESULTS, "geojson", out) == 1  # only art-1's THREATEN has coordinates
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection"
    (feature,) = data["features"]
    assert feature["type"] == "Feature"
    assert feature["geometry"] == {"type": "Point", "coordinates": [69.25, 34.5]}  # [lon, lat]
    assert feature["properties"]["id"] == "art-1-e1"
    assert feature["properties"]["event"] == ["THREATEN"]


def test_empty_geojson_is_valid(tmp_path: Path) -> None:
    out = tmp_path / "none.geojson"
    assert export_results([], "geojson", out) == 0
    assert json.loads(out.read_text()) == {"type": "FeatureCollection", "features": []}


@pytest.mark.parametrize("fmt", [f for f in EXPORT_FORMATS if f != "jsonl-dir"])
def test_export_from_the_database_equals_export_from_results(tmp_path: Path, db: Path, fmt: str) -> None:
    direct, stored = tmp_path / f"direct.{fmt}", tmp_path / f"stored.{fmt}"
    export_results(RESULTS, fmt, direct)
    export_db(db, fmt, stored)
    if fmt == "parquet":
        assert pq.read_table(direct).equals(pq.read_table(stored))
    else:
        assert direct.read_bytes() == stored.read_bytes()


def test_jsonl_dir_from_the_database_writes_the_output_contract(tmp_path: Path, db: Path) -> None:
    out = tmp_path / "dir"
    assert export_db(db, "jsonl-dir", out) == 2
    for name in OUTPUT_FILES:
        assert (out / f"{name}.jsonl").is_file()
    direct = tmp_path / "direct"
    export_results(RESULTS, "jsonl-dir", direct)
    for name in OUTPUT_FILES:
        assert (out / f"{name}.jsonl").read_text() == (direct / f"{name}.jsonl").read_text()


def test_unknown_format_and_directory_target_are_export_errors(tmp_path: Path, db: Path) -> None:
    with pytest.raises(ExportError, match="unknown export format"):
        export_db(db, "xlsx", tmp_path / "x.xlsx")
    with pytest.raises(ExportError, match="directory"):
        export_results(RESULTS, "csv", tmp_path)
