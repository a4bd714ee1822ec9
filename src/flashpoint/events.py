"""PLOVER events (stub: replaced by the events work)."""

from __future__ import annotations

from .models import Article, Event, Mention, Place, Quote, TimeExpr


def extract_events(
    doc: object,
    article: Article,
    *,
    mentions: tuple[Mention, ...],
    quotes: tuple[Quote, ...],
    places: tuple[Place, ...],
    times: tuple[TimeExpr, ...],
) -> tuple[Event, ...]:
    return ()
