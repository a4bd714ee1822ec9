"""Cleaning: from a source document to an :class:`~flashpoint.models.Article` ready for NLP.

In: a :class:`~flashpoint.models.SourceDocument` (text or HTML). Out: an Article, or a
:class:`~flashpoint.models.Problem` when the document has no usable body (:func:`prepare`).

* ``text``: the original input text exactly (header included) — or, for HTML, the body text extracted by
  :mod:`flashpoint.htmlbody`. Every output offset refers to it.
* ``nlp_text``: the same length as ``text``; curly quotes, dashes and odd spaces normalised one character
  for one character (:func:`normalise`), and the text header and boilerplate (:mod:`flashpoint.boilerplate`)
  blanked with spaces (newlines kept), so spaCy offsets are offsets into ``text``.
* ``body_spans``: the kept segments of ``text``; ``body``: those segments joined with newlines;
  ``paragraphs``: paragraph spans inside the body; ``content_hash``: SHA-256 of the whitespace-normalised
  body.
* Metadata (title, outlet, dateline, publication date) comes from :func:`flashpoint.metadata.detect_metadata`,
  given what the input, the text header or the HTML page stated.

:class:`OffsetMap` maps offsets between an original text and a derived one, for normalisations that are
not one character for one character (none is used today: the map of :func:`normalise` is the identity).
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .boilerplate import find_boilerplate, merge_spans
from .htmlbody import extract_page
from .metadata import detect_metadata
from .models import Article, InputFormat, Problem, SourceDocument
from .textheader import parse_header

_ONE_FOR_ONE = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u02bc", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-"),
        **dict.fromkeys("\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
                        "\u200b\u202f\u205f\u3000\ufeff\u000b\u000c", " "),
        **dict.fromkeys("\u2028\u2029\u0085", "\n"),
    }
)
_CR = re.compile(r"\r(\n?)")
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v\u00a0]*\n")
_SENTENCE_END = re.compile(r"[.!?:;\"'”’)\]]\s*$")


@dataclass(frozen=True, slots=True)
class OffsetMap:
    """Offsets between an original text and a text derived from it by replacements.

    ``anchors`` are (original offset, derived offset) pairs at the end of every replacement, sorted; the
    text between anchors maps with a constant shift. An empty map is the identity.
    """

    anchors: tuple[tuple[int, int], ...] = ()

    @property
    def is_identity(self) -> bool:
        return not self.anchors

    @classmethod
    def apply(cls, text: str, replacements: Iterable[tuple[int, int, str]]) -> tuple[str, OffsetMap]:
        """Replace ``text[start:end]`` by each replacement (non-overlapping); the new text and its map."""
        pieces: list[str] = []
        anchors: list[tuple[int, int]] = []
        pos = derived = 0
        for start, end, new in sorted(replacements):
            if start < pos:
                raise ValueError("replacements overlap")
            pieces.append(text[pos:start])
            derived += start - pos
            pieces.append(new)
            derived += len(new)
            pos = end
            if end - start != len(new):
                anchors.append((end, derived))
        pieces.append(text[pos:])
        return "".join(pieces), cls(tuple(anchors))

    def to_derived(self, offset: int) -> int:
        """The derived-text offset of an original-text offset (inside a replacement: its end)."""
        i = bisect.bisect_right([a[0] for a in self.anchors], offset) - 1
        if i < 0:
            return offset
        orig, derived = self.anchors[i]
        return derived + (offset - orig)

    def to_original(self, offset: int) -> int:
        """The original-text offset of a derived-text offset (inside a replacement: its end)."""
        i = bisect.bisect_right([a[1] for a in self.anchors], offset) - 1
        if i < 0:
            return offset
        orig, derived = self.anchors[i]
        return orig + (offset - derived)


def normalise(text: str) -> str:
    """Quotes, dashes, odd spaces and line separators normalised, one character for one character."""
    return _CR.sub(lambda m: " \n" if m.group(1) else "\n", text.translate(_ONE_FOR_ONE))


def blank(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``text`` with every character of ``spans`` except newlines replaced by a space."""
    chars = list(text)
    for start, end in spans:
        for i in range(start, end):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


def kept_segments(text: str, removed: Sequence[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """The stripped, non-empty stretches of ``text`` outside the ``removed`` spans, in order."""
    segments: list[tuple[int, int]] = []
    pos = 0
    for start, end in [*removed, (len(text), len(text))]:
        segment = _strip_span(text, pos, start)
        if segment:
            segments.append(segment)
        pos = max(pos, end)
    return tuple(segments)


def _strip_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


def paragraph_spans(text: str, body_spans: Sequence[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Paragraphs inside the body: blocks between blank lines, split at line ends unless hard-wrapped."""
    paragraphs: list[tuple[int, int]] = []
    for seg_start, seg_end in body_spans:
        pos = seg_start
        blocks: list[tuple[int, int]] = []
        for m in _BLANK_LINE.finditer(text, seg_start, seg_end):
            blocks.append((pos, m.start()))
            pos = m.end()
        blocks.append((pos, seg_end))
        for block_start, block_end in blocks:
            paragraphs.extend(_block_paragraphs(text, block_start, block_end))
    return tuple(paragraphs)


def _block_paragraphs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    lines: list[tuple[int, int]] = []
    pos = start
    while pos <= end:
        newline = text.find("\n", pos, end)
        stop = end if newline < 0 else newline
        span = _strip_span(text, pos, stop)
        if span:
            lines.append(span)
        pos = stop + 1
    if len(lines) > 1 and _is_hard_wrapped(text, lines):
        return [(lines[0][0], lines[-1][1])]
    return lines


def _is_hard_wrapped(text: str, lines: Sequence[tuple[int, int]]) -> bool:
    """Most line breaks fall inside sentences (no sentence end before, lower case or digit after)."""
    inside = 0
    for (s1, e1), (s2, _) in itertools.pairwise(lines):
        if not _SENTENCE_END.search(text[s1:e1]) and (text[s2].islower() or text[s2].isdigit()):
            inside += 1
    return inside * 2 >= len(lines) - 1


def content_hash(body: str) -> str:
    """SHA-256 of the whitespace-normalised body (same body, same hash)."""
    return hashlib.sha256(" ".join(body.split()).encode("utf-8")).hexdigest()


def prepare(doc: SourceDocument, *, reference_date: dt.date) -> Article | Problem:
    """Clean one document into an Article, or say why it cannot be (a Problem, never an exception)."""
    title, published, outlet, url = doc.title, doc.published, doc.outlet, doc.url
    removed: list[tuple[int, int]] = []
    if doc.text is not None and doc.text.strip():
        text = doc.text
        header = parse_header(text)
        if header.end:
            removed.append((0, header.end))
            title, published = title or header.title, published or header.published
            outlet, url = outlet or header.outlet, url or header.url
    elif doc.html is not None and doc.html.strip():
        page = extract_page(doc.html, doc.url, fragment=doc.origin.fmt is InputFormat.FEED)
        if page is None:
            return Problem(doc.origin, "HTML has no article body (nothing but navigation, scripts or links)")
        text = page.body
        title, published = title or page.title, published or page.published
        outlet, url = outlet or page.outlet, url or page.url
    else:
        return Problem(doc.origin, "document has no text")
    start = removed[0][1] if removed else 0
    removed = merge_spans([*removed, *find_boilerplate(text, start=start)])
    spans = kept_segments(text, removed)
    if not spans:
        return Problem(doc.origin, "nothing but boilerplate: no article body left after cleaning")
    body = "\n".join(text[s:e] for s, e in spans)
    normalised = normalise(text)  # same length: U+2028 line separators count as line breaks
    meta = detect_metadata(text, body_spans=spans, title=title, outlet=outlet, published=published, url=url,
                           reference_date=reference_date)
    return Article(
        id=doc.id,
        origin=doc.origin,
        text=text,
        nlp_text=blank(normalised, removed),
        body=body,
        body_spans=spans,
        paragraphs=paragraph_spans(normalised, spans),
        title=meta.title,
        url=url,
        outlet=meta.outlet,
        lang=doc.lang,
        published=meta.published,
        published_source=meta.published_source,
        dateline=meta.dateline,
        dateline_span=meta.dateline_span,
        content_hash=content_hash(body),
    )
