"""Quotation marks: which stretches of an article's text stand between quotation marks.

In: ``Article.text`` (to tell curly opening from closing marks) and ``Article.nlp_text`` (curly marks
normalised to straight ones; same length). Out: content spans ``(start, end)`` between paired marks.
Handles straight and curly, double and single marks, two apostrophes used as a double mark, quotes running
over several paragraphs (each re-opened with a mark and closed once at the end), nested quotes (kept
inside the outer one) and apostrophes that are not quotes (``nations'``, ``don't``, ``'90s``). Also small
text helpers shared with :mod:`flashpoint.quotes`: sentence and clause boundaries that respect
abbreviations ("Sen.", "Mr."), and a check for titles in quotation marks.
"""

from __future__ import annotations

import re

_OPEN_BEFORE = set(" \t\n([{-/\u2014\u2013:;,") | {""}
CLAUSE_END = re.compile(r"[.!?](?=\s)|\n|\"|''")
ABBREVIATION = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Capt|Sgt|St|Jr|Sr|Prof|Rev|Hon|No|Vol|Inc|Corp|Co|Ltd|"
    r"Jan|Feb|Aug|Sept?|Oct|Nov|Dec|[A-Z])|\b(?:[A-Z]\.)+[A-Z]?)\.$"
)
SIGNATURE = re.compile(
    r"[ \t]*[-\u2015\u2014]{1,2}[ \t]*([A-Z][\w.'-]*(?: [A-Z][\w.'-]*){1,3}?)\.?[ \t]*(?:\n|$)"
)
SENTENCE_BREAK = re.compile(r"[.!?][\"']?\s+(?=[\"'A-Z])|\n")
_ELISIONS = re.compile(r"'(?:\d0s|\d\ds?\b|em\b|til\b|n\b|cause\b|tis\b|twas\b)", re.IGNORECASE)


# ---------------------------------------------------------------------------------------------------
# quotation marks


def title_like(content: str) -> bool:
    """Short text whose content words are all capitalised: a title, show or book name."""
    words = re.findall(r"[A-Za-z][\w'-]*", content)
    if not words or len(words) > 8:
        return False
    long_words = [w for w in words if len(w) >= 4]
    return (
        bool(long_words)
        and all(w[0].isupper() for w in long_words)
        and all(w[0].isupper() for w in words[:1])
    )


def _double_marks(text: str, nlp_text: str) -> list[tuple[int, int, str]]:
    """Double quotation marks as (position, width, open|close|either); two apostrophes count as one mark."""
    marks: list[tuple[int, int, str]] = []
    i = 0
    while i < len(nlp_text):
        ch = nlp_text[i]
        width = 2 if nlp_text.startswith("''", i) else 1
        if ch != '"' and width == 1:
            i += 1
            continue
        orig = text[i]
        before = nlp_text[i - 1] if i else ""
        after = nlp_text[i + width] if i + width < len(nlp_text) else ""
        if width == 1 and orig in "\u201c\u201e\u00ab":
            marks.append((i, width, "OPEN"))  # upper case: the mark itself says which way it faces
        elif width == 1 and orig in "\u201d\u00bb" and not (before in _OPEN_BEFORE and after.isalnum()):
            marks.append((i, width, "CLOSE"))
        elif width == 1 and orig == "\u201d":
            marks.append((i, width, "open"))  # a closing mark typed at the start of a quote (\u201dWe will)
        elif before in _OPEN_BEFORE and after not in {"", " ", "\n", "\t"}:
            marks.append((i, width, "open"))
        elif before not in _OPEN_BEFORE:
            marks.append((i, width, "close"))
        else:
            marks.append((i, width, "either"))
        i += width
    return marks


def _pair(marks: list[tuple[int, int, str]], nlp_text: str) -> list[tuple[int, int]]:
    """Pair open/close marks; a paragraph that re-opens an unclosed quote continues it, and a curly quote
    opened inside a curly quote is nested in it (only the outer one is kept)."""
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    open_explicit = False
    depth = 0
    last_open = 0
    for pos, width, kind in marks:
        if open_at is not None and "\n" in nlp_text[last_open:pos]:
            reopens = kind.lower() in {"open", "either"} and nlp_text[:pos].rstrip(" \t").endswith("\n")
            if reopens and depth == 0 and _ends_like_sentence(nlp_text[last_open:pos]):
                last_open = pos  # multi-paragraph quote: the new paragraph re-opens it
                continue
            open_at, depth = None, 0
        if kind == "OPEN" and open_at is not None and open_explicit:
            depth += 1
        elif kind.lower() == "open" or (kind == "either" and open_at is None):
            open_at, last_open, open_explicit = pos + width, pos, kind == "OPEN"
        elif open_at is not None and depth > 0:
            depth -= 1
        elif open_at is not None:
            if pos > open_at:
                spans.append((open_at, pos))
            open_at = None
    return spans


def _ends_like_sentence(chunk: str) -> bool:
    return chunk.rstrip().endswith((".", "?", "!", ":", "-", "\u2026"))


def _single_spans(text: str, nlp_text: str, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    opens: list[int] = []
    closes: list[int] = []
    for i, ch in enumerate(nlp_text):
        if ch != "'" or nlp_text.startswith("''", i) or (i and nlp_text[i - 1] == "'"):
            continue
        before = nlp_text[i - 1] if i else ""
        after = nlp_text[i + 1] if i + 1 < len(nlp_text) else ""
        if before.isalnum() and after.isalnum():
            continue  # contraction
        if before in _OPEN_BEFORE and (after.isalpha() or after in '"'):
            if _ELISIONS.match(nlp_text, i) or text[i] == "\u2019":
                continue
            opens.append(i)
        elif before.strip() and after in {"", " ", "\t", "\n", ".", ",", ";", ":", "?", "!", ")", '"'}:
            closes.append(i)
    for o in opens:
        if any(s <= o < e for s, e in taken + spans):
            continue
        para_end = nlp_text.find("\n", o)
        para_end = len(nlp_text) if para_end < 0 else para_end
        cands = [c for c in closes if o < c < min(para_end, o + 400)]
        if not cands:
            continue
        # a possessive ("nations' resolve") is skipped when a later closing mark is available
        chosen = cands[0]
        for c in cands:
            possessive = nlp_text[c - 1] == "s" and re.match(r"' [a-z]", nlp_text[c : c + 3]) is not None
            chosen = c
            if not possessive:
                break
        if chosen - o > 1:
            spans.append((o + 1, chosen))
    return spans


def find_marked_spans(text: str, nlp_text: str) -> list[tuple[int, int]]:
    """Content spans between quotation marks (not nested ones), in text order."""
    doubles = _pair(_double_marks(text, nlp_text), nlp_text)
    singles = _single_spans(text, nlp_text, doubles)
    # a single-quoted span that crosses a double-quoted one is not a quote; one that holds it is the outer
    singles = [
        (s, e) for s, e in singles if not any(s < ds < e < de or ds < s < de < e for ds, de in doubles)
    ]
    spans = sorted(doubles + singles, key=lambda span: (span[0], -span[1]))
    outer: list[tuple[int, int]] = []
    for start, end in spans:
        if outer and start < outer[-1][1]:
            continue  # nested inside the previous quote
        outer.append((start, end))
    return outer


def clause_end(text: str, pos: int, limit: int = 200) -> int:
    """End of the attribution clause starting at ``pos``: the next sentence end, line break or quote mark."""
    for m in CLAUSE_END.finditer(text, pos, min(len(text), pos + limit)):
        if m.group() == "." and ABBREVIATION.search(text, max(0, m.start() - 6), m.end()):
            continue
        return m.end()
    return min(len(text), pos + limit)


def sentence_start(text: str, pos: int, limit: int = 600) -> int:
    """Start of the sentence holding ``pos``: after the last sentence end or line break before it."""
    lo = max(0, pos - limit)
    best = lo
    for m in SENTENCE_BREAK.finditer(text, lo, pos):
        if m.group().startswith(".") and ABBREVIATION.search(text, max(0, m.start() - 6), m.start() + 1):
            continue
        best = m.end()
    return best
