"""Say pydantic's validation errors in plain words: what the field expected and what it got.

Example:
    >>> words({"type": "less_than_equal", "loc": ("trust", "default"), "input": 1.4, "ctx": {"le": 1.0}}).message
    'expected a number between 0 and 1, got 1.4'
"""

from __future__ import annotations

import datetime
import difflib
import re
import types
import typing
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated, Any, Literal, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from game.core import spec

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class FieldWords:
    """One error: the field path to show, the value (or, with ``at_key``, the key) to point at, and the words."""

    path: Loc
    where: Loc
    at_key: bool
    message: str


@dataclass(frozen=True)
class _Slot:
    """The declared type at a field path, with the constraints gathered on the way."""

    annotation: Any
    metadata: tuple[Any, ...]

    def bound(self, name: str) -> float | None:
        for item in self.metadata:
            value = getattr(item, name, None)
            if isinstance(value, int | float) and not isinstance(value, bool):
                return value
        return None


def _pattern_of(alias: Any) -> str:
    for item in get_args(alias)[1:]:
        for meta in getattr(item, "metadata", []):
            if getattr(meta, "pattern", None):
                return str(meta.pattern)
    raise LookupError(f"no pattern in {alias!r}")


# Read the patterns from the model so that the words follow it if it changes.
_PATTERN_WORDS = {
    _pattern_of(spec.Id): "an id (lower case letters, digits, '_' or '-', starting with a letter)",
    _pattern_of(spec.Colour): "a colour written #rrggbb",
}

_TYPE_WORDS = {
    "string_type": "text",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping of keys to values",
    "model_type": "a mapping of fields",
    "model_attributes_type": "a mapping of fields",
}
_NUMBER_TYPES = {
    "int_type",
    "int_parsing",
    "int_from_float",
    "int_parsing_size",
    "float_type",
    "float_parsing",
    "finite_number",
    "greater_than",
    "greater_than_equal",
    "less_than",
    "less_than_equal",
}


def words(error: Any) -> FieldWords:
    """Turn one pydantic error (an item of ``ValidationError.errors()``) into plain words."""
    loc: Loc = tuple(error.get("loc", ()))
    kind: str = error.get("type", "")
    ctx: dict[str, Any] = error.get("ctx") or {}
    got = show(error.get("input"))
    if kind == "missing" and loc:
        # Point at the mapping that lacks the field: there is no line for it.
        return FieldWords(loc[:-1], loc[:-1], False, f"missing required field '{loc[-1]}'")
    if kind == "extra_forbidden" and loc:
        return FieldWords(loc[:-1], loc, True, f"unknown field '{loc[-1]}'{_known_fields_hint(loc)}")
    if kind == "invalid_key" and loc:
        key = "an empty key" if error.get("input") is None else got
        return FieldWords(loc[:-1], loc, True, f"keys must be text, got {key}")
    at_key = bool(loc) and loc[-1] == "[key]"
    if at_key:
        loc = loc[:-1]
    slot = _slot_at(loc + ("[key]",) if at_key else loc)
    message = _expected(kind, ctx, slot, got, error)
    if at_key:
        message = f"key {got} is not valid: {message.removesuffix(f', got {got}')}"
    return FieldWords(loc, loc, at_key, message)


def _expected(kind: str, ctx: dict[str, Any], slot: _Slot | None, got: str, error: Any) -> str:
    if kind in ("value_error", "assertion_error"):
        cause = ctx.get("error")
        return str(cause) if cause is not None else str(error.get("msg", "")).removeprefix("Value error, ")
    if kind in _NUMBER_TYPES:
        return f"expected {_number_words(kind, ctx, slot)}, got {got}"
    if kind == "literal_error":
        return f"expected one of: {_choices(ctx, slot)}; got {got}"
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        return f"expected {_PATTERN_WORDS.get(pattern, f'text matching {pattern}')}, got {got}"
    if kind == "string_too_short":
        if ctx.get("min_length") == 1:
            return "must not be empty"
        return f"expected at least {ctx.get('min_length')} characters, got {got}"
    if kind == "string_too_long":
        return f"expected at most {ctx.get('max_length')} characters, got {len(str(error.get('input')))}"
    if kind in ("too_short", "too_long"):
        least = kind == "too_short"
        limit = ctx.get("min_length" if least else "max_length")
        return f"expected {'at least' if least else 'at most'} {_items(limit)}, got {ctx.get('actual_length')}"
    if kind == "string_type" and slot is not None and _pattern_in(slot):
        return f"expected {_PATTERN_WORDS.get(_pattern_in(slot), 'text')}, got {got}{_quote_hint(error)}"
    if kind in _TYPE_WORDS:
        return f"expected {_TYPE_WORDS[kind]}, got {got}{_quote_hint(error) if kind == 'string_type' else ''}"
    message = str(error.get("msg", "is not valid"))
    return f"{message[:1].lower()}{message[1:]}, got {got}"


def _quote_hint(error: Any) -> str:
    value = error.get("input")
    if isinstance(value, bool | int | float | datetime.date):
        return " (put it in quotes to make it text)"
    return ""


def _items(count: Any) -> str:
    return f"{count} item" if count == 1 else f"{count} items"


def _number_words(kind: str, ctx: dict[str, Any], slot: _Slot | None) -> str:
    whole = kind.startswith("int_") or (slot is not None and slot.annotation is int)
    noun = "a whole number" if whole else "a number"
    declared = {key: slot.bound(key) for key in ("ge", "gt", "le", "lt")} if slot is not None else {}
    bounds = {key: value for key, value in declared.items() if value is not None}
    if not bounds:
        # Without the declared type, the context still names the bound that was broken.
        bounds = {key: ctx[key] for key in ("ge", "gt", "le", "lt") if key in ctx}
    if "ge" in bounds and "le" in bounds:
        return f"{noun} between {_number(bounds['ge'])} and {_number(bounds['le'])}"
    parts = []
    if "ge" in bounds or "gt" in bounds:
        parts.append(f"at least {_number(bounds['ge'])}" if "ge" in bounds else f"above {_number(bounds['gt'])}")
    if "le" in bounds or "lt" in bounds:
        parts.append(f"at most {_number(bounds['le'])}" if "le" in bounds else f"below {_number(bounds['lt'])}")
    return f"{noun} of {' and '.join(parts)}" if parts else noun


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _choices(ctx: dict[str, Any], slot: _Slot | None) -> str:
    if slot is not None and get_origin(slot.annotation) is Literal:
        return ", ".join(str(choice) for choice in get_args(slot.annotation))
    return str(ctx.get("expected", "")).replace("'", "").replace(" or ", ", ")


def _pattern_in(slot: _Slot) -> str:
    for item in slot.metadata:
        if getattr(item, "pattern", None):
            return str(item.pattern)
    return ""


def show(value: Any) -> str:
    """A value as the author wrote it, short enough for one line."""
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        text = _number(value)
        return text if len(text) <= 40 else f"a number of {len(text)} digits"
    if isinstance(value, str):
        text = repr(value[:60] + "..." if len(value) > 60 else value)
        return text
    if isinstance(value, datetime.date):
        return f"the date {value.isoformat()}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, bytes):
        return "binary data"
    if isinstance(value, set | frozenset):
        return "a set"
    return f"a {type(value).__name__}"


def _known_fields_hint(loc: Loc) -> str:
    slot = _slot_at(loc[:-1])
    if slot is None or not _is_model(slot.annotation):
        return ""
    known = _field_names(slot.annotation)
    close = difflib.get_close_matches(str(loc[-1]), known, n=1, cutoff=0.6)
    if close:
        return f"; did you mean '{close[0]}'?"
    return f"; known fields: {', '.join(known)}"


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _field_names(model: type[BaseModel]) -> list[str]:
    return [info.alias or name for name, info in model.model_fields.items()]


def _field(model: type[BaseModel], step: str) -> FieldInfo | None:
    for name, info in model.model_fields.items():
        if step in (name, info.alias):
            return info
    return None


def _unwrap(annotation: Any, metadata: tuple[Any, ...]) -> tuple[Any, tuple[Any, ...]]:
    """Strip Annotated[...] (keeping its constraints) and Optional[...]."""
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            base, *extras = get_args(annotation)
            for extra in extras:
                metadata += tuple(extra.metadata) if isinstance(extra, FieldInfo) else (extra,)
            annotation = base
        elif origin in (typing.Union, types.UnionType):
            options = [arg for arg in get_args(annotation) if arg is not type(None)]
            if len(options) != 1:
                return annotation, metadata
            annotation = options[0]
        else:
            return annotation, metadata


def _slot_at(loc: Sequence[str | int]) -> _Slot | None:
    """The declared type of the value at ``loc`` in a Scenario, or None when the path leaves the model."""
    annotation: Any = spec.Scenario
    metadata: tuple[Any, ...] = ()
    for step in loc:
        annotation, metadata = _unwrap(annotation, metadata)
        origin = get_origin(annotation)
        if _is_model(annotation) and isinstance(step, str):
            info = _field(annotation, step)
            if info is None:
                return None
            annotation, metadata = info.annotation, tuple(info.metadata)
        elif origin is list and isinstance(step, int):
            annotation, metadata = get_args(annotation)[0], ()
        elif origin is dict:
            key, value = get_args(annotation)
            annotation, metadata = (key if step == "[key]" else value), ()
        else:
            return None
    annotation, metadata = _unwrap(annotation, metadata)
    return _Slot(annotation, metadata)


def path_text(path: Sequence[str | int]) -> str:
    """A field path as authors write it: ``events[3].actors[0]``."""
    text = ""
    for step in path:
        if isinstance(step, int):
            text += f"[{step}]"
        elif re.fullmatch(r"[A-Za-z_][A-Za-z0-9_-]*", step):
            text += f".{step}" if text else step
        else:
            text += f"[{step!r}]"
    return text


def names_a_key(loc: Sequence[str | int]) -> bool:
    """Whether the last step of ``loc`` is a key of a mapping field (such as a measure's ``detection``)."""
    parent = _slot_at(loc[:-1]) if loc else None
    return parent is not None and get_origin(parent.annotation) is dict
