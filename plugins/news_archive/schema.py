"""Validation against the published JSON Schemas, with contributor-friendly messages.

The schema files in `schemas/` are the single definition of every input format: editors
use them for completion while typing, and the loader validates with the same files. The
raw messages of jsonschema speak of "instances" and Python reprs; here each error becomes a
Problem that names the file, the line of the offending field and what to write instead.
Each schema property may carry an `x-hint`, shown with its errors.
"""

from __future__ import annotations

import difflib
import json
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator, ValidationError

from .errors import Problem
from .yamlio import YamlDocument, dotted

_YAML_NAMES = {
    "string": "text",
    "array": "a list",
    "object": "a mapping of fields",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "null": "null",
}


@cache
def schema(name: str) -> dict[str, Any]:
    """The schema `schemas/<name>.schema.json` shipped with the package."""
    text = (
        resources.files(__package__)
        .joinpath("schemas", f"{name}.schema.json")
        .read_text(encoding="utf-8")
    )
    loaded: dict[str, Any] = json.loads(text)
    return loaded


@cache
def _validator(name: str) -> Draft202012Validator:
    return Draft202012Validator(schema(name))


def validate(data: Any, name: str, document: YamlDocument, path: str) -> list[Problem]:
    """All problems of `data` against schema `name`, one per field, in file order."""
    problems: list[Problem] = []
    for error in _validator(name).iter_errors(data):
        problems.extend(_explain(error, document, path))
    unique = {(p.line, p.field, p.message): p for p in problems}
    return sorted(unique.values(), key=lambda p: (p.line or 0, p.field or ""))


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping of fields"
    return type(value).__name__


def _shown(value: Any, limit: int = 60) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _property_schema(error: ValidationError, name: str) -> dict[str, Any]:
    properties = error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}
    found = properties.get(name, {})
    return found if isinstance(found, dict) else {}


def _explain(error: ValidationError, document: YamlDocument, path: str) -> list[Problem]:
    at = tuple(error.absolute_path)
    line = document.line_of(at)
    field = dotted(at) or None
    own_schema = error.schema if isinstance(error.schema, dict) else {}
    hint = own_schema.get("x-hint")
    value: Any = error.instance
    expected: Any = error.validator_value
    kind = error.validator

    if kind == "required":
        missing = [name for name in expected if name not in (value or {})]
        return [
            Problem(
                path,
                line,
                dotted((*at, name)),
                "missing required field",
                hint=hint or _property_schema(error, name).get("x-hint"),
            )
            for name in missing
        ]
    if kind == "additionalProperties":
        known = sorted(own_schema.get("properties", {}))
        extra = [name for name in value if name not in known]
        problems = []
        for name in extra:
            close = difflib.get_close_matches(name, known, n=1)
            problems.append(
                Problem(
                    path,
                    document.line_of((*at, name)),
                    dotted((*at, name)),
                    "unknown field",
                    hint=f"did you mean '{close[0]}'?"
                    if close
                    else f"known fields: {', '.join(known)}",
                )
            )
        return problems
    if kind == "type":
        names = [expected] if isinstance(expected, str) else list(expected)
        wanted = " or ".join(_YAML_NAMES.get(n, n) for n in names)
        message = f"must be {wanted}, not {_type_name(value)}"
        if isinstance(value, bool) and "string" in names:
            hint = (
                hint
                or "YAML reads yes/no/on/off/true/false as true or false: put the text in quotes"
            )
        elif isinstance(value, int | float) and "string" in names:
            hint = hint or "put the value in quotes"
        return [Problem(path, line, field, message, hint=hint)]
    if kind in ("minLength", "pattern") and isinstance(value, str) and not value.strip():
        return [Problem(path, line, field, "is empty", hint=hint)]
    if kind == "minLength":
        return [
            Problem(
                path,
                line,
                field,
                f"'{_shown(value)}' is too short (at least {expected} characters)",
                hint=hint,
            )
        ]
    if kind == "pattern" and len(value) < own_schema.get("minLength", 0):
        return []  # the minLength error says what is wrong
    if kind == "pattern":
        return [
            Problem(path, line, field, f"'{_shown(value)}' is not of the expected form", hint=hint)
        ]
    if kind == "enum":
        options = ", ".join(str(option) for option in expected)
        return [
            Problem(path, line, field, f"'{_shown(value)}' is not one of: {options}", hint=hint)
        ]
    if kind == "maxLength":
        return [
            Problem(
                path,
                line,
                field,
                f"is too long ({len(value)} characters; at most {expected})",
                hint=hint,
            )
        ]
    if kind == "minItems":
        return [Problem(path, line, field, f"needs at least {expected} item(s)", hint=hint)]
    return [Problem(path, line, field, error.message, hint=hint)]
