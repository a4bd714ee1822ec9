"""PLOVER event coding: triggers, type and mode, actor and recipient, status, casualties, date, place.

In: the spaCy Doc of ``article.nlp_text``, the article, and the records of the earlier stages (actor
mentions, quotes, places, times). Out: a tuple of :class:`~flashpoint.models.Event` in text order, ids
``<article id>-e<n>``, at most one per (sentence, type, actor codes, recipient codes).

Steps per sentence: cue triggers (:mod:`flashpoint.cues`), type/mode adjustments (vows of violence are
threats, announced meetings are agreements, the mode read from the clause), status
(:func:`flashpoint.status.assess` when present: negation, hypothetical, future, historical, embedded
content), roles (:mod:`flashpoint.roles`), casualties (:mod:`flashpoint.casualties`), scores
(:func:`flashpoint.plover.score`), date (:func:`flashpoint.times.date_for_span` else the publication
date) and place (:func:`flashpoint.places.locate_event`). Events coded from quote content by
:func:`flashpoint.speech.speech_events` are merged in and de-duplicated.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from . import casualties, cues, plover
from .models import Actor, Article, Casualties, Event, Mention, Place, Provenance, Quote, TimeExpr
from .roles import Resolver, agent_tokens, patient_tokens

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

EXTRACTOR = "flashpoint.events"
VERSION = "0.2"
MATERIAL_CONFLICT = {"ASSAULT", "COERCE", "MOBILIZE"}
SPEECH_TYPES = {"REQUEST", "ACCUSE", "REJECT", "THREATEN", "AGREE", "SUPPORT", "CONCEDE"}
ABSORBING_DEPS = {"xcomp", "ccomp", "pcomp", "pobj", "dobj", "prep", "obj", "acl", "nsubjpass"}
VIOLENT_INTENT = {"retaliate", "avenge", "attack", "strike", "destroy", "crush", "punish", "fight", "respond",
                  "hit", "kill", "eliminate", "wipe", "annihilate", "target", "bomb", "revenge", "defend"}
FUTURE_MARKERS = {"will", "shall", "plan", "schedule", "expect", "set", "due", "would"}
LABOUR_WORDS = ("worker", "workers", "union", "employee", "teacher", "doctor", "nurse", "labour", "labor",
                "general strike", "walkout", "driver", "miner")
THREAT_MODES: dict[str, dict[str, str | None]] = {
    "ASSAULT": {"": "violence"},
    "MOBILIZE": {"": "violence"},
    "SANCTION": {"": "relations", "expel": "expel"},
    "COERCE": {"": "restrict", "arrest": "arrest", "deport": "expel", "seize": "territory"},
    "PROTEST": {"": None},
}
BACKGROUND_PREPS = {"for", "after", "following", "over", "despite", "amid", "since"}
FORCE_WORDS = {"troop", "force", "soldier", "peacekeeper", "contingent", "marine", "unit", "battalion", "aircraft",
               "warship", "jet", "tank", "army", "paratrooper", "commando", "ship", "vessel", "team"}
REVERSAL_VERBS = {"lift", "end", "repeal", "remove", "ease", "relax", "scrap", "revoke", "rescind", "abolish",
                  "call off", "call", "drop", "cancel"}
THREAT_NOUNS = {"reaction", "response", "retaliation", "revenge", "consequence", "reprisal", "punishment"}
PLACE_NOUNS = {"city", "town", "territory", "corridor", "village", "area", "base", "district", "province", "airport",
               "region", "hill", "position", "border", "crossing", "island", "port", "stronghold", "capital"}
INTENT_VERBS = {"plan", "intend", "decide", "prepare", "aim", "announce", "resolve", "set", "vow", "pledge"}
OPERATION_GOALS = {"search", "pursuit", "hunt", "target", "seek", "look", "capture", "pursue"}
VERBAL_TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "REQUEST", "ACCUSE", "REJECT", "THREATEN"}
NON_ACTORS = {"critic", "analyst", "observer", "source", "expert", "commentator", "fan", "reviewer", "viewer",
              "reader", "people", "report", "study", "survey", "poll", "article", "editorial", "columnist",
              "situation", "crisis", "tension", "move", "development", "escalation", "conflict", "war",
              "incident", "violence", "standoff", "dispute", "issue", "problem", "decision", "step", "policy"}
STATUS_FLAGS = ("negation", "hypothetical", "future", "historical")


def _optional(module: str, name: str) -> Callable[..., Any] | None:
    try:
        return getattr(importlib.import_module(f"flashpoint.{module}"), name, None)  # type: ignore[no-any-return]
    except ImportError:
        return None


@dataclass(slots=True)
class Draft:
    """An event being built (mutable until it becomes an :class:`Event`)."""

    event_type: str
    mode: str | None
    sentence: Span
    trigger: Token
    trigger_end: int
    actors: tuple[Actor, ...]
    recipients: tuple[Actor, ...]
    confidence: float
    context: list[str] = field(default_factory=list)
    condition: str | None = None
    size: Casualties = field(default_factory=Casualties)


def _lemma(token: Token) -> str:
    return cues.lemma(token)


def _sentence_words(sent: Span) -> set[str]:
    words = {t.lower_ for t in sent} | {_lemma(t) for t in sent}
    text = " " + " ".join(t.lower_ for t in sent) + " "
    return words | {text}


def _has_word(words: set[str], word: str) -> bool:
    if " " in word:
        return any(f" {word} " in w for w in words if w.startswith(" "))
    return word in words


def _clause_words(token: Token) -> set[str]:
    tokens = list(token.subtree)
    return _sentence_words(token.doc[tokens[0].i : tokens[-1].i + 1])


def infer_mode(table: str, words: set[str], lex: cues.Lexicon) -> str | None:
    for mode, cue_words in lex.mode_cues.get(table, {}).items():
        if any(_has_word(words, w) for w in cue_words):
            return mode
    return None


def is_non_conflict(words: set[str], lex: cues.Lexicon) -> bool:
    """Sport, markets, weather, show business: material-conflict cues do not count there."""
    return any(_has_word(words, w) for w in lex.non_conflict) and not any(
        _has_word(words, w) for w in lex.conflict_words
    )


def _absorbed(token: Token, match: cues.CueMatch, heads: dict[int, cues.CueMatch]) -> bool:
    """The trigger is the content of another trigger's act ("accused X of attacking", "condemned the attack",
    "retaliation for the strike")."""
    node = token
    for _ in range(6):
        if node.dep_ not in ABSORBING_DEPS or node.head.i == node.i:
            return False
        node = node.head
        if node.dep_ == "prep" and node.lower_ in BACKGROUND_PREPS and node.head.i in heads:
            return True  # "arrested for collaborating", "retaliation after the shooting"
        other = heads.get(node.i)
        if other is not None and other.head != match.head:
            if other.cue.event_type in SPEECH_TYPES:
                return True
            return match.nominal
    return False


def _light_verb(token: Token, lex: cues.Lexicon) -> Token | None:
    node = token
    if node.dep_ == "conj":
        node = node.head
    if node.dep_ in {"dobj", "obj", "attr", "nsubjpass"} and _lemma(node.head) in lex.light_verbs:
        return node.head  # type: ignore[no-any-return]
    if node.dep_ == "pobj" and node.head.dep_ == "prep" and _lemma(node.head.head) in lex.light_verbs:
        return node.head.head  # type: ignore[no-any-return]
    return None


def _retype(match: cues.CueMatch, token: Token, etype: str, mode: str | None, lex: cues.Lexicon
            ) -> tuple[str, str | None] | None:
    """Type/mode corrections that need the clause; None drops the trigger."""
    cue = match.cue
    if etype == "PROTEST" and _lemma(token) == "protest" and not match.nominal and (
        any(c.dep_ in {"ccomp", "parataxis"} for c in token.children) or (token.dep_ in {"parataxis", "ROOT"}
        and any(c.dep_ == "ccomp" for c in token.children))
    ):
        return "ACCUSE", "disapprove"  # "the group protested (that) ..." is criticism, not a demonstration
    if etype == "AGREE" and not match.nominal:
        goals = [c for c in token.children if c.dep_ == "xcomp"]
        promised = [c for c in token.children if c.dep_ in {"dobj", "obj"}]
        if any(_lemma(o) in THREAT_NOUNS for o in promised):
            return "THREATEN", "violence"  # "promising a strong reaction"
        if any(_lemma(g) in VIOLENT_INTENT for g in goals) or any(
            _has_word(_clause_words(g), w) for g in goals for w in ("full force", "crush", "retaliate", "revenge")
        ):
            return "THREATEN", "violence"
    if etype == "CONSULT" and cue.mode == "phone" and _lemma(token) == "call":
        if any(c.dep_ in {"oprd", "xcomp"} for c in token.children) and token.dep_ not in {"acl", "amod"}:
            return "ACCUSE", "disapprove"  # "called the envoy a liar": name-calling
        if token.dep_ in {"acl", "amod"} or any(c.dep_ in {"ccomp", "attr"} for c in token.children):
            return None  # "a programme called X" is not a phone call
    if etype == "CONSULT" and cue.mode == "visit":
        subjects = [c for c in token.children if c.dep_ == "nsubj"]
        if subjects and _lemma(subjects[0]) in FORCE_WORDS:  # troops arriving are not a visit
            words = _sentence_words(token.sent)
            if any(_has_word(words, w) for w in ("peacekeeping", "peacekeeper", "aid", "relief", "rescue", "help")):
                return "AID", None
            return "MOBILIZE", "troops"
    if etype == "CONSULT" and not match.nominal:
        aux = {_lemma(c) for c in token.children if c.dep_ in {"aux", "auxpass"}}
        head = _lemma(token.head) if token.dep_ == "xcomp" else ""
        if aux & FUTURE_MARKERS or head in FUTURE_MARKERS | {"agree", "want", "hope", "offer"}:
            return "AGREE", None
    if etype == "COERCE" and mode == "arrest" and not match.nominal:
        objects = [c for c in token.children if c.dep_ in {"dobj", "obj", "nsubjpass"}]
        if objects and all(o.ent_type_ in {"GPE", "LOC", "FAC"} or _lemma(o) in PLACE_NOUNS for o in objects):
            return "COERCE", "seize"  # "captured the corridor": territory, not people
    if match.nominal and token.dep_ == "pobj" and token.head.lower_ == "for" and token.head.head.pos_ == "ADJ":
        return None  # "a group responsible for attacks on ...": background
    if cue.mode_from and mode is None:
        words = _clause_words(token) if cue.mode_from != "assault" else _sentence_words(token.sent)
        mode = infer_mode(cue.mode_from, words, lex)
        if cue.needs_threat and mode is None:
            addressed = any(c.dep_ in {"dobj", "dative"} for c in token.children)
            if not addressed:
                return None
            mode = None
    return etype, mode


def _operation_targets(sent: Span) -> list[Token]:
    """Whom an operation was after: "in search of X", "in pursuit of X", "targeting X", "searching for X"."""
    found: list[Token] = []
    for token in sent:
        if _lemma(token) not in OPERATION_GOALS:
            continue
        for child in token.children:
            if child.dep_ in {"dobj", "obj"}:
                found.append(child)
            elif child.dep_ == "prep" and child.lower_ in {"of", "for"}:
                found += [c for c in child.children if c.dep_ == "pobj"]
    return found


def _announced(etype: str, mode: str | None, flags: list[str], token: Token
               ) -> tuple[str, str | None, list[str]]:
    """An announced future act ("will close the border", "plans to cut aid"): conflictual ones are
    threats, cooperative ones agreements (PLOVER)."""
    if {"negation", "hypothetical"} & set(flags) or not _announced_future(token):
        return etype, mode, flags
    rest = [f for f in flags if f != "future"]
    if etype in THREAT_MODES:
        return "THREATEN", THREAT_MODES[etype].get(mode or "", THREAT_MODES[etype][""]), rest
    if etype in {"AID", "COOPERATE", "SUPPORT"}:
        return "AGREE", None, rest
    return etype, mode, flags


def _obligation_or_refusal(etype: str, mode: str | None, flags: list[str], token: Token, lex: cues.Lexicon
                           ) -> tuple[str, str | None, list[str]]:
    """"X said Y must cooperate" is a REQUEST; "would not meet the demands", "failed to reach agreement",
    "does not accept" are refusals (REJECT), not negated agreements."""
    aux = {c.lower_ for c in token.children if c.dep_ == "aux"}
    if aux & {"must", "should"} and token.dep_ in {"ccomp", "acl", "relcl"} and etype not in {"REQUEST", "THREATEN"}:
        words = _clause_words(token)
        rest = [f for f in flags if f not in {"hypothetical", "future"}]
        return "REQUEST", infer_mode("request", words, lex), rest
    if etype in {"AGREE", "CONCEDE", "SUPPORT", "RETREAT"}:
        negated = "negation" in flags or any(c.dep_ == "neg" for c in token.children)
        failed = token.dep_ == "xcomp" and _lemma(token.head) in {"fail", "refuse", "decline"}
        if negated or failed:
            rest = [f for f in flags if f not in {"negation", "future"}]
            return "REJECT", infer_mode("request", _clause_words(token), lex), rest
    return etype, mode, flags


def _announced_future(token: Token) -> bool:
    if token.pos_ != "VERB":
        return False
    if any(c.dep_ == "aux" and c.lower_ in {"will", "shall", "'ll", "would"} for c in token.children):
        return True
    head = token.head
    return token.dep_ == "xcomp" and _lemma(head) in INTENT_VERBS


def _contexts(sent: Span, lex: cues.Lexicon) -> list[str]:
    words = _sentence_words(sent)
    return [name for name, cue_words in lex.contexts.items() if any(_has_word(words, w) for w in cue_words)]


def _confidence(match: cues.CueMatch, token: Token, has_actor: bool, has_recipient: bool) -> float:
    value = match.cue.weight
    if token.dep_ == "ROOT" or (token.dep_ in {"conj", "ccomp"} and token.head.dep_ == "ROOT"):
        value += 0.1
    elif token.dep_ in {"relcl", "acl", "amod", "compound"}:
        value -= 0.2
    if match.nominal:
        value -= 0.1
    value += 0.05 * has_actor + 0.05 * has_recipient
    return max(0.05, min(0.99, value))


def _code_sentence(sent: Span, article: Article, resolver: Resolver, lex: cues.Lexicon,
                   assess: Callable[..., Any] | None, times: tuple[TimeExpr, ...]) -> list[Draft]:
    words = _sentence_words(sent)
    non_conflict = is_non_conflict(words, lex)
    matches = list(cues.match_sentence(sent, lex))
    heads = {m.head: m for m in matches}
    drafts: list[Draft] = []
    for match in matches:
        token = sent.doc[match.head]
        etype, mode = match.cue.event_type, match.cue.mode
        if etype == "ASSAULT" and _lemma(token) == "strike" and any(_has_word(words, w) for w in LABOUR_WORDS):
            etype, mode = "PROTEST", "strike"
        if etype in MATERIAL_CONFLICT and non_conflict:
            continue
        if etype in MATERIAL_CONFLICT and token.dep_ == "acl" and token.tag_ == "VBG":
            continue  # "those sabotaging the peace": a description, not a reported act
        if _absorbed(token, match, heads):
            continue
        retyped = _retype(match, token, etype, mode, lex)
        if retyped is None:
            continue
        etype, mode = retyped
        flags: list[str] = []
        condition = None
        if assess is not None:
            try:
                status = assess(token, event_type=etype, article=article, times=times)
            except Exception:  # another stage's helper must not stop extraction
                status = None
            if status is not None:
                if getattr(status, "embedded", False):
                    continue
                if getattr(status, "retype", None):
                    etype, mode = plover.normalise(status.retype, mode)
                flags = [f for f in status.flags if f in STATUS_FLAGS]
                condition = status.condition
        else:
            if any(c.dep_ == "neg" for c in token.children):
                flags.append("negation")
        light = _light_verb(token, lex) if match.nominal else None
        if light is not None and _lemma(light) in REVERSAL_VERBS and etype in {"COERCE", "SANCTION", "PROTEST"}:
            etype, mode = "RETREAT", None  # "lifted the curfew", "ended the boycott", "called off the strike"
        if etype == "MOBILIZE" and any(_has_word(words, w) for w in ("peacekeeping", "peacekeeper", "peacekeepers")):
            etype, mode = "AID", None  # troops sent to a peacekeeping mission
        etype, mode, flags = _announced(etype, mode, flags, light if light is not None else token)
        etype, mode, flags = _obligation_or_refusal(etype, mode, flags, token, lex)
        agents = agent_tokens(token, match.nominal, light)
        actors = resolver.actors(agents)
        resolver.allow_unknown = True
        patients = patient_tokens(token, match.nominal, etype, light)
        recipients = resolver.actors(patients)
        resolver.allow_unknown = False
        if etype in {"ASSAULT", "COERCE"} and not recipients:
            resolver.allow_unknown = True
            recipients = resolver.actors(_operation_targets(sent))
            resolver.allow_unknown = False
        same = {a.registry_id or a.entity_text.lower() for a in actors}
        recipients = tuple(r for r in recipients if (r.registry_id or r.entity_text.lower()) not in same)
        if etype in MATERIAL_CONFLICT and not actors and not recipients and not any(
            _has_word(words, w) for w in lex.conflict_words
        ) and not any(p.ent_type_ in {"PERSON", "NORP", "ORG"} or casualties.is_person_like(p) for p in patients):
            continue
        if etype in VERBAL_TYPES and not actors and not recipients and agents and all(
            _lemma(a) in NON_ACTORS for a in agents
        ):
            continue  # a statement nobody identifiable made ("critics slammed the album") is not an event
        confidence = _confidence(match, token, bool(actors), bool(recipients))
        if {"negation", "hypothetical"} & set(flags):
            confidence *= 0.5
        drafts.append(Draft(
            event_type=etype, mode=mode, sentence=sent, trigger=token,
            trigger_end=sent.doc[match.last].idx + len(sent.doc[match.last].text),
            actors=actors, recipients=recipients, confidence=confidence, context=flags, condition=condition,
        ))
    return drafts


def _attach_casualties(drafts: list[Draft], sent: Span, tally: casualties.Tally) -> None:
    assaults = [d for d in drafts if d.event_type == "ASSAULT" and not d.context]
    coerces = [d for d in drafts if d.event_type == "COERCE" and not d.context]
    if not assaults and not coerces:
        return
    found = tally.fresh(casualties.sentence_casualties(sent), casualties.is_additional(sent))
    if found.is_empty():
        return
    harm = assaults[0] if assaults else None
    held = coerces[0] if coerces else harm
    if harm is not None:
        harm.size = Casualties(dead=found.dead, injured=found.injured,
                               arrested=found.arrested if held is harm else None)
    if held is not None and held is not harm:
        held.size = Casualties(dead=None if harm else found.dead, injured=None if harm else found.injured,
                               arrested=found.arrested)


def _key(event_type: str, sentence_start: int, actors: tuple[Actor, ...], recipients: tuple[Actor, ...]
         ) -> tuple[Any, ...]:
    return (sentence_start, event_type, frozenset(a.code for a in actors), frozenset(r.code for r in recipients))


def _merge(events: list[Event]) -> list[Event]:
    """One event per (sentence, type, actor codes, recipient codes); an actor-less duplicate of a coded
    event of the same type in the same sentence is folded into it."""
    best: dict[tuple[Any, ...], Event] = {}
    for event in events:
        key = _key(event.event_type, event.start, event.actors, event.recipients)
        kept = best.get(key)
        if kept is None:
            best[key] = event
            continue
        winner, loser = (event, kept) if event.confidence > kept.confidence else (kept, event)
        size = winner.size if not winner.size.is_empty() else loser.size
        best[key] = replace(winner, size=size, mode=winner.mode or loser.mode)
    merged = sorted(best.values(), key=lambda e: (bool(e.actors), len(e.recipients), e.confidence), reverse=True)
    out: list[Event] = []
    for event in merged:
        if not event.actors:
            codes = {r.code for r in event.recipients}
            twins = [n for n, kept in enumerate(out) if kept.start == event.start
                     and kept.event_type == event.event_type and codes <= {r.code for r in kept.recipients}]
            if twins:
                kept = out[twins[0]]
                if kept.size.is_empty() and not event.size.is_empty():
                    out[twins[0]] = replace(kept, size=event.size)
                continue
        out.append(event)
    return out


def extract_events(
    doc: object,
    article: Article,
    *,
    mentions: tuple[Mention, ...],
    quotes: tuple[Quote, ...],
    places: tuple[Place, ...],
    times: tuple[TimeExpr, ...],
) -> tuple[Event, ...]:
    """Code every PLOVER event the article reports (see the module docstring)."""
    lex = cues.lexicon()
    resolver = Resolver(article, mentions)
    assess = _optional("status", "assess")
    date_for_span = _optional("times", "date_for_span")
    locate_event = _optional("places", "locate_event")
    speech_events = _optional("speech", "speech_events")
    tally = casualties.Tally()
    events: list[Event] = []
    sentences = list(doc.sents)  # type: ignore[attr-defined]
    for sent in sentences:
        if not sent.text.strip():
            continue
        drafts = _code_sentence(sent, article, resolver, lex, assess, times)
        _attach_casualties(drafts, sent, tally)
        topical = _contexts(sent, lex) if drafts else []
        for draft in drafts:
            events.append(_finish(draft, article, topical, places, times, date_for_span, locate_event, doc))
    if speech_events is not None:
        try:
            extra = speech_events(doc, article, mentions=mentions, quotes=quotes, times=times, places=places)
        except Exception:
            extra = ()
        starts = [(s.start_char, s.end_char) for s in sentences]
        for event in extra:
            span = next(((a, b) for a, b in starts if a <= event.start < b), (event.start, event.end))
            events.append(replace(event, start=span[0], end=span[1]))
    events = _merge(events)
    events.sort(key=lambda e: (e.start, e.trigger_start if e.trigger_start is not None else e.start))
    return tuple(replace(e, id=f"{article.id}-e{n}") for n, e in enumerate(events, start=1))


def _finish(draft: Draft, article: Article, topical: list[str], places: tuple[Place, ...],
            times: tuple[TimeExpr, ...], date_for_span: Callable[..., Any] | None,
            locate_event: Callable[..., Any] | None, doc: Any) -> Event:
    sent = draft.sentence
    start, end = sent.start_char, sent.end_char
    scale, quad = plover.score(draft.event_type, draft.mode)
    date = None
    if date_for_span is not None:
        try:
            date = date_for_span(times, article, start, end, anchor=draft.trigger.idx)
        except Exception:
            date = None
    if date is None:
        date = article.published
    location = None
    if locate_event is not None:
        try:
            location = locate_event(doc, article, places, start, end, trigger_start=draft.trigger.idx)
        except Exception:
            location = None
    context = tuple(dict.fromkeys([*draft.context, *topical]))
    return Event(
        id="", article_id=article.id, event_type=draft.event_type, mode=draft.mode, context=context,
        actors=draft.actors, recipients=draft.recipients, start=start, end=end,
        event_text=article.text[start:end], event_scale=scale, quad_code=quad, date=date, location=location,
        size=draft.size, trigger=article.text[draft.trigger.idx:draft.trigger_end],
        trigger_start=draft.trigger.idx, trigger_end=draft.trigger_end, condition=draft.condition,
        confidence=round(draft.confidence, 4),
        provenance=Provenance(article.id, start, end, EXTRACTOR, VERSION),
    )
