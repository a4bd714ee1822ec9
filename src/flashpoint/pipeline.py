"""Orchestration: from input documents to extracted records, one article at a time.

In: :class:`~flashpoint.models.SourceDocument` (from :mod:`flashpoint.ingest`) or already-cleaned
:class:`~flashpoint.models.Article` records. Out: :class:`~flashpoint.models.ArticleResult` per article,
in input order, plus a :class:`~flashpoint.models.RunReport`.

Extraction order inside one article (each extractor is a pure function of the Doc and earlier records):
times -> places -> actor mentions -> quotes -> events.

Cleaning runs in the calling process; the per-article work (spaCy + every extractor) runs in batches, in
``Options.workers`` processes when more than one (each worker loads the spaCy pipeline once; results come
back in input order). Articles longer than :data:`LONG_ARTICLE_CHARS` are parsed in paragraph-aligned
pieces joined back into one Doc (offsets unchanged); articles over :data:`MAX_ARTICLE_CHARS` are refused
with a Problem. An article whose parsing or extraction fails becomes a Problem; the run carries on.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import multiprocessing
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from multiprocessing.pool import AsyncResult
from typing import TYPE_CHECKING, Any

from . import actors, clean, events, nlp, places, quotes, times
from .errors import FlashpointError
from .models import Article, ArticleResult, DateValue, Precision, Problem, Result, RunReport, SourceDocument

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

LONG_ARTICLE_CHARS = 100_000  # parsed in pieces of at most this many characters, cut at paragraph breaks
MAX_ARTICLE_CHARS = 5_000_000  # refused: no news article is this long


@functools.lru_cache(maxsize=1)
def analysis_version() -> str:
    """What the analysis of an article depends on besides its text: the Flashpoint version and a digest of
    the package's code and data files (cue lexicons, actor registry, gazetteer supplement). A store
    re-analyses an article stored under another analysis version, so upgrading Flashpoint or editing a
    lexicon takes effect on the next ingest without ``--force``."""
    from importlib import resources

    from . import __version__

    digest = hashlib.sha256()
    root = resources.files("flashpoint")
    stack = [root]
    files = []
    while stack:
        for entry in stack.pop().iterdir():
            if entry.is_dir():
                if entry.name != "__pycache__":
                    stack.append(entry)
            elif entry.name.endswith((".py", ".yaml", ".yml", ".tsv", ".json", ".txt")):
                files.append(entry)
    for entry in sorted(files, key=lambda e: str(e)):
        digest.update(str(entry).removeprefix(str(root)).encode("utf-8"))
        digest.update(entry.read_bytes())
    return f"{__version__}+{digest.hexdigest()[:16]}"


@dataclass(frozen=True, slots=True)
class Options:
    """Run settings shared by the CLI and the Python API."""

    reference_date: dt.date | None = None  # collection date for year inference; None = today
    # (see :func:`collection_reference` for a date read from the collection itself)
    workers: int = 1
    batch_size: int = nlp.DEFAULT_BATCH_SIZE

    def reference(self) -> dt.date:
        return self.reference_date or dt.date.today()


def analyse(article: Article, doc: Doc) -> ArticleResult:
    """Run every extractor over one annotated article (``doc`` is the spaCy Doc of ``article.nlp_text``)."""
    found_times = times.extract_times(doc, article)
    found_places = places.extract_places(doc, article)
    mentions = actors.extract_mentions(doc, article, places=found_places)
    found_quotes = quotes.extract_quotes(doc, article, mentions)
    found_events = events.extract_events(
        doc, article, mentions=mentions, quotes=found_quotes, places=found_places, times=found_times
    )
    return ArticleResult(
        article=article,
        events=found_events,
        quotes=found_quotes,
        places=found_places,
        times=found_times,
        mentions=mentions,
    )


# -- long articles ---------------------------------------------------------------------------------------
def split_long_text(text: str, limit: int = LONG_ARTICLE_CHARS) -> list[str]:
    """Cut ``text`` into consecutive pieces of at most ``limit`` characters whose concatenation is ``text``,
    preferring paragraph breaks, then line breaks, then sentence ends, then any space."""
    pieces, start = [], 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = -1
        for separator in ("\n\n", "\n", ". ", " "):
            found = window.rfind(separator, limit // 4)
            if found != -1:
                cut = found + len(separator)
                break
        if cut <= 0:
            cut = limit
        pieces.append(text[start : start + cut])
        start += cut
    pieces.append(text[start:])
    return pieces


def _parse_long(model: Language, text: str, batch_size: int) -> Doc:
    from spacy.tokens import Doc

    docs = list(model.pipe(split_long_text(text), batch_size=batch_size))
    return Doc.from_docs(docs, ensure_whitespace=False)


# -- one batch (runs in a worker process when workers > 1) -----------------------------------------------
def _failure(article: Article, stage: str, exc: BaseException) -> Problem:
    return Problem(article.origin, f"{stage} failed on article {article.id!r}: {type(exc).__name__}: {exc}")


def _parse_batch(model: Language, batch: list[Article], batch_size: int) -> list[Doc | Problem]:
    parsed: list[Doc | Problem | None] = [None] * len(batch)
    short = [i for i, a in enumerate(batch) if len(a.nlp_text) <= LONG_ARTICLE_CHARS]
    try:
        texts = (batch[i].nlp_text for i in short)
        for i, doc in zip(short, model.pipe(texts, batch_size=batch_size), strict=True):
            parsed[i] = doc
    except Exception:  # one bad text spoils the batch: parse the rest one by one
        pass
    for i, article in enumerate(batch):
        if parsed[i] is not None:
            continue
        try:
            if len(article.nlp_text) > LONG_ARTICLE_CHARS:
                parsed[i] = _parse_long(model, article.nlp_text, batch_size)
            else:
                parsed[i] = model(article.nlp_text)
        except Exception as exc:
            parsed[i] = _failure(article, "spaCy parsing", exc)
    return [p for p in parsed if p is not None]


def analyse_batch(
    batch: list[Article], batch_size: int = nlp.DEFAULT_BATCH_SIZE
) -> list[ArticleResult | Problem]:
    """Parse and extract a batch of articles; an article that fails becomes a Problem (same order)."""
    model = nlp.load_pipeline()
    outcomes: list[ArticleResult | Problem] = []
    for article, parsed in zip(batch, _parse_batch(model, batch, batch_size), strict=True):
        if isinstance(parsed, Problem):
            outcomes.append(parsed)
            continue
        try:
            outcomes.append(analyse(article, parsed))
        except Exception as exc:
            outcomes.append(_failure(article, "extraction", exc))
    return outcomes


def _init_worker() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops the pool
    warm_up()


def warm_up() -> None:
    """Load what every article needs once per process (the spaCy pipeline, the gazetteer, the actor
    registry), so that no batch pays for it; each is cached for the life of the process."""
    from . import gazetteer, registry

    nlp.load_pipeline()
    gazetteer.load()
    registry.load_registry()


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(articles)
    while batch := list(islice(iterator, max(1, size))):
        yield batch


def _run_batches(batches: Iterator[list[Article]], options: Options) -> Iterator[ArticleResult | Problem]:
    workers = max(1, int(options.workers))
    if workers == 1:
        for batch in batches:
            yield from analyse_batch(batch, options.batch_size)
        return
    context = multiprocessing.get_context("spawn")
    with context.Pool(workers, initializer=_init_worker) as pool:
        # At most two batches per worker in flight: bounded memory, and the input generator (which
        # updates the report and may query the store) stays in this thread.
        pending: deque[AsyncResult[Any]] = deque()
        for batch in batches:
            pending.append(pool.apply_async(analyse_batch, (batch, options.batch_size)))
            if len(pending) >= 2 * workers:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()


# -- the run ---------------------------------------------------------------------------------------------
def _prepare(document: SourceDocument, reference: dt.date) -> Article | Problem:
    """Clean one document; a crash on this document (not a configuration error) becomes its Problem."""
    try:
        return clean.prepare(document, reference_date=reference)
    except FlashpointError:
        raise  # broken configuration or data files: stop the run with the message
    except Exception as exc:
        return Problem(document.origin, f"cleaning failed on {document.id!r}: {type(exc).__name__}: {exc}")


def prepare_all(
    documents: Iterable[SourceDocument | Article],
    options: Options,
    report: RunReport,
    *,
    skip: Callable[[Article], bool] | None = None,
    on_progress: Callable[[RunReport], None] | None = None,
) -> Iterator[Article]:
    """Clean each source document; problems go to ``report`` and the document is skipped. Articles for
    which ``skip`` says True (already stored, unchanged) are counted as ``unchanged`` and not yielded."""
    reference = options.reference()
    for item in documents:
        report.read += 1
        prepared = item if isinstance(item, Article) else _prepare(item, reference)
        if isinstance(prepared, Article) and len(prepared.text) > MAX_ARTICLE_CHARS:
            prepared = Problem(
                prepared.origin,
                f"article {prepared.id!r} is {len(prepared.text):,} characters long, over the "
                f"{MAX_ARTICLE_CHARS:,} limit; split it into several inputs",
            )
        if isinstance(prepared, Problem):
            report.add(prepared)
        elif skip is not None and skip(prepared):
            report.unchanged += 1
        else:
            yield prepared
            continue
        if on_progress is not None:
            on_progress(report)


MIN_DATED_FOR_REFERENCE = 10  # articles stating a full date before the collection's latest one is trusted


def collection_reference(documents: Iterable[SourceDocument | Article], *, today: dt.date | None = None,
                         min_dated: int = MIN_DATED_FOR_REFERENCE) -> dt.date | None:
    """The collection's own reference date: the latest publication date that an article of the collection
    states in full (day precision, year written in the text or metadata), not after ``today``.

    The latest of a handful of dates says little about when the rest of the collection was written, so
    the date is trusted only when at least ``min_dated`` articles, and at least a quarter of all, state
    one; otherwise None (missing years are then inferred from today). Read in a first pass, for archives
    whose year-less datelines would otherwise take their year from today (``--reference-date
    collection``)."""
    today = today or dt.date.today()
    latest: dt.date | None = None
    dated = total = 0
    for item in documents:
        article = item if isinstance(item, Article) else _prepare(item, today)
        if not isinstance(article, Article):
            continue
        total += 1
        day = _stated_day(article.published)
        if day is None or day > today:
            continue
        dated += 1
        latest = day if latest is None or day > latest else latest
    return latest if dated >= min_dated and 4 * dated >= total else None


def _stated_day(published: DateValue | None) -> dt.date | None:
    if published is None or published.precision is not Precision.DAY or published.year_inferred:
        return None
    try:
        return dt.date.fromisoformat(published.value)
    except ValueError:
        return None


def iter_results(
    documents: Iterable[SourceDocument | Article],
    options: Options | None = None,
    report: RunReport | None = None,
    on_result: Callable[[ArticleResult], None] | None = None,
    *,
    skip: Callable[[Article], bool] | None = None,
    on_progress: Callable[[RunReport], None] | None = None,
) -> Iterator[ArticleResult]:
    """Stream results article by article, in input order (memory bounded by the batches in flight).

    ``skip``: articles to leave out (counted ``unchanged``). ``on_progress``: called with the report after
    every input item is settled (processed, unchanged or skipped), e.g. to drive a progress bar.
    """
    options = options or Options()
    report = report if report is not None else RunReport()
    articles = prepare_all(documents, options, report, skip=skip, on_progress=on_progress)
    for outcome in _run_batches(_batches(articles, options.batch_size), options):
        if isinstance(outcome, Problem):
            report.add(outcome)
        else:
            report.processed += 1
            if on_result is not None:
                on_result(outcome)
            yield outcome
        if on_progress is not None:
            on_progress(report)


def extract(documents: Iterable[SourceDocument | Article], options: Options | None = None) -> Result:
    """Extract everything from the documents and collect the results in memory."""
    result = Result()
    result.articles.extend(iter_results(documents, options, result.report))
    return result
