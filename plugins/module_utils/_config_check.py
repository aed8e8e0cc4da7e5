# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The validate phase of given fields: each value against the server's own value for it and the field's row.

Pure functions, no HTTP. Syncthing silently ignores unknown fields and coerces bad enum values, so both are
refused here, before anything is sent; each value is then settled by its row of ``_config_fields`` (refused
where Syncthing would change it, normalised where the change is harmless).

Note that this module util is PRIVATE to the collection. It can have breaking changes at any time.
"""

import math
from typing import Any, Iterable, List, Optional, Tuple

from ansible.module_utils.parsing.convert_bool import boolean

from ansible_collections.syncthing.rest.plugins.module_utils import _versions as versions
from ansible_collections.syncthing.rest.plugins.module_utils._config_desired import Fields, Version
from ansible_collections.syncthing.rest.plugins.module_utils._config_fields import ROWS, Field, settle_given
from ansible_collections.syncthing.rest.plugins.module_utils._config_value_rules import INT_RANGE
from ansible_collections.syncthing.rest.plugins.module_utils._errors import SyncthingValidationError
from ansible_collections.syncthing.rest.plugins.module_utils._merge import Whole


class Errors(list):
    """Collects validation messages; ``raise_if_any`` raises one SyncthingValidationError with all of them."""

    def raise_if_any(self) -> None:
        if self:
            raise SyncthingValidationError("Invalid syncthing_config input, nothing was changed: " + "; ".join(self))


def unknown_field(label: Any, key: Any, known: Iterable[Any], row: Optional[Field] = None) -> str:
    """Message for an unknown field name: the Syncthing versions that have it (from its ``row``, when it has
    ``since``/``until``), else the nearest known names."""
    import difflib  # only here, for the error message

    if row is not None and (row.since is not None or row.until is not None):
        lifetime = (
            f"it was added in Syncthing {versions.version_text(row.since)}"
            if row.since is not None
            else f"it was removed in Syncthing {versions.version_text(row.until)}"
        )
        return f"{label}: unknown field {key!r} (Syncthing would silently ignore it); this version does not have it: {lifetime}"

    known = sorted(str(name) for name in known)
    close = [name for name in known if name.lower() == str(key).lower()]
    close += [name for name in difflib.get_close_matches(str(key), known, n=3, cutoff=0.6) if name not in close]
    hint = (
        "did you mean {}?".format(" or ".join(repr(name) for name in close[:3]))
        if close
        else "known fields: {}".format(", ".join(known))
    )
    return f"{label}: unknown field {key!r} (Syncthing would silently ignore it); {hint}"


def _label(where: str, path: Iterable[Any]) -> str:
    return ".".join([where] + [str(part) for part in path])


class _Label:
    """A field's label for messages (``folders[0] (id 'docs').versioning.type``), built only when one is needed."""

    __slots__ = ("path", "where")

    def __init__(self, where: str, path: Tuple[Any, ...]) -> None:
        self.where, self.path = where, path

    def __str__(self) -> str:
        return _label(self.where, self.path)


def check_fields(
    kind: str,
    where: str,
    given: Fields,
    ref: Fields,
    errors: List[str],
    path: Iterable[str] = (),
    version: Version = None,
) -> Fields:
    """Return a copy of the dict ``given`` with values coerced to the types found in ``ref``, each as Syncthing
    stores it (the field's row in ``_config_fields``, read once per value).

    Unknown keys, wrong types, bad enum values and values the rows refuse are added to ``errors``. A free-form
    map (a row of shape ``map``) comes back as a ``Whole``: it replaces the stored map, so a key is removed by
    leaving it out. ``version`` is the server's version tuple (None: the newest rules).
    """
    path = tuple(path)
    row = ROWS.get((kind, *path)) if path else None
    free = row is not None and row.shape == "map"
    out = Whole() if free else {}
    low, high = INT_RANGE
    for key, value in given.items():
        keypath = (*path, key)
        field = ROWS.get((kind, *keypath))
        if field is None and key in ref:
            # the exact type, not isinstance: a bool given for an integer field is not the common case
            plain, stored = type(value), type(ref[key])
            if plain is stored and (plain is str or plain is bool or (plain is int and low <= value <= high)):
                out[key] = value  # the common case: a field without a row, given in the server's type
                continue
        if free and value is None:
            errors.append(
                f"{_label(where, keypath)}: null is not a value; {_label(where, path)} is replaced as a whole, so to remove the key {key!r} leave it "
                "out"
            )
        elif free:
            out[key] = value if isinstance(value, str) else text_value(value, errors, _label(where, keypath))
        elif key not in ref:
            errors.append(unknown_field(_label(where, path) if path else where, key, ref, ROWS.get((kind, *path, key))))
        else:
            out[key] = check_value(kind, where, value, ref[key], errors, keypath, version, field)
    return out


def text_value(value, errors, label):
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        errors.append(f"{label}: expected a string, got {value!r}")
        return value
    return str(value)


def _items(objects, value, errors, label):
    """The items of a list: objects (dicts) when ``objects``, strings (numbers as text) else. An item's label is
    built only for an error, as _Label does for fields."""
    out = []
    for index, item in enumerate(value):
        if isinstance(item, dict if objects else str):
            out.append(item)
        elif objects:
            errors.append(f"{label}[{index:d}]: expected an object (dict), got {item!r}")
            out.append(item)
        else:
            out.append(text_value(item, errors, f"{label}[{index:d}]"))
    return out


def check_value(
    kind: str,
    where: str,
    value: Any,
    ref: Any,
    errors: List[str],
    path: Tuple[str, ...],
    version: Version = None,
    row: Optional[Field] = None,
) -> Any:
    """The validate phase of one value: coerced to the type of ``ref`` (the server's value for that field), its
    enum checked, then settled by its ``row`` (``_config_fields.settle_given``; None: the field has no row).
    ``path`` is a tuple."""
    plain, stored = type(value), type(ref)  # the exact type: bool is an int subclass
    if plain is stored and (plain is str or plain is bool or (plain is int and INT_RANGE[0] <= value <= INT_RANGE[1])):
        # the common case, already of the server's type: nothing to coerce
        return value if row is None else _settle_row(row, value, _Label(where, path), errors, version)
    label = _Label(where, path)
    if value is None:
        errors.append(f"{label}: a value is required (got null)")
        return value
    if isinstance(ref, dict):
        if not isinstance(value, dict):
            errors.append(f"{label}: expected an object (dict), got {value!r}")
            return value
        return check_fields(kind, where, value, ref, errors, path, version)
    if isinstance(ref, bool):
        try:
            value = boolean(value, strict=True)
        except TypeError:
            errors.append(f"{label}: expected a boolean, got {value!r}")
    elif isinstance(ref, (int, float)):
        value = _number(value, errors, label, integer=row is None or not row.floating)
    elif isinstance(ref, str):
        value = text_value(value, errors, label)
    elif isinstance(ref, list):
        if isinstance(value, list):
            value = _items(row is not None and row.shape == "objects", value, errors, label)
        else:
            errors.append(f"{label}: expected a list, got {value!r}")
    return value if row is None else _settle_row(row, value, label, errors, version)


def _settle_row(row, value, label, errors, version):
    """A value of the field's type against its row: its enum, then ``_config_fields.settle_given``."""
    if row.enum and value not in row.enum:
        errors.append(
            "{}: invalid value {!r} (Syncthing would silently store {!r} instead); expected one of: {}".format(
                label, value, row.fallback, ", ".join(repr(item) for item in row.enum)
            )
        )
        return value
    return settle_given(row, value, label, errors, version)


def _number(value, errors, label, integer):
    """``value`` as the number Syncthing can store (a numeric string converted; for an ``integer`` field a whole
    float becomes an int), or ``value`` itself and an error: not a number, not finite, a fraction or out of range
    for an integer field."""
    number = _parse_number(value)
    if number is None:
        errors.append(f"{label}: expected a number, got {value!r}")
        return value
    if isinstance(number, float) and not math.isfinite(number):
        errors.append(f"{label}: {value!r} is not a finite number (Syncthing would refuse the write)")
        return value
    if not integer:
        return number
    if isinstance(number, float):
        if number != int(number):
            errors.append(
                f"{label}: {value!r} is not a whole number; Syncthing stores this field as an integer and would "
                "refuse the write"
            )
            return value
        number = int(number)
    low, high = INT_RANGE
    if not low <= number <= high:
        errors.append(
            f"{label}: {value!r} is out of range; Syncthing stores this field as a 64-bit integer ({low} to {high}) "
            "and would refuse the write"
        )
        return value
    return number


def _parse_number(value):
    """An int or float for ``value`` (a number, or a string that reads as one); None for anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return value
    for parse in (int, float):
        try:
            return parse(value)
        except (TypeError, ValueError):
            pass
    return None
