"""Event status: is a coded act asserted, negated, hypothetical, announced for the future or historical?

In: the trigger token of an event (a spaCy ``Token`` of the Doc built on ``Article.nlp_text``), its PLOVER
type, the :class:`~flashpoint.models.Article` and the article's resolved times. Out: an
:class:`EventStatus` — the PLOVER auxiliary modes that apply (``negation``, ``hypothetical``, ``future``,
``historical``), the condition of a conditional act ("if another attack takes place"), and whether the
trigger is only part of another act (inside a condition, a generic "any attack", the content of a warning)
so that it must not be coded as an event of its own.

Everything is read off the dependency parse: the *scope chain* is the trigger plus the words that govern it
inside its clause (``xcomp``, objects, prepositions, ``acl``, light verbs), and the cues are looked up on
that chain. The cue words live in ``data/lexicons/status.yaml`` (schema ``data/schemas/status.schema.json``).
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from .errors import ConfigError
from .models import Article, TimeExpr
from .nlp import doc_text, per_doc
from .validation import validate

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

LEXICON_PATH = Path(__file__).parent / "data" / "lexicons" / "status.yaml"
SCHEMA_PATH = Path(__file__).parent / "data" / "schemas" / "status.schema.json"

NEGATION, HYPOTHETICAL, FUTURE, HISTORICAL = "negation", "hypothetical", "future", "historical"
FLAG_ORDER = (NEGATION, HYPOTHETICAL, FUTURE, HISTORICAL)
NOT_ASSERTED = frozenset({NEGATION, HYPOTHETICAL})

# How the scope chain climbs from a word to the word that governs it.
_CLIMB_DEPS = {"xcomp", "dobj", "pobj", "prep", "acomp", "attr", "oprd", "pcomp", "acl", "compound",
               "amod", "dative", "agent", "appos", "nmod", "prt"}
_CLAUSE_DEPS = {"ROOT", "ccomp", "advcl", "relcl", "parataxis", "csubj", "csubjpass"}
# Prepositions whose object is a presupposed background act, outside the scope of the main verb's negation.
_STOP_PREPS = {"despite", "after", "before", "following", "amid", "amidst", "since", "during", "because",
               "due", "over", "throughout", "like", "unlike", "besides"}
# Verbs that only carry an event noun ("conduct strikes", "strikes took place").
_LIGHT_VERBS = {"conduct", "carry", "launch", "take", "happen", "occur", "stage", "mount", "be", "have",
                "make", "hold", "go", "continue", "begin", "start", "resume", "break", "erupt", "proceed",
                "materialise", "materialize", "engage", "perform", "undertake", "execute", "wage"}
# Verbs whose clausal complement is a small clause in their scope ("not allow any country to provide").
_CONTROL_VERBS = {"allow", "let", "permit", "want", "need", "expect", "force", "make", "help", "enable"}
_MAX_CHAIN = 10
_YEAR = re.compile(r"(?<![\d/-])(1[5-9]\d\d|20\d\d)(?![\d/])")


@dataclass(frozen=True, slots=True)
class EventStatus:
    """What the text says about whether an act happened.

    ``flags``: the PLOVER auxiliary modes that apply, in the order negation, hypothetical, future,
    historical. ``condition``: the condition of a conditional act, as written (offsets into
    ``Article.text``). ``embedded``: the trigger is part of another act (inside a condition clause, a
    generic "any attack", the content of a warning or demand) and is not an event of its own.
    ``retype``: the PLOVER type an announced act takes instead (an announced meeting is AGREE).
    ``cues``: the evidence, as ``"flag:word"`` strings.
    """

    flags: tuple[str, ...] = ()
    condition: str | None = None
    condition_start: int | None = None
    condition_end: int | None = None
    embedded: bool = False
    retype: str | None = None
    cues: tuple[str, ...] = ()

    @property
    def asserted(self) -> bool:
        """True unless the act is negated or only a possibility."""
        return not (NOT_ASSERTED & set(self.flags))


@dataclass(frozen=True, slots=True)
class StatusLexicon:
    negators: frozenset[str]
    negative_governors: frozenset[str]
    negation_exempt: frozenset[str]
    negation_exempt_by_type: dict[str, frozenset[str]]
    modals: frozenset[str]
    counterfactual_modals: frozenset[str]
    hypothetical_modifiers: frozenset[str]
    hypothetical_governors: frozenset[str]
    question_marks: frozenset[str]
    open_phrases: tuple[str, ...]
    condition_marks: tuple[str, ...]
    inversion_auxiliaries: frozenset[str]
    generic_determiners: frozenset[str]
    generic_modifiers: frozenset[str]
    embedding_governors: frozenset[str]
    quoted_intent: bool
    future_auxiliaries: frozenset[str]
    future_governors: frozenset[str]
    future_phrases: tuple[str, ...]
    verbal_types: frozenset[str]
    retype: dict[str, str]
    historical_min_years: int
    historical_cues: tuple[str, ...]


def validate_lexicon(data: Any) -> list[str]:
    """Problems in a parsed ``status.yaml`` (empty when valid against the JSON Schema)."""
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return validate(data, schema)


def _words(items: Any) -> frozenset[str]:
    return frozenset(str(w).lower() for w in items)


@functools.lru_cache(maxsize=4)
def load_lexicon(path: Path = LEXICON_PATH) -> StatusLexicon:
    """Load and validate the status cue lexicon (raises :class:`ConfigError` naming the broken entries)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"cannot read the status lexicon {path.name}: {exc}") from exc
    problems = validate_lexicon(data)
    if problems:
        raise ConfigError(f"{path.name} is invalid (fix these entries): " + "; ".join(problems[:10]))
    neg, hyp, cond = data["negation"], data["hypothetical"], data["condition"]
    fut, hist = data["future"], data["historical"]
    return StatusLexicon(
        negators=_words(neg["words"]),
        negative_governors=_words(neg["governors"]),
        negation_exempt=_words(neg["exempt"]),
        negation_exempt_by_type={str(k).upper(): _words(v) for k, v in neg["exempt_by_type"].items()},
        modals=_words(hyp["modals"]),
        counterfactual_modals=_words(hyp["counterfactual_modals"]),
        hypothetical_modifiers=_words(hyp["modifiers"]),
        hypothetical_governors=_words(hyp["governors"]),
        question_marks=_words(hyp["question_marks"]),
        open_phrases=tuple(str(p).lower() for p in hyp["phrases"]),
        condition_marks=tuple(sorted((str(m).lower() for m in cond["marks"]), key=len, reverse=True)),
        inversion_auxiliaries=_words(cond["inversion_auxiliaries"]),
        generic_determiners=_words(cond["generic_determiners"]),
        generic_modifiers=_words(cond["generic_modifiers"]),
        embedding_governors=_words(data["embedding"]["governors"]),
        quoted_intent=bool(data["embedding"].get("quoted_intent", False)),
        future_auxiliaries=_words(fut["auxiliaries"]),
        future_governors=_words(fut["governors"]),
        future_phrases=tuple(str(p).lower() for p in fut["phrases"]),
        verbal_types=frozenset(str(t).upper() for t in fut["exempt_types"]),
        retype={str(k).upper(): str(v).upper() for k, v in fut["retype"].items()},
        historical_min_years=int(hist["min_years_before"]),
        historical_cues=tuple(str(c).lower() for c in hist["cues"]),
    )


# ---------------------------------------------------------------------------------------------- parse helpers


def lemma_keys(token: Token) -> set[str]:
    """The lexicon keys a token answers to: lemma, lower-cased text, and ``lemma_particle`` ("rule_out")."""
    keys = {token.lemma_.lower(), token.lower_}
    for child in token.children:
        if child.dep_ == "prt":
            keys.add(f"{token.lemma_.lower()}_{child.lower_}")
    return keys


def scope_chain(trigger: Token) -> list[Token]:
    """The trigger and the words governing it within its clause, bottom-up."""
    chain = [trigger]
    node = trigger
    while len(chain) < _MAX_CHAIN and node.head.i != node.i:
        head = node.head
        dep = node.dep_
        if dep in _CLAUSE_DEPS:
            small_clause = dep == "ccomp" and head.lemma_.lower() in _CONTROL_VERBS and not any(
                c.dep_ == "mark" for c in node.children)
            if not small_clause:
                break
        elif dep == "pobj" and head.lower_ in _STOP_PREPS:
            break
        if dep in ("nsubj", "nsubjpass"):
            if head.lemma_.lower() not in _LIGHT_VERBS:
                break
        elif dep == "conj":
            if node.pos_ not in ("NOUN", "PROPN"):
                break
        elif dep not in _CLIMB_DEPS and dep != "ccomp":
            break
        chain.append(head)
        node = head
    return chain


def clause_head(trigger: Token) -> Token:
    """The verb heading the clause the trigger sits in (the trigger itself for a root verb)."""
    node = trigger
    for _ in range(40):
        if node.dep_ in _CLAUSE_DEPS or node.head.i == node.i:
            return node
        node = node.head
    return node


def _subtree_chars(token: Token) -> tuple[int, int]:
    """Character range of the token's subtree, from its edge tokens (no walk over the subtree)."""
    left, right = token.left_edge, token.right_edge
    return left.idx, right.idx + len(right.text)


def _is_condition_clause(clause: Token, lex: StatusLexicon) -> bool:
    """An ``advcl`` opened by "if"/"unless"/... or by an inverted auxiliary ("should Pakistan strike")."""
    if clause.dep_ != "advcl":
        return False
    subtree = list(clause.subtree)
    lead = " ".join(t.lower_ for t in subtree[:4])
    if any(lead == m or lead.startswith(m + " ") for m in lex.condition_marks):
        first = subtree[0]
        # "once"/"should" open a condition only as the clause's own first word (not "should" inside it).
        return not (first.lower_ in lex.inversion_auxiliaries and first.head.i != clause.i)
    for child in clause.children:
        if child.dep_ == "mark" and child.lower_ in lex.condition_marks:
            return True
    first = subtree[0]
    subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass", "expl")]
    return (
        first.lower_ in lex.inversion_auxiliaries
        and first.head.i == clause.i
        and bool(subjects)
        and first.i < subjects[0].i
    )


def surface_inversion(trigger: Token, lex: StatusLexicon) -> tuple[int, int] | None:
    """Token range [i, j) of a condition clause the parser missed: "retaliate should the militia fire",
    "If one more shell lands on our villages, ..." (read up to the next comma)."""
    sent = trigger.sent
    known: dict[int, tuple[StatusLexicon, tuple[int, int] | None]] = per_doc(trigger.doc).setdefault(
        "status.surface_inversion", {})
    remembered = known.get(sent.start)  # it depends on the sentence only: asked for every trigger in it
    if remembered is not None and remembered[0] is lex:
        return remembered[1]
    found = _surface_inversion(sent, lex)
    known[sent.start] = (lex, found)
    return found


def _surface_inversion(sent: Span, lex: StatusLexicon) -> tuple[int, int] | None:
    for tok in sent:
        if tok.i + 1 >= sent.end:
            continue
        prev = tok.doc[tok.i - 1] if tok.i > sent.start else None
        nxt = tok.doc[tok.i + 1]
        if tok.lower_ in ("if", "unless"):
            if prev is not None and (prev.pos_ == "VERB" or prev.lower_ in ("as", "even", "what")):
                continue  # "asked if", "as if"
        elif tok.lower_ in lex.inversion_auxiliaries:
            if prev is not None and (prev.pos_ in ("NOUN", "PROPN", "PRON") or prev.tag_ in ("WRB", "WP")):
                continue  # "we should", "why should we"
            if prev is None and tok.lower_ != "should":
                continue
            if nxt.tag_ not in ("DT", "NNP", "NNPS", "NN", "NNS", "PRP", "PRP$", "JJ"):
                continue
        else:
            continue
        end = tok.i + 1
        while end < sent.end and not (sent.doc[end].is_punct and sent.doc[end].text in ",.;:!?"):
            end += 1
        return tok.i, end
    return None


def condition_of(trigger: Token, lex: StatusLexicon | None = None) -> Span | None:
    """The condition clause attached to the trigger's clause (or to a clause above it), if any."""
    lex = lex or load_lexicon()
    doc = trigger.doc
    node: Token | None = trigger
    seen = 0
    while node is not None and seen < 40:
        for child in node.children:
            holds_trigger = child.left_edge.i <= trigger.i <= child.right_edge.i
            if _is_condition_clause(child, lex) and not holds_trigger:
                toks = [t for t in child.subtree if not t.is_punct and t.lower_ != "then"]
                if toks:
                    return doc[toks[0].i : toks[-1].i + 1]
        if node.head.i == node.i:
            break
        node = node.head
        seen += 1
    inverted = surface_inversion(trigger, lex)
    if inverted is not None and not inverted[0] <= trigger.i < inverted[1]:
        return doc[inverted[0] : inverted[1]]
    return None


def generic_subject(trigger: Token, lex: StatusLexicon) -> Span | None:
    """A quantified subject acting as the condition: "*any attack* would elicit a decisive response"."""
    clause = clause_head(trigger)
    for child in clause.children:
        if child.dep_ in ("nsubj", "nsubjpass") and any(
            d.dep_ == "det" and d.lower_ in lex.generic_determiners for d in child.children
        ):
            if child.left_edge.i <= trigger.i <= child.right_edge.i:
                return None
            return trigger.doc[child.left_edge.i : child.right_edge.i + 1]
    return None


def _inside_condition(trigger: Token, lex: StatusLexicon) -> bool:
    inverted = surface_inversion(trigger, lex)
    if inverted is not None and inverted[0] <= trigger.i < inverted[1]:
        return True
    node = trigger
    for _ in range(40):
        if _is_condition_clause(node, lex):
            return True
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def _is_generic(trigger: Token, lex: StatusLexicon) -> bool:
    if trigger.pos_ not in ("NOUN", "PROPN"):
        return False
    if trigger.dep_ == "conj" and trigger.head.i != trigger.i and _is_generic(trigger.head, lex):
        return True  # "any attack or suicide bombing"
    for child in trigger.children:
        if child.dep_ == "det" and child.lower_ in lex.generic_determiners:
            return True
        if child.dep_ in ("amod", "compound") and child.lower_ in lex.generic_modifiers:
            has_det = any(c.dep_ == "det" and c.lower_ in ("the", "a", "an", "this", "these") for c in
                          trigger.children)
            if not has_det:
                return True
    return False


# ---------------------------------------------------------------------------------------------- the cues


def _negation(chain: list[Token], event_type: str, lex: StatusLexicon, cues: list[str]) -> bool:
    exempt_for_type = lex.negation_exempt_by_type.get(event_type, frozenset())
    trigger = chain[0]
    toggles = 0
    previous: Token | None = None
    for node in chain:
        keys = lemma_keys(node)
        exempt = bool(keys & lex.negation_exempt) or bool(keys & exempt_for_type)
        governs = node.i != trigger.i and keys & lex.negative_governors and not exempt
        if governs and not (keys & {"rule_out"} and _has_negator(node, lex, previous)):
            toggles += 1
            cues.append(f"negation:{node.lemma_}")
        if node.dep_ == "prep" and node.lower_ == "without" and previous is not None:
            toggles += 1
            cues.append("negation:without")
        if _has_negator(node, lex, previous) and not exempt and not keys & {"rule_out"}:
            toggles += 1
            cues.append(f"negation:not {node.lemma_}")
        previous = node
    return toggles % 2 == 1


def _has_negator(node: Token, lex: StatusLexicon, skip: Token | None) -> bool:
    for child in node.children:
        if skip is not None and child.i == skip.i:
            continue
        low = child.lower_
        if child.dep_ == "neg" or (child.dep_ in ("det", "advmod", "preconj", "cc") and low in lex.negators
                                   and low != "nor"):
            return True
        if child.dep_ in ("nsubj", "nsubjpass") and node.pos_ in ("VERB", "AUX"):
            # "neither NATO nor the US managed", "no country has attacked"
            for grand in child.children:
                if grand.dep_ in ("det", "preconj") and grand.lower_ in ("no", "neither"):
                    return True
            if low in ("nobody", "none", "nothing", "neither"):
                return True
    return False


def _hypothetical(chain: list[Token], event_type: str, lex: StatusLexicon, cues: list[str]) -> bool:
    trigger = chain[0]
    verbal = event_type in lex.verbal_types
    for node in chain:
        keys = lemma_keys(node)
        if node.i != trigger.i and keys & lex.hypothetical_governors:
            cues.append(f"hypothetical:{node.lemma_}")
            return True
        for child in node.children:
            low = child.lower_
            if child.dep_ in ("amod", "advmod", "compound") and low in lex.hypothetical_modifiers and \
                    node.pos_ in ("NOUN", "PROPN"):
                cues.append(f"hypothetical:{low}")
                return True
            if child.dep_ == "mark" and low in lex.question_marks:
                cues.append(f"hypothetical:{low}")
                return True
            if verbal or child.dep_ != "aux":
                continue
            if low in lex.modals:
                cues.append(f"hypothetical:{low}")
                return True
            if low in lex.counterfactual_modals and any(
                c.dep_ == "aux" and c.lemma_ == "have" and c.i > child.i for c in node.children
            ):
                cues.append(f"hypothetical:{low} have")
                return True
    sent = trigger.sent
    before = doc_text(sent.doc)[sent.start_char : trigger.idx].lower()
    for phrase in lex.open_phrases:
        if phrase in before:
            cues.append(f"hypothetical:{phrase}")
            return True
    sentence = doc_text(sent.doc)[sent.start_char : sent.end_char]  # sent.text, without the token walk
    if not verbal and sentence.rstrip().rstrip("\"'”’ ").endswith("?"):
        cues.append("hypothetical:question")
        return True
    return False


def _embedded_in_speech(chain: list[Token], event_type: str, lex: StatusLexicon) -> bool:
    if event_type in lex.verbal_types:
        return False
    return any(lemma_keys(node) & lex.embedding_governors for node in chain[1:])


def inside_quotation(token: Token, article: Article) -> bool:
    """Whether the token sits between quotation marks in its paragraph (marks are straight in nlp_text)."""
    start = next((a for a, b in article.paragraphs if a <= token.idx < b), token.sent.start_char)
    return article.nlp_text[start : token.idx].count('"') % 2 == 1


def _future(chain: list[Token], lex: StatusLexicon, clause_text: str) -> str | None:
    trigger = chain[0]
    for node in chain:
        for child in node.children:
            if child.dep_ == "aux" and child.lower_ in lex.future_auxiliaries:
                return f"future:{child.lower_}"
            if child.dep_ == "aux" and child.lower_ == "would" and clause_head(node).dep_ == "ccomp":
                return "future:reported would"
        if node.i != trigger.i and lemma_keys(node) & lex.future_governors and \
                any(c.dep_ == "xcomp" for c in node.children):
            return f"future:{node.lemma_}"
    phrase = _first_phrase(lex.future_phrases, "word", clause_text)
    if phrase is not None:
        return f"future:{phrase}"
    return None


def _intent_modal(chain: list[Token], lex: StatusLexicon) -> bool:
    """will/shall/can on the act: an announced or boasted act ("we will fight", "we can annihilate")."""
    return any(c.dep_ == "aux" and c.lower_ in (*lex.future_auxiliaries, "can", "ca")
               for node in chain for c in node.children)


# (article, times, year) of the last call: the triggers of one article share them
_LAST_REFERENCE: list[tuple[Article, tuple[TimeExpr, ...], int | None] | None] = [None]


def _reference_year(article: Article, times: tuple[TimeExpr, ...]) -> int | None:
    if article.published is not None and article.published.value[:4].isdigit():
        return int(article.published.value[:4])
    remembered = _LAST_REFERENCE[0]
    if remembered is not None and remembered[0] is article and remembered[1] is times:
        return remembered[2]  # the same article and times as the previous trigger
    years = [int(t.value[:4]) for t in times if t.value and t.value[:4].isdigit()]
    years += [int(y) for y in _YEAR.findall(article.text)]
    year = max(years) if years else None
    _LAST_REFERENCE[0] = (article, times, year)
    return year


@functools.lru_cache(maxsize=1024)
def _whole_phrase(phrase: str, boundary: str) -> re.Pattern[str]:
    """The regex for ``phrase`` as whole words: ``boundary`` "word" = ``\\b``, "token" = not inside a
    hyphenated word either."""
    if boundary == "word":
        return re.compile(rf"\b{re.escape(phrase)}\b")
    return re.compile(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])")


@functools.lru_cache(maxsize=64)
def _any_phrase(phrases: tuple[str, ...], boundary: str) -> re.Pattern[str]:
    """One regex matching wherever any of ``phrases`` would (a quick test before asking which one)."""
    if not phrases:
        return re.compile(r"(?!x)x")
    alternatives = "|".join(re.escape(p) for p in phrases)
    if boundary == "word":
        return re.compile(rf"\b(?:{alternatives})\b")
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")


def _first_phrase(phrases: tuple[str, ...], boundary: str, text: str) -> str | None:
    """The first of ``phrases`` (in lexicon order) found in ``text`` as whole words."""
    if not _any_phrase(phrases, boundary).search(text):
        return None
    return next((p for p in phrases if _whole_phrase(p, boundary).search(text)), None)


def _historical(trigger: Token, top: Token, article: Article, times: tuple[TimeExpr, ...],
                lex: StatusLexicon) -> str | None:
    start, end = _subtree_chars(top)
    if trigger.pos_ in ("VERB", "AUX") and top.pos_ in ("VERB", "AUX"):
        # for a verb, the whole clause (its adjuncts date it)
        head = clause_head(trigger)
        start, end = _subtree_chars(head)
        start, end = min(start, trigger.idx), max(end, trigger.idx + len(trigger.text))
    text = article.nlp_text[start:end].lower()
    cue = _first_phrase(lex.historical_cues, "token", text)
    if cue is not None:
        return f"historical:{cue}"
    ref = _reference_year(article, times)
    if ref is None:
        return None
    years = [int(t.value[:4]) for t in times
             if t.value and t.value[:4].isdigit() and start <= t.start and t.end <= end]
    if not times:
        years = [int(y) for y in _YEAR.findall(text)]
    if years and max(years) <= ref - lex.historical_min_years:
        return f"historical:{max(years)}"
    return None


# ---------------------------------------------------------------------------------------------- public


def assess(
    trigger: Token,
    *,
    event_type: str,
    article: Article,
    times: tuple[TimeExpr, ...] = (),
    lexicon: StatusLexicon | None = None,
) -> EventStatus:
    """The status of the act whose cue word is ``trigger`` (a token of the Doc on ``article.nlp_text``).

    ``event_type`` is the PLOVER type the act is coded as: negation and modality are judged against it
    ("would not tolerate further assaults" is an asserted THREATEN; "can annihilate" does not make a threat
    hypothetical, but "may launch strikes" makes an ASSAULT one).
    """
    lex = lexicon or load_lexicon()
    etype = (event_type or "").strip().upper()
    chain = scope_chain(trigger)
    top = chain[-1]
    cues: list[str] = []
    flags: set[str] = set()
    embedded = False

    if _negation(chain, etype, lex, cues):
        flags.add(NEGATION)
    if _hypothetical(chain, etype, lex, cues):
        flags.add(HYPOTHETICAL)
    if _inside_condition(trigger, lex):
        embedded = True
        cues.append("embedded:condition")
        if etype not in lex.verbal_types:
            flags.add(HYPOTHETICAL)
    elif etype not in lex.verbal_types and _is_generic(trigger, lex):
        embedded = True
        cues.append("embedded:generic")
        flags.add(HYPOTHETICAL)
    if _embedded_in_speech(chain, etype, lex):
        embedded = True
        cues.append("embedded:speech-act content")
    quoted_intent = lex.quoted_intent and etype not in lex.verbal_types and NEGATION not in flags
    if quoted_intent and _intent_modal(chain, lex) and inside_quotation(trigger, article):
        embedded = True
        cues.append("embedded:quoted intent")

    cond = condition_of(trigger, lex)
    if cond is None and etype in lex.verbal_types:
        cond = generic_subject(trigger, lex)

    retype = None
    clause = clause_head(trigger)
    c_start, c_end = _subtree_chars(clause)
    clause_text = article.nlp_text[c_start:c_end].lower()
    future_cue = None if flags & NOT_ASSERTED else _future(chain, lex, clause_text)
    if future_cue:
        cues.append(future_cue)
        if etype in lex.retype:
            retype = lex.retype[etype]
        elif etype not in lex.verbal_types:
            flags.add(FUTURE)
    else:
        hist = _historical(trigger, top, article, times, lex)
        if hist:
            cues.append(hist)
            flags.add(HISTORICAL)

    condition = cond_start = cond_end = None
    if cond is not None:
        cond_start, cond_end = cond.start_char, cond.end_char
        condition = article.text[cond_start:cond_end]
    return EventStatus(
        flags=tuple(f for f in FLAG_ORDER if f in flags),
        condition=condition,
        condition_start=cond_start,
        condition_end=cond_end,
        embedded=embedded,
        retype=retype,
        cues=tuple(cues),
    )
