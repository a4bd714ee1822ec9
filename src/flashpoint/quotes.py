"""Quotes: direct, partial and indirect reported speech with resolved speakers.

In: the spaCy Doc of an article (built on ``Article.nlp_text``), the :class:`~flashpoint.models.Article` and
the actor mentions found by :mod:`flashpoint.actors`. Out: a tuple of :class:`~flashpoint.models.Quote`
records in text order, ids ``f"{article.id}-q{n}"``. Content spans are offsets into ``Article.text``:
for direct/partial quotes everything between the marks, for indirect speech the reported finite clause.

Steps: :func:`flashpoint.quote_marks.find_marked_spans` pairs the quotation marks; each marked span
becomes direct or partial and gets its speaker from the attribution after or before it, or from the quote
it continues. Indirect speech comes from speech verbs with a finite clausal complement and from
"according to X". Speakers are resolved by :mod:`flashpoint.attribution`.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .attribution import (
    Lexicon,
    Speaker,
    SpeakerResolver,
    find_medium,
    is_speech_verb,
    load_lexicon,
    subject_of,
)
from .models import Actor, Article, Mention, Provenance, Quote, QuoteKind
from .nlp import token_table
from .quote_marks import SENTENCE_BREAK, SIGNATURE, clause_end, find_marked_spans, sentence_start, title_like

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

EXTRACTOR = "flashpoint.quotes"
_SUBORDINATORS = {
    "when",
    "as",
    "after",
    "because",
    "if",
    "while",
    "before",
    "since",
    "until",
    "though",
    "although",
}
_ADDRESSED = r"\b(?:warning|message|threat|ultimatum|appeal|warned|told|urged)(?: to)?"
# common nouns for groups of people: their findings are their own ("the committee found that ...")
_GROUP_NOUNS = {
    "committee", "panel", "commission", "court", "campaign", "agency", "department", "government",
    "administration", "council", "board", "union", "party", "team", "group", "company", "investigator",
    "researcher", "scientist", "inspector", "auditor", "jury", "judge", "police", "ministry", "office",
}
VERSION = "1"


@dataclass
class Candidate:
    kind: QuoteKind
    start: int
    end: int
    cue: Token | None = None
    speaker: Speaker | None = None
    medium: str | None = None
    confidence: float = 0.8


# ---------------------------------------------------------------------------------------------------
# helpers on the Doc


def _tokens_in(doc: Doc, start: int, end: int) -> list[Token]:
    """Tokens lying wholly inside [start, end) (binary search on the Doc's token table)."""
    table = token_table(doc)
    first = stop = bisect.bisect_left(table.starts, start)
    while stop < len(table.starts) and table.starts[stop] + table.lengths[stop] <= end:
        stop += 1
    return [doc[k] for k in range(first, stop)]


def _sentence_of(doc: Doc, pos: int) -> Span | None:
    for sent in doc.sents:
        if sent.start_char <= pos < sent.end_char:
            return sent
    return None


def _paragraph_of(article: Article, pos: int) -> tuple[int, int]:
    text = article.nlp_text
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t\n,;:-":
        start += 1
    while end > start and text[end - 1] in " \t\n,;:.-\"'":
        end -= 1
    return start, end


def _is_finite_clause(token: Token) -> bool:
    """A clause with a finite verb ("that troops had cleared ..."), not "to ..."/"-ing"/"found it unfit"."""
    finite_aux = any(
        c.dep_ in {"aux", "auxpass", "cop"} and c.tag_ in {"MD", "VBD", "VBZ", "VBP"} for c in token.children
    )
    if token.pos_ == "ADJ":  # "that she's thrilled", parsed with the adjective as head
        return finite_aux and any(c.dep_ in {"nsubj", "nsubjpass"} for c in token.children)
    if token.pos_ not in {"VERB", "AUX"}:
        return False
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children) or token.tag_ == "TO":
        return False
    if token.tag_ == "VBG":  # "that prices are rising" is finite; "rising prices", "by rising" are not
        return finite_aux
    if token.tag_ in {"VBD", "VBZ", "VBP", "MD"}:
        return True
    return any(c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in token.children) or any(
        c.dep_ in {"aux", "auxpass"} and c.tag_ in {"MD", "VBD", "VBZ", "VBP"} for c in token.children
    )


def _adverbial(clause: Token) -> bool:
    """A clause opened by "after"/"because"/"when" ... ("feel stung after S"): a circumstance, not speech."""
    return any(c.dep_ == "mark" and c.lower_ in _SUBORDINATORS - {"if"} for c in clause.children)


def _first_cue(tokens: list[Token], lex: Lexicon) -> Token | None:
    """A speech verb opening an attribution ("Asif said", "said Asif", "NDTV reported") after a quote."""
    if tokens and tokens[0].lower_ in _SUBORDINATORS:
        return None  # '"...," when Clinton blasted him': a new clause, not an attribution
    for i, tok in enumerate(tokens[:30]):
        if is_speech_verb(tok, lex):
            return tok
        modifier = tok.dep_ in {"acl", "relcl", "amod"}  # '" Pruitt, of a state suing the EPA, said'
        if tok.pos_ in {"VERB", "AUX"} and tok.lemma_ not in {"be", "have"} and i > 0 and not modifier:
            return None
    return None


def _inverted_subject(verb: Token) -> Token | None:
    for child in verb.rights:
        if child.dep_ in {"nsubj", "dobj", "attr", "npadvmod", "nsubjpass", "dative"} and child.pos_ in {
            "PROPN",
            "NOUN",
            "PRON",
        }:
            return child
    return None


class _Extractor:
    def __init__(self, doc: Doc, article: Article, mentions: tuple[Mention, ...]) -> None:
        self.doc, self.article, self.text = doc, article, article.nlp_text
        self.lex = load_lexicon()
        self.resolver = SpeakerResolver(doc, mentions, self.lex)
        self.mentions = mentions

    # -- marked quotes -------------------------------------------------------------------------------
    def marked(self, start: int, end: int, previous: Candidate | None) -> Candidate | None:
        self.resolver.excluded = (start, end)  # names inside the quote cannot be its attribution's antecedent
        try:
            return self._marked(start, end, previous)
        finally:
            self.resolver.excluded = None

    def _marked(self, start: int, end: int, previous: Candidate | None) -> Candidate | None:
        text = self.text
        open_mark = start - (2 if text[max(0, start - 2) : start] == "''" else 1)
        close_end = end + (2 if text.startswith("''", end) else 1)
        sent = _sentence_of(self.doc, open_mark) or _sentence_of(self.doc, start)
        para_start, _ = _paragraph_of(self.article, open_mark)
        pre_from = max(
            sent.start_char if sent is not None else para_start,
            para_start,
            previous.end + 1 if previous is not None and previous.end < start else 0,
        )
        pre = text[pre_from:open_mark].strip()
        content = text[start:end]
        if title_like(content):
            return None  # a title ("Fox News Sunday", a book or film), not speech
        direct = (
            not pre or pre.endswith((",", ":", "that")) or re.search(r"[.!?]\s+[A-Z\"]", content) is not None
        )
        cand = Candidate(QuoteKind.DIRECT if direct else QuoteKind.PARTIAL, start, end)
        if direct:
            self._attribute_direct(cand, pre, pre_from, open_mark, close_end, para_start)
        else:
            cand.cue, cand.speaker = self._governing_cue(start, end)
        if cand.cue is None and direct and previous is not None and previous.speaker is not None:
            gap = text[previous.end : open_mark]
            if len(gap) <= 160 and previous.kind is QuoteKind.DIRECT:
                cand.cue, cand.speaker, cand.medium = previous.cue, previous.speaker, previous.medium
                cand.confidence = 0.7
        if cand.kind is QuoteKind.PARTIAL and cand.speaker is None:
            return None  # scare quotes: a fragment with no one saying it
        return cand if cand.cue is not None else None

    def _attribute_direct(
        self, cand: Candidate, pre: str, pre_from: int, open_mark: int, close_end: int, para_start: int
    ) -> None:
        text = self.text
        post_end = clause_end(self.text, close_end)
        post_tokens = [t for t in _tokens_in(self.doc, close_end, post_end) if not t.is_space]
        # "..." - Name  (a signed quote)
        signed = SIGNATURE.match(text, close_end)
        if signed:
            dash = next((t for t in post_tokens if t.idx >= close_end), None)
            cand.cue, cand.speaker = dash, self.resolver.named(signed.start(1), signed.end(1))
            return
        cue = _first_cue(post_tokens, self.lex)
        if cue is not None:
            cand.cue, cand.speaker = cue, self.resolver.resolve(self._post_subject(cue, post_tokens))
            return
        window_from = pre_from
        if not pre:
            prev_para = text.rfind("\n", 0, max(0, para_start - 1)) + 1
            while prev_para > 0 and not text[prev_para:para_start].strip():
                prev_para = text.rfind("\n", 0, prev_para - 1) + 1
            if text[prev_para:para_start].rstrip().endswith(":"):
                window_from = prev_para
        cue = self._last_cue(window_from, open_mark)
        if cue is None and pre.endswith(":"):
            verbs = [t for t in _tokens_in(self.doc, window_from, open_mark) if t.pos_ == "VERB"]
            cue = verbs[-1] if verbs else None  # "X scolded him: '...'"
        if cue is not None:
            cand.cue, cand.speaker = cue, self._speaker_in_clause(cue, window_from, open_mark)
            return
        according = next(
            (t for t in _tokens_in(self.doc, window_from, open_mark) if t.lower_ == "according"), None
        )
        if according is not None:
            to = next((c for c in according.children if c.lower_ == "to"), None)
            source = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
            if source is not None and source.idx < open_mark:
                cand.cue, cand.speaker = according, self.resolver.resolve(source)
                return
        # a headline "Name: 'quote'"
        colon = _tokens_in(self.doc, pre_from, open_mark)
        if colon and colon[-1].text == ":":
            name = next(
                (
                    e
                    for e in self.doc.ents
                    if e.label_ in {"PERSON", "ORG"} and e.end == colon[-1].i and e.start_char <= pre_from + 1
                ),
                None,
            )
            if name is not None:
                cand.cue, cand.speaker = colon[-1], self.resolver.resolve(name.root)

    def _post_subject(self, cue: Token, post_tokens: list[Token]) -> Token | None:
        """Subject of a trailing attribution: '" Asif said', '" said Asif', '" announced the spokesman, X'."""
        before = [t for t in post_tokens if t.i < cue.i and not t.is_punct]
        subj = subject_of(cue)
        if subj is not None and (
            subj.i in {t.i for t in before} or subj.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"}
        ):
            return subj
        named = [t for t in before if t.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"} and t.dep_ != "poss"]
        if named:
            return named[-1]
        if before:
            return before[-1] if before[-1].pos_ in {"PRON", "PROPN", "NOUN"} else subj
        after = [t for t in post_tokens if t.i > cue.i]
        for tok in after:
            if tok.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"} or tok.pos_ in {"PROPN", "NOUN", "PRON"}:
                for ent in self.doc.ents:
                    if ent.start <= tok.i < ent.end:
                        return ent.root
                return subj or _inverted_subject(cue) or tok
        return subj

    def _last_cue(self, start: int, end: int) -> Token | None:
        """The last speech verb before a quote, passing over one inside a relative clause when an earlier
        one governs it ("X told a woman who suggested that ...: '...'" is X's)."""
        cues = [t for t in _tokens_in(self.doc, start, end) if is_speech_verb(t, self.lex)]
        for tok in reversed(cues):
            in_relative = any(a.dep_ == "relcl" and a.idx >= start for a in [tok, *tok.ancestors])
            if not in_relative or tok is cues[0]:
                return tok
        return None

    def _governing_cue(self, start: int, end: int) -> tuple[Token | None, Speaker | None]:
        """The speech verb a partial quote belongs to, and its speaker. A weak cue ("believe") gives way to
        a full speech verb of the same sentence ("Mr. Obama said, Americans have come to believe '...'")."""
        cue, speaker = self._nearest_cue(start, end)
        if cue is not None and cue.lemma_.lower() in self.lex.weak_verbs:
            sent_start = sentence_start(self.text, start)
            for tok in _tokens_in(self.doc, sent_start, start):
                if is_speech_verb(tok, self.lex) and tok.lemma_.lower() not in self.lex.weak_verbs:
                    strong = self._speaker_in_clause(tok, sent_start, start)
                    if strong is not None:
                        return tok, strong
        return cue, speaker

    def _nearest_cue(self, start: int, end: int) -> tuple[Token | None, Speaker | None]:
        """A cue right before the quote ("what the delegation deemed '...'") when its subject resolves,
        else the nearest speech verb above the quote in the parse."""
        sent_start = sentence_start(self.text, start)
        before = [t for t in _tokens_in(self.doc, max(sent_start, start - 60), start) if not t.is_punct][-4:]
        fallback: Token | None = None
        for tok in reversed(before):
            if is_speech_verb(tok, self.lex, weak=True):
                speaker = self._speaker_in_clause(tok, sent_start, start)
                if speaker is not None:
                    return tok, speaker
                fallback = fallback or tok
        inside = _tokens_in(self.doc, start, end)
        roots = [t for t in inside if not (start <= t.head.idx < end) or t.head is t]
        for root in roots[:2]:
            tok = root
            for _ in range(8):
                if tok.idx < sent_start:
                    break
                if is_speech_verb(tok, self.lex, weak=True) and not (start <= tok.idx < end):
                    return tok, self._speaker_in_clause(tok, sent_start)
                if tok.head is tok:
                    break
                tok = tok.head
        return fallback, None

    def _speaker_in_clause(self, cue: Token, lo: int, hi: int | None = None) -> Speaker | None:
        """The speaker of a cue, looking only between ``lo`` (its sentence start) and ``hi`` (the quote)."""
        hi = len(self.text) if hi is None else hi
        if any(c.dep_ == "nsubjpass" for c in cue.children):
            return self.resolver.resolve(subject_of(cue))  # passive: only an explicit "by X" speaks
        subj = subject_of(cue)
        if subj is None and cue.lemma_.lower() not in self.lex.addressing_verbs:
            subj = _inverted_subject(cue)  # "Said Ellis:"; but the object of "told" is its addressee
        if cue.tag_ == "VBG" and cue.i > 1:  # "footage of X saying, ..."
            before = cue.doc[cue.i - 1]
            if before.ent_type_ == "PERSON":
                subj = before
            elif subj is None and before.is_punct and cue.doc[cue.i - 2].ent_type_ == "PERSON":
                subj = cue.doc[cue.i - 2]
        if subj is not None and (
            subj.idx < lo
            or subj.idx >= hi
            or "\n" in self.text[min(subj.idx, cue.idx) : max(subj.idx, cue.idx)]
        ):
            subj = None
        prev = [
            t
            for t in cue.doc[max(0, cue.i - 3) : cue.i]
            if t.idx >= lo and t.pos_ not in {"ADV", "AUX", "PART"}
        ]
        adjacent = prev[-1] if prev and not prev[-1].is_punct else None
        finite = cue.tag_ in {"VBD", "VBZ", "VBP"}
        if (
            finite
            and adjacent is not None
            and (adjacent.ent_type_ in {"PERSON", "ORG"} or adjacent.lower_ in {"he", "she"})
        ):
            subj = (
                adjacent  # "..., Mr. McKinley said that": the name right before the cue wins over the parse
            )
        elif (
            subj is None
            and adjacent is not None
            and (adjacent.tag_ in {"NNP", "NNPS", "PRP"} or adjacent.text[:1].isupper())
        ):
            subj = adjacent
        if subj is not None and subj.lower_ in {"which", "who", "that", "it"}:
            between = [t for t in cue.doc[subj.i : cue.i] if t.ent_type_ == "PERSON"]
            if between:
                subj = between[-1]
        if subj is None:
            following = [t for t in cue.doc[cue.i + 1 : cue.i + 5] if t.idx < hi]
            named_after = [t for t in following if t.ent_type_ in {"PERSON", "ORG"}]
            subj = named_after[0] if named_after else None
        if subj is None:
            window = [t for t in cue.doc[max(0, cue.i - 20) : cue.i] if t.idx >= lo and t.dep_ != "poss"]
            people = [t for t in window if t.ent_type_ == "PERSON" or t.lower_ in {"he", "she"}]
            others = [t for t in window[-12:] if t.ent_type_ in {"ORG", "GPE", "NORP"} or t.lower_ == "they"]
            subj = people[-1] if people else (others[-1] if others else None)
        return self.resolver.resolve(subj)

    # -- indirect speech ----------------------------------------------------------------------------
    def indirect(self) -> list[Candidate]:
        found: list[Candidate] = []
        for tok in self.doc:
            if tok.lower_ == "according" and any(c.lower_ == "to" for c in tok.children):
                cand = self._according(tok)
                if cand is not None:
                    found.append(cand)
                continue
            if not is_speech_verb(tok, self.lex, weak=True):
                continue
            clauses = [
                c for c in tok.children if c.dep_ == "ccomp" and _is_finite_clause(c) and not _adverbial(c)
            ]
            if not clauses:
                surface = self._surface_that(tok) or self._parenthetical(tok)
                if surface is not None:
                    found.append(surface)
            for child in clauses:
                toks = [t for t in child.subtree]
                first = toks[0]
                while first.dep_ == "mark" or first.is_punct or first.lower_ == "that":
                    toks = toks[1:]
                    if not toks:
                        break
                    first = toks[0]
                if not toks:
                    continue
                s, e = _trim(self.text, toks[0].idx, toks[-1].idx + len(toks[-1].text))
                s, e = self._within_paragraph(tok.idx, s, e)
                if e - s < 8:
                    continue
                found.append(Candidate(QuoteKind.INDIRECT, s, e, cue=tok, confidence=0.6))
        return found

    def _within_paragraph(self, anchor: int, start: int, end: int) -> tuple[int, int]:
        """Clip reported content to the paragraph of its cue."""
        para_start, para_end = _paragraph_of(self.article, anchor)
        return _trim(self.text, max(start, para_start), min(end, para_end))

    def _parenthetical(self, verb: Token) -> Candidate | None:
        """ "S, X said." and "S1, X said, S2": an attribution set off by commas inside the reported speech."""
        subj = next((c for c in reversed(list(verb.lefts)) if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subj is None or verb.tag_ not in {"VBD", "VBZ", "VBP"}:
            return None
        objects = [c for c in verb.rights if c.dep_ in {"dobj", "xcomp", "ccomp", "attr", "acomp", "oprd"}]
        if any(c.dep_ != "dobj" or verb.lemma_ != "tell" for c in objects):
            return None
        left = subj.left_edge
        if left.i == 0 or self.doc[left.i - 1].text != ",":
            return None
        right = verb
        while right.i + 1 < len(self.doc) and right.i - verb.i < 5 and not self.doc[right.i + 1].is_punct:
            right = self.doc[right.i + 1]
        after = self.doc[right.i + 1] if right.i + 1 < len(self.doc) else None
        if after is None or after.text not in {",", "."}:
            return None
        lo = sentence_start(self.text, left.idx)
        para_start, para_end = _paragraph_of(self.article, verb.idx)
        s = max(lo, para_start)
        if after.text == ".":
            e = self.doc[left.i - 1].idx
        else:
            stop = SENTENCE_BREAK.search(self.text, after.idx, para_end)
            e = stop.start() + 1 if stop else para_end
        s, e = _trim(self.text, s, e)
        if e - s < 12 or '"' in self.text[s:e]:
            return None
        return Candidate(QuoteKind.INDIRECT, s, e, cue=verb, confidence=0.5)

    def _surface_that(self, verb: Token) -> Candidate | None:
        """ "X cautioned that S" when the parser lost the clause: S runs to the end of the sentence."""
        nxt = verb.nbor(1) if verb.i + 1 < len(self.doc) else None
        if nxt is None or nxt.lower_ != "that" or (verb.tag_ in {"VBG", "VBN"} and verb.dep_ == "amod"):
            return None
        sent = verb.sent
        stop = self.text.find('"', nxt.idx, sent.end_char)
        end = sent.end_char if stop < 0 else stop
        s, e = _trim(self.text, nxt.idx + len(nxt.text), end)
        if e - s < 8:
            return None
        return Candidate(QuoteKind.INDIRECT, s, e, cue=verb, confidence=0.5)

    def _according(self, tok: Token) -> Candidate | None:
        sent = tok.sent
        phrase_start = tok.idx
        phrase_end = max(t.idx + len(t.text) for t in tok.subtree)
        left = _trim(self.text, sent.start_char, phrase_start)
        right = _trim(self.text, phrase_end, sent.end_char)
        s, e = right if right[1] - right[0] >= left[1] - left[0] else left
        if e - s < 8:
            return None
        to = next(c for c in tok.children if c.lower_ == "to")
        source = next((c for c in to.children if c.dep_ == "pobj"), None)
        speaker = self.resolver.resolve(source)
        if speaker is None:
            return None
        return Candidate(QuoteKind.INDIRECT, s, e, cue=tok, speaker=speaker, confidence=0.6)

    # -- addressees and medium ------------------------------------------------------------------------
    def addressees(self, cand: Candidate, medium: str | None = None) -> tuple[Actor, ...]:
        found: list[Actor] = []
        content = self.text[cand.start : cand.end]
        m = re.search(r"\bmessages? (?:to|for) (.+?)(?: is\b| are\b|:|\.|$)", content)
        if m:
            found += self._actors_in(cand.start + m.start(1), cand.start + m.end(1))
        if cand.cue is not None and not found:
            for child in cand.cue.children:
                addressed = (
                    child.dep_ in {"dobj", "dative"} and cand.cue.lemma_.lower() in self.lex.addressing_verbs
                )
                if addressed and (child.ent_type_ or child.pos_ == "PROPN"):
                    phrase = self.resolver.noun_phrase(child)
                    found += self._actors_in(phrase.start_char, phrase.end_char)
        if not found and re.search(r"\byou(?:r|rs)?\b", content, re.IGNORECASE):
            para_start, _ = _paragraph_of(self.article, cand.start - 1)
            prev_para = self.text.rfind("\n", 0, max(0, para_start - 1)) + 1
            context = self.text[prev_para : cand.start]
            hits = list(
                re.finditer(
                    _ADDRESSED + r" (?:the )?([A-Z][\w-]*(?: [A-Z][\w-]*)*)",
                    context,
                )
            )
            if hits:
                hit = hits[-1]
                found += self._actors_in(prev_para + hit.start(1), prev_para + hit.end(1))
        speaker_span = (cand.speaker.start, cand.speaker.end) if cand.speaker else (-1, -1)
        unique: dict[str, Actor] = {}
        for actor in found:
            if actor.start is not None and speaker_span[0] <= actor.start < speaker_span[1]:
                continue
            if medium and actor.entity_text in medium:
                continue  # "told Geo News": the outlet is the medium, not an addressee
            unique.setdefault(actor.identifier_text or actor.entity_text, actor)
        return tuple(unique.values())

    def _actors_in(self, start: int, end: int) -> list[Actor]:
        actors: list[Actor] = []
        covered: list[tuple[int, int]] = []
        for mention in self.mentions:
            if start <= mention.start and mention.end <= end:
                actors.append(mention.actor)
                covered.append((mention.start, mention.end))
        for ent in self.doc.ents:
            if (
                ent.label_ in {"PERSON", "ORG", "GPE", "NORP"}
                and start <= ent.start_char
                and ent.end_char <= end
            ):
                if any(s < ent.end_char and ent.start_char < e for s, e in covered):
                    continue
                name = self.resolver.full_name(ent.text) if ent.label_ == "PERSON" else ent.text
                actors.append(
                    Actor(entity_text=ent.text, identifier_text=name, start=ent.start_char, end=ent.end_char)
                )
        return actors

    def medium(self, cand: Candidate) -> str | None:
        if cand.medium:
            return cand.medium
        if cand.cue is None:
            return None
        sent = cand.cue.sent
        para_start, _ = _paragraph_of(self.article, cand.start - 1)
        lo = min(sent.start_char, para_start if para_start < cand.start else cand.start)
        context = self.text[lo : max(sent.end_char, cand.start)]
        context = (
            context.replace(self.text[cand.start : cand.end], " " * (cand.end - cand.start))
            if cand.kind is not QuoteKind.INDIRECT
            else context
        )
        return find_medium(context, self.lex, anchor=cand.cue.idx - lo)

    # -- all together -------------------------------------------------------------------------------
    def run(self) -> list[Candidate]:
        marked_spans = find_marked_spans(self.article.text, self.text)
        pending: list[tuple[int, int, int, Candidate | None]] = [(s, 0, e, None) for s, e in marked_spans]
        pending += [
            (c.cue.idx if c.cue is not None and c.cue.lower_ != "according" else c.start, 1, 0, c)
            for c in self.indirect()
        ]
        pending.sort(key=lambda x: (x[0], x[1]))
        kept: list[Candidate] = []
        previous: Candidate | None = None
        for start, _order, end, cand in pending:
            if cand is None:
                cand = self.marked(start, end, previous)
                if cand is None:
                    continue
                previous = cand
            else:
                if cand.speaker is None and cand.cue is not None:
                    cand.speaker = self._speaker_in_clause(cand.cue, sentence_start(self.text, cand.cue.idx))
                if cand.speaker is None or not self._keep_indirect(cand, marked_spans):
                    continue
            nested = cand.kind is QuoteKind.PARTIAL and any(
                k.kind is QuoteKind.INDIRECT and k.start <= cand.start and cand.end <= k.end for k in kept
            )
            if cand.speaker is not None and not nested:
                self.resolver.remember(cand.end, cand.speaker)
                self._learn_title_gender(cand.speaker)
            kept.append(cand)
        return self._drop_covered(self._defer_findings(kept))

    def _defer_findings(self, items: list[Candidate]) -> list[Candidate]:
        """A finding of a thing ("the footage shows", "a review found") inside what a person reports is
        that person's: "Holm said the ad suggests that S" gives S to Holm; "S, the footage showed" next to
        "Holm said S" is the same content and goes."""
        out: list[Candidate] = []
        for cand in items:
            cue = cand.cue
            if cand.kind is QuoteKind.INDIRECT and cue is not None and self._inanimate_finding(cue):
                reporters = [
                    k
                    for k in items
                    if k is not cand
                    and k.speaker is not None
                    and k.cue is not None
                    and k.cue.lower_ != "according"
                    and k.cue.lemma_.lower() not in self.lex.weak_verbs
                    and not self._inanimate_finding(k.cue)
                ]
                outer = [k for k in reporters if k.start <= cue.idx < k.end and _cue_at(k) < cue.idx]
                if outer:
                    reporter = max(outer, key=lambda k: k.start)
                    cand.speaker, cand.confidence = reporter.speaker, min(cand.confidence, 0.5)
                elif any(_spans_match((k.start, k.end), (cand.start, cand.end)) for k in reporters):
                    continue
            out.append(cand)
        return out

    def _inanimate_finding(self, cue: Token) -> bool:
        """A weak cue ("show", "suggest", "find") whose subject is an unnamed thing ("the footage")."""
        if cue.lemma_.lower() not in self.lex.weak_verbs:
            return False
        subj = subject_of(cue)
        if subj is None or subj.pos_ != "NOUN" or subj.ent_type_:
            return False
        if subj.lemma_.lower() in self.lex.title_nouns:
            return False
        phrase = self.resolver.noun_phrase(subj)
        return not any(t.ent_type_ for t in phrase) and subj.lemma_.lower() not in _GROUP_NOUNS

    def _learn_title_gender(self, speaker: Speaker) -> None:
        """ "Mr. Doe" is a man, "Mrs./Ms. Roe" a woman: lets "she said" skip Mr. Doe."""
        before = self.text[max(0, speaker.start - 5) : speaker.start]
        if re.search(r"\bMr\.?\s$", before):
            self.resolver.learn_gender(speaker, "he")
        elif re.search(r"\bM(?:rs|s)\.?\s$", before):
            self.resolver.learn_gender(speaker, "she")

    def _keep_indirect(self, cand: Candidate, marked: list[tuple[int, int]]) -> bool:
        cue_at = cand.cue.idx if cand.cue is not None else cand.start
        for s, e in marked:
            if s <= cue_at < e and not (s <= cand.start and cand.end <= e):
                return False  # reported speech nested in a quote stays inside it
            if s <= cue_at < e and cand.cue is not None and self._weak_or_conditional(cand.cue):
                return False  # "if they think ..." inside a quote is not reported speech
            overlap = min(e, cand.end) - max(s, cand.start)
            if overlap > 0.5 * (cand.end - cand.start) and not (s <= cue_at < e):
                return False
        return True

    def _weak_or_conditional(self, cue: Token) -> bool:
        return cue.lemma_.lower() in self.lex.weak_verbs or any(
            c.dep_ == "mark" and c.lower_ in {"if", "whether", "unless"} for c in cue.children
        )

    def _drop_covered(self, items: list[Candidate]) -> list[Candidate]:
        """A paraphrase holding the same speaker's quoted fragments gives partial items only; a sentence
        attributed "according to X" is X's, not that of a weak verb's subject inside it."""
        out: list[Candidate] = []
        according = [c for c in items if c.cue is not None and c.cue.lower_ == "according"]
        for cand in items:
            weak = cand.cue is not None and cand.cue.lemma_.lower() in self.lex.weak_verbs
            if weak and any(a.start < cand.end and cand.start < a.end for a in according):
                continue
            if cand.kind is QuoteKind.INDIRECT and any(
                other.kind is QuoteKind.PARTIAL
                and cand.start <= other.start
                and other.end <= cand.end + 1
                and _same_speaker(cand.speaker, other.speaker)
                for other in items
            ):
                continue
            if any(
                o is not cand and o.kind is cand.kind and o.start == cand.start and o.end == cand.end
                for o in out
            ):
                continue
            out.append(cand)
        return sorted(out, key=lambda c: (c.start, c.end))


def _cue_at(cand: Candidate) -> int:
    return cand.cue.idx if cand.cue is not None else cand.start


def _spans_match(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Two content spans that overlap by at least half of the shorter one."""
    overlap = min(a[1], b[1]) - max(a[0], b[0])
    return overlap > 0 and overlap >= 0.5 * min(a[1] - a[0], b[1] - b[0])


def _same_speaker(a: Speaker | None, b: Speaker | None) -> bool:
    if a is None or b is None:
        return a is b
    if a.start < b.end and b.start < a.end:
        return True
    return (a.actor.identifier_text or a.actor.entity_text) == (
        b.actor.identifier_text or b.actor.entity_text
    )


def extract_quotes(doc: Doc, article: Article, mentions: tuple[Mention, ...] = ()) -> tuple[Quote, ...]:
    """Every quote of an article with its speaker, cue, medium and addressees, in text order."""
    extractor = _Extractor(doc, article, tuple(mentions or ()))
    quotes: list[Quote] = []
    for n, cand in enumerate(extractor.run(), start=1):
        cue = cand.cue
        speaker = cand.speaker
        medium = extractor.medium(cand)
        quotes.append(
            Quote(
                id=f"{article.id}-q{n}",
                article_id=article.id,
                kind=cand.kind,
                text=article.text[cand.start : cand.end],
                start=cand.start,
                end=cand.end,
                cue=_cue_text(cue) if cue is not None else None,
                cue_start=cue.idx if cue is not None else None,
                cue_end=cue.idx + len(_cue_text(cue)) if cue is not None else None,
                medium=medium,
                speaker=speaker.actor if speaker else None,
                speaker_start=_speaker_span(speaker)[0],
                speaker_end=_speaker_span(speaker)[1],
                addressees=extractor.addressees(cand, medium),
                confidence=cand.confidence if speaker else min(cand.confidence, 0.4),
                provenance=Provenance(article.id, cand.start, cand.end, EXTRACTOR, VERSION),
            )
        )
    return tuple(quotes)


def _speaker_span(speaker: Speaker | None) -> tuple[int | None, int | None]:
    """Where the quote's speaker is mentioned: the named mention it resolves to (FORMAT.md)."""
    if speaker is None:
        return None, None
    return speaker.start, speaker.end


def _cue_text(cue: Token) -> str:
    if cue.lower_ == "according":
        nxt = cue.nbor(1) if cue.i + 1 < len(cue.doc) else None
        return cue.text + (" to" if nxt is not None and nxt.lower_ == "to" else "")
    return cue.text
