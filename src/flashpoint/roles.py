"""Who did it to whom: the actor and recipient of an event trigger, from the dependency parse.

In: a trigger token (spaCy), the article's actor mentions and the article. Out: tuples of
:class:`~flashpoint.models.Actor` for the agent side (``nsubj``, ``by X`` in passives, possessives of a
nominal trigger) and the patient side (``dobj``, passive subject, ``against/on/at/to X``); "X and Y"
gives both. A phrase is resolved with :func:`flashpoint.actors.mention_at` (pronouns already resolved),
else :func:`flashpoint.actors.resolve_name` (or the registry) on its noun phrase; an unresolved phrase
is left out rather than guessed.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .models import Actor, Article, Mention

if TYPE_CHECKING:
    from spacy.tokens import Token

SUBJECT_DEPS = {"nsubj", "csubj"}
PATIENT_PREPS = {"against", "on", "at", "to", "upon", "into", "targeting"}
CONSULT_PREPS = {"with"}
INHERIT_DEPS = {"xcomp", "conj", "advcl", "acl", "pcomp"}
PHRASE_STOP_DEPS = {"relcl", "acl", "prep", "conj", "cc", "appos", "punct", "advcl", "ccomp", "agent"}
TIME_ENTS = {"DATE", "TIME"}
TIME_WORDS = {"today", "tonight", "yesterday", "tomorrow", "monday", "tuesday", "wednesday", "thursday",
              "friday", "saturday", "sunday", "weekend", "dawn", "night", "morning", "evening", "afternoon"}
PLACE_PREPS = {"in", "into", "to", "from", "inside", "across"}
CONDITION_MARKS = {"if", "unless"}
SPEECHLIKE_TYPES = {"REQUEST", "ACCUSE", "REJECT", "THREATEN", "AGREE", "SUPPORT"}


def _actors_api() -> tuple[Callable[..., Any] | None, Callable[..., Any] | None]:
    try:
        module = importlib.import_module("flashpoint.actors")
    except ImportError:  # pragma: no cover
        return None, None
    return getattr(module, "mention_at", None), getattr(module, "resolve_name", None)


def _registry_lookup(text: str, on: dt.date | None) -> Actor | None:
    try:
        registry = importlib.import_module("flashpoint.registry")
        return registry.load_registry().lookup(text, on)
    except Exception:  # a fallback must never break extraction
        return None


def _name_parts(span: Any) -> list[str]:
    """Runs of proper nouns / nationality adjectives inside a noun phrase, longest first."""
    runs: list[str] = []
    current: list[Any] = []
    for token in [*span, None]:
        if token is not None and (
            token.pos_ == "PROPN"
            or token.ent_type_ in {"NORP", "GPE", "ORG"}
            or (current and token.lower_ == "of" and token.i + 1 < span.end)
        ):
            current.append(token)
            continue
        while current and current[-1].lower_ == "of":
            current.pop()
        if current:
            runs.append(span.doc[current[0].i : current[-1].i + 1].text)
        current = []
    return sorted(runs, key=len, reverse=True)


def _title_case(sent: Any) -> bool:
    """A headline in title case ("Diplomatic Relations Hit Breaking Point"): capitals tell nothing there."""
    words = [t for t in sent if t.is_alpha and len(t.text) > 3]
    return len(words) >= 3 and sum(t.text[0].isupper() for t in words) / len(words) > 0.6


def article_date(article: Article) -> dt.date | None:
    if article.published is None:
        return None
    try:
        return dt.date.fromisoformat(article.published.value[:10])
    except ValueError:
        return None


def phrase_bounds(token: Token) -> tuple[int, int]:
    """Token range (start, end exclusive) of the noun phrase headed by ``token``, without clauses."""
    start, end = token.i, token.i + 1
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of" and child.i > token.i:
            # "an Islamic Movement of Uzbekistan leader" / "leaders of the coalition": keep named objects
            if not any(c.pos_ == "PROPN" for c in child.subtree):
                continue
        elif child.dep_ in PHRASE_STOP_DEPS:
            continue
        sub = list(child.subtree)
        if child.i < token.i:
            start = min(start, sub[0].i)
        else:
            end = max(end, sub[-1].i + 1)
    return start, end


class Resolver:
    """Resolves tokens to actors for one article (cached per token)."""

    def __init__(self, article: Article, mentions: tuple[Mention, ...]) -> None:
        self.article = article
        self.mentions = mentions
        self.on = article_date(article)
        self.mention_at, self.resolve_name = _actors_api()
        self._cache: dict[tuple[int, bool], Actor | None] = {}
        self.allow_unknown = False

    def _mention(self, start: int, end: int) -> Actor | None:
        if self.mention_at is not None:
            found = self.mention_at(self.mentions, start, end)
            return found.actor if found is not None else None
        for mention in self.mentions:
            if mention.start < end and start < mention.end:
                return mention.actor
        return None

    def _name(self, text: str) -> Actor | None:
        if self.resolve_name is not None:
            try:
                return self.resolve_name(text, on=self.on)
            except TypeError:
                return self.resolve_name(text)
        return _registry_lookup(text, self.on)

    def actor(self, token: Token) -> Actor | None:
        cache_key = (token.i, self.allow_unknown)
        if cache_key in self._cache:
            return self._cache[cache_key]
        dateline = self.article.dateline_span
        if dateline and dateline[0] <= token.idx < dateline[1]:
            # the parser often makes the dateline city ("KABUL, Sept 18 (Wire) - Pakistani jets struck ...")
            # a conjunct of the subject; it says where the report was filed, not who acted
            self._cache[cache_key] = None
            return None
        doc = token.doc
        start, end = phrase_bounds(token)
        span = doc[start:end]
        found = self._mention(token.idx, token.idx + len(token.text))
        if found is None or not found.code:
            found = self._mention(span.start_char, span.end_char)
        if found is not None and not found.code:
            found = None
        if found is None and token.pos_ in {"PROPN", "NOUN", "ADJ"}:
            found = self._name(span.text)
            if found is None:
                # a name inside the phrase: "the Taliban leader", "suspected Haqqani insurgents"
                for part in _name_parts(span):
                    found = self._name(part)
                    if found is not None:
                        break
            if found is not None and found.start is None:
                found = Actor(
                    entity_text=span.text,
                    identifier_text=found.identifier_text,
                    code=found.code,
                    sector=found.sector,
                    office=found.office,
                    registry_id=found.registry_id,
                    start=span.start_char,
                    end=span.end_char,
                )
        if (
            found is None
            and self.allow_unknown
            and any(t.pos_ == "PROPN" for t in span)
            and not _title_case(token.sent)
            and token.pos_ in {"NOUN", "PROPN"}
            and token.ent_type_ not in {"GPE", "LOC", "FAC", "DATE", "TIME"}
        ):
            # a named but unregistered group ("a Haqqani member"): keep the text, code unknown
            found = Actor(entity_text=span.text, code="UNK", start=span.start_char, end=span.end_char)
        if found is not None and not found.code:
            found = None
        self._cache[cache_key] = found
        return found

    def actors(self, tokens: list[Token]) -> tuple[Actor, ...]:
        """Resolved actors for tokens and their conjuncts, de-duplicated by (code, sector, text)."""
        out: list[Actor] = []
        seen: set[tuple[str | None, str | None, str]] = set()
        for token in tokens:
            for item in (token, *token.conjuncts):
                actor = self.actor(item)
                if actor is None:
                    # "Pakistani forces": the modifier names the state
                    for child in item.children:
                        if child.dep_ in {"amod", "compound", "poss"} and child.pos_ in {"PROPN", "ADJ"}:
                            actor = self.actor(child)
                            if actor is not None:
                                break
                if actor is None:
                    # "thousands of Iraqi Kurds", "leaders of the coalition", "activists from the party"
                    for prep in item.children:
                        if prep.dep_ == "prep" and prep.lower_ in {"of", "from"}:
                            pobjs = [c for c in prep.children if c.dep_ == "pobj"]
                            actor = self.actor(pobjs[0]) if pobjs else None
                            if actor is not None:
                                break
                if actor is None:
                    continue
                key = (actor.code, actor.sector, actor.entity_text)
                if key not in seen:
                    seen.add(key)
                    out.append(actor)
        return tuple(out)


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children)


def agent_tokens(trigger: Token, nominal: bool, light: Token | None = None) -> list[Token]:
    """Tokens naming who acted."""
    if nominal:
        for child in trigger.children:
            if child.dep_ == "poss":
                return [child]
            if child.dep_ == "prep" and child.lower_ == "between":  # "talks between X and Y": joint act
                return [c for c in child.children if c.dep_ == "pobj"]
            if child.dep_ == "prep" and child.lower_ == "by":
                return [c for c in child.children if c.dep_ == "pobj"]
        for child in trigger.children:
            if child.dep_ in {"amod", "compound"} and child.ent_type_ in {"NORP", "GPE", "ORG"}:
                return [child]
        node = trigger.head if trigger.dep_ == "conj" else trigger
        if light is not None and node.dep_ in {"dobj", "obj", "attr", "pobj"}:
            return agent_tokens(light, nominal=False)
        # "youths threw stones during demonstrations": the subject of the clause the noun sits in
        if (
            node.dep_ == "pobj"
            and node.head.dep_ == "prep"
            and node.head.lower_ in {"during", "in", "at"}
            and node.head.head.pos_ == "VERB"
        ):
            return agent_tokens(node.head.head, nominal=False)
        return []
    verb = trigger
    for _ in range(4):
        if _is_passive(verb):
            for child in verb.children:
                if child.dep_ == "agent":
                    return [c for c in child.children if c.dep_ == "pobj"]
            return []
        subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
        if subjects and subjects[0].tag_ in {"WDT", "WP"} and verb.dep_ == "relcl":
            return [verb.head]  # "the Afghan side, which demanded ...": the antecedent acted
        if subjects:
            return subjects
        if verb.dep_ == "acl" and verb.tag_ == "VBN":
            return [c for a in verb.children if a.dep_ == "agent" for c in a.children if c.dep_ == "pobj"]
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.i != verb.head.i:
            verb = verb.head.head  # "resorted to throwing stones": the clause the preposition belongs to
            continue
        if verb.dep_ in INHERIT_DEPS and verb.head.i != verb.i:
            verb = verb.head
            continue
        break
    return []


def _is_time(token: Token) -> bool:
    """"on Tuesday", "at dawn": a time, never a party to the act."""
    return token.ent_type_ in TIME_ENTS or token.lower_ in TIME_WORDS


def _pobjs(prep: Token) -> list[Token]:
    return [c for c in prep.children if c.dep_ == "pobj" and not _is_time(c)]


def _complements(trigger: Token) -> list[Token]:
    """The infinitive clauses of a trigger: "threatened to cut ...", "is willing/ready to withdraw ..."."""
    out = [c for c in trigger.children if c.dep_ == "xcomp"]
    for child in trigger.children:
        if child.dep_ == "acomp":
            out += [c for c in child.children if c.dep_ == "xcomp"]
    return out


def _condition_subjects(trigger: Token) -> list[Token]:
    """Who a threat or demand is conditioned on: "... unless Israel withdrew", "... if the US goes ahead"."""
    out: list[Token] = []
    for clause in [trigger, *_complements(trigger)]:
        for child in clause.children:
            if child.dep_ == "advcl" and any(
                m.dep_ == "mark" and m.lower_ in CONDITION_MARKS for m in child.children
            ):
                out += [c for c in child.children if c.dep_ in {"nsubj", "nsubjpass"}]
    return out


def patient_tokens(trigger: Token, nominal: bool, event_type: str, light: Token | None = None) -> list[Token]:
    """Tokens naming who the act was aimed at."""
    preps = PATIENT_PREPS | (CONSULT_PREPS if event_type in {"CONSULT", "COOPERATE", "AGREE"} else set())
    found: list[Token] = []
    if not nominal:
        if _is_passive(trigger):
            found += [c for c in trigger.children if c.dep_ == "nsubjpass"]
        else:
            found += [c for c in trigger.children if c.dep_ in {"dobj", "obj", "dative"}]
        if trigger.dep_ == "acl" and trigger.tag_ == "VBN":
            found.append(trigger.head)
    for child in trigger.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            found += _pobjs(child)
    if nominal and light is not None and not found:
        for child in light.children:
            if child.dep_ == "prep" and child.lower_ in preps:
                found += _pobjs(child)
    if event_type == "CONSULT" and not nominal:  # "arrived in Amman", "travelled to Kabul"
        for child in trigger.children:
            if child.dep_ == "prep" and child.lower_ in {"in", "to"}:
                found += _pobjs(child)
    if not found and event_type in SPEECHLIKE_TYPES | {"REQUEST"} and not nominal:
        # "threatened to shell Iraqi towns", "is willing to negotiate with Armenia"
        for clause in _complements(trigger):
            found += patient_tokens(clause, False, "AGREE")
        # "demanded that the United States match ..."
        for clause in trigger.children:
            if clause.dep_ == "ccomp" and event_type in {"REQUEST", "REJECT"}:
                found += [c for c in clause.children if c.dep_ in SUBJECT_DEPS]
    if event_type in {"THREATEN", "REQUEST"} and not nominal:
        found += [t for t in _condition_subjects(trigger) if t not in found]
    # "condemned Pakistan's airstrikes", "threatened action against Russia", "an appeal from X",
    # "cut ties with Y"
    extra: list[Token] = []
    for token in found:
        for child in token.children:
            if child.dep_ == "poss":
                extra.append(child)
            elif child.dep_ == "prep" and child.lower_ in {"by", "of", "against", "on", "to", "from", "with"}:
                extra += _pobjs(child)
    return found + extra


def place_tokens(trigger: Token, light: Token | None = None) -> list[Token]:
    """Named places the act was carried out in or aimed at ("imposed a curfew in Algiers", "troops arrived
    in Bosnia", "the withdrawal from Panama"): the fallback recipient when no party is named."""
    heads = [trigger, *([light] if light is not None else []), *_complements(trigger)]
    heads += [c for h in list(heads) for c in h.children if c.dep_ in {"dobj", "obj"}]
    found: list[Token] = []
    for head in heads:
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in PLACE_PREPS:
                found += [t for t in _pobjs(child) if t.ent_type_ in {"GPE", "LOC"}]
    return found


def purpose_tokens(trigger: Token, light: Token | None = None) -> list[Token]:
    """Whom a protest is aimed at, from its purpose ("rallied to demand the resignation of X", "a strike
    calling for the removal of X", "marched in protest of X's decision")."""
    found: list[Token] = []
    for head in [trigger, *([light] if light is not None else [])]:
        for child in head.children:
            if child.dep_ in {"advcl", "xcomp", "acl"} and child.pos_ == "VERB":
                found += patient_tokens(child, False, "REQUEST")
            elif child.dep_ == "prep" and child.lower_ == "in":
                for noun in _pobjs(child):
                    if noun.lemma_.lower() in {"protest", "defiance", "opposition", "response"}:
                        for prep in noun.children:
                            if prep.dep_ == "prep" and prep.lower_ in {"of", "against", "to", "at"}:
                                found += patient_tokens(noun, True, "REQUEST")
                                break
    return found
