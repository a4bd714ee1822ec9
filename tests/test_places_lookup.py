"""Place finding's quick gazetteer probes say what a full lookup says; its token view is the Doc's."""

from __future__ import annotations

import functools

import pytest

from flashpoint import gazetteer, places
from flashpoint.gazetteer import Entry


@functools.lru_cache(maxsize=1)
def _gaz() -> gazetteer.Gazetteer:
    def geo(name: str, country: str, feature: str, pop: int) -> Entry:
        return Entry(name, 1.0, 2.0, country, None, feature, pop, None, "geonames", "CC-BY-4.0")

    rows = [(geo("Velmora", "VLM", "PCLI", 10**9), ["Republic of Velmora"]),
            (geo("Port Ardent", "VLM", "PPL", 200_000), ["Ardent"]),
            (geo("Bor", "VLM", "PPL", 9_000), ["BOR"]),
            (geo("Saint Ives", "GBR", "PPL", 11_000), [])]
    return gazetteer.from_entries(rows)


def _texts(gaz: gazetteer.Gazetteer) -> list[str]:
    curated = [entry.name for entry, _ in gazetteer.read_supplement()[0][:60]]
    abbreviations = list(gaz.abbreviations)[:40]
    made_up = ["Velmora", "the Republic of Velmora", "Port  Ardent", "PORT ARDENT", "BOR", "Bor", "St. Ives",
               "Ardent-", "Nowhere Town", "", " ", "US", "U.S.", "UK", "Tora Bora", "Line of Control"]
    return curated + [c.upper() for c in curated[:20]] + abbreviations + made_up


def test_probes_agree_with_lookup() -> None:
    gaz = _gaz()
    for text in _texts(gaz):
        readings = gaz.lookup(text)
        assert places._knows(gaz, text) == bool(readings), text
        curated = any(e.source == places.CURATED_SOURCE for e, _ in readings)
        assert places._has_curated(gaz, text) == curated, text


def test_token_view_matches_the_doc() -> None:
    nlp = pytest.importorskip("flashpoint.nlp")
    doc = nlp.parse("Fighting near Port Ardent spread to the Velmora-Bor border, U.N. monitors said.\n\n"
                    "Another  sentence follows here.")
    words = places._Words.of(doc)
    assert words.capitalised == [places._is_capitalised(t) for t in doc]
    assert words.lowers == [t.lower_ for t in doc]
    assert words.sent_starts == [bool(t.is_sent_start) for t in doc]
    assert words.punct == [t.is_punct for t in doc]
    for i in range(len(doc)):
        for j in range(i + 1, min(len(doc), i + 8) + 1):
            assert words.span_text(i, j) == doc[i:j].text
