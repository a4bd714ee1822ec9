"""Escalation alerts: dyads that shift significantly toward conflict, each explaining itself.

In: :class:`~flashpoint.models.Incident` records (and the quotes that support them, by id). Out:
:class:`~flashpoint.models.Alert` records: the dyad, the day the shift was detected, the statistic and
threshold, the baseline and observed levels, a sentence that explains the alert, and the incidents and
quotes that drove it.

The daily series of a dyad is its **conflict intensity**: each verbal-conflict incident (quad 3) counts
1 and each material-conflict incident (quad 4) counts 2 (settings), so a threat and an airstrike do not
weigh the same. Days between the dyad's first and last incident with nothing reported count 0.
The detector is :func:`flashpoint.changepoint.detect_shifts` (robust z-score of a 3-day window against a
28-day trailing baseline; see that module for the method and the synthetic tests of delay and false alarms).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from .changepoint import DetectorSettings, detect_shifts
from .dyads import incident_day, pairs
from .models import Alert, Incident


@dataclass(frozen=True, slots=True)
class AlertSettings:
    level: str = "country"
    directed: bool = False
    verbal_conflict_weight: float = 1.0
    material_conflict_weight: float = 2.0
    detector: DetectorSettings = field(default_factory=DetectorSettings)


def conflict_weight(incident: Incident, settings: AlertSettings) -> float:
    if incident.quad_code == 4:
        return settings.material_conflict_weight
    if incident.quad_code == 3:
        return settings.verbal_conflict_weight
    return 0.0


def daily_series(
    incidents: Sequence[Incident], settings: AlertSettings
) -> dict[tuple[str, str], tuple[dt.date, list[float], dict[dt.date, list[Incident]]]]:
    """Per dyad: first day, the dense daily intensity series, and the incidents of each day."""
    by_dyad: dict[tuple[str, str], dict[dt.date, list[Incident]]] = defaultdict(lambda: defaultdict(list))
    for incident in incidents:
        day = incident_day(incident)
        if day is None or conflict_weight(incident, settings) == 0.0:
            continue
        for pair in pairs(incident, settings.level, settings.directed):
            by_dyad[pair][day].append(incident)
    out = {}
    for pair, days in by_dyad.items():
        first, last = min(days), max(days)
        span = (last - first).days + 1
        series = [0.0] * span
        for day, members in days.items():
            series[(day - first).days] = sum(conflict_weight(i, settings) for i in members)
        out[pair] = (first, series, dict(days))
    return out


def detect_alerts(incidents: Sequence[Incident], settings: AlertSettings | None = None) -> list[Alert]:
    """Alerts for every dyad whose conflict intensity shifts upward, newest evidence first in each."""
    settings = settings or AlertSettings()
    alerts = []
    for (source, target), (first, series, days) in sorted(daily_series(incidents, settings).items()):
        for shift in detect_shifts(series, settings.detector):
            day = first + dt.timedelta(days=shift.index)
            window = [first + dt.timedelta(days=shift.index - k)
                      for k in range(settings.detector.window_days)]
            evidence = [i for d in window for i in days.get(d, [])]
            evidence.sort(key=lambda i: (-(i.quad_code or 0), i.event_scale))
            alerts.append(Alert(
                id=f"alert-{source}-{target}-{day.isoformat()}",
                source=source, target=target, level=settings.level, date=day.isoformat(),
                method="robust z-score, 3-day window vs 28-day baseline",
                statistic=shift.statistic, threshold=shift.threshold,
                baseline=shift.baseline, observed=shift.observed,
                explanation=explain(source, target, day, shift.observed, shift.baseline, shift.statistic,
                                    shift.threshold, evidence, settings),
                incident_ids=tuple(i.id for i in evidence),
                quote_ids=tuple(sorted({q for i in evidence for q in i.quote_ids})),
            ))
    return alerts


def describe(incident: Incident) -> str:
    """One line for an incident: type, mode, who on whom, where, toll, sources."""
    who = ", ".join(a.entity_text for a in incident.actors[:2]) or "unknown actor"
    whom = ", ".join(a.entity_text for a in incident.recipients[:2])
    text = f"{incident.event_type}{'/' + incident.mode if incident.mode else ''} by {who}"
    if whom:
        text += f" against {whom}"
    if incident.location is not None:
        text += f" in {incident.location.name or incident.location.text}"
    if incident.size.dead:
        text += f", {incident.size.dead} dead"
    text += f" ({incident.n_articles} article{'s' if incident.n_articles != 1 else ''})"
    return text


def explain(source: str, target: str, day: dt.date, observed: float, baseline: float, statistic: float,
            threshold: float, evidence: Sequence[Incident], settings: AlertSettings) -> str:
    days = settings.detector.window_days
    lines = [
        f"{source}–{target}: conflict intensity {observed:.1f}/day over the {days} days to {day.isoformat()} "
        f"against a baseline of {baseline:.1f}/day (z = {statistic:.1f} ≥ {threshold:.1f}).",
    ]
    lines.extend("• " + describe(i) for i in evidence[:5])
    if len(evidence) > 5:
        lines.append(f"• … and {len(evidence) - 5} more incidents")
    return "\n".join(lines)
