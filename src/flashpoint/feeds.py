"""RSS and Atom feeds as input: one source document per feed entry.

In: the bytes of an RSS 0.9x/1.0/2.0 or Atom file (parsed with feedparser). Out:
:class:`~flashpoint.models.SourceDocument` per entry — full content when the entry has it (``content``),
else its summary; HTML goes to ``html`` (extracted later as a fragment), plain text to ``text``. The entry
link is the URL, its published (or updated) date the publication date, the feed's title the outlet.
Entries with neither content nor summary, and files that are not feeds, are reported as problems.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from typing import Any

import feedparser

from .models import InputFormat, Origin, Problem, RunReport, Severity, SourceDocument
from .sourcedoc import document_id

_TAG = re.compile(r"<[a-zA-Z/][^>]*>")


def looks_like_feed(head: bytes) -> bool:
    """Whether the first bytes of a file are an RSS/Atom/RDF document."""
    lowered = head[:4096].lower()
    return (b"<rss" in lowered or b"<feed" in lowered or b"<rdf:rdf" in lowered) and b"<html" not in lowered


def read_feed(data: bytes, path: str, report: RunReport) -> Iterator[SourceDocument]:
    """The entries of one feed file as source documents; problems go to ``report``."""
    parsed = feedparser.parse(data)
    entries = parsed.get("entries") or []
    if not entries:
        reason = "not a readable RSS/Atom feed" if parsed.get("bozo") else "feed has no entries"
        detail = parsed.get("bozo_exception")
        reason += f": {detail}" if detail else ""
        report.add(Problem(Origin(path, None, InputFormat.FEED), reason))
        return
    outlet = (parsed.get("feed") or {}).get("title") or None
    for number, entry in enumerate(entries, 1):
        origin = Origin(path, number, InputFormat.FEED)
        body, is_html = _entry_body(entry)
        if not body:
            report.add(Problem(origin, "feed entry has neither content nor summary"))
            continue
        url = entry.get("link") or None
        if not url and _looks_like_url(entry.get("id")):
            url = entry.get("id")
        if body and not is_html and "\ufffd" in body:
            report.add(Problem(origin, "feed entry contains undecodable characters", Severity.WARNING))
        yield SourceDocument(
            id=document_id(url=url, body=body),
            origin=origin,
            text=None if is_html else body,
            html=body if is_html else None,
            title=(entry.get("title") or "").strip() or None,
            url=url,
            outlet=outlet,
            published=_entry_date(entry),
            lang=_language(entry, parsed),
        )


def _entry_body(entry: Any) -> tuple[str, bool]:
    """The fullest body of an entry and whether it is HTML (it has tags)."""
    candidates: list[tuple[str, str]] = []
    for content in entry.get("content") or []:
        candidates.append((content.get("value") or "", content.get("type") or ""))
    if not candidates or not any(v.strip() for v, _ in candidates):
        detail = entry.get("summary_detail") or {}
        candidates = [(entry.get("summary") or "", detail.get("type") or "")]
    value = max(candidates, key=lambda c: len(c[0]))[0]
    value = value.strip()
    return value, bool(_TAG.search(value))  # RSS calls every description HTML: trust the tags


def _entry_date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if isinstance(parsed, time.struct_time):
            return time.strftime("%Y-%m-%d", parsed)
    raw = entry.get("published") or entry.get("updated")
    return str(raw) if raw else None


def _language(entry: Any, parsed: Any) -> str | None:
    detail = entry.get("title_detail") or {}
    lang = detail.get("language") or (parsed.get("feed") or {}).get("language")
    return str(lang).split("-")[0].lower() if lang else "en"


def _looks_like_url(value: object) -> bool:
    return isinstance(value, str) and value.startswith(("http://", "https://"))
