# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""How given fields meet stored config objects: compare (only the fields given), overlay, folder device lists.

Note that this module util is PRIVATE to the collection. It can have breaking changes at any time.
"""

import base64
import functools
from typing import Any, List, Optional

from ansible_collections.syncthing.rest.plugins.module_utils._config_desired import Fields
from ansible_collections.syncthing.rest.plugins.module_utils._merge import Keyed, Whole, clone, deep_merge

MISSING = object()


def differs(want: Any, have: Any) -> bool:
    """True when ``have`` differs from ``want`` in any of the keys ``want`` gives (recursively).

    A ``Whole`` map is compared as one value: a stored key it does not give is a difference.
    """
    plain, stored = type(want), type(have)  # the exact type: True == 1, but a bool differs from an integer
    if plain is stored and (plain is str or plain is int or plain is bool or plain is float):
        return want != have  # the common case: two scalars of one type
    if isinstance(want, Whole):
        if not isinstance(have, dict) or set(want) != set(have):
            return True
        return any(differs(value, have[key]) for key, value in want.items())
    if isinstance(want, dict):
        if not isinstance(have, dict):
            return True
        return any(differs(value, have.get(key, MISSING)) for key, value in want.items())
    if isinstance(want, Keyed):
        return keyed_differ(want, have)
    if isinstance(want, list):
        if not isinstance(have, list) or len(want) != len(have):
            return True
        return any(differs(w, h) for w, h in zip(want, have))
    if isinstance(want, bool) or isinstance(have, bool):
        return not (isinstance(want, bool) and isinstance(have, bool) and want == have)
    return want != have


def keyed_differ(want: Keyed, have: Any) -> bool:
    """A Keyed list against the stored list: the same keys, and each given item's fields as stored."""
    if not isinstance(have, list):
        return True
    have_by_key = {item.get(want.key): item for item in have if isinstance(item, dict)}
    if len(have_by_key) != len(have) or set(have_by_key) != {item[want.key] for item in want}:
        return True
    return any(differs(item, have_by_key[item[want.key]]) for item in want)


def complete_keyed(want: Keyed, have: Optional[List[Fields]]) -> List[Fields]:
    """The items to send for a Keyed list: each given item over the stored one with its key (over the list's
    ``blank`` for a new one)."""
    have_by_key = {item.get(want.key): item for item in have or [] if isinstance(item, dict)}
    return [deep_merge(have_by_key.get(item[want.key]) or want.blank, item) for item in want]


@functools.lru_cache(maxsize=4096)
def device_sort_key(device_id: str) -> bytes:
    """Syncthing sorts devices by their raw 32 bytes (base32 order A-Z, 2-7)."""
    chars = device_id.replace("-", "")
    chars52 = "".join(chars[i : i + 13] for i in range(0, 56, 14))
    try:
        return base64.b32decode(chars52 + "====")
    except (TypeError, ValueError):
        return device_id.encode("utf-8")


def folder_devices_differ(want: List[Fields], have: Optional[List[Fields]], my_id: str) -> bool:
    """Compare a folder's device list as Syncthing stores it: by ID, in any order, local device always there."""
    have_by_id = {entry.get("deviceID"): entry for entry in have or []}
    want_ids = {entry["deviceID"] for entry in want} | {my_id}
    if want_ids != set(have_by_id):
        return True
    return any(differs(entry, have_by_id[entry["deviceID"]]) for entry in want)


def complete_folder_devices(want: List[Fields], have: Optional[List[Fields]], my_id: str) -> List[Fields]:
    """The full device list to send: given entries over current ones, plus the local device, sorted."""
    have_by_id = {entry.get("deviceID"): entry for entry in have or []}
    blank = {"introducedBy": "", "encryptionPassword": ""}
    out = [deep_merge(have_by_id.get(entry["deviceID"], blank), entry) for entry in want]
    if my_id not in {entry["deviceID"] for entry in want}:
        out.append(clone(have_by_id.get(my_id) or dict(blank, deviceID=my_id)))
    return sorted(out, key=lambda entry: device_sort_key(entry["deviceID"]))


def changed_keys(want: Fields, have: Fields, my_id: str, folder: bool = False) -> List[str]:
    """Top-level keys of ``want`` whose values differ from ``have`` (``folder``: compare devices by ID)."""
    keys: List[str] = []
    for key, value in want.items():
        if key == "devices" and folder:
            if folder_devices_differ(value, have.get("devices"), my_id):
                keys.append(key)
        elif differs(value, have.get(key, MISSING)):
            keys.append(key)
    return keys


def versioning_params(want: Fields, base: Optional[Fields]) -> Fields:
    """``want`` where a change of ``versioning.type`` without ``params`` drops the old type's params.

    The params belong to their type (``keep`` of simple, ``cleanoutDays`` of trashcan …): the GUI starts a new
    type with its own params only, and so does this module. Given params always replace the stored ones.
    """
    versioning = want.get("versioning")
    if not isinstance(versioning, dict) or "type" not in versioning or "params" in versioning:
        return want
    stored = (base or {}).get("versioning") or {}
    if versioning["type"] == stored.get("type") or not stored.get("params"):
        return want
    return dict(want, versioning=dict(versioning, params=Whole()))


def overlay(base: Fields, want: Fields, my_id: str) -> Fields:
    """``base`` (current object or template) overlaid with the given fields; folder devices completed."""
    fields = {key: value for key, value in want.items() if key != "devices"}
    merged = deep_merge(base, fields)
    for key, value in fields.items():
        if isinstance(value, Keyed):
            merged[key] = complete_keyed(value, base.get(key))
    if "devices" in want:
        merged["devices"] = complete_folder_devices(want["devices"], base.get("devices"), my_id)
    return merged
