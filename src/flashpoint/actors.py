"""Actor mentions: every actor an article names, resolved to a PLOVER code and sector.

In: the spaCy ``Doc`` of ``Article.nlp_text`` and the :class:`~flashpoint.models.Article`. Out: a tuple of
:class:`~flashpoint.models.Mention` in text order, each with its resolved :class:`~flashpoint.models.Actor`
(code, sector, office held on the article's date, registry id). Offsets are into ``Article.text``.

Sources, in order:
1. registry phrases over the raw words (:mod:`flashpoint.actor_phrases`; NER is not trusted for multi-word
   aliases such as "Tehrik-e-Taliban Pakistan"), with generic agents and their country modifiers;
2. spaCy PERSON entities not in the registry (trimmed of titles and headline words such as "Challenging");
3. titles before names ("Pakistan's Defence Minister Khawaja Asif", "President X") and appositives after
   them ("X, an ethnic Tajik commander of the Taliban") — an unknown person takes the title's code/sector;
4. coreference (:mod:`flashpoint.coreference`): "Asif", "the minister", "he", "its".

A pronoun or nominal mention keeps its own span in ``Mention.start/end``; its ``Actor`` carries the
antecedent's name and span, and ``Mention.antecedent_start/end`` point at the named mention.

Helpers for later stages: :func:`resolve_name`, :func:`mention_at`, :func:`mentions_in`.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from .actor_persons import (
    BAD_NAME_WORDS,
    add_ner_persons,
    attach_titles,
    drop_names_inside_persons,
    person_agents,
    refresh_surnames,
    resolve_surnames,
    word_index,
)
from .actor_phrases import (
    LOCATIVE_WORDS,
    PLACE_SECTOR,
    Phrase,
    build_phrases,
    compose,
    find_hits,
    words_of,
)
from .coreference import (
    Link,
    nominal_links,
    organisation_links,
    pronoun_links,
    quote_spans,
)
from .models import Actor, Article, Mention, Place, Provenance
from .nlp import token_table
from .registry import Registry, Token, load_registry

EXTRACTOR = "actors"
VERSION = "1"
_YEAR_RE = re.compile(
    r"\b(?:(January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\s+)?((?:19[4-9]|20[0-4])\d)\b"
)
_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_SINCE_RE = re.compile(r"(?:since|from|until|till)\s+(?:\w+\s+)?$", re.IGNORECASE)
# Unknown organisations named like intergovernmental bodies ("International Labour Office").
_INTERNATIONAL = re.compile(
    r"^(?:International|Inter-|Asia-Pacific|Intergovernmental|United Nations|U\.N\.|UN )"
)


# ------------------------------------------------------------------------------------------ dates


def article_date(article: Article) -> dt.date | None:
    """The publication date as a ``date`` (month/year precision -> the 15th / 1 July), or None."""
    if article.published is None:
        return None
    return parse_partial_date(article.published.value)


def parse_partial_date(value: str) -> dt.date | None:
    match = re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value or "")
    if not match:
        return None
    year = int(match.group(1))
    if match.group(3):
        return dt.date(year, int(match.group(2)), int(match.group(3)))
    if match.group(2):
        return dt.date(year, int(match.group(2)), 15)
    return dt.date(year, 7, 1)


def _sentence_dates(
    text: str, sentences: Sequence[tuple[int, int]], base: dt.date | None
) -> list[dt.date | None]:
    """Per sentence: an earlier year the sentence talks about ("in 2001 the Taliban ..."), else ``base``."""
    out: list[dt.date | None] = []
    for start, end in sentences:
        best: dt.date | None = None
        chunk = text[start:end]
        for m in _YEAR_RE.finditer(chunk):
            if _SINCE_RE.search(chunk[max(0, m.start() - 20) : m.start()]):
                continue
            year = int(m.group(2))
            month = _MONTHS.index(m.group(1).lower()) + 1 if m.group(1) else 7
            when = dt.date(year, month, 1)
            if best is None or when > best:
                best = when
        if best is not None and (base is None or best.year < base.year):
            out.append(best)
        else:
            out.append(base)
    return out


# ------------------------------------------------------------------------------------------ spaCy glue


def _sentences(doc: Any, text: str) -> list[tuple[int, int]]:
    try:
        spans = [(s.start_char, s.end_char) for s in doc.sents]
    except (AttributeError, ValueError):
        spans = []
    return spans or [(0, len(text))]


class _DocView:
    """Character-offset access to a spaCy Doc's tokens (POS, dependency), tolerant of a missing Doc."""

    def __init__(self, doc: Any, length: int) -> None:
        self.doc = doc
        self.length = length
        self.starts: list[int] = []  # token start offsets (ascending)
        self.ends: list[int] = []  # token end offsets, clipped to the text
        self.index: bool = False  # whether the Doc can be read
        self._entities: list[tuple[str, int, int]] | None = None
        if doc is not None and hasattr(doc, "__iter__") and hasattr(doc, "ents"):
            self.index = True
            table = token_table(doc)
            self.starts = table.starts
            self.ends = [min(start + size, length)
                         for start, size in zip(table.starts, table.lengths, strict=True)]

    def _covering(self, offset: int) -> int:
        """The token holding character ``offset`` (as a char -> token table would say), or -1."""
        k = bisect.bisect_right(self.starts, offset) - 1
        return k if k >= 0 and offset < self.ends[k] else -1

    def token(self, start: int) -> Any:
        if start < 0:
            start += self.length + 1  # a negative offset counts from the end, as list indexing would
        if not self.index or start > self.length or start < 0:
            return None
        k = self._covering(start)
        return self.doc[k] if k >= 0 else None

    def pos(self, start: int, end: int) -> str | None:
        tok = self.token(start)
        return str(tok.pos_) if tok is not None else None

    def is_subject(self, start: int, end: int) -> bool:
        """Whether the span's syntactic head (the token whose head lies outside the span) is a subject."""
        if not self.index:
            return False
        stop = min(end, self.length + 1)
        toks: set[int] = set()
        k = max(bisect.bisect_right(self.starts, max(start, 0)) - 1, 0)
        while k < len(self.starts) and self.starts[k] < stop:
            if max(self.starts[k], start) < min(self.ends[k], stop):
                toks.add(k)
            k += 1
        for i in toks:
            tok = self.doc[i]
            if tok.head.i not in toks or tok.head.i == tok.i:
                return str(tok.dep_) in {"nsubj", "nsubjpass", "csubj"} or (
                    str(tok.dep_) in {"poss", "compound"} and str(tok.head.dep_) in {"nsubj", "nsubjpass"}
                )
        return False

    def entities(self, label: str) -> list[tuple[int, int]]:
        if self.doc is None or not hasattr(self.doc, "ents"):
            return []
        if self._entities is None:
            self._entities = [(e.label_, e.start_char, e.end_char) for e in self.doc.ents]
        return [(start, end) for name, start, end in self._entities if name == label]


# ------------------------------------------------------------------------------------------ extraction


def extract_mentions(doc: object, article: Article, *, places: Sequence[Place] = ()) -> tuple[Mention, ...]:
    """Every actor mention in the article, resolved (see the module docstring).

    ``places`` (from :func:`flashpoint.places.extract_places`, optional): a resolved town the registry does
    not know ("Samarra") becomes a mention coded with its country (CVL after "in"/"at", else no sector)."""
    registry = load_registry()
    text = article.nlp_text
    view = _DocView(doc, len(text))
    sentences = _sentences(doc, text)
    date_at = _date_at(text, sentences, article)
    words = words_of(text)
    hits = drop_names_inside_persons(words, find_hits(words, registry), view.entities("PERSON"), registry)
    phrases = build_phrases(text, words, hits, registry, date_at, view.pos)
    phrases = add_ner_persons(text, words, phrases, view.entities("PERSON"), registry)
    phrases = _add_ner_organisations(text, words, phrases, view)
    phrases = _add_places(text, words, phrases, places, view)
    phrases = _outside_dateline(phrases, words, article)
    return _finish(article, text, words, phrases, sentences, view, registry)


def _outside_dateline(phrases: list[Phrase], words: Sequence[Token], article: Article) -> list[Phrase]:
    """Drop names inside the dateline ("PESHAWAR, Sept 14 (Wire) -"): it says where the report was filed,
    not who acted, so its capital is no metonym for a government."""
    if not article.dateline_span:
        return phrases
    lo, hi = article.dateline_span
    return [p for p in phrases if not (lo <= words[p.i].start and words[p.j - 1].end <= hi)]


def _sentence_index(sentences: Sequence[tuple[int, int]], offset: int) -> int:
    for n, (start, end) in enumerate(sentences):
        if start <= offset < end:
            return n
    return len(sentences) - 1


def _add_ner_organisations(
    text: str, words: Sequence[Token], phrases: list[Phrase], view: _DocView
) -> list[Phrase]:
    """spaCy ORG entities the registry does not know. One that contains a state ("Kenya Anti-Corruption
    Commission") takes the state's code with no sector; others are kept uncoded (quote speakers)."""
    added: list[Phrase] = []
    for start, end in view.entities("ORG"):
        i, j = word_index(words, start), word_index(words, end)
        while i < j and words[i].key in {"the", "a", "an"}:
            i += 1
        if j <= i or j - i < 2 or any(w.key in BAD_NAME_WORDS for w in words[i:j]):
            continue
        inside = [p for p in phrases if p.i < j and i < p.j]
        if any(p.i < i or p.j > j for p in inside) or any(p.i == i and p.j == j for p in inside):
            continue  # overlaps a phrase partly, or is one
        states = [p for p in inside if p.entry_kind == "state" and p.actor is not None]
        if inside and not states:
            continue
        s, e = words[i].start, words[j - 1].end
        name = text[s:e]
        code = states[0].actor.code if states and states[0].actor is not None else None
        heads = [p.term.sector for p in inside if p.term is not None and p.kind in {"agent", "composite"}]
        sector = heads[-1] if heads and code else None
        if code is None and _INTERNATIONAL.match(name):
            code = "IGO"
        actor = Actor(entity_text=name, identifier_text=name, code=code, sector=sector, start=s, end=e)
        added.append(Phrase(i, j, s, e, "entity", actor, entry_kind="organisation"))
    return sorted([*phrases, *added], key=lambda p: (p.i, -p.j))


def _add_places(
    text: str, words: Sequence[Token], phrases: list[Phrase], places: Sequence[Place], view: _DocView
) -> list[Phrase]:
    """Resolved places not covered by a registry phrase, coded with their country (metonymy: "Samarra").
    Only capitalised names that NER does not read as a person, and not "anti-/pro-" modifiers."""
    if not places:
        return phrases
    people = view.entities("PERSON")
    covered = [False] * len(words)
    for p in phrases:
        for k in range(p.i, p.j):
            covered[k] = True
    added: list[Phrase] = []
    for place in places:
        if not place.country or len(place.country) != 3:
            continue
        i, j = word_index(words, place.start), word_index(words, place.end)
        if j <= i or any(covered[i:j]) or not all(w.raw[:1].isupper() for w in words[i:j] if w.key.isalpha()):
            continue
        if words[i].key in {"the", "a", "an"} or any(a < place.end and place.start < b for a, b in people):
            continue
        if i > 0 and words[i - 1].key in {"anti", "pro"}:
            continue
        locative = i > 0 and words[i - 1].key in LOCATIVE_WORDS
        s, e = words[i].start, words[j - 1].end
        actor = Actor(
            entity_text=text[s:e],
            identifier_text=place.name or text[s:e],
            code=place.country,
            sector=PLACE_SECTOR if locative else None,
            start=s,
            end=e,
        )
        added.append(Phrase(i, j, s, e, "entity", actor, entry_kind="place", place_only=locative))
        for k in range(i, j):
            covered[k] = True
    return sorted([*phrases, *added], key=lambda p: (p.i, -p.j))


def _finish(
    article: Article,
    text: str,
    words: Sequence[Token],
    phrases: list[Phrase],
    sentences: Sequence[tuple[int, int]],
    view: _DocView,
    registry: Registry,
) -> tuple[Mention, ...]:
    """Surnames, titles, coreference, then the Mention records."""
    date_at = _date_at(text, sentences, article)
    phrases, antecedent_of = resolve_surnames(text, words, phrases, registry, date_at)
    phrases = person_agents(text, words, phrases)
    phrases, title_of, person_titles = attach_titles(text, words, phrases, registry, date_at)
    phrases = refresh_surnames(phrases, antecedent_of)
    persons = [p for p in phrases if p.entry_kind == "person"]
    loose_titles = [p for p in phrases if p.kind in {"title", "agent"} and p.start not in title_of]
    links: list[Link] = nominal_links(
        words, [p for p in loose_titles if p.kind == "title"], persons, person_titles
    )
    links += organisation_links(words, [p for p in loose_titles if p.kind == "agent"], phrases)
    replaced = [(link.start, link.end) for link in links]
    gender = {p.start: _gender(p, registry) for p in persons}
    inside_quotes = bytearray(len(text) + 1)  # 1 strictly between a pair of quotation marks
    for a, b in quote_spans(text):
        inside_quotes[a + 1 : b] = b"\x01" * max(b - a - 1, 0)

    def quoted(offset: int) -> bool:
        return 0 <= offset < len(inside_quotes) and inside_quotes[offset] == 1

    pronouns = pronoun_links(
        words, phrases, sentences, view.is_subject, lambda p: gender.get(p.start), quoted
    )
    links += pronouns
    phrases = _possessive_agents(text, words, phrases, pronouns)
    phrases = _located_civilians(words, phrases, sentences)
    home = _home_states(phrases, sentences, text)

    def at_home(actor: Actor, start: int) -> Actor:
        code = home.get(start)
        return actor if code is None or actor.code is not None else replace(actor, code=code)

    mentions: list[Mention] = []
    for p in phrases:
        if p.actor is None or (
            p.kind in {"title", "agent"} and any(a <= p.start and p.end <= b for a, b in replaced)
        ):
            continue
        if p.kind == "title" and p.start in title_of:
            person = title_of[p.start]
            actor = at_home(_pointing(person), person.start)
            mentions.append(_mention(article, p.start, p.end, actor, person))
            continue
        actor = at_home(p.actor, p.start)
        mentions.append(_mention(article, p.start, p.end, actor, antecedent_of.get(p.start)))
    for link in links:
        actor = at_home(_pointing(link.antecedent), link.antecedent.start)
        mentions.append(_mention(article, link.start, link.end, actor, link.antecedent))
    mentions.sort(key=lambda m: (m.start, -m.end))
    return tuple(mentions)


def _date_at(
    text: str, sentences: Sequence[tuple[int, int]], article: Article
) -> Callable[[int], dt.date | None]:
    dates = _sentence_dates(text, sentences, article_date(article))

    def date_at(offset: int) -> dt.date | None:
        return dates[_sentence_index(sentences, offset)]

    return date_at


def _located_civilians(
    words: Sequence[Token], phrases: list[Phrase], sentences: Sequence[tuple[int, int]]
) -> list[Phrase]:
    """ "46 civilians ... in Kabul": civilians with no country take the one place the sentence puts the event
    in (a state, capital, region or town after "in"/"at"/"near"), when all such places agree."""
    located: dict[int, set[str]] = {}
    for p in phrases:
        if (
            p.actor is None
            or not p.actor.code
            or p.entry_kind not in {"state", "place"}
            or p.kind != "entity"
        ):
            continue
        if p.i > 0 and words[p.i - 1].key in LOCATIVE_WORDS:
            located.setdefault(_sentence_index(sentences, p.start), set()).add(p.actor.code)
    out: list[Phrase] = []
    for p in phrases:
        if p.kind == "agent" and p.actor is not None and p.actor.code is None and p.actor.sector == "CVL":
            codes = located.get(_sentence_index(sentences, p.start), set())
            if len(codes) == 1:
                p = replace(p, actor=replace(p.actor, code=next(iter(codes))))
        out.append(p)
    return out


_NOT_STATES = {"IGO", "NGO", "UNO", "EUR", "IMG", "UNK"}
_OFFICE_SECTORS = {"GOV", "MIL", "JUD", "COP", "LEG", "OPP", "ELI", "PTY", "SPY"}
_CIVIL_OFFICE_SECTORS = {"GOV", "JUD", "LEG"}
_GENERIC_TITLES = {"leader", "leaders", "chief", "head", "official", "officials", "spokesman", "spokeswoman"}


def _formal_civil_title(phrase: Phrase, text: str) -> bool:
    """A capitalised title of a civil state office ("Vice-President", "Judge"), not "leader" or "Chief"."""
    surface = text[phrase.start : phrase.end]
    return (
        phrase.kind == "title"
        and phrase.actor is not None
        and phrase.actor.sector in _CIVIL_OFFICE_SECTORS
        and surface[:1].isupper()
        and surface.lower() not in _GENERIC_TITLES
    )


def _home_states(
    phrases: Sequence[Phrase], sentences: Sequence[tuple[int, int]], text: str
) -> dict[int, str]:
    """Office holders the registry does not know ("President Jane Doe", "Judge Roe", "former president X",
    a bare civil title such as "Vice-President"):
    the state their sentence is about. A national office is held in the country the sentence names, so
    the nearest state, capital, town or demonym before the holder in the same sentence (else the nearest
    after it) gives the code. Keyed by the holder phrase's start offset."""
    by_sentence: dict[int, list[Phrase]] = {}
    for p in phrases:
        by_sentence.setdefault(_sentence_index(sentences, p.start), []).append(p)
    home: dict[int, str] = {}
    for group in by_sentence.values():
        states = [
            p
            for p in group
            if p.actor is not None
            and p.actor.code
            and len(p.actor.code) == 3
            and p.actor.code not in _NOT_STATES
            and p.entry_kind != "person"
        ]
        if not states:
            continue
        for p in group:
            if p.actor is None or p.actor.code is not None:
                continue
            if p.entry_kind == "person":
                if not (p.actor.office or p.actor.sector in _OFFICE_SECTORS):
                    continue
            elif not _formal_civil_title(p, text):
                continue  # a bare "commander" or "leader" may be anyone's; a bare "President" is the state's
            before = [s for s in states if s.end <= p.start]
            after = [s for s in states if s.start >= p.end]
            chosen = before[-1] if before else (after[0] if after else None)
            if chosen is not None and chosen.actor is not None and chosen.actor.code:
                home[p.start] = chosen.actor.code
    return home


_POSSESSIVES = {"its", "their", "his", "her"}


def _possessive_agents(
    text: str, words: Sequence[Token], phrases: list[Phrase], pronouns: Sequence[Link]
) -> list[Phrase]:
    """ "its military personnel": an agent after a resolved possessive takes the antecedent's country."""
    by_word = {link.i: link for link in pronouns if words[link.i].key in _POSSESSIVES}
    out: list[Phrase] = []
    for p in phrases:
        link = by_word.get(p.i - 1)
        if (
            link is not None
            and p.kind == "agent"
            and p.term is not None
            and link.antecedent.actor is not None
            and link.antecedent.actor.code is not None
        ):
            actor = compose(link.antecedent.actor, p.term, text[p.start : p.end], p.start, p.end)
            out.append(replace(p, kind="composite", actor=actor))
            continue
        out.append(p)
    return out


def _pointing(antecedent: Phrase) -> Actor:
    """The actor of a pronoun/nominal: the antecedent's actor, with its text and span."""
    assert antecedent.actor is not None
    return replace(antecedent.actor, start=antecedent.start, end=antecedent.end)


def _mention(article: Article, start: int, end: int, actor: Actor, antecedent: Phrase | None) -> Mention:
    surface = article.text[start:end]
    if actor.entity_text is None:
        actor = replace(actor, entity_text=surface)
    return Mention(
        text=surface,
        start=start,
        end=end,
        actor=actor,
        antecedent_start=antecedent.start if antecedent else None,
        antecedent_end=antecedent.end if antecedent else None,
        provenance=Provenance(article.id, start, end, EXTRACTOR, VERSION),
    )


def _gender(person: Phrase, registry: Registry) -> str | None:
    if person.actor is None or person.actor.registry_id is None:
        return None
    entry = registry.entry(person.actor.registry_id)
    return entry.gender if entry else None


# ------------------------------------------------------------------------------------------ helpers


def resolve_name(text: str, on: dt.date | None = None) -> Actor | None:
    """Resolve a free-text actor name or phrase ("Pakistani security forces", "Tehreek-e-Taliban Pakistan",
    "Defence Minister Khawaja Asif") to the actor of its most specific phrase; registry fuzzy lookup last."""
    registry = load_registry()
    words = words_of(text)
    if not words:
        return None
    hits = find_hits(words, registry)
    phrases = [p for p in build_phrases(text, words, hits, registry, lambda _o: on) if p.actor is not None]
    if phrases:
        persons = [p for p in phrases if p.entry_kind == "person"]
        best = (
            persons[0]
            if persons
            else max(
                phrases, key=lambda p: (p.actor is not None and p.actor.code is not None, p.end - p.start)
            )
        )
        assert best.actor is not None
        return replace(best.actor, entity_text=text.strip(), start=None, end=None)
    return registry.lookup(text, on)


def mentions_in(mentions: Sequence[Mention], start: int, end: int) -> tuple[Mention, ...]:
    """The mentions lying inside ``[start, end)`` (e.g. one sentence), in text order."""
    return tuple(m for m in mentions if m.start >= start and m.end <= end)


def mention_at(mentions: Sequence[Mention], start: int, end: int) -> Mention | None:
    """The mention overlapping ``[start, end)`` (a token or phrase span), preferring one with a code, then the
    largest overlap, then the longest mention."""
    best: Mention | None = None
    best_key: tuple[int, int, int] | None = None
    for m in mentions:
        overlap = min(end, m.end) - max(start, m.start)
        if overlap <= 0:
            continue
        key = (int(m.actor.code is not None), overlap, m.end - m.start)
        if best_key is None or key > best_key:
            best, best_key = m, key
    return best
