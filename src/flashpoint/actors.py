"""Actor mentions (stub: replaced by the actors work)."""

from __future__ import annotations

from .models import Article, Mention


def extract_mentions(doc: object, article: Article) -> tuple[Mention, ...]:
    return ()
