"""Boilerplate detection inside an article's text: promo, share, donation, comment-form and caption lines.

In: a text (an input text file as is, or the body extracted from HTML). Out: the character spans of that
text that are boilerplate (:func:`find_boilerplate`), sorted and non-overlapping. The patterns are data,
not code: ``data/boilerplate.yaml`` (schema ``data/schemas/boilerplate.schema.json``), loaded and validated
by :func:`load_rules`. A rule matches one stripped line; it can blank the whole line, only a prefix or a
suffix of it, and extend over the following lines (a donation appeal under its heading) or to the end of
the text (a comment section).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from .errors import ConfigError

DATA_FILE = Path(__file__).with_name("data") / "boilerplate.yaml"
SCOPES = ("line", "prefix", "suffix")
EXTENSIONS = ("none", "next_paragraphs", "to_end")
_RULE_KEYS = {"id", "description", "pattern", "scope", "max_words", "then", "count", "tail_only"}
_REQUIRED_KEYS = ("id", "description", "pattern", "scope")
DEFAULT_MAX_WORDS = 25
_LINE = re.compile(r"[^\n]*")
_SENTENCE_END = re.compile(r"[.!?\"”’']\W*$")


@dataclass(frozen=True, slots=True)
class Rule:
    """One boilerplate pattern (see the comment at the top of ``boilerplate.yaml``)."""

    id: str
    description: str
    pattern: re.Pattern[str]
    scope: str = "line"
    max_words: int = DEFAULT_MAX_WORDS
    then: str = "none"
    count: int = 1
    tail_only: bool = False


@dataclass(frozen=True, slots=True)
class Line:
    """A non-empty line of a text: ``start``/``end`` bound its stripped content."""

    start: int
    end: int
    text: str


def validate_rules_data(data: object) -> list[str]:
    """Every way ``data`` (the parsed YAML) breaks the boilerplate schema; empty when it is valid."""
    if not isinstance(data, Mapping):
        return ["top level must be a mapping with 'version' and 'rules'"]
    errors: list[str] = []
    if data.get("version") != 1:
        errors.append("'version' must be 1")
    extra = set(data) - {"version", "rules"}
    if extra:
        errors.append(f"unknown top-level keys: {sorted(extra)}")
    rules = data.get("rules")
    if not isinstance(rules, list) or not rules:
        return [*errors, "'rules' must be a non-empty list"]
    seen: set[str] = set()
    for n, rule in enumerate(rules, 1):
        errors.extend(f"rule {n}: {e}" for e in _rule_errors(rule, seen))
    return errors


def _rule_errors(rule: object, seen: set[str]) -> Iterator[str]:
    if not isinstance(rule, Mapping):
        yield "must be a mapping"
        return
    for key in _REQUIRED_KEYS:
        if not isinstance(rule.get(key), str) or not rule.get(key):
            yield f"'{key}' must be a non-empty string"
    extra = set(rule) - _RULE_KEYS
    if extra:
        yield f"unknown keys {sorted(extra)}"
    rule_id = rule.get("id")
    if isinstance(rule_id, str):
        if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", rule_id):
            yield f"id {rule_id!r} must be lower-case words joined by '-'"
        if rule_id in seen:
            yield f"duplicate id {rule_id!r}"
        seen.add(rule_id)
    if rule.get("scope") not in SCOPES:
        yield f"'scope' must be one of {SCOPES}"
    if rule.get("then", "none") not in EXTENSIONS:
        yield f"'then' must be one of {EXTENSIONS}"
    for key, low, high in (("max_words", 1, 100_000), ("count", 1, 10)):
        value = rule.get(key, low)
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            yield f"'{key}' must be an integer in [{low}, {high}]"
    if not isinstance(rule.get("tail_only", False), bool):
        yield "'tail_only' must be true or false"
    pattern = rule.get("pattern")
    if isinstance(pattern, str):
        try:
            re.compile(pattern)
        except re.error as exc:
            yield f"pattern does not compile: {exc}"


def rules_from_data(data: Mapping[str, Any]) -> tuple[Rule, ...]:
    """Build rules from parsed YAML; raises :class:`ConfigError` when it breaks the schema."""
    errors = validate_rules_data(data)
    if errors:
        raise ConfigError("invalid boilerplate patterns: " + "; ".join(errors))
    return tuple(
        Rule(
            id=r["id"],
            description=r["description"],
            pattern=re.compile(r["pattern"], re.IGNORECASE),
            scope=r["scope"],
            max_words=r.get("max_words", DEFAULT_MAX_WORDS),
            then=r.get("then", "none"),
            count=r.get("count", 1),
            tail_only=r.get("tail_only", False),
        )
        for r in data["rules"]
    )


@lru_cache(maxsize=4)
def load_rules(path: Path = DATA_FILE) -> tuple[Rule, ...]:
    """The rules of a boilerplate YAML file (the packaged one by default), validated."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"cannot read boilerplate patterns {path}: {exc}; restore the file") from exc
    return rules_from_data(data)


def iter_lines(text: str, start: int = 0, end: int | None = None) -> Iterator[Line]:
    """The non-empty lines of ``text[start:end]`` with offsets of their stripped content."""
    stop = len(text) if end is None else end
    for m in _LINE.finditer(text, start, stop):
        raw = m.group()
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            s = m.start() + lead
            yield Line(s, s + len(stripped), stripped)


def match_line(line: Line, rules: tuple[Rule, ...]) -> tuple[Rule, int, int] | None:
    """The first rule matching ``line`` and the span it blanks (offsets into the text)."""
    words = len(line.text.split())
    for rule in rules:
        if words > rule.max_words:
            continue
        if rule.scope == "prefix":
            m = rule.pattern.match(line.text)
            if m and m.end() > 0:
                end = line.start + m.end()
                rest = line.text[m.end():]
                end += len(rest) - len(rest.lstrip())
                return rule, line.start, end
            continue
        m = rule.pattern.search(line.text)
        if not m:
            continue
        if rule.scope == "suffix":
            return rule, line.start + m.start(), line.end
        return rule, line.start, line.end
    return None


def find_boilerplate(
    text: str, *, rules: tuple[Rule, ...] | None = None, start: int = 0
) -> list[tuple[int, int]]:
    """Sorted, merged spans of ``text`` (from ``start`` on) that are boilerplate."""
    active = load_rules() if rules is None else rules
    lines = list(iter_lines(text, start))
    spans: list[tuple[int, int]] = []
    skip_until = -1
    for i, line in enumerate(lines):
        if i <= skip_until:
            continue
        found = match_line(line, active)
        if found is None:
            continue
        rule, s, e = found
        spans.append((s, e))
        if rule.then == "next_paragraphs":
            following = _next_paragraphs(text, lines, i, rule.count)
            spans.extend((f.start, f.end) for f in following)
            skip_until = i + len(following)
        elif rule.then == "to_end" and (not rule.tail_only or line.start >= len(text) / 2):
            spans.extend((f.start, f.end) for f in lines[i + 1 :])
            break
    return merge_spans(spans)


def _next_paragraphs(text: str, lines: list[Line], index: int, count: int) -> list[Line]:
    """The lines of the ``count`` paragraphs after ``lines[index]``: a paragraph goes on over a line
    break only when there is no blank line and the line before does not end a sentence (hard wrap)."""
    taken: list[Line] = []
    paragraphs = 0
    for j in range(index + 1, len(lines)):
        new_paragraph = text.count("\n", lines[j - 1].end, lines[j].start) >= 2 or bool(
            _SENTENCE_END.search(lines[j - 1].text)
        )
        if j == index + 1 or new_paragraph:
            paragraphs += 1
            if paragraphs > count:
                break
        taken.append(lines[j])
    return taken


def merge_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sort spans and merge overlapping or touching ones."""
    merged: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        elif e > s:
            merged.append((s, e))
    return merged
