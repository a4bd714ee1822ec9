"""Golden-file tests of the quote stage on self-written texts (``tests/golden/quotes/*.yaml``).

Each case runs cleaning, spaCy, actor mentions and :func:`flashpoint.quotes.extract_quotes`, then checks
the expected items, the strings no quote may contain and the number of quotes (format: the folder's README).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from flashpoint import actors, clean
from flashpoint.models import Article, Origin, Quote, SourceDocument
from flashpoint.nlp import parse
from flashpoint.quotes import extract_quotes

GOLDEN = Path(__file__).parent / "golden" / "quotes"
CASES = sorted(GOLDEN.glob("*.yaml"))


def _article(text: str) -> Article:
    source = SourceDocument(id="golden", origin=Origin("golden.txt"), text=text, published="2025-05-03")
    article = clean.prepare(source, reference_date=dt.date(2025, 5, 3))
    assert isinstance(article, Article)
    return article


def run_quotes(text: str, *, with_mentions: bool = True) -> tuple[Quote, ...]:
    article = _article(text)
    doc = parse(article.nlp_text)
    mentions = actors.extract_mentions(doc, article) if with_mentions else ()
    return extract_quotes(doc, article, mentions)


def _speaker_names(quote: Quote) -> str:
    if quote.speaker is None:
        return ""
    return f"{quote.speaker.identifier_text or ''} | {quote.speaker.entity_text}"


def _matches(quote: Quote, want: dict[str, Any]) -> bool:
    if not quote.text.startswith(want["starts"]):
        return False
    if "ends" in want and not quote.text.endswith(want["ends"]):
        return False
    return "kind" not in want or quote.kind.value == want["kind"]


def check_case(case: dict[str, Any], quotes: tuple[Quote, ...]) -> None:
    found = "\n".join(f"  {q.kind.value}: {q.text!r} <- {_speaker_names(q)!r}" for q in quotes)
    for want in case.get("quotes") or []:
        hits = [q for q in quotes if _matches(q, want)]
        assert hits, f"{case['name']}: no quote like {want}; found:\n{found}"
        quote = hits[0]
        if "speaker" in want:
            if want["speaker"] is None:
                assert quote.speaker is None, f"{case['name']}: unexpected speaker {_speaker_names(quote)}"
            else:
                assert want["speaker"] in _speaker_names(quote), f"{case['name']}: speaker; found:\n{found}"
        if "medium" in want:
            assert quote.medium and want["medium"] in quote.medium, f"{case['name']}: medium {quote.medium!r}"
        for name in want.get("addressees") or []:
            names = " | ".join(f"{a.identifier_text} {a.entity_text}" for a in quote.addressees)
            assert name in names, f"{case['name']}: addressee {name!r} not in {names!r}"
    for text in case.get("must_not") or []:
        assert not any(text in q.text for q in quotes), f"{case['name']}: a quote contains {text!r}:\n{found}"
    if "count" in case:
        assert len(quotes) == case["count"], f"{case['name']}: {len(quotes)} quotes:\n{found}"


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_golden_case(path: Path) -> None:
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    check_case(case, run_quotes(case["text"]))


def test_golden_folder_is_not_empty() -> None:
    assert len(CASES) >= 12


def test_offsets_point_into_the_original_text() -> None:
    text = "\u201cWe will not retreat,\u201d said Commander Yusuf Zadran in Khost.\n"
    quotes = run_quotes(text)
    assert quotes, "expected one quote"
    for q in quotes:
        assert text[q.start : q.end] == q.text
        assert q.speaker_start is not None and q.speaker_end is not None
        assert "Zadran" in text[q.speaker_start : q.speaker_end]
        assert q.cue_start is not None and q.cue_end is not None and text[q.cue_start : q.cue_end] == q.cue
        assert q.id == "golden-q1" and q.article_id == "golden"


def test_works_without_actor_mentions() -> None:
    """The fallback resolution (spaCy names only) still finds and attributes quotes."""
    quotes = run_quotes(
        '"The border will stay closed," said Governor Salim Raza.\n\n"Trade will resume later."\n',
        with_mentions=False,
    )
    assert [q.speaker and q.speaker.identifier_text for q in quotes] == ["Salim Raza", "Salim Raza"]


def test_empty_and_quote_free_texts_give_nothing() -> None:
    assert run_quotes("No one spoke.\n") == ()
    assert run_quotes('""\n') == ()
