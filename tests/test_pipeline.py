"""The pipeline: order of results, long articles in pieces, failures as problems, skip, workers."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flashpoint import pipeline, times
from flashpoint.models import InputFormat, Origin, RunReport, SourceDocument
from flashpoint.pipeline import Options, iter_results, split_long_text

REFERENCE = Options(reference_date=dt.date(2026, 3, 1), batch_size=2)
SENTENCES = [
    "The defence ministry in Varnia said on Monday that its troops had withdrawn from the hills.",
    "Lena Orsk, the foreign minister, met envoys from Dellport to discuss the ceasefire.",
    "Rebels attacked a convoy near the river crossing, killing three soldiers.",
    "Protesters gathered outside parliament for a second day.",
]


def docs(n: int) -> list[SourceDocument]:
    return [
        SourceDocument(id=f"p-{i:03d}", origin=Origin("mem.jsonl", i + 1, InputFormat.JSONL),
                       text=f"Item {i}. " + SENTENCES[i % len(SENTENCES)])
        for i in range(n)
    ]


@given(st.text(alphabet=st.sampled_from("ab .\n"), max_size=400), st.integers(min_value=8, max_value=60))
@settings(max_examples=200, deadline=None)
def test_split_long_text_is_lossless_and_bounded(text: str, limit: int) -> None:
    pieces = split_long_text(text, limit)
    assert "".join(pieces) == text
    assert all(len(p) <= limit for p in pieces)
    assert all(pieces[:-1])


def test_split_prefers_paragraph_breaks() -> None:
    text = "a" * 50 + "\n\n" + "b" * 30 + ". " + "c" * 30
    assert split_long_text(text, 100) == ["a" * 50 + "\n\n", "b" * 30 + ". " + "c" * 30]


def test_results_come_in_input_order_with_counts() -> None:
    report = RunReport()
    seen: list[str] = []
    results = list(iter_results(docs(7), REFERENCE, report, on_result=lambda r: seen.append(r.article.id)))
    assert [r.article.id for r in results] == [f"p-{i:03d}" for i in range(7)] == seen
    assert (report.read, report.processed, report.skipped, report.unchanged) == (7, 7, 0, 0)


def test_long_article_is_parsed_in_pieces_with_original_offsets(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "LONG_ARTICLE_CHARS", 120)
    text = "\n\n".join(SENTENCES * 3)
    captured = {}

    def spy(doc: object, article: object) -> tuple[()]:
        captured["doc"] = doc
        return ()

    monkeypatch.setattr(times, "extract_times", spy)
    source = SourceDocument(id="long", origin=Origin("mem.txt"), text=text)
    (result,) = iter_results([source], REFERENCE)
    doc = captured["doc"]
    assert doc.text == result.article.nlp_text  # type: ignore[attr-defined]
    token = doc[-2]  # type: ignore[index]
    assert result.article.text[token.idx : token.idx + len(token.text)] == token.text


def test_too_long_article_is_refused_with_a_problem(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "MAX_ARTICLE_CHARS", 50)
    report = RunReport()
    results = list(iter_results(docs(2), REFERENCE, report))
    assert results == []
    assert report.skipped == 2 and "over the 50 limit" in report.problems[0].reason
    assert report.problems[0].origin.line == 1


def test_an_extractor_crash_becomes_a_problem_and_the_run_goes_on(monkeypatch: pytest.MonkeyPatch) -> None:
    real = times.extract_times

    def flaky(doc: object, article: object) -> object:
        if getattr(article, "id", "") == "p-001":
            raise ValueError("boom")
        return real(doc, article)  # type: ignore[arg-type]

    monkeypatch.setattr(times, "extract_times", flaky)
    report = RunReport()
    results = list(iter_results(docs(4), REFERENCE, report))
    assert [r.article.id for r in results] == ["p-000", "p-002", "p-003"]
    assert report.failed and report.skipped == 1
    assert "ValueError: boom" in report.problems[0].reason and report.problems[0].origin.line == 2


def test_skipped_articles_are_counted_unchanged_and_not_analysed() -> None:
    report = RunReport()
    progress: list[int] = []
    results = list(iter_results(docs(5), REFERENCE, report, skip=lambda a: a.id in {"p-001", "p-003"},
                                on_progress=lambda r: progress.append(r.processed + r.unchanged)))
    assert [r.article.id for r in results] == ["p-000", "p-002", "p-004"]
    assert (report.processed, report.unchanged) == (3, 2)
    assert progress[-1] == 5 and progress == sorted(progress)


@pytest.mark.slow
def test_two_workers_give_the_same_results_in_the_same_order() -> None:
    sequential = list(iter_results(docs(12), REFERENCE))
    report = RunReport()
    parallel = list(iter_results(docs(12), Options(reference_date=REFERENCE.reference_date, workers=2,
                                                   batch_size=2), report))
    assert [r.article.id for r in parallel] == [f"p-{i:03d}" for i in range(12)]
    assert parallel == sequential
    assert report.processed == 12


def test_a_cleaning_crash_becomes_a_problem(monkeypatch: pytest.MonkeyPatch) -> None:
    from flashpoint import clean

    real = clean.prepare

    def flaky(document: SourceDocument, *, reference_date: dt.date) -> object:
        if document.id == "p-000":
            raise UnicodeError("odd bytes")
        return real(document, reference_date=reference_date)

    monkeypatch.setattr(clean, "prepare", flaky)
    report = RunReport()
    assert [r.article.id for r in iter_results(docs(2), REFERENCE, report)] == ["p-001"]
    assert "cleaning failed" in report.problems[0].reason and report.skipped == 1


def _dated(i: int, dateline: str) -> SourceDocument:
    return SourceDocument(id=f"d-{i:03d}", origin=Origin("mem.jsonl", i + 1, InputFormat.JSONL),
                          text=f"KABUL, Afghanistan ({dateline}) - Troops detained a man.")


def test_collection_reference_is_the_latest_stated_date_when_enough_articles_state_one() -> None:
    today = dt.date(2026, 11, 21)
    documents = [_dated(i, f"March {i + 1}, 2012") for i in range(12)] + [_dated(20, "Dec. 12")]
    assert pipeline.collection_reference(documents, today=today) == dt.date(2012, 3, 12)
    # a future date is a typo, a year-less dateline states no year: neither counts
    documents += [_dated(21, "May 1, 2031")]
    assert pipeline.collection_reference(documents, today=today) == dt.date(2012, 3, 12)
    # a handful of dated articles is not enough evidence: None (today is used)
    assert pipeline.collection_reference(documents[:3], today=today) is None
    undated = [_dated(30 + i, "Dec. 12") for i in range(60)]
    assert pipeline.collection_reference(documents + undated, today=today) is None


def test_yearless_dateline_takes_its_year_from_the_collection_reference() -> None:
    reference = pipeline.collection_reference([_dated(i, f"March {i + 1}, 2012") for i in range(12)])
    results = list(iter_results([_dated(99, "Dec. 12")], Options(reference_date=reference)))
    published = results[0].article.published
    assert published is not None and published.value == "2011-12-12" and published.year_inferred
