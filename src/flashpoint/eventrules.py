"""Rules that turn a cue match into a coded act: type and mode corrections, background and content tests.

In: a :class:`~flashpoint.cues.CueMatch` with its spaCy token and sentence, and the cue lexicon. Out: plain
decisions used by :mod:`flashpoint.events`: the corrected (type, mode) of a trigger (:func:`retype`,
:func:`announced`, :func:`obligation_or_refusal`), whether the trigger is only the content or background of
another act (:func:`absorbed`), the light verb of a nominal trigger (:func:`light_verb`), the mode read
from the clause (:func:`infer_mode`), sport/market/weather text (:func:`is_non_conflict`), an operation's
targets (:func:`operation_targets`) and topical contexts (:func:`contexts`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import cues

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

MATERIAL_CONFLICT = {"ASSAULT", "COERCE", "MOBILIZE"}
SPEECH_TYPES = {"REQUEST", "ACCUSE", "REJECT", "THREATEN", "AGREE", "SUPPORT", "CONCEDE"}
ABSORBING_DEPS = {"xcomp", "ccomp", "pcomp", "pobj", "dobj", "prep", "obj", "acl", "nsubjpass"}
VIOLENT_INTENT = {
    "retaliate",
    "avenge",
    "attack",
    "strike",
    "destroy",
    "crush",
    "punish",
    "fight",
    "respond",
    "hit",
    "kill",
    "eliminate",
    "wipe",
    "annihilate",
    "target",
    "bomb",
    "revenge",
    "defend",
}
FUTURE_MARKERS = {"will", "shall", "plan", "schedule", "expect", "set", "due", "would"}
LABOUR_WORDS = (
    "worker",
    "workers",
    "union",
    "employee",
    "teacher",
    "doctor",
    "nurse",
    "labour",
    "labor",
    "general strike",
    "walkout",
    "driver",
    "miner",
)
THREAT_MODES: dict[str, dict[str, str | None]] = {
    "ASSAULT": {"": "violence"},
    "MOBILIZE": {"": "violence"},
    "SANCTION": {"": "relations", "expel": "expel"},
    "COERCE": {"": "restrict", "arrest": "arrest", "deport": "expel", "seize": "territory"},
    "PROTEST": {"": None},
}
BACKGROUND_PREPS = {"for", "after", "following", "over", "despite", "amid", "since"}
# "the man behind / responsible for / involved in the attack": an act named to say who someone is
REFERENCE_PREPS = {"behind", "for", "in", "with", "of"}
REFERENCE_GOVERNORS = {"responsible", "responsibility", "involve", "involved", "suspect", "suspected",
                       "blame", "wanted", "want", "link", "linked", "connection", "mastermind", "plot",
                       "implicate", "implicated", "accuse", "accused"}
FORCE_WORDS = {
    "troop",
    "force",
    "soldier",
    "peacekeeper",
    "contingent",
    "marine",
    "unit",
    "battalion",
    "aircraft",
    "warship",
    "jet",
    "tank",
    "army",
    "paratrooper",
    "commando",
    "ship",
    "vessel",
    "team",
}
REVERSAL_VERBS = {
    "lift",
    "end",
    "repeal",
    "remove",
    "ease",
    "relax",
    "scrap",
    "revoke",
    "rescind",
    "abolish",
    "call off",
    "call",
    "drop",
    "cancel",
}
THREAT_NOUNS = {"reaction", "response", "retaliation", "revenge", "consequence", "reprisal", "punishment"}
PLACE_NOUNS = {
    "city",
    "town",
    "territory",
    "corridor",
    "village",
    "area",
    "base",
    "district",
    "province",
    "airport",
    "region",
    "hill",
    "position",
    "border",
    "crossing",
    "island",
    "port",
    "stronghold",
    "capital",
}
INTENT_VERBS = {"plan", "intend", "decide", "prepare", "aim", "announce", "resolve", "set", "vow", "pledge"}
OPERATION_GOALS = {"search", "pursuit", "hunt", "target", "seek", "look", "capture", "pursue"}
VERBAL_TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "REQUEST", "ACCUSE", "REJECT", "THREATEN"}
NON_ACTORS = {
    "critic",
    "analyst",
    "observer",
    "source",
    "expert",
    "commentator",
    "fan",
    "reviewer",
    "viewer",
    "reader",
    "people",
    "report",
    "study",
    "survey",
    "poll",
    "article",
    "editorial",
    "columnist",
    "situation",
    "crisis",
    "tension",
    "move",
    "development",
    "escalation",
    "conflict",
    "war",
    "incident",
    "violence",
    "standoff",
    "dispute",
    "issue",
    "problem",
    "decision",
    "step",
    "policy",
}
STATUS_FLAGS = ("negation", "hypothetical", "future", "historical")


def lemma(token: Token) -> str:
    return cues.lemma(token)


def sentence_words(sent: Span) -> set[str]:
    words = {t.lower_ for t in sent} | {lemma(t) for t in sent}
    text = " " + " ".join(t.lower_ for t in sent) + " "
    return words | {text}


def has_word(words: set[str], word: str) -> bool:
    if " " in word:
        return any(f" {word} " in w for w in words if w.startswith(" "))
    return word in words


def clause_words(token: Token) -> set[str]:
    tokens = list(token.subtree)
    return sentence_words(token.doc[tokens[0].i : tokens[-1].i + 1])


def infer_mode(table: str, words: set[str], lex: cues.Lexicon) -> str | None:
    for mode, cue_words in lex.mode_cues.get(table, {}).items():
        if any(has_word(words, w) for w in cue_words):
            return mode
    return None


def is_non_conflict(words: set[str], lex: cues.Lexicon) -> bool:
    """Sport, markets, weather, show business: material-conflict cues do not count there."""
    return any(has_word(words, w) for w in lex.non_conflict) and not any(
        has_word(words, w) for w in lex.conflict_words
    )


def absorbed(token: Token, match: cues.CueMatch, heads: dict[int, cues.CueMatch]) -> bool:
    """The trigger is the content of another trigger's act ("accused X of attacking", "condemned the attack",
    "retaliation for the strike")."""
    node = token
    for _ in range(6):
        infinitive = node.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children)
        if (node.dep_ not in ABSORBING_DEPS and not infinitive) or node.head.i == node.i:
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


def background_reference(token: Token, nominal: bool) -> bool:
    """The trigger names an earlier act only to explain who someone is or why something happened, which the
    coding manual leaves uncoded: "the insurgent behind the May 11 attack", "involved in a suicide attack",
    "the fighters who conducted the Dec. 2 attack", and the acts told in a relative clause of such a
    reference ("... the attack that killed four soldiers")."""
    if not nominal:
        while token.dep_ == "conj" and token.head.i != token.i:
            token = token.head  # "the attack that killed four and wounded ten"
        head = token.head
        return (
            token.dep_ == "relcl"
            and head.pos_ == "NOUN"
            and head.head.i != head.i
            and _referenced_act(head)
        )
    return _referenced_act(token)


def _referenced_act(noun: Token) -> bool:
    if noun.dep_ == "pobj" and noun.head.lower_ in REFERENCE_PREPS:
        governor = noun.head.head
        if noun.head.lower_ == "behind" or lemma(governor) in REFERENCE_GOVERNORS:
            return True
    dated = any(c.ent_type_ == "DATE" and c.dep_ in {"compound", "nmod", "poss", "npadvmod", "amod"}
                for c in noun.children)
    definite = any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children)
    return dated and definite and noun.dep_ in {"dobj", "pobj"} and noun.head.dep_ != "ROOT"


def _is_light(verb: Token, lex: cues.Lexicon) -> bool:
    """A light verb by its lemma, or by the lemma the tagger cut short ("staged" read as "stag")."""
    base = lemma(verb)
    return base in lex.light_verbs or (
        verb.pos_ in {"VERB", "AUX"}
        and verb.lower_.endswith(("ed", "es", "ing"))
        and base + "e" in lex.light_verbs
    )


def light_verb(token: Token, lex: cues.Lexicon) -> Token | None:
    node = token
    if node.dep_ == "conj":
        node = node.head
    if node.dep_ == "compound" and node.head.pos_ == "NOUN":
        node = node.head  # "launched a mediation effort": the noun the act word modifies
    if node.dep_ in {"dobj", "obj", "attr", "nsubjpass"} and _is_light(node.head, lex):
        return node.head
    if node.dep_ == "pobj" and node.head.dep_ == "prep" and _is_light(node.head.head, lex):
        return node.head.head
    return None


def retype(
    match: cues.CueMatch, token: Token, etype: str, mode: str | None, lex: cues.Lexicon
) -> tuple[str, str | None] | None:
    """Type/mode corrections that need the clause; None drops the trigger."""
    cue = match.cue
    if (
        etype == "PROTEST"
        and lemma(token) == "protest"
        and not match.nominal
        and (
            any(c.dep_ in {"ccomp", "parataxis"} for c in token.children)
            or (token.dep_ in {"parataxis", "ROOT"} and any(c.dep_ == "ccomp" for c in token.children))
        )
    ):
        return "ACCUSE", "disapprove"  # "the group protested (that) ..." is criticism, not a demonstration
    if etype == "AGREE" and not match.nominal:
        goals = [
            c
            for c in token.children
            if c.dep_ == "xcomp"
            or (c.dep_ == "advcl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children))
        ]
        promised = [c for c in token.children if c.dep_ in {"dobj", "obj"}]
        if any(lemma(o) in THREAT_NOUNS for o in promised):
            return "THREATEN", "violence"  # "promising a strong reaction"
        if any(lemma(g) in VIOLENT_INTENT for g in goals) or any(
            has_word(clause_words(g), w)
            for g in goals
            for w in ("full force", "crush", "retaliate", "revenge")
        ):
            return "THREATEN", "violence"
    if etype == "CONSULT" and cue.mode == "phone" and lemma(token) == "call":
        if any(c.dep_ in {"oprd", "xcomp"} for c in token.children) and token.dep_ not in {"acl", "amod"}:
            return "ACCUSE", "disapprove"  # "called the envoy a liar": name-calling
        if token.dep_ in {"acl", "amod"} or any(c.dep_ in {"ccomp", "attr"} for c in token.children):
            return None  # "a programme called X" is not a phone call
    if etype == "CONSULT" and cue.mode == "visit":
        subjects = [c for c in token.children if c.dep_ == "nsubj"]
        subject_words = {lemma(t) for subject in subjects for t in subject.subtree}
        if subject_words & FORCE_WORDS:  # troops arriving are not a visit
            words = sentence_words(token.sent)
            if any(
                has_word(words, w) for w in ("peacekeeping", "peacekeeper", "aid", "relief", "rescue", "help")
            ):
                return "AID", None
            return "MOBILIZE", "troops"
    if etype == "CONSULT" and not match.nominal:
        aux = {lemma(c) for c in token.children if c.dep_ in {"aux", "auxpass"}}
        head = lemma(token.head) if token.dep_ == "xcomp" else ""
        if aux & FUTURE_MARKERS or head in FUTURE_MARKERS | {"agree", "want", "hope", "offer"}:
            return "AGREE", None
    if etype == "COERCE" and mode == "arrest" and not match.nominal:
        objects = [c for c in token.children if c.dep_ in {"dobj", "obj", "nsubjpass"}]
        if objects and all(o.ent_type_ in {"GPE", "LOC", "FAC"} or lemma(o) in PLACE_NOUNS for o in objects):
            return "COERCE", "seize"  # "captured the corridor": territory, not people
    if (
        match.nominal
        and token.dep_ == "pobj"
        and token.head.lower_ == "for"
        and token.head.head.pos_ == "ADJ"
    ):
        return None  # "a group responsible for attacks on ...": background
    if cue.mode_from and mode is None:
        words = clause_words(token) if cue.mode_from != "assault" else sentence_words(token.sent)
        mode = infer_mode(cue.mode_from, words, lex)
        if cue.needs_threat and mode is None:
            addressed = any(c.dep_ in {"dobj", "dative"} for c in token.children)
            if not addressed:
                return None
            mode = None
    return etype, mode


def operation_targets(sent: Span) -> list[Token]:
    """Whom an operation was after: "in search of X", "in pursuit of X", "targeting X", "searching for X"."""
    found: list[Token] = []
    for token in sent:
        if lemma(token) not in OPERATION_GOALS:
            continue
        if token.dep_ == "nsubj" and lemma(token.head) == "be":  # "the target of the search was X"
            found += [c for c in token.head.children if c.dep_ == "attr"]
        for child in token.children:
            if child.dep_ in {"dobj", "obj"}:
                found.append(child)
            elif child.dep_ == "prep" and child.lower_ in {"of", "for"}:
                found += [c for c in child.children if c.dep_ == "pobj"]
    return found


def announced(
    etype: str, mode: str | None, flags: list[str], token: Token
) -> tuple[str, str | None, list[str]]:
    """An announced future act ("will close the border", "plans to cut aid"): conflictual ones are
    threats, cooperative ones agreements (PLOVER)."""
    if {"negation", "hypothetical"} & set(flags) or not announced_future(token):
        return etype, mode, flags
    rest = [f for f in flags if f != "future"]
    if etype in THREAT_MODES:
        return "THREATEN", THREAT_MODES[etype].get(mode or "", THREAT_MODES[etype][""]), rest
    if etype in {"AID", "COOPERATE", "SUPPORT"}:
        return "AGREE", None, rest
    return etype, mode, flags


def obligation_or_refusal(
    etype: str, mode: str | None, flags: list[str], token: Token, lex: cues.Lexicon
) -> tuple[str, str | None, list[str]]:
    """ "X said Y must cooperate" is a REQUEST; "would not meet the demands", "failed to reach agreement",
    "does not accept" are refusals (REJECT), not negated agreements."""
    aux = {c.lower_ for c in token.children if c.dep_ == "aux"}
    if (
        aux & {"must", "should"}
        and token.dep_ in {"ccomp", "acl", "relcl"}
        and etype not in {"REQUEST", "THREATEN"}
    ):
        words = clause_words(token)
        rest = [f for f in flags if f not in {"hypothetical", "future"}]
        return "REQUEST", infer_mode("request", words, lex), rest
    if etype in {"AGREE", "CONCEDE", "SUPPORT", "RETREAT"}:
        negated = "negation" in flags or any(c.dep_ == "neg" for c in token.children)
        failed = token.dep_ == "xcomp" and lemma(token.head) in {"fail", "refuse", "decline"}
        if negated or failed:
            rest = [f for f in flags if f not in {"negation", "future"}]
            return "REJECT", infer_mode("request", clause_words(token), lex), rest
    return etype, mode, flags


def announced_future(token: Token) -> bool:
    if token.pos_ != "VERB":
        return False
    if any(c.dep_ == "aux" and c.lower_ in {"will", "shall", "'ll", "would"} for c in token.children):
        return True
    head = token.head
    return token.dep_ == "xcomp" and lemma(head) in INTENT_VERBS


def contexts(sent: Span, lex: cues.Lexicon) -> list[str]:
    words = sentence_words(sent)
    return [name for name, cue_words in lex.contexts.items() if any(has_word(words, w) for w in cue_words)]
