"""Recognition of date expressions: regular patterns over the article's NLP text.

In: a string (``Article.nlp_text``: same length as ``Article.text``, boilerplate blanked). Out:
:class:`Candidate` spans, longest-first and non-overlapping, each with the pattern kind and its match, for
:mod:`flashpoint.times` to resolve. Only things a news date can be are matched: month names must be
capitalised and stand in a date context ("may" the verb, "March" the verb are not months), weekdays are
whole capitalised words ("We" is not Wednesday), four-digit years are not amounts ("$2015", "1999 people").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from . import calendar as cal

_M = cal.MONTH_RE
_D = cal.DAY_RE
_Y = cal.YEAR_RE
_W = cal.WEEKDAY_RE
_PART_OF_DAY = r"(?:\s+(?:morning|afternoon|evening|night))?"
_NUM = (r"(?:\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|"
        r"twenty|thirty|forty|fifty|hundred|several|a few|few|many)")
_UNIT = r"(?:days?|weeks?|months?|years?|decades?|quarters?)"
_FULL_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_ORD = r"(?:first|second|third|fourth|1st|2nd|3rd|4th)"
_SEASON = r"(?:spring|summer|fall|autumn|winter)"
_NOT_AMOUNT_AFTER = (r"(?!\s*(?:%|percent|per cent|people|troops|soldiers|km|kilometres|kilometers|"
                     r"miles|tons|tonnes|barrels|shares|dollars|votes|seats|acres|cases|units|points|"
                     r"feet|meters|metres)\b)(?![-/.,]?\d)")


@dataclass(frozen=True, slots=True)
class Candidate:
    start: int
    end: int
    kind: str
    match: re.Match[str]


def _p(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(pattern, flags)


_WS = r"(?<![A-Za-z])"  # a pattern starts at a word start (cheap rejection inside words)
_WSN = r"(?<![A-Za-z0-9])"
_MOD = r"(?:(?:early|late|mid)[- ]?)"

# (kind, pattern) in priority order; overlapping matches are resolved longest-first, then by this order.
PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("iso", _p(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])\b")),
    ("full", _p(rf"{_WS}(?=[A-Zelm])(?:(?P<wd>{_W}),?\s+)?{_MOD}?(?P<m>{_M})\s?(?P<d>{_D})\b"
                rf"(?:,?\s*(?P<y>{_Y})\b)?{_PART_OF_DAY}")),
    ("full", _p(rf"{_WSN}(?=[A-Zt0-9])(?:(?P<wd>{_W}),?\s+)?(?:the\s+)?\b(?P<d>{_D})\s+(?:of\s+)?"
                rf"(?P<m>{_M})(?![a-z])(?:,?\s*(?P<y>{_Y})\b)?")),
    ("month_year", _p(rf"{_WS}(?=[A-Zelm])(?:(?P<mod>early|late|mid)[- ]?\s*)?(?P<m>{_M}),?\s+(?:of\s+)?"
                      rf"(?P<y>{_Y})\b")),
    ("quarter", _p(rf"{_WSN}(?:the\s+)?(?:(?P<qy>{_Y})\s+|"
                   rf"(?P<rel>this|last|next|(?:the\s+)?previous)\s+year'?s\s+|"
                   rf"(?P<ago>year-(?:earlier|ago))\s+)?(?:fiscal[- ]?)?(?P<ord>{_ORD})[- ](?:fiscal[- ])?"
                   rf"(?:quarter|period)\b(?:\s+of\s+(?:fiscal\s+)?(?:(?P<y>{_Y})|(?P<rel2>this|"
                   rf"last|next)\s+year))?", re.IGNORECASE)),
    ("quarter", _p(r"\bQ(?P<n>[1-4])(?:\s+(?P<y>(?:19|20)\d\d))?\b")),
    ("quarter_rel", _p(rf"{_WS}(?:the\s+)?(?P<rel>latest|current|last|previous|past|most recent|recent|"
                       r"same|comparable|year-earlier|year-ago|next|coming|this|final)\s+(?:fiscal\s+)?"
                       r"(?:quarter|period)\b(?:\s+a\s+year\s+(?:ago|earlier))?", re.IGNORECASE)),
    ("quarter_rel", _p(r"\bthe\s+quarter\b", re.IGNORECASE)),
    ("quarter_rel", _p(rf"\bthe\s+(?P<y>{_Y})\s+(?:fiscal\s+)?(?:quarter|period)\b", re.IGNORECASE)),
    ("half", _p(rf"{_WS}(?:the\s+)?(?P<ord>first|second)\s+half(?:\s+of\s+(?:the\s+year|"
                rf"(?:fiscal\s+)?(?P<y>{_Y})))?", re.IGNORECASE)),
    ("season", _p(rf"{_WS}(?:(?P<rel>this|last|next|the|early|late|mid)[- ]?\s*)(?:(?:early|late)\s+)?"
                  rf"(?P<s>{_SEASON})(?:\s+of\s+(?P<y>{_Y}))?\b", re.IGNORECASE)),
    ("season", _p(rf"\b(?P<s>Spring|Summer|Fall|Autumn|Winter)\s+(?P<y>{_Y})\b")),
    ("deictic", _p(r"\b(?P<w>yesterday|today|tomorrow|tonight|overnight)\b" + _PART_OF_DAY, re.IGNORECASE)),
    ("deictic", _p(r"\b(?P<w>last night)\b")),
    ("weekday", _p(rf"(?:\b(?P<rel>last|next|this|coming|past)\s+)?\b(?P<wd>{_W})\b(?:'s)?{_PART_OF_DAY}")),
    ("ago", _p(rf"\b(?:(?:about|almost|nearly|some|more than|less than|only|just)\s+)?(?P<n>{_NUM})\s+"
               rf"(?P<unit>{_UNIT})\s+(?P<dir>ago|earlier|before|later|from now|hence)\b", re.IGNORECASE)),
    ("ago", _p(r"\b(?P<dir>year-(?:earlier|ago))\b(?P<unit>)(?P<n>)", re.IGNORECASE)),
    ("span", _p(rf"\b(?:the\s+)?(?P<rel>past|last|previous|next|coming)\s+(?P<n>{_NUM})\s+(?P<unit>{_UNIT})",
                re.IGNORECASE)),
    ("unit", _p(r"\b(?:(?P<pos>earlier|later|early|late|mid|(?:the\s+)?(?:end|beginning|start|middle)\s+of)"
                r"[- ]?\s*)?(?P<rel>last|this|next|past|coming|previous|current|the\s+current|the\s+past|"
                r"the\s+previous|the\s+last|the\s+next|the\s+coming|the\s+same)\s+(?:fiscal\s+|calendar\s+)?"
                r"(?P<unit>week|month|year|decade|weekend|century)\b(?:\s+or\s+so)?", re.IGNORECASE)),
    ("unit", _p(r"\b(?P<pos>earlier|later)\s+in\s+the\s+(?P<unit>week|month|year)\b(?P<rel>)",
                re.IGNORECASE)),
    ("unit", _p(r"\b(?:(?P<pos>(?:the\s+)?(?:end|beginning|start|middle)\s+of)\s+)?the\s+"
                r"(?:full\s+|fiscal\s+)?(?P<unit>week|month|year)\b(?!\s*(?:-|before|after|earlier|ago|old))(?P<rel>)",
                re.IGNORECASE)),
    ("unit", _p(r"\b(?P<unit>year)(?:[- ]|'s\s+)end\b(?P<rel>)(?P<pos>)", re.IGNORECASE)),
    ("unit", _p(r"\b(?:over\s+|during\s+)?the\s+(?P<unit>weekend)\b(?P<rel>)(?P<pos>)", re.IGNORECASE)),
    ("spoken_year", _p(rf"{_WS}(?=[A-Za-z])(?:(?P<m>{_FULL_MONTH})\s+)?(?P<c>nineteen|twenty)[- ]"
                       r"(?P<t>ten|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
                       r"(?:[- ](?P<u>one|two|three|four|five|six|seven|eight|nine))?\b", re.IGNORECASE)),
    ("year", _p(rf"(?<![$€£#\d,.])(?:(?P<mod>fiscal|calendar|early|late|mid|the end of|the year)[- ]?\s*)?"
                rf"(?P<y>{_Y})(?P<s>'?s)?\b{_NOT_AMOUNT_AFTER}")),
    ("decade", _p(rf"{_WS}(?=[elmt'])(?:{_MOD}\s*)?(?:the\s+)?'(?P<dd>\d)0'?s\b")),
    ("decade", _p(rf"\b(?:{_MOD}\s*)?the\s+(?P<dw>twenties|thirties|forties|fifties|sixties|"
                  r"seventies|eighties|nineties)\b", re.IGNORECASE)),
    ("century", _p(r"\b(?:the\s+)?(?P<c>1[0-9]|2[01])(?:st|nd|rd|th)[- ]century\b", re.IGNORECASE)),
    ("holiday", _p(r"\b(?:(?P<rel>last|next|this)\s+)?(?P<h>Thanksgiving|Christmas|New Year's)"
                   r"(?:\s+(?:Day|Eve))?\b")),
    ("present", _p(r"\b(?:now|currently|nowadays|these days|at present|at the moment|the present)\b",
                   re.IGNORECASE)),
    ("past", _p(r"\b(?:recently|in the past|formerly|lately|(?:several|many|a few) years ago|"
                r"recent (?:years|months|weeks|decades))\b", re.IGNORECASE)),
    ("future", _p(r"\b(?<=in )(?:the\s+)?(?:near\s+|distant\s+)?future\b", re.IGNORECASE)),
    ("month", _p(rf"{_WS}(?=[A-Zelmnt])(?:(?P<mod>early|late|mid|last|next|this)[- ]?\s*)?\b"
                 rf"(?P<m>{_FULL_MONTH})\b(?!\s*\d)")),
)
_MONTH_CONTEXT = re.compile(r"(?:\b(?:in|since|until|till|by|during|from|to|through|of|before|after|"
                            r"last|next|this|early|late|mid|between|and|or|throughout|around)[- ]?\s*)$",
                            re.IGNORECASE)
_AMBIGUOUS_MONTHS = {"May", "March", "June", "August"}  # also a verb, a modal or a given name


# Words without which a kind cannot match: its patterns are skipped on texts that lack them (speed).
_GATES: dict[str, tuple[str, ...]] = {
    "quarter": ("quarter", "period", "q1", "q2", "q3", "q4"), "quarter_rel": ("quarter", "period"),
    "half": ("half",), "season": ("spring", "summer", "fall", "autumn", "winter"),
    "spoken_year": ("nineteen", "twenty"), "century": ("century",), "decade": ("0s", "ties"),
    "holiday": ("thanksgiving", "christmas", "new year"), "future": ("future",),
    "ago": ("ago", "earlier", "before", "later", "from now", "hence"), "iso": ("-",),
}


# More such words, checked against the text lower-cased with the few non-ASCII letters that case-insensitive
# matching equates with ASCII ones ("ı", "ſ", the dot of "İ") mapped to them: whenever a pattern matches, one
# of its words is in that text, so skipping the pattern changes nothing.
_WORD_GATES: dict[str, tuple[str, ...]] = {
    "unit": ("week", "month", "year", "decade", "century"),
    "span": ("day", "week", "month", "year", "decade", "quarter"),
    "deictic": ("yesterday", "today", "tomorrow", "tonight", "overnight", "last night"),
    "weekday": ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
    **dict.fromkeys(("full", "month_year", "month"), (
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")),
}
_CASELESS_TWINS = str.maketrans({"ı": "i", "ſ": "s", "\u0307": None})


def find_candidates(text: str) -> list[Candidate]:
    """Every date-like span in ``text``, longest first among overlapping ones, in text order."""
    found: list[tuple[int, int, int, Candidate]] = []
    lowered = text.lower()
    folded = lowered.translate(_CASELESS_TWINS) if not lowered.isascii() else lowered
    for priority, (kind, pattern) in enumerate(PATTERNS):
        gate = _GATES.get(kind)
        if gate and not any(word in lowered for word in gate):
            continue
        words = _WORD_GATES.get(kind)
        if words and not any(word in folded for word in words):
            continue
        for match in pattern.finditer(text):
            if match.end() <= match.start() or not _acceptable(kind, match, text):
                continue
            start, end = _trim(text, match.start(), match.end())
            found.append((start, end, priority, Candidate(start, end, kind, match)))
    found.sort(key=lambda item: (-(item[1] - item[0]), item[2], item[0]))
    taken: list[Candidate] = []
    for start, end, _, cand in found:
        if any(start < other.end and other.start < end for other in taken):
            continue
        taken.append(cand)
    return sorted(taken, key=lambda c: c.start)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1] in " \t\n,":
        end -= 1
    word = re.search(r"([A-Za-z]+)\.$", text[start:end])
    if word and len(word.group(1)) > 4:  # "January." ends a sentence; "Sept." is an abbreviation
        end -= 1
    return start, end


def _acceptable(kind: str, match: re.Match[str], text: str) -> bool:
    if kind == "month":
        month = match.group("m")
        if match.group("mod"):
            return True
        before = text[max(0, match.start() - 25):match.start()]
        if _MONTH_CONTEXT.search(before):
            return True
        return month not in _AMBIGUOUS_MONTHS and _sentence_internal(text, match.start())
    if kind == "present" and match.group(0) == "Now" and _sentence_internal(text, match.start()):
        return not re.match(r"[ \t]+[A-Z]", text[match.end():match.end() + 2])  # "in Now Zad": a name
    if kind == "year":
        before = text[max(0, match.start() - 12):match.start()]
        return not re.search(r"(?:No\.|number|\$|US\$|Rs\.?|page|Flight|flight|Route|route|"
                             r"Highway|#)\s*$", before)
    return True


def _sentence_internal(text: str, start: int) -> bool:
    """Whether the word at ``start`` is inside a sentence (not its first word)."""
    before = text[max(0, start - 3):start].rstrip()
    return bool(before) and before[-1] not in ".!?\n\"'"


def iter_kinds() -> Iterator[str]:
    """The pattern kinds, for documentation and tests."""
    seen: set[str] = set()
    for kind, _ in PATTERNS:
        if kind not in seen:
            seen.add(kind)
            yield kind
