# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Normalise and validate the desired config of syncthing_config against the config read from the server.

Pure functions, no HTTP. Syncthing silently ignores unknown fields and coerces bad enum values, so
both are refused here, before anything is sent.

Note that this module util is PRIVATE to the collection. It can have breaking changes at any time.
"""

import math
from typing import Any, Dict

from ansible.module_utils.parsing.convert_bool import boolean

from ansible_collections.syncthing.rest.plugins.module_utils._config_desired import Desired, Wanted
from ansible_collections.syncthing.rest.plugins.module_utils._config_fields import ROWS, settle_given
from ansible_collections.syncthing.rest.plugins.module_utils._config_value_rules import INT_RANGE
from ansible_collections.syncthing.rest.plugins.module_utils._errors import SyncthingValidationError
from ansible_collections.syncthing.rest.plugins.module_utils._merge import Whole
from ansible_collections.syncthing.rest.plugins.module_utils.device_id import (
    InvalidDeviceID,
    names_to_ids,
    normalize_device_id,
    resolve_device,
)

EMPTY_DEVICE_ID = "-".join(["AAAAAAA"] * 8)
FOLDER_DEVICE_KEYS = ("deviceID", "introducedBy", "encryptionPassword")


class Errors(list):
    """Collects validation messages; ``raise_if_any`` raises one SyncthingValidationError with all of them."""

    def raise_if_any(self):
        if self:
            raise SyncthingValidationError("Invalid syncthing_config input, nothing was changed: " + "; ".join(self))


def unknown_field(label, key, known):
    """Message for an unknown field name, with the nearest known names."""
    import difflib  # only here, for the error message

    known = sorted(str(name) for name in known)
    close = [name for name in known if name.lower() == str(key).lower()]
    close += [name for name in difflib.get_close_matches(str(key), known, n=3, cutoff=0.6) if name not in close]
    hint = (
        "did you mean {}?".format(" or ".join(repr(name) for name in close[:3]))
        if close
        else "known fields: {}".format(", ".join(known))
    )
    return f"{label}: unknown field {key!r} (Syncthing would silently ignore it); {hint}"


def _label(where, path):
    return ".".join([where] + [str(part) for part in path])


class _Label:
    """A field's label for messages (``folders[0] (id 'docs').versioning.type``), built only when one is needed."""

    __slots__ = ("path", "where")

    def __init__(self, where, path):
        self.where, self.path = where, path

    def __str__(self):
        return _label(self.where, self.path)


def check_fields(kind, where, given, ref, errors, path=(), version=None):
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
    for key, value in given.items():
        keypath = (*path, key)
        if free and value is None:
            errors.append(
                f"{_label(where, keypath)}: null is not a value; {_label(where, path)} is replaced as a whole, so to remove the key {key!r} leave it "
                "out"
            )
        elif free:
            out[key] = value if isinstance(value, str) else _text(value, errors, _label(where, keypath))
        elif key not in ref:
            errors.append(unknown_field(_label(where, path) if path else where, key, ref))
        else:
            out[key] = check_value(kind, where, value, ref[key], errors, keypath, version)
    return out


def _text(value, errors, label):
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
            out.append(_text(item, errors, f"{label}[{index:d}]"))
    return out


def check_value(kind, where, value, ref, errors, path, version=None):
    """The validate phase of one value: coerced to the type of ``ref`` (the server's value for that field), its
    enum checked, then settled by its row (``_config_fields.settle_given``). ``path`` is a tuple."""
    row = ROWS.get((kind, *path))
    plain = type(value)
    if plain is type(ref) and (
        plain is str or plain is bool or (plain is int and INT_RANGE[0] <= value <= INT_RANGE[1])
    ):
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
        value = _text(value, errors, label)
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


def union_ref(*objects):
    """A reference object whose keys are the union of the given objects' keys (first value wins).

    Every folder (device) of one server has the same fields, so one stored object stands for all.
    """
    ref: Dict[str, Any] = {}
    for obj in objects:
        for key, value in (obj or {}).items():
            ref.setdefault(key, value)
    return ref


class DeviceResolver:
    """Resolves folder ``devices`` entries (IDs in any form, device names, or objects) to canonical IDs."""

    def __init__(self, names, available, entry_ref):
        self.names = names
        self.available = available
        self.entry_ref = entry_ref
        self.known = {}

    def resolve_name(self, text, label, errors):
        """The canonical ID for a device ID or name (the rule: ``device_id.resolve_device``), or None and an error."""
        if text in self.known:
            return self.known[text]
        try:
            self.known[text] = resolve_device(text, self.names)
        except InvalidDeviceID as exc:
            errors.append(f"{label}: {exc}")
            return None
        return self.known[text]

    def resolve_list(self, entries, label, errors):
        """Return the list as ``[{deviceID, ...given keys}]``; check it names only available devices."""
        if not isinstance(entries, list):
            errors.append(f"{label}: expected a list of device IDs, device names or objects")
            return []
        out, seen = [], set()
        for index, entry in enumerate(entries):
            where = f"{label}[{index}]"
            if isinstance(entry, dict):
                if not entry.get("deviceID"):
                    errors.append(f"{where}: deviceID is required")
                    continue
                entry = check_fields("folderdevice", where, entry, self.entry_ref, errors)
                device_id = self.resolve_name(str(entry["deviceID"]), where, errors)
            elif isinstance(entry, str):
                device_id, entry = self.resolve_name(entry, where, errors), {}
            else:
                errors.append(f"{where}: expected a device ID, a device name or an object, got {entry!r}")
                continue
            if device_id is None:
                continue
            if device_id in seen:
                errors.append(f"{where}: device {device_id} is listed twice")
                continue
            if device_id not in self.available:
                errors.append(
                    f"{where}: device {device_id} is not configured (add it under devices, or do not remove it)"
                )
                continue
            seen.add(device_id)
            entry = dict(entry, deviceID=device_id)
            out.append(entry)
        return out


def _split_state(item, label, errors):
    item = dict(item)
    state = item.pop("state", "present")
    if state not in ("present", "absent"):
        errors.append(f"{label}: state must be 'present' or 'absent', got {state!r}")
    return item, state


def _object_items(items, option, key, errors):
    """Yield ``(index, fields, state, value of key)`` for each item of a list option that is an object giving
    ``key`` (``id``, ``deviceID``); ``state`` and ``key`` are taken out of the fields, the value is a string.
    What is wrong with the other items goes to ``errors``."""
    for index, item in enumerate(items or []):
        label = f"{option}[{index}]"
        if not isinstance(item, dict):
            errors.append(f"{label}: expected an object (dict), got {item!r}")
            continue
        item, state = _split_state(item, label, errors)
        value = item.pop(key, None)
        if value is None or str(value) == "":
            errors.append(f"{label}: {key} is required")
            continue
        yield index, item, state, str(value)


def _device_items(items, option, errors):
    """Yield ``(label, fields, state, device_id)`` for each item of a list of device objects (the ``devices`` or
    ``remote_ignored_devices`` option) with a valid deviceID, normalised (see ``_object_items``)."""
    for index, item, state, raw in _object_items(items, option, "deviceID", errors):
        label = f"{option}[{index}]"
        try:
            device_id = normalize_device_id(raw)
        except InvalidDeviceID as exc:
            errors.append(f"{label}: {exc}")
            continue
        yield f"{option}[{index}] ({device_id[:7]})", item, state, device_id


def _first_of_each(entries, errors, what):
    """The ``(label, fields, state, key)`` entries whose key was not given before; each repeat is an error
    (``what`` names the key in it, e.g. ``"device {}"``)."""
    seen = set()
    for label, item, state, key in entries:
        if key in seen:
            errors.append(f"{label}: {what.format(key)} is listed twice")
            continue
        seen.add(key)
        yield label, item, state, key


def normalize_devices(items, config, my_id, errors):
    """Return (present {id: fields}, absent [ids]) for the ``devices`` option."""
    current = config.get("devices") or []
    ref = union_ref((config.get("defaults") or {}).get("device"), *current[:1])
    present, absent = {}, []
    for label, item, state, device_id in _first_of_each(_device_items(items, "devices", errors), errors, "device {}"):
        if device_id == EMPTY_DEVICE_ID:
            errors.append(f"{label}: {device_id} is the empty device ID (all zero bytes); Syncthing would drop it")
            continue
        if state == "absent":
            if device_id == my_id:
                errors.append(f"{label}: the local device cannot be removed")
            absent.append(device_id)
            continue
        fields = check_fields("device", label, item, ref, errors)
        fields["deviceID"] = device_id
        present[device_id] = fields
    return present, absent


def device_names(config, present, removed):
    """Map each device name to the IDs that will carry it (configured devices overlaid with the task's)."""
    merged = {dev["deviceID"]: dev.get("name", "") for dev in config.get("devices") or []}
    for device_id, fields in present.items():
        merged[device_id] = fields.get("name", merged.get(device_id, ""))
    return names_to_ids((device_id, name) for device_id, name in merged.items() if device_id not in removed)


def normalize_folders(items, config, resolver, errors, version=None):
    """Return (present {id: fields}, absent [ids]) for the ``folders`` option."""
    current = config.get("folders") or []
    current_ids = {folder["id"] for folder in current}
    ref = union_ref((config.get("defaults") or {}).get("folder"), *current[:1])
    present, absent = {}, []
    entries = (
        (f"folders[{index}] (id {folder_id!r})", item, state, folder_id)
        for index, item, state, folder_id in _object_items(items, "folders", "id", errors)
    )
    for label, item, state, folder_id in _first_of_each(entries, errors, "folder ID {!r}"):
        if state == "absent":
            absent.append(folder_id)
            continue
        devices = item.pop("devices", None)
        fields = check_fields("folder", label, item, ref, errors, version=version)
        if devices is not None:
            fields["devices"] = resolver.resolve_list(devices, label + ".devices", errors)
        if folder_id not in current_ids and not fields.get("path"):
            errors.append(f"{label}: a new folder needs a path")
        elif fields.get("path") == "":
            errors.append(f"{label}.path: a folder's path cannot be empty (Syncthing would refuse the write)")
        fields["id"] = folder_id
        present[folder_id] = fields
    return present, absent


def normalize_section(name, given, config, errors):
    """Validate the options, gui or ldap object against the server's own object."""
    if given is None:
        return None
    return check_fields(name, name, given, config.get(name) or {}, errors)


def normalize_defaults(given, config, resolver, errors, version=None):
    """Validate ``defaults`` ({folder, device, ignores}) against the server's templates."""
    if not given:
        return {}
    server = config.get("defaults")
    if server is None:
        errors.append("defaults: this Syncthing version has no defaults templates (they need 1.14 or later)")
        return {}
    out = {}
    for kind, forbidden in (("folder", "id"), ("device", "deviceID")):
        fields = given.get(kind)
        if fields is None:
            continue
        label = f"defaults.{kind}"
        fields = dict(fields)
        if forbidden in fields:
            errors.append(f"{label}: {forbidden} cannot be set on a template")
            fields.pop(forbidden)
        devices = fields.pop("devices", None) if kind == "folder" else None
        out[kind] = check_fields(kind, label, fields, server.get(kind) or {}, errors, version=version)
        if devices is not None:
            out[kind]["devices"] = resolver.resolve_list(devices, label + ".devices", errors)
    if given.get("ignores") is not None:
        if "ignores" not in server:
            errors.append("defaults.ignores: this Syncthing version has no default ignores (they need 1.19 or later)")
        else:
            out["ignores"] = [_text(line, errors, "defaults.ignores") for line in given["ignores"]]
    return out


OBSERVED_DEVICE_KEYS = ("deviceID", "name", "address", "time")


def normalize_remote_ignored(items, config, my_id, configured, errors):
    """Return (present {id: fields}, absent [ids]) for the ``remote_ignored_devices`` option.

    ``configured`` is the set of device IDs configured after the task: Syncthing silently drops those from
    ``remoteIgnoredDevices``, so ignoring one of them is refused.
    """
    current = config.get("remoteIgnoredDevices") or []
    ref = union_ref(dict.fromkeys(OBSERVED_DEVICE_KEYS, ""), *current[:1])
    present, absent = {}, []
    entries = _device_items(items, "remote_ignored_devices", errors)
    for label, item, state, device_id in _first_of_each(entries, errors, "device {}"):
        if state == "absent":
            absent.append(device_id)
            continue
        if device_id == EMPTY_DEVICE_ID:
            errors.append(f"{label}: {device_id} is the empty device ID (all zero bytes)")
            continue
        if device_id == my_id:
            errors.append(
                f"{label}: {device_id} is the local device, which cannot be ignored (Syncthing would silently drop it "
                "from remoteIgnoredDevices)"
            )
            continue
        if device_id in configured:
            errors.append(
                f"{label}: device {device_id} is configured (under devices), and Syncthing silently drops configured "
                "devices from remoteIgnoredDevices; remove it there first (devices: state=absent)"
            )
            continue
        fields = check_fields("observed", label, item, ref, errors)
        fields["deviceID"] = device_id
        present[device_id] = fields
    return present, absent


def normalize(params, config, my_id, version=None):
    """Return the validated desired state (a Desired), or raise SyncthingValidationError listing every problem.

    ``version`` is the server's version tuple (None: the newest rules).
    """
    errors = Errors()
    devices, devices_absent = normalize_devices(params.get("devices"), config, my_id, errors)
    current_devices = {dev["deviceID"] for dev in config.get("devices") or []}
    removed = set(devices_absent)
    if params.get("purge_devices"):
        removed |= current_devices - set(devices) - {my_id}
    available = (current_devices - removed) | set(devices) | {my_id}
    template = ((config.get("defaults") or {}).get("folder") or {}).get("devices") or []
    entry_ref = union_ref(dict.fromkeys(FOLDER_DEVICE_KEYS, ""), *template)
    resolver = DeviceResolver(device_names(config, devices, removed), available, entry_ref)
    folders, folders_absent = normalize_folders(params.get("folders"), config, resolver, errors, version)
    remote_ignored, remote_ignored_absent = normalize_remote_ignored(
        params.get("remote_ignored_devices"), config, my_id, available, errors
    )
    defaults = normalize_defaults(params.get("defaults"), config, resolver, errors, version)
    options, gui, ldap = (
        normalize_section(name, params.get(name), config, errors) for name in ("options", "gui", "ldap")
    )
    errors.raise_if_any()
    return Desired(
        folders=Wanted(folders, folders_absent, bool(params.get("purge_folders"))),
        devices=Wanted(devices, devices_absent, bool(params.get("purge_devices"))),
        remote_ignored=Wanted(remote_ignored, remote_ignored_absent),
        defaults=defaults,
        options=options,
        gui=gui,
        ldap=ldap,
        update_password=params.get("update_password") or "always",
    )
