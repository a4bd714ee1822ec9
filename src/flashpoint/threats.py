"""The threat register: every threat, and whether the threatened act followed.

In: :class:`~flashpoint.models.Incident` records (THREATEN incidents are the threats; the others are the
acts that may carry them out). Out: :class:`~flashpoint.models.ThreatRecord` per threat incident — issuer,
target, mode, condition, date, and a status:

* ``fulfilled`` — an incident of the threatened kind by the issuer's side against the target's side
  (country level) happened within ``window_days`` after the threat (the linking incident is recorded);
* ``not_yet`` — nothing yet, and the window is still open on the ``as_of`` day;
* ``lapsed`` — the window closed with nothing.

The threatened kind follows the THREATEN mode: violence → ASSAULT; territory → ASSAULT or COERCE (seize);
restrict → COERCE or SANCTION; relations → SANCTION; arrest → COERCE (arrest); expel → SANCTION or COERCE
(deport); no mode → any material conflict (ASSAULT, COERCE, SANCTION, MOBILIZE).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .dyads import incident_day
from .incidents import codes
from .models import Event, Incident, ThreatRecord

FULFILLING_TYPES: Mapping[str | None, frozenset[str]] = {
    "violence": frozenset({"ASSAULT"}),
    "territory": frozenset({"ASSAULT", "COERCE"}),
    "restrict": frozenset({"COERCE", "SANCTION"}),
    "relations": frozenset({"SANCTION"}),
    "arrest": frozenset({"COERCE"}),
    "expel": frozenset({"SANCTION", "COERCE"}),
    None: frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE"}),
}


@dataclass(frozen=True, slots=True)
class ThreatSettings:
    window_days: int = 30


def fulfilling_types(mode: str | None) -> frozenset[str]:
    return FULFILLING_TYPES.get(mode, FULFILLING_TYPES[None])


def threat_register(
    incidents: Sequence[Incident],
    events_by_id: Mapping[str, Event] | None = None,
    *,
    as_of: dt.date | None = None,
    settings: ThreatSettings | None = None,
) -> list[ThreatRecord]:
    """Register entries for the THREATEN incidents, oldest first (``as_of`` defaults to the latest
    incident date, i.e. what the data can tell)."""
    settings = settings or ThreatSettings()
    dated = [(incident_day(i), i) for i in incidents]
    known_days = [d for d, _ in dated if d]
    as_of = as_of or (max(known_days) if known_days else dt.date.today())
    acts = [(d, i) for d, i in dated if d and i.event_type != "THREATEN"]
    records = []
    for day, threat in sorted(dated, key=lambda x: (x[0] or dt.date.max, x[1].id)):
        if threat.event_type != "THREATEN" or not threat.actors:
            continue
        issuer_codes, target_codes = codes(threat.actors), codes(threat.recipients)
        kinds = fulfilling_types(threat.mode)
        follow = None
        if day is not None and issuer_codes:
            candidates = [
                (d, i) for d, i in acts
                if i.event_type in kinds and day <= d <= day + dt.timedelta(days=settings.window_days)
                and codes(i.actors) & issuer_codes
                and (not target_codes or codes(i.recipients) & target_codes)
            ]
            if candidates:
                follow = min(candidates, key=lambda x: (x[0], x[1].id))
        if follow is not None:
            status = "fulfilled"
        elif day is not None and day + dt.timedelta(days=settings.window_days) < as_of:
            status = "lapsed"
        else:
            status = "not_yet"
        first_event = events_by_id.get(threat.event_ids[0]) if events_by_id else None
        records.append(ThreatRecord(
            event_id=threat.event_ids[0],
            article_id=first_event.article_id if first_event else threat.article_ids[0],
            issuer=threat.actors[0],
            target=threat.recipients[0] if threat.recipients else None,
            mode=threat.mode,
            condition=next((e.condition for e in _events(threat, events_by_id) if e.condition), None),
            date=day.isoformat() if day else (threat.date.value if threat.date else None),
            status=status,
            window_days=settings.window_days,
            text=first_event.event_text if first_event else "",
            fulfilled_by=follow[1].id if follow else None,
            fulfilled_on=follow[0].isoformat() if follow else None,
        ))
    return records


def _events(incident: Incident, events_by_id: Mapping[str, Event] | None) -> list[Event]:
    if not events_by_id:
        return []
    return [events_by_id[e] for e in incident.event_ids if e in events_by_id]
