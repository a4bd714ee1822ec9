"""Monitoring: from per-article records to incidents, stories, dyad series, alerts and threats.

In: :class:`~flashpoint.models.ArticleResult` records (fresh from extraction or loaded from the store).
Out: one :class:`~flashpoint.models.Monitoring` record holding, in the order they are computed:
near-duplicate links (:mod:`duplicates`) → stories (:mod:`stories`) → incidents (:mod:`incidents`) →
dyad series (:mod:`dyads`) → escalation alerts (:mod:`alerts`) → the threat register (:mod:`threats`).

Articles are taken in publication order (undated last, ties by id), which is the "arrival order" the
near-duplicate index expects: a later copy points at the earliest article it duplicates. Callers that
keep state between runs (:mod:`flashpoint.monitor_store`) pass the near-duplicate links they already
have and the lead embeddings they cached, so only new articles are shingled and embedded.
Each incident gets the id of the story most of its articles belong to (``Incident.story_id``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from .alerts import AlertSettings, detect_alerts
from .duplicates import DuplicateSettings, find_duplicates
from .dyads import all_series
from .incidents import IncidentSettings, build_incidents
from .models import ArticleResult, DuplicateLink, Incident, Monitoring, Story
from .stories import StorySettings, group_stories, lead_text
from .threats import ThreatSettings, threat_register


@dataclass(frozen=True, slots=True)
class MonitorSettings:
    duplicates: DuplicateSettings = field(default_factory=DuplicateSettings)
    stories: StorySettings = field(default_factory=StorySettings)
    incidents: IncidentSettings = field(default_factory=IncidentSettings)
    alerts: AlertSettings = field(default_factory=AlertSettings)
    threats: ThreatSettings = field(default_factory=ThreatSettings)
    as_of: dt.date | None = None  # the day threats are judged on (default: the latest incident date)


def in_arrival_order(results: Sequence[ArticleResult]) -> list[ArticleResult]:
    """Articles by publication date (undated last), ties by id: the order monitoring reads them in."""
    return sorted(results, key=lambda r: (_published(r), r.article.id))


def lead_vectors(
    results: Sequence[ArticleResult], settings: StorySettings, cached: Mapping[str, np.ndarray] | None = None
) -> np.ndarray:
    """Lead embeddings (one row per result, in order); rows found in ``cached`` (by article id) are reused,
    the others are encoded in one batch."""
    cached = cached or {}
    missing = [r for r in results if r.article.id not in cached]
    fresh: dict[str, np.ndarray] = {}
    if missing:
        from .embeddings import get_encoder

        encoded = get_encoder().encode([lead_text(r, settings.lead_chars) for r in missing])
        fresh = {r.article.id: encoded[k] for k, r in enumerate(missing)}
    rows = [cached[r.article.id] if r.article.id in cached else fresh[r.article.id] for r in results]
    return np.vstack(rows).astype(np.float32) if rows else np.zeros((0, 0), dtype=np.float32)


def monitor(
    results: Sequence[ArticleResult],
    settings: MonitorSettings | None = None,
    *,
    duplicates: Sequence[DuplicateLink] | None = None,
    vectors: np.ndarray | None = None,
) -> Monitoring:
    """Run every monitoring stage over ``results``. ``duplicates`` (links already known for these
    articles) skips the near-duplicate search; ``vectors`` (lead embeddings, one row per article of
    :func:`in_arrival_order`) skips the encoder."""
    settings = settings or MonitorSettings()
    ordered = in_arrival_order(results)
    if duplicates is None:
        duplicates = find_duplicates(((r.article.id, r.article.body) for r in ordered), settings.duplicates)
    stories = group_stories(ordered, duplicates, settings.stories, vectors=vectors)
    incidents = with_story_ids(build_incidents(ordered, duplicates, stories, settings.incidents), stories)
    events_by_id = {e.id: e for r in ordered for e in r.events}
    return Monitoring(
        duplicates=tuple(duplicates),
        stories=tuple(stories),
        incidents=tuple(incidents),
        dyads=tuple(all_series(incidents)),
        alerts=tuple(detect_alerts(incidents, settings.alerts)),
        threats=tuple(
            threat_register(incidents, events_by_id, as_of=settings.as_of, settings=settings.threats)
        ),
    )


def with_story_ids(incidents: Sequence[Incident], stories: Sequence[Story]) -> list[Incident]:
    """Each incident with the story most of its articles belong to (ties: the earliest story)."""
    story_of = {aid: story.id for story in stories for aid in story.article_ids}
    order = {story.id: n for n, story in enumerate(stories)}
    out = []
    for incident in incidents:
        votes = Counter(story_of[a] for a in incident.article_ids if a in story_of)
        if votes:
            best = max(votes, key=lambda s: (votes[s], -order[s]))
            incident = dataclasses.replace(incident, story_id=best)
        out.append(incident)
    return out


def _published(result: ArticleResult) -> str:
    pub = result.article.published
    return pub.value if pub else "9999"
