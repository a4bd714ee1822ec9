"""Orchestration: from input documents to extracted records, one article at a time.

In: :class:`~flashpoint.models.SourceDocument` (from :mod:`flashpoint.ingest`) or already-cleaned
:class:`~flashpoint.models.Article` records. Out: :class:`~flashpoint.models.ArticleResult` per article,
in input order, plus a :class:`~flashpoint.models.RunReport`.

Extraction order inside one article (each extractor is a pure function of the Doc and earlier records):
times -> places -> actor mentions -> quotes -> events.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from . import actors, clean, events, nlp, places, quotes, times
from .models import Article, ArticleResult, Problem, Result, RunReport, SourceDocument


@dataclass(frozen=True, slots=True)
class Options:
    """Run settings shared by the CLI and the Python API."""

    reference_date: dt.date | None = None  # collection date for year inference; None = today
    workers: int = 1
    batch_size: int = nlp.DEFAULT_BATCH_SIZE

    def reference(self) -> dt.date:
        return self.reference_date or dt.date.today()


def analyse(article: Article, doc: object) -> ArticleResult:
    """Run every extractor over one annotated article (``doc`` is the spaCy Doc of ``article.nlp_text``)."""
    found_times = times.extract_times(doc, article)
    found_places = places.extract_places(doc, article)
    mentions = actors.extract_mentions(doc, article)
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


def prepare_all(
    documents: Iterable[SourceDocument | Article], options: Options, report: RunReport
) -> Iterator[Article]:
    """Clean each source document; problems go to ``report`` and the document is skipped."""
    reference = options.reference()
    for item in documents:
        report.read += 1
        if isinstance(item, Article):
            yield item
            continue
        prepared = clean.prepare(item, reference_date=reference)
        if isinstance(prepared, Problem):
            report.add(prepared)
            continue
        yield prepared


def iter_results(
    documents: Iterable[SourceDocument | Article],
    options: Options | None = None,
    report: RunReport | None = None,
    on_result: Callable[[ArticleResult], None] | None = None,
) -> Iterator[ArticleResult]:
    """Stream results article by article (constant memory in the number of articles)."""
    options = options or Options()
    report = report if report is not None else RunReport()
    articles = prepare_all(documents, options, report)
    for article, doc in nlp.annotate(articles, batch_size=options.batch_size, workers=options.workers):
        result = analyse(article, doc)
        report.processed += 1
        if on_result is not None:
            on_result(result)
        yield result


def extract(documents: Iterable[SourceDocument | Article], options: Options | None = None) -> Result:
    """Extract everything from the documents and collect the results in memory."""
    result = Result()
    result.articles.extend(iter_results(documents, options, result.report))
    return result
