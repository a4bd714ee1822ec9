"""Casualty counts (dead, injured, arrested) stated in a sentence.

In: a parsed sentence (spaCy span) and, optionally, the trigger token of the event they belong to.
Out: :class:`~flashpoint.models.Casualties`. Numbers may be digits ("12"), number words ("forty-two"),
vague words normalised as FORMAT.md says (dozens = 12, scores = 20, hundreds = 100, several = 3,
numerous = 4, a few = 2), or a singular victim ("killed a Taliban commander" = 1).
:class:`Tally` keeps an article's running counts so a restated toll is attached only once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .models import Casualties

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

VAGUE = {
    "multiple": 3,
    "dozens": 12,
    "dozen": 12,
    "scores": 20,
    "hundreds": 100,
    "several": 3,
    "numerous": 4,
    "few": 2,
    "thousands": 1000,
    "tens": 10,
    "many": None,
    "some": None,
}
UNITS = {
    "zero": 0,
    "no": 0,
    "one": 1,
    "a": 1,
    "an": 1,
    "single": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "couple": 2,
    "pair": 2,
}
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
DEAD_VERBS = {
    "kill",
    "slay",
    "murder",
    "execute",
    "assassinate",
    "behead",
    "massacre",
    "gun",
    "shoot",
    "eliminate",
    "neutralize",
    "neutralise",
    "die",
    "perish",
}
DEAD_ADJ = {"dead", "killed", "deaths", "death", "fatalities", "bodies"}
INJURED_VERBS = {"wound", "injure", "hurt", "maim"}
INJURED_ADJ = {"wounded", "injured", "injuries", "hurt"}
ARREST_VERBS = {"arrest", "detain", "capture", "apprehend", "nab", "jail", "imprison", "round"}
CASUALTY_VERBS = DEAD_VERBS | INJURED_VERBS | ARREST_VERBS
ADDITIVE = {"additional", "another", "separate"}  # "in a separate raid, police detained five"
QUANTIFIERS = {"several", "numerous", "multiple", "few", "many"}
CUMULATIVE = re.compile(
    r"\b(since|so far|to date|this year|last year|in total|altogether|over the past|"
    r"in the past|this month|cumulative|in the last|over the last|in recent (?:days|weeks|months))\b",
    re.IGNORECASE,
)
VICTIM_HINT = re.compile(
    r"^(insurgent|militant|fighter|soldier|civilian|people|person|man|men|woman|women|child|children|"
    r"police|policeman|policemen|officer|member|suspect|terrorist|rebel|leader|commander|facilitator|"
    r"troop|guard|worker|protester|student|journalist|individual|attacker|bomber|gunman|gunmen|"
    r"villager|resident|passenger|tribesman|tribesmen|pilgrim|recruit|cadet|personnel|marine|operative|"
    r"associate|extremist|smuggler|emir|deputy|chief|cleric|shadow|sub-commander|subcommander|"
    r"financier|courier|official|employee|staff|hostage|prisoner|detainee|other)s?$",
    re.IGNORECASE,
)


def parse_number(words: list[str]) -> int | None:
    """An integer from number tokens: ``["42"]``, ``["forty", "-", "two"]``, ``["1,200"]``, ``["dozens"]``."""
    total = current = 0
    seen = False
    for raw in words:
        word = raw.lower().strip(",")
        if not word or word in {
            "-",
            "and",
            "at",
            "least",
            "about",
            "around",
            "nearly",
            "some",
            "over",
            "more",
            "than",
            "up",
            "to",
            "almost",
            "approximately",
            "roughly",
            "of",
        }:
            continue
        if re.fullmatch(r"\d[\d,]*", word):
            current += int(word.replace(",", ""))
            seen = True
        elif "-" in word and all(p in UNITS or p in TENS for p in word.split("-")):
            current += sum(UNITS.get(p, 0) + TENS.get(p, 0) for p in word.split("-"))
            seen = True
        elif word in UNITS:
            current += UNITS[word]
            seen = True
        elif word in TENS:
            current += TENS[word]
            seen = True
        elif word in SCALES and seen:
            current = max(current, 1) * SCALES[word]
            if SCALES[word] >= 1000:
                total += current
                current = 0
        elif word in VAGUE and VAGUE[word] is not None and not seen:
            return VAGUE[word]
        else:
            return None
    return total + current if seen else None


def count_of(noun: Token) -> int | None:
    """How many ``noun`` denotes: its numeral, a vague word, "dozens of X", or 1 for a singular victim."""
    nums = [c for c in noun.children if c.dep_ == "nummod"]
    if nums:
        num = nums[0]
        words = [t.text for t in num.subtree]
        value = parse_number(words)
        if value is not None:
            return value
    for child in noun.children:
        if child.dep_ in {"amod", "det", "quantmod"} and child.lower_ in {
            "several",
            "numerous",
            "few",
            "many",
            "multiple",
        }:
            if child.lower_ == "few":
                return 2 if any(t.lower_ == "a" for t in noun.children) else None
            return VAGUE.get(child.lower_)
    left = _leading_quantity(noun)
    if left is not None:
        return left
    low = noun.lower_
    if low in VAGUE or low in UNITS or re.fullmatch(r"\d[\d,]*", low):  # "dozens of militants", "12 of them"
        words = [t.text for t in noun.subtree if t.i <= noun.i]
        return parse_number(words) if words else None
    if noun.tag_ in {"NN", "NNP"} and VICTIM_HINT.match(noun.lemma_ or noun.text):
        return 1
    if noun.tag_ == "NNP" and noun.ent_type_ == "PERSON":
        return 1
    return None


def _leading_quantity(noun: Token) -> int | None:
    """A vague quantifier that opens the noun phrase but was attached to an inner word by the parser
    ("several suspected Islamic Movement of Uzbekistan insurgents": "several" hangs on "Movement")."""
    first = noun.left_edge
    if first.i >= noun.i or first.lower_ not in QUANTIFIERS:
        return None
    if first.lower_ == "few":
        return None
    return VAGUE.get(first.lower_)


def is_person_like(noun: Token) -> bool:
    """A noun that can denote casualties: people, fighters, officials (not weapons, pounds or buildings)."""
    if (
        noun.ent_type_ in {"PERSON", "NORP"}
        or VICTIM_HINT.match(noun.lemma_ or noun.text)
        or VICTIM_HINT.match(noun.text)
    ):
        return True
    if noun.lower_ in VAGUE or noun.like_num or noun.lower_ in {"them", "they", "all", "others", "him"}:
        of = [
            c
            for p in noun.children
            if p.dep_ == "prep" and p.lower_ == "of"
            for c in p.children
            if c.dep_ == "pobj"
        ]
        return not of or is_person_like(of[0])
    return False


def _taken_into_custody(token: Token) -> bool:
    """ "were taken into custody", "took two men into custody"."""
    return token.lemma_.lower() == "take" and any(
        p.dep_ == "prep" and p.lower_ == "into" and any(c.lower_ == "custody" for c in p.children)
        for p in token.children
    )


def _victims_of(verb: Token) -> list[Token]:
    """The patients of a casualty verb: direct object, or the passive subject."""
    objects = [c for c in verb.children if c.dep_ in {"dobj", "obj", "nsubjpass"}]
    if not objects and verb.dep_ in {"acl", "relcl", "amod"} and verb.tag_ == "VBN":
        objects = [verb.head]
    if (
        not objects
        and verb.tag_ == "VBN"
        and verb.dep_ == "conj"
        and not any(c.dep_ in {"aux", "auxpass"} for c in verb.children)
    ):
        # "two were killed and several others detained": a reduced passive conjunct
        objects = [c for c in verb.children if c.dep_ == "nsubj"]
    if not objects and verb.lemma_ in {"die", "perish"}:
        objects = [c for c in verb.children if c.dep_ == "nsubj"]
    return objects


def _in_background(token: Token, sent: Span) -> bool:
    """A relative clause that describes someone ("a commander linked to an attack that killed four")."""
    node = token
    while node.i != sent.root.i and node.head.i != node.i:
        if node.dep_ == "relcl" and node.head.i == sent.root.i and node.head.pos_ == "PROPN":
            return False  # a dateline parsed as the root: "KABUL (May 12) - Five militants were detained"
        if node.dep_ == "pcomp" and node.head.lower_ == "to" and node.head.head.lower_ == "addition":
            node = node.head  # "in addition to detaining three suspects": an act of the same operation
            continue
        if node.dep_ in {"relcl", "pcomp"} or (node.dep_ == "acl" and node.tag_ not in {"VBN", "VBD"}):
            return True
        if (
            node.dep_ == "pobj"
            and node.head.lower_ in {"for", "after", "in"}
            and node.head.head.pos_ == "NOUN"
        ):
            return True
        node = node.head
    return False


def sentence_casualties(sent: Span) -> Casualties:
    """Dead / injured / arrested counts asserted in a sentence (not in background relative clauses)."""
    dead = injured = arrested = None
    if CUMULATIVE.search(sent.text):
        return Casualties()
    for token in sent:
        lem = token.lemma_.lower()
        kind = None
        if lem in DEAD_VERBS and token.pos_ in {"VERB", "ADJ"}:
            kind = "dead"
        elif lem in INJURED_VERBS and token.pos_ in {"VERB", "ADJ"}:
            kind = "injured"
        elif (lem in ARREST_VERBS and token.pos_ in {"VERB", "ADJ"}) or _taken_into_custody(token):
            kind = "arrested"
        if kind is None or _in_background(token, sent):
            continue
        if any(c.dep_ == "neg" for c in token.children):
            continue
        total = 0
        found = False
        for victim in _victims_of(token):
            # "a leader along with one suspected insurgent", "a commander as well as two fighters"
            companions = [
                c
                for p in victim.children
                if p.dep_ == "prep" and p.lower_ == "with"
                for c in p.children
                if c.dep_ == "pobj"
            ]
            companions += [
                c
                for p in victim.children
                if p.dep_ == "prep" and p.lower_ == "along"
                for w in p.children
                if w.lower_ == "with"
                for c in w.children
                if c.dep_ == "pobj"
            ]
            for noun in [victim, *victim.conjuncts, *companions]:
                if not is_person_like(noun):
                    continue
                n = count_of(noun)
                if n is not None:
                    total += n
                    found = True
        if not found:
            continue
        if kind == "dead":
            dead = (dead or 0) + total
        elif kind == "injured":
            injured = (injured or 0) + total
        else:
            arrested = (arrested or 0) + total
    # "left 12 dead", "five people were dead"
    for token in sent:
        if token.lower_ in DEAD_ADJ | INJURED_ADJ and token.dep_ in {
            "oprd",
            "acomp",
            "amod",
            "ccomp",
            "xcomp",
        }:
            subj = [c for c in token.head.children if c.dep_ in {"dobj", "nsubj"} and c.i != token.i]
            n = count_of(subj[0]) if subj else None
            if n is None and token.dep_ == "amod":
                n = count_of(token.head) if token.head.pos_ in {"NOUN", "NUM"} else None
            if n is None:
                continue
            if token.lower_ in DEAD_ADJ and dead is None:
                dead = n
            elif token.lower_ in INJURED_ADJ and injured is None:
                injured = n
    return Casualties(dead=dead, injured=injured, arrested=arrested)


def is_additional(sent: Span) -> bool:
    """The sentence adds to counts given before ("also detained", "an additional suspected insurgent",
    "one other suspect"). An additive word inside the sentence's own list of victims ("the commander and
    three additional suspects") adds to that list only, so it does not count."""
    for token in sent:
        if token.lower_ in ADDITIVE or token.lower_ == "other":
            noun = token.head if token.dep_ in {"amod", "det", "nummod", "compound"} else token
            if not _inside_victim_list(noun):
                return True
        elif token.lower_ == "also" and token.head.lemma_.lower() in CASUALTY_VERBS:
            return True
    return False


def _inside_victim_list(noun: Token) -> bool:
    """``noun`` is a second member of a list of victims: a conjunct or the object of "(along) with"."""
    if noun.dep_ == "conj":
        return True
    return noun.dep_ == "pobj" and noun.head.lower_ in {"with", "plus"}


@dataclass(slots=True)
class Tally:
    """Counts already attached in one article, so that a restated toll is not counted twice."""

    seen: dict[str, set[int]] = field(
        default_factory=lambda: {"dead": set(), "injured": set(), "arrested": set()}
    )

    def fresh(self, found: Casualties, additional: bool = False) -> Casualties:
        """``found`` minus counts this article already reported (same kind, same number), unless the
        sentence marks them as additional ("also detained", "an additional suspect").

        A detention count that is not additional and exceeds the article's largest one restates the
        operation's total ("detained several suspects" ... "detained eight suspects"): only the increase is
        attached, so the article's summed detainees equal the stated total."""
        values: dict[str, int | None] = {}
        for kind in ("dead", "injured", "arrested"):
            n = getattr(found, kind)
            if n is None or (not additional and n <= max(self.seen[kind], default=-1)):
                values[kind] = None
                continue
            before = max(self.seen[kind], default=0)
            self.seen[kind].add(n)
            values[kind] = n if additional or kind != "arrested" else n - before
        return Casualties(**values)
