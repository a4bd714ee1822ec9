"""The record model shared by every Flashpoint stage.

Every stage takes and returns these frozen, typed records; plain dicts never cross a stage boundary
(they appear only when :mod:`flashpoint.export` serialises records to the output contract, FORMAT.md).

Offsets: every ``start``/``end`` is a Python ``str`` index into :attr:`Article.text` — the original input
text, or for HTML input the body text Flashpoint extracted. Cleaning never shifts offsets (see
:mod:`flashpoint.clean`), so a span found on the NLP text is valid on the original text.

Flow: ingest -> :class:`SourceDocument` -> clean/metadata -> :class:`Article` -> extraction ->
:class:`ArticleResult` (events, quotes, places, times, actor mentions) -> store / export.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum


class InputFormat(StrEnum):
    TEXT = "text"
    HTML = "html"
    JSONL = "jsonl"
    FEED = "feed"
    WARC = "warc"


class Precision(StrEnum):
    """How precise a resolved date is. ``range`` values are written ``start/end`` (ISO 8601 interval)."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"
    DECADE = "decade"
    RANGE = "range"


class QuoteKind(StrEnum):
    DIRECT = "direct"
    PARTIAL = "partial"
    INDIRECT = "indirect"


class Severity(StrEnum):
    WARNING = "warning"  # processed, but something was dropped or guessed
    ERROR = "error"  # the input item was skipped


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a record came from: article, character span into ``Article.text``, extractor name and version."""

    article_id: str
    start: int
    end: int
    extractor: str
    version: str


@dataclass(frozen=True, slots=True)
class Origin:
    """Where an input item was read from, for error reports and re-ingest bookkeeping."""

    path: str  # file path, "<stdin>", or a URL for feed entries
    line: int | None = None  # 1-based line for JSONL, record number for WARC, entry number for feeds
    fmt: InputFormat = InputFormat.TEXT


@dataclass(frozen=True, slots=True)
class DateValue:
    """A resolved calendar value: ISO 8601 ``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY``, ``YYYY-Www``, ``YYYY-Qn``
    or an interval ``start/end``; ``year_inferred`` marks a year that the text did not state."""

    value: str
    precision: Precision
    year_inferred: bool = False


@dataclass(frozen=True, slots=True)
class Problem:
    """A bad or partly bad input item: which file, which line, why. Never raised; reported and counted."""

    origin: Origin
    reason: str
    severity: Severity = Severity.ERROR


@dataclass(frozen=True, slots=True)
class SourceDocument:
    """One input item as read by :mod:`flashpoint.ingest`, before cleaning (exactly one of text, html)."""

    id: str
    origin: Origin
    text: str | None = None
    html: str | None = None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None  # as given by metadata (YYYY-MM-DD or any parseable string)
    lang: str | None = "en"


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned article: the text all offsets refer to, its body segments and its metadata.

    ``text`` is the original text (or, for HTML, the extracted body). ``nlp_text`` has the same length as
    ``text``: quotes/dashes/spaces normalised one character for one character and boilerplate blanked
    with spaces, so spaCy sees clean text and offsets need no mapping. ``body`` is the human-readable
    cleaned body (boilerplate removed), for the ``articles.jsonl`` output.
    """

    id: str
    origin: Origin
    text: str
    nlp_text: str
    body: str
    body_spans: tuple[tuple[int, int], ...]  # the kept (non-boilerplate) segments of ``text``
    paragraphs: tuple[tuple[int, int], ...]  # paragraph spans within ``text`` (body only)
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    lang: str | None = "en"
    published: DateValue | None = None
    published_source: str | None = None  # metadata | header | dateline | release code | anchor
    dateline: str | None = None  # the dateline place ("Islamabad")
    dateline_span: tuple[int, int] | None = None
    content_hash: str = ""  # hash of the normalised body, for idempotent re-ingest


@dataclass(frozen=True, slots=True)
class Actor:
    """A resolved actor (PLOVER actor/recipient entry). ``code``: ISO 3166-1 alpha-3, IGO, UNO, NGO, IMG,
    MNC or UNK; ``sector``: PLOVER sector code or None when the mention does not tell."""

    entity_text: str
    identifier_text: str | None = None
    code: str | None = None
    sector: str | None = None
    office: str | None = None
    registry_id: str | None = None  # id in the actor registry, when resolved to one
    start: int | None = None  # span of the mention in Article.text (the named antecedent for pronouns)
    end: int | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """An actor mention found in an article, with what it resolved to (pronouns point at their antecedent)."""

    text: str
    start: int
    end: int
    actor: Actor
    antecedent_start: int | None = None  # for "he"/"the minister": span of the named mention it resolves to
    antecedent_end: int | None = None
    provenance: Provenance | None = None


@dataclass(frozen=True, slots=True)
class Place:
    """A toponym mention resolved against the gazetteer."""

    article_id: str
    text: str
    start: int
    end: int
    name: str | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None  # ISO3
    admin1: str | None = None
    geonames_id: int | None = None
    feature: str | None = None  # GeoNames feature code (PPLC, ADM1, PCLI, ...) or our own (LINE, VAL, ...)
    confidence: float = 1.0
    provenance: Provenance | None = None


@dataclass(frozen=True, slots=True)
class TimeExpr:
    """A date expression resolved against the publication date (``value`` None when unresolvable)."""

    article_id: str
    text: str
    start: int
    end: int
    value: str | None
    precision: Precision | None
    provenance: Provenance | None = None


@dataclass(frozen=True, slots=True)
class Casualties:
    dead: int | None = None
    injured: int | None = None
    arrested: int | None = None

    def is_empty(self) -> bool:
        return self.dead is None and self.injured is None and self.arrested is None


@dataclass(frozen=True, slots=True)
class Quote:
    """Reported speech with its resolved speaker."""

    id: str
    article_id: str
    kind: QuoteKind
    text: str
    start: int
    end: int
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    medium: str | None = None  # "a post on X", "an interview with Geo News", "a video", ...
    speaker: Actor | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    addressees: tuple[Actor, ...] = ()
    confidence: float = 1.0
    provenance: Provenance | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """A PLOVER event record. Field names follow PLOVER's JSON when serialised (see export)."""

    id: str
    article_id: str
    event_type: str  # PLOVER type (serialised as the ``event`` list)
    mode: str | None
    context: tuple[str, ...]  # auxiliary modes (negation, hypothetical, future, historical), topical contexts
    actors: tuple[Actor, ...]
    recipients: tuple[Actor, ...]
    start: int  # the sentence (or clause) the event was coded from
    end: int
    event_text: str
    event_scale: float
    quad_code: int
    date: DateValue | None = None
    location: Place | None = None
    size: Casualties = field(default_factory=Casualties)
    trigger: str | None = None  # the cue word/phrase
    trigger_start: int | None = None
    trigger_end: int | None = None
    condition: str | None = None  # the condition of a conditional threat ("if another attack takes place")
    quote_id: str | None = None  # when the event was coded from a quote
    confidence: float = 0.5
    provenance: Provenance | None = None


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """Everything extracted from one article."""

    article: Article
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    places: tuple[Place, ...] = ()
    times: tuple[TimeExpr, ...] = ()
    mentions: tuple[Mention, ...] = ()


@dataclass(slots=True)
class RunReport:
    """What a run did: counts and every problem met. Mutable while a run is under way."""

    read: int = 0
    processed: int = 0
    skipped: int = 0
    unchanged: int = 0  # already stored with the same content (idempotent re-ingest)
    problems: list[Problem] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return any(p.severity is Severity.ERROR for p in self.problems)

    def add(self, problem: Problem) -> None:
        self.problems.append(problem)
        if problem.severity is Severity.ERROR:
            self.skipped += 1


@dataclass(slots=True)
class Result:
    """What :func:`flashpoint.extract` returns: the per-article results and the run report."""

    articles: list[ArticleResult] = field(default_factory=list)
    report: RunReport = field(default_factory=RunReport)

    def __iter__(self) -> Iterator[ArticleResult]:
        return iter(self.articles)

    def __len__(self) -> int:
        return len(self.articles)


# ---------------------------------------------------------------------------------------------------------
# Monitoring records: consolidation across articles (duplicates, stories, incidents) and the signals built
# on them (dyad series, escalation alerts, threat register).


@dataclass(frozen=True, slots=True)
class DuplicateLink:
    """``article_id`` is a near-duplicate (syndicated copy, re-publication) of the earlier ``duplicate_of``.
    """

    article_id: str
    duplicate_of: str
    similarity: float  # estimated Jaccard similarity of word shingles


@dataclass(frozen=True, slots=True)
class Story:
    """Articles about the same developing story, across outlets."""

    id: str
    label: str
    article_ids: tuple[str, ...]
    first_date: str | None = None
    last_date: str | None = None
    actor_codes: tuple[str, ...] = ()
    place_names: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Incident:
    """One real-world act, supported by events from one or more sentences and articles."""

    id: str
    event_type: str
    mode: str | None
    actors: tuple[Actor, ...]
    recipients: tuple[Actor, ...]
    event_ids: tuple[str, ...]
    article_ids: tuple[str, ...]
    outlets: tuple[str, ...]
    date: DateValue | None = None
    location: Place | None = None
    size: Casualties = field(default_factory=Casualties)
    dead_range: tuple[int, int] | None = None  # lowest and highest death toll reported across sources
    injured_range: tuple[int, int] | None = None
    first_reported: str | None = None  # earliest publication date among supporting articles
    quad_code: int = 0
    event_scale: float = 0.0
    context: tuple[str, ...] = ()
    story_id: str | None = None
    quote_ids: tuple[str, ...] = ()

    @property
    def n_articles(self) -> int:
        return len(self.article_ids)

    @property
    def n_outlets(self) -> int:
        return len(self.outlets)


@dataclass(frozen=True, slots=True)
class DyadPoint:
    """One period of a dyad series: incident counts by quad class and the summed PLOVER score."""

    source: str
    target: str
    level: str  # "country" (codes) or "actor" (identifier)
    directed: bool
    granularity: str  # "day" or "week"
    period: str  # YYYY-MM-DD (day) or YYYY-Www (week)
    counts: tuple[int, int, int, int]  # quad 1..4
    score: float
    incident_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Alert:
    """A significant shift of a dyad toward conflict, with the evidence that drove it."""

    id: str
    source: str
    target: str
    level: str
    date: str  # the day the shift was detected
    method: str
    statistic: float
    threshold: float
    baseline: float  # the quiet-period level the shift is measured against
    observed: float  # the level in the detection window
    explanation: str
    incident_ids: tuple[str, ...] = ()
    quote_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ThreatRecord:
    """A THREATEN event in the register, and whether the threatened act followed."""

    event_id: str
    article_id: str
    issuer: Actor
    target: Actor | None
    mode: str | None
    condition: str | None
    date: str | None
    status: str  # "fulfilled" | "not_yet" | "lapsed"
    window_days: int
    text: str = ""
    fulfilled_by: str | None = None  # incident id of the act that carried the threat out
    fulfilled_on: str | None = None


@dataclass(frozen=True, slots=True)
class Monitoring:
    """Everything the monitoring stages computed over a set of articles."""

    duplicates: tuple[DuplicateLink, ...] = ()
    stories: tuple[Story, ...] = ()
    incidents: tuple[Incident, ...] = ()
    dyads: tuple[DyadPoint, ...] = ()
    alerts: tuple[Alert, ...] = ()
    threats: tuple[ThreatRecord, ...] = ()
