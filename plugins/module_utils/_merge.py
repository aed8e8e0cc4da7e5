# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Merging JSON-shaped config objects: ``deep_merge`` (what PATCH does) and ``Whole`` maps that replace as one value.

Note that this module util is PRIVATE to the collection. It can have breaking changes at any time.
"""

from typing import Any, Dict, Iterable, Optional


class Whole(dict):
    """A map-valued field that replaces the stored map as a whole (compared and written as one value)."""


class Keyed(list):
    """A list of objects Syncthing keeps as a set keyed by one field, in an order of its own: compared by ``key``,
    in any order (each given item against the stored item with the same key, on the fields it gives)."""

    def __init__(self, items: Iterable[Dict[str, Any]], key: str, blank: Optional[Dict[str, Any]] = None) -> None:
        super().__init__(items)
        self.key = key
        # the fields of a new item that the given one leaves out, as Syncthing would store them
        self.blank = blank or {}


def clone(value: Any) -> Any:
    """A deep copy of JSON-shaped data (dicts, lists, scalars), several times faster than ``copy.deepcopy``."""
    if isinstance(value, dict):
        return {key: clone(item) for key, item in value.items()}
    if isinstance(value, list):
        return [clone(item) for item in value]
    return value


def deep_merge(base: Any, given: Dict[str, Any]) -> Dict[str, Any]:
    """Return ``base`` overlaid with ``given``: nested dicts merge key by key, everything else is replaced.

    A ``Whole`` map replaces the stored map (the result holds a plain dict).
    """
    merged = clone(base) if isinstance(base, dict) else {}
    _merge_into(merged, given)
    return merged


def _merge_into(merged: Dict[str, Any], given: Dict[str, Any]) -> None:
    for key, value in given.items():
        if isinstance(value, dict) and not isinstance(value, Whole) and isinstance(merged.get(key), dict):
            _merge_into(merged[key], value)
        else:
            merged[key] = clone(value)
