"""Dyads: for every pair of actors, the time series of what passed between them.

In: :class:`~flashpoint.models.Incident` records. Out: :class:`~flashpoint.models.DyadPoint` records —
per dyad and period (day or ISO week), incident counts by quad class (1 verbal cooperation, 2 material
cooperation, 3 verbal conflict, 4 material conflict) and the summed PLOVER score (negative = hostile).

Dyads exist at two levels — ``country`` (ISO codes: PAK→AFG) and ``actor`` (resolved identities:
Khawaja Asif→Islamic Emirate of Afghanistan) — and two shapes: ``directed`` (who acted on whom) and
undirected (the pair, alphabetically ordered). A joint act (talks, an agreement: actors but no recipient)
counts for every pair of its actors in both shapes. Undated incidents are left out of the series.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from itertools import combinations

from .models import Actor, DyadPoint, Incident

LEVELS = ("country", "actor")
GRANULARITIES = ("day", "week")


def actor_key(actor: Actor, level: str) -> str | None:
    if level == "country":
        return actor.code if actor.code and actor.code != "UNK" else None
    return actor.identifier_text or actor.entity_text or None


def incident_day(incident: Incident) -> dt.date | None:
    if incident.date is None or len(incident.date.value) < 10:
        return None
    try:
        return dt.date.fromisoformat(incident.date.value[:10])
    except ValueError:
        return None


def period_of(day: dt.date, granularity: str) -> str:
    if granularity == "day":
        return day.isoformat()
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def pairs(incident: Incident, level: str, directed: bool) -> Iterator[tuple[str, str]]:
    """The (source, target) pairs an incident contributes to (no self-pairs)."""
    sources = [k for k in (actor_key(a, level) for a in incident.actors) if k]
    targets = [k for k in (actor_key(a, level) for a in incident.recipients) if k]
    seen: set[tuple[str, str]] = set()
    if targets:
        candidates: Iterable[tuple[str, str]] = ((s, t) for s in sources for t in targets)
    else:  # joint act: every pair of its actors, both directions
        candidates = [(a, b) for a, b in combinations(sorted(set(sources)), 2)]
        candidates = list(candidates) + [(b, a) for a, b in candidates]
    for s, t in candidates:
        if s == t:
            continue
        pair = (s, t) if directed else tuple(sorted((s, t)))
        if pair not in seen:
            seen.add(pair)  # type: ignore[arg-type]
            yield pair  # type: ignore[misc]


def dyad_series(
    incidents: Sequence[Incident], *, level: str = "country", directed: bool = False, granularity: str = "day"
) -> list[DyadPoint]:
    """Periods with at least one incident, per dyad, sorted by dyad and period."""
    if level not in LEVELS or granularity not in GRANULARITIES:
        raise ValueError(f"level must be one of {LEVELS} and granularity one of {GRANULARITIES}")
    cells: dict[tuple[str, str, str], list[Incident]] = defaultdict(list)
    for incident in incidents:
        day = incident_day(incident)
        if day is None:
            continue
        for source, target in pairs(incident, level, directed):
            cells[(source, target, period_of(day, granularity))].append(incident)
    points = []
    for (source, target, period), members in sorted(cells.items()):
        counts = [0, 0, 0, 0]
        for incident in members:
            if 1 <= incident.quad_code <= 4:
                counts[incident.quad_code - 1] += 1
        points.append(DyadPoint(
            source=source, target=target, level=level, directed=directed, granularity=granularity,
            period=period, counts=(counts[0], counts[1], counts[2], counts[3]),
            score=round(sum(i.event_scale for i in members), 3),
            incident_ids=tuple(i.id for i in members),
        ))
    return points


def all_series(incidents: Sequence[Incident]) -> list[DyadPoint]:
    """Both levels, both shapes, both granularities."""
    out: list[DyadPoint] = []
    for level in LEVELS:
        for directed in (True, False):
            for granularity in GRANULARITIES:
                out.extend(dyad_series(incidents, level=level, directed=directed, granularity=granularity))
    return out
