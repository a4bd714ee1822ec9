"""Events from what quotes say: threats, accusations, rejections, demands, offers stated in reported speech.

In: the spaCy Doc of ``Article.nlp_text``, the :class:`~flashpoint.models.Article`, its actor
:class:`~flashpoint.models.Mention` records, its :class:`~flashpoint.models.Quote` records (direct, partial,
indirect) and resolved times. Out: PLOVER :class:`~flashpoint.models.Event` records, one per
(sentence, type, actor, recipient), each spanning the *sentence* that holds the quoted words (a long quote
yields events in every sentence that asserts an act), with ``quote_id`` set.

The speaker is the actor (for a media outlet's report, the subject of the reported clause); the recipient
is the side the words target: a mention in the quoted words, else the quote's addressees, else the target
named around the quote ("a warning to X"), else the last mention of the other side before the quote.
Status (negation, conditions, embedded allegations) comes from :func:`flashpoint.status.assess`.
Content cues live in ``data/lexicons/speech.yaml`` (schema ``data/schemas/speech.schema.json``).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from . import plover, status
from .errors import ConfigError
from .models import Actor, Article, DateValue, Event, Mention, Place, Provenance, Quote, TimeExpr
from .nlp import sentence_bounds
from .validation import validate

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

LEXICON_PATH = Path(__file__).parent / "data" / "lexicons" / "speech.yaml"
SCHEMA_PATH = Path(__file__).parent / "data" / "schemas" / "speech.schema.json"
EXTRACTOR = "speech"
VERSION = "1"

_PROSPECTIVE_AUX = {"will", "shall", "'ll", "wo", "would", "can", "could", "must", "may", "might", "ca"}
_PROSPECTIVE_GOVERNORS = {"hesitate", "ready", "prepared", "prepare", "determined", "able", "capable",
                          "need", "going", "threaten", "vow", "warn", "plan", "intend", "pledge", "promise",
                          "resolve"}
_CONTENT_POS = {"VERB", "NOUN", "ADJ", "PROPN", "ADV"}
_NEGATORS = {"not", "n't", "never", "no", "without"}
_RELATIVE = {"which", "who", "that", "whom"}
_MATERIAL_TYPES = {"ASSAULT", "COERCE", "MOBILIZE", "SANCTION", "PROTEST", "AID", "COOPERATE", "RETREAT"}


@dataclass(frozen=True, slots=True)
class Rule:
    event_type: str
    mode: str | None
    prospective: bool
    subject_other: bool
    first_person: bool
    verbs_only: bool
    patterns: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class SpeechLexicon:
    rules: tuple[Rule, ...]
    max_gap: int
    addressee_pronouns: frozenset[str]
    speaker_pronouns: frozenset[str]
    addressee_markers: frozenset[str]
    outlet_words: frozenset[str] = frozenset()


def _split_pattern(pattern: str) -> tuple[str, ...]:
    """Pattern items, hyphenated words split as spaCy splits them ("non-negotiable" -> non - negotiable)."""
    items: list[str] = []
    for item in pattern.lower().split():
        parts = item.split("-") if "-" in item.strip("-") else [item]
        for k, part in enumerate(parts):
            if k:
                items.append("-")
            if part:
                items.append(part)
    return tuple(items)


def validate_lexicon(data: Any) -> list[str]:
    """Problems in a parsed ``speech.yaml`` (empty when valid against the JSON Schema)."""
    return validate(data, json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))


@functools.lru_cache(maxsize=4)
def load_lexicon(path: Path = LEXICON_PATH) -> SpeechLexicon:
    """Load and validate the content cue lexicon (raises :class:`ConfigError` naming the broken entries)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"cannot read the speech lexicon {path.name}: {exc}") from exc
    problems = validate_lexicon(data)
    if problems:
        raise ConfigError(f"{path.name} is invalid (fix these entries): " + "; ".join(problems[:10]))
    rules = tuple(
        Rule(
            event_type=r["type"],
            mode=r["mode"],
            prospective=r["needs"] == "prospective",
            subject_other=bool(r.get("subject_other", False)),
            first_person=bool(r.get("first_person", False)),
            verbs_only=bool(r.get("verbs_only", False)),
            patterns=tuple(_split_pattern(p) for p in r["patterns"]),
        )
        for r in data["rules"]
    )
    return SpeechLexicon(
        rules=rules,
        max_gap=int(data["max_gap"]),
        addressee_pronouns=frozenset(w.lower() for w in data["addressee_pronouns"]),
        speaker_pronouns=frozenset(w.lower() for w in data["speaker_pronouns"]),
        addressee_markers=frozenset(w.lower() for w in data["addressee_markers"]),
        outlet_words=frozenset(w.lower() for w in data.get("outlet_words", ())),
    )


# ---------------------------------------------------------------------------------------------- matching


@functools.lru_cache(maxsize=4096)
def _required(pattern: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The pattern's whole words (each must be some word's form or lemma) and its prefixes (``attack*``)."""
    words = tuple(item for item in pattern if item not in ("_", "...") and not item.endswith("*"))
    prefixes = tuple(item[:-1] for item in pattern if item != "..." and item.endswith("*"))
    return words, prefixes


def _match_indices(pattern: tuple[str, ...], lowers: list[str], lemmas: list[str],
                   max_gap: int) -> list[list[int]]:
    """:func:`match_pattern` over precomputed lower-cased forms and lemmas; matches as token indices."""
    found: list[list[int]] = []
    size, n = len(pattern), len(lowers)

    def matches(item: str, t: int) -> bool:
        if item == "_":
            return True
        if item.endswith("*"):
            return lowers[t].startswith(item[:-1])
        return lowers[t] == item or lemmas[t] == item

    def extend(p: int, t: int, acc: list[int]) -> list[int] | None:
        if p == size:
            return acc
        item = pattern[p]
        if item == "...":
            for skip in range(max_gap + 1):
                got = extend(p + 1, t + skip, acc)
                if got is not None:
                    return got
            return None
        if t < n and matches(item, t):
            return extend(p + 1, t + 1, [*acc, t])
        return None

    for start in range(n):
        got = extend(0, start, [])
        if got:
            found.append(got)
    return found


def match_pattern(pattern: tuple[str, ...], tokens: list[Token], max_gap: int) -> list[list[Token]]:
    """Every match of ``pattern`` in ``tokens`` (each match: the tokens matched by the non-gap items)."""
    lowers = [t.lower_ for t in tokens]
    lemmas = [t.lemma_.lower() for t in tokens]
    return [[tokens[k] for k in match] for match in _match_indices(pattern, lowers, lemmas, max_gap)]


def cue_token(matched: list[Token]) -> Token:
    """The word of a match that carries the act (skips negators, auxiliaries, pronouns)."""
    for tok in matched:
        if tok.pos_ in _CONTENT_POS and tok.lower_ not in _NEGATORS:
            return tok
    return matched[-1]


def _is_prospective(cue: Token, st: status.EventStatus) -> bool:
    """Will/shall/can/must, "ready to", "not hesitate to", a condition, or an imperative: a threat's frame."""
    if st.condition is not None:
        return True
    node = cue
    for _ in range(12):
        for child in node.children:
            if child.dep_ == "aux" and child.lower_ in _PROSPECTIVE_AUX:
                return True
        if node.i != cue.i and node.lemma_.lower() in _PROSPECTIVE_GOVERNORS:
            return True
        subjects = [c for c in node.children if c.dep_.startswith("nsubj")]
        if node.dep_ == "ROOT" and node.tag_ == "VB" and not subjects:
            return True  # imperative
        if node.head.i == node.i:
            break
        node = node.head
    return False


def _subject_range(cue: Token) -> tuple[int, int]:
    """Character range of the cue's clause subject (for a relative clause, its noun up to the head word)."""
    subject = clause_subject(cue)
    if subject is None:
        return (0, 0)
    if subject.dep_ not in ("nsubj", "nsubjpass"):  # resolved from a relative pronoun
        return (subject.left_edge.idx, subject.idx + len(subject.text))
    return (subject.left_edge.idx, subject.right_edge.idx + len(subject.right_edge.text))


def clause_subject(cue: Token) -> Token | None:
    """The subject of the nearest clause above the cue (relative pronouns resolved to their noun)."""
    node = cue
    for _ in range(12):
        for child in node.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                if child.lower_ in _RELATIVE and node.dep_ == "relcl":
                    return node.head
                return child
        if node.head.i == node.i:
            return None
        node = node.head
    return None


# ---------------------------------------------------------------------------------------------- actors


def _mention_at(mentions: tuple[Mention, ...], start: int, end: int) -> Mention | None:
    best: Mention | None = None
    for m in mentions:
        if m.start < end and start < m.end and (best is None or m.end - m.start > best.end - best.start):
            best = m
    return best


def _same_side(a: Actor, b: Actor) -> bool:
    if a.code is None or b.code is None:
        return a.entity_text.lower() == b.entity_text.lower()
    if a.code != b.code:
        return False
    rebels = {"REB", "UAF"}
    return (a.sector in rebels) == (b.sector in rebels)


def _with_span(actor: Actor, mention: Mention) -> Actor:
    if actor.start is not None:
        return actor
    return Actor(actor.entity_text, actor.identifier_text, actor.code, actor.sector, actor.office,
                 actor.registry_id, mention.start, mention.end)


@dataclass(frozen=True, slots=True)
class _Context:
    doc: Doc
    article: Article
    mentions: tuple[Mention, ...]
    times: tuple[TimeExpr, ...]
    lex: SpeechLexicon


def _subtree_mentions(ctx: _Context, token: Token) -> list[Mention]:
    start, end = token.left_edge.idx, token.right_edge.idx + len(token.right_edge.text)
    return [m for m in ctx.mentions if start <= m.start and m.end <= end]


def _usable(m: Mention) -> bool:
    """A mention that can be a recipient: a known country/organisation code, not a media outlet."""
    return m.actor.code is not None and m.actor.code != "UNK" and m.actor.sector != "JRN"


def _other_mentions(ctx: _Context, actor: Actor, start: int, end: int) -> list[Mention]:
    """Mentions in [start, end) of a side other than ``actor`` (speaker-side pronouns left out)."""
    out = []
    for m in ctx.mentions:
        if start <= m.start and m.end <= end and m.text.lower() not in ctx.lex.speaker_pronouns \
                and _usable(m) and not _same_side(m.actor, actor):
            out.append(m)
    return out


def _recipient(ctx: _Context, quote: Quote, actor: Actor, cue: Token, part: tuple[int, int],
               sent: Span, event_type: str) -> tuple[Actor | None, float]:
    """The side the quoted words target, with a confidence for how it was found."""
    # 1. the cue's own object or target ("annihilate the Taliban regime", "requesting the Taliban")
    addressed = False
    for child in cue.children:
        if child.dep_ in ("dobj", "dative", "poss", "nsubjpass") or (
                child.dep_ == "prep" and child.lower_ in ("against", "to", "on", "with", "for", "at")):
            heads = [child] + [g for g in child.children if g.dep_ == "pobj"]
            for tok in child.subtree:
                if tok.lower_ in ctx.lex.addressee_pronouns and tok.i <= child.i + 1:
                    addressed = True  # "obliterate them", "overthrow your government"
            for head in heads:
                m = _mention_at(ctx.mentions, head.idx, head.idx + len(head.text))
                if m is None or not _usable(m) or m.text.lower() in ctx.lex.speaker_pronouns:
                    continue
                if m.text.lower() in ctx.lex.addressee_pronouns and m.antecedent_start is None:
                    continue
                if not _same_side(m.actor, actor):
                    return _with_span(m.actor, m), 0.8
    # 2. another side named in the quoted words of this sentence (not the clause's own subject)
    # the subject of a threat is the threatener; the subject of an accusation or demand may be its target
    skip = _subject_range(cue) if event_type == "THREATEN" else (0, 0)
    named = [m for m in _other_mentions(ctx, actor, *part)
             if m.text.lower() not in ctx.lex.addressee_pronouns and not (skip[0] <= m.start < skip[1])]
    if named and not addressed:
        return _with_span(named[0].actor, named[0]), 0.7
    # 3. the quote's addressees
    for addressee in quote.addressees:
        if not _same_side(addressee, actor):
            return addressee, 0.7
    # 4. the target named around the quote ("a warning to X"): the rest of the quote's sentences
    around = [m for m in _other_mentions(ctx, actor, sent.start_char, sent.end_char)
              if not (quote.start <= m.start < quote.end)]
    first_sent = ctx.doc.char_span(quote.start, quote.start + 1, alignment_mode="expand")
    if first_sent is not None and first_sent.sent.start_char != sent.start_char:
        s0 = first_sent.sent
        around += [m for m in _other_mentions(ctx, actor, s0.start_char, s0.end_char)
                   if not (quote.start <= m.start < quote.end)]
    if around:
        return _with_span(around[0].actor, around[0]), 0.6
    # 5. the last mention of another side before the sentence
    before = [m for m in _other_mentions(ctx, actor, 0, sent.start_char)
              if m.text.lower() not in ctx.lex.addressee_pronouns]
    if before:
        return _with_span(before[-1].actor, before[-1]), 0.5
    # 6. the first mention of another side after the quote (a quote that opens the article)
    after = [m for m in _other_mentions(ctx, actor, quote.end, len(ctx.article.text))
             if m.text.lower() not in ctx.lex.addressee_pronouns]
    if after:
        return _with_span(after[0].actor, after[0]), 0.45
    return None, 0.4


def is_outlet(actor: Actor) -> bool:
    """A media outlet speaker (sector JRN, or a name made of outlet words: "Ariana News", "NDTV")."""
    if actor.sector == "JRN":
        return True
    words = {w.strip(".,'’").lower() for w in actor.entity_text.replace("-", " ").split()}
    return bool(words & load_lexicon().outlet_words)


def _reporting_mention(ctx: _Context, cue: Token, part: tuple[int, int]) -> Mention | None:
    """The named subject of a speech verb inside the quoted words whose clause holds the cue."""
    node = cue
    for _ in range(12):
        if node.head.i == node.i or not part[0] <= node.head.idx < part[1]:
            return None
        if node.dep_ == "ccomp":
            for child in node.head.children:
                if child.dep_ == "nsubj":
                    m = _mention_at(ctx.mentions, child.idx, child.idx + len(child.text))
                    if m is not None and _usable(m) and m.text.lower() not in ctx.lex.addressee_pronouns \
                            and m.text.lower() not in ctx.lex.speaker_pronouns:
                        return m
            return None
        node = node.head
    return None


PRONOUNS = frozenset({"he", "she", "they", "it", "him", "her", "them", "his", "its", "their", "we", "i"})


def named(actor: Actor) -> Actor:
    """An actor whose mention is a pronoun, renamed to what it resolves to (ANNOTATION.md: the actor's text
    is the mention after resolving pronouns)."""
    if actor.entity_text.strip().lower() in PRONOUNS and actor.identifier_text:
        return replace(actor, entity_text=actor.identifier_text)
    return actor


def _actor(ctx: _Context, quote: Quote, cue: Token, rule: Rule, part: tuple[int, int]) -> Actor | None:
    if quote.speaker is None:
        return None
    speaker = named(quote.speaker)
    subject = clause_subject(cue)
    m = None if subject is None else _mention_at(ctx.mentions, subject.idx, subject.idx + len(subject.text))
    outlet = is_outlet(speaker)
    if outlet or speaker.code is None:
        # a media outlet (or an unresolved source) reports someone else's act: the clause subject acts
        if m is None or not _usable(m) or is_outlet(m.actor):
            return None if outlet else speaker
        return _with_span(m.actor, m)
    reporter = _reporting_mention(ctx, cue, part)
    if reporter is not None and not _same_side(reporter.actor, speaker):
        return _with_span(reporter.actor, reporter)  # "officials insisted that the deal is non-negotiable"
    past = cue.tag_ == "VBD" or (cue.tag_ == "VBN" and any(
        c.dep_ == "aux" and c.lemma_ == "have" for c in cue.children))
    active = subject is not None and subject.dep_ != "nsubjpass"
    if m is not None and past and active and not _same_side(m.actor, speaker) \
            and m.text.lower() not in ctx.lex.addressee_pronouns:
        return _with_span(m.actor, m)  # the speaker reports another side's past act ("which demanded ...")
    return speaker


# ---------------------------------------------------------------------------------------------- events


def _quote_sentences(sentences: list[Span], quote: Quote) -> list[Span]:
    return [s for s in sentences if s.start_char < quote.end and quote.start < s.end_char]


def _subject_is_speaker_side(ctx: _Context, cue: Token, actor: Actor, quote: Quote) -> bool:
    subject = clause_subject(cue)
    if subject is None:
        return False
    if subject.lower_ in ctx.lex.speaker_pronouns:
        return True
    if quote.kind.value == "indirect" and subject.lower_ in ("he", "she", "they", "it"):
        return True
    m = _mention_at(ctx.mentions, subject.idx, subject.idx + len(subject.text))
    return m is not None and _same_side(m.actor, actor)


def _subject_names_other_side(ctx: _Context, cue: Token, actor: Actor) -> bool:
    subject = clause_subject(cue)
    if subject is None:
        return False
    m = _mention_at(ctx.mentions, subject.idx, subject.idx + len(subject.text))
    if m is None or not _usable(m) or not m.actor.code:
        return subject.lower_ in ("you", "they")  # "you must stop", "they must hand over"
    return not _same_side(m.actor, actor)


def _date(ctx: _Context, start: int, end: int, anchor: int) -> DateValue | None:
    try:
        from .times import date_for_span
    except ImportError:  # pragma: no cover - times stage not available
        return ctx.article.published
    return date_for_span(ctx.times, ctx.article, start, end, anchor=anchor) or ctx.article.published


@dataclass(frozen=True, slots=True)
class _Words:
    """The tokens of one quoted part with their lower-cased forms and lemmas (computed once per part)."""

    tokens: list[Token]
    lowers: list[str]
    lemmas: list[str]
    vocabulary: frozenset[str]
    prefixes: dict[str, bool]  # prefix -> whether some word starts with it (filled as asked)

    @classmethod
    def of(cls, tokens: list[Token]) -> _Words:
        lowers = [t.lower_ for t in tokens]
        lemmas = [t.lemma_.lower() for t in tokens]
        return cls(tokens, lowers, lemmas, frozenset(lowers) | frozenset(lemmas), {})

    def may_match(self, pattern: tuple[str, ...]) -> bool:
        """A cheap necessary condition: every whole word of the pattern occurs, every prefix starts a word."""
        words, prefixes = _required(pattern)
        if not self.vocabulary.issuperset(words):
            return False
        for prefix in prefixes:
            known = self.prefixes.get(prefix)
            if known is None:
                known = self.prefixes[prefix] = any(low.startswith(prefix) for low in self.lowers)
            if not known:
                return False
        return True


def _events_in_part(ctx: _Context, quote: Quote, sent: Span, part: tuple[int, int]) -> list[Event]:
    tokens = [t for t in sent if part[0] <= t.idx and t.idx + len(t.text) <= part[1]]
    if not tokens:
        return []
    words = _Words.of(tokens)
    seen_types: set[str] = set()
    out: list[Event] = []
    for rule in ctx.lex.rules:
        if rule.event_type in seen_types:
            continue
        event = _first_event(ctx, quote, sent, part, words, rule)
        if event is not None:
            seen_types.add(rule.event_type)
            out.append(event)
    return out


def _first_event(ctx: _Context, quote: Quote, sent: Span, part: tuple[int, int], words: _Words,
                 rule: Rule) -> Event | None:
    for pattern in rule.patterns:
        if not words.may_match(pattern):
            continue
        for match in _match_indices(pattern, words.lowers, words.lemmas, ctx.lex.max_gap):
            matched = [words.tokens[k] for k in match]
            event = _event_for(ctx, quote, sent, part, rule, pattern, matched)
            if event is not None:
                return event
    return None


def _event_for(ctx: _Context, quote: Quote, sent: Span, part: tuple[int, int], rule: Rule,
               pattern: tuple[str, ...], matched: list[Token]) -> Event | None:
    cue = cue_token(matched)
    if rule.verbs_only and cue.pos_ not in ("VERB", "AUX"):
        return None
    st = status.assess(cue, event_type=rule.event_type, article=ctx.article, times=ctx.times)
    if st.embedded:
        return None
    negated_by_pattern = any(item in _NEGATORS for item in pattern)
    flags = tuple(f for f in st.flags if not (negated_by_pattern and f == status.NEGATION))
    material = rule.event_type in _MATERIAL_TYPES
    if not material and status.NOT_ASSERTED & set(flags):
        return None
    if rule.prospective and not _is_prospective(cue, st):
        return None
    actor = _actor(ctx, quote, cue, rule, part)
    if actor is None:
        return None
    speaker_side = _subject_is_speaker_side(ctx, cue, actor, quote)
    if (rule.first_person or material) and not speaker_side:
        return None
    if rule.subject_other and (speaker_side or not _subject_names_other_side(ctx, cue, actor)):
        return None
    if rule.event_type == "ACCUSE" and quote.speaker is not None and is_outlet(quote.speaker):
        return None  # an outlet reporting who is responsible is not an accusation by a political actor
    recipient, confidence = _recipient(ctx, quote, actor, cue, part, sent, rule.event_type)
    actors: tuple[Actor, ...] = (actor,)
    recipients: tuple[Actor, ...] = (recipient,) if recipient is not None else ()
    if rule.event_type == "CONSULT" and recipient is not None and confidence < 0.8:
        actors, recipients = (actor, recipient), ()  # "we have tried negotiations": a joint act
    event_type, mode = plover.normalise(rule.event_type, rule.mode)
    scale, quad = plover.score(event_type, mode)
    start, end = sentence_bounds(sent)
    trig_start, trig_end = cue.idx, cue.idx + len(cue.text)
    return Event(
        id="",
        article_id=ctx.article.id,
        event_type=event_type,
        mode=mode,
        context=flags,
        actors=actors,
        recipients=recipients,
        start=start,
        end=end,
        event_text=ctx.article.text[start:end],
        event_scale=scale,
        quad_code=quad,
        date=_date(ctx, start, end, trig_start),
        trigger=ctx.article.text[trig_start:trig_end],
        trigger_start=trig_start,
        trigger_end=trig_end,
        condition=st.condition if event_type == "THREATEN" else None,
        quote_id=quote.id,
        confidence=round(confidence + (0.1 if quote.kind.value == "direct" else 0.0), 3),
        provenance=Provenance(ctx.article.id, start, end, EXTRACTOR, VERSION),
    )


def _side_key(actors: Iterable[Actor]) -> tuple[tuple[str | None, str | None], ...]:
    return tuple(sorted((a.code, a.sector) for a in actors if a is not None))


def drop_duplicates(events: Iterable[Event]) -> tuple[Event, ...]:
    """One event per (sentence, type, actor, recipient); the first (or the one naming a recipient) wins."""
    kept: list[Event] = []
    for ev in events:
        twin = next((k for k, other in enumerate(kept)
                     if other.start == ev.start and other.event_type == ev.event_type
                     and _side_key(other.actors) == _side_key(ev.actors)
                     and (_side_key(other.recipients) == _side_key(ev.recipients)
                          or not other.recipients or not ev.recipients)), None)
        if twin is None:
            kept.append(ev)
        elif not kept[twin].recipients and ev.recipients:
            kept[twin] = ev
    return tuple(kept)


def speech_events(
    doc: Doc,
    article: Article,
    *,
    mentions: tuple[Mention, ...],
    quotes: tuple[Quote, ...],
    times: tuple[TimeExpr, ...] = (),
    places: tuple[Place, ...] = (),
) -> tuple[Event, ...]:
    """PLOVER events stated in the quotes of one article (see the module docstring)."""
    ctx = _Context(doc=doc, article=article, mentions=tuple(mentions), times=tuple(times), lex=load_lexicon())
    found: list[Event] = []
    sentences: list[Span] | None = None
    for quote in quotes:
        if quote.speaker is None:
            continue
        if sentences is None:
            sentences = list(doc.sents)
        threat_modes: list[str] = []
        per_quote: list[Event] = []
        for sent in _quote_sentences(sentences, quote):
            part = (max(quote.start, sent.start_char), min(quote.end, sent.end_char))
            for ev in _events_in_part(ctx, quote, sent, part):
                per_quote.append(ev)
                if ev.event_type == "THREATEN" and ev.mode not in (None, "violence"):
                    threat_modes.append(ev.mode)
        if threat_modes:
            # a warning sentence inside a territorial threat takes the threat's mode
            per_quote = [_with_mode(ev, threat_modes[0]) if ev.event_type == "THREATEN" and
                         ev.trigger and ev.trigger.lower().startswith("warn") else ev for ev in per_quote]
        found.extend(per_quote)
    unique = drop_duplicates(found)
    return tuple(_with_id(ev, f"{article.id}-speech-{n:03d}") for n, ev in enumerate(unique))


def _with_mode(ev: Event, mode: str) -> Event:
    from dataclasses import replace

    scale, quad = plover.score(ev.event_type, mode)
    return replace(ev, mode=mode, event_scale=scale, quad_code=quad)


def _with_id(ev: Event, new_id: str) -> Event:
    from dataclasses import replace

    return replace(ev, id=new_id)
