"""The optional header at the top of a plain-text article.

In: the text of a ``.txt`` input (or a JSONL ``text``). Out: a :class:`TextHeader` — the metadata the header
gives (title, published date, outlet, url, author, dateline) and the span of ``text`` the header occupies,
so that cleaning can keep it out of the body without moving any offsets.

Two header forms are recognised:

* ``key: value`` lines with known keys (``title``, ``date``/``published``, ``outlet``/``source``, ``url``,
  ``author``, ``dateline``), one per line at the very top, ended by a blank line or the first other line;
* a leading ``date YYYY-MM-DD`` marker, on its own line or inline before the first words of the body
  (possibly preceded by spaces).

The parser never raises: anything it does not recognise is body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

KEY_ALIASES: dict[str, str] = {
    "title": "title",
    "headline": "title",
    "date": "published",
    "published": "published",
    "pubdate": "published",
    "publication date": "published",
    "outlet": "outlet",
    "source": "outlet",
    "publisher": "outlet",
    "url": "url",
    "link": "url",
    "author": "author",
    "byline": "author",
    "by": "author",
    "dateline": "dateline",
}
MAX_HEADER_LINES = 12
MAX_VALUE_CHARS = 500
_KEY_LINE = re.compile(r"[ \t]*([A-Za-z][A-Za-z ]{0,20}?)[ \t]*:[ \t]*(\S[^\n]*?)?[ \t]*(?:\n|$)")
_DATE_MARKER = re.compile(
    r"[ \t]*date[ \t]*[:=]?[ \t]*(\d{4}-\d{1,2}-\d{1,2}(?:[T ]\d{1,2}:\d{2}(?::\d{2})?\S*)?)(?=\s|$)[ \t]*",
    re.IGNORECASE,
)
_BLANK_LINE = re.compile(r"[ \t]*\n")


@dataclass(frozen=True, slots=True)
class TextHeader:
    """What a text header says and where it is. ``end`` is 0 when there is no header."""

    fields: dict[str, str] = field(default_factory=dict)
    end: int = 0  # the header occupies text[:end] (the body starts at the first non-space after it)

    @property
    def title(self) -> str | None:
        return self.fields.get("title")

    @property
    def published(self) -> str | None:
        return self.fields.get("published")

    @property
    def outlet(self) -> str | None:
        return self.fields.get("outlet")

    @property
    def url(self) -> str | None:
        return self.fields.get("url")

    @property
    def author(self) -> str | None:
        return self.fields.get("author")

    @property
    def dateline(self) -> str | None:
        return self.fields.get("dateline")


def parse_header(text: str) -> TextHeader:
    """The header at the top of ``text`` (an empty header when there is none)."""
    fields: dict[str, str] = {}
    pos = 0
    marker = _DATE_MARKER.match(text)
    if marker:
        fields["published"] = marker.group(1)
        pos = marker.end()
        if not text.startswith("\n", pos):
            return TextHeader(fields, pos)  # inline marker: the body follows on the same line
        pos += 1
    start = pos
    for _ in range(MAX_HEADER_LINES):
        m = _KEY_LINE.match(text, pos)
        if not m:
            break
        key = KEY_ALIASES.get(" ".join(m.group(1).lower().split()))
        value = (m.group(2) or "").strip()
        if key is None or len(value) > MAX_VALUE_CHARS or (key == "url" and " " in value):
            break
        if value:
            fields.setdefault(key, value)
        pos = m.end()
    if not fields:
        return TextHeader()
    blank = _BLANK_LINE.match(text, pos)
    if blank:
        pos = blank.end()
    elif pos > start and pos < len(text) and not _looks_like_body_start(fields):
        return TextHeader()
    return TextHeader(fields, pos)


def _looks_like_body_start(fields: dict[str, str]) -> bool:
    """A header not ended by a blank line still counts when it has two keys or a date/url key."""
    return len(fields) >= 2 or "published" in fields or "url" in fields
