"""JSON text in the layout of `json.dumps(value, ensure_ascii=False, indent=2)`, fast.

The json module encodes indented output in pure Python, one generator per level; the
report (hundreds of MB on a large run) is written with these instead. A value can be
written nested at any indentation: a record encoded on its own at the indentation it has
in the report gives exactly the bytes it has there, so parts of the report can be encoded
ahead (in worker processes) and put in place unchanged.

An object with a `json_text(indent)` method writes itself (records kept already encoded).
"""

from __future__ import annotations

from json.encoder import encode_basestring
from typing import Any

_INFINITY = float("inf")
_int_text = int.__repr__


def key_text(key: object) -> str:
    """A dict key as json writes it (non-str keys become the strings json makes of them)."""
    if isinstance(key, str):
        return encode_basestring(key)
    if key is None or isinstance(key, bool | int | float):
        return encode_basestring(scalar_text(key))
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")


def scalar_text(value: bool | int | float | None) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if value != value:
        return "NaN"
    if value in (_INFINITY, -_INFINITY):
        return "Infinity" if value > 0 else "-Infinity"
    return float.__repr__(value)


def text_of(value: Any, indent: str = "") -> str:
    """`value` as JSON nested at `indent` (its first line is not indented)."""
    out: list[str] = []
    encode(value, indent, out)
    return "".join(out)


def encode(value: Any, indent: str, out: list[str]) -> None:
    """Append the pieces of `value`'s JSON, nested at `indent`, to `out`.

    Strings and ints, most of a report's leaves, are written in the loop of their
    container rather than by a call of their own."""
    kind = type(value)
    if kind is dict:
        if not value:
            out.append("{}")
            return
        inner = indent + "  "
        opening = "{\n" + inner
        for key, item in value.items():
            name = encode_basestring(key) if type(key) is str else key_text(key)
            kind = type(item)
            if kind is str:
                out.append(opening + name + ": " + encode_basestring(item))
            elif kind is int:
                out.append(opening + name + ": " + _int_text(item))
            else:
                out.append(opening + name + ": ")
                encode(item, inner, out)
            opening = ",\n" + inner
        out.append("\n" + indent + "}")
    elif kind is list or kind is tuple:
        if not value:
            out.append("[]")
            return
        inner = indent + "  "
        opening = "[\n" + inner
        for item in value:
            kind = type(item)
            if kind is int:
                out.append(opening + _int_text(item))
            elif kind is str:
                out.append(opening + encode_basestring(item))
            else:
                out.append(opening)
                encode(item, inner, out)
            opening = ",\n" + inner
        out.append("\n" + indent + "]")
    elif kind is str:
        out.append(encode_basestring(value))
    elif kind is int:
        out.append(_int_text(value))
    elif kind is float or kind is bool or value is None:
        out.append(scalar_text(value))
    elif isinstance(value, str):
        out.append(encode_basestring(value))
    else:
        own = getattr(value, "json_text", None)
        if own is not None:
            out.append(own(indent))
        else:
            encode(_plain(value), indent, out)


def _plain(value: object) -> Any:
    """Subclasses of the basic types, and sequences, the way json writes them."""
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, dict):
        return dict(value)
    if isinstance(value, list | tuple):
        return list(value)
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")
