"""Store rows back to record models (the read side of :mod:`flashpoint.store`).

In: an open store connection (``row_factory = sqlite3.Row``) and an article or quote id. Out: the
:class:`~flashpoint.models.ArticleResult`, :class:`~flashpoint.models.Event` or
:class:`~flashpoint.models.Quote` records as they were saved. Provenance is rebuilt from the stored
extractor name and version with the record's own span.
Also builds FTS5 match expressions from free user text (every word quoted, so no query syntax leaks in).
"""

from __future__ import annotations

import json
import re
import sqlite3
from typing import Any

from .models import (
    Actor,
    Article,
    ArticleResult,
    Casualties,
    DateValue,
    Event,
    InputFormat,
    Mention,
    Origin,
    Place,
    Precision,
    Provenance,
    Quote,
    QuoteKind,
    TimeExpr,
)

_ACTOR_JOIN = "JOIN actors a ON a.id = x.actor_id"
_WORD = re.compile(r"\w+", re.UNICODE)


def place_fields(place: Place) -> dict[str, Any]:
    """The fields of a resolved place, as stored (JSON) for an event location."""
    prov = place.provenance
    return {
        "text": place.text, "start": place.start, "end": place.end, "name": place.name, "lat": place.lat,
        "lon": place.lon, "country": place.country, "admin1": place.admin1,
        "geonames_id": place.geonames_id, "feature": place.feature, "confidence": place.confidence,
        "extractor": prov.extractor if prov else None, "extractor_version": prov.version if prov else None,
    }


def _provenance(row: Any, article_id: str, start: int, end: int) -> Provenance | None:
    if row["extractor"] is None:
        return None
    return Provenance(article_id, start, end, row["extractor"], row["extractor_version"] or "")


def _actor(row: sqlite3.Row, start_key: str = "start", end_key: str = "end") -> Actor:
    return Actor(
        entity_text=row["entity_text"], identifier_text=row["identifier"], code=row["code"],
        sector=row["sector"], office=row["office"], registry_id=row["registry_id"],
        start=row[start_key], end=row[end_key],
    )


def load_article(conn: sqlite3.Connection, article_id: str) -> Article | None:
    r = conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
    if r is None:
        return None
    published = None
    if r["published"] is not None:
        published = DateValue(r["published"], Precision(r["precision"]), bool(r["year_inferred"]))
    dateline_span = None if r["dateline_start"] is None else (r["dateline_start"], r["dateline_end"])
    return Article(
        id=r["id"], origin=Origin(r["origin_path"], r["origin_line"], InputFormat(r["origin_format"])),
        text=r["text"], nlp_text=r["text"] if r["nlp_text"] is None else r["nlp_text"], body=r["body"],
        body_spans=tuple(tuple(s) for s in json.loads(r["body_spans"])),
        paragraphs=tuple(tuple(s) for s in json.loads(r["paragraphs"])),
        title=r["title"], url=r["url"], outlet=r["outlet"], lang=r["lang"], published=published,
        published_source=r["published_source"], dateline=r["dateline"], dateline_span=dateline_span,
        content_hash=r["content_hash"],
    )


def load_times(conn: sqlite3.Connection, article_id: str) -> tuple[TimeExpr, ...]:
    rows = conn.execute("SELECT * FROM times WHERE article_id = ? ORDER BY position", (article_id,))
    return tuple(
        TimeExpr(article_id, r["text"], r["start"], r["end"], r["value"],
                 Precision(r["precision"]) if r["precision"] else None,
                 _provenance(r, article_id, r["start"], r["end"]))
        for r in rows
    )


def _place(article_id: str, fields: Any, provenance: Provenance | None = None) -> Place:
    return Place(
        article_id=article_id, text=fields["text"], start=fields["start"], end=fields["end"],
        name=fields["name"], lat=fields["lat"], lon=fields["lon"], country=fields["country"],
        admin1=fields["admin1"], geonames_id=fields["geonames_id"], feature=fields["feature"],
        confidence=fields["confidence"], provenance=provenance,
    )


def load_places(conn: sqlite3.Connection, article_id: str) -> tuple[Place, ...]:
    rows = conn.execute("SELECT * FROM places WHERE article_id = ? ORDER BY position", (article_id,))
    return tuple(_place(article_id, r, _provenance(r, article_id, r["start"], r["end"])) for r in rows)


def load_mentions(conn: sqlite3.Connection, article_id: str) -> tuple[Mention, ...]:
    rows = conn.execute(
        f"SELECT x.*, a.code, a.sector, a.identifier, a.registry_id, a.office FROM mentions x {_ACTOR_JOIN} "
        "WHERE x.article_id = ? ORDER BY x.position",
        (article_id,),
    )
    return tuple(
        Mention(r["text"], r["start"], r["end"], _actor(r, "actor_start", "actor_end"),
                r["antecedent_start"], r["antecedent_end"], _provenance(r, article_id, r["start"], r["end"]))
        for r in rows
    )


def _quote_from_row(conn: sqlite3.Connection, r: sqlite3.Row) -> Quote:
    speaker = None
    if r["speaker_actor_id"] is not None:
        a = conn.execute("SELECT * FROM actors WHERE id = ?", (r["speaker_actor_id"],)).fetchone()
        speaker = Actor(
            entity_text=r["speaker_text"] or "", identifier_text=a["identifier"], code=a["code"],
            sector=a["sector"], office=a["office"], registry_id=a["registry_id"],
            start=r["speaker_mention_start"], end=r["speaker_mention_end"],
        )
    addressees = tuple(
        _actor(x) for x in conn.execute(
            f"SELECT x.*, a.code, a.sector, a.identifier, a.registry_id, a.office FROM quote_addressees x "
            f"{_ACTOR_JOIN} WHERE x.quote_id = ? ORDER BY x.position",
            (r["id"],),
        )
    )
    article_id = r["article_id"]
    return Quote(
        id=r["id"], article_id=article_id, kind=QuoteKind(r["kind"]), text=r["text"], start=r["start"],
        end=r["end"], cue=r["cue"], cue_start=r["cue_start"], cue_end=r["cue_end"], medium=r["medium"],
        speaker=speaker, speaker_start=r["speaker_start"], speaker_end=r["speaker_end"],
        addressees=addressees, confidence=r["confidence"],
        provenance=_provenance(r, article_id, r["start"], r["end"]),
    )


def load_quote(conn: sqlite3.Connection, quote_id: str) -> Quote | None:
    r = conn.execute("SELECT * FROM quotes WHERE id = ?", (quote_id,)).fetchone()
    return None if r is None else _quote_from_row(conn, r)


def load_quotes(conn: sqlite3.Connection, article_id: str) -> tuple[Quote, ...]:
    rows = conn.execute("SELECT * FROM quotes WHERE article_id = ? ORDER BY position", (article_id,))
    return tuple(_quote_from_row(conn, r) for r in rows.fetchall())


def load_events(conn: sqlite3.Connection, article_id: str) -> tuple[Event, ...]:
    rows = conn.execute("SELECT * FROM events WHERE article_id = ? ORDER BY position", (article_id,))
    found = []
    for r in rows.fetchall():
        roles: dict[str, list[Actor]] = {"actor": [], "recipient": []}
        for x in conn.execute(
            f"SELECT x.*, a.code, a.sector, a.identifier, a.registry_id, a.office FROM event_actors x "
            f"{_ACTOR_JOIN} WHERE x.event_id = ? ORDER BY x.role, x.position",
            (r["id"],),
        ):
            roles[x["role"]].append(_actor(x))
        date = None
        if r["date"] is not None:
            date = DateValue(r["date"], Precision(r["date_precision"]), bool(r["date_year_inferred"]))
        location = None
        if r["location"]:
            fields = json.loads(r["location"])
            location = _place(article_id, fields,
                              _provenance(fields, article_id, fields["start"], fields["end"]))
        found.append(Event(
            id=r["id"], article_id=article_id, event_type=r["event_type"], mode=r["mode"],
            context=tuple(json.loads(r["context"])), actors=tuple(roles["actor"]),
            recipients=tuple(roles["recipient"]), start=r["start"], end=r["end"], event_text=r["event_text"],
            event_scale=r["event_scale"], quad_code=r["quad_code"], date=date, location=location,
            size=Casualties(r["dead"], r["injured"], r["arrested"]), trigger=r["trigger"],
            trigger_start=r["trigger_start"], trigger_end=r["trigger_end"], condition=r["condition"],
            quote_id=r["quote_id"], confidence=r["confidence"],
            provenance=_provenance(r, article_id, r["start"], r["end"]),
        ))
    return tuple(found)


def load_result(conn: sqlite3.Connection, article_id: str) -> ArticleResult | None:
    article = load_article(conn, article_id)
    if article is None:
        return None
    return ArticleResult(
        article=article, events=load_events(conn, article_id), quotes=load_quotes(conn, article_id),
        places=load_places(conn, article_id), times=load_times(conn, article_id),
        mentions=load_mentions(conn, article_id),
    )


def _phrase_terms(text: str) -> str:
    return " ".join(f'"{w}"' for w in _WORD.findall(text))


def fts_expression(query: str | None, speaker: str | None) -> str | None:
    """An FTS5 MATCH expression: every word of ``query`` in the quote text, of ``speaker`` in the speaker."""
    parts = []
    if query and _WORD.search(query):
        parts.append(f"text : ({_phrase_terms(query)})")
    if speaker and _WORD.search(speaker):
        parts.append(f"speaker : ({_phrase_terms(speaker)})")
    return " AND ".join(parts) or None
