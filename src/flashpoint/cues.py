"""The event cue lexicon: loading, validating and matching it against parsed sentences.

In: ``data/lexicons/events.yaml`` (expert-edited; schema ``data/schemas/events_lexicon.schema.json``) and
spaCy sentence spans. Out: :class:`Lexicon` (cue entries, mode/context word tables, guards) and
:func:`match_sentence`, which yields :class:`CueMatch` records (cue, head token index, the phrase's
token span) for every verb, phrasal-verb or noun trigger in a sentence. Argument checks that need the
parse (objects, persons, light verbs) are done here; who did what to whom is :mod:`flashpoint.events`.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from . import plover

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

LEXICON_FILE = Path(__file__).parent / "data" / "lexicons" / "events.yaml"
CUE_KEYS = {
    "id",
    "type",
    "mode",
    "verbs",
    "nouns",
    "objects",
    "not_objects",
    "weight",
    "mode_from",
    "need_light",
    "objects_person",
    "needs_threat",
}
TOP_KEYS = {"version", "cues", "mode_cues", "light_verbs", "contexts", "non_conflict", "conflict_words"}
OBJECT_DEPS = {"dobj", "obj", "nsubjpass", "attr", "oprd", "dative"}
PREP_DEPS = {"prep", "agent"}
MONTH_NAMES = frozenset({"March", "May", "MARCH", "MAY"})  # the months that are also event words
WEAPON_FIRE = frozenset({"sniper", "gun", "machine-gun", "mortar", "artillery", "rocket", "tank", "enemy",
                         "hostile", "automatic", "small-arms", "rifle", "cannon", "helicopter", "naval"})
NON_PERSON_OBJECTS = {
    "statement",
    "report",
    "video",
    "data",
    "figure",
    "album",
    "film",
    "document",
    "list",
    "audio",
    "footage",
    "image",
    "photo",
    "recording",
    "result",
    "detail",
    "version",
    "product",
    "book",
    "song",
    "study",
    "survey",
    "record",
    "plan",
    "budget",
    "information",
    "fund",
    "money",
    "water",
    "gas",
    "balloon",
    "dove",
    "pressure",
    "tension",
    "energy",
    "emission",
    "heat",
    "steam",
    "smoke",
    "ball",
    "penalty",
    "call",
    "favor",
    "favour",
    "visit",
    "home",
    "power",
    "market",
    "price",
    "rate",
    "stock",
    "share",
    "argument",
    "case",
    "issue",
    "point",
}
VERBAL = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "REQUEST", "ACCUSE", "REJECT", "THREATEN"}
GAP_POS = {"DET", "ADJ", "ADV", "NUM", "PRON", "PART", "ADP", "NOUN", "PROPN", "CCONJ"}


@dataclass(frozen=True, slots=True)
class Cue:
    """One lexicon entry: a PLOVER type (and mode) and the words that express it."""

    id: str
    event_type: str
    mode: str | None
    weight: float
    verbs: tuple[tuple[str, ...], ...]
    nouns: tuple[tuple[str, ...], ...]
    objects: frozenset[str]
    not_objects: frozenset[str]
    mode_from: str | None
    need_light: bool
    objects_person: bool
    needs_threat: bool


@dataclass(frozen=True, slots=True)
class Lexicon:
    cues: tuple[Cue, ...]
    mode_cues: dict[str, dict[str, tuple[str, ...]]]
    light_verbs: frozenset[str]
    contexts: dict[str, tuple[str, ...]]
    non_conflict: frozenset[str]
    conflict_words: frozenset[str]
    verb_index: dict[str, tuple[tuple[tuple[str, ...], Cue], ...]]  # first lemma -> (phrase, cue)
    noun_index: dict[str, tuple[tuple[tuple[str, ...], Cue], ...]]  # last lemma -> (phrase, cue)
    problems: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CueMatch:
    """A trigger found in a sentence: the cue, its head token (doc index) and the phrase's token range."""

    cue: Cue
    head: int
    first: int
    last: int  # inclusive
    nominal: bool


def _words(value: Any) -> list[str]:
    return [str(v).strip().lower() for v in (value or []) if str(v).strip()]


def validate(table: Any) -> list[str]:
    """Problems in a parsed events lexicon (empty when well formed)."""
    if not isinstance(table, dict) or not isinstance(table.get("cues"), list):
        return ["top level must be a mapping with a 'cues' list"]
    problems = [f"unknown top-level key {k!r}" for k in table if k not in TOP_KEYS]
    types = set(plover.event_types())
    seen: set[str] = set()
    for n, cue in enumerate(table["cues"]):
        where = f"cues[{n}]"
        if not isinstance(cue, dict):
            problems.append(f"{where}: must be a mapping")
            continue
        where = f"cues[{n}] ({cue.get('id')})"
        problems += [f"{where}: unknown key {k!r}" for k in cue if k not in CUE_KEYS]
        if not cue.get("id") or cue.get("id") in seen:
            problems.append(f"{where}: needs a unique id")
        seen.add(str(cue.get("id")))
        if cue.get("type") not in types:
            problems.append(f"{where}: unknown PLOVER type {cue.get('type')!r}")
        elif cue.get("mode") is not None and cue["mode"] not in plover.modes(cue["type"]):
            problems.append(f"{where}: mode {cue['mode']!r} is not a mode of {cue['type']}")
        if not cue.get("verbs") and not cue.get("nouns"):
            problems.append(f"{where}: needs verbs or nouns")
        for key in ("verbs", "nouns", "objects", "not_objects"):
            if key in cue and not isinstance(cue[key], list):
                problems.append(f"{where}: {key} must be a list")
            elif any(not isinstance(w, str) for w in cue.get(key) or []):
                problems.append(f"{where}: {key} must hold strings (quote YAML words such as on/off/no)")
        weight = cue.get("weight", 0.5)
        if not isinstance(weight, int | float) or not 0 <= weight <= 1:
            problems.append(f"{where}: weight must be a number in 0..1")
        if cue.get("mode_from") is not None and cue["mode_from"] not in (table.get("mode_cues") or {}):
            problems.append(f"{where}: mode_from names no mode_cues table")
    for name, modes in (table.get("mode_cues") or {}).items():
        if not isinstance(modes, dict):
            problems.append(f"mode_cues.{name}: must be a mapping")
    for key in ("light_verbs", "non_conflict", "conflict_words"):
        if key in table and not isinstance(table[key], list):
            problems.append(f"{key}: must be a list")
    return problems


def build(table: Any) -> Lexicon:
    """A :class:`Lexicon` from a parsed table; malformed entries are skipped (see :func:`validate`)."""
    problems = tuple(validate(table))
    cues: list[Cue] = []
    types = set(plover.event_types())
    for entry in (table or {}).get("cues") or []:
        if not isinstance(entry, dict) or entry.get("type") not in types:
            continue
        cues.append(
            Cue(
                id=str(entry.get("id")),
                event_type=str(entry["type"]),
                mode=entry.get("mode"),
                weight=float(entry.get("weight", 0.5)),
                verbs=tuple(tuple(w.split()) for w in _words(entry.get("verbs"))),
                nouns=tuple(tuple(w.split()) for w in _words(entry.get("nouns"))),
                objects=frozenset(_words(entry.get("objects"))),
                not_objects=frozenset(_words(entry.get("not_objects"))),
                mode_from=entry.get("mode_from"),
                need_light=bool(entry.get("need_light")),
                objects_person=bool(entry.get("objects_person")),
                needs_threat=bool(entry.get("needs_threat")),
            )
        )
    verb_index: dict[str, list[tuple[tuple[str, ...], Cue]]] = {}
    noun_index: dict[str, list[tuple[tuple[str, ...], Cue]]] = {}
    for cue in cues:
        for phrase in cue.verbs:
            verb_index.setdefault(phrase[0], []).append((phrase, cue))
        for phrase in cue.nouns:
            noun_index.setdefault(phrase[-1], []).append((phrase, cue))
    mode_cues = {
        str(name): {str(mode): tuple(_words(words)) for mode, words in (modes or {}).items()}
        for name, modes in ((table or {}).get("mode_cues") or {}).items()
        if isinstance(modes, dict)
    }
    # longest phrases first, so "open fire" wins over "open"
    return Lexicon(
        cues=tuple(cues),
        mode_cues=mode_cues,
        light_verbs=frozenset(_words((table or {}).get("light_verbs"))),
        contexts={str(k): tuple(_words(v)) for k, v in ((table or {}).get("contexts") or {}).items()},
        non_conflict=frozenset(_words((table or {}).get("non_conflict"))),
        conflict_words=frozenset(_words((table or {}).get("conflict_words"))),
        verb_index={k: tuple(sorted(v, key=lambda pc: -len(pc[0]))) for k, v in verb_index.items()},
        noun_index={k: tuple(sorted(v, key=lambda pc: -len(pc[0]))) for k, v in noun_index.items()},
        problems=problems,
    )


@functools.lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The event cue lexicon, loaded once."""
    with LEXICON_FILE.open(encoding="utf-8") as handle:
        return build(yaml.safe_load(handle))


def lemma(token: Token) -> str:
    return token.lemma_.lower() if token.lemma_ else token.lower_


def _word_forms(token: Token) -> tuple[str, str]:
    return lemma(token), token.lower_


def _match_forward(doc: Any, start: int, end: int, phrase: tuple[str, ...]) -> int | None:
    """Index of the last token when ``phrase`` matches lemmas from ``start`` (short gaps allowed)."""
    i = start
    for n, word in enumerate(phrase):
        if n == 0:
            continue
        gaps = 0
        i += 1
        while i < end and word not in _word_forms(doc[i]):
            if doc[i].text == "-":
                i += 1
                continue
            gap_ok = doc[i].pos_ in GAP_POS or doc[i].dep_ in {"amod", "compound", "det", "nummod", "poss"}
            if gaps >= 4 or not gap_ok or doc[i].is_punct:
                return None
            gaps += 1
            i += 1
        if i >= end:
            return None
    return i


def _match_backward(doc: Any, start: int, head: int, phrase: tuple[str, ...]) -> int | None:
    """Index of the first token when the multi-word noun ``phrase`` ends at ``head`` (no gaps)."""
    i = head
    for word in reversed(phrase[:-1]):
        i -= 1
        if i < start:
            return None
        if doc[i].is_punct and doc[i].text == "-":
            i -= 1
        if i < start or word not in _word_forms(doc[i]):
            return None
    return i


def argument_lemmas(token: Token) -> set[str]:
    """Lemmas of a trigger's objects, prepositions and their objects, compounds and modifiers."""
    found: set[str] = set()
    for child in token.children:
        if child.dep_ in OBJECT_DEPS or child.dep_ in {"compound", "amod", "nmod", "xcomp", "ccomp"}:
            found.add(lemma(child))
            found.update(lemma(c) for c in child.children if c.dep_ in {"compound", "amod", "prep"})
            for prep in child.children:
                if prep.dep_ == "prep":
                    found.update(lemma(c) for c in prep.children if c.dep_ == "pobj")
        if child.dep_ in PREP_DEPS or child.dep_ == "prt":
            found.add(lemma(child))
            found.update(lemma(c) for c in child.children if c.dep_ == "pobj" and not _weapons_fire(c))
    if token.dep_ == "amod" or token.dep_ == "acl":
        found.add(lemma(token.head))
    return found


def _is_month_name(token: Token) -> bool:
    """"March 24", "Update March 12, 2011", "in May": the month, not a protest march."""
    if token.text not in MONTH_NAMES:
        return False
    doc = token.doc
    near_number = any(
        0 <= j < len(doc) and doc[j].like_num for j in (token.i - 1, token.i + 1)
    )
    return near_number or token.ent_type_ == "DATE"


def _weapons_fire(noun: Token) -> bool:
    """"killed by sniper fire", "wounded in mortar fire": the fire of weapons, not a blaze fought."""
    return lemma(noun) == "fire" and any(
        c.dep_ in {"compound", "amod", "nmod"} and c.lower_ in WEAPON_FIRE for c in noun.children
    )


def _direct_objects(token: Token) -> list[Token]:
    objects = [c for c in token.children if c.dep_ in {"dobj", "obj", "nsubjpass", "dative"}]
    if token.dep_ == "acl" and token.tag_ == "VBN":  # "prisoners released by X"
        objects.append(token.head)
    return objects


def _accepts(cue: Cue, token: Token, phrase_words: set[str]) -> bool:
    args = argument_lemmas(token)
    if cue.not_objects and (args | phrase_words) & cue.not_objects:
        return False
    if cue.objects and not ((args | phrase_words) & cue.objects):
        return False
    if cue.objects_person:
        objects = _direct_objects(token)
        if not objects or all(lemma(o) in NON_PERSON_OBJECTS for o in objects):
            return False
    return True


def has_light_support(token: Token, lex: Lexicon, verbal: bool = False) -> bool:
    """A nominal trigger counts when it is the object of a light verb ("carried out airstrikes", "issued a
    warning"), the subject of one ("an airstrike killed five"; not for speech nouns: "the warning comes
    after ..." is commentary), or a headline root. Talks that are the subject of any verb ("the talks
    collapsed") are handled by the caller: they were held."""
    head = token.head
    if token.dep_ == "ROOT":
        return not verbal
    if token.dep_ in {"nsubj", "nsubjpass"}:
        return not verbal and lemma(head) in lex.light_verbs
    if (
        token.dep_ in {"dobj", "obj", "attr"}
        and lemma(head) in lex.light_verbs
        and head.pos_ in {"VERB", "AUX"}
    ):
        return True
    if token.dep_ == "conj":
        return has_light_support(head, lex, verbal)
    return (
        token.dep_ == "pobj"
        and head.dep_ == "prep"
        and lemma(head.head) in lex.light_verbs
        and head.head.pos_ == "VERB"
        and head.lower_ in {"in", "of", "under", "into"}
    )


def match_sentence(sent: Span, lex: Lexicon | None = None) -> Iterator[CueMatch]:
    """Every cue trigger in ``sent`` (a spaCy sentence span), in text order; one match per head token."""
    lex = lex or lexicon()
    doc = sent.doc
    taken: set[int] = set()
    for token in sent:
        if token.i in taken or token.is_punct or _is_month_name(token):
            continue
        lem, low = _word_forms(token)
        best: CueMatch | None = None
        verbal = token.pos_ in {"VERB", "AUX"} or (token.pos_ == "ADJ" and token.tag_ == "VBN")
        if verbal and token.dep_ != "amod":  # not "the defending champion", "a banned organisation"
            for key in {lem, low}:
                for phrase, cue in lex.verb_index.get(key, ()):
                    last = token.i if len(phrase) == 1 else _match_forward(doc, token.i, sent.end, phrase)
                    if last is None:
                        continue
                    words = set(phrase[1:])
                    if not _accepts(cue, token, words):
                        continue
                    best = CueMatch(cue, token.i, token.i, last, nominal=False)
                    break
                if best:
                    break
        if best is None and token.pos_ in {"NOUN", "PROPN", "ADJ", "VERB"}:
            for key in {lem, low}:
                for phrase, cue in lex.noun_index.get(key, ()):
                    first = token.i if len(phrase) == 1 else _match_backward(doc, sent.start, token.i, phrase)
                    if first is None:
                        continue
                    if token.pos_ in {"ADJ", "VERB"} and len(phrase) == 1:
                        continue
                    speech_noun = cue.event_type in VERBAL - {"CONSULT"}
                    talks_subject = cue.event_type == "CONSULT" and token.dep_ in {"nsubj", "nsubjpass"}
                    if (
                        cue.need_light
                        and not talks_subject
                        and not has_light_support(token, lex, speech_noun)
                    ):
                        continue
                    if (cue.objects or cue.not_objects) and not _accepts(cue, token, set(phrase[:-1])):
                        continue
                    best = CueMatch(cue, token.i, first, token.i, nominal=True)
                    break
                if best:
                    break
        if best is not None:
            taken.update(range(best.first, best.last + 1))
            yield best
