"""Property test: the quote stage never fails on odd text and its records always point into the text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flashpoint.models import QuoteKind
from test_quotes_golden import run_quotes

_WORDS = st.sampled_from(
    [
        '"',
        "'",
        "\u201c",
        "\u201d",
        "\u2018",
        "\u2019",
        "''",
        " ",
        " ",
        " ",
        "\n\n",
        ",",
        ".",
        ":",
        "-",
        "he",
        "said",
        "told",
        "that",
        "according to",
        "Asif",
        "Khawaja Asif",
        "the minister",
        "Kabul",
        "Taliban",
        "we",
        "will",
        "fight",
        "nations'",
        "'90s",
        "warned",
        "reported",
        "Geo News",
        "you",
        "my message to",
    ]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_WORDS, min_size=1, max_size=30).map(" ".join).filter(lambda t: any(c.isalpha() for c in t)))
def test_any_text_gives_well_formed_quotes(text: str) -> None:
    quotes = run_quotes(text + "\n")
    for n, quote in enumerate(quotes, start=1):
        assert quote.id == f"golden-q{n}"
        assert 0 <= quote.start < quote.end <= len(text) + 1
        assert (text + "\n")[quote.start : quote.end] == quote.text
        assert quote.kind in set(QuoteKind)
        if quote.speaker_start is not None:
            assert quote.speaker_end is not None and quote.speaker_start < quote.speaker_end
        assert 0.0 <= quote.confidence <= 1.0
