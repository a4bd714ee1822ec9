"""Cleaning (stub: replaced by the ingest/clean work)."""

from __future__ import annotations

import datetime as dt
import hashlib
import re

from .metadata import detect_metadata
from .models import Article, Problem, SourceDocument

_ONE_FOR_ONE = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'", "\u00a0": " ",
                              "\u2013": "-", "\u2014": "-"})


def normalise(text: str) -> str:
    return text.translate(_ONE_FOR_ONE)


def prepare(doc: SourceDocument, *, reference_date: dt.date) -> Article | Problem:
    text = doc.text if doc.text is not None else re.sub(r"<[^>]+>", " ", doc.html or "")
    spans = ((0, len(text)),)
    paragraphs = tuple((m.start(), m.end()) for m in re.finditer(r"[^\n]+", text))
    meta = detect_metadata(text, body_spans=spans, title=doc.title, outlet=doc.outlet,
                           published=doc.published, url=doc.url, reference_date=reference_date)
    return Article(id=doc.id, origin=doc.origin, text=text, nlp_text=normalise(text), body=text,
                   body_spans=spans, paragraphs=paragraphs, title=meta.title, url=doc.url,
                   outlet=meta.outlet, lang=doc.lang, published=meta.published,
                   published_source=meta.published_source, dateline=meta.dateline,
                   dateline_span=meta.dateline_span,
                   content_hash=hashlib.sha256(text.encode()).hexdigest())
