"""Article metadata: title, outlet, dateline place and publication date (with precision and source).

In: the article text (the original input text, or the body extracted from HTML), its kept body spans and
whatever metadata came with the input (title, outlet, published, url) plus the collection's reference
date. Out: :class:`ArticleMetadata`.

Publication date, in priority order: explicit metadata (``published``) > a header in the text (a leading
``date 2024-03-21`` marker, a ``Date:``/``Published:`` line, a line holding nothing but a full date) > a
dateline (``Islamabad, Oct 29 (NationPress) -``, ``KABUL, Afghanistan (Jan. 25, 2013)``,
``Operational Update, March 3, 2012``, a title line ``Jan. 5: ...``). The dates of the acts an article
reports never date the article; a release with no dated dateline but a release code in its header
(``2011-07-S-039``) is dated to that month. A year-less dateline takes its year from a dated duplicate of the
dateline, from a release code carrying year and month (``2010-09-CA-005``), from a weekday stated for
that date right after the dateline ("On Wednesday," narrows the candidate years), or else from the latest
year not after the reference date (``year_inferred=True``).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

import yaml

from . import calendar as cal
from .errors import ConfigError
from .models import DateValue, Precision

HEAD_CHARS = 1500  # datelines and headers are looked for in the first characters of the text only
_LINE_BREAKS = re.compile(r"[\n\r\u2028\u2029]")

_PAREN_DATE = rf"(?:{cal.MONTH_RE}\s*{cal.DAY_RE}(?:[,.]?\s*{cal.YEAR_RE})?)"
_PLACE = r"[A-Z][A-Za-z.'’-]*(?:[ -][A-Z][A-Za-z.'’-]*){0,3}"
_AGENCY = r"[A-Z][A-Za-z&/.-]*(?: [A-Z][A-Za-z&/.-]*){0,3}"
_DASH = r"\s*[-–—:]+"
_LINE_START = r"(?<![^\n\r\u2028\u2029])[ \t\xa0]*"

# Each dateline pattern may name: place, date, agency.
_DATELINES: tuple[re.Pattern[str], ...] = (
    # KABUL, Afghanistan (Jan. 25, 2013)   /   (Sept. 1) -
    re.compile(rf"{_LINE_START}(?:(?P<place>{_PLACE})(?:,\s*{_PLACE})?\s*)?\((?P<date>{_PAREN_DATE})\)"),
    # Islamabad, Oct 29 (NationPress) -   /   WASHINGTON, March 3 -
    re.compile(rf"{_LINE_START}(?P<place>{_PLACE}),\s*(?P<date>{cal.MONTH_RE}\s*{cal.DAY_RE}(?:,"
               rf"\s*{cal.YEAR_RE})?)"
               rf"(?:\s*\((?P<agency>{_AGENCY})\))?{_DASH}"),
    # ISAF Joint Command Operational Update, March 3, 2012
    re.compile(rf"Operational Update,?\s*(?P<date>{cal.MONTH_RE}\s*{cal.DAY_RE}(?:,\s*{cal.YEAR_RE})?)"),
    # Jan. 5: title line
    re.compile(rf"{_LINE_START}(?P<date>{cal.MONTH_RE}\s*{cal.DAY_RE}(?:,\s*{cal.YEAR_RE})?):\s"),
)
# WASHINGTON (Reuters) -   (a dateline without a date: place and outlet only)
_AGENCY_DATELINE = re.compile(rf"{_LINE_START}(?P<place>{_PLACE})(?:,\s*{_PLACE})?\s*"
                              rf"\((?P<agency>{_AGENCY})\){_DASH}")
# Islamabad- In a statement ...   (place only)
_PLACE_DATELINE = re.compile(rf"{_LINE_START}(?P<place>{_PLACE})\s?[-–—]+\s(?=[A-Z][a-z]* [a-z])")

_DATE_MARKER = re.compile(r"\A\s*date:?\s+(?P<date>\d{4}-\d{2}-\d{2})\b", re.IGNORECASE)
_HEADER_LINE = re.compile(r"^\s*(?:date|published|posted|updated|dateline)(?: on)?\s*:\s*(?P<date>.+?)\s*$",
                          re.IGNORECASE | re.MULTILINE)
_TITLE_LINE = re.compile(r"^\s*title\s*:\s*(?P<title>.+?)\s*$", re.IGNORECASE | re.MULTILINE)
_RELEASE_CODE = re.compile(r"\b(?P<y>20\d\d)-(?P<m>0[1-9]|1[0-2])-[A-Z]{1,3}\s*[-–]\s*\d{1,4}\b")
_ON_WEEKDAY = re.compile(rf"\s*[-–—:]*\s*(?:On|on|Today,|Late|Early)?\s*(?P<wd>{cal.WEEKDAY_RE})\b")
_LONE_DATE = re.compile(rf"^\s*(?:{cal.WEEKDAY_RE},?\s*)?(?P<date>(?:{cal.MONTH_RE}\s*{cal.DAY_RE},?\s*"
                        rf"{cal.YEAR_RE}|{cal.DAY_RE}\s+{cal.MONTH_RE},?\s*{cal.YEAR_RE}))"
                        r"(?:[ ,]+\d{1,2}[:.]\d\d(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s*[A-Z]{2,4})?)?"
                        r"\s*$", re.MULTILINE)
_NOT_TITLE = re.compile(r"(?i)^(?:for immediate release|news release|press release|download pdf|\[|date\b)")


@dataclass(frozen=True, slots=True)
class ArticleMetadata:
    title: str | None = None
    outlet: str | None = None
    dateline: str | None = None
    dateline_span: tuple[int, int] | None = None
    published: DateValue | None = None
    published_source: str | None = None


@dataclass(frozen=True, slots=True)
class _Dateline:
    start: int
    end: int  # end of the whole dateline match (the body starts after it)
    date: cal.PartialDate | None
    place: str | None = None
    place_span: tuple[int, int] | None = None
    agency: str | None = None


def detect_metadata(
    text: str,
    *,
    body_spans: tuple[tuple[int, int], ...],
    title: str | None = None,
    outlet: str | None = None,
    published: str | None = None,
    url: str | None = None,
    reference_date: dt.date,
) -> ArticleMetadata:
    """Title, outlet, dateline and publication date of one article (explicit metadata first)."""
    head = text[:HEAD_CHARS]
    dateline = find_dateline(head)
    value, source = None, None
    if published:
        value = parse_date_string(published)
        source = "metadata" if value else None
    if value is None:
        value = _header_date(head)
        source = "header" if value else None
    if value is None and dateline is not None and dateline.date is not None:
        value = _dateline_value(head, dateline, reference_date)
        source = "dateline" if value else None
    if value is None:
        value = _release_code_month(head)
        source = "release code" if value else None
    found_outlet = outlet or (outlet_for_alias(dateline.agency) if dateline and dateline.agency else None)
    found_outlet = found_outlet or (outlet_for_url(url) if url else None)
    return ArticleMetadata(
        title=title.strip() if title and title.strip() else find_title(head),  # explicit > header > line 1
        outlet=found_outlet,
        dateline=dateline.place if dateline else None,
        dateline_span=dateline.place_span if dateline else None,
        published=value,
        published_source=source,
    )


def parse_date_string(value: str) -> DateValue | None:
    """A metadata date string (``2024-03-21``, ``2024-03``, ISO datetime, RFC 2822, ``March 21, 2024``)."""
    value = value.strip()
    iso = re.match(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ]|$)", value)
    if iso:
        parts = cal.PartialDate(int(iso.group(1)), _opt_int(iso.group(2)), _opt_int(iso.group(3)))
        return _value_of(parts)
    try:
        stamp = email.utils.parsedate_to_datetime(value)
        return DateValue(stamp.date().isoformat(), Precision.DAY)
    except (TypeError, ValueError, IndexError):
        pass
    loose = cal.parse_partial(value)
    return _value_of(loose) if loose and loose.year else None


def _opt_int(text: str | None) -> int | None:
    return int(text) if text else None


def _value_of(parts: cal.PartialDate) -> DateValue | None:
    formatted = cal.format_partial(parts)
    if formatted is None or not cal.is_valid_value(formatted):
        return None
    precision = Precision.DAY if len(formatted) == 10 else Precision.MONTH if len(formatted) == 7 \
        else Precision.YEAR
    return DateValue(formatted, precision)


def _header_date(head: str) -> DateValue | None:
    marker = _DATE_MARKER.match(head)
    if marker:
        return parse_date_string(marker.group("date"))
    for pattern in (_HEADER_LINE, _LONE_DATE):
        for match in pattern.finditer(head[:600]):
            found = parse_date_string(match.group("date"))
            if found:
                return found
    return None


def _release_code_month(head: str) -> DateValue | None:
    """The month a release code in the header names (``2011-07-S-039``): a month-precision date for a
    release whose text carries no dateline date."""
    code = _RELEASE_CODE.search(head[:600])
    if code is None:
        return None
    return DateValue(f"{code.group('y')}-{code.group('m')}", Precision.MONTH)


def find_dateline(head: str) -> _Dateline | None:
    """The dateline of an article: the earliest match of the most specific dated pattern, else a place
    (and agency) dateline without a date."""
    for dated in _dated_datelines(head):  # patterns in priority order, each its earliest match
        return dated
    for pattern in (_AGENCY_DATELINE, _PLACE_DATELINE):
        match = pattern.search(head[:800])
        if match:
            return _dateline_of(match, None)
    return None


def _dated_datelines(head: str) -> Iterator[_Dateline]:
    for pattern in _DATELINES:
        for match in pattern.finditer(head):
            parts = cal.parse_partial(match.group("date"))
            if parts is not None and parts.day is not None:
                yield _dateline_of(match, parts)


def _dateline_of(match: re.Match[str], parts: cal.PartialDate | None) -> _Dateline:
    groups = match.groupdict()
    place = groups.get("place")
    place_span = match.span("place") if place else None
    agency = groups.get("agency")
    if agency and cal.parse_partial(agency) is not None:
        agency = None
    if place:
        place = place.title() if place.isupper() else place
    return _Dateline(match.start(), match.end(), parts, place, place_span, agency)


def _dateline_value(head: str, dateline: _Dateline, reference: dt.date) -> DateValue | None:
    parts = dateline.date
    if parts is None or parts.month is None or parts.day is None:
        return None
    if parts.year is not None:
        return _value_of(parts)
    year, inferred = _year_for(head, dateline, parts.month, parts.day, reference)
    if year is None:
        return None
    day = cal.make_date(year, parts.month, parts.day)
    return DateValue(day.isoformat(), Precision.DAY, year_inferred=inferred) if day else None


def _year_for(head: str, dateline: _Dateline, month: int, day: int,
              reference: dt.date) -> tuple[int | None, bool]:
    for other in _dated_datelines(head):
        if other.date and other.date.year and (other.date.month, other.date.day) == (month, day):
            return other.date.year, False
    code = _RELEASE_CODE.search(head)
    if code:
        anchor = dt.date(int(code.group("y")), int(code.group("m")), 15)
        return cal.nearest_year(month, day, anchor), False
    stated = _ON_WEEKDAY.match(head, dateline.end)
    weekday = cal.weekday_number(stated.group("wd")) if stated else None
    return cal.infer_year(month, day, reference, weekday), True


def find_title(head: str) -> str | None:
    """A ``title:`` header line, else the first line when it looks like a headline (short, no final full
    stop, not a dateline or header)."""
    header = _TITLE_LINE.search(head[:600])
    if header:
        return header.group("title")
    for line in _LINE_BREAKS.split(head):
        line = line.strip()
        if not line:
            continue
        words = line.split()
        if (len(line) > 160 or len(words) < 3 or line[-1] in ".,;" or _NOT_TITLE.match(line)
                or _DATE_MARKER.match(line) or any(p.match(line) for p in _DATELINES)
                or _AGENCY_DATELINE.match(line) or _LONE_DATE.match(line)):
            return None
        capitalised = sum(1 for w in words if w[:1].isupper() or not w[:1].isalpha())
        return line if capitalised >= 0.5 * len(words) or line.endswith("?") else None
    return None


# ---------------------------------------------------------------------------------------------------------
# outlets data file

@functools.lru_cache(maxsize=1)
def load_outlets() -> tuple[dict[str, str], dict[str, str]]:
    """(domain -> outlet name, lower-case alias -> outlet name) from ``data/outlets.yaml``."""
    raw = yaml.safe_load(resources.files("flashpoint").joinpath("data/outlets.yaml").read_text("utf-8"))
    errors = validate_outlets(raw)
    if errors:
        raise ConfigError("data/outlets.yaml is invalid: " + "; ".join(errors) + " (fix the file)")
    domains: dict[str, str] = {}
    aliases: dict[str, str] = {}
    for entry in raw["outlets"]:
        for domain in entry["domains"]:
            domains[domain.lower()] = entry["name"]
        for alias in [entry["name"], *entry.get("aliases", [])]:
            aliases[alias.lower()] = entry["name"]
    return domains, aliases


def validate_outlets(raw: Any) -> list[str]:
    """Problems with the outlets data (the rules of ``schemas/outlets.schema.json``); empty when valid."""
    if not isinstance(raw, dict) or set(raw) != {"outlets"} or not isinstance(raw["outlets"], list):
        return ["top level must be a mapping with only the key 'outlets' holding a list"]
    errors = []
    for index, entry in enumerate(raw["outlets"]):
        where = f"outlets[{index}]"
        if not isinstance(entry, dict) or not {"name", "domains"} <= set(entry) \
                or not set(entry) <= {"name", "domains", "aliases"}:
            errors.append(f"{where}: needs name and domains (aliases optional), nothing else")
            continue
        if not isinstance(entry["name"], str) or not entry["name"].strip():
            errors.append(f"{where}.name must be a non-empty string")
        domains = entry["domains"]
        if not isinstance(domains, list) or not all(
                isinstance(d, str) and re.fullmatch(r"[a-z0-9.-]+\.[a-z]{2,}", d) for d in domains):
            errors.append(f"{where}.domains must be a list of lower-case domain names")
        aliases = entry.get("aliases", [])
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
            errors.append(f"{where}.aliases must be a list of non-empty strings")
    return errors


def outlet_for_url(url: str) -> str | None:
    """The outlet named in the data file for the URL's domain (or a parent domain), else the bare domain."""
    try:
        host = (urlsplit(url if "//" in url else "//" + url).hostname or "").lower()
    except ValueError:
        return None
    host = host.removeprefix("www.")
    if not host:
        return None
    domains, _ = load_outlets()
    labels = host.split(".")
    for i in range(len(labels) - 1):
        name = domains.get(".".join(labels[i:]))
        if name:
            return name
    return host


def outlet_for_alias(agency: str) -> str:
    """The outlet name for an agency named in a dateline (``AP`` -> ``Associated Press``), else as written."""
    _, aliases = load_outlets()
    return aliases.get(agency.strip().lower(), agency.strip())
