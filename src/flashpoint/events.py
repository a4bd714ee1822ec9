"""PLOVER event coding: triggers, type and mode, actor and recipient, status, casualties, date, place.

In: the spaCy Doc of ``article.nlp_text``, the article, and the records of the earlier stages (actor
mentions, quotes, places, times). Out: a tuple of :class:`~flashpoint.models.Event` in text order, ids
``<article id>-e<n>``, at most one per (sentence, type, actor codes, recipient codes).

Steps per sentence: cue triggers (:mod:`flashpoint.cues`), type/mode adjustments (vows of violence are
threats, announced meetings are agreements, the mode read from the clause), status
(:func:`flashpoint.status.assess` when present: negation, hypothetical, future, historical, embedded
content), roles (:mod:`flashpoint.roles`), casualties (:mod:`flashpoint.casualties`), scores
(:func:`flashpoint.plover.score`), date (:func:`flashpoint.times.date_for_span` over the time expressions
of the trigger's own clause, :func:`own_clause_times`, else the publication date) and place
(:func:`flashpoint.places.locate_event`). Background acts named only to say who someone is ("the man
behind the May 11 attack") are not coded (:func:`flashpoint.eventrules.background_reference`). Events
coded from quote content by :func:`flashpoint.speech.speech_events` are merged in, de-duplicated and
placed.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from . import casualties, cues, plover
from .eventrules import (
    LABOUR_WORDS,
    MATERIAL_CONFLICT,
    NON_ACTORS,
    REVERSAL_VERBS,
    STATUS_FLAGS,
    VERBAL_TYPES,
    absorbed,
    announced,
    announced_future,
    background_reference,
    contexts,
    has_word,
    is_non_conflict,
    lemma,
    light_verb,
    obligation_or_refusal,
    operation_targets,
    retype,
    sentence_words,
)
from .models import Actor, Article, Casualties, Event, Mention, Place, Provenance, Quote, TimeExpr
from .nlp import sentence_bounds
from .roles import Resolver, agent_tokens, patient_tokens, place_tokens, purpose_tokens

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

EXTRACTOR = "flashpoint.events"
OTHER_CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "csubj", "parataxis"})
NOUN_DATE_DEPS = frozenset({"poss", "compound", "nmod", "amod", "nummod"})
PERSONAL_PRONOUNS = frozenset({"he", "she", "him", "her", "they", "them"})  # "he was captured": a person
VERSION = "0.2"
# acts whose recipient, when no party is named, is the place they were done in or aimed at
PLACE_RECIPIENT_TYPES = frozenset(
    {"MOBILIZE", "COERCE", "PROTEST", "AID", "ASSAULT", "THREATEN", "SANCTION", "RETREAT", "AGREE"}
)


def _optional(module: str, name: str) -> Callable[..., Any] | None:
    try:
        return getattr(importlib.import_module(f"flashpoint.{module}"), name, None)
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


def _code_sentence(
    sent: Span,
    article: Article,
    resolver: Resolver,
    lex: cues.Lexicon,
    assess: Callable[..., Any] | None,
    times: tuple[TimeExpr, ...],
    nearby_targets: list[Token] | None = None,
) -> list[Draft]:
    words = sentence_words(sent)
    non_conflict = is_non_conflict(words, lex)
    matches = list(cues.match_sentence(sent, lex))
    heads = {m.head: m for m in matches}
    drafts: list[Draft] = []
    for match in matches:
        token = sent.doc[match.head]
        etype, mode = match.cue.event_type, match.cue.mode
        if etype == "ASSAULT" and lemma(token) == "strike" and any(has_word(words, w) for w in LABOUR_WORDS):
            etype, mode = "PROTEST", "strike"
        if etype in MATERIAL_CONFLICT and non_conflict:
            continue
        if etype in MATERIAL_CONFLICT and token.dep_ == "acl" and token.tag_ == "VBG":
            continue  # "those sabotaging the peace": a description, not a reported act
        if absorbed(token, match, heads) or background_reference(token, match.nominal):
            continue
        retyped = retype(match, token, etype, mode, lex)
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
                intent = announced_future(light_verb(token, lex) or token) and token.dep_ != "advcl"
                if getattr(status, "embedded", False) and not intent:
                    continue
                if getattr(status, "retype", None):
                    etype, mode = plover.normalise(status.retype, mode)
                flags = [f for f in status.flags if f in STATUS_FLAGS]
                condition = status.condition
        else:
            if any(c.dep_ == "neg" for c in token.children):
                flags.append("negation")
        light = light_verb(token, lex) if match.nominal else None
        if (
            light is not None
            and lemma(light) in REVERSAL_VERBS
            and etype in {"COERCE", "SANCTION", "PROTEST"}
        ):
            etype, mode = "RETREAT", None  # "lifted the curfew", "ended the boycott", "called off the strike"
        if etype == "MOBILIZE" and any(
            has_word(words, w) for w in ("peacekeeping", "peacekeeper", "peacekeepers")
        ):
            etype, mode = "AID", None  # troops sent to a peacekeeping mission
        etype, mode, flags = announced(etype, mode, flags, light if light is not None else token)
        etype, mode, flags = obligation_or_refusal(etype, mode, flags, token, lex)
        obligation = (
            etype == "REQUEST" and match.cue.event_type != "REQUEST" and token.dep_ in {"ccomp", "acl"}
        )
        if obligation:  # "X said Y must act", "X issued a reminder that Y must act": X asks Y
            speech = token.head
            speech_noun = speech.pos_ == "NOUN"
            agents = agent_tokens(speech, speech_noun, light_verb(speech, lex) if speech_noun else None)
            patients = [c for c in token.children if c.dep_ in {"nsubj", "nsubjpass"}]
        else:
            agents = agent_tokens(token, match.nominal, light)
            patients = patient_tokens(token, match.nominal, etype, light)
        actors = resolver.actors(agents)
        resolver.allow_unknown = True
        recipients = resolver.actors(patients)
        resolver.allow_unknown = False
        if etype in {"ASSAULT", "COERCE"} and not recipients:
            resolver.allow_unknown = True
            recipients = resolver.actors(operation_targets(sent)) or resolver.actors(nearby_targets or [])
            resolver.allow_unknown = False
        if etype == "PROTEST" and not recipients:
            recipients = resolver.actors(purpose_tokens(token, light))
        if etype in PLACE_RECIPIENT_TYPES and not recipients:
            recipients = resolver.actors(place_tokens(token, light))
        same = {(a.entity_text.lower(), a.start) for a in actors}
        recipients = tuple(r for r in recipients if (r.entity_text.lower(), r.start) not in same)
        if (
            etype in MATERIAL_CONFLICT
            and not actors
            and not recipients
            and not any(has_word(words, w) for w in lex.conflict_words)
            and not any(
                p.ent_type_ in {"PERSON", "NORP", "ORG"}
                or casualties.is_person_like(p)
                or p.lower_ in PERSONAL_PRONOUNS
                for p in patients
            )
        ):
            continue
        if (
            etype in VERBAL_TYPES
            and not actors
            and not recipients
            and agents
            and all(lemma(a) in NON_ACTORS for a in agents)
        ):
            continue  # a statement nobody identifiable made ("critics slammed the album") is not an event
        confidence = _confidence(match, token, bool(actors), bool(recipients))
        if {"negation", "hypothetical"} & set(flags):
            confidence *= 0.5
        drafts.append(
            Draft(
                event_type=etype,
                mode=mode,
                sentence=sent,
                trigger=token,
                trigger_end=sent.doc[match.last].idx + len(sent.doc[match.last].text),
                actors=actors,
                recipients=recipients,
                confidence=confidence,
                context=flags,
                condition=condition,
            )
        )
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
        harm.size = Casualties(
            dead=found.dead, injured=found.injured, arrested=found.arrested if held is harm else None
        )
    if held is not None and held is not harm:
        held.size = Casualties(
            dead=None if harm else found.dead,
            injured=None if harm else found.injured,
            arrested=found.arrested,
        )


def _key(
    event_type: str, sentence_start: int, actors: tuple[Actor, ...], recipients: tuple[Actor, ...]
) -> tuple[Any, ...]:
    return (
        sentence_start,
        event_type,
        frozenset(a.code for a in actors),
        frozenset(r.code for r in recipients),
    )


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
    merged = sorted(
        best.values(), key=lambda e: (bool(e.actors), len(e.recipients), e.confidence), reverse=True
    )
    out: list[Event] = []
    for event in merged:
        actor_codes = {a.code for a in event.actors}
        codes = {r.code for r in event.recipients}
        if not actor_codes or not codes:
            # a less specified mention of an act already kept ("issued a warning to X, promising ...")
            twins = [
                n
                for n, kept in enumerate(out)
                if kept.start == event.start
                and kept.event_type == event.event_type
                and codes <= {r.code for r in kept.recipients}
                and actor_codes <= {a.code for a in kept.actors}
            ]
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
    for n, sent in enumerate(sentences):
        if not sent.text.strip():
            continue
        nearby = [
            t
            for other in sentences[max(0, n - 1) : n + 2]
            if other is not sent
            for t in operation_targets(other)
        ]
        drafts = _code_sentence(sent, article, resolver, lex, assess, times, nearby)
        _attach_casualties(drafts, sent, tally)
        topical = contexts(sent, lex) if drafts else []
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
            location = event.location or _locate(
                locate_event, doc, article, places, span, event.trigger_start
            )
            events.append(replace(event, start=span[0], end=span[1], location=location))
    events = _merge(events)
    events.sort(key=lambda e: (e.start, e.trigger_start if e.trigger_start is not None else e.start))
    return tuple(replace(e, id=f"{article.id}-e{n}") for n, e in enumerate(events, start=1))


def own_clause_times(
    times: tuple[TimeExpr, ...], trigger: Token, start: int, end: int
) -> tuple[TimeExpr, ...]:
    """The article's time expressions without those of the sentence ``[start, end)`` that date another act:
    an expression inside a subordinate clause or modifier that does not contain the trigger ("detained
    the leader responsible for Tuesday's attack" is not dated Tuesday; "on Tuesday, forces raided ..." is)."""
    doc = trigger.doc
    chain = {trigger.i, *(t.i for t in trigger.ancestors)}
    kept, outside, in_subtree = [], [], []
    for expr in times:
        if not (start <= expr.start and expr.end <= end):
            outside.append(expr)
            continue
        span = doc.char_span(expr.start, expr.end, alignment_mode="expand")
        if span is None or not _dates_another_act(span.root, chain):
            kept.append(expr)
            subtree = range(trigger.left_edge.i, trigger.right_edge.i + 1)
            if span is not None and span.start in subtree and span.end - 1 in subtree:
                in_subtree.append(expr)
    if trigger.pos_ == "NOUN" and in_subtree:
        kept = in_subtree  # "confirmed today the arrest of X during a raid Sept. 19": the arrest's own date
    return tuple(outside + kept)


def _dates_another_act(token: Token, chain: set[int]) -> bool:
    """Climbing from the time expression to the trigger's chain of heads, whether a clause or an event
    noun other than the trigger is crossed (relative, adverbial, complement clause; "Tuesday's attack")."""
    if token.dep_ == "npadvmod" and token.right_edge.i == token.head.right_edge.i:
        return False  # a trailing bare "today"/"yesterday" is often attached to the nearest word by mistake
    if token.dep_ in NOUN_DATE_DEPS and token.head.pos_ == "NOUN" and token.head.i not in chain:
        return True  # "Tuesday's attack", "the Aug. 7 attack": the date of the noun it qualifies
    node = token
    while node.i not in chain and node.head.i != node.i:
        if node.dep_ in OTHER_CLAUSE_DEPS:
            return True
        node = node.head
    return False


def _locate(
    locate_event: Callable[..., Any] | None,
    doc: Any,
    article: Article,
    places: tuple[Place, ...],
    span: tuple[int, int],
    trigger_start: int | None,
) -> Place | None:
    """The place of an event coded from a quote (the quote stage leaves it unset)."""
    if locate_event is None:
        return None
    try:
        found = locate_event(doc, article, places, span[0], span[1], trigger_start=trigger_start)
    except Exception:  # another stage's helper must not stop extraction
        return None
    return found if isinstance(found, Place) else None


def _finish(
    draft: Draft,
    article: Article,
    topical: list[str],
    places: tuple[Place, ...],
    times: tuple[TimeExpr, ...],
    date_for_span: Callable[..., Any] | None,
    locate_event: Callable[..., Any] | None,
    doc: Any,
) -> Event:
    sent = draft.sentence
    start, end = sentence_bounds(sent)
    scale, quad = plover.score(draft.event_type, draft.mode)
    date = None
    if date_for_span is not None:
        try:
            own = own_clause_times(times, draft.trigger, start, end)
            date = date_for_span(own, article, start, end, anchor=draft.trigger.idx)
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
        id="",
        article_id=article.id,
        event_type=draft.event_type,
        mode=draft.mode,
        context=context,
        actors=draft.actors,
        recipients=draft.recipients,
        start=start,
        end=end,
        event_text=article.text[start:end],
        event_scale=scale,
        quad_code=quad,
        date=date,
        location=location,
        size=draft.size,
        trigger=article.text[draft.trigger.idx : draft.trigger_end],
        trigger_start=draft.trigger.idx,
        trigger_end=draft.trigger_end,
        condition=draft.condition,
        confidence=round(draft.confidence, 4),
        provenance=Provenance(article.id, start, end, EXTRACTOR, VERSION),
    )
