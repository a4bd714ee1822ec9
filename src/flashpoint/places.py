"""Toponyms: find every place name in an article and resolve it against the gazetteer.

In: the spaCy Doc of ``Article.nlp_text`` and the :class:`~flashpoint.models.Article`. Out: a tuple of
:class:`~flashpoint.models.Place` records (one per mention, in text order) with coordinates, ISO3
country, province (admin1), feature code and GeoNames id where one exists.

Mentions come from spaCy's GPE/LOC/FAC entities and from gazetteer phrase matching over capitalised
words (which finds what spaCy misses or mislabels, e.g. "Tora Bora" tagged as a person), from upper-case
datelines ("RALEIGH, N.C. (AP) -"), and from names the text marks as places with a lower-case place noun
("the village of X", "the towns of X and Y", "the X district"): a marked name the gazetteer lacks is
placed at the place it is linked to ("X, 40 km south of Kabul"), else by the article's context, else left
without coordinates when the article names no place at all. Demonyms and
adjectival uses ("Pakistani forces"), outlet names ("Geo News") and person names are not places.
Each name is resolved by :mod:`flashpoint.toponyms` (population, feature, the article's other places,
its dateline). :func:`locate_event` (in :mod:`flashpoint.event_places`) picks an event's place.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from . import gazetteer, regions
from .event_places import locate_event
from .models import Article, Place, Provenance
from .nlp import doc_text, token_table
from .toponyms import SUFFIX_FEATURES as SUFFIX_WORDS
from .toponyms import ToponymMention, resolve_mentions

__all__ = ["extract_places", "locate_event"]

EXTRACTOR = "places"
VERSION = "1"
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
NON_PLACE_LABELS = frozenset({"PERSON", "NORP", "DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL",
                              "QUANTITY", "WORK_OF_ART", "LAW", "LANGUAGE", "EVENT", "PRODUCT"})
OUTLET_WORDS = frozenset({"news", "tv", "times", "post", "tribune", "radio", "herald", "journal", "daily",
                          "agency", "press", "television", "network", "gazette", "telegraph", "chronicle",
                          "observer", "express", "standard", "mail", "monitor", "insider", "today", "review",
                          "channel", "broadcasting", "newspaper", "magazine", "wire", "register", "globe",
                          "sun", "star", "independent", "guardian", "dispatch", "bulletin", "courier",
                          "examiner", "inquirer", "sentinel", "tribune-review", "university", "college",
                          "fc", "united", "city"})
CONNECTORS = frozenset({"of", "the", "e", "i", "al", "el", "de", "du", "la", "le", "del", "da", "do", "wa",
                        "and", "-", "ul", "-e", "-i", "-e-", "'s", "bin", "upon", "on", "y", "dos", "das"})
CURATED_SOURCE = "flashpoint-curated"
TERRITORY_NOUNS = frozenset({"soil", "territory", "territories", "airspace", "land", "lands", "waters",
                             "side", "mainland", "frontier"})
TEMPORAL_LABELS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL", "EVENT"})
LOCATIVE_STRICT = frozenset({"in", "at", "near", "outside", "into", "inside", "across", "around", "toward",
                             "towards", "entered", "captured", "shelled", "bombed", "seized"})
CONTAINER_NOUNS = frozenset({"village", "villages", "town", "towns", "city", "province", "district", "region",
                             "outskirts", "suburb", "suburbs", "settlement", "settlements", "area", "capital",
                             "governorate", "county", "state", "island", "port", "neighbourhood",
                             "neighborhood"})
MOTION_VERBS = frozenset({"go", "travel", "move", "return", "head", "fly", "drive", "come", "flee", "send",
                          "relocate", "bring", "take", "transfer", "evacuate", "walk", "sail", "commute",
                          "migrate", "deport", "expand", "trip", "journey", "arrive", "escape", "ride", "run",
                          "transport", "ship", "airlift", "march", "retreat", "withdraw", "advance", "route",
                          "divert", "extend", "stretch", "connect", "link", "visit", "leave", "depart"})
OF_PLACE_NOUNS = frozenset({"vicinity", "countryside", "outskirts", "siege", "north", "south", "east", "west",
                            "northeast", "northwest", "southeast", "southwest", "centre", "center", "heart",
                            "streets", "suburbs", "residents", "people", "mayor", "governor"})
SPEECH_AFTER = frozenset({"said", "says", "told", "added", "wrote", "stated", "explained", "argued"})
LOCATIVE_BEFORE = frozenset({"in", "at", "near", "outside", "into", "across", "around", "inside", "from",
                             "toward", "towards", "capital", "city", "town", "village"})
# "the village of X", "the towns of X and Y": a lower-case place noun naming what follows it
MARKER_BEFORE = frozenset({"village", "villages", "town", "towns", "city", "cities", "district", "districts",
                           "neighbourhood", "neighborhood", "neighbourhoods", "neighborhoods", "province",
                           "governorate", "suburb", "suburbs", "settlement", "settlements", "hamlet",
                           "township", "municipality", "county", "region", "island", "port"})
# "the Makhmur district", "the Jumla and Diwan villages": a lower-case place noun after the name
MARKER_AFTER = frozenset({"village", "villages", "town", "city", "district", "districts", "neighbourhood",
                          "neighborhood", "province", "governorate", "area", "areas", "suburb", "valley",
                          "county", "township", "municipality", "hamlet"})
PLURAL_MARKERS = frozenset({"villages", "towns", "cities", "districts", "neighbourhoods", "neighborhoods",
                            "suburbs", "settlements", "areas"})
DATELINE_STOPS = frozenset({",", "(", "-", "--", "—", "–"})
NAME_PREFIXES = frozenset({"al", "el", "ad", "as", "ash", "an", "ar", "at", "az", "ibn", "abu", "bani"})
MAX_MARKED_NAME = 5  # tokens
# a city found only by phrase matching (spaCy did not call it a place) must be at least this big
MIN_PHRASE_CITY_POPULATION = 100_000
# a town matched only by an alternate name ("Kobane") in a locative context must be at least this big
MIN_ALIAS_TOWN_POPULATION = 20_000


FACILITY_WORDS = frozenset({
    "street", "st", "avenue", "ave", "road", "rd", "boulevard", "blvd", "lane", "drive", "way", "square",
    "park", "hall", "centre", "center", "hospital", "tower", "towers", "castle", "chapel", "church",
    "cathedral", "basilica", "mosque", "temple", "bridge", "station", "airport", "stadium", "arena", "river",
    "lake", "island", "county", "township", "canal", "beach", "bay", "creek", "school", "museum", "library",
    "market", "mall", "plaza", "court", "courthouse", "prison", "jail", "estate", "parade", "hotel",
    "theatre", "theater", "gardens", "garden", "zoo", "harbor", "harbour", "pier", "terminal", "highway",
    "freeway", "motorway", "expressway", "parkway", "crescent", "complex", "building", "memorial",
    "cemetery", "palace", "mountain", "hill", "hills", "forest", "dam", "reservoir", "metro", "terrace",
})


@dataclass(frozen=True, slots=True)
class _Span:
    start: int  # token indices
    end: int
    from_ner: bool
    facility: bool = False  # "Press Street", "Hamilton County": a named spot inside a known place
    unknown: bool = False  # a place entity the gazetteer does not know: placed by the article's context
    territory: bool = False  # "Pakistani soil", "Afghan airspace": the country named by its adjective
    marked: bool = False  # "the village of X", "the X district": the text itself says it is a place


def extract_places(doc: Any, article: Article, *,
                   gaz: gazetteer.Gazetteer | None = None) -> tuple[Place, ...]:
    """Every toponym mention in ``doc`` (built on ``article.nlp_text``), resolved (``gaz``: the gazetteer
    to use, default the full cached one)."""
    gaz = gaz if gaz is not None else gazetteer.load()
    spans = sorted(_candidate_spans(doc, gaz, _Words.of(doc)), key=lambda span: span.start)
    mentions = [m for m in (_mention(doc, article, s, gaz) for s in spans) if m is not None]
    person_names = _person_names(doc)
    mentions = [m for m in mentions if not _is_person_name(m, person_names)]
    resolved = resolve_mentions(mentions, article, gaz)
    places = []
    placeless = all(entry is None for entry, _ in resolved)
    for mention, (entry, confidence) in zip(mentions, resolved, strict=True):
        if entry is None:
            if placeless and mention.marked and mention.kind == "unknown":
                places.append(_unplaced(article, mention))  # a marked place with nothing to place it by
            continue
        placed_by_context = mention.kind != "name"  # a street or an unknown name: the area it lies in
        places.append(Place(
            article_id=article.id, text=article.text[mention.start:mention.end], start=mention.start,
            end=mention.end, name=mention.text if placed_by_context else entry.name,
            lat=round(entry.lat, 5), lon=round(entry.lon, 5), country=entry.country,
            admin1=entry.admin1 if entry.feature != "PCLI" else None,
            geonames_id=None if placed_by_context else entry.geonames_id,
            feature={"facility": "FAC", "unknown": None}.get(mention.kind, entry.feature),
            confidence=round(confidence, 3),
            provenance=Provenance(article.id, mention.start, mention.end, EXTRACTOR, VERSION),
        ))
    return regions.shift_regions(tuple(places), article, gaz)  # "eastern Afghanistan": its east


def _unplaced(article: Article, mention: ToponymMention) -> Place:
    """A place the text names ("the town of X") that neither the gazetteer nor the article can place."""
    return Place(article_id=article.id, text=article.text[mention.start:mention.end], start=mention.start,
                 end=mention.end, name=mention.text, confidence=0.1,
                 provenance=Provenance(article.id, mention.start, mention.end, EXTRACTOR, VERSION))


# ----------------------------------------------------------------------------------------------
# finding mentions


def _is_capitalised(token: Any) -> bool:
    return _is_capitalised_text(token.text)


def _is_capitalised_text(text: str) -> bool:
    return text[:1].isupper() and any(ch.isalpha() for ch in text)


@dataclass(frozen=True, slots=True)
class _Words:
    """Per-token facts of one Doc read once (spaCy builds a Token object on every access)."""

    text: str
    starts: list[int]  # character offsets
    ends: list[int]
    lowers: list[str]
    capitalised: list[bool]
    sent_starts: list[bool]
    punct: list[bool]

    @classmethod
    def of(cls, doc: Any) -> _Words:
        table, text = token_table(doc), doc_text(doc)
        ends = [start + length for start, length in zip(table.starts, table.lengths, strict=True)]
        capitalised = [_is_capitalised_text(text[start:end])
                       for start, end in zip(table.starts, ends, strict=True)]
        return cls(text, table.starts, ends, table.lowers, capitalised, table.sent_starts, table.punct)

    def span_text(self, i: int, j: int) -> str:
        """``doc[i:j].text``."""
        return self.text[self.starts[i]:self.ends[j - 1]]


# readings are looked up only for spans the index holds: most candidate spans are not names at all
_folded = functools.lru_cache(maxsize=1 << 16)(gazetteer.fold)


def _knows(gaz: gazetteer.Gazetteer, text: str) -> bool:
    """``bool(gaz.lookup(text))`` without building readings when the folded name is not indexed."""
    stripped = text.strip()
    if stripped in gaz.abbreviations:
        return True
    return _folded(text) in gaz.index and bool(gaz.lookup(text))


def _has_curated(gaz: gazetteer.Gazetteer, text: str) -> bool:
    """Whether a reading of ``text`` is a curated entry."""
    if text.strip() not in gaz.abbreviations and _folded(text) not in gaz.index:
        return False
    return any(e.source == CURATED_SOURCE for e, _ in gaz.lookup(text))


def _entity_labels(doc: Any) -> list[str | None]:
    labels: list[str | None] = [None] * len(doc)
    for ent in doc.ents:
        for i in range(ent.start, ent.end):
            labels[i] = ent.label_
    return labels


def _candidate_spans(doc: Any, gaz: gazetteer.Gazetteer, words: _Words | None = None) -> Iterator[_Span]:
    """Token spans that may be toponyms: spaCy place entities (or their known parts) and phrase matches."""
    words = words if words is not None else _Words.of(doc)
    taken = [False] * len(doc)
    labels = _entity_labels(doc)
    for span in [*_curated_phrases(doc, gaz, words), *_territories(doc, gaz, words),
                 *_marked_names(doc, gaz, words, labels), *_dateline_names(gaz, words)]:
        if any(taken[span.start:span.end]):
            continue
        for i in range(span.start, span.end):
            taken[i] = True
        yield span
    for ent in doc.ents:
        if ent.label_ not in PLACE_LABELS or any(taken[ent.start:ent.end]):
            continue
        start = ent.start + (1 if words.lowers[ent.start] == "the" else 0)
        best = _longest_known(doc, start, ent.end, gaz, words)
        if best is None:
            if ent.label_ != "FAC" and start < ent.end and words.capitalised[start] and _locative_context(
                    doc, start, ent.end):
                for i in range(start, ent.end):
                    taken[i] = True
                yield _Span(start, ent.end, True, unknown=True)
            continue
        rest = {words.lowers[k] for k in range(start, ent.end) if not best[0] <= k < best[1]}
        known_words = {words.lowers[k] for k in range(*best)}
        facility = bool(rest & FACILITY_WORDS) or known_words <= FACILITY_WORDS
        span = _Span(start, ent.end, True, True) if facility else _Span(best[0], best[1], True)
        for i in range(span.start, span.end):
            taken[i] = True
        yield span
    capitalised, sent_starts = words.capitalised, words.sent_starts
    i, n = 0, len(doc)
    while i < n:
        if taken[i] or not capitalised[i]:
            i += 1
            continue
        found = None
        for j in range(min(n, i + gaz.max_words), i, -1):
            if any(taken[i:j]) or not capitalised[j - 1]:
                continue
            if any(sent_starts[i + 1:j]):
                continue
            if _knows(gaz, words.span_text(i, j)):
                found = (i, j)
                break
        if found is None:
            unknown = _unknown_after_locative(doc, i, labels)
            if unknown is not None and not any(taken[unknown.start:unknown.end]):
                yield unknown
                i = unknown.end
                continue
            i += 1
            continue
        end = found[1]
        while end < n and capitalised[end] and words.lowers[end] in FACILITY_WORDS:
            end += 1
        if end > found[1]:
            yield _Span(found[0], end, False, True)
        elif _accept_phrase_match(doc, found, labels, gaz):
            yield _Span(found[0], found[1], False)
        i = end


def _unknown_after_locative(doc: Any, i: int, labels: list[str | None]) -> _Span | None:
    """'killed in Mussaiyab', 'fighting near Al-Dawr': a proper name the gazetteer lacks, governed by a
    locative preposition that attaches to a verb, is a place spaCy mislabelled (placed by context)."""
    token = doc[i]
    if i == 0 or token.pos_ != "PROPN" or labels[i] in TEMPORAL_LABELS or labels[i] in ("GPE", "LOC", "FAC"):
        return None
    prep = doc[i - 1]
    if prep.lower_ not in ("in", "near", "outside") or prep.dep_ != "prep" or prep.head.pos_ != "VERB":
        return None
    end = i
    while end < len(doc) and doc[end].pos_ == "PROPN" and end - i < 4:
        end += 1
    root = doc[end - 1]
    if root.dep_ != "pobj" or root.head.i != prep.i:
        return None
    if end < len(doc) and doc[end].ent_iob_ == "I":
        return None
    if labels[i] == "PERSON" and end - i > 1:
        return None  # "in John Smith's view"
    return _Span(i, end, False, unknown=True)


def _territories(doc: Any, gaz: gazetteer.Gazetteer, words: _Words) -> Iterator[_Span]:
    """'Pakistani soil', 'Afghan territory', 'the Iranian side': a national adjective naming the land."""
    lowers, capitalised = words.lowers, words.capitalised
    for i in range(len(lowers) - 1):
        if (lowers[i + 1] in TERRITORY_NOUNS and capitalised[i]
                and gaz.demonym_country(words.text[words.starts[i]:words.ends[i]]) is not None):
            yield _Span(i, i + 2, False, territory=True)


def _marked_names(doc: Any, gaz: gazetteer.Gazetteer, words: _Words,
                  labels: list[str | None]) -> Iterator[_Span]:
    """Names the text itself marks as places with a lower-case place noun: "the village of X", "the
    towns of X and Y", "the X district", "the X and Y villages". Known names are resolved as usual; names
    the gazetteer lacks are placed by the article's context."""
    lowers, n = words.lowers, len(words.lowers)
    for k, word in enumerate(lowers):
        if word in MARKER_BEFORE and k + 2 < n and lowers[k + 1] == "of" and not words.capitalised[k]:
            start = k + 2
            while start < n:
                found = _name_forward(words, start)
                if found is None:
                    break
                end = found
                span = _marked_span(doc, gaz, words, labels, start, end)
                if span is not None:
                    yield span
                if word not in PLURAL_MARKERS or end + 1 >= n or lowers[end] not in (",", "and"):
                    break
                start = end + 1 + (lowers[end + 1] == "and")
        elif word in MARKER_AFTER and k > 0 and not words.capitalised[k]:
            end = k
            while end > 0:
                begin = _name_backward(doc, words, end)
                if begin is None:
                    break
                start = begin
                span = _marked_span(doc, gaz, words, labels, start, end)
                if span is not None:
                    yield span
                if word not in PLURAL_MARKERS or start < 2 or lowers[start - 1] not in (",", "and"):
                    break
                end = start - 1 - (lowers[start - 2] == "," and lowers[start - 1] == "and")


def _dateline_names(gaz: gazetteer.Gazetteer, words: _Words) -> Iterator[_Span]:
    """'SPRINGFIELD, Ill. (AP) -', 'ST. LOUIS -': an upper-case place name opening a paragraph and cut
    off by a comma, bracket or dash (spaCy often calls it an organisation), and the region after it."""
    n = len(words.lowers)
    for i in range(n):
        if i > 0 and "\n" not in words.text[words.starts[i - 1]:words.starts[i]]:
            continue  # (the previous token may be the blank line itself)
        end = i
        while end < n and end - i < 4 and (_is_upper_word(words.span_text(end, end + 1)) or (
                end > i and words.lowers[end] == "." and end + 1 < n and words.capitalised[end + 1])):
            end += 1
        if end == i or end >= n or words.lowers[end] not in DATELINE_STOPS:
            continue
        if not _knows(gaz, words.span_text(i, end)):
            continue
        yield _Span(i, end, True)
        if words.lowers[end] != ",":
            continue
        region_end = end + 1
        while region_end < n and region_end - end <= 3 and words.capitalised[region_end]:
            region_end += 1
        for stop in range(region_end, end + 1, -1):
            if stop < n and words.lowers[stop] in DATELINE_STOPS and _knows(
                    gaz, words.span_text(end + 1, stop)):
                yield _Span(end + 1, stop, True)
                break


def _is_upper_word(text: str) -> bool:
    return any(ch.isalpha() for ch in text) and text == text.upper()


def _is_name_piece(words: _Words, i: int) -> bool:
    """A capitalised word, or a lower-case Arabic article/prefix joined by a hyphen ("al-Thawra")."""
    if words.capitalised[i]:
        return True
    return words.lowers[i] in NAME_PREFIXES and i + 1 < len(words.lowers) and words.lowers[i + 1] == "-"


def _name_forward(words: _Words, i: int) -> int | None:
    """End of the proper name starting at token ``i`` (capitalised words joined by hyphens), or None."""
    n = len(words.lowers)
    if i >= n or not _is_name_piece(words, i):
        return None
    end = i
    while end < n and end - i < MAX_MARKED_NAME and (end == i or not words.sent_starts[end]):
        if _is_name_piece(words, end) or (
                words.lowers[end] == "-" and end + 1 < n and _is_name_piece(words, end + 1)):
            end += 1
        else:
            break
    while end > i and not words.capitalised[end - 1]:
        end -= 1
    return end if end > i else None


def _name_backward(doc: Any, words: _Words, end: int) -> int | None:
    """Start of the proper name ending just before token ``end``, or None."""
    if end < 1 or not words.capitalised[end - 1]:
        return None
    start = end - 1
    while start > 0 and end - start < MAX_MARKED_NAME and not words.sent_starts[start]:
        before = start - 1
        if (words.capitalised[before] and words.lowers[before] not in CONNECTORS
                and doc[before].pos_ == "PROPN"):
            start = before
        elif words.lowers[before] == "-" and before > 0 and _is_name_piece(words, before - 1):
            start = before - 1
        else:
            break
    return start


def _marked_span(doc: Any, gaz: gazetteer.Gazetteer, words: _Words, labels: list[str | None],
                 start: int, end: int) -> _Span | None:
    ent_labels = {labels[k] for k in range(start, end)} - {None}
    if ent_labels & TEMPORAL_LABELS or (words.sent_starts[start] and words.lowers[start] == "the"):
        return None
    text = words.span_text(start, end)
    last = doc[end - 1]
    if not any(doc[k].pos_ == "PROPN" for k in range(start, end)) or (
            words.sent_starts[start] and doc[start].pos_ != "PROPN"):
        return None
    if last.tag_ in ("JJ", "JJR", "JJS") or gaz.demonym_country(text) is not None:
        return None  # "the Syrian city of", "the Kurdish region": an adjective, not a name
    if words.lowers[start] == "the":
        start += 1
    if start >= end:
        return None
    if _knows(gaz, words.span_text(start, end)):
        return _Span(start, end, True, marked=True)
    if "NORP" in ent_labels:
        return None  # "the Sikh area", "the Druze villages": a community, not a place name
    return _Span(start, end, True, unknown=True, marked=True)


def _curated_phrases(doc: Any, gaz: gazetteer.Gazetteer, words: _Words) -> Iterator[_Span]:
    """Curated names of two or more words, whatever spaCy made of them ("Tora Bora", "Afghan-Pakistan
    border", "Line of Control")."""
    capitalised, sent_starts, punct = words.capitalised, words.sent_starts, words.punct
    n = len(capitalised)
    i = 0
    while i < n:
        if not capitalised[i]:
            i += 1
            continue
        found = None
        for j in range(min(n, i + gaz.max_words), i + 1, -1):
            if punct[j - 1] or any(sent_starts[i + 1:j]):
                continue
            if _has_curated(gaz, words.span_text(i, j)):
                found = _Span(i, j, True)
                break
        if found is None:
            i += 1
            continue
        yield found
        i = found.end


def _longest_known(doc: Any, start: int, end: int, gaz: gazetteer.Gazetteer,
                   words: _Words) -> tuple[int, int] | None:
    """The longest sub-span of an entity that the gazetteer knows (the whole entity first)."""
    capitalised = words.capitalised
    for width in range(end - start, 0, -1):
        for s in range(start, end - width + 1):
            if not capitalised[s] or not capitalised[s + width - 1]:
                continue
            if _knows(gaz, words.span_text(s, s + width)):
                return s, s + width
    return None


def _accept_phrase_match(doc: Any, found: tuple[int, int], labels: list[str | None],
                         gaz: gazetteer.Gazetteer) -> bool:
    """A gazetteer match spaCy did not call a place: keep curated features, countries, provinces and
    big cities, unless spaCy saw a person/date/demonym there."""
    start, end = found
    if _is_hyphen_tail(doc, start, gaz):
        return False
    readings = gaz.lookup(doc[start:end].text)
    curated = any(e.source == CURATED_SOURCE and (preferred or e.importance > 0) for e, preferred in readings)
    strong = any(e.feature in ("PCLI", "CONT", "ADM1") for e, _ in readings) or any(
        e.importance >= MIN_PHRASE_CITY_POPULATION and preferred for e, preferred in readings)
    ent_labels = {labels[k] for k in range(start, end)} - {None}
    if curated and (end - start > 1 or not ent_labels & {"PERSON"}):
        return True
    if ent_labels == {"PERSON"} and strong and _person_tag_is_wrong(doc, start, end, readings):
        return True
    if (not ent_labels & TEMPORAL_LABELS and _locative_context(doc, start, end)
            and any(preferred or e.importance >= MIN_ALIAS_TOWN_POPULATION for e, preferred in readings)):
        return True
    if ent_labels == {"ORG"} and _is_whole_entity(doc, start, end) and any(
            preferred and (e.feature in ("PPLC", "PCLI") or e.importance >= 1_000_000)
            for e, preferred in readings):
        return True  # spaCy often calls capitals organisations ("between London and Harare")
    if ent_labels & NON_PLACE_LABELS or "ORG" in ent_labels:
        return False
    if not strong:
        return False
    first = doc[start]
    return not (first.is_sent_start and end - start == 1 and first.pos_ not in ("PROPN",))


def _is_hyphen_tail(doc: Any, start: int, gaz: gazetteer.Gazetteer) -> bool:
    """'Dyfed-Powys Police': the name is the tail of a longer hyphenated name the gazetteer lacks (but
    'Amsterdam-London', 'Asia-Pacific' join two known names)."""
    if start < 2 or doc[start - 1].text != "-" or doc[start - 1].whitespace_ or doc[start - 2].whitespace_:
        return False
    first = doc[start - 2]
    return _is_capitalised(first) and first.ent_type_ != "NORP" and not _knows(gaz, first.text)


def _is_whole_entity(doc: Any, start: int, end: int) -> bool:
    return doc[start].ent_iob_ == "B" and (end >= len(doc) or doc[end].ent_iob_ != "I")


def _locative_context(doc: Any, start: int, end: int) -> bool:
    """'in Manbij', 'outside Beslan', 'the village of Maharda', 'moved to Boise', 'north of Tunis': a name
    spaCy mislabelled but the grammar says is a place (the entity must not run on past the name)."""
    if (end < len(doc) and doc[end].ent_iob_ == "I") or doc[start].ent_iob_ == "I":
        return False
    prep = doc[start - 1] if start > 0 else None
    before = prep.lower_ if prep is not None else ""
    if before in LOCATIVE_STRICT:
        return True  # the object of a preposition: not the speaker even when "said" follows
    if end < len(doc) and doc[end].lower_ in SPEECH_AFTER:
        return False
    if prep is not None and before in ("to", "from") and prep.head.lemma_.lower() in MOTION_VERBS:
        return True
    return before == "of" and start > 1 and doc[start - 2].lower_ in (CONTAINER_NOUNS | OF_PLACE_NOUNS)


def _person_tag_is_wrong(doc: Any, start: int, end: int,
                         readings: list[tuple[gazetteer.Entry, bool]]) -> bool:
    """spaCy often calls a city a person ("Grozny's streets", "in Aleppo"): trust the gazetteer unless the
    name is part of a longer person name in the article or the subject of a speech verb."""
    words = {doc[k].text for k in range(start, end)}
    for ent in doc.ents:
        if ent.label_ == "PERSON" and len(ent) > end - start and words <= {t.text for t in ent}:
            return False
    after = doc[end].lower_ if end < len(doc) else ""
    if after in SPEECH_AFTER:
        return False
    before = doc[start - 1].lower_ if start > 0 else ""
    if before in LOCATIVE_BEFORE:
        return True
    return any(preferred and e.importance >= MIN_PHRASE_CITY_POPULATION for e, preferred in readings)


def _mention(doc: Any, article: Article, span: _Span, gaz: gazetteer.Gazetteer) -> ToponymMention | None:
    tokens = doc[span.start:span.end]
    start, end = tokens.start_char, tokens.end_char
    text = article.nlp_text[start:end]
    if span.territory:
        country = gaz.demonym_country(tokens[0].text)
        if country is None:
            return None
        return ToponymMention(start=start, end=end, text=text, readings=((country, True),), from_ner=False,
                       sentence_start=tokens.sent.start_char)
    if _is_demonym_use(tokens) or _is_outlet(doc, span):
        return None
    following = doc[span.end].lower_ if span.end < len(doc) else ""
    kind = "facility" if span.facility else "unknown" if span.unknown else "name"
    readings = tuple(gaz.lookup(text)) if kind == "name" else ()
    return ToponymMention(start=start, end=end, text=text, readings=readings,
                   from_ner=span.from_ner, next_word=following, sentence_start=tokens.sent.start_char,
                   kind=kind, marked=span.marked)


def _person_names(doc: Any) -> frozenset[str]:
    """Folded surnames of the people the article names in full ("Claude Dubreuil" gives "dubreuil"). A
    lone name spaCy calls a person is not used: it is too often a town ("in Yala", "Samos said")."""
    names = set()
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        words = [t.text for t in ent if t.text not in ("'s", "’s", "'", "’")]
        if len(words) > 1 and all(_is_capitalised_text(word) for word in words):
            names.add(_folded(words[-1]))
    return frozenset(names)


def _is_person_name(mention: ToponymMention, person_names: frozenset[str]) -> bool:
    """'Dubreuil had a canal dug' after 'Claude Dubreuil': a bare name the article gives a person is not a
    place, unless the text marks it as one ("the village of X", "X province") or it names a country,
    province, curated feature or big city."""
    if mention.marked or mention.kind == "facility" or mention.next_word in SUFFIX_WORDS:
        return False
    text = mention.text
    for suffix in ("'s", "’s"):
        text = text.removesuffix(suffix)
    if " " in text.strip() or _folded(text) not in person_names:
        return False
    return not any(e.feature in ("PCLI", "CONT", "ADM1") or e.source == CURATED_SOURCE
                   or (preferred and e.importance >= MIN_PHRASE_CITY_POPULATION)
                   for e, preferred in mention.readings)


def _is_demonym_use(tokens: Any) -> bool:
    """'Pakistani forces', 'Afghan officials': adjectival national words are actors, not places."""
    last = tokens[-1]
    word: str = last.text.lower()
    looks_national = word.endswith(("i", "an", "ese", "ish", "ian", "ic"))
    return looks_national and (last.tag_ in ("JJ", "NNPS") or last.ent_type_ == "NORP")


def _is_outlet(doc: Any, span: _Span) -> bool:
    """'Geo News', 'Ariana News', 'The Kabul Times', 'Pakistan-based ... News': names of media outlets."""
    after = span.end
    if after < len(doc) and doc[after].text == "-" and after + 1 < len(doc):
        after += 2
    for k in range(after, min(after + 2, len(doc))):
        token = doc[k]
        if not _is_capitalised(token):
            break
        if token.lower_ in OUTLET_WORDS and token.ent_type_ in ("ORG", "WORK_OF_ART", "", "GPE"):
            return token.ent_type_ == "ORG" or token.lower_ in ("news", "tv", "times", "post", "press")
    return False
