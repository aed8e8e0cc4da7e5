# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Normalise and validate the desired config of syncthing_config against the config read from the server.

Pure functions, no HTTP: the task's objects one by one (IDs, states, device names, what cannot be removed), each
one's fields checked by ``_config_check`` against the server's own objects and the rows of ``_config_fields``.

Note that this module util is PRIVATE to the collection. It can have breaking changes at any time.
"""

from typing import Any, Dict, List, Optional, Set, Tuple

from ansible_collections.syncthing.rest.plugins.module_utils import _versions as versions
from ansible_collections.syncthing.rest.plugins.module_utils._config_check import Errors, check_fields, text_value
from ansible_collections.syncthing.rest.plugins.module_utils._config_desired import Desired, Fields, Version, Wanted
from ansible_collections.syncthing.rest.plugins.module_utils._device_names import names_to_ids, resolve_device
from ansible_collections.syncthing.rest.plugins.module_utils.device_id import InvalidDeviceID, normalize_device_id

EMPTY_DEVICE_ID = "-".join(["AAAAAAA"] * 8)
FOLDER_DEVICE_KEYS = ("deviceID", "introducedBy", "encryptionPassword")


def union_ref(*objects: Optional[Fields]) -> Fields:
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


def normalize_devices(
    items: Optional[List[Any]], config: Fields, my_id: str, errors: List[str]
) -> Tuple[Dict[str, Fields], List[str]]:
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


def device_names(config: Fields, present: Dict[str, Fields], removed: Set[str]) -> Dict[str, Set[str]]:
    """Map each device name to the IDs that will carry it (configured devices overlaid with the task's)."""
    merged = {dev["deviceID"]: dev.get("name", "") for dev in config.get("devices") or []}
    for device_id, fields in present.items():
        merged[device_id] = fields.get("name", merged.get(device_id, ""))
    return names_to_ids((device_id, name) for device_id, name in merged.items() if device_id not in removed)


def normalize_folders(
    items: Optional[List[Any]], config: Fields, resolver: "DeviceResolver", errors: List[str], version: Version = None
) -> Tuple[Dict[str, Fields], List[str]]:
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


def normalize_section(name: str, given: Optional[Fields], config: Fields, errors: List[str]) -> Optional[Fields]:
    """Validate the options, gui or ldap object against the server's own object."""
    if given is None:
        return None
    return check_fields(name, name, given, config.get(name) or {}, errors)


def normalize_defaults(
    given: Optional[Fields], config: Fields, resolver: "DeviceResolver", errors: List[str], version: Version = None
) -> Fields:
    """Validate ``defaults`` ({folder, device, ignores}) against the server's templates."""
    if not given:
        return {}
    server = config.get("defaults")
    if server is None:
        errors.append(
            f"defaults: this Syncthing version has no defaults templates (they need {versions.version_text(versions.DEFAULT_TEMPLATES)} or later)"
        )
        return {}
    out: Fields = {}
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
            errors.append(
                f"defaults.ignores: this Syncthing version has no default ignores (they need {versions.version_text(versions.DEFAULT_IGNORES)} or later)"
            )
        else:
            out["ignores"] = [text_value(line, errors, "defaults.ignores") for line in given["ignores"]]
    return out


OBSERVED_DEVICE_KEYS = ("deviceID", "name", "address", "time")


def normalize_remote_ignored(
    items: Optional[List[Any]], config: Fields, my_id: str, configured: Set[str], errors: List[str]
) -> Tuple[Dict[str, Fields], List[str]]:
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


def normalize(params: Fields, config: Fields, my_id: str, version: Version = None) -> Desired:
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
