"""Per-Doc helpers of the spaCy stage: they must say exactly what walking the Doc would say."""

from __future__ import annotations

from typing import Any

import pytest

nlp = pytest.importorskip("flashpoint.nlp")

TEXT = ("Rebels shelled the outskirts of Port Ardent on Tuesday,  the governor said.\n\n"
        "\"We will not retreat,\" a spokesman for the Northern Front told reporters in Velmora. "
        "U.S.-backed forces re-took the hill; 12 people were hurt.")


def _slow_token_at(doc: Any, offset: int) -> Any:
    for token in doc:
        if token.idx <= offset < token.idx + max(len(token.text), 1):
            return token
    return None


def test_token_table_matches_the_tokens() -> None:
    doc = nlp.parse(TEXT)
    table = nlp.token_table(doc)
    assert table.starts == [t.idx for t in doc]
    assert table.lengths == [len(t.text) for t in doc]
    assert table.sent_starts == [bool(t.is_sent_start) for t in doc]
    assert table.punct == [t.is_punct for t in doc]
    assert table.lowers == [t.lower_ for t in doc]
    assert nlp.token_table(nlp.parse("")).starts == []


def test_token_at_agrees_with_a_scan_at_every_offset() -> None:
    doc = nlp.parse(TEXT)
    for offset in range(-2, len(TEXT) + 3):
        fast, slow = nlp.token_at(doc, offset), _slow_token_at(doc, offset)
        assert (fast.i if fast is not None else None) == (slow.i if slow is not None else None), offset


def test_doc_text_and_per_doc_follow_the_doc() -> None:
    first, second = nlp.parse(TEXT), nlp.parse("Another short text.")
    assert nlp.doc_text(first) == first.text
    nlp.per_doc(first)["x"] = 1
    assert nlp.doc_text(second) == second.text
    assert "x" not in nlp.per_doc(second)  # a new Doc starts with an empty cache
    assert nlp.doc_text(first) == TEXT
