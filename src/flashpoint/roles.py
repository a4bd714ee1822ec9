"""Who did it to whom: the actor and recipient of an event trigger, from the dependency parse.

In: a trigger token (spaCy), the article's actor mentions and the article. Out: tuples of
:class:`~flashpoint.models.Actor` for the agent side (``nsubj``, ``by X`` in passives, possessives of a
nominal trigger) and the patient side (``dobj``, passive subject, and the prepositions that mark the
patient of each PLOVER type: ``against/on/at/to X`` for every act, ``aid for X``, ``withdrawal from X``,
``talks with X``, ``mediation between X and Y`` ...; read from ``data/lexicons/roles.yaml``, schema
``data/schemas/roles.schema.json``, see :func:`role_lexicon`); "X and Y" gives both. A phrase is resolved with
:func:`flashpoint.actors.mention_at` (pronouns already resolved), else
:func:`flashpoint.actors.resolve_name` (or the registry) on its noun phrase; an unresolved phrase is
left out rather than guessed.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from .errors import ConfigError
from .models import Actor, Article, Mention

if TYPE_CHECKING:
    from spacy.tokens import Token

SUBJECT_DEPS = {"nsubj", "csubj"}
LEXICON_PATH = Path(__file__).parent / "data" / "lexicons" / "roles.yaml"
PATIENT_PREPS = frozenset({"against", "on", "at", "to", "upon", "into", "targeting"})  # if the file is bad
INHERIT_DEPS = {"xcomp", "conj", "advcl", "acl", "pcomp"}
PHRASE_STOP_DEPS = {"relcl", "acl", "prep", "conj", "cc", "appos", "punct", "advcl", "ccomp", "agent"}
TIME_ENTS = {"DATE", "TIME"}
TIME_WORDS = {"today", "tonight", "yesterday", "tomorrow", "monday", "tuesday", "wednesday", "thursday",
              "friday", "saturday", "sunday", "weekend", "dawn", "night", "morning", "evening", "afternoon"}
PLACE_PREPS = {"in", "into", "to", "from", "inside", "across"}
CONDITION_MARKS = {"if", "unless"}
PURPOSE_VERBS = {"call", "demand", "urge", "press", "seek", "ask", "protest", "denounce", "condemn", "oppose",
                 "reject", "chant", "accuse", "insist", "decry", "slam"}
PROMISED_ACT = "PROMISED"  # roles.yaml's entry for the act inside "vowed/threatened/agreed to ..."
SPEECHLIKE_TYPES = {"REQUEST", "ACCUSE", "REJECT", "THREATEN", "AGREE", "SUPPORT"}


@dataclass(frozen=True, slots=True)
class RoleLexicon:
    """Which prepositions mark the patient of which act (``data/lexicons/roles.yaml``)."""

    default: frozenset[str] = PATIENT_PREPS
    by_type: tuple[tuple[str, frozenset[str]], ...] = ()
    third_party_triggers: frozenset[str] = frozenset()
    theme_preps: frozenset[str] = frozenset({"of"})

    def patient_preps(self, event_type: str) -> frozenset[str]:
        return self.default.union(*(preps for name, preps in self.by_type if name == event_type))


def _words(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(w, str) and w.strip() == w and w for w in value)


def validate(table: Any) -> list[str]:
    """Problems in a parsed ``roles.yaml`` (empty when it follows ``schemas/roles.schema.json``)."""
    if not isinstance(table, dict):
        return ["roles lexicon: top level is not a mapping"]
    problems = [f"roles lexicon: unknown key {key!r}" for key in table
                if key not in {"version", "default", "by_type", "third_party_triggers", "theme_preps"}]
    if not isinstance(table.get("version"), int):
        problems.append("roles lexicon: 'version' must be an integer")
    for key in ("default", "third_party_triggers", "theme_preps"):
        if not _words(table.get(key)):
            problems.append(f"roles lexicon: {key!r} must be a list of words")
    by_type = table.get("by_type")
    if not isinstance(by_type, dict):
        problems.append("roles lexicon: 'by_type' must map event types to word lists")
    else:
        for name, preps in by_type.items():
            if not (isinstance(name, str) and name.isupper() and name.isalpha()) or not _words(preps):
                problems.append(f"roles lexicon: by_type entry {name!r} needs an upper-case type and words")
    return problems


@functools.lru_cache(maxsize=2)
def role_lexicon(path: Path = LEXICON_PATH) -> RoleLexicon:
    """The role prepositions (once per process); a missing or invalid file is a :class:`ConfigError` that
    says what to fix, like every other data file."""
    try:
        table = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"{path.name}: cannot read the role lexicon: {exc}") from exc
    problems = validate(table)
    if problems:
        raise ConfigError(f"{path.name} is invalid: " + "; ".join(problems)
                          + " (fix the file; its schema is data/schemas/roles.schema.json)")
    return RoleLexicon(
        default=frozenset(w.lower() for w in table["default"]),
        by_type=tuple(
            (name, frozenset(w.lower() for w in preps)) for name, preps in table["by_type"].items()
        ),
        third_party_triggers=frozenset(w.lower() for w in table["third_party_triggers"]),
        theme_preps=frozenset(w.lower() for w in table["theme_preps"]),
    )


def _lemma(token: Token) -> str:
    return str(token.lemma_ or token.text).lower()


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
                if _third_party(trigger):
                    continue  # "mediation between X and Y": X and Y are the parties mediated
                return [c for c in child.children if c.dep_ == "pobj"]
            if child.dep_ == "prep" and child.lower_ == "by":
                return [c for c in child.children if c.dep_ == "pobj"]
        for child in trigger.children:
            if child.dep_ in {"amod", "compound"} and child.ent_type_ in {"NORP", "GPE", "ORG"}:
                return [child]
        node = trigger.head if trigger.dep_ in {"conj", "compound"} else trigger
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


def _third_party(trigger: Token) -> bool:
    """An act done by a go-between ("mediation", "brokered"), itself or as the modifier of its noun."""
    words = role_lexicon().third_party_triggers
    return _lemma(trigger) in words or (trigger.dep_ == "compound" and _lemma(trigger.head) in words)


def _prep_objects(heads: list[Token], preps: frozenset[str]) -> list[Token]:
    # the parser labels "to" after a giving verb "dative" ("provided intelligence to X")
    return [obj for head in heads for child in head.children
            if child.dep_ in {"prep", "dative"} and child.lower_ in preps for obj in _pobjs(child)]


def _nominal_sites(trigger: Token) -> list[Token]:
    """Nouns a nominal act's patient phrase may hang on besides the act itself: its theme ("the withdrawal
    of troops from X"), the noun it is the theme of ("dollars of aid for X"), the noun it modifies ("a
    mediation effort between X and Y")."""
    theme = role_lexicon().theme_preps
    sites = [obj for child in trigger.children
             if child.dep_ == "prep" and child.lower_ in theme for obj in _pobjs(child)]
    head = trigger.head
    if trigger.dep_ == "pobj" and head.lower_ in theme and head.head.pos_ in {"NOUN", "PROPN"}:
        sites.append(head.head)
    if trigger.dep_ == "compound" and head.pos_ == "NOUN":
        sites.append(head)
    return sites


def patient_tokens(trigger: Token, nominal: bool, event_type: str, light: Token | None = None) -> list[Token]:
    """Tokens naming who the act was aimed at (the prepositions per type come from ``roles.yaml``)."""
    preps = role_lexicon().patient_preps(event_type)
    if _third_party(trigger):
        preps = preps | {"between"}
    found: list[Token] = []
    if not nominal:
        if _is_passive(trigger):
            found += [c for c in trigger.children if c.dep_ == "nsubjpass"]
        else:
            found += [c for c in trigger.children
                      if c.dep_ in {"dobj", "obj"} or (c.dep_ == "dative" and c.pos_ != "ADP")]
        if trigger.dep_ == "acl" and trigger.tag_ == "VBN":
            found.append(trigger.head)
    found += _prep_objects([trigger], preps)
    if nominal and not found:
        found += _prep_objects(_nominal_sites(trigger), preps)
    if nominal and light is not None and not found:
        found += _prep_objects([light], preps)
    if event_type == "CONSULT" and not nominal:  # "arrived in Amman", "travelled to Kabul"
        for child in trigger.children:
            if child.dep_ == "prep" and child.lower_ in {"in", "to"}:
                found += _pobjs(child)
    if not found and event_type in SPEECHLIKE_TYPES | {"REQUEST"} and not nominal:
        # "threatened to shell Iraqi towns", "is willing to negotiate with Armenia"
        for clause in _complements(trigger):
            found += patient_tokens(clause, False, PROMISED_ACT)
        # "demanded that the United States match ..."
        for clause in trigger.children:
            if clause.dep_ == "ccomp" and event_type in {"REQUEST", "REJECT"}:
                found += [c for c in clause.children if c.dep_ in SUBJECT_DEPS]
    if not found and event_type in {"REQUEST", "REJECT"} and nominal:
        # "reiterated its demand that X ease ...", "rejected calls that X resign"
        for clause in trigger.children:
            if clause.dep_ in {"acl", "ccomp"} and any(m.lower_ == "that" for m in clause.children):
                found += [c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if event_type in {"THREATEN", "REQUEST"} and not nominal:
        found += [t for t in _condition_subjects(trigger) if t not in found]
    # "condemned Pakistan's airstrikes", "threatened action against Russia", "an appeal from X",
    # "cut ties with Y"
    extra: list[Token] = []
    for token in found:
        for child in token.children:
            if child.dep_ == "poss":
                extra.append(child)
            elif child.dep_ == "prep" and child.lower_ in preps | {"by", "of", "from", "with"}:
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
            if child.dep_ == "prep" and child.lower_ in PLACE_PREPS | {"at", "on"}:
                for noun in _pobjs(child):
                    if noun.ent_type_ in {"GPE", "LOC"}:
                        if child.lower_ in PLACE_PREPS:
                            found.append(noun)
                        continue
                    # "in the capital Kabul", "at targets in Jericho", "in the city of Algiers"
                    found += [c for c in noun.children if c.dep_ == "appos" and c.ent_type_ in {"GPE", "LOC"}]
                    found += [t for t in _prep_objects([noun], frozenset({"in", "inside", "of"}))
                              if t.ent_type_ in {"GPE", "LOC"}]
    return found


def _states_purpose(clause: Token) -> bool:
    """"to demand X", "calling for X", "denouncing X": a clause saying what a protest wants or opposes (not
    what the protesters did meanwhile: "setting fire to their mattresses")."""
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)
    return infinitive or _lemma(clause) in PURPOSE_VERBS


def purpose_tokens(trigger: Token, light: Token | None = None) -> list[Token]:
    """Whom a protest is aimed at, from its purpose ("rallied to demand the resignation of X", "a strike
    calling for the removal of X", "marched in protest of X's decision")."""
    found: list[Token] = []
    for head in [trigger, *([light] if light is not None else [])]:
        for child in head.children:
            if child.dep_ in {"advcl", "xcomp", "acl"} and child.pos_ == "VERB" and _states_purpose(child):
                found += patient_tokens(child, False, "REQUEST")
            elif child.dep_ == "prep" and child.lower_ == "in":
                for noun in _pobjs(child):
                    if noun.lemma_.lower() in {"protest", "defiance", "opposition", "response", "solidarity"}:
                        # "in protest of X's decision", "in defiance of the authorities": the object and
                        # whoever owns it
                        targets = _prep_objects([noun], frozenset({"of", "against", "to", "at", "over"}))
                        found += targets + [c for t in targets for c in t.children if c.dep_ == "poss"]
    return found
