"""Time expressions: recognise date expressions in an article and resolve them against its publication date.

In: the spaCy Doc of ``Article.nlp_text`` and the :class:`~flashpoint.models.Article` (its ``published``
date is the anchor). Out: :class:`~flashpoint.models.TimeExpr` records (offsets into ``Article.text``) with
TimeML-style values: ``2024-03-21`` (day), ``2024-03`` (month), ``2024-W12`` (week), ``2024-Q1`` (quarter;
half years ``2024-H1`` and seasons ``2024-SU`` also carry quarter precision), ``2024`` (year), ``199X``
(decade), ``2014/2024`` (range). "now"/"currently" resolve to the publication date; "recently", "in the
past", "the future" and everything relative in an undated article have ``value=None``.

Rules: a weekday is the latest such day on or before the publication date ("on Wednesday" in a Wednesday
article is that day) unless the clause is in the future tense; a month/day without a year takes the year
that puts it nearest to the publication date (restricted by tense); "a year ago" next to a quarter is that
quarter a year earlier. :func:`date_for_span` gives events the date of the time expression in their clause.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from typing import Any

from . import calendar as cal
from .models import Article, DateValue, Precision, Provenance, TimeExpr
from .timexes import Candidate, find_candidates

VERSION = "1"
_RELATIVE = "times/relative"
_ABSOLUTE = "times/absolute"
_DATELINE = "times/dateline"  # the article's own date in its dateline or header: never an event's date
_DATE_MARKER = re.compile(r"\A\s*date:?\s+(?P<date>\d{4}-\d{2}-\d{2})\b", re.IGNORECASE)  # header line
_DATELINE_CONTEXT = re.compile(r"\(\s*$|^\s*date:?\s*$", re.IGNORECASE)
_HEADER_CONTEXT = re.compile(r"\bUpdate,?\s*$|^\s*(?:date|published|posted|updated):?\s*$",
                             re.IGNORECASE | re.MULTILINE)
_FUTURE_CUES = re.compile(r"\b(?:will|shall|'ll|plans? to|planned|scheduled|expected to|due to|is to|are to|"
                          r"set to|intends? to|going to|would)\b", re.IGNORECASE)
_FUTURE_HEADS = {"plan", "schedule", "expect", "set", "due", "intend", "hope", "aim", "prepare", "agree"}
_FUTURE_VERBS = {"schedule", "set", "due", "expect", "postpone", "delay", "adjourn", "defer"}
_DEFER_VERBS = {"postpone", "delay", "adjourn", "defer", "extend", "suspend", "recess"}
_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}
Resolved = tuple[str | None, Precision | None, bool]  # value, precision, relative to the publication date


def extract_times(doc: Any, article: Article, *, use_entities: bool = False) -> tuple[TimeExpr, ...]:
    """Every date expression in the article's body, resolved against ``article.published``."""
    anchor = _anchor(article)
    text = article.nlp_text
    found: list[TimeExpr] = []
    quarter_context: list[tuple[int, str]] = []
    candidates = find_candidates(text)
    dated = [] if anchor else _explicit_dates(candidates)
    for cand in candidates:
        if not _in_body(article, cand.start, cand.end):
            continue
        tense = _tense(doc, cand.start, cand.end, text)
        value, precision, relative = _resolve(cand, anchor, tense, quarter_context)
        if value is None and dated and cand.kind in ("full", "month"):
            preceding = [item for item in dated if item[0] < cand.start]
            nearest = (preceding[-1] if preceding else dated[0])[1]
            value, precision, _ = _resolve(cand, nearest, tense, quarter_context)
        if value is not None and not cal.is_valid_value(value):
            value, precision = None, None
        if precision is Precision.QUARTER and value and "-Q" in value and _primary_quarter(cand):
            quarter_context.append((cand.start, value))
        record = _record(article, cand.start, cand.end, value, precision, relative)
        if _is_dateline(text, cand, record, article):
            marked = Provenance(article.id, cand.start, cand.end, _DATELINE, VERSION)
            record = replace(record, provenance=marked)
        found.append(record)
    marker = _DATE_MARKER.match(article.text)
    if marker and not any(t.start < marker.end("date") and marker.start("date") < t.end for t in found):
        start, end = marker.span("date")
        value = marker.group("date") if cal.is_valid_value(marker.group("date")) else None
        found.append(TimeExpr(article.id, article.text[start:end], start, end, value,
                              Precision.DAY if value else None,
                              Provenance(article.id, start, end, _DATELINE, VERSION)))
    if use_entities and doc is not None:
        found.extend(_entity_extras(doc, article, found))
    return tuple(sorted(found, key=lambda t: t.start))


def _primary_quarter(cand: Candidate) -> bool:
    """A quarter named in its own right (not "the year-ago quarter"), usable as context for later ones."""
    matched = cand.match.group(0).lower()
    if cand.kind == "quarter":
        return "year-" not in matched
    return cand.kind == "quarter_rel" and not re.search(r"same|comparable|year-|a year", matched)


def date_for_span(times: tuple[TimeExpr, ...], article: Article, start: int, end: int,
                  anchor: int | None = None, *, context_start: int | None = None,
                  inherit: bool = True) -> DateValue | None:
    """The date of an event expressed in text span [start, end): the resolved time expression inside the
    span nearest to ``anchor`` (the trigger offset; else the span start). With ``context_start`` (say, the
    start of the paragraph) a span without one inherits the last day-precise expression between
    ``context_start`` and ``start`` ("In Kunduz last night, a force raided a compound. It detained two men.");
    by default (``inherit``) ``context_start`` is the start of the paragraph holding the span, and a
    paragraph with no such expression takes the article's first one (the lead's date: in releases that
    give every sentence its own paragraph the story goes on after the lead). None when there is none
    (the caller falls back to the publication date)."""
    point = anchor if anchor is not None else start
    if context_start is None and inherit:
        context_start = next((p_start for p_start, p_end in article.paragraphs
                              if p_start <= start < p_end), None)
    usable = [t for t in times if t.value and t.precision and "/" not in t.value
              and not (t.provenance and t.provenance.extractor == _DATELINE)]
    inside = [t for t in usable if start <= t.start and t.end <= end]
    if inside:
        best = min(inside, key=lambda t: (t.text.lower() == "overnight",
                                          min(abs(t.start - point), abs(t.end - point)), t.start))
    elif context_start is not None:
        day_precise = [t for t in usable if t.precision is Precision.DAY and t.end <= start]
        before = [t for t in day_precise if context_start <= t.start]
        if before:
            best = max(before, key=lambda t: t.start)
        elif day_precise and inherit:
            best = min(day_precise, key=lambda t: t.start)  # the lead's date: the story goes on
        else:
            return None
    else:
        return None
    relative = best.provenance is not None and best.provenance.extractor == _RELATIVE
    inferred = relative and article.published is not None and article.published.year_inferred
    assert best.value is not None and best.precision is not None
    return DateValue(best.value, best.precision, year_inferred=inferred)


def _explicit_dates(candidates: list[Candidate]) -> list[tuple[int, dt.date]]:
    """(offset, date) of the expressions that state a year and a month, for undated articles: a year-less
    "2 January" then takes its year from the last of them before it, else the first after it
    ("December 2022" -> 2023-01-02)."""
    found = []
    for cand in candidates:
        if cand.kind not in ("iso", "full", "month_year") or not cand.match.group("y"):
            continue
        value, _, _ = _resolve(cand, None, None, [])
        if value and len(value) >= 7:
            found.append((cand.start, dt.date(int(value[:4]), int(value[5:7]), min(int(value[8:10] or 15), 28)
                                              if len(value) == 10 else 15)))
    return found


def _is_dateline(text: str, cand: Candidate, record: TimeExpr, article: Article) -> bool:
    """Whether the expression is the article's own date as its dateline or header states it (a release
    header "Operational Update, Jan. 5, 2011" counts even when it differs from the dateline by a day)."""
    if cand.start > 1500 or cand.kind not in ("iso", "full") or record.value is None:
        return False
    before = text[max(0, cand.start - 30):cand.start]
    if _HEADER_CONTEXT.search(before):
        return True
    if article.published is None or record.value[5:10] != article.published.value[5:10]:
        return False
    after = text[cand.end:cand.end + 30]
    return bool(_DATELINE_CONTEXT.search(before) or re.match(r"\s*(?:\)|\([A-Z][\w .&/-]*\)|:\s)", after)
                or not before.strip())


def _anchor(article: Article) -> dt.date | None:
    published = article.published
    if published is None or published.precision is not Precision.DAY:
        return None
    try:
        return dt.date.fromisoformat(published.value[:10])
    except ValueError:
        return None


def _in_body(article: Article, start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in article.body_spans) if article.body_spans else True


def _record(article: Article, start: int, end: int, value: str | None, precision: Precision | None,
            relative: bool) -> TimeExpr:
    return TimeExpr(article_id=article.id, text=article.text[start:end], start=start, end=end, value=value,
                    precision=precision,
                    provenance=Provenance(article.id, start, end, _RELATIVE if relative else _ABSOLUTE,
                                          VERSION))


def _entity_extras(doc: Any, article: Article, found: list[TimeExpr]) -> list[TimeExpr]:
    extras = []
    for ent in getattr(doc, "ents", ()):
        if ent.label_ != "DATE" or any(ent.start_char < t.end and t.start < ent.end_char for t in found):
            continue
        if _in_body(article, ent.start_char, ent.end_char) and re.search(r"[A-Za-z]", ent.text):
            extras.append(_record(article, ent.start_char, ent.end_char, None, None, True))
    return extras


# ---------------------------------------------------------------------------------------------------------
# tense of the clause around an expression


def _tense(doc: Any, start: int, end: int, text: str) -> str | None:
    """"future", "past" or None for the clause governing the span at [start, end)."""
    span = doc.char_span(start, end, alignment_mode="expand") if doc is not None else None
    if span is None or len(span) == 0:
        window = text[max(0, start - 60):start]
        return "future" if _FUTURE_CUES.search(window) else None
    token = span.root
    for _ in range(4):
        if token.pos_ in ("VERB", "AUX") or token.head is token:
            break
        token = token.head
    before = text[max(0, start - 12):start].lower()
    if re.search(r"\b(?:until|till|by)\s+(?:on\s+)?$", before) and token.lemma_ in _DEFER_VERBS:
        return "future"
    for _ in range(3):
        auxes = [c for c in token.children if c.dep_ in ("aux", "auxpass")]
        if any(a.lower_ in ("will", "shall", "'ll", "wo", "would") for a in auxes) \
                or token.lemma_ in _FUTURE_VERBS or (token.lemma_ in _FUTURE_HEADS and token.tag_ != "VBD"):
            return "future"
        if token.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
            return "past"
        if token.tag_ == "VB" and any(a.lower_ == "to" for a in auxes) and token.head is not token:
            if token.head.lemma_ in _FUTURE_HEADS or (token.head.lemma_ == "be" and token.head.tag_ != "VBD"):
                return "future"
            token = token.head
            continue
        break
    return None


# ---------------------------------------------------------------------------------------------------------
# resolution


def _resolve(cand: Candidate, anchor: dt.date | None, tense: str | None,
             quarters: list[tuple[int, str]]) -> Resolved:
    g = {k: v for k, v in cand.match.groupdict().items() if v is not None}
    kind = cand.kind
    if kind in ("iso", "full", "month_year", "month"):
        return _resolve_calendar(kind, g, anchor, tense)
    if kind == "year":
        year = int(g["y"])
        if g.get("s"):
            return cal.decade_value(year), Precision.DECADE, False
        return f"{year:04d}", Precision.YEAR, False
    if kind == "spoken_year":
        tens = ["ten", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
        units = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
        year = (19 if g["c"].lower() == "nineteen" else 20) * 100 + 10 * (tens.index(g["t"].lower()) + 1) \
            + (units.index(g["u"].lower()) + 1 if g.get("u") else 0)
        month = cal.month_number(g["m"]) if g.get("m") else None
        return (cal.iso_month(year, month), Precision.MONTH, False) if month else \
            (f"{year:04d}", Precision.YEAR, False)
    if kind == "decade":
        digit = int(g["dd"]) if g.get("dd") else cal.DECADE_WORDS[g["dw"].lower()]
        century = 19 if anchor is None or digit * 10 > anchor.year % 100 else anchor.year // 100
        return f"{century:02d}{digit}X", Precision.DECADE, False
    if kind == "century":
        return f"{int(g['c']) - 1:02d}", Precision.DECADE, False
    if kind == "holiday":
        return _resolve_holiday(g, cand.match.group(0), anchor, tense)
    if kind == "present":
        return (anchor.isoformat(), Precision.DAY, True) if anchor else (None, None, True)
    if kind in ("past", "future"):
        return None, None, True
    if anchor is None:
        return _resolve_without_anchor(kind, g)
    if kind == "deictic":
        word = g["w"].lower()
        shift = {"yesterday": -1, "last night": -1, "overnight": -1, "tomorrow": 1}.get(word, 0)
        return (anchor + dt.timedelta(days=shift)).isoformat(), Precision.DAY, True
    if kind == "weekday":
        return _resolve_weekday(g, anchor, tense)
    if kind in ("quarter", "quarter_rel", "half"):
        return _resolve_quarter(kind, g, anchor, quarters, cand.start, cand.match.group(0).lower())
    if kind == "season":
        return _resolve_season(g, anchor)
    if kind == "ago":
        return _resolve_ago(g, anchor, quarters, cand.start)
    if kind == "span":
        return _resolve_span(g, anchor)
    if kind == "unit":
        return _resolve_unit(g, anchor, tense)
    return None, None, True


def _resolve_without_anchor(kind: str, g: dict[str, str]) -> Resolved:
    if kind in ("quarter", "half", "season") and g.get("y") and not g.get("rel"):
        year = int(g["y"])
        if kind == "season":
            return f"{year:04d}-{cal.SEASONS[g['s'].lower()]}", Precision.QUARTER, False
        number = _ordinal(g.get("ord")) or int(g.get("n", "1"))
        label = "H" if kind == "half" else "Q"
        return f"{year:04d}-{label}{number}", Precision.QUARTER, False
    return None, None, True


def _resolve_calendar(kind: str, g: dict[str, str], anchor: dt.date | None, tense: str | None) -> Resolved:
    month = cal.month_number(g["m"]) if not g["m"].isdigit() else int(g["m"])
    if month is None:
        return None, None, False
    day = cal.day_number(g["d"]) if g.get("d") else None
    year = int(g["y"]) if g.get("y") else None
    relative = year is None
    mod = (g.get("mod") or "").lower()
    if year is None:
        if anchor is None:
            return None, None, True
        if mod == "last":
            year = anchor.year if month < anchor.month else anchor.year - 1
        elif mod == "next":
            year = anchor.year if month > anchor.month else anchor.year + 1
        elif mod == "this":
            year = anchor.year
        else:
            year = cal.nearest_year(month, day, anchor, tense)
    if day is not None:
        if cal.make_date(year, month, day) is None:
            return None, None, relative
        return cal.format_partial(cal.PartialDate(year, month, day)), Precision.DAY, relative
    return cal.iso_month(year, month), Precision.MONTH, relative


def _resolve_holiday(g: dict[str, str], matched: str, anchor: dt.date | None, tense: str | None) -> Resolved:
    """Fixed-date and rule-based holidays: Christmas (Dec 25, Eve 24), New Year's (Jan 1, Eve Dec 31),
    Thanksgiving (US: fourth Thursday of November)."""
    if anchor is None:
        return None, None, True
    name = g["h"].lower()
    eve = matched.lower().endswith("eve")
    rel = (g.get("rel") or "").lower()
    month = 11 if name == "thanksgiving" else 12 if name == "christmas" or eve else 1
    if rel == "last":
        tense = "past"
    elif rel == "next":
        tense = "future"
    year = cal.nearest_year(month, 25 if month == 11 else 1, anchor, tense) if month != 12 or not eve \
        else cal.nearest_year(12, 31, anchor, tense)
    if name == "thanksgiving":
        first = dt.date(year, 11, 1)
        day = cal.weekday_on_or_after(first, 3) + dt.timedelta(weeks=3)
    elif name == "christmas":
        day = dt.date(year, 12, 24 if eve else 25)
    else:
        day = dt.date(year, 12, 31) if eve else dt.date(year, 1, 1)
    return day.isoformat(), Precision.DAY, True


def _resolve_weekday(g: dict[str, str], anchor: dt.date, tense: str | None) -> Resolved:
    weekday = cal.weekday_number(g["wd"])
    if weekday is None:
        return None, None, True
    rel = (g.get("rel") or "").lower()
    if rel == "next" or rel == "coming" or (tense == "future" and rel not in ("last", "past")):
        when = cal.weekday_on_or_after(anchor, weekday)
        if rel == "next" and when == anchor:
            when += dt.timedelta(days=7)
    else:
        when = cal.weekday_on_or_before(anchor, weekday)
        if rel in ("last", "past") and when == anchor:
            when -= dt.timedelta(days=7)
    return when.isoformat(), Precision.DAY, True


def _ordinal(word: str | None) -> int | None:
    return cal.ORDINALS.get(word.lower()) if word else None


def _resolve_quarter(kind: str, g: dict[str, str], anchor: dt.date, quarters: list[tuple[int, str]],
                     start: int, matched: str) -> Resolved:
    year = int(g.get("y") or g.get("qy") or anchor.year)
    rel = (g.get("rel") or g.get("rel2") or "").lower().replace("the ", "").strip()
    if rel in ("last", "previous"):
        year -= 1
    elif rel == "next":
        year += 1
    if kind == "half":
        return f"{year:04d}-H{_ordinal(g.get('ord')) or 1}", Precision.QUARTER, not g.get("y")
    if g.get("ago"):
        year -= 1
    number = _ordinal(g.get("ord")) or (int(g["n"]) if g.get("n") else None)
    if number is not None:
        return cal.iso_quarter(year, number), Precision.QUARTER, not (g.get("y") or g.get("qy"))
    current = (anchor.year, cal.quarter_of(anchor))
    latest = cal.shift_quarter(*current, -1)
    recent = [value for offset, value in quarters if start - offset < 2000]
    text = g.get("rel", "").lower()
    if g.get("y"):  # "the 1988 quarter": the quarter under discussion, in that year
        return cal.iso_quarter(year, int(recent[-1][-1]) if recent else latest[1]), Precision.QUARTER, False
    if text == "current" or (text == "this" and not recent):
        y, q = current
    elif text in ("next", "coming"):
        y, q = cal.shift_quarter(*current, 1)
    elif text in ("same", "comparable", "year-earlier", "year-ago") or "a year" in matched:
        base = recent[-1] if recent else cal.iso_quarter(*latest)
        y, q = int(base[:4]) - 1, int(base[-1])
    elif recent and text in ("", "final", "this"):
        y, q = int(recent[-1][:4]), int(recent[-1][-1])
    else:
        y, q = latest
    return cal.iso_quarter(y, q), Precision.QUARTER, True


def _resolve_season(g: dict[str, str], anchor: dt.date | None) -> Resolved:
    code = cal.SEASONS[g["s"].lower()]
    if g.get("y"):
        return f"{int(g['y']):04d}-{code}", Precision.QUARTER, False
    if anchor is None:
        return None, None, True
    rel = (g.get("rel") or "").lower()
    first, last = _SEASON_MONTHS[code]
    year = anchor.year
    if rel == "last":
        year = anchor.year if anchor.month > last else anchor.year - 1
    elif rel == "next":
        year = anchor.year if anchor.month < first else anchor.year + 1
    return f"{year:04d}-{code}", Precision.QUARTER, True


def _count(word: str) -> int | None:
    word = word.lower()
    if word.isdigit():
        return int(word)
    return cal.NUMBER_WORDS.get(word)


def _resolve_ago(g: dict[str, str], anchor: dt.date, quarters: list[tuple[int, str]], start: int) -> Resolved:
    direction = g["dir"].lower()
    if direction.startswith("year-"):
        count, unit = 1, "year"
    else:
        count_or_none = _count(g["n"])
        if count_or_none is None:
            return None, None, True
        count, unit = count_or_none, g["unit"].lower().rstrip("s")
    sign = 1 if direction in ("later", "from now", "hence") else -1
    if unit == "day":
        return (anchor + dt.timedelta(days=sign * count)).isoformat(), Precision.DAY, True
    if unit == "week":
        return cal.iso_week(anchor + dt.timedelta(weeks=sign * count)), Precision.WEEK, True
    if unit == "month":
        return cal.iso_month(*cal.shift_months(anchor, sign * count)), Precision.MONTH, True
    if unit == "quarter":
        return cal.iso_quarter(*cal.shift_quarter(anchor.year, cal.quarter_of(anchor), sign * count)), \
            Precision.QUARTER, True
    if unit == "decade":
        return cal.decade_value(anchor.year + sign * 10 * count), Precision.DECADE, True
    recent = [value for offset, value in quarters if 0 <= start - offset < 400]
    if count == 1 and recent and direction in ("ago", "earlier", "year-earlier", "year-ago"):
        base = recent[-1]
        return cal.iso_quarter(int(base[:4]) - 1, int(base[-1])), Precision.QUARTER, True
    return f"{anchor.year + sign * count:04d}", Precision.YEAR, True


def _resolve_span(g: dict[str, str], anchor: dt.date) -> Resolved:
    count = _count(g["n"])
    if count is None:
        return None, None, True
    unit = g["unit"].lower().rstrip("s")
    sign = 1 if g["rel"].lower() in ("next", "coming") else -1
    if unit in ("year", "decade"):
        years = count * (10 if unit == "decade" else 1)
        ends = (anchor.year, anchor.year + sign * years)
        return f"{min(ends):04d}/{max(ends):04d}", Precision.RANGE, True
    if unit == "month":
        other = cal.iso_month(*cal.shift_months(anchor, sign * count))
        here = cal.iso_month(anchor.year, anchor.month)
        return "/".join(sorted((here, other))), Precision.RANGE, True
    days = {"day": 1, "week": 7, "quarter": 91}[unit] * count
    other_day = anchor + dt.timedelta(days=sign * days)
    return "/".join(sorted((anchor.isoformat(), other_day.isoformat()))), Precision.RANGE, True


def _resolve_unit(g: dict[str, str], anchor: dt.date, tense: str | None) -> Resolved:
    unit = g["unit"].lower()
    rel = re.sub(r"^the\s+", "", (g.get("rel") or "").lower())
    step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(rel, 0)
    if unit == "decade":
        if step < 0:
            return f"{anchor.year - 10:04d}/{anchor.year:04d}", Precision.RANGE, True
        return cal.decade_value(anchor.year + 10 * step), Precision.DECADE, True
    if unit == "century":
        return f"{anchor.year // 100 + step:02d}", Precision.DECADE, True
    if unit == "weekend" and step == 0:
        saturday = cal.weekday_on_or_before(anchor, 5)
        return cal.iso_week(saturday) + "-WE", Precision.WEEK, True
    if unit in ("week", "weekend"):
        week = cal.iso_week(anchor + dt.timedelta(weeks=step))
        return (week + "-WE" if unit == "weekend" else week), Precision.WEEK, True
    if unit == "month":
        return cal.iso_month(*cal.shift_months(anchor, step)), Precision.MONTH, True
    return f"{anchor.year + step:04d}", Precision.YEAR, True
