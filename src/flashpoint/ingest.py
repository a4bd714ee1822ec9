"""Ingest (stub: replaced by the ingest/clean work). Reads JSON Lines only."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path

from .models import InputFormat, Origin, Problem, RunReport, SourceDocument


def read_inputs(paths: Sequence[str | Path], *, report: RunReport) -> Iterator[SourceDocument]:
    for p in paths:
        with open(p, encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    r = json.loads(line)
                except ValueError:
                    report.add(Problem(Origin(str(p), n, InputFormat.JSONL), "not JSON"))
                    continue
                yield SourceDocument(id=r["id"], origin=Origin(str(p), n, InputFormat.JSONL),
                                     text=r.get("text"), html=r.get("html"), title=r.get("title"),
                                     url=r.get("url"), outlet=r.get("outlet"), published=r.get("published"))
