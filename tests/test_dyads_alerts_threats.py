"""Dyad series, alerts that explain themselves, and the threat register, on hand-built incidents."""

from __future__ import annotations

import datetime as dt

from builders import article, event, quote, result
from flashpoint.alerts import detect_alerts
from flashpoint.dyads import dyad_series
from flashpoint.incidents import build_incidents
from flashpoint.models import Place
from flashpoint.threats import threat_register


def _day(n: int) -> str:
    return (dt.date(2026, 8, 1) + dt.timedelta(days=n)).isoformat()


def test_dyad_series_counts_by_quad_and_sums_scores() -> None:
    r = result(article("a1", "2026-09-18"),
               event("a1", 1, "ASSAULT", "PAK", "AFG", "2026-09-18", "aerial"),
               event("a1", 2, "THREATEN", "AFG", "PAK", "2026-09-18", "violence"),
               event("a1", 3, "CONSULT", "QAT", None, "2026-09-18"))
    incidents = build_incidents([r])
    directed = dyad_series(incidents, directed=True)
    assert {(p.source, p.target) for p in directed} == {("PAK", "AFG"), ("AFG", "PAK")}
    (undirected,) = dyad_series(incidents, directed=False)
    assert (undirected.source, undirected.target) == ("AFG", "PAK")
    assert undirected.counts == (0, 0, 1, 1) and undirected.score < -10
    (week,) = dyad_series(incidents, granularity="week")
    assert week.period == "2026-W38"
    assert dyad_series(incidents, level="actor")


def test_alert_fires_on_escalation_and_cites_its_evidence() -> None:
    results = []
    for n in range(0, 40, 6):  # quiet: a threat every 6 days
        aid = f"q{n}"
        results.append(result(article(aid, _day(n)), event(aid, 1, "THREATEN", "PAK", "AFG", _day(n))))
    for n in range(40, 43):  # escalation: several strikes a day
        for k in range(3):
            aid = f"s{n}-{k}"
            place = Place(aid, "somewhere", 0, 9, name=f"site {n}-{k}", lat=30.0 + n / 5 + k, lon=66.0 + k)
            results.append(result(article(aid, _day(n)),
                                  event(aid, 1, "ASSAULT", "PAK", "AFG", _day(n), "aerial", place=place,
                                        quote_id=f"{aid}-q1"),
                                  quotes=(quote(aid, 1, "We struck the camps.", "PAK"),)))
    alerts = detect_alerts(build_incidents(results))
    assert len(alerts) == 1
    alert = alerts[0]
    assert (alert.source, alert.target) == ("AFG", "PAK")
    assert _day(40) <= alert.date <= _day(42)
    assert alert.incident_ids and alert.quote_ids
    assert "ASSAULT" in alert.explanation and "baseline" in alert.explanation


def test_quiet_dyad_raises_no_alert() -> None:
    results = [result(article(f"q{n}", _day(n)), event(f"q{n}", 1, "ACCUSE", "PAK", "AFG", _day(n)))
               for n in range(0, 90, 5)]
    assert detect_alerts(build_incidents(results)) == []


def test_threat_register_statuses() -> None:
    threat = result(article("t1", _day(0)), event("t1", 1, "THREATEN", "PAK", "AFG", _day(0), "violence",
                                                    condition="if another attack takes place"))
    carried_out = result(article("s1", _day(2)), event("s1", 1, "ASSAULT", "PAK", "AFG", _day(2), "aerial"))
    old = result(article("t2", _day(1)), event("t2", 1, "THREATEN", "AFG", "PAK", _day(1), "violence"))
    late = result(article("t3", _day(60)), event("t3", 1, "THREATEN", "IND", "PAK", _day(60), "violence"))
    incidents = build_incidents([threat, carried_out, old, late])
    events = {e.id: e for r in (threat, carried_out, old, late) for e in r.events}
    register = {r.event_id: r for r in threat_register(incidents, events, as_of=dt.date(2026, 10, 5))}
    assert register["t1-e1"].status == "fulfilled"
    assert register["t1-e1"].fulfilled_by == "inc-s1-e1" and register["t1-e1"].fulfilled_on == _day(2)
    assert register["t1-e1"].condition == "if another attack takes place"
    assert register["t2-e1"].status == "lapsed"
    assert register["t3-e1"].status == "not_yet"
