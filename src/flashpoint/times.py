"""Time expressions (stub: replaced by the places/time work)."""

from __future__ import annotations

from .models import Article, TimeExpr


def extract_times(doc: object, article: Article) -> tuple[TimeExpr, ...]:
    return ()
