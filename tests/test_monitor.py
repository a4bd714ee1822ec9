"""The monitoring glue: arrival order, cached embeddings, story ids on incidents, and the two fixes made
while wiring it (threat modes do not merge; a threat record's article is its event's article)."""

from __future__ import annotations

import numpy as np
import pytest

from builders import article, event, result
from flashpoint.incidents import build_incidents
from flashpoint.models import Incident, Story
from flashpoint.monitor import MonitorSettings, in_arrival_order, lead_vectors, monitor, with_story_ids
from flashpoint.stories import StorySettings
from flashpoint.threats import threat_register
from monitor_corpus import FakeEncoder, corpus


@pytest.fixture
def encoder(monkeypatch: pytest.MonkeyPatch) -> FakeEncoder:
    fake = FakeEncoder()
    monkeypatch.setattr("flashpoint.embeddings.get_encoder", lambda: fake)
    return fake


def test_arrival_order_is_by_publication_date_with_undated_last() -> None:
    results = [result(article("b", "2026-03-02")), result(article("z")), result(article("a", "2026-03-02")),
               result(article("c", "2026-03-01"))]
    assert [r.article.id for r in in_arrival_order(results)] == ["c", "a", "b", "z"]


def test_lead_vectors_encode_only_what_is_not_cached(encoder: FakeEncoder) -> None:
    results = corpus()[:3]
    cached = {results[1].article.id: np.ones(384, dtype=np.float32)}
    vectors = lead_vectors(results, StorySettings(), cached)
    assert vectors.shape == (3, 384) and len(encoder.encoded) == 2
    assert np.array_equal(vectors[1], cached[results[1].article.id])


def test_incidents_carry_the_story_of_most_of_their_articles() -> None:
    incident = Incident(id="inc-1", event_type="ASSAULT", mode=None, actors=(), recipients=(), event_ids=(),
                        article_ids=("a1", "a2", "a3"), outlets=())
    stories = [Story("story-a1", "one", ("a1",)), Story("story-a2", "two", ("a2", "a3"))]
    (tagged,) = with_story_ids([incident], stories)
    assert tagged.story_id == "story-a2"


def test_monitor_fills_story_ids_and_accepts_known_links(encoder: FakeEncoder) -> None:
    results = corpus()
    monitoring = monitor(results, MonitorSettings())
    assert all(i.story_id for i in monitoring.incidents)
    again = monitor(results, MonitorSettings(), duplicates=monitoring.duplicates)
    assert again == monitoring


def test_threats_of_different_modes_are_different_incidents() -> None:
    """Two unrelated reports two days apart, one of a threat to strike, one of a threat to close the
    border: before the fix they merged into one THREATEN incident with the mode of whichever came first."""
    close = result(article("a1", "2026-09-14"), event("a1", 1, "THREATEN", "PAK", "AFG", "2026-09-14",
                                                      "restrict"))
    strike = result(article("a2", "2026-09-16"), event("a2", 1, "THREATEN", "PAK", "AFG", "2026-09-16",
                                                       "violence"))
    vague = result(article("a3", "2026-09-17"), event("a3", 1, "THREATEN", "PAK", "AFG", "2026-09-17"))
    incidents = build_incidents([close, strike, vague])
    assert sorted((i.mode, i.article_ids) for i in incidents) == [
        ("restrict", ("a1",)), ("violence", ("a2", "a3"))]  # a report without a mode does not contradict


def test_a_threat_record_names_the_article_of_its_event() -> None:
    later = result(article("a1", "2026-09-18"), event("a1", 1, "THREATEN", "PAK", "AFG", "2026-09-16",
                                                      "violence"))
    earlier = result(article("z9", "2026-09-16"), event("z9", 1, "THREATEN", "PAK", "AFG", "2026-09-16",
                                                        "violence"))
    incidents = build_incidents([later, earlier])
    events = {e.id: e for r in (later, earlier) for e in r.events}
    (record,) = threat_register(incidents, events)
    assert record.event_id.startswith(record.article_id)
