"""Speaker attribution patterns of general English reporting (self-written sentences, must / must-not).

Covers: progressive and passive reported clauses ("says the militia is regrouping"), findings of things
nested in what a person reports ("said the audit shows that ..."), a parenthetical finding next to the same
content ("..., the footage showed"), the speaker span of a description ("the mayor said") versus a pronoun,
a headline line merged into the sentence, object control ("forced X to admit"), and adverbial clauses.
"""

from __future__ import annotations

from flashpoint.models import Quote
from test_quotes_golden import run_quotes


def _by_text(quotes: tuple[Quote, ...], start: str) -> Quote:
    hits = [q for q in quotes if q.text.startswith(start)]
    assert hits, f"no quote starting {start!r}: {[q.text for q in quotes]}"
    return hits[0]


def _speaker(quote: Quote) -> str:
    assert quote.speaker is not None
    return f"{quote.speaker.identifier_text} | {quote.speaker.entity_text}"


def test_progressive_reported_clause_is_indirect_speech() -> None:
    quotes = run_quotes("Governor Lena Ortiz says the militia is regrouping near the northern border.\n")
    quote = _by_text(quotes, "the militia is regrouping")
    assert quote.kind.value == "indirect"
    assert "Ortiz" in _speaker(quote)


def test_gerund_object_is_not_reported_speech() -> None:
    assert run_quotes("Ortiz described meeting the envoys in Doha last month.\n") == ()


def test_adverbial_clause_is_not_reported_speech() -> None:
    assert run_quotes("Residents of Kandor feel relieved after the army reopened the mountain road.\n") == ()


def test_finding_of_a_thing_inside_a_report_is_the_reporters() -> None:
    text = "City manager Tom Reyes said the audit shows that the pension fund lost money in 2023.\n"
    quote = _by_text(run_quotes(text), "the pension fund lost money")
    assert "Reyes" in _speaker(quote)
    assert "audit" not in _speaker(quote)


def test_parenthetical_finding_gives_way_to_the_reporter() -> None:
    text = "Tom Reyes, the city manager, said the guards did not fire first, the footage showed.\n"
    quotes = run_quotes(text)
    quote = _by_text(quotes, "the guards did not fire first")
    assert "Reyes" in _speaker(quote)
    assert not any(q.speaker is not None and "footage" in _speaker(q) for q in quotes)


def test_description_speaker_span_is_the_named_mention_it_resolves_to() -> None:
    text = (
        "Mayor Dana Whitfield opened the session on Monday.\n\n"
        '"We will rebuild the bridge before winter," the mayor said.\n'
    )
    quote = _by_text(run_quotes(text), "We will rebuild")
    assert quote.speaker is not None and quote.speaker.identifier_text == "Dana Whitfield"
    assert quote.speaker_start is not None and quote.speaker_end is not None
    assert "Whitfield" in text[quote.speaker_start : quote.speaker_end]  # FORMAT.md: the named mention


def test_pronoun_speaker_span_is_the_named_antecedent() -> None:
    text = (
        "Mayor Dana Whitfield opened the session on Monday.\n\n"
        '"We will rebuild the bridge before winter," she said.\n'
    )
    quote = _by_text(run_quotes(text), "We will rebuild")
    assert quote.speaker_start is not None and quote.speaker_end is not None
    assert text[quote.speaker_start : quote.speaker_end] == "Dana Whitfield"


def test_headline_line_is_not_the_subject_of_the_next_sentence() -> None:
    text = (
        "The Latest on the budget talks\n\n2:45 p.m.\n\n"
        "County clerk Jane Moss says an internal review shows no ballots were lost.\n"
    )
    quotes = run_quotes(text)
    quote = _by_text(quotes, "no ballots were lost")
    assert "Moss" in _speaker(quote)
    assert not any(q.speaker is not None and "Latest" in _speaker(q) for q in quotes)


def test_compelled_speaker_is_the_object() -> None:
    text = "Senator Ruth Calder forced Mr. Hale to admit that the bank had misled its customers.\n"
    quote = _by_text(run_quotes(text), "the bank had misled")
    assert "Hale" in _speaker(quote)


def test_urged_question_stays_with_the_urger() -> None:
    text = "Senator Ruth Calder urged voters to ask whether the bank had misled its customers.\n"
    quotes = run_quotes(text)
    assert not any(q.speaker is not None and "voters" in _speaker(q) for q in quotes)


def test_adjectival_reported_clause_is_indirect_speech() -> None:
    text = "Governor Lena Ortiz says in Tulsa that she's thrilled to receive the endorsement of the union.\n"
    quote = _by_text(run_quotes(text), "she's thrilled")
    assert "Ortiz" in _speaker(quote)


def test_attribution_after_an_apposition_with_a_verb() -> None:
    text = (
        "\u201cThe river is an invasion route,\u201d Tom Reyes, the mayor of a town bordering the dam, "
        "said at a hearing on Monday.\n"
    )
    quote = _by_text(run_quotes(text), "The river is an invasion route")
    assert quote.kind.value == "direct"
    assert "Reyes" in _speaker(quote)


def test_closing_mark_typed_as_opening_mark_still_opens_a_signed_quote() -> None:
    text = (
        "Readers wrote to us.\n\n"
        "\u201dThe border fence will not stop anyone. It only divides families.\u201d \u2015 Maria Lopez\n"
    )
    quote = _by_text(run_quotes(text), "The border fence will not stop anyone")
    assert "Maria Lopez" in _speaker(quote)
