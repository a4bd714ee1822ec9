"""Persons in running text: NER names, surnames, titles and appositives.

In: the words and actor phrases of one text (:mod:`flashpoint.actor_phrases`), spaCy's PERSON spans, the
registry and a date function. Out: the phrases with persons added and coded:

- NER PERSON spans the registry does not cover, trimmed of titles and headline words ("Khawaja Asif
  Challenging"), not read as persons after "in"/"at" ("their retreat at Tora Bora") or before an agent noun
  ("an ethnic Tajik commander");
- surnames: "Asif" after "Khawaja Asif" (the same actor), "President Bush" / "Putin" through the registry's
  last-name index, dated by the office held;
- "<person> administration/regime" ("Bush administration" = USA GOV);
- titles before names ("Pakistan's Defence Minister Khawaja Asif") and appositives after them ("X, a senior
  commander of the Taliban"): an unknown person takes the title's country, sector and office.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import replace

from .actor_phrases import Hit, Phrase, compose
from .coreference import surname_links, title_words
from .models import Actor
from .registry import AliasTarget, Registry, Token

DateAt = Callable[[int], "dt.date | None"]
Spans = Sequence[tuple[int, int]]

# Headline verbs and boilerplate that NER glues onto names ("Khawaja Asif Challenging", "Photo Credit").
BAD_NAME_WORDS = frozenset(
    "challenging warns says slams vows rejects accuses urges calls threatens key takeaways photo credit "
    "comments reply".split()
)
# A PERSON entity right after these is a place ("their retreat at Tora Bora").
_PLACE_PREPOSITIONS = frozenset(
    "in at near inside outside around across into towards toward via through within throughout".split()
)
_FORMER = frozenset("former ex erstwhile late ousted deposed exiled toppled".split())


def word_index(words: Sequence[Token], start: int) -> int:
    """Index of the first word starting at or after character ``start``."""
    lo, hi = 0, len(words)
    while lo < hi:
        mid = (lo + hi) // 2
        if words[mid].start < start:
            lo = mid + 1
        else:
            hi = mid
    return lo


def drop_names_inside_persons(
    words: Sequence[Token], hits: list[Hit], person_spans: Spans, registry: Registry
) -> list[Hit]:
    """Words of a longer PERSON name are not actors of their own: a state opening it ("Chad Johnson",
    "Jordan Peterson") or a capitalised group noun inside it ("Mumtaz Zahra Baloch")."""
    spans = [(word_index(words, s), word_index(words, e)) for s, e in person_spans]
    if not spans:
        return hits
    hit_at = {h.i for h in hits}
    out = []
    for h in hits:
        inside = next(((a, b) for a, b in spans if a <= h.i and h.j <= b and b - a > h.j - h.i), None)
        if inside is not None and words[h.i].raw[:1].isupper():
            if h.kind == "agent" and h.term is not None and not h.term.person:
                continue
            if (
                h.kind == "entity"
                and h.target is not None
                and registry.entries[h.target.entry_id].kind == "state"
                and h.i == inside[0]
                and h.j not in hit_at
                and words[h.j].raw[:1].isupper()
            ):
                continue
        out.append(h)
    return out


def add_ner_persons(
    text: str, words: Sequence[Token], phrases: list[Phrase], person_spans: Spans, registry: Registry
) -> list[Phrase]:
    """spaCy PERSON entities that no registry phrase covers, trimmed, as unknown persons."""
    covered = [False] * len(words)
    for p in phrases:
        for k in range(p.i, p.j):
            covered[k] = True
    added: list[Phrase] = []
    agent_starts = {p.i for p in phrases if p.kind in {"agent", "title", "composite"}}
    for start, end in person_spans:
        i, j = word_index(words, start), word_index(words, end)
        while i < j and (covered[i] or _is_title_word(words, i, registry) or not words[i].raw[:1].isupper()):
            i += 1
        while j > i and (
            covered[j - 1]
            or not words[j - 1].raw[:1].isupper()
            or words[j - 1].key in BAD_NAME_WORDS
            or words[j - 1].key == "'s"
        ):
            j -= 1
        if j <= i or any(covered[i:j]) or any(w.key in BAD_NAME_WORDS for w in words[i:j]):
            continue
        if not any(len(w.key) > 1 and w.key.isalpha() for w in words[i:j]):
            continue
        if j - i == 1 and j in agent_starts:  # "an ethnic Tajik commander": a modifier, not a person
            continue
        if i > 0 and words[i - 1].key in _PLACE_PREPOSITIONS:  # "their retreat at Tora Bora": a place
            continue
        s, e = words[i].start, words[j - 1].end
        name = text[s:e]
        actor = Actor(entity_text=name, identifier_text=name, code=None, sector=None, start=s, end=e)
        added.append(Phrase(i, j, s, e, "entity", actor, entry_kind="person"))
        for k in range(i, j):
            covered[k] = True
    return sorted([*phrases, *added], key=lambda p: p.i)


def _is_title_word(words: Sequence[Token], i: int, registry: Registry) -> bool:
    term = registry.agents.get((words[i].key,))
    return term is not None and term.kind == "title"


def resolve_surnames(
    text: str,
    words: Sequence[Token],
    phrases: list[Phrase],
    registry: Registry,
    date_at: DateAt,
) -> tuple[list[Phrase], dict[int, Phrase]]:
    """Surnames: an unknown one-word person (or a bare capitalised word) repeating a name word of a person
    named in the article ("Asif") points at that person; a registry person's last name right after a title
    or marked PERSON by NER ("President Bush", "Putin") resolves through the registry."""
    antecedent_of: dict[int, Phrase] = {}
    known = [
        p
        for p in phrases
        if p.entry_kind == "person"
        and p.actor is not None
        and (p.j - p.i >= 2 or p.actor.registry_id is not None)
    ]
    keep: list[Phrase] = []
    candidates: list[Phrase] = []
    for p in phrases:
        if (
            p.entry_kind == "person"
            and p.actor is not None
            and p.actor.registry_id is None
            and p.j - p.i == 1
        ):
            candidates.append(p)
        else:
            keep.append(p)
    covered = [False] * len(words)
    for p in keep:
        for k in range(p.i, p.j):
            covered[k] = True
    resolved: list[Phrase] = []
    for link in surname_links(words, known, covered, lambda p: [w.key for w in words[p.i : p.j]]):
        ante = link.antecedent
        assert ante.actor is not None
        actor = replace(ante.actor, entity_text=text[link.start : link.end], start=link.start, end=link.end)
        resolved.append(Phrase(link.i, link.j, link.start, link.end, "entity", actor, entry_kind="person"))
        antecedent_of[link.start] = ante
        covered[link.i] = True
    after_title = {p.j for p in keep if p.kind == "title"}
    after_title |= {
        p.i - 1 for p in keep if p.kind == "agent" and p.term is not None and p.term.sector == "GOV"
    }
    for k, word in enumerate(words):
        if covered[k] or not word.raw[:1].isupper():
            continue
        is_ner = any(c.i == k for c in candidates)
        if not is_ner and k not in after_title:
            continue
        next_is_agent = any(p.i == k + 1 and p.kind == "agent" for p in keep)
        if k + 1 < len(words) and words[k + 1].raw[:1].isupper() and not next_is_agent:
            continue  # the first word of some other, longer name
        entry = registry.person_by_surname(word.raw, date_at(word.start))
        if entry is None:
            continue
        actor = registry.actor(
            AliasTarget(entry.id), text[word.start : word.end], date_at(word.start), word.start, word.end
        )
        resolved.append(Phrase(k, k + 1, word.start, word.end, "entity", actor, entry_kind="person"))
        covered[k] = True
    keep += [c for c in candidates if not covered[c.i]]
    return sorted([*keep, *resolved], key=lambda p: p.i), antecedent_of


def refresh_surnames(phrases: list[Phrase], antecedent_of: dict[int, Phrase]) -> list[Phrase]:
    """Give surname phrases the final actor of their antecedent (titles may have coded it meanwhile)."""
    by_start = {p.start: p for p in phrases}
    out: list[Phrase] = []
    for p in phrases:
        ante = antecedent_of.get(p.start)
        fresh = by_start.get(ante.start) if ante is not None else None
        if fresh is not None and fresh.actor is not None and p.actor is not None and fresh is not p:
            antecedent_of[p.start] = fresh
            p = replace(
                p, actor=replace(fresh.actor, entity_text=p.actor.entity_text, start=p.start, end=p.end)
            )
        out.append(p)
    return out


def person_agents(text: str, words: Sequence[Token], phrases: list[Phrase]) -> list[Phrase]:
    """ "Bush administration", "Assad regime": a known person directly followed by a collective agent."""
    out: list[Phrase] = []
    skip = -1
    for n, p in enumerate(phrases):
        if n == skip:
            continue
        nxt = phrases[n + 1] if n + 1 < len(phrases) else None
        if (
            p.entry_kind == "person"
            and p.actor is not None
            and p.actor.code
            and nxt is not None
            and nxt.kind == "agent"
            and nxt.term is not None
            and not nxt.term.person
            and nxt.i == p.j + (1 if p.j < len(words) and words[p.j].key == "'s" else 0)
        ):
            actor = compose(p.actor, nxt.term, text[p.start : nxt.end], p.start, nxt.end)
            actor = replace(
                actor, sector=nxt.term.sector if p.actor.sector not in {"REB", "UAF"} else p.actor.sector
            )
            out.append(
                Phrase(p.i, nxt.j, p.start, nxt.end, "composite", actor, nxt.term, "group", head=nxt.i)
            )
            skip = n + 1
            continue
        out.append(p)
    return out


def attach_titles(
    text: str,
    words: Sequence[Token],
    phrases: list[Phrase],
    registry: Registry,
    date_at: DateAt,
) -> tuple[list[Phrase], dict[int, Phrase], dict[int, set[str]]]:
    """Join titles to the person they name: "Defence Minister Khawaja Asif", "the Taliban's spokesman,
    Zabihullah Mujahid", "Abdul Hamid, a commander of the Taliban". An unknown person takes the title's
    code, sector and office. Returns the phrases (persons updated), title start -> person, and per person
    start the words of its office and titles (for "the minister")."""
    out = list(phrases)
    title_of: dict[int, Phrase] = {}
    person_titles: dict[int, set[str]] = {}
    for n, p in enumerate(out):
        if p.entry_kind != "person" or p.actor is None:
            continue
        titles: list[Phrase] = []
        before = _title_before(words, out, n)
        if before is not None:
            titles.append(out[before])
        after = _title_after(words, out, n)
        if after is not None:
            titles.append(out[after])
        person = p
        if titles and p.actor.registry_id is not None and date_at(p.start) is None:
            person = _office_by_title(words, p, titles, registry)  # undated text: the title tells
            out[n] = person
        for title in titles:
            title_of[title.start] = person
        if titles and person.actor is not None and person.actor.registry_id is None:
            best = next((t for t in titles if t.actor is not None and t.actor.code), titles[0])
            assert best.actor is not None
            former = best.i > 0 and words[best.i - 1].key in _FORMER
            sector = "ELI" if former else best.actor.sector
            office = text[words[best.head].start : best.end] if best.head >= 0 else None
            actor = replace(person.actor, code=best.actor.code, sector=sector, office=office)
            person = replace(person, actor=actor)
            out[n] = person
            for title in titles:
                title_of[title.start] = person
        if person.actor is not None and person.actor.registry_id is None and person.actor.code is None:
            state = _state_after_of(words, out, n)  # "King Hassan of Morocco"
            if state is not None and state.actor is not None:
                person = replace(person, actor=replace(person.actor, code=state.actor.code))
                out[n] = person
                for title in titles:
                    title_of[title.start] = person
        words_set: set[str] = set()
        office_text = person.actor.office if person.actor else None
        if office_text:
            words_set |= title_words(office_text)
        for title in titles:
            words_set |= title_words(" ".join(w.key for w in words[max(title.head, title.i) : title.j]))
        person_titles[person.start] = words_set
    return out, title_of, person_titles


def _office_by_title(
    words: Sequence[Token], person: Phrase, titles: Sequence[Phrase], registry: Registry
) -> Phrase:
    """For an undated article, the registry office whose title matches the one in the text ("Palestinian Prime
    Minister Ismail Haniyeh" -> his 2006 office, not his later Hamas post)."""
    assert person.actor is not None and person.actor.registry_id is not None
    entry = registry.entry(person.actor.registry_id)
    if entry is None:
        return person
    for title in titles:
        wanted = title_words(" ".join(w.key for w in words[max(title.head, title.i) : title.j]))
        if not wanted:
            continue
        for coding in sorted(entry.codings, key=lambda c: c.start or dt.date.min, reverse=True):
            if coding.office and wanted <= title_words(coding.office):
                actor = replace(person.actor, code=coding.code, sector=coding.sector, office=coding.office)
                return replace(person, actor=actor)
    return person


def _state_after_of(words: Sequence[Token], phrases: Sequence[Phrase], n: int) -> Phrase | None:
    person = phrases[n]
    if n + 1 >= len(phrases) or person.j >= len(words) or words[person.j].key != "of":
        return None
    nxt = phrases[n + 1]
    if nxt.i == person.j + 1 and nxt.kind == "entity" and nxt.entry_kind == "state":
        return nxt
    return None


def _title_before(words: Sequence[Token], phrases: Sequence[Phrase], n: int) -> int | None:
    if n == 0:
        return None
    prev = phrases[n - 1]
    if prev.kind != "title":
        return None
    gap = [w.key for w in words[prev.j : phrases[n].i]]
    if all(g in {".", ","} for g in gap) and len(gap) <= 1:
        return n - 1
    return None


def _title_after(words: Sequence[Token], phrases: Sequence[Phrase], n: int) -> int | None:
    """An appositive title: "<person>, [a|an|the] [modifiers] <title> ..." within eight words."""
    person = phrases[n]
    if person.j >= len(words) or words[person.j].key != ",":
        return None
    for m in range(n + 1, len(phrases)):
        cand = phrases[m]
        if cand.i - person.j > 8 or cand.entry_kind == "person":
            return None
        gap = words[person.j + 1 : cand.i]
        if any(w.key in {",", ".", ";", ":", "said", "says", "told", "and", '"'} for w in gap):
            return None
        if cand.kind == "title":
            return m
        if cand.kind not in {"entity", "composite"}:
            return None
    return None
