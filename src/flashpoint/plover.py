"""The PLOVER ontology tables: event types, their quad codes, type scores and modes.

In: the data file ``data/plover.yaml`` (expert-edited; schema ``data/schemas/plover.schema.json``).
Out: :func:`score` (``event_scale``, ``quad_code``) for a type and mode, :func:`quad` , :func:`modes`,
:func:`normalise` (older PLOVER 0.5 names such as DEMAND or FIGHT to current type + mode) and
:func:`validate` (problems in a table, as strings; the loader never raises on a bad entry).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

DATA_FILE = Path(__file__).parent / "data" / "plover.yaml"
QUAD_NAMES = {
    0: "make statement",
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}


@dataclass(frozen=True, slots=True)
class EventType:
    """One PLOVER event type: its quad code, its type score and the scores of its modes."""

    name: str
    quad: int
    score: float
    modes: dict[str, float | None]

    def scale(self, mode: str | None) -> float:
        """The event_scale for ``mode`` (the type score when the mode is unknown or has no score)."""
        if mode is not None:
            value = self.modes.get(mode)
            if value is not None:
                return float(value)
        return float(self.score)


@dataclass(frozen=True, slots=True)
class Ontology:
    types: dict[str, EventType]
    aliases: dict[str, tuple[str, str | None]]
    problems: tuple[str, ...] = ()


def validate(table: Any) -> list[str]:
    """Problems in a parsed ``plover.yaml`` (empty when the table is well formed)."""
    problems: list[str] = []
    if not isinstance(table, dict) or not isinstance(table.get("types"), dict):
        return ["top level must be a mapping with a 'types' mapping"]
    for name, entry in table["types"].items():
        where = f"types.{name}"
        if not isinstance(name, str) or not name.isupper():
            problems.append(f"{where}: type names are upper-case strings")
        if not isinstance(entry, dict):
            problems.append(f"{where}: must be a mapping")
            continue
        if entry.get("quad") not in (1, 2, 3, 4):
            problems.append(f"{where}.quad: must be 1, 2, 3 or 4")
        if not isinstance(entry.get("score"), int | float) or isinstance(entry.get("score"), bool):
            problems.append(f"{where}.score: must be a number")
        modes = entry.get("modes", {})
        if not isinstance(modes, dict):
            problems.append(f"{where}.modes: must be a mapping")
            continue
        for mode, value in modes.items():
            if not isinstance(mode, str) or not mode or mode != mode.lower():
                problems.append(f"{where}.modes: mode names are lower-case strings ({mode!r})")
            if value is not None and (not isinstance(value, int | float) or isinstance(value, bool)):
                problems.append(f"{where}.modes.{mode}: score must be a number or null")
            elif value is not None and not -10 <= value <= 10:
                problems.append(f"{where}.modes.{mode}: score outside -10..10")
    aliases = table.get("aliases", {})
    if not isinstance(aliases, dict):
        problems.append("aliases: must be a mapping")
    else:
        for old, target in aliases.items():
            if (
                not isinstance(target, list)
                or len(target) != 2
                or target[0] not in table["types"]
                or (
                    target[1] is not None
                    and target[1] not in (table["types"][target[0]] or {}).get("modes", {})
                )
            ):
                problems.append(f"aliases.{old}: must be [TYPE, mode-or-null] naming a known type and mode")
    return problems


def _build(table: Any) -> Ontology:
    problems = tuple(validate(table))
    types: dict[str, EventType] = {}
    aliases: dict[str, tuple[str, str | None]] = {}
    if isinstance(table, dict) and isinstance(table.get("types"), dict):
        for name, entry in table["types"].items():
            try:
                raw_modes = (entry.get("modes") or {}).items()
                modes = {str(m): (None if v is None else float(v)) for m, v in raw_modes}
                types[str(name)] = EventType(str(name), int(entry["quad"]), float(entry["score"]), modes)
            except (AttributeError, KeyError, TypeError, ValueError):
                continue  # reported by validate()
        for old, target in (table.get("aliases") or {}).items():
            if isinstance(target, list) and len(target) == 2 and target[0] in types:
                aliases[str(old)] = (str(target[0]), None if target[1] is None else str(target[1]))
    return Ontology(types=types, aliases=aliases, problems=problems)


@functools.lru_cache(maxsize=1)
def ontology() -> Ontology:
    """The PLOVER tables, loaded once from ``data/plover.yaml``."""
    with DATA_FILE.open(encoding="utf-8") as handle:
        return _build(yaml.safe_load(handle))


def event_types() -> tuple[str, ...]:
    return tuple(ontology().types)


def modes(event_type: str) -> tuple[str, ...]:
    entry = ontology().types.get(event_type)
    return tuple(entry.modes) if entry else ()


def normalise(event_type: str, mode: str | None = None) -> tuple[str, str | None]:
    """Map an older PLOVER name (DEMAND, DISAPPROVE, INVESTIGATE, FIGHT) to the current type and mode;
    a mode that is not valid for the type becomes None."""
    name = event_type.strip().upper()
    table = ontology()
    if name in table.aliases:
        name, alias_mode = table.aliases[name]
        mode = mode or alias_mode
    entry = table.types.get(name)
    if entry is None or (mode is not None and mode not in entry.modes):
        mode = None
    return name, mode


def quad(event_type: str) -> int:
    """The quad code of a type (0 = make statement / unknown type)."""
    entry = ontology().types.get(normalise(event_type)[0])
    return entry.quad if entry else 0


def score(event_type: str, mode: str | None = None) -> tuple[float, int]:
    """``(event_scale, quad_code)`` for a PLOVER type and mode; ``(0.0, 0)`` for an unknown type."""
    name, mode = normalise(event_type, mode)
    entry = ontology().types.get(name)
    if entry is None:
        return 0.0, 0
    return entry.scale(mode), entry.quad
