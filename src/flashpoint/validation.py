"""A small JSON Schema validator for Flashpoint's own data files (no third-party dependency).

In: a parsed YAML/JSON document and a JSON Schema (draft 2020-12 subset). Out: a list of error strings,
each naming the JSON path of the offending value; an empty list means valid.

Supported keywords: ``type`` (string or list), ``properties``, ``required``, ``additionalProperties``
(bool or schema), ``items``, ``enum``, ``const``, ``pattern``, ``minLength``, ``minItems``, ``minimum``,
``maximum``, ``uniqueItems``, ``$defs`` with local ``$ref`` (``#/$defs/name``), ``anyOf``, ``oneOf``.
That is everything the schemas under ``data/schemas/`` use; the full ``jsonschema`` package gives the same
verdicts on them when it is installed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

_TYPES: dict[str, tuple[type, ...]] = {
    "object": (dict,),
    "array": (list,),
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "null": (type(None),),
}


def _is_type(value: Any, name: str) -> bool:
    if name in ("integer", "number") and isinstance(value, bool):
        return False
    return isinstance(value, _TYPES[name])


def _resolve(ref: str, root: Mapping[str, Any]) -> Mapping[str, Any]:
    if not ref.startswith("#/"):
        raise ValueError(f"only local $ref is supported, got {ref!r}")
    node: Any = root
    for part in ref[2:].split("/"):
        node = node[part]
    return dict(node)


def validate(instance: Any, schema: Mapping[str, Any]) -> list[str]:
    """Every violation of ``schema`` by ``instance`` as ``'$.path: message'`` strings."""
    errors: list[str] = []
    _check(instance, schema, schema, "$", errors)
    return errors


def _check(
    value: Any, schema: Mapping[str, Any], root: Mapping[str, Any], path: str, errors: list[str]
) -> None:
    if "$ref" in schema:
        _check(value, _resolve(schema["$ref"], root), root, path, errors)
    if "type" in schema:
        names = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(_is_type(value, n) for n in names):
            errors.append(f"{path}: expected {'/'.join(names)}, got {type(value).__name__}")
            return
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{path}: {value!r} is not one of {schema['enum']}")
    if "const" in schema and value != schema["const"]:
        errors.append(f"{path}: {value!r} != {schema['const']!r}")
    for key in ("anyOf", "oneOf"):
        if key in schema:
            passing = sum(1 for sub in schema[key] if not validate_sub(value, sub, root))
            if passing == 0 or (key == "oneOf" and passing > 1):
                errors.append(f"{path}: matches {passing} of the {key} alternatives")
    if isinstance(value, str):
        if "minLength" in schema and len(value) < schema["minLength"]:
            errors.append(f"{path}: shorter than {schema['minLength']}")
        if "pattern" in schema and not re.search(schema["pattern"], value):
            errors.append(f"{path}: {value!r} does not match {schema['pattern']!r}")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if "minimum" in schema and value < schema["minimum"]:
            errors.append(f"{path}: {value} < {schema['minimum']}")
        if "maximum" in schema and value > schema["maximum"]:
            errors.append(f"{path}: {value} > {schema['maximum']}")
    if isinstance(value, list):
        if "minItems" in schema and len(value) < schema["minItems"]:
            errors.append(f"{path}: fewer than {schema['minItems']} items")
        if schema.get("uniqueItems") and len({repr(v) for v in value}) != len(value):
            errors.append(f"{path}: items are not unique")
        if "items" in schema:
            for i, item in enumerate(value):
                _check(item, schema["items"], root, f"{path}[{i}]", errors)
    if isinstance(value, dict):
        for key in schema.get("required", ()):
            if key not in value:
                errors.append(f"{path}: missing required key {key!r}")
        props = schema.get("properties", {})
        extra = schema.get("additionalProperties", True)
        for key, item in value.items():
            if key in props:
                _check(item, props[key], root, f"{path}.{key}", errors)
            elif extra is False:
                errors.append(f"{path}: unexpected key {key!r}")
            elif isinstance(extra, Mapping):
                _check(item, extra, root, f"{path}.{key}", errors)


def validate_sub(value: Any, schema: Mapping[str, Any], root: Mapping[str, Any]) -> list[str]:
    errors: list[str] = []
    _check(value, schema, root, "$", errors)
    return errors
