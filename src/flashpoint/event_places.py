"""Event location: which of an article's places is where an event happened.

In: the spaCy Doc, the :class:`~flashpoint.models.Article`, its resolved places (from
:func:`flashpoint.places.extract_places`), the event's span ``[start, end)`` and optionally the trigger's
start offset. Out: one :class:`~flashpoint.models.Place` or ``None``.

Order of preference: a place attached to the trigger's clause by a locative preposition ("in", "at",
"near", "across", "into", ...) in the dependency parse; else the most specific place of the span; else
the dateline place when the event is in the article's lead. A place that only tells where a speaker or an
outlet is from ("the spokesman in Islamabad said", "Pakistan-based Geo News", "the Kabul delegation") is
never the event's place.
"""

from __future__ import annotations

from typing import Any

from .models import Article, Place
from .nlp import doc_text, token_at
from .toponyms import specificity

LOCATIVE_PREPS = frozenset({"in", "at", "near", "across", "into", "inside", "outside", "along", "within",
                            "around", "throughout", "on", "over", "onto", "towards", "toward", "to",
                            "off", "beyond", "through", "between", "among", "from"})
STRONG_PREPS = frozenset({"in", "at", "near", "across", "into", "inside", "outside", "along", "within",
                          "around", "throughout", "off", "through"})
SPEECH_VERBS = frozenset({"say", "tell", "state", "announce", "claim", "add", "report", "confirm", "warn",
                          "accuse", "deny", "note", "insist", "declare", "allege", "quote", "write",
                          "post", "brief", "explain", "describe", "argue", "stress", "urge", "vow"})
SPEAKER_NOUNS = frozenset({"spokesman", "spokesperson", "spokeswoman", "official", "officials", "ministry",
                           "minister", "office", "embassy", "delegation", "correspondent", "reporter",
                           "source", "sources", "analyst", "analysts", "statement", "government",
                           "authorities", "police", "army", "military", "command", "headquarters",
                           "diplomat", "diplomats", "ambassador", "envoy", "journalist", "agency"})
CONTAINER_NOUNS = frozenset({"village", "villages", "town", "towns", "city", "province", "district", "region",
                             "outskirts", "suburb", "suburbs", "settlement", "settlements", "area", "capital",
                             "governorate", "neighbourhood", "neighborhood", "streets", "centre", "center",
                             "slum", "camp", "quarter", "heart", "part", "parts", "outskirt", "state",
                             "country", "valley", "port", "island", "border"})
WIDE_CONTAINERS = frozenset({"province", "governorate", "region", "state", "country", "district"})
ACTOR_HEADS = frozenset({
    "troop", "force", "soldier", "army", "military", "police", "official", "government", "authority", "jet",
    "warplane", "aircraft", "drone", "strike", "airstrike", "air", "delegation", "president", "minister",
    "spokesman", "side", "leader", "medium", "diplomat", "navy", "marine", "coalition", "fighter", "militant",
    "rebel", "guard", "artillery", "missile", "rocket", "helicopter", "ambassador", "envoy", "negotiator",
    "team", "administration", "sailor", "pilot", "commander", "officer", "intelligence", "warship", "ship",
    "vessel", "patrol", "convoy", "vehicle", "tank", "humvee", "embassy", "consulate", "unit", "battalion",
    "brigade", "division", "personnel", "contractor", "operation"})
ABSTRACT_HEADS = frozenset({"challenge", "concern", "policy", "security", "interest", "stance", "position",
                            "response", "decision", "demand", "claim", "warning", "statement", "relation",
                            "tie", "support", "strategy", "approach", "view", "ally", "allegation"})
DIRECTION_WORDS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast",
                             "southwest", "outside"})
# a place word compounded with one of these is the place's own name ("the Makhmur district", "the Umm
# al-Fahm junction"), not a modifier
NAMED_SITE_NOUNS = CONTAINER_NOUNS | frozenset({"junction", "crossing", "crossroads", "checkpoint", "area",
                                                "areas", "neighbourhoods", "neighborhoods", "districts"})
LEAD_CHARS = 600  # the dateline place stands for events told in the article's opening


def _token_at(doc: Any, offset: int) -> Any:
    return token_at(doc, offset)


def _place_token(doc: Any, place: Place) -> Any:
    span = doc.char_span(place.start, place.end, alignment_mode="expand")
    return span.root if span is not None else None


def _is_origin_only(doc: Any, place: Place, token: Any) -> bool:
    """'Pakistan-based X', 'the spokesman in Islamabad said', 'the Afghan delegation'."""
    after = doc_text(doc)[place.end:place.end + 8].lower()
    if after.startswith(("-based", " based", "-born", "-headquartered")):
        return True
    head = token.head
    if token.dep_ in ("compound", "amod", "nmod", "poss") and head.lemma_.lower() in SPEAKER_NOUNS:
        return _heads_speech(head)
    if token.dep_ == "pobj" and head.dep_ == "prep" and head.head.lemma_.lower() in SPEAKER_NOUNS:
        return _heads_speech(head.head)
    node = _climb(token)[0]  # "the source from Salahudin province told"
    if node.i != token.i and node.dep_ == "pobj" and node.head.dep_ == "prep" and (
            node.head.head.lemma_.lower() in SPEAKER_NOUNS):
        return _heads_speech(node.head.head)
    return False


def _heads_speech(noun: Any) -> bool:
    """Is this noun (a chain of conj/appos up) the subject of a reporting verb?"""
    node = noun
    for _ in range(4):
        if node.dep_ in ("nsubj", "nsubjpass") and node.head.lemma_.lower() in SPEECH_VERBS:
            return True
        if node.dep_ in ("conj", "appos", "compound") and node.head.i != node.i:
            node = node.head
            continue
        return False
    return False


def _climb(token: Any) -> tuple[Any, str]:
    """From a place token up to the phrase that attaches it: "Sadr City" <- compound, "Arbin, Hawsh" <-
    conj, "the village of X" <- of. Returns the node and the container noun passed ("" if none)."""
    node, container = token, ""
    for _ in range(4):
        if node.dep_ in ("conj", "appos", "compound"):
            if node.head.i == node.i:
                break
            node = node.head
        elif node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.lower_ in CONTAINER_NOUNS:
            node = node.head.head
            container = node.lower_
        elif (node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.lower_ in DIRECTION_WORDS
              and node.head.head.dep_ in ("pobj", "advmod", "npadvmod", "amod")):
            direction = node.head.head  # "on a bridge west of X", "a bridge west of X"
            node = direction if direction.dep_ == "pobj" else direction.head
        else:
            break
    return node, container


def _is_modifier(token: Any) -> bool:
    """'US air strike', 'Afghan border guards', "Islamabad's security challenges": a place word modifying
    an actor or an abstract noun names an owner or an origin, not where something happened."""
    if token.dep_ == "poss" and token.head.lemma_.lower() in ABSTRACT_HEADS:
        return True
    if token.dep_ not in ("compound", "amod", "poss", "nmod"):
        return False
    return token.head.lemma_.lower() in ACTOR_HEADS


def _attachment(token: Any, trigger: Any) -> int:
    strength = _raw_attachment(token, trigger)
    if token.dep_ == "compound" and token.head.pos_ == "NOUN" and token.head.lower_ not in NAMED_SITE_NOUNS:
        strength -= 1  # "the Mideast war", "Hong Kong people": a modifier, weaker than a named place
    return max(strength, 0)


def _raw_attachment(token: Any, trigger: Any) -> int:
    """How well a place token attaches to the trigger: 4 = locative prep or object of the trigger itself,
    3 = locative prep in the trigger's clause, 2/1 = a (weaker) locative prep elsewhere, 0 = none."""
    node, _ = _climb(token)
    head = node.head
    if trigger is not None and node.dep_ in ("dobj", "nsubjpass") and head.i == trigger.i:
        return 4
    if node.dep_ != "pobj" or head.lower_ not in LOCATIVE_PREPS:
        return 0
    strength = 2 if head.lower_ in STRONG_PREPS else 1
    if trigger is None:
        return strength
    verb = head.head
    via_from = head.lower_ == "from"
    for _ in range(6):
        if verb.i == trigger.i:
            return strength + 2
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        via_from = via_from or verb.lower_ == "from"
        if via_from and verb.dep_ in ("nsubj", "nsubjpass") and verb.head.i == trigger.i:
            return strength  # "the bomber, from a village near X, detonated": where the subject is from
        verb = verb.head
    ancestor = verb
    for _ in range(3):
        if ancestor.i == trigger.i:
            return strength + 1
        if ancestor.head.i == ancestor.i:
            break
        ancestor = ancestor.head
    return strength


def _is_container(token: Any, others: list[Any]) -> bool:
    """'Sadr City in eastern Baghdad', 'the slum of Sadr City in Baghdad', 'Kabul, Afghanistan': the place
    only says where another one (just before it) is."""
    head = token.head
    if token.dep_ == "pobj" and head.lower_ in ("in", "of", "near") and head.head.pos_ in ("NOUN", "PROPN"):
        noun = head.head
        for o in others:
            if head.lower_ == "of" and o.dep_ == "compound" and o.head.i == noun.i:
                continue  # "the Baghdad neighbourhood of X": X is the specific place, Baghdad its container
            if o.i < token.i and (abs(noun.i - o.i) <= 3 or (o.dep_ == "compound" and o.head.i == noun.i)):
                return True
    if token.dep_ == "compound" and any(
            child.lower_ == "of" and any(g.i == o.i for g in child.children for o in others)
            for child in token.head.children):
        return True  # "the Baghdad neighbourhood of X"
    return token.dep_ in ("appos", "npadvmod") and any(
        token.head.i == o.i or (o.dep_ == "compound" and o.head.i == token.head.i) for o in others)


def locate_event(doc: Any, article: Article, places: tuple[Place, ...] | list[Place], start: int, end: int,
                 trigger_start: int | None = None) -> Place | None:
    """The place where the event expressed in ``[start, end)`` happened, or None."""
    trigger = _token_at(doc, trigger_start) if trigger_start is not None else None
    inside = [p for p in places if p.start >= start and p.end <= end]  # unplaced marked names too
    tokens = {id(p): _place_token(doc, p) for p in inside}
    place_tokens = [t for t in tokens.values() if t is not None]
    scored: list[tuple[float, Place]] = []
    for place in inside:
        token = tokens[id(place)]
        if token is None or _is_origin_only(doc, place, token) or _is_modifier(token):
            continue
        attached = _attachment(token, trigger)
        distance = abs(place.start - trigger_start) if trigger_start is not None else 0
        level = specificity(place.feature)
        if _climb(token)[1] in WIDE_CONTAINERS:
            level = min(level, 2)  # "the province of Damascus" names the province
        score = 10 * attached + 2 * level - distance / 1000
        if _is_container(token, [t for t in place_tokens if t.i != token.i]) or any(
                0 < place.start - other.end <= 3 and other.start >= start for other in inside):
            score -= 12  # "Sadr City in Baghdad", "Kabul, Afghanistan": the container is not the place
        scored.append((score, place))
    if scored:
        return max(scored, key=lambda item: item[0])[1]
    if article.dateline_span and start < LEAD_CHARS + article.dateline_span[1]:
        for place in places:
            if place.start >= article.dateline_span[0] and place.end <= article.dateline_span[1] + 1:
                return place
    return None
