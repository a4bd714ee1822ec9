"""Hand-built records for monitoring tests (no spaCy needed)."""

from __future__ import annotations

from flashpoint.models import (
    Actor,
    Article,
    ArticleResult,
    Casualties,
    DateValue,
    Event,
    Origin,
    Place,
    Precision,
    Quote,
    QuoteKind,
)
from flashpoint.plover import score

ACTORS = {
    "PAK": Actor("Pakistan", "Pakistan", "PAK", "GOV"),
    "AFG": Actor("the Taliban", "Islamic Emirate of Afghanistan", "AFG", "GOV"),
    "IND": Actor("India", "India", "IND", "GOV"),
    "QAT": Actor("Qatar", "Qatar", "QAT", "GOV"),
}
KHOST = Place("x", "Khost", 0, 5, name="Khost", lat=33.34, lon=69.92, country="AFG", admin1="Khost")
KARACHI = Place("x", "Karachi", 0, 7, name="Karachi", lat=24.86, lon=67.01, country="PAK", admin1="Sindh")


def article(aid: str, published: str | None = None, outlet: str | None = None, body: str = "") -> Article:
    text = body or f"Body of {aid}."
    return Article(
        id=aid, origin=Origin(f"{aid}.txt"), text=text, nlp_text=text, body=text,
        body_spans=((0, len(text)),), paragraphs=((0, len(text)),), outlet=outlet,
        published=DateValue(published, Precision.DAY) if published else None,
    )


def plain_article(text: str, aid: str = "t1", published: str | None = "2024-05-02") -> Article:
    """An article whose whole text is body (no boilerplate, one paragraph), for extractor tests."""
    return Article(
        id=aid, origin=Origin(f"{aid}.txt"), text=text, nlp_text=text, body=text,
        body_spans=((0, len(text)),), paragraphs=((0, len(text)),),
        published=DateValue(published, Precision.DAY) if published else None,
    )


def event(aid: str, n: int, etype: str, actor: str, recipient: str | None, date: str | None = None,
          mode: str | None = None, dead: int | None = None, place: Place | None = None,
          context: tuple[str, ...] = (), quote_id: str | None = None, condition: str | None = None) -> Event:
    scale, quad = score(etype, mode)
    return Event(
        id=f"{aid}-e{n}", article_id=aid, event_type=etype, mode=mode, context=context,
        actors=(ACTORS[actor],), recipients=(ACTORS[recipient],) if recipient else (),
        start=n * 100, end=n * 100 + 90, event_text=f"{etype} sentence {n}", event_scale=scale,
        quad_code=quad, date=DateValue(date, Precision.DAY) if date else None,
        location=place, size=Casualties(dead=dead), quote_id=quote_id, condition=condition,
    )


def result(art: Article, *events: Event, quotes: tuple[Quote, ...] = ()) -> ArticleResult:
    return ArticleResult(article=art, events=tuple(events), quotes=quotes)


def quote(aid: str, n: int, text: str, speaker: str) -> Quote:
    return Quote(id=f"{aid}-q{n}", article_id=aid, kind=QuoteKind.DIRECT, text=text, start=0,
                 end=len(text), speaker=ACTORS[speaker])


def recipient_codes(nlp, text: str, event_type: str) -> set[str]:  # type: ignore[no-untyped-def]
    """Country codes of the recipients of the ``event_type`` events in ``text`` (at least one such event)."""
    from flashpoint import pipeline

    article = plain_article(text, published=None)
    found = [e for e in pipeline.analyse(article, nlp.parse(text)).events if e.event_type == event_type]
    assert found, f"no {event_type} in {text!r}"
    return {r.code for e in found for r in e.recipients if r.code}
