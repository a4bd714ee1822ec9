"""Toponyms (stub: replaced by the places/time work)."""

from __future__ import annotations

from .models import Article, Place


def extract_places(doc: object, article: Article) -> tuple[Place, ...]:
    return ()
