"""Pairing of quotation marks (:mod:`flashpoint.quote_marks`) on plain strings, no spaCy needed."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from flashpoint.clean import normalise
from flashpoint.quote_marks import clause_end, find_marked_spans, sentence_start, title_like


def spans(text: str) -> list[str]:
    return [text[s:e] for s, e in find_marked_spans(text, normalise(text))]


def test_straight_and_curly_double_quotes() -> None:
    assert spans('He said "we will win," and left.') == ["we will win,"]
    assert spans("He said \u201cwe will win,\u201d and left.") == ["we will win,"]
    assert spans("They said \u201cno\u201d. Then \u201cyes.\u201d") == ["no", "yes."]


def test_single_quotes_and_two_apostrophes() -> None:
    assert spans("'We are ready,' he said.") == ["We are ready,"]
    assert spans("\u2018We are ready,\u2019 he said.") == ["We are ready,"]
    assert spans("''This is not reform,'' said the economist.") == ["This is not reform,"]


def test_apostrophes_are_not_quotes() -> None:
    assert spans("The two nations' leaders met. In the '90s the militia's men didn't talk.") == []
    assert spans("The farmers' markets and the workers' unions stayed shut.") == []


def test_possessive_inside_single_quotes_does_not_end_them() -> None:
    assert spans("He called it 'the nations' shame' on Monday.") == ["the nations' shame"]


def test_nested_quote_stays_inside_the_outer_one() -> None:
    assert spans("\"They told us 'leave or die', so we left,\" she said.") == [
        "They told us 'leave or die', so we left,"
    ]


def test_multi_paragraph_quote_is_one_span() -> None:
    text = 'He said:\n\n"First paragraph ends here.\n\n"Second paragraph ends the quote."\n\nNext.'
    assert spans(text) == ['First paragraph ends here.\n\n"Second paragraph ends the quote.']


def test_unclosed_quote_is_dropped_at_the_paragraph_end() -> None:
    assert spans('He said "we will\n\nNothing else here.') == []


def test_title_like() -> None:
    assert title_like("Fox News Sunday,")
    assert title_like("Make Your Kid a Millionaire")
    assert not title_like("we will not retreat")
    assert not title_like("The floods destroyed forty villages and the roads to them, and we need help.")


def test_sentence_and_clause_bounds_skip_abbreviations() -> None:
    text = 'He left. Sen. Jane Roe, R-Ky., said it. "Yes," Mr. Doe said. Done.'
    assert text[sentence_start(text, text.index("said it")) :].startswith("Sen. Jane Roe")
    after = text.index('"Yes,"') + len('"Yes,"')
    assert text[after : clause_end(text, after)] == " Mr. Doe said."


_PIECES = st.sampled_from(
    [
        '"',
        "'",
        "\u201c",
        "\u201d",
        "\u2018",
        "\u2019",
        "''",
        " ",
        "\n",
        "\n\n",
        "s",
        "We",
        "said",
        ",",
        ".",
        "90",
        "nations",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_spans_are_ordered_disjoint_and_inside_the_text(text: str) -> None:
    found = find_marked_spans(text, normalise(text))
    previous_end = -1
    for start, end in found:
        assert 0 < start < end <= len(text)
        assert start >= previous_end
        previous_end = end


def test_curly_quote_nested_in_curly_quote() -> None:
    text = (
        "\u201cI would rather live in what he calls \u201chell\u201d than see him win.\u201d \u2015 Ana Ruiz"
    )
    assert spans(text) == ["I would rather live in what he calls \u201chell\u201d than see him win."]


def test_closing_mark_before_a_word_opens_a_quote() -> None:
    text = "A \u201dword\u201d and \u201cmore\u201d"
    nlp_text = 'A "word" and "more"'
    assert find_marked_spans(text, nlp_text) == [(3, 7), (14, 18)]
