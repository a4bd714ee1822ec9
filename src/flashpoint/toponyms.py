"""Toponym resolution: choose one gazetteer reading for each place-name mention of an article.

In: :class:`ToponymMention` records (span, surface text, the gazetteer's readings, the word after it) found by
:mod:`flashpoint.places`, the :class:`~flashpoint.models.Article` (dateline) and the gazetteer. Out: one
``(Entry | None, confidence)`` per mention.

Scoring: a reading's importance (log population; countries outrank towns of the same name), whether the
mention matched its preferred name or only a (noisy) alternate name, its feature class, what the next
word says ("X province", "X district"), and consistency with the article: the countries and provinces
its other places resolve to, its dateline, and the "Town, Province" pattern. Two passes: unambiguous
mentions fix the article's context, then every mention is resolved within it.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from .gazetteer import Entry, Gazetteer
from .models import Article

SUFFIX_FEATURES = {
    "province": ("ADM1",), "provinces": ("ADM1",), "state": ("ADM1",), "region": ("ADM1", "RGN"),
    "district": ("ADM2",), "districts": ("ADM2",), "agency": ("ADM2",), "county": ("ADM2",),
    "valley": ("VAL",), "pass": ("PASS",), "city": ("PPL", "PPLC"), "town": ("PPL",), "village": ("PPL",),
}
FEATURE_PRIOR = {"PCLI": 1.5, "CONT": 1.5, "ADM1": 0.8, "PPLC": 2.0, "RGN": 0.8, "LINE": 1.0, "SEA": 0.8,
                 "OCN": 1.0, "STRT": 0.8, "GULF": 0.8, "MTS": 0.6, "VAL": 0.6, "PASS": 0.6, "ADM2": 0.3}
MIN_ALIAS_ONLY_POPULATION = 5_000
# a country holding at least 1/DOMINANT_SHARE of an article's places may host its unplaced names
DOMINANT_SHARE = 3
SPECIFICITY = {"PCLI": 1, "CONT": 0, "RGN": 1, "OCN": 0, "SEA": 1, "ADM1": 2, "LINE": 2, "ADM2": 3}


CONTAINER_LINK_WORDS = frozenset({
    ",", "in", "of", "near", "outside", "the", "a", "north", "south", "east", "west", "northern", "southern",
    "eastern", "western", "central", "northeast", "northwest", "southeast", "southwest", "northeastern",
    "northwestern", "southeastern", "southwestern", "some", "about", "around", "km", "kilometres",
    "kilometers", "miles", "mi", "village", "villages", "town", "city", "district", "neighbourhood",
    "neighborhood", "area", "areas", "suburb", "suburbs", "province", "governorate", "region", "county",
    "outskirts", "countryside", "capital"})


@dataclass(frozen=True, slots=True)
class ToponymMention:
    """A place-name mention: character span into Article.text and the gazetteer readings of its text."""

    start: int
    end: int
    text: str
    readings: tuple[tuple[Entry, bool], ...]  # (entry, matched its preferred name)
    from_ner: bool = True
    next_word: str = ""
    sentence_start: int = 0
    kind: str = "name"  # "name"; "facility": a street/building inside the article's focus place;
    # "unknown": a place entity the gazetteer lacks, placed at the article's focus (town, else country)
    marked: bool = False  # the text calls it a place ("the village of X", "the X district")


def specificity(feature: str | None) -> int:
    """How local a feature is: towns and districts 3, provinces and lines 2, countries 1, continents 0."""
    return SPECIFICITY.get(feature or "", 3)


def _base_score(entry: Entry, preferred: bool, mention: ToponymMention) -> float:
    score = math.log10(max(entry.importance % 1_000_000_000, 1) + 10)
    if entry.feature in ("PCLI", "CONT"):
        score += 4.0
    score += FEATURE_PRIOR.get(entry.feature, 0.0)
    score += 2.5 if preferred else 0.0
    wanted = SUFFIX_FEATURES.get(mention.next_word)
    if wanted:
        score += 3.0 if entry.feature in wanted else -1.0
    return score


@dataclass(slots=True)
class _Context:
    countries: Counter[str]
    admin1: Counter[str]
    dateline_country: str | None


def _context_score(entry: Entry, ctx: _Context, pair: tuple[str | None, str | None]) -> float:
    score = 0.0
    if entry.country and ctx.countries[entry.country]:
        score += 2.0 + 0.3 * min(ctx.countries[entry.country], 5)
    if entry.country and entry.country == ctx.dateline_country:
        score += 1.0
    if entry.admin1 and ctx.admin1[entry.admin1] and entry.feature != "ADM1":
        score += 1.5
    pair_country, pair_admin1 = pair
    if pair_admin1 and entry.admin1 == pair_admin1 and entry.feature != "ADM1":
        score += 4.0
    elif pair_country and entry.country == pair_country and entry.feature != "PCLI":
        score += 3.0
    return score


def _container_after_town(entry: Entry, town: Entry | None) -> float:
    """'Tacoma, Washington': a province named right after a town it contains is that province (not a
    same-named city elsewhere)."""
    if town is None or entry.feature != "ADM1" or town.feature not in ("PPL", "PPLC", "ADM2"):
        return 0.0
    return 4.0 if town.country == entry.country and town.admin1 and town.admin1 == entry.admin1 else 0.0


def _best(mention: ToponymMention, ctx: _Context | None,
          pair: tuple[str | None, str | None], town_before: Entry | None = None) -> tuple[Entry, float]:
    scored = []
    for entry, preferred in mention.readings:
        score = _base_score(entry, preferred, mention)
        if ctx is not None:
            score += _context_score(entry, ctx, pair) + _container_after_town(entry, town_before)
        scored.append((score, entry))
    scored.sort(key=lambda item: -item[0])
    top_score, top = scored[0]
    margin = top_score - scored[1][0] if len(scored) > 1 else 5.0
    return top, min(0.99, 0.5 + margin / 10)


def resolve_mentions(mentions: list[ToponymMention], article: Article,
                     gaz: Gazetteer) -> list[tuple[Entry | None, float]]:
    """One (reading, confidence) per mention; (None, 0) when the gazetteer has no reading."""
    dateline_country = None
    if article.dateline:
        readings = gaz.lookup(article.dateline.split(",")[0])
        if readings:
            dateline_country = max(readings, key=lambda r: (r[1], r[0].importance))[0].country
    first = [(_best(m, None, (None, None)) if m.readings else None) for m in mentions]
    ctx = _Context(Counter(), Counter(), dateline_country)
    for choice in first:
        if choice is None:
            continue
        entry, confidence = choice
        if entry.country and (entry.feature in ("PCLI", "ADM1") or confidence >= 0.7):
            ctx.countries[entry.country] += 1
        if entry.admin1 and (entry.feature in ("ADM1", "ADM2") or confidence >= 0.7):
            ctx.admin1[entry.admin1] += 1
    out: list[tuple[Entry | None, float]] = []
    for k, mention in enumerate(mentions):
        if not mention.readings:
            out.append((None, 0.0))
            continue
        entry, confidence = _best(mention, ctx, _pair_hint(mentions, first, k),
                                  _town_before(mentions, first, k))
        preferred = any(p for e, p in mention.readings if e is entry)
        if (not preferred and entry.importance < MIN_ALIAS_ONLY_POPULATION and entry.source == "geonames"
                and not mention.marked):
            out.append((None, 0.0))  # only a village's alternate name ("Salah"): too noisy to trust
            continue
        out.append((entry, confidence))
    # streets and unknown names go to a town (else the country) the article is mostly about; where no
    # country dominates, leaving them unplaced beats a guess in the wrong one
    focus = _focus(out)
    focus = focus if focus is not None and _is_dominant(out, focus.country) else None
    country = _main_country(out)
    country = (country if country is not None and _is_dominant(out, country.country) else None) or focus
    fallback = {"facility": (focus, 0.4), "unknown": (focus or country, 0.2)}
    return [(_container(article.nlp_text, mentions, out, k) or fallback[m.kind])
            if m.kind == "unknown" and m.marked
            else (_town_container(article.nlp_text, mentions, out, k) or fallback[m.kind])
            if m.kind == "facility"
            else fallback.get(m.kind, choice)
            for k, (m, choice) in enumerate(zip(mentions, out, strict=True))]


def _container(text: str, mentions: list[ToponymMention], chosen: list[tuple[Entry | None, float]],
               k: int) -> tuple[Entry, float] | None:
    """'the Baghdad neighbourhood of X', 'X district, northern Iraq', 'X, some 80 km south of Damascus': a
    resolved place joined to a marked place the gazetteer lacks by only locative words stands for it."""
    mention = mentions[k]
    best: tuple[int, Entry] | None = None
    for other, (entry, _) in zip(mentions, chosen, strict=True):
        if other is mention or entry is None or other.kind != "name":
            continue
        after = other.start >= mention.end
        between = text[mention.end:other.start] if after else text[other.end:mention.start]
        words = between.lower().replace(",", " , ").split()
        if len(between) > 40 or not all(w in CONTAINER_LINK_WORDS or w.isdigit() for w in words):
            continue
        if best is None or len(between) < best[0]:
            best = (len(between), entry)
    return (best[1], 0.2) if best is not None else None


def _town_container(text: str, mentions: list[ToponymMention], chosen: list[tuple[Entry | None, float]],
                    k: int) -> tuple[Entry, float] | None:
    """'Collins Avenue in Miami Beach', 'the Kabul suburb's Darulaman Road': a street or building joined
    to a town by only locative words lies in that town."""
    found = _container(text, mentions, chosen, k)
    return (found[0], 0.4) if found is not None and found[0].feature in ("PPL", "PPLC", "ADM2") else None


def _main_country(chosen: list[tuple[Entry | None, float]]) -> Entry | None:
    """The country the article mentions most, as its country entry when the article names it."""
    counts = Counter(e.country for e, _ in chosen if e is not None and e.country)
    if not counts:
        return None
    iso3 = counts.most_common(1)[0][0]
    return next((e for e, _ in chosen if e is not None and e.country == iso3 and e.feature == "PCLI"), None)


def _area_counts(chosen: list[tuple[Entry | None, float]]) -> tuple[Counter[str], Counter[tuple[str, str]]]:
    """How often the article's resolved places lie in each country and each (country, province): a place
    inside a country counts twice as much as the country's own name (often an actor: "the US said"), a
    province named outright twice as much as a town in it."""
    countries: Counter[str] = Counter()
    provinces: Counter[tuple[str, str]] = Counter()
    for entry, _ in chosen:
        if entry is None or not entry.country:
            continue
        countries[entry.country] += 1 if entry.feature == "PCLI" else 2
        if entry.admin1 and entry.feature != "PCLI":
            provinces[(entry.country, entry.admin1)] += 2 if entry.feature == "ADM1" else 1
    return countries, provinces


def _is_dominant(chosen: list[tuple[Entry | None, float]], country: str | None) -> bool:
    """Whether ``country`` holds at least a third of the article's resolved places (and the most)."""
    countries, _ = _area_counts(chosen)
    if country is None or not countries:
        return False
    return countries[country] * DOMINANT_SHARE >= sum(countries.values()) and (
        countries[country] == max(countries.values()))


def _focus(chosen: list[tuple[Entry | None, float]]) -> Entry | None:
    """The town where the article's streets and buildings are: among the towns it names, one in its
    most-mentioned country (the first named on ties), then in that country's most-mentioned province,
    then the most-mentioned town (first on ties)."""
    counts: Counter[int] = Counter()
    first_seen: dict[int, Entry] = {}
    for entry, _ in chosen:
        if entry is not None and entry.feature in ("PPL", "PPLC", "ADM2"):
            key = entry.geonames_id or id(entry)
            counts[key] += 1
            first_seen.setdefault(key, entry)
    if not counts:
        return None
    countries, provinces = _area_counts(chosen)

    order = list(dict.fromkeys(e.country for e, _ in chosen if e is not None and e.country))

    def rank(key: int) -> tuple[int, int, int, int]:
        town = first_seen[key]
        country = town.country or ""
        return (countries[country], -order.index(country) if country in order else -len(order),
                provinces[(country, town.admin1 or "")], counts[key])

    return first_seen[max(first_seen, key=rank)]


def _town_before(mentions: list[ToponymMention], first: list[tuple[Entry, float] | None],
                 k: int) -> Entry | None:
    """'Tacoma, Washington': the town named right before a mention (joined by a comma)."""
    if k == 0 or first[k - 1] is None or mentions[k].start - mentions[k - 1].end > 3:
        return None
    previous = first[k - 1]
    assert previous is not None
    return previous[0]


def _pair_hint(mentions: list[ToponymMention], first: list[tuple[Entry, float] | None],
               k: int) -> tuple[str | None, str | None]:
    """'Springfield, Ill.' / 'Peshawar, Pakistan': the province or country named right after a mention."""
    if k + 1 >= len(mentions) or first[k + 1] is None:
        return None, None
    gap_start, gap_end = mentions[k].end, mentions[k + 1].start
    if gap_end - gap_start > 3:
        return None, None
    following = first[k + 1]
    assert following is not None
    entry = following[0]
    if entry.feature == "ADM1":
        return entry.country, entry.admin1
    if entry.feature == "PCLI":
        return entry.country, None
    return None, None
