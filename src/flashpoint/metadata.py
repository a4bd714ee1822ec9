"""Article metadata (stub: replaced by the dates work): title, outlet, dateline, publication date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .models import DateValue, Precision


@dataclass(frozen=True, slots=True)
class ArticleMetadata:
    title: str | None = None
    outlet: str | None = None
    dateline: str | None = None
    dateline_span: tuple[int, int] | None = None
    published: DateValue | None = None
    published_source: str | None = None


def detect_metadata(
    text: str,
    *,
    body_spans: tuple[tuple[int, int], ...],
    title: str | None = None,
    outlet: str | None = None,
    published: str | None = None,
    url: str | None = None,
    reference_date: dt.date,
) -> ArticleMetadata:
    """Title, outlet, dateline and publication date of one article (explicit metadata first)."""
    value = DateValue(published, Precision.DAY) if published else None
    return ArticleMetadata(title=title, outlet=outlet, published=value,
                           published_source="metadata" if value else None)
