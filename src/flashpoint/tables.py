"""Plain-text tables for the terminal: monitoring records as aligned columns (no dependency).

In: :class:`~flashpoint.models.Story`, ``Incident``, ``DyadPoint``, ``Alert`` and ``ThreatRecord``
records. Out: lists of lines — a header, a rule and one row per record, every column padded to its
widest cell (cells longer than their column's limit are cut with "…"). Alerts are blocks (their
explanation spans several lines). Used by :mod:`flashpoint.cli`; ``--json`` output goes through
:mod:`flashpoint.export` instead.
"""

from __future__ import annotations

from collections.abc import Sequence

from .models import Actor, Alert, DyadPoint, Incident, Story, ThreatRecord

ELLIPSIS = "…"


def _cut(text: str, limit: int | None) -> str:
    text = " ".join(text.split())
    if limit is None or len(text) <= limit:
        return text
    return text[: max(limit - 1, 0)] + ELLIPSIS


def render_table(headers: Sequence[str], rows: Sequence[Sequence[object]],
                 limits: Sequence[int | None] | None = None) -> list[str]:
    """Aligned columns: a header, a rule of dashes, the rows (``None`` cells print empty)."""
    limits = limits or [None] * len(headers)
    cells = [[_cut("" if v is None else str(v), limits[k]) for k, v in enumerate(row)] for row in rows]
    widths = [max([len(h)] + [len(r[k]) for r in cells]) for k, h in enumerate(headers)]

    def line(values: Sequence[str]) -> str:
        return "  ".join(v.ljust(widths[k]) for k, v in enumerate(values)).rstrip()

    return [line(headers), line(["-" * w for w in widths]), *(line(r) for r in cells)]


def _who(actors: Sequence[Actor]) -> str:
    return ", ".join(f"{a.entity_text} ({a.code})" if a.code else a.entity_text for a in actors[:2])


def story_table(stories: Sequence[Story]) -> list[str]:
    rows = [(s.id, s.first_date, s.last_date, len(s.article_ids), " ".join(s.actor_codes), s.label,
             ", ".join(s.article_ids)) for s in stories]
    return render_table(["story", "first", "last", "n", "actors", "label", "articles"], rows,
                        [None, None, None, None, 20, 60, 80])


def incident_table(incidents: Sequence[Incident]) -> list[str]:
    rows = []
    for i in incidents:
        act = i.event_type + (f"/{i.mode}" if i.mode else "")
        place = (i.location.name or i.location.text) if i.location else ""
        rows.append((i.id, i.date.value if i.date else "", act, _who(i.actors), _who(i.recipients), place,
                     i.size.dead, i.n_articles, i.n_outlets))
    return render_table(["incident", "date", "act", "actor", "recipient", "place", "dead", "articles",
                         "outlets"], rows, [None, None, 28, 36, 36, 24, None, None, None])


def dyad_table(points: Sequence[DyadPoint]) -> list[str]:
    arrow = "→" if points and points[0].directed else "–"
    rows = [(f"{p.source}{arrow}{p.target}", p.period, *p.counts, f"{p.score:g}", len(p.incident_ids))
            for p in points]
    return render_table(["dyad", "period", "q1", "q2", "q3", "q4", "score", "incidents"], rows,
                        [60, None, None, None, None, None, None, None])


def alert_blocks(alerts: Sequence[Alert]) -> list[str]:
    """One block per alert: the headline, the explanation (its own lines) and the evidence ids."""
    lines: list[str] = []
    for alert in alerts:
        lines.append(f"{alert.date}  {alert.source}–{alert.target}  z={alert.statistic:g} "
                     f"(threshold {alert.threshold:g})  {alert.id}")
        lines.extend("    " + line for line in alert.explanation.splitlines())
        if alert.incident_ids:
            lines.append("    incidents: " + ", ".join(alert.incident_ids))
        if alert.quote_ids:
            lines.append("    quotes: " + ", ".join(alert.quote_ids))
        lines.append("")
    return lines


def threat_table(threats: Sequence[ThreatRecord]) -> list[str]:
    rows = []
    for t in threats:
        status = t.status.replace("_", " ")
        if t.fulfilled_by:
            status += f" by {t.fulfilled_by} on {t.fulfilled_on}"
        rows.append((t.date, _who([t.issuer]), _who([t.target]) if t.target else "", t.mode, status,
                     t.condition, t.event_id, t.text))
    return render_table(["date", "issuer", "target", "mode", "status", "condition", "event", "text"], rows,
                        [None, 36, 30, None, 60, 40, None, 80])
