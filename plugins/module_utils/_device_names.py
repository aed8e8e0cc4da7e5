# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The modules' one rule for options that take a device ID or a configured device's name (syncthing_config's
folder ``devices``, syncthing_folder_scan's ``devices``, syncthing_system's ``device``, syncthing_pending's rules).

Note that this module util is PRIVATE to the collection. It can have breaking changes at any time.
"""

from typing import Dict, Iterable, Optional, Set, Tuple

from ansible_collections.syncthing.rest.plugins.module_utils.device_id import (
    ALPHABET,
    InvalidDeviceID,
    _clean,
    normalize_device_id,
)


class UnknownDevice(InvalidDeviceID):
    """Neither a valid device ID nor the name of a known device (``resolve_device``); the message says why."""


def names_to_ids(pairs: Iterable[Tuple[str, Optional[str]]]) -> Dict[str, Set[str]]:
    """Map each device name to the set of IDs carrying it, from ``(device ID, name)`` pairs (empty names are none)."""
    names: Dict[str, Set[str]] = {}
    for device_id, name in pairs:
        if name:
            names.setdefault(name, set()).add(device_id)
    return names


def resolve_device(value, names: Dict[str, Set[str]]) -> str:
    """Return the canonical device ID that ``value`` stands for, or raise InvalidDeviceID saying why.

    ``value`` is first a device ID in any form ``normalize_device_id`` accepts (an ID wins over a device named
    like one); else the name of exactly one device in ``names`` (``{name: set of IDs}``, see ``names_to_ids``).
    A name carried by several devices raises InvalidDeviceID naming them all; a value that is neither raises
    UnknownDevice with the reason it is not a valid ID, or InvalidDeviceID when it has the shape of a device ID
    (52 or 56 base32 characters once cleaned): a mistyped ID, which no later configuration can make valid.
    """
    try:
        return normalize_device_id(value)
    except InvalidDeviceID as exc:
        reason = str(exc)
    ids = sorted(names.get(value, ())) if isinstance(value, str) else []
    if len(ids) == 1:
        return ids[0]
    if ids:
        raise InvalidDeviceID(
            "device name {!r} is ambiguous, it matches {}; use the device ID".format(value, ", ".join(ids))
        )
    message = f"{value!r} is neither a valid device ID ({reason}) nor the name of a configured device"
    if _has_device_id_shape(value):
        raise InvalidDeviceID(message)
    raise UnknownDevice(message)


def _has_device_id_shape(value):
    text = _clean(value) if isinstance(value, str) else ""
    return len(text) in (52, 56) and all(char in ALPHABET for char in text)
