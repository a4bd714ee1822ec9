"""Toponym resolution on hand-built mentions: the article's focus, 'Town, State', unplaced names."""

from __future__ import annotations

from flashpoint import gazetteer
from flashpoint.gazetteer import Entry
from flashpoint.models import Article, Origin
from flashpoint.toponyms import ToponymMention, resolve_mentions


def _geo(name: str, lat: float, lon: float, country: str | None, feature: str, pop: int,
         admin1: str | None = None) -> Entry:
    return Entry(name, lat, lon, country, admin1, feature, pop, None, "geonames", "CC-BY-4.0")


HARBOURVILLE = _geo("Harbourville", -20.3, 57.6, "MUS", "PPL", 800)
RIVERTON = _geo("Riverton", 30.0, -90.0, "USA", "PPL", 40_000, "Louisiana")
LOUISIANA = _geo("Louisiana", 31.0, -92.0, "USA", "ADM1", 1_000_000, "Louisiana")
USA = _geo("United States", 39.8, -98.5, "USA", "PCLI", 10**9 + 330_000_000)
WASHINGTON_STATE = _geo("Washington", 47.4, -120.5, "USA", "ADM1", 1_000_000, "Washington")
WASHINGTON_DC = _geo("Washington", 38.9, -77.0, "USA", "PPLC", 690_000, "District of Columbia")
OLYMPIA = _geo("Olympia", 47.0, -122.9, "USA", "PPL", 50_000, "Washington")
BRAZIL = _geo("Brazil", -10.0, -55.0, "BRA", "PCLI", 10**9 + 210_000_000)
GENEVA = _geo("Geneva", 46.2, 6.15, "CHE", "PPL", 180_000)


def _article(text: str) -> Article:
    return Article(id="t", origin=Origin("test"), text=text, nlp_text=text, body=text,
                   body_spans=((0, len(text)),), paragraphs=((0, len(text)),))


def _name(text: str, start: int, *readings: Entry) -> ToponymMention:
    return ToponymMention(start, start + len(text), text, tuple((e, True) for e in readings))


def _other(text: str, start: int, kind: str) -> ToponymMention:
    return ToponymMention(start, start + len(text), text, (), kind=kind)


def _resolve(text: str, mentions: list[ToponymMention]) -> list[Entry | None]:
    gaz = gazetteer.from_entries([], with_supplement=False)
    return [entry for entry, _ in resolve_mentions(mentions, _article(text), gaz)]


def test_streets_go_to_a_town_of_the_dominant_country_not_the_most_named_town() -> None:
    text = ("Harbourville Harbourville Riverton Louisiana United States Main Street "
            + " " * 40)
    mentions = [_name("Harbourville", 0, HARBOURVILLE), _name("Harbourville", 13, HARBOURVILLE),
                _name("Riverton", 26, RIVERTON), _name("Louisiana", 35, LOUISIANA),
                _name("United States", 45, USA), _other("Main Street", 59, "facility")]
    assert _resolve(text, mentions)[-1] is RIVERTON


def test_street_joined_to_a_town_by_in_lies_in_that_town() -> None:
    text = "Riverton Riverton Olympia Louisiana. Shops on Bay Street in Olympia closed."
    mentions = [_name("Riverton", 0, RIVERTON), _name("Riverton", 9, RIVERTON),
                _name("Olympia", 18, OLYMPIA), _name("Louisiana", 26, LOUISIANA),
                _other("Bay Street", 46, "facility"), _name("Olympia", 60, OLYMPIA)]
    assert _resolve(text, mentions)[4] is OLYMPIA


def test_state_named_after_a_town_in_it_is_the_state() -> None:
    text = "a bakery in Olympia, Washington opened"
    mentions = [_name("Olympia", 12, OLYMPIA),
                _name("Washington", 21, WASHINGTON_DC, WASHINGTON_STATE)]
    assert _resolve(text, mentions)[1] is WASHINGTON_STATE


def test_capital_alone_stays_the_capital() -> None:
    text = "talks in Washington ended"
    assert _resolve(text, [_name("Washington", 9, WASHINGTON_DC, WASHINGTON_STATE)])[0] is WASHINGTON_DC


def test_unknown_name_is_not_placed_in_a_barely_mentioned_country() -> None:
    text = "Brazil Brazil Brazil said in Geneva that Serra Alta " + " " * 10
    mentions = [_name("Brazil", 0, BRAZIL), _name("Brazil", 7, BRAZIL), _name("Brazil", 14, BRAZIL),
                _name("Geneva", 29, GENEVA), _other("Serra Alta", 41, "unknown")]
    unknown = _resolve(text, mentions)[-1]
    assert unknown is BRAZIL  # the dominant country, never the one town named in passing


def test_unknown_name_left_unplaced_when_no_country_dominates() -> None:
    text = "Geneva Riverton Harbourville Lisboa Serra Alta"
    lisboa = _geo("Lisboa", 38.7, -9.1, "PRT", "PPLC", 500_000)
    mentions = [_name("Geneva", 0, GENEVA), _name("Riverton", 7, RIVERTON),
                _name("Harbourville", 16, HARBOURVILLE), _name("Lisboa", 29, lisboa),
                _other("Serra Alta", 36, "unknown")]
    assert _resolve(text, mentions)[-1] is None
