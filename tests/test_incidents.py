"""Incidents merge restatements and cross-outlet reports of one act, and keep different acts apart."""

from __future__ import annotations

from builders import KARACHI, KHOST, article, event, result
from flashpoint.incidents import build_incidents
from flashpoint.models import DuplicateLink, Story


def test_restatements_within_an_article_make_one_incident() -> None:
    a = article("a1", "2026-09-18", "Outlet A")
    r = result(a, event("a1", 1, "ASSAULT", "PAK", "AFG", "2026-09-18", "aerial", dead=9),
               event("a1", 2, "ASSAULT", "PAK", "AFG", None, "aerial", dead=9),
               event("a1", 3, "ASSAULT", "PAK", "AFG", "2026-09-18", "aerial"))
    (incident,) = build_incidents([r])
    assert incident.event_ids == ("a1-e1", "a1-e2", "a1-e3")
    assert incident.n_articles == 1 and incident.size.dead == 9


def test_two_outlets_same_act_one_incident_with_sources_counted_and_ranges() -> None:
    r1 = result(article("a1", "2026-09-18", "Outlet A"),
                event("a1", 1, "ASSAULT", "PAK", "AFG", "2026-09-18", "aerial", dead=9, place=KHOST))
    r2 = result(article("a2", "2026-09-19", "Outlet B"),
                event("a2", 1, "ASSAULT", "PAK", "AFG", "2026-09-18", "aerial", dead=12, place=KHOST))
    r3 = result(article("a3", "2026-09-19", "Outlet C"),
                event("a3", 1, "ASSAULT", "PAK", "AFG", "2026-09-18", "aerial", dead=9))
    (incident,) = build_incidents([r1, r2, r3])
    assert incident.n_outlets == 3 and incident.n_articles == 3
    assert incident.size.dead == 9 and incident.dead_range == (9, 12)
    assert incident.first_reported == "2026-09-18"
    assert incident.date is not None and incident.date.value == "2026-09-18"
    assert incident.location is not None and incident.location.name == "Khost"


def test_different_dates_places_types_or_dyads_stay_apart() -> None:
    base = event("a1", 1, "ASSAULT", "PAK", "AFG", "2026-09-18", dead=3, place=KHOST)
    r1 = result(article("a1", "2026-09-18"), base)
    r2 = result(article("a2", "2026-09-30"), event("a2", 1, "ASSAULT", "PAK", "AFG", "2026-09-30"))
    r3 = result(article("a3", "2026-09-18"), event("a3", 1, "ASSAULT", "PAK", "AFG", "2026-09-18",
                                                   place=KARACHI))
    r4 = result(article("a4", "2026-09-18"), event("a4", 1, "THREATEN", "PAK", "AFG", "2026-09-18"))
    r5 = result(article("a5", "2026-09-18"), event("a5", 1, "ASSAULT", "PAK", "IND", "2026-09-18"))
    assert len(build_incidents([r1, r2, r3, r4, r5])) == 5


def test_undated_reports_merge_only_within_a_story_or_duplicate_group() -> None:
    r1 = result(article("a1"), event("a1", 1, "THREATEN", "PAK", "AFG", mode="violence"))
    r2 = result(article("a2"), event("a2", 1, "THREATEN", "PAK", "AFG", mode="violence"))
    assert len(build_incidents([r1, r2])) == 2
    story = Story("story-a1", "label", ("a1", "a2"))
    (incident,) = build_incidents([r1, r2], stories=[story])
    assert incident.article_ids == ("a1", "a2")
    (incident,) = build_incidents([r1, r2], duplicates=[DuplicateLink("a2", "a1", 0.9)])
    assert incident.n_articles == 2


def test_negated_and_hypothetical_events_make_no_incident() -> None:
    r = result(article("a1", "2026-09-18"),
               event("a1", 1, "ASSAULT", "PAK", "AFG", context=("negation",)),
               event("a1", 2, "ASSAULT", "PAK", "AFG", context=("hypothetical",)))
    assert build_incidents([r]) == []


def test_one_statement_reported_with_different_places_is_one_incident() -> None:
    r1 = result(article("a1", "2026-09-16", "Outlet A"),
                event("a1", 1, "THREATEN", "PAK", "AFG", "2026-09-16", "violence", place=KHOST))
    r2 = result(article("a2", "2026-09-16", "Outlet B"),
                event("a2", 1, "THREATEN", "PAK", "AFG", "2026-09-16", "violence", place=KARACHI))
    (incident,) = build_incidents([r1, r2])
    assert incident.n_articles == 2
