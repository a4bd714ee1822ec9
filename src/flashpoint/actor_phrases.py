"""Actor phrases in running text: registry aliases, generic agents and their combinations (no spaCy needed).

In: a text (``Article.nlp_text`` or a name), the :class:`~flashpoint.registry.Registry`, a date function and
optionally a part-of-speech function. Out: :class:`Phrase` records — a character span, the words it covers
and the :class:`~flashpoint.models.Actor` it stands for.

Steps: (1) split the text into :class:`~flashpoint.registry.Token` words, dropping intra-word hyphens and
apostrophes so "Tehrik-e-Taliban" matches the alias key ("tehrik", "e", "taliban"); (2) find every registry
alias and lexicon term (agents, titles, non-actors), keep the longest non-overlapping ones; (3) combine a
state/organisation with a following agent ("Pakistani security forces" = PAK MIL, "Pakistan's apostate
army", "Taliban fighters" = AFG MIL after 2021) or an agent with a following "of/for/in + entity"
("the government of Pakistan", "a spokesperson for the Afghan Ministry of Interior").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from .models import Actor
from .registry import AgentTerm, AliasTarget, Registry, Token, tokenize

DateAt = Callable[[int], "dt.date | None"]
PosAt = Callable[[int, int], "str | None"]  # (start, end) char span -> coarse POS of that word

# Alias roles that only name a place when they stand alone after a locative preposition ("in Kabul").
_PLACE_ROLES = {"capital", "region"}
# A capital or region named as a location ("shelling in Baghdad") stands for the people there (as in CAMEO).
PLACE_SECTOR = "CVL"
LOCATIVE_WORDS = frozenset(
    "in at near inside outside around across to into towards toward via through over within "
    "throughout".split()
)
_LINKS = {"of", "for", "from", "in"}
_MODIFIER_POS = {"ADJ", "NOUN", "NUM", "PROPN"}
_MAX_MODIFIERS = 3
_NON_STATE = {"REB", "UAF", "PRM", "CRM", "OPP", "PTY", "JRN", "SOC", "MED", "REF", "NGO", "BUS"}
_PARTICIPLE_MODIFIERS = frozenset(
    "armed trained backed based led allied affiliated linked sponsored funded supported aligned "
    "deployed stationed".split()
)
_STOP_MODIFIERS = frozenset(
    "the a an and or but that which who said says its their his her to by with on was were is are has "
    "have had not".split()
)


@dataclass(frozen=True, slots=True)
class Hit:
    """A matched stretch of words ``[i, j)``: a registry alias (``target``) or a lexicon term (``term``)."""

    i: int
    j: int
    kind: str  # entity | agent | title | non_actor
    target: AliasTarget | None = None
    term: AgentTerm | None = None


@dataclass(frozen=True, slots=True)
class Phrase:
    """An actor phrase: words ``[i, j)`` and characters ``[start, end)``, with its actor.

    ``kind``: ``entity`` (a registry alias), ``composite`` (entity + agent), ``agent`` (a generic agent with
    no country), ``title`` (a person noun or title, to be attached to a name or resolved by coreference)."""

    i: int
    j: int
    start: int
    end: int
    kind: str
    actor: Actor | None
    term: AgentTerm | None = None
    entry_kind: str | None = None  # registry entry kind (state, person, group, ...)
    head: int = -1  # index of the word carrying the agent/title (for composites and titles)
    place_only: bool = (
        False  # a capital/region after "in"/"at": a place (no sector) unless an agent links to it
    )


def words_of(text: str) -> list[Token]:
    """The words of ``text`` with intra-word hyphens/apostrophes removed (offsets kept)."""
    tokens = tokenize(text)
    words: list[Token] = []
    for n, tok in enumerate(tokens):
        if tok.key in {"-", "'"} and n > 0:
            prev = tokens[n - 1]
            nxt = tokens[n + 1] if n + 1 < len(tokens) else None
            if prev.end == tok.start and (tok.key == "'" or (nxt is not None and tok.end == nxt.start)):
                continue  # "Tehrik-e-Taliban", "Sana'a", plural possessive "Workers'"
        words.append(tok)
    return words


def _first_index(keys: Sequence[tuple[str, ...]]) -> dict[str, list[int]]:
    index: dict[str, set[int]] = {}
    for key in keys:
        index.setdefault(key[0], set()).add(len(key))
    return {k: sorted(v, reverse=True) for k, v in index.items()}


_INDEX_CACHE: dict[int, tuple[dict[str, list[int]], dict[str, list[int]]]] = {}


def _indexes(registry: Registry) -> tuple[dict[str, list[int]], dict[str, list[int]]]:
    cached = _INDEX_CACHE.get(id(registry))
    if cached is None:
        cached = (_first_index(list(registry.aliases)), _first_index(list(registry.agents)))
        _INDEX_CACHE.clear()
        _INDEX_CACHE[id(registry)] = cached
    return cached


def find_hits(words: Sequence[Token], registry: Registry) -> list[Hit]:
    """The longest non-overlapping registry aliases and lexicon terms, in text order."""
    alias_index, agent_index = _indexes(registry)
    keys = [w.key for w in words]
    n = len(words)
    candidates: list[tuple[int, int, Hit]] = []  # (-length, priority, hit)
    for i, key in enumerate(keys):
        for length in alias_index.get(key, ()):
            if i + length > n:
                continue
            window = tuple(keys[i : i + length])
            if window in registry.aliases and registry.case_ok(
                window, [w.raw for w in words[i : i + length]]
            ):
                target = registry.targets(window)[0]
                candidates.append((-length, 0, Hit(i, i + length, "entity", target=target)))
                break
        for length in agent_index.get(key, ()):
            if i + length > n:
                continue
            window = tuple(keys[i : i + length])
            term = registry.agents.get(window)
            if term is not None:
                candidates.append((-length, 1, Hit(i, i + length, term.kind, term=term)))
                break
        if words[i].raw[:1].isupper() and len(key) > 2:
            _skeleton_candidates(words, keys, i, registry, candidates)
    candidates = [c for c in candidates if not _negated_prefix(words, c[2])]
    candidates.sort(key=lambda c: (c[0], c[1], c[2].i))
    taken = [False] * n
    chosen: list[Hit] = []
    for _, _, hit in candidates:
        if any(taken[hit.i : hit.j]):
            continue
        for k in range(hit.i, hit.j):
            taken[k] = True
        chosen.append(hit)
    chosen.sort(key=lambda h: h.i)
    return chosen


def _negated_prefix(words: Sequence[Token], hit: Hit) -> bool:
    """ "anti-Syria journalist", "pro-Iranian militias": the entity is what they oppose or back, not them."""
    if hit.kind != "entity" or hit.i == 0:
        return False
    prev = words[hit.i - 1]
    return prev.key in {"anti", "pro"} and words[hit.i].start - prev.end <= 1


def _skeleton_candidates(
    words: Sequence[Token], keys: Sequence[str], i: int, registry: Registry, out: list[tuple[int, int, Hit]]
) -> None:
    """Capitalised word runs that equal an alias up to transliteration ("Tehreek-i-Taliban Pakistan")."""
    run = i
    while (
        run < len(words)
        and run - i < 6
        and (words[run].raw[:1].isupper() or keys[run] in {"e", "i", "ul", "al"})
    ):
        run += 1
    for j in range(run, i, -1):
        window = tuple(keys[i:j])
        if window in registry.aliases:
            return  # exact matches are found by the caller
        found = registry.find_key(window)
        if found is not None:
            target = registry.choose(found, None)
            if target is not None:
                out.append((-(j - i), 0, Hit(i, j, "entity", target=target)))
            return


def compose(base: Actor, term: AgentTerm, text: str, start: int, end: int) -> Actor:
    """The actor of "<entity> <agent>": the entity's code with the agent's sector, unless the entity is a
    non-state armed group or an outlet (then its own sector: "Taliban officials" before 2021 = AFG REB)."""
    sector = term.sector
    if base.sector in _NON_STATE:
        if (
            term.sector in {"MIL", "GOV", "REB", "UAF", "COP", "SPY", "LEG", "PTY", "OPP"}
            or term.sector is None
        ):
            sector = base.sector
    elif term.government_sector:
        sector = term.government_sector
    name = f"{base.identifier_text or base.entity_text} {term.text}"
    return Actor(
        entity_text=text,
        identifier_text=name,
        code=base.code,
        sector=sector,
        office=None,
        registry_id=base.registry_id,
        start=start,
        end=end,
    )


def agent_actor(term: AgentTerm, text: str, start: int, end: int) -> Actor:
    """A generic agent with no country ("security forces" = code None, MIL)."""
    return Actor(entity_text=text, identifier_text=None, code=None, sector=term.sector, start=start, end=end)


def build_phrases(
    text: str,
    words: Sequence[Token],
    hits: Sequence[Hit],
    registry: Registry,
    date_at: DateAt,
    pos_at: PosAt | None = None,
) -> list[Phrase]:
    """Turn hits into actor phrases, combining entities with adjacent agents (see module docstring)."""
    phrases: list[Phrase] = []
    used: set[int] = set()
    for n, hit in enumerate(hits):
        if n in used or hit.kind == "non_actor":
            continue
        start, end = words[hit.i].start, words[hit.j - 1].end
        if hit.kind == "entity" and hit.target is not None:
            entry = registry.entries[hit.target.entry_id]
            actor = registry.actor(hit.target, text[start:end], date_at(start), start, end)
            phrase = Phrase(hit.i, hit.j, start, end, "entity", actor, entry_kind=entry.kind)
            people = _following_people(words, hits, n)
            if people is not None:
                used.add(people)
                c_end = words[hits[people].j - 1].end
                actor = replace(actor, entity_text=text[start:c_end], sector="CVL", end=c_end)
                phrases.append(
                    Phrase(
                        hit.i,
                        hits[people].j,
                        start,
                        c_end,
                        "composite",
                        actor,
                        None,
                        entry.kind,
                        head=hits[people].i,
                    )
                )
                continue
            if entry.kind != "person":
                nxt = _following_agent(words, hits, n, pos_at)
                if nxt is not None:
                    used.add(nxt)
                    agent = hits[nxt]
                    assert agent.term is not None
                    c_end = words[agent.j - 1].end
                    kind = "title" if agent.term.person else "composite"
                    composed = compose(actor, agent.term, text[start:c_end], start, c_end)
                    phrase = Phrase(
                        hit.i, agent.j, start, c_end, kind, composed, agent.term, entry.kind, head=agent.i
                    )
            if (
                phrase.kind == "entity"
                and hit.target.role in _PLACE_ROLES
                and hit.i > 0
                and words[hit.i - 1].key in LOCATIVE_WORDS
            ):
                phrase = replace(phrase, place_only=True, actor=replace(actor, sector=PLACE_SECTOR))
            phrases.append(phrase)
        elif hit.term is not None:
            kind = "title" if hit.term.person else "agent"
            phrases.append(
                Phrase(
                    hit.i,
                    hit.j,
                    start,
                    end,
                    kind,
                    agent_actor(hit.term, text[start:end], start, end),
                    hit.term,
                    head=hit.i,
                )
            )
    return _link_of_phrases(text, words, phrases)


def _following_people(words: Sequence[Token], hits: Sequence[Hit], n: int) -> int | None:
    """ "Bosnian Serbs", "Iraqi Kurds": a state adjective directly before a people noun."""
    hit = hits[n]
    if hit.target is None or hit.target.role != "adjective" or n + 1 >= len(hits):
        return None
    nxt = hits[n + 1]
    if nxt.i == hit.j and nxt.target is not None and nxt.target.role == "people":
        return n + 1
    return None


def _following_agent(words: Sequence[Token], hits: Sequence[Hit], n: int, pos_at: PosAt | None) -> int | None:
    """Index of an agent/title hit right after hit ``n`` (over "'s" and up to three modifiers)."""
    if n + 1 >= len(hits):
        return None
    nxt = hits[n + 1]
    if nxt.kind not in {"agent", "title"} or nxt.term is None:
        return None
    gap = list(range(hits[n].j, nxt.i))
    if gap and words[gap[0]].key == "'s":
        gap = gap[1:]
    if len(gap) > _MAX_MODIFIERS:
        return None
    for k in gap:
        word = words[k]
        if word.key in _STOP_MODIFIERS or not word.key[:1].isalnum():
            return None
        if pos_at is not None:
            pos = pos_at(word.start, word.end)
            if pos is not None and pos not in _MODIFIER_POS and word.key not in _PARTICIPLE_MODIFIERS:
                return None
    return n + 1


def _link_of_phrases(text: str, words: Sequence[Token], phrases: list[Phrase]) -> list[Phrase]:
    """ "<agent> of/for/from/in [the] <entity or composite>" -> one composite phrase."""
    out: list[Phrase] = []
    k = 0
    while k < len(phrases):
        cur = phrases[k]
        if cur.kind in {"agent", "title"} and cur.term is not None and k + 1 < len(phrases):
            nxt = phrases[k + 1]
            gap = [w.key for w in words[cur.j : nxt.i]]
            if (
                gap
                and gap[0] in _LINKS
                and len(gap) <= 2
                and (len(gap) == 1 or gap[1] == "the")
                and nxt.kind in {"entity", "composite"}
                and nxt.entry_kind != "person"
                and nxt.actor is not None
            ):
                if gap[0] == "in" and nxt.entry_kind not in {"state", None}:
                    out.append(cur)
                    k += 1
                    continue
                actor = compose(nxt.actor, cur.term, text[cur.start : nxt.end], cur.start, nxt.end)
                kind = "title" if cur.term.person else "composite"
                out.append(
                    Phrase(
                        cur.i, nxt.j, cur.start, nxt.end, kind, actor, cur.term, nxt.entry_kind, head=cur.head
                    )
                )
                k += 2
                continue
        out.append(cur)
        k += 1
    return out
