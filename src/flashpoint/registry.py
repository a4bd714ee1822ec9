"""The actor registry: states, organisations, armed groups, media and persons with dated offices.

In: the data files under ``data/actors/`` (YAML, each validated against ``data/schemas/<name>.schema.json``)
plus the ISO 3166 country list from :mod:`pycountry`. Out: a cached :class:`Registry` that

- indexes every alias as a tuple of normalised tokens (:func:`alias_key`) and as a transliteration-tolerant
  *skeleton* (Tehrik/Tehreek, Zabihullah/Zabiullah, Mohammed/Muhammad), for phrase matching in text;
- codes an entry on a date (:meth:`Registry.coding`): a person's office held on that day, the Taliban as
  ``AFG REB`` before 2021-08-15 and ``AFG GOV`` from then on;
- answers :meth:`Registry.lookup` for a free-text name, and holds the lexicon of generic agents
  ("security forces" = MIL), titles ("Defence Minister" = GOV) and non-actors ("analysts").

Alias roles: a state's ``name`` and ``capital`` (metonymy: "Islamabad" = Pakistan's government) and its
``adjective`` ("Pakistani", as in "Pakistani airstrikes") code the government (GOV); its ``people``
("Pakistanis") code civilians (CVL); a ``region`` ("Balochistan") gives the country with no sector.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from .cache import cache_dir, load_or_build, package_version
from .errors import ExtractionError
from .models import Actor
from .validation import validate

DATA_FILES = ("states", "organisations", "persons", "agents", "ambiguous")
ROLE_SECTOR: dict[str, str | None] = {
    "name": "GOV",
    "capital": "GOV",
    "adjective": "GOV",
    "people": "CVL",
    "region": None,
}
# Role preference when one alias has several roles of the same entry (e.g. "Afghan" adjective vs people).
ROLE_ORDER = ("name", "adjective", "capital", "people", "region")
# Name words that never identify a person on their own ("Khan", "Muhammad", "Mullah").
NAME_PARTICLES = frozenset(
    {
        "khan",
        "ali",
        "muhammad",
        "mohammad",
        "mohammed",
        "muhammed",
        "abdul",
        "ahmed",
        "ahmad",
        "al",
        "bin",
        "ibn",
        "mullah",
        "sheikh",
        "haji",
        "syed",
        "sayed",
        "mawlawi",
        "maulvi",
        "maulana",
        "mufti",
        "mr",
        "mrs",
        "ms",
        "dr",
        "sir",
        "de",
        "van",
        "von",
        "der",
        "la",
        "le",
        "el",
        "abu",
        "ul",
        "ur",
        "the",
        "jan",
        "shah",
        "din",
        "uddin",
        "ullah",
        "general",
        "king",
        "prince",
        "president",
        "ayatollah",
        "jr",
        "ii",
        "iii",
        "george",
        "john",
        "hassan",
        "hasan",
        "hussein",
        "abdullah",
        "omar",
        "umar",
        "mohamed",
        "hamid",
        "abdel",
        "salman",
        "david",
        "michael",
    }
)
_TOKEN_RE = re.compile(r"[^\W_](?:\.[^\W_])+\.?|[^\W_]+|'s\b|\S")
_FUZZY_MIN_LEN = 10
_FUZZY_CUTOFF = 90.0


# ------------------------------------------------------------------------------------------ text keys


@dataclass(frozen=True, slots=True)
class Token:
    """A word of the text: its raw form, its normalised key and its character span."""

    raw: str
    key: str
    start: int
    end: int


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalise_token(raw: str) -> str:
    """Lower-case, accents and dots removed ("U.S." -> "us", "Pérez" -> "perez"); curly apostrophes folded."""
    if raw.isascii():
        return raw.lower().replace(".", "")
    return strip_accents(raw).lower().replace(".", "").replace("\u2019", "'")


def tokenize(text: str) -> list[Token]:
    """Words, abbreviations with dots ("U.N."), the possessive "'s" and single punctuation marks."""
    tokens = []
    for m in _TOKEN_RE.finditer(text.replace("\u2019", "'")):
        raw = text[m.start() : m.end()]
        tokens.append(Token(raw=raw, key=normalise_token(raw), start=m.start(), end=m.end()))
    return tokens


_JOINERS = {"-", "'"}


def _alias_tokens(alias: str) -> list[Token]:
    tokens = [t for t in tokenize(alias) if t.key not in _JOINERS and t.key not in {".", ","}]
    if len(tokens) > 1 and tokens[0].key == "the":
        tokens = tokens[1:]
    return tokens


def alias_key(alias: str) -> tuple[str, ...]:
    """The normalised token tuple of an alias: hyphens and apostrophes dropped ("Tehrik-e-Taliban" ->
    ("tehrik", "e", "taliban")); a leading "the" dropped."""
    return tuple(t.key for t in _alias_tokens(alias))


def case_shape(raw: str) -> str:
    """``U`` for an acronym ("TTP", "U.S."), ``T`` for a capitalised word, ``x`` otherwise."""
    letters = [c for c in raw if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return "U"
    return "T" if raw[:1].isupper() else "x"


def case_fits(pattern: Sequence[str], raws: Sequence[str]) -> bool:
    """Whether text words fit an alias's capitalisation: acronyms must be upper-case in the text,
    capitalised alias words capitalised; lower-case alias words ("e", "al", "of") match any case."""
    for shape, raw in zip(pattern, raws, strict=True):
        if shape == "U" and case_shape(raw) != "U":
            return False
        if shape == "T" and not raw[:1].isupper():
            return False
    return True


def skeleton(word: str) -> str:
    """A transliteration-tolerant key: the first letter, then consonants without 'h', doubles merged."""
    if not word:
        return word
    body = [c for c in word[1:] if c.isalpha() and c not in "aeiouyh"]
    out = [word[0]]
    for c in body:
        if c != out[-1]:
            out.append(c)
    return "".join(out)


def skeleton_key(key: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(skeleton(k) for k in key)


def parse_date(value: Any) -> dt.date | None:
    """A ``date`` from YAML, or from a string ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value)
    parts = text.split("-")
    year = int(parts[0])
    month = int(parts[1]) if len(parts) > 1 else 1
    day = int(parts[2]) if len(parts) > 2 else 1
    return dt.date(year, month, day)


# ------------------------------------------------------------------------------------------ records


@dataclass(frozen=True, slots=True)
class Coding:
    """How an entry is coded over a period (open ends = unbounded)."""

    code: str
    sector: str | None
    office: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None

    def covers(self, on: dt.date) -> bool:
        return (self.start is None or self.start <= on) and (self.end is None or on <= self.end)


@dataclass(frozen=True, slots=True)
class Entry:
    """One registry actor. ``kind``: state, igo, ngo, group, party, agency, media, company or person."""

    id: str
    kind: str
    name: str
    aliases: tuple[str, ...]
    codings: tuple[Coding, ...]
    fallback: Coding | None = None  # persons: how to code them when no office covers the date
    country: str | None = None
    gender: str | None = None  # persons: "m" / "f" when known (pronoun agreement)


@dataclass(frozen=True, slots=True)
class AliasTarget:
    """What an alias points at: an entry and the alias role (see module docstring)."""

    entry_id: str
    role: str = "name"


@dataclass(frozen=True, slots=True)
class AgentTerm:
    """A generic agent noun, a title, or a non-actor word from ``agents.yaml``."""

    text: str
    kind: str  # agent | title | non_actor
    sector: str | None = None
    plural: bool = False
    person: bool = False  # titles and singular person nouns ("spokesman") denote one person
    government_sector: str | None = None  # sector when a government is the modifier ("Taliban fighters")


@dataclass
class Registry:
    """The loaded registry; build it with :func:`load_registry`."""

    entries: dict[str, Entry] = field(default_factory=dict)
    aliases: dict[tuple[str, ...], list[AliasTarget]] = field(default_factory=dict)
    alias_case: dict[tuple[str, ...], set[tuple[str, ...]]] = field(default_factory=dict)  # case shapes
    skeletons: dict[tuple[str, ...], list[tuple[str, ...]]] = field(default_factory=dict)
    agents: dict[tuple[str, ...], AgentTerm] = field(default_factory=dict)
    ambiguous: dict[tuple[str, ...], str] = field(default_factory=dict)  # alias key -> rule
    surnames: dict[str, list[str]] = field(default_factory=dict)  # last name -> person entry ids
    max_alias_len: int = 1
    max_agent_len: int = 1
    _fuzzy_choices: list[str] = field(default_factory=list)
    _fuzzy_keys: list[tuple[str, ...]] = field(default_factory=list)
    # (query, number of choices) -> index of the best fuzzy choice (None: none close enough); the same
    # phrases come back article after article and a fuzzy search over every alias is the slow part
    _fuzzy_memo: dict[tuple[str, int], int | None] = field(default_factory=dict, repr=False, compare=False)

    # -- building

    def add_entry(self, entry: Entry, roles: Mapping[str, Iterable[str]] | None = None) -> None:
        self.entries[entry.id] = entry
        self._add_alias(entry.name, AliasTarget(entry.id, "name"))
        for alias in entry.aliases:
            self._add_alias(alias, AliasTarget(entry.id, "name"))
        for role, names in (roles or {}).items():
            for alias in names:
                self._add_alias(alias, AliasTarget(entry.id, role))

    def add_surnames(self, entry: Entry) -> None:
        """Index the last word of a person's names ("Bush", "Mugabe"), used only next to a title or when
        NER marks the word as a person (a surname alone is not an alias)."""
        for name in (entry.name, *entry.aliases):
            key = alias_key(name)
            if len(key) >= 2 and len(key[-1]) >= 4 and key[-1] not in NAME_PARTICLES:
                ids = self.surnames.setdefault(key[-1], [])
                if entry.id not in ids:
                    ids.append(entry.id)

    def person_by_surname(self, word: str, on: dt.date | None) -> Entry | None:
        """The registry person with this last name (the one in office on ``on`` when several share it)."""
        ids = self.surnames.get(normalise_token(word), [])
        people = [self.entries[i] for i in ids]
        if not people:
            return None
        if on is not None:
            for person in people:
                if any(c.covers(on) for c in person.codings):
                    return person
        return people[0]

    def _add_alias(self, alias: str, target: AliasTarget) -> None:
        key = alias_key(alias)
        if not key:
            return
        targets = self.aliases.setdefault(key, [])
        self.alias_case.setdefault(key, set()).add(tuple(case_shape(t.raw) for t in _alias_tokens(alias)))
        same_entry = [t for t in targets if t.entry_id == target.entry_id]
        if same_entry:  # keep the preferred role only
            if ROLE_ORDER.index(target.role) < ROLE_ORDER.index(same_entry[0].role):
                targets[targets.index(same_entry[0])] = target
            return
        targets.append(target)
        self.max_alias_len = max(self.max_alias_len, len(key))
        if len(key) >= 2 or len(key[0]) >= 7:
            skel = skeleton_key(key)
            bucket = self.skeletons.setdefault(skel, [])
            if key not in bucket:
                bucket.append(key)
        joined = " ".join(key)
        if len(joined) >= _FUZZY_MIN_LEN:
            self._fuzzy_choices.append(joined)
            self._fuzzy_keys.append(key)

    def add_agent(self, term: AgentTerm) -> None:
        key = alias_key(term.text)
        if key:
            self.agents[key] = term
            self.max_agent_len = max(self.max_agent_len, len(key))

    # -- querying

    def targets(self, key: tuple[str, ...]) -> list[AliasTarget]:
        return self.aliases.get(key, [])

    def case_ok(self, key: tuple[str, ...], raws: Sequence[str]) -> bool:
        """Whether the text spelling ``raws`` fits one of the alias's registered capitalisations."""
        return any(case_fits(p, raws) for p in self.alias_case.get(key, ()) if len(p) == len(raws))

    def choose(self, key: tuple[str, ...], on: dt.date | None) -> AliasTarget | None:
        """The target of an alias on a date; a declared ambiguous alias prefers the entry in office then."""
        targets = self.aliases.get(key)
        if not targets:
            return None
        if len(targets) == 1 or on is None:
            return targets[0]
        for target in targets:
            entry = self.entries[target.entry_id]
            if entry.kind == "person" and any(c.covers(on) for c in entry.codings):
                return target
        return targets[0]

    def coding(self, entry: Entry, on: dt.date | None) -> Coding | None:
        """The coding in force on ``on`` (None = the latest one); a person's fallback when out of office."""
        if not entry.codings:
            return entry.fallback
        if on is None:
            open_ended = [c for c in entry.codings if c.end is None]
            pool = open_ended or list(entry.codings)
            return max(pool, key=lambda c: c.start or dt.date.min)
        covering = [c for c in entry.codings if c.covers(on)]
        if covering:  # the most recently started office wins (a president who is also party leader)
            return max(covering, key=lambda c: c.start or dt.date.min)
        if entry.fallback is not None:
            return entry.fallback
        # an organisation before its first or after its last coding: the nearest one
        return min(entry.codings, key=lambda c: _distance(c, on))

    def actor(
        self,
        target: AliasTarget,
        text: str,
        on: dt.date | None,
        start: int | None = None,
        end: int | None = None,
    ) -> Actor:
        """The :class:`Actor` an alias target stands for on a date."""
        entry = self.entries[target.entry_id]
        coding = self.coding(entry, on)
        code = coding.code if coding else entry.country
        sector = coding.sector if coding else None
        if entry.kind == "state":
            sector = ROLE_SECTOR.get(target.role, sector)
        return Actor(
            entity_text=text,
            identifier_text=entry.name,
            code=code,
            sector=sector,
            office=coding.office if coding else None,
            registry_id=entry.id,
            start=start,
            end=end,
        )

    def find_key(self, key: tuple[str, ...]) -> tuple[str, ...] | None:
        """An indexed alias key equal to ``key`` or, for long names, equal up to transliteration."""
        if key in self.aliases:
            return key
        if len(key) >= 2 or (key and len(key[0]) >= 7):
            candidates = self.skeletons.get(skeleton_key(key))
            if candidates:
                from rapidfuzz import fuzz

                joined = " ".join(key)
                best = max(candidates, key=lambda k: fuzz.ratio(joined, " ".join(k)))
                if fuzz.ratio(joined, " ".join(best)) >= 80:
                    return best
        return None

    def lookup(self, text: str, on: dt.date | None = None) -> Actor | None:
        """Resolve a name ("Tehreek-e-Taliban Pakistan", "Islamabad", "Zabiullah Mujahid") to an actor.

        Exact normalised alias first, then the transliteration skeleton, then rapidfuzz (ratio >= 90) over
        aliases of at least 10 characters. Generic agents and titles are not resolved here (see
        :func:`flashpoint.actors.resolve_name`)."""
        key = alias_key(text)
        if key and key[-1] == "'s":
            key = key[:-1]
        if not key:
            return None
        found = self.find_key(key)
        if found is None and len(" ".join(key)) >= _FUZZY_MIN_LEN:
            best = self._fuzzy_best(" ".join(key))
            if best is not None:
                found = self._fuzzy_keys[best]
        if found is None:
            return None
        target = self.choose(found, on)
        return self.actor(target, text.strip(), on) if target else None

    def _fuzzy_best(self, query: str) -> int | None:
        """Index of the alias closest to ``query`` by rapidfuzz ratio (at least the cut-off), remembered."""
        memo_key = (query, len(self._fuzzy_choices))
        if memo_key in self._fuzzy_memo:
            return self._fuzzy_memo[memo_key]
        from rapidfuzz import fuzz, process

        best = process.extractOne(query, self._fuzzy_choices, scorer=fuzz.ratio, score_cutoff=_FUZZY_CUTOFF)
        if len(self._fuzzy_memo) >= 50_000:
            self._fuzzy_memo.clear()
        self._fuzzy_memo[memo_key] = None if best is None else int(best[2])
        return self._fuzzy_memo[memo_key]

    def entry(self, entry_id: str) -> Entry | None:
        return self.entries.get(entry_id)

    def collisions(self) -> dict[tuple[str, ...], list[AliasTarget]]:
        """Aliases pointing at more than one entry and not declared in ``ambiguous.yaml``."""
        return {k: v for k, v in self.aliases.items() if len(v) > 1 and k not in self.ambiguous}


def _distance(coding: Coding, on: dt.date) -> int:
    if coding.start and on < coding.start:
        return (coding.start - on).days
    if coding.end and on > coding.end:
        return (on - coding.end).days
    return 0


# ------------------------------------------------------------------------------------------ loading


def _data_text(*parts: str) -> str:
    node = resources.files("flashpoint").joinpath("data", *parts)
    return node.read_text(encoding="utf-8")


def load_data_file(name: str) -> dict[str, Any]:
    """Read ``data/actors/<name>.yaml`` and validate it against ``data/schemas/actors_<name>.schema.json``.

    Raises :class:`ExtractionError` naming the file and every violation when it does not validate."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = _jsonable(yaml.load(_data_text("actors", f"{name}.yaml"), Loader=loader) or {})
    schema = json.loads(_data_text("schemas", f"actors_{name}.schema.json"))
    errors = validate(data, schema)
    if errors:
        shown = "; ".join(errors[:10])
        raise ExtractionError(f"data/actors/{name}.yaml does not match its schema: {shown}")
    return dict(data)


def _jsonable(value: Any) -> Any:
    """YAML gives ``date`` objects for ISO dates; the schemas (and JSON) see them as strings."""
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _coding(raw: Mapping[str, Any], default_code: str | None = None) -> Coding:
    return Coding(
        code=str(raw.get("code") or default_code or "UNK"),
        sector=raw.get("sector"),
        office=raw.get("title") or raw.get("office"),
        start=parse_date(raw.get("from")),
        end=parse_date(raw.get("to")),
    )


def _pycountry_names(country: Any) -> list[str]:
    """ISO names, inverted where ISO puts a comma ("Korea, Republic of" -> "Republic of Korea")."""
    names = []
    for attr in ("common_name", "name", "official_name"):
        value = getattr(country, attr, None)
        if not value:
            continue
        if value.count(",") == 1 and value.split(",")[1].strip().split()[-1:] in (["of"], ["the"]):
            head, tail = (part.strip() for part in value.split(","))
            value = f"{tail} {head}"
        names.append(value.removeprefix("the "))
    return list(dict.fromkeys(names))


def _load_states(registry: Registry, data: Mapping[str, Any]) -> None:
    import pycountry

    extra = {row["code"]: row for row in data.get("states", [])}
    for country in pycountry.countries:
        row = extra.pop(country.alpha_3, {})
        _add_state(registry, country.alpha_3, _pycountry_names(country), row)
    for code, row in extra.items():  # codes pycountry lacks (Kosovo) or CAMEO-only ones
        _add_state(registry, code, [], row)


def _add_state(registry: Registry, code: str, iso_names: Sequence[str], row: Mapping[str, Any]) -> None:
    names = list(dict.fromkeys([*row.get("names", []), *iso_names]))
    if not names:
        return
    canonical = row.get("canonical") or names[0]
    entry = Entry(
        id=f"state:{code}",
        kind="state",
        name=canonical,
        aliases=tuple(names[1:]),
        codings=(Coding(code=code, sector="GOV"),),
        country=code,
    )
    roles = {
        "capital": row.get("capitals", []),
        "adjective": row.get("adjectives", []),
        "people": row.get("people", []),
        "region": row.get("regions", []),
    }
    registry.add_entry(entry, roles)


def _load_organisations(registry: Registry, data: Mapping[str, Any]) -> None:
    for row in data.get("organisations", []):
        codings = tuple(_coding(c) for c in row["codings"])
        registry.add_entry(
            Entry(
                id=row["id"],
                kind=row["kind"],
                name=row["name"],
                aliases=tuple(row.get("aliases", [])),
                codings=codings,
                country=codings[0].code if codings else None,
            )
        )


def _load_persons(registry: Registry, data: Mapping[str, Any]) -> None:
    for row in data.get("persons", []):
        country = row.get("country")
        codings = tuple(_coding(o, country) for o in row.get("offices", []))
        fallback_raw = row.get("fallback")
        fallback = _coding(fallback_raw, country) if fallback_raw else None
        entry = Entry(
            id=row["id"],
            kind="person",
            name=row["name"],
            aliases=tuple(row.get("aliases", [])),
            codings=codings,
            fallback=fallback,
            country=country,
            gender=row.get("gender"),
        )
        registry.add_entry(entry)
        registry.add_surnames(entry)


def _load_agents(registry: Registry, data: Mapping[str, Any]) -> None:
    for group in data.get("agents", []):
        for word in group["words"]:
            registry.add_agent(
                AgentTerm(
                    text=word,
                    kind="agent",
                    sector=group.get("sector"),
                    plural=bool(group.get("plural", False)),
                    person=bool(group.get("person", False)),
                    government_sector=group.get("government_sector"),
                )
            )
    for group in data.get("titles", []):
        for word in group["words"]:
            registry.add_agent(AgentTerm(text=word, kind="title", sector=group.get("sector"), person=True))
    for word in data.get("non_actors", []):
        registry.add_agent(AgentTerm(text=word, kind="non_actor"))


def build_registry(files: Mapping[str, Mapping[str, Any]]) -> Registry:
    """Build a registry from already-loaded data files (tests use this with hand-made data)."""
    registry = Registry()
    _load_states(registry, files.get("states", {}))
    _load_organisations(registry, files.get("organisations", {}))
    _load_persons(registry, files.get("persons", {}))
    _load_agents(registry, files.get("agents", {}))
    for row in files.get("ambiguous", {}).get("aliases", []):
        registry.ambiguous[alias_key(row["alias"])] = row["rule"]
    return registry


def cache_path() -> Path:
    """Where the built registry is kept (the gazetteer's cache directory, never inside the package), named
    by a digest of everything it is built from: this code, the validator, the data files and schemas, the
    versions of flashpoint and pycountry."""
    from . import validation

    versions = [package_version(package) for package in ("flashpoint", "pycountry")]
    digest = hashlib.sha256("|".join(versions).encode())
    for path in (Path(__file__), Path(validation.__file__)):
        digest.update(path.read_bytes())
    for name in DATA_FILES:
        digest.update(_data_text("actors", f"{name}.yaml").encode())
        digest.update(_data_text("schemas", f"actors_{name}.schema.json").encode())
    return cache_dir() / f"registry-{digest.hexdigest()[:16]}.pickle"


@functools.lru_cache(maxsize=1)
def load_registry() -> Registry:
    """The registry from the packaged data files (loaded and validated once per process; the built registry
    is cached as a pickle and rebuilt whenever any of its sources changes)."""
    def build() -> Registry:
        return build_registry({name: load_data_file(name) for name in DATA_FILES})

    return load_or_build(cache_path(), Registry, build, "registry-*.pickle")
