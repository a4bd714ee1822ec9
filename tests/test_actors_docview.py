"""The actor stage's character-offset view of a Doc answers as a per-character token table would."""

from __future__ import annotations

from typing import Any

import pytest

from flashpoint.actors import _DocView

nlp = pytest.importorskip("flashpoint.nlp")

TEXT = ("The Velmoran army said its troops had pushed rebels out of Port Ardent.  "
        "\"They fled,\" Colonel Ana Brill told reporters, adding that the U.N. envoy arrived on Monday.")


def _table(doc: Any, length: int) -> list[int]:
    index = [-1] * (length + 1)
    for tok in doc:
        for c in range(tok.idx, min(tok.idx + len(tok.text), length)):
            index[c] = tok.i
    return index


def test_token_lookup_matches_a_character_table() -> None:
    doc = nlp.parse(TEXT)
    for length in (len(TEXT), 40):  # the text may be shorter than the Doc
        view, index = _DocView(doc, length), _table(doc, length)
        for offset in range(0, length + 3):
            expected = None if offset >= len(index) or index[offset] < 0 else index[offset]
            token = view.token(offset)
            assert (token.i if token is not None else None) == expected, offset


def test_subject_test_matches_a_character_table() -> None:
    doc = nlp.parse(TEXT)
    view, index = _DocView(doc, len(TEXT)), _table(doc, len(TEXT))

    def reference(start: int, end: int) -> bool:
        toks = {index[c] for c in range(start, min(end, len(index))) if index[c] >= 0}
        for i in toks:
            tok = doc[i]
            if tok.head.i not in toks or tok.head.i == tok.i:
                return tok.dep_ in {"nsubj", "nsubjpass", "csubj"} or (
                    tok.dep_ in {"poss", "compound"} and tok.head.dep_ in {"nsubj", "nsubjpass"})
        return False

    for start in range(0, len(TEXT), 3):
        for width in (1, 5, 12, 30):
            assert view.is_subject(start, start + width) == reference(start, start + width), (start, width)
    assert view.entities("PERSON") == [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "PERSON"]


def test_missing_doc_is_tolerated() -> None:
    view = _DocView(None, 10)
    assert view.token(3) is None and not view.is_subject(0, 5) and view.entities("ORG") == []
