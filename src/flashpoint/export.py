"""Serialise records to the output contract (FORMAT.md section 2) and write output directories.

In: :class:`~flashpoint.models.ArticleResult` records. Out: JSON-ready dicts with PLOVER's field names, and
the files ``articles.jsonl``, ``events.jsonl``, ``quotes.jsonl``, ``places.jsonl``, ``times.jsonl``.
This module is the only place where records become plain dicts.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO

from .models import Actor, Article, ArticleResult, Event, Place, Quote, TimeExpr

OUTPUT_FILES = ("articles", "events", "quotes", "places", "times")


def actor_record(actor: Actor) -> dict[str, Any]:
    rec: dict[str, Any] = {
        "entity_text": actor.entity_text,
        "identifier_text": actor.identifier_text,
        "code": actor.code,
        "sector": actor.sector,
    }
    if actor.office:
        rec["office"] = actor.office
    if actor.registry_id:
        rec["actor_id"] = actor.registry_id
    if actor.start is not None:
        rec["start"], rec["end"] = actor.start, actor.end
    return rec


def place_location(place: Place | None) -> dict[str, Any] | None:
    if place is None:
        return None
    return {
        "name": place.name or place.text,
        "lat": place.lat,
        "lon": place.lon,
        "country": place.country,
        "admin1": place.admin1,
        "geonames_id": place.geonames_id,
        "start": place.start,
        "end": place.end,
    }


def article_record(article: Article) -> dict[str, Any]:
    pub = article.published
    return {
        "article_id": article.id,
        "title": article.title,
        "published": pub.value if pub else None,
        "published_precision": pub.precision.value if pub else None,
        "published_year_inferred": pub.year_inferred if pub else False,
        "published_source": article.published_source,
        "outlet": article.outlet,
        "dateline": article.dateline,
        "url": article.url,
        "source": article.origin.path,
        "body": article.body,
    }


def event_record(event: Event) -> dict[str, Any]:
    return {
        "id": event.id,
        "article_id": event.article_id,
        "date": event.date.value if event.date else None,
        "date_precision": event.date.precision.value if event.date else None,
        "actor": [actor_record(a) for a in event.actors],
        "recipient": [actor_record(a) for a in event.recipients],
        "event": [event.event_type],
        "mode": [event.mode] if event.mode else [],
        "context": list(event.context),
        "event_scale": event.event_scale,
        "quad_code": event.quad_code,
        "event_loc": place_location(event.location),
        "size": {"dead": event.size.dead, "injured": event.size.injured, "arrested": event.size.arrested},
        "text_info": {"start": event.start, "end": event.end},
        "event_text": event.event_text,
        "trigger": event.trigger,
        "condition": event.condition,
        "quote_id": event.quote_id,
        "confidence": round(event.confidence, 4),
        "extractor": event.provenance.extractor if event.provenance else None,
    }


def quote_record(quote: Quote) -> dict[str, Any]:
    return {
        "id": quote.id,
        "article_id": quote.article_id,
        "kind": quote.kind.value,
        "text": quote.text,
        "start": quote.start,
        "end": quote.end,
        "cue": quote.cue,
        "medium": quote.medium,
        "speaker": actor_record(quote.speaker) if quote.speaker else None,
        "speaker_start": quote.speaker_start,
        "speaker_end": quote.speaker_end,
        "addressees": [actor_record(a) for a in quote.addressees],
        "confidence": round(quote.confidence, 4),
    }


def place_record(place: Place) -> dict[str, Any]:
    return {
        "article_id": place.article_id,
        "text": place.text,
        "start": place.start,
        "end": place.end,
        "name": place.name,
        "lat": place.lat,
        "lon": place.lon,
        "country": place.country,
        "admin1": place.admin1,
        "geonames_id": place.geonames_id,
        "feature": place.feature,
        "confidence": round(place.confidence, 4),
    }


def time_record(time: TimeExpr) -> dict[str, Any]:
    return {
        "article_id": time.article_id,
        "text": time.text,
        "start": time.start,
        "end": time.end,
        "value": time.value,
        "precision": time.precision.value if time.precision else None,
    }


def result_records(result: ArticleResult) -> dict[str, list[dict[str, Any]]]:
    """The output-contract records of one article, by output file name."""
    return {
        "articles": [article_record(result.article)],
        "events": [event_record(e) for e in result.events],
        "quotes": [quote_record(q) for q in result.quotes],
        "places": [place_record(p) for p in result.places],
        "times": [time_record(t) for t in result.times],
    }


def dumps(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


class OutputWriter:
    """Writes the FORMAT.md output directory incrementally (one article at a time); use as a context manager."""

    def __init__(self, out_dir: str | Path) -> None:
        self.out_dir = Path(out_dir)
        self._files: dict[str, TextIO] = {}

    def __enter__(self) -> OutputWriter:
        self.out_dir.mkdir(parents=True, exist_ok=True)
        for name in OUTPUT_FILES:
            self._files[name] = open(self.out_dir / f"{name}.jsonl", "w", encoding="utf-8")  # noqa: SIM115
        return self

    def write(self, result: ArticleResult) -> None:
        for name, records in result_records(result).items():
            fh = self._files[name]
            for rec in records:
                fh.write(dumps(rec) + "\n")

    def __exit__(self, *exc: object) -> None:
        for fh in self._files.values():
            fh.close()
        self._files.clear()


def write_output(results: Iterable[ArticleResult], out_dir: str | Path) -> Path:
    """Write all results to ``out_dir`` (created if needed); returns the directory."""
    with OutputWriter(out_dir) as writer:
        for result in results:
            writer.write(result)
    return Path(out_dir)
