"""Stories: articles about the same developing story, grouped across outlets.

In: :class:`~flashpoint.models.ArticleResult` records (article + extracted events, mentions, places) and
optionally the near-duplicate links. Out: :class:`~flashpoint.models.Story` records, each with a readable
label and the ids of its articles; every article belongs to exactly one story (possibly alone).

Similarity of two articles combines three signals (FINDINGS: embeddings alone do not separate stories of
one conflict — the mission documents sit at cosine 0.71–0.83 to each other):

* the cosine of the **lead** embeddings (title + first sentences, offline MiniLM), which carry the news
  peg of a story rather than its background;
* the overlap of **who did what to whom**: Jaccard of the articles' (event type, actor, recipient)
  signatures and of their named actors;
* **shared quotations**: outlets covering one story repeat the same statements, so the share of one
  article's quoted word 4-grams found in the other's is strong evidence (background quotes are short);
* **time**: articles dated more than ``window_days`` apart never join (undated articles are not held back).

Near-duplicates always share a story. Clustering is average-linkage agglomerative over the combined
similarity, stopped at ``threshold``: a group joins another only when it is similar on average, which
avoids the chaining of single linkage.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .models import ArticleResult, DuplicateLink, Story

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


@dataclass(frozen=True, slots=True)
class StorySettings:
    threshold: float = 0.78
    window_days: int = 4
    lead_chars: int = 600
    signature_weight: float = 0.25
    actor_weight: float = 0.10
    quote_weight: float = 0.30


def lead_text(result: ArticleResult, max_chars: int) -> str:
    """Title plus the first sentences of the body, up to ``max_chars``."""
    article = result.article
    body = " ".join(article.body.split())
    lead = ""
    for sentence in _SENTENCE_END.split(body):
        if len(lead) + len(sentence) > max_chars and lead:
            break
        lead = f"{lead} {sentence}".strip()
    title = article.title or ""
    return f"{title}. {lead}" if title and not lead.startswith(title) else lead


def event_signatures(result: ArticleResult) -> set[tuple[str, str, str]]:
    """(type, actor, recipient) of the article's asserted events, actors at country level."""
    sigs = set()
    for event in result.events:
        if {"negation", "hypothetical"} & set(event.context):
            continue
        actor = event.actors[0].code if event.actors and event.actors[0].code else "?"
        recipient = event.recipients[0].code if event.recipients and event.recipients[0].code else "?"
        sigs.add((event.event_type, actor or "?", recipient or "?"))
    return sigs


def named_actors(result: ArticleResult) -> set[str]:
    """Registry ids (or canonical names) of the persons and groups the article names."""
    names = set()
    for mention in result.mentions:
        actor = mention.actor
        if actor.registry_id:
            names.add(actor.registry_id)
        elif actor.identifier_text and actor.identifier_text[:1].isupper():
            names.add(actor.identifier_text.lower())
    return names


def quote_grams(result: ArticleResult) -> set[tuple[str, ...]]:
    """Word 4-grams of everything the article quotes."""
    grams: set[tuple[str, ...]] = set()
    for quote in result.quotes:
        words = re.findall(r"\w+", quote.text.lower())
        grams.update(tuple(words[i : i + 4]) for i in range(len(words) - 3))
    return grams


def _containment(a: set, b: set) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def article_date(result: ArticleResult) -> dt.date | None:
    """Publication date, else the latest day-precise event date, else None."""
    pub = result.article.published
    if pub and len(pub.value) >= 10:
        try:
            return dt.date.fromisoformat(pub.value[:10])
        except ValueError:
            pass
    days = []
    for event in result.events:
        if event.date and len(event.date.value) == 10:
            try:
                days.append(dt.date.fromisoformat(event.date.value))
            except ValueError:
                continue
    return max(days) if days else None


def _jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def similarity_matrix(
    results: Sequence[ArticleResult], vectors: np.ndarray, settings: StorySettings
) -> np.ndarray:
    """Combined pairwise similarity; pairs outside the time window get -inf."""
    n = len(results)
    sims = vectors @ vectors.T if n else np.zeros((0, 0))
    sigs = [event_signatures(r) for r in results]
    names = [named_actors(r) for r in results]
    dates = [article_date(r) for r in results]
    quoted = [quote_grams(r) for r in results]
    out = np.full((n, n), -np.inf)
    for i in range(n):
        for j in range(i + 1, n):
            di, dj = dates[i], dates[j]
            if di and dj and abs((di - dj).days) > settings.window_days:
                continue
            score = float(sims[i, j])
            score += settings.signature_weight * _jaccard(sigs[i], sigs[j])
            score += settings.actor_weight * _jaccard(names[i], names[j])
            score += settings.quote_weight * _containment(quoted[i], quoted[j])
            out[i, j] = out[j, i] = score
    return out


def cluster(sim: np.ndarray, threshold: float, must_link: Sequence[tuple[int, int]] = ()) -> list[list[int]]:
    """Average-linkage agglomerative clustering stopped at ``threshold``; must-link pairs merge first."""
    groups: list[list[int]] = [[i] for i in range(sim.shape[0])]
    where = {i: i for i in range(sim.shape[0])}
    for a, b in must_link:
        ga, gb = where[a], where[b]
        if ga != gb:
            groups[ga].extend(groups[gb])
            for k in groups[gb]:
                where[k] = ga
            groups[gb] = []
    groups = [g for g in groups if g]
    while len(groups) > 1:
        best, pair = threshold, None
        for x in range(len(groups)):
            for y in range(x + 1, len(groups)):
                block = sim[np.ix_(groups[x], groups[y])]
                if np.isneginf(block).any():
                    continue
                score = float(block.mean())
                if score >= best:
                    best, pair = score, (x, y)
        if pair is None:
            break
        x, y = pair
        groups[x] = groups[x] + groups[y]
        del groups[y]
    return groups


def group_stories(
    results: Sequence[ArticleResult],
    duplicates: Sequence[DuplicateLink] = (),
    settings: StorySettings | None = None,
    vectors: np.ndarray | None = None,
) -> list[Story]:
    """Group articles into stories (``vectors``: precomputed lead embeddings, else computed here)."""
    settings = settings or StorySettings()
    if not results:
        return []
    if vectors is None:
        from .embeddings import get_encoder

        vectors = get_encoder().encode([lead_text(r, settings.lead_chars) for r in results])
    index = {r.article.id: i for i, r in enumerate(results)}
    must = [(index[d.article_id], index[d.duplicate_of]) for d in duplicates
            if d.article_id in index and d.duplicate_of in index]
    sim = similarity_matrix(results, vectors, settings)
    groups = cluster(sim, settings.threshold, must)
    stories = []
    for group in sorted(groups, key=lambda g: min(g)):
        members = [results[i] for i in sorted(group)]
        stories.append(_story(members, sim, sorted(group)))
    return stories


def _story(members: list[ArticleResult], sim: np.ndarray, idx: list[int]) -> Story:
    dates = sorted(d.isoformat() for d in (article_date(m) for m in members) if d)
    codes: Counter[str] = Counter()
    places: Counter[str] = Counter()
    for m in members:
        for sig in event_signatures(m):
            codes.update(c for c in sig[1:] if c != "?")
        places.update(p.name or p.text for p in m.places)
    # the most central article's title (or lead) names the story
    if len(idx) > 1:
        block = sim[np.ix_(idx, idx)]
        centrality = np.where(np.isneginf(block), 0.0, block).sum(axis=1)
        centre = members[int(np.argmax(centrality))]
    else:
        centre = members[0]
    label = centre.article.title or lead_text(centre, 120)
    label = " ".join(label.split())[:140]
    if dates:
        label += f" ({dates[0]}" + (f" to {dates[-1]})" if dates[-1] != dates[0] else ")")
    return Story(
        id="story-" + min(m.article.id for m in members),
        label=label,
        article_ids=tuple(m.article.id for m in members),
        first_date=dates[0] if dates else None,
        last_date=dates[-1] if dates else None,
        actor_codes=tuple(c for c, _ in codes.most_common(4)),
        place_names=tuple(p for p, _ in places.most_common(4)),
    )
