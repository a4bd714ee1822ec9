"""Monitoring: from per-article records to incidents, stories, dyad series, alerts and threats.

In: :class:`~flashpoint.models.ArticleResult` records (fresh from extraction or loaded from the store).
Out: one :class:`~flashpoint.models.Monitoring` record holding, in the order they are computed:
near-duplicate links (:mod:`duplicates`) → stories (:mod:`stories`) → incidents (:mod:`incidents`) →
dyad series (:mod:`dyads`) → escalation alerts (:mod:`alerts`) → the threat register (:mod:`threats`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from .alerts import AlertSettings, detect_alerts
from .duplicates import DuplicateSettings, find_duplicates
from .dyads import all_series
from .incidents import IncidentSettings, build_incidents
from .models import ArticleResult, Monitoring
from .stories import StorySettings, group_stories
from .threats import ThreatSettings, threat_register


@dataclass(frozen=True, slots=True)
class MonitorSettings:
    duplicates: DuplicateSettings = field(default_factory=DuplicateSettings)
    stories: StorySettings = field(default_factory=StorySettings)
    incidents: IncidentSettings = field(default_factory=IncidentSettings)
    alerts: AlertSettings = field(default_factory=AlertSettings)
    threats: ThreatSettings = field(default_factory=ThreatSettings)
    as_of: dt.date | None = None  # the day threats are judged on (default: the latest incident date)


def monitor(results: Sequence[ArticleResult], settings: MonitorSettings | None = None) -> Monitoring:
    """Run every monitoring stage over ``results`` (articles in arrival order)."""
    settings = settings or MonitorSettings()
    ordered = sorted(results, key=lambda r: (_published(r), r.article.id))
    duplicates = find_duplicates(((r.article.id, r.article.body) for r in ordered), settings.duplicates)
    stories = group_stories(ordered, duplicates, settings.stories)
    incidents = build_incidents(ordered, duplicates, stories, settings.incidents)
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


def _published(result: ArticleResult) -> str:
    pub = result.article.published
    return pub.value if pub else "9999"
