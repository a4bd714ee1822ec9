"""Speech cues and speaker resolution for :mod:`flashpoint.quotes`.

In: a spaCy Doc (on ``Article.nlp_text``), the article's actor mentions, and tokens that the quote finder
marked as a speech cue or a speaker. Out: :class:`Speaker` records — the resolved
:class:`~flashpoint.models.Actor` plus the span of the *named* mention it resolves to (for "he" or
"the minister" the named antecedent), or ``None`` when the source is unknown or not a speaker (unnamed
sources, analysts, "reports"). The cue lexicon lives in ``data/lexicons/speech_verbs.yaml``
(validated by :func:`validate_lexicon`).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from .errors import ConfigError
from .models import Actor, Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

LEXICON_PATH = Path(__file__).parent / "data" / "lexicons" / "speech_verbs.yaml"

PERSON_PRONOUNS = {"he", "she", "him", "her"}
GROUP_PRONOUNS = {"they", "them", "it"}
RELATIVES = {"who", "which", "that", "whom"}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
NAME_LABELS = {"PERSON", "ORG", "GPE", "NORP"}


@dataclass(frozen=True)
class MediumCue:
    pattern: re.Pattern[str]
    medium: str


@dataclass(frozen=True)
class Lexicon:
    """The speech-cue lexicon (see ``speech_verbs.yaml``)."""

    verbs: frozenset[str]
    particle_verbs: dict[str, tuple[str, ...]]
    weak_verbs: frozenset[str]
    title_nouns: frozenset[str]
    addressing_verbs: frozenset[str]
    nouns: frozenset[str]
    non_speakers: frozenset[str]
    media: tuple[MediumCue, ...] = field(default_factory=tuple)


def validate_lexicon(data: Any) -> list[str]:
    """Problems with a loaded lexicon document (empty when valid); mirrors ``speech_verbs.schema.json``."""
    problems: list[str] = []
    if not isinstance(data, dict):
        return ["the lexicon must be a mapping"]
    allowed = {
        "version",
        "verbs",
        "particle_verbs",
        "weak_verbs",
        "title_nouns",
        "addressing_verbs",
        "nouns",
        "non_speakers",
        "media",
    }
    problems += [f"unknown key {k!r}" for k in data if k not in allowed]
    for key in ("verbs", "nouns", "non_speakers"):
        if key not in data:
            problems.append(f"missing key {key!r}")
    for key in ("verbs", "weak_verbs", "title_nouns", "addressing_verbs", "nouns", "non_speakers"):
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            problems.append(f"{key!r} must be a list of non-empty strings")
    particles = data.get("particle_verbs", {})
    if not isinstance(particles, dict) or not all(
        isinstance(k, str) and isinstance(v, list) and all(isinstance(p, str) for p in v)
        for k, v in particles.items()
    ):
        problems.append("'particle_verbs' must map a verb to a list of particles")
    media = data.get("media", [])
    if not isinstance(media, list):
        problems.append("'media' must be a list")
        media = []
    for i, item in enumerate(media):
        if not isinstance(item, dict) or set(item) != {"pattern", "medium"}:
            problems.append(f"media[{i}] must have exactly 'pattern' and 'medium'")
            continue
        if not isinstance(item["medium"], str) or not isinstance(item["pattern"], str):
            problems.append(f"media[{i}]: pattern and medium must be strings")
            continue
        try:
            re.compile(item["pattern"])
        except re.error as exc:
            problems.append(f"media[{i}]: bad pattern: {exc}")
    return problems


@functools.lru_cache(maxsize=1)
def load_lexicon(path: Path = LEXICON_PATH) -> Lexicon:
    """Load and validate the speech-cue lexicon (once per process)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"{path.name}: cannot read the speech-cue lexicon: {exc}") from exc
    problems = validate_lexicon(data)
    if problems:
        raise ConfigError(f"{path.name}: " + "; ".join(problems) + " (fix the file; see its schema)")
    return Lexicon(
        verbs=frozenset(v.lower() for v in data["verbs"]),
        particle_verbs={k: tuple(v) for k, v in (data.get("particle_verbs") or {}).items()},
        weak_verbs=frozenset(v.lower() for v in data.get("weak_verbs") or []),
        title_nouns=frozenset(v.lower() for v in data.get("title_nouns") or []),
        addressing_verbs=frozenset(v.lower() for v in data.get("addressing_verbs") or []),
        nouns=frozenset(v.lower() for v in data["nouns"]),
        non_speakers=frozenset(v.lower() for v in data["non_speakers"]),
        media=tuple(MediumCue(re.compile(m["pattern"]), m["medium"]) for m in data.get("media") or []),
    )


def is_speech_verb(token: Token, lex: Lexicon, *, weak: bool = False) -> bool:
    """Whether a token is a speech cue verb ("said", "warned", "pointed out")."""
    if token.pos_ not in {"VERB", "AUX"} and token.tag_ not in {"VBD", "VBZ", "VBP", "VBG", "VBN", "VB"}:
        return False
    lemma = token.lemma_.lower()
    if lemma in lex.particle_verbs:
        return any(c.dep_ == "prt" and c.lower_ in lex.particle_verbs[lemma] for c in token.children)
    return lemma in lex.verbs or (weak and lemma in lex.weak_verbs)


def find_medium(text: str, lex: Lexicon, anchor: int | None = None) -> str | None:
    """The medium a context names ("a post on X", "an interview with Geo News"), if any; with several,
    the one nearest to ``anchor`` (the cue's offset in ``text``), else the first listed."""
    best: tuple[int, str] | None = None
    for rank, cue in enumerate(lex.media):
        for m in cue.pattern.finditer(text):
            medium = cue.medium
            if "{1}" in medium:
                medium = medium.replace("{1}", m.group(1) if m.groups() and m.group(1) else "")
            distance = rank if anchor is None else min(abs(m.start() - anchor), abs(m.end() - anchor))
            if best is None or distance < best[0]:
                best = (distance, medium.strip())
    return best[1] if best else None


def subject_of(verb: Token) -> Token | None:
    """The subject of a verb, climbing conj/xcomp/advcl/acl links ("issued a warning stating" -> issuer)."""
    token: Token | None = verb
    for _ in range(5):
        if token is None:
            return None
        # a subject on another line (a headline merged into the sentence: "The Latest ...\n X says") is
        # passed over when the verb has one on its own line
        subjects = [c for c in token.children if c.dep_ in SUBJECT_DEPS]
        same_line = [c for c in subjects if not _line_break_between(c, token)]
        for child in (same_line or subjects)[:1]:
            if child.dep_ == "nsubjpass":  # "the Taliban have been warned": the subject is the addressee
                agent = next((c for c in token.children if c.dep_ == "agent"), None)
                return (
                    next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
                )
            if child.lower_ in {"which", "who", "that"} and token.dep_ == "relcl":
                return token.head
            return child
        controller = _object_controller(token)
        if controller is not None:
            return controller
        if token.dep_ == "relcl" or (
            token.dep_ == "acl" and token.tag_ == "VBG" and token.head.ent_type_ == "PERSON"
        ):
            return token.head
        if (
            token.dep_ in {"conj", "xcomp", "advcl", "acl", "dobj", "pcomp", "pobj", "prep"}
            and token.head is not token
        ):
            token = token.head
            continue
        return None
    return None


@dataclass(frozen=True)
class Speaker:
    """A resolved speaker: ``start``/``end`` span the named mention it resolves to (FORMAT.md: after
    resolving "he"/"the minister", the span of the named mention it points to)."""

    actor: Actor
    start: int
    end: int
    is_person: bool


@dataclass
class SpeakerResolver:
    """Resolves subject tokens to speakers; remembers recent speakers for "he said" and continuations."""

    doc: Doc
    mentions: tuple[Mention, ...]
    lex: Lexicon
    history: list[tuple[int, Speaker]] = field(default_factory=list)
    excluded: tuple[int, int] | None = None  # the quote being attributed: no antecedent inside it
    genders: dict[str, str] = field(default_factory=dict)  # speaker name -> "m"/"f", from pronouns and titles

    def _outside(self, start: int | None, end: int | None) -> bool:
        if self.excluded is None or start is None or end is None:
            return True
        return not (self.excluded[0] <= start and end <= self.excluded[1])

    def remember(self, position: int, speaker: Speaker) -> None:
        self.history.append((position, speaker))

    def recent(
        self, position: int, *, person: bool | None, window: int = 1500, gender: str | None = None
    ) -> Speaker | None:
        """The last speaker quoted before ``position`` (within ``window`` characters) of the wanted kind;
        with ``gender`` ("m"/"f"), speakers known to be of the other gender are skipped."""
        for pos, sp in reversed(self.history):
            if pos > position:
                continue
            if position - pos > window:
                return None
            known = self.genders.get(_key(sp))
            if (person is None or sp.is_person == person) and (gender is None or known in {None, gender}):
                return sp
        return None

    def learn_gender(self, speaker: Speaker, pronoun: str) -> None:
        """Remember that "he"/"she" stood for this speaker (so "she said" later skips him)."""
        gender = {"he": "m", "him": "m", "she": "f", "her": "f"}.get(pronoun)
        if gender is not None and speaker.is_person:
            self.genders.setdefault(_key(speaker), gender)

    # -- mentions (actors stage) ---------------------------------------------------------------------
    def _mention(self, start: int, end: int) -> Mention | None:
        best: Mention | None = None
        for m in self.mentions:
            if (
                m.start < end
                and start < m.end
                and (best is None or (m.end - m.start) > (best.end - best.start))
            ):
                best = m
        return best

    def _mention_is_person(self, m: Mention) -> bool:
        if m.actor.office:
            return True
        spans = [(m.start, m.end)]
        if m.antecedent_start is not None and m.antecedent_end is not None:
            spans.append((m.antecedent_start, m.antecedent_end))
        return any(self._is_person_span(s, e) for s, e in spans)

    def _is_person_span(self, start: int, end: int) -> bool:
        labels = {e.label_ for e in self.doc.ents if e.start_char < end and start < e.end_char}
        return "PERSON" in labels or (not labels and _looks_person(self.doc.text[start:end]))

    def _same_sentence_subject(self, token: Token, person: bool) -> Token | None:
        """ "Ditto said she expects ...": a named subject earlier in the pronoun's own sentence."""
        wanted = {"PERSON"} if person else {"ORG", "GPE", "NORP"}
        best = None
        for tok in token.sent:
            if tok.i >= token.i:
                break
            if tok.text in {'"', "''", "'"}:
                best = None  # names inside a quotation are not the attribution's subject
            elif tok.dep_ in SUBJECT_DEPS and (tok.ent_type_ in wanted or (person and _bare_name(tok))):
                best = tok
        return best

    def _introduced_before_quote(self, token: Token, person: bool) -> Token | None:
        """'X scolded him: "..." she said': the named subject that introduced the quote in its paragraph."""
        if self.excluded is None or not person or token.idx < self.excluded[1]:
            return None
        text = self.doc.text
        para_start = text.rfind("\n", 0, self.excluded[0]) + 1
        best = None
        for tok in self.doc:
            if tok.idx >= self.excluded[0]:
                break
            if tok.idx >= para_start and tok.dep_ in SUBJECT_DEPS and tok.ent_type_ == "PERSON":
                best = tok
        return best

    def _from_mention(self, m: Mention, is_person: bool) -> Speaker:
        start = m.antecedent_start if m.antecedent_start is not None else m.start
        end = m.antecedent_end if m.antecedent_end is not None else m.end
        actor = m.actor
        if not actor.identifier_text:
            actor = _with_identifier(actor, self.full_name(self.doc.text[start:end]))
        return Speaker(actor, start, end, is_person)

    def _entity_speaker(self, ent: Span) -> Speaker:
        """A person speaker from a spaCy PERSON entity, named by its fullest form in the article."""
        actor = Actor(entity_text=ent.text, identifier_text=self.full_name(ent.text),
                      start=ent.start_char, end=ent.end_char)
        return Speaker(actor, ent.start_char, ent.end_char, True)

    # -- names ----------------------------------------------------------------------------------------
    def full_name(self, name: str) -> str:
        """The longest PERSON name in the article ending with the same surname ("Asif" -> "Khawaja Asif")."""
        last = name.split()[-1] if name.split() else name
        best = name
        for ent in self.doc.ents:
            if (
                ent.label_ == "PERSON"
                and ent.text.split()
                and ent.text.split()[-1] == last
                and len(ent.text) > len(best)
            ):
                best = ent.text
        return best

    def noun_phrase(self, head: Token) -> Span:
        """The subject noun phrase without relative clauses, appositions or trailing punctuation."""
        keep = {
            "det",
            "compound",
            "amod",
            "poss",
            "nmod",
            "case",
            "nummod",
            "flat",
            "prep",
            "pobj",
            "cc",
            "conj",
            "quantmod",
            "advmod",
            "npadvmod",
        }
        left = head.i
        for child in head.lefts:
            if child.dep_ in keep:
                left = min(left, child.left_edge.i)
        right = head.i
        for child in head.rights:
            if child.dep_ in {"prep", "compound", "flat"} and child.i == right + 1:
                right = max(right, child.right_edge.i)
            else:
                break
        while right > left and (self.doc[right].is_punct or self.doc[right].is_space):
            right -= 1
        while left < head.i and ("\n" in self.doc[left : head.i + 1].text):
            left += 1
        return self.doc[left : right + 1]

    def _appos_person(self, head: Token) -> Span | None:
        for child in head.subtree:
            if child.dep_ == "appos" and child.ent_type_ == "PERSON":
                for ent in self.doc.ents:
                    if ent.start <= child.i < ent.end:
                        return ent
        return None

    def resolve(self, head: Token | None) -> Speaker | None:
        """The speaker a subject token stands for, or None (unknown, unnamed or generic source).

        The actor's ``entity_text`` is the mention as written ("the Indiana governor", "he"),
        ``identifier_text`` the name it resolves to; the span is that of the named mention."""
        if head is None:
            return None
        speaker = self._resolve(head)
        if speaker is None:
            return None
        phrase = self.noun_phrase(head) if head.tag_ != "PRP" else self.doc[head.i : head.i + 1]
        if "\n" in phrase.text:
            phrase = self.doc[head.i : head.i + 1]
        if not (speaker.start < phrase.end_char and phrase.start_char < speaker.end):
            actor = speaker.actor
            name = actor.identifier_text or actor.entity_text
            speaker = Speaker(
                Actor(
                    entity_text=phrase.text,
                    identifier_text=name,
                    code=actor.code,
                    sector=actor.sector,
                    office=actor.office,
                    registry_id=actor.registry_id,
                    start=speaker.start,
                    end=speaker.end,
                ),
                speaker.start,
                speaker.end,
                speaker.is_person,
            )
        return speaker

    def _resolve(self, head: Token) -> Speaker | None:
        lower = head.lower_
        if head.dep_ == "poss" and head.head is not head:
            return None
        if head.tag_ == "PRP" or lower in PERSON_PRONOUNS | GROUP_PRONOUNS | {"i", "we", "you"}:
            return self._pronoun(head)
        phrase = self.noun_phrase(head)
        if (
            head.lemma_.lower() in self.lex.non_speakers
            or lower in self.lex.non_speakers
            or (head.lemma_.lower() in self.lex.nouns)
        ):
            # "sources from Ariana News" speaks for the outlet; "Afghan sources" is unnamed
            after = [
                e
                for e in self.doc.ents
                if e.label_ in NAME_LABELS - {"NORP"}
                and phrase.start <= e.start
                and e.end <= head.right_edge.i + 1
                and e.root is not head
            ]
            if not after:
                return None
            phrase = after[0]
            head = phrase.root
        if any(t.lower_ in {"unnamed", "anonymous", "unidentified"} for t in phrase):
            return None
        person_ent = self._appos_person(head) or next(
            (e for e in self._names_in(phrase) if e.label_ == "PERSON"), None
        )
        m = self._mention(person_ent.start_char, person_ent.end_char) if person_ent is not None else None
        if m is None:
            m = self._mention(head.idx, head.idx + len(head.text))
        if m is not None:
            is_person = person_ent is not None or self._mention_is_person(m)
            if (
                m.antecedent_start is not None
                or person_ent is None
                or (m.start <= person_ent.start_char < m.end)
            ):
                return self._from_mention(m, is_person)
        if person_ent is not None:
            name = self.full_name(person_ent.text)
            return Speaker(
                Actor(
                    entity_text=phrase.text if phrase.start <= person_ent.start else person_ent.text,
                    identifier_text=name,
                    start=person_ent.start_char,
                    end=person_ent.end_char,
                ),
                person_ent.start_char,
                person_ent.end_char,
                True,
            )
        titled = head.lemma_.lower() in self.lex.title_nouns and any(
            t.lower_ in {"the", "this"} for t in phrase[:1]
        )
        if titled and not any(e.label_ == "PERSON" for e in self._names_in(phrase)):
            prior = self.recent(head.idx, person=True)
            if prior is not None:
                return prior
            ent = self._previous_ent(head.idx, {"PERSON"})
            if ent is not None:
                return self._entity_speaker(ent)
        if head.pos_ not in {"PROPN", "NOUN"} and not self._names_in(phrase):
            return None
        text = phrase.text
        return Speaker(
            Actor(entity_text=text, identifier_text=text, start=phrase.start_char, end=phrase.end_char),
            phrase.start_char,
            phrase.end_char,
            head.lemma_.lower() in self.lex.title_nouns and head.tag_ not in {"NNS", "NNPS"},
        )

    def _names_in(self, phrase: Span) -> list[Span]:
        """Names inside a phrase, not counting possessive modifiers ("Obama's former strategist")."""
        names = []
        for e in self.doc.ents:
            if e.label_ not in NAME_LABELS or not (phrase.start <= e.start and e.end <= phrase.end):
                continue
            possessive = e.end < len(self.doc) and self.doc[e.end].tag_ == "POS" and e.end < phrase.end - 1
            if not possessive:
                names.append(e)
        return names

    def named(self, start: int, end: int) -> Speaker:
        """A speaker named by a plain string span (a signature line "- Jane Roe")."""
        m = self._mention(start, end)
        if m is not None:
            return self._from_mention(m, True)
        text = self.doc.text[start:end]
        return Speaker(
            Actor(entity_text=text, identifier_text=self.full_name(text), start=start, end=end),
            start,
            end,
            True,
        )

    def _previous_ent(self, position: int, labels: set[str], window: int = 1500) -> Span | None:
        best = None
        for ent in self.doc.ents:
            near = ent.end_char <= position and position - ent.end_char <= window
            if ent.label_ in labels and near and self._outside(ent.start_char, ent.end_char):
                best = ent
        return best

    def _pronoun(self, token: Token) -> Speaker | None:
        speaker = self._pronoun_antecedent(token)
        if speaker is not None:
            self.learn_gender(speaker, token.lower_)
        return speaker

    def _pronoun_antecedent(self, token: Token) -> Speaker | None:
        """ "he said" -> the speaker just quoted, else the actors stage's antecedent, else the last person."""
        lower = token.lower_
        gender = {"he": "m", "him": "m", "she": "f", "her": "f"}.get(lower)
        person = lower in PERSON_PRONOUNS
        if lower not in PERSON_PRONOUNS | {"they", "it"}:
            return None
        same = self._same_sentence_subject(token, person) or self._introduced_before_quote(token, person)
        if same is not None:
            return self._resolve(same)
        just_quoted = self.recent(token.idx, person=person, window=400, gender=gender)
        if just_quoted is not None:
            return just_quoted
        m = self._mention(token.idx, token.idx + len(token.text))
        has_antecedent = m is not None and m.antecedent_start is not None and m.antecedent_end is not None
        if (
            m is not None
            and has_antecedent
            and self._outside(m.antecedent_start, m.antecedent_end)
            and (not person or self._mention_is_person(m))
        ):
            return self._from_mention(m, person)
        if person:
            prior = self.recent(token.idx, person=True, gender=gender)
            if prior is not None:
                return prior
            ent = self._previous_ent(token.idx, {"PERSON"}, window=800)
            if ent is not None:
                return self._entity_speaker(ent)
            return None
        return self.recent(token.idx, person=False, window=600)


# "forced X to admit that ...": X did say it. (After "urged/encouraged X to ask" nothing was said yet, and
# the message is the urger's; after "promised X to" the subject keeps it.)
COMPELLING_VERBS = {"force", "compel", "press", "pressure", "push", "prompt", "lead", "get", "make", "cause"}


def _object_controller(verb: Token) -> Token | None:
    """The object of a compelling verb, which speaks its speech complement ("forced Stumpf to admit")."""
    if verb.dep_ != "xcomp" or verb.head is verb or verb.head.lemma_.lower() not in COMPELLING_VERBS:
        return None
    obj = next((c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i), None)
    if obj is None or obj.pos_ not in {"PROPN", "NOUN", "PRON"}:
        return None
    return obj


def _line_break_between(a: Token, b: Token) -> bool:
    first, second = (a, b) if a.i < b.i else (b, a)
    return "\n" in first.doc.text[first.idx : second.idx]


def _key(speaker: Speaker) -> str:
    return speaker.actor.identifier_text or speaker.actor.entity_text


def _bare_name(tok: Token) -> bool:
    """A capitalised proper noun the NER left untagged ("Ditto said she ...")."""
    return tok.tag_ == "NNP" and tok.is_alpha and not tok.ent_type_


def _looks_person(text: str) -> bool:
    words = text.split()
    return 1 <= len(words) <= 4 and all(w[:1].isupper() for w in words)


def _with_identifier(actor: Actor, name: str) -> Actor:
    return Actor(
        entity_text=actor.entity_text,
        identifier_text=name,
        code=actor.code,
        sector=actor.sector,
        office=actor.office,
        registry_id=actor.registry_id,
        start=actor.start,
        end=actor.end,
    )
