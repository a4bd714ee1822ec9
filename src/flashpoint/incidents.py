"""Incidents: one record per real-world act, however many sentences and articles report it.

In: :class:`~flashpoint.models.ArticleResult` records, near-duplicate links and stories. Out:
:class:`~flashpoint.models.Incident` records, each carrying every supporting event, the distinct articles
and outlets, the earliest report, and the best-supported date, place and casualty figures (with the range
reported across sources).

Two events describe the same act when they are **compatible**: same PLOVER type, no conflicting mode (a
mode left empty by one report does not contradict), overlapping actor and
recipient sides (country codes; a side left empty by one report does not contradict), dates within
``date_tolerance_days`` (undated events do not contradict), and for material acts places within ``max_km``
(or unknown; the place attached to a statement says little about which statement it was). Events
from one article that are compatible are always restatements and never make two incidents. Across
articles, compatible events merge when the articles belong to the same story or one duplicates the other,
or when both events carry dates within the tolerance. Negated and hypothetical events are not acts and
make no incident.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from .models import (
    Actor,
    ArticleResult,
    Casualties,
    DateValue,
    DuplicateLink,
    Event,
    Incident,
    Place,
    Precision,
    Story,
)

NOT_ACTS = frozenset({"negation", "hypothetical"})
MATERIAL_QUADS = frozenset({2, 4})


@dataclass(frozen=True, slots=True)
class IncidentSettings:
    date_tolerance_days: int = 2
    max_km: float = 150.0


@dataclass(slots=True)
class _Group:
    """An incident under construction."""

    events: list[tuple[Event, ArticleResult]] = field(default_factory=list)
    actor_codes: set[str] = field(default_factory=set)
    recipient_codes: set[str] = field(default_factory=set)
    days: set[dt.date] = field(default_factory=set)
    places: list[Place] = field(default_factory=list)
    articles: set[str] = field(default_factory=set)
    clusters: set[str] = field(default_factory=set)  # story / duplicate-group keys of its articles
    modes: set[str] = field(default_factory=set)  # the PLOVER modes its events name


def is_act(event: Event) -> bool:
    return not (NOT_ACTS & set(event.context))


def codes(actors: Sequence[Actor]) -> set[str]:
    return {a.code for a in actors if a.code and a.code != "UNK"}


def event_day(event: Event) -> dt.date | None:
    if event.date and len(event.date.value) == 10:
        try:
            return dt.date.fromisoformat(event.date.value)
        except ValueError:
            return None
    return None


def distance_km(a: Place, b: Place) -> float | None:
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return None
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _sides_agree(ours: set[str], theirs: set[str]) -> bool:
    return not ours or not theirs or bool(ours & theirs)


def _compatible(group: _Group, event: Event, result: ArticleResult, cluster: str,
                settings: IncidentSettings) -> bool:
    first = group.events[0][0]
    if first.event_type != event.event_type:
        return False
    if event.mode and group.modes and event.mode not in group.modes:
        return False  # a threat to strike and a threat to close a crossing are two threats
    if not _sides_agree(group.actor_codes, codes(event.actors)):
        return False
    if not _sides_agree(group.recipient_codes, codes(event.recipients)):
        return False
    day = event_day(event)
    same_article = result.article.id in group.articles
    # every date of an incident lies within the tolerance of every other (no chaining day after day)
    if day and group.days and max(abs((day - d).days) for d in group.days) > settings.date_tolerance_days:
        return False
    # where a statement "happened" is a matter of reporting (the capital it was made in, a place it names);
    # only for material acts (quad 2 and 4) do distant places mean different acts
    if event.location is not None and event.quad_code in MATERIAL_QUADS:
        for place in group.places:
            km = distance_km(place, event.location)
            if km is not None and km > settings.max_km:
                return False
    if same_article or cluster in group.clusters:
        return True
    return bool(day and group.days)  # unrelated articles: only with dates that agree


def build_incidents(
    results: Sequence[ArticleResult],
    duplicates: Sequence[DuplicateLink] = (),
    stories: Sequence[Story] = (),
    settings: IncidentSettings | None = None,
) -> list[Incident]:
    """Merge the asserted events of ``results`` into incidents (ids stable for the same input)."""
    settings = settings or IncidentSettings()
    cluster_of: dict[str, str] = {}
    for story in stories:
        for aid in story.article_ids:
            cluster_of[aid] = story.id
    for link in duplicates:
        cluster_of[link.article_id] = cluster_of.get(link.duplicate_of, "dup-" + link.duplicate_of)
        cluster_of.setdefault(link.duplicate_of, cluster_of[link.article_id])
    ordered = sorted(results, key=lambda r: (_published(r) or "9999", r.article.id))
    groups: list[_Group] = []
    for result in ordered:
        cluster = cluster_of.get(result.article.id, "art-" + result.article.id)
        for event in result.events:
            if not is_act(event):
                continue
            target = next((g for g in groups if _compatible(g, event, result, cluster, settings)), None)
            if target is None:
                target = _Group()
                groups.append(target)
            target.events.append((event, result))
            target.actor_codes |= codes(event.actors)
            if event.mode:
                target.modes.add(event.mode)
            target.recipient_codes |= codes(event.recipients)
            day = event_day(event)
            if day:
                target.days.add(day)
            if event.location is not None:
                target.places.append(event.location)
            target.articles.add(result.article.id)
            target.clusters.add(cluster)
    return [_incident(g) for g in groups]


def _published(result: ArticleResult) -> str | None:
    return result.article.published.value if result.article.published else None


def _best_side(events: list[Event], attr: str) -> tuple[Actor, ...]:
    """The most often reported side (by codes), its first full reporting."""
    counts: Counter[tuple[str, ...]] = Counter()
    first: dict[tuple[str, ...], tuple[Actor, ...]] = {}
    for event in events:
        side: tuple[Actor, ...] = getattr(event, attr)
        key = tuple(sorted(codes(side)))
        if not key:
            continue
        counts[key] += 1
        first.setdefault(key, side)
    return first[counts.most_common(1)[0][0]] if counts else ()


def _figure(values: list[int]) -> tuple[int | None, tuple[int, int] | None]:
    """Best-supported figure (most often reported; ties: the highest) and the range across reports."""
    if not values:
        return None, None
    counts = Counter(values)
    best = max(counts, key=lambda v: (counts[v], v))
    return best, (min(values), max(values))


def _incident(group: _Group) -> Incident:
    events = [e for e, _ in group.events]
    first = events[0]
    days = Counter(d for d in (event_day(e) for e in events) if d)
    date = None
    if days:
        best_day = max(days, key=lambda d: (days[d], -d.toordinal()))
        date = DateValue(best_day.isoformat(), Precision.DAY)
    else:
        date = next((e.date for e in events if e.date), None)
    places = Counter((p.name or p.text, p.lat, p.lon) for p in group.places)
    location = None
    if places:
        best_place = places.most_common(1)[0][0]
        location = next(p for p in group.places if (p.name or p.text, p.lat, p.lon) == best_place)
    # casualty figures: one figure per article (its largest), then the best-supported across articles
    per_article: dict[str, dict[str, int]] = {}
    for event, result in group.events:
        slot = per_article.setdefault(result.article.id, {})
        for figure in ("dead", "injured", "arrested"):
            value = getattr(event.size, figure)
            if value is not None:
                slot[figure] = max(slot.get(figure, 0), value)
    dead, dead_range = _figure([s["dead"] for s in per_article.values() if "dead" in s])
    injured, injured_range = _figure([s["injured"] for s in per_article.values() if "injured" in s])
    arrested, _ = _figure([s["arrested"] for s in per_article.values() if "arrested" in s])
    articles = sorted(group.articles)
    outlets = sorted({_outlet(r) for _, r in group.events})
    published = sorted(p for p in (_published(r) for _, r in group.events) if p)
    modes = Counter(e.mode for e in events if e.mode)
    return Incident(
        id="inc-" + min(e.id for e in events),
        event_type=first.event_type,
        mode=modes.most_common(1)[0][0] if modes else None,
        actors=_best_side(events, "actors"),
        recipients=_best_side(events, "recipients"),
        event_ids=tuple(e.id for e in events),
        article_ids=tuple(articles),
        outlets=tuple(outlets),
        date=date,
        location=location,
        size=Casualties(dead=dead, injured=injured, arrested=arrested),
        dead_range=dead_range,
        injured_range=injured_range,
        first_reported=published[0] if published else None,
        quad_code=first.quad_code,
        event_scale=min(e.event_scale for e in events),
        context=tuple(sorted({c for e in events for c in e.context})),
        quote_ids=tuple(sorted({e.quote_id for e in events if e.quote_id})),
    )


def _outlet(result: ArticleResult) -> str:
    article = result.article
    if article.outlet:
        return article.outlet
    if article.url:
        host = article.url.split("//", 1)[-1].split("/", 1)[0]
        return host.removeprefix("www.")
    return "article:" + article.id  # unknown outlet: count the article itself
