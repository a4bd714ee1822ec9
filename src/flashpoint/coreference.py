"""Within-article coreference for actor mentions: surnames, titles ("the minister") and pronouns.

In: the actor phrases of one article (:class:`~flashpoint.actor_phrases.Phrase`, persons already attached to
their titles), the words, the sentence spans and a function telling whether a span is a grammatical subject.
Out: extra :class:`Link` records — a mention span that points at an earlier named phrase.

Heuristics (simple and conservative; an unresolvable mention stays unresolved, distance alone never decides):
- surname: a capitalised word equal to a distinctive name word of a person named in the article ("Asif" ->
  "Khawaja Asif"); the most recent such person before it, else the first one after it;
- nominal: "the minister", "the defence minister", "the spokesman" -> the most recent person whose office or
  title contains those words (spokesman ~ spokesperson ~ spokeswoman, defense ~ defence);
- he/him/his/she/her: the most recent sentence (this one before the pronoun, then up to five before, so
  that "..., he added" after a long quote still finds the speaker) that names a gender-compatible person;
  its subject if that is a person, else its first person;
- it/its/they/them/their: a state or group that is the subject of this sentence (before the pronoun) or of
  the previous one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .actor_phrases import Phrase
from .registry import NAME_PARTICLES, Token

IsSubject = Callable[[int, int], bool]

_MALE = {"he", "him", "his", "himself"}
_FEMALE = {"she", "her", "hers", "herself"}
_PERSON_LOOKBACK = 6  # sentences (a long direct quote ends with "..., he added")
_GROUP = {"it", "its", "they", "them", "their", "theirs", "itself", "themselves"}
_OBJECT_FORMS = {"them", "it"}
_DETERMINERS = {"the", "this", "that"}
_EQUIVALENT = {
    "spokesperson": "spokesman",
    "spokeswoman": "spokesman",
    "defense": "defence",
    "ministry": "minister",
    "chief": "head",
}
_GENERIC_TITLE_WORDS = frozenset(
    "senior deputy top acting former federal provincial official government of for the and".split()
)


@dataclass(frozen=True, slots=True)
class Link:
    """A mention ``[start, end)`` (words ``[i, j)``) that refers to ``antecedent``."""

    i: int
    j: int
    start: int
    end: int
    antecedent: Phrase
    how: str  # surname | nominal | pronoun


def _norm(word: str) -> str:
    return _EQUIVALENT.get(word, word)


def _sentence_of(sentences: Sequence[tuple[int, int]], offset: int) -> int:
    lo, hi = 0, len(sentences) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        s, e = sentences[mid]
        if offset < s:
            hi = mid - 1
        elif offset >= e:
            lo = mid + 1
        else:
            return mid
    return max(0, min(lo, len(sentences) - 1))


def surname_links(
    words: Sequence[Token],
    phrases: Sequence[Phrase],
    covered: Sequence[bool],
    name_words: Callable[[Phrase], Sequence[str]],
) -> list[Link]:
    """Capitalised words not inside any phrase that repeat a distinctive name word of a named person."""
    persons = [p for p in phrases if p.entry_kind == "person" and p.actor is not None]
    index: dict[str, list[Phrase]] = {}
    for person in persons:
        for key in name_words(person):
            if len(key) >= 3 and key not in NAME_PARTICLES:
                index.setdefault(key, []).append(person)
    links: list[Link] = []
    for k, word in enumerate(words):
        if covered[k] or not word.raw[:1].isupper() or word.key not in index:
            continue
        if k + 1 < len(words) and words[k + 1].raw[:1].isupper() and not covered[k + 1]:
            continue  # part of another, unknown full name
        candidates = index[word.key]
        before = [p for p in candidates if p.end <= word.start]
        antecedent = before[-1] if before else candidates[0]
        links.append(Link(k, k + 1, word.start, word.end, antecedent, "surname"))
    return links


def title_words(text: str) -> set[str]:
    """The distinctive words of a title or office ("Minister of Defence" -> {"minister", "defence"})."""
    return {_norm(w) for w in text.lower().replace("-", " ").split()} - _GENERIC_TITLE_WORDS


def _determiner_before(words: Sequence[Token], i: int) -> int | None:
    """Index of "the/this/that" before word ``i``, over at most two modifier words ("the Tajik ...")."""
    for k in range(i - 1, max(-1, i - 4), -1):
        if words[k].key in _DETERMINERS:
            return k
        if not words[k].key.isalpha() or words[k].key in _STOP:
            return None
    return None


_STOP = frozenset("and or but said says of in on to by with a an his her its".split())


def nominal_links(
    words: Sequence[Token],
    titles: Sequence[Phrase],
    persons: Sequence[Phrase],
    person_titles: dict[int, set[str]],
) -> list[Link]:
    """Definite titles ("the minister", "the defence minister") -> the last person holding such a title.

    ``person_titles`` maps a person phrase's start offset to the words of its office and attached titles."""
    links: list[Link] = []
    for title in titles:
        det = _determiner_before(words, title.i)
        if det is None or title.term is None:
            continue
        wanted = title_words(" ".join(w.key for w in words[title.head : title.j] if w.key != "'s"))
        wanted = {w for w in wanted if w in title_words(title.term.text) or w in _QUALIFIERS}
        if not wanted:
            continue
        for person in reversed([p for p in persons if p.end <= title.start]):
            if wanted <= person_titles.get(person.start, set()):
                links.append(Link(det, title.j, words[det].start, title.end, person, "nominal"))
                break
    return links


_ORG_SYNONYMS = {
    "council": {"council", "committee", "commission"},
    "committee": {"committee", "council", "commission"},
    "commission": {"commission", "committee", "council"},
}
_GROUP_NOUNS = {"group", "organisation", "organization", "movement", "outfit", "network", "militia"}
_GROUP_SECTORS = {"REB", "UAF", "PRM", "CRM"}


def organisation_links(
    words: Sequence[Token], agents: Sequence[Phrase], phrases: Sequence[Phrase]
) -> list[Link]:
    """ "the council" -> the last organisation whose name has that noun (council ~ committee ~ commission);
    "the group"/"the movement" -> the last named armed group."""
    links: list[Link] = []
    named = [
        p
        for p in phrases
        if p.kind == "entity" and p.entry_kind not in {"person", "state", None} and p.actor is not None
    ]
    for agent in agents:
        if agent.i == 0 or words[agent.i - 1].key not in _DETERMINERS or agent.j - agent.i != 1:
            continue
        noun = words[agent.i].key
        earlier = [p for p in named if p.end <= agent.start]
        for cand in reversed(earlier):
            assert cand.actor is not None
            name_words = set((cand.actor.identifier_text or "").lower().split()) | {
                w.key for w in words[cand.i : cand.j]
            }
            if (
                noun in _GROUP_NOUNS and cand.actor.sector in _GROUP_SECTORS
            ) or name_words & _ORG_SYNONYMS.get(noun, {noun}):
                links.append(Link(agent.i - 1, agent.j, words[agent.i - 1].start, agent.end, cand, "nominal"))
                break
    return links


_QUALIFIERS = frozenset(
    "defence foreign interior information finance prime home army military police vice supreme".split()
)


def pronoun_links(
    words: Sequence[Token],
    phrases: Sequence[Phrase],
    sentences: Sequence[tuple[int, int]],
    is_subject: IsSubject,
    gender_of: Callable[[Phrase], str | None],
    quoted: Callable[[int], bool] = lambda _offset: False,
) -> list[Link]:
    """he/she/they/it -> the antecedent chosen as described in the module docstring. ``quoted`` tells
    whether an offset lies inside quotation marks: a pronoun outside quotes never points into a quote."""
    persons = [p for p in phrases if p.entry_kind == "person" and p.actor is not None]
    groups = [
        p
        for p in phrases
        if p.entry_kind not in {"person", None}
        and p.actor is not None
        and p.actor.code is not None
        and p.kind in {"entity", "composite"}
    ]
    links: list[Link] = []
    unquoted: tuple[list[Phrase], list[Phrase]] | None = None  # antecedents outside quotes, found once
    for k, word in enumerate(words):
        key = word.key
        if key not in _MALE and key not in _FEMALE and key not in _GROUP:
            continue
        if word.raw.isupper() and len(word.raw) > 1:  # "IT", "US"-style acronyms are not pronouns
            continue
        sent = _sentence_of(sentences, word.start)
        if not quoted(word.start):
            if unquoted is None:
                unquoted = ([p for p in persons if not quoted(p.start)],
                            [p for p in groups if not quoted(p.start)])
            visible, visible_groups = unquoted
        else:
            visible, visible_groups = persons, groups
        if key in _GROUP:
            # an object pronoun ("destroy them") never names the subject of its own clause
            same_sentence = key not in _OBJECT_FORMS or is_subject(word.start, word.end)
            antecedent = _group_antecedent(
                visible_groups, sentences, sent, word.start, is_subject, same_sentence=same_sentence
            )
        else:
            gender = "m" if key in _MALE else "f"
            antecedent = _person_antecedent(
                visible, sentences, sent, word.start, is_subject, gender, gender_of
            )
        if antecedent is not None:
            links.append(Link(k, k + 1, word.start, word.end, antecedent, "pronoun"))
    return links


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Spans between paired straight double quotes, pairing restarting at each line (the Article's NLP text
    has curly quotes already straightened)."""
    spans: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n"):
        marks = [offset + i for i, ch in enumerate(line) if ch == '"']
        spans += [(marks[n], marks[n + 1]) for n in range(0, len(marks) - 1, 2)]
        if len(marks) % 2:  # an opening mark with no close on this line: quoted to the line's end
            spans.append((marks[-1], offset + len(line)))
        offset += len(line) + 1
    return spans


def _in_sentence(
    items: Sequence[Phrase], sentences: Sequence[tuple[int, int]], sent: int, before: int
) -> list[Phrase]:
    s, e = sentences[sent]
    return [p for p in items if s <= p.start < e and p.end <= before]


def _person_antecedent(
    persons: Sequence[Phrase],
    sentences: Sequence[tuple[int, int]],
    sent: int,
    offset: int,
    is_subject: IsSubject,
    gender: str,
    gender_of: Callable[[Phrase], str | None],
) -> Phrase | None:
    for back in range(0, 3):
        if sent - back < 0:
            break
        found = [
            p for p in _in_sentence(persons, sentences, sent - back, offset) if gender_of(p) in (None, gender)
        ]
        if found:
            subjects = [p for p in found if is_subject(p.start, p.end)]
            if back == 0:
                return subjects[-1] if subjects else found[-1]
            return subjects[0] if subjects else found[0]
    return None


def _group_antecedent(
    groups: Sequence[Phrase],
    sentences: Sequence[tuple[int, int]],
    sent: int,
    offset: int,
    is_subject: IsSubject,
    *,
    same_sentence: bool = True,
) -> Phrase | None:
    for back in range(0 if same_sentence else 1, 2):
        if sent - back < 0:
            break
        subjects = [
            p for p in _in_sentence(groups, sentences, sent - back, offset) if is_subject(p.start, p.end)
        ]
        if subjects:
            return subjects[-1] if back == 0 else subjects[0]
    return None
