# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The plan of syncthing_config: what to write so that the config holds the desired state.

Pure functions, no HTTP: ``build_plan(config, desired, my_id)`` takes the config read with one
``GET /rest/config`` and the output of ``_config_validate.normalize``. Only the fields given are
compared; changed objects are written complete (current or template, overlaid with the given fields).

Note that this module util is PRIVATE to the collection. It can have breaking changes at any time.
"""

from typing import Any, Dict, List, NamedTuple, Optional, Tuple

from ansible_collections.syncthing.rest.plugins.module_utils import _config_value_rules as value_rules
from ansible_collections.syncthing.rest.plugins.module_utils import _versions as versions
from ansible_collections.syncthing.rest.plugins.module_utils._config_check import Errors
from ansible_collections.syncthing.rest.plugins.module_utils._config_compare import (
    MISSING,
    changed_keys,
    differs,
    overlay,
    versioning_params,
)
from ansible_collections.syncthing.rest.plugins.module_utils._config_desired import Desired, Fields, Version, Wanted
from ansible_collections.syncthing.rest.plugins.module_utils._config_fields import predict_stored, refused_change
from ansible_collections.syncthing.rest.plugins.module_utils._config_result import SECTIONS, stored_config
from ansible_collections.syncthing.rest.plugins.module_utils._gui_password import is_hash, password_differs
from ansible_collections.syncthing.rest.plugins.module_utils._merge import deep_merge


class Plan:
    """What to write; ``result`` is the config as it will be after the writes."""

    def __init__(self) -> None:
        # the objects to write complete, and the IDs to remove, per kind (folders, devices)
        self.put: Dict[str, List[Fields]] = {"folders": [], "devices": []}
        self.delete: Dict[str, List[str]] = {"folders": [], "devices": []}
        # {kind: {"added": [ids], "updated": [ids], "removed": [ids]}} (also for remote_ignored_devices)
        self.summary: Dict[str, Dict[str, List[str]]] = {
            "folders": _empty_summary(),
            "devices": _empty_summary(),
            "remote_ignored_devices": _empty_summary(),
        }
        # the new remoteIgnoredDevices list, or None when it does not change
        self.remote_ignored: Optional[List[Fields]] = None
        # the merged sections (options, gui, ldap) and template parts (folder, device, ignores) to write
        self.sections: Dict[str, Fields] = {}
        self.defaults: Fields = {}
        self.before: Fields = {}
        self.after: Fields = {}
        self.warnings: List[str] = []
        self.errors = Errors()
        # the config as Syncthing will store it after the writes (see _config_result.stored_config)
        self.result: Fields = {}
        self.my_id: Optional[str] = None

    @property
    def changed(self) -> bool:
        return bool(
            self.put["folders"]
            or self.put["devices"]
            or self.delete["folders"]
            or self.delete["devices"]
            or self.sections
            or self.defaults
            or self.remote_ignored is not None
        )

    @property
    def needs_whole_config(self) -> bool:
        """Writes only the whole-config endpoint can do: DELETE /rest/config/folders/{id} cannot address IDs
        containing '/' (router 404), and remoteIgnoredDevices has no endpoint of its own."""
        return self.remote_ignored is not None or any("/" in folder_id for folder_id in self.delete["folders"])

    def diff(self) -> Fields:
        return {"before": self.before, "after": self.after}

    def note(self, path: Tuple[Any, ...], before: Any, after: Any) -> None:
        """Record one changed item for the diff (``path`` is a tuple of keys).

        The values are shared, not copied, with the config read and the plan (all read-only from here on).
        """
        for side, value in ((self.before, before), (self.after, after)):
            if value is MISSING:
                continue
            for key in path[:-1]:
                side = side.setdefault(key, {})
            side[path[-1]] = value


def _empty_summary() -> Dict[str, List[str]]:
    return {"added": [], "updated": [], "removed": []}


def _settle(plan: "Plan", kind: str, want: Fields, new: Fields, version: Version, label: Optional[str] = None) -> None:
    """What Syncthing forces on the object it stores (the rows of _config_fields); ``kind``: folders or devices."""
    label = label or "{}[{}]".format(kind, new.get("id") or new.get("deviceID"))
    predict_stored(kind[:-1], want, new, label, plan.errors, version)


class _Context(NamedTuple):
    """What every comparison of one plan needs: the local device ID and the server's version (None: newest)."""

    my_id: str
    version: Version


KEYS = {"folders": "id", "devices": "deviceID"}


def _plan_objects(
    plan: "Plan", context: _Context, kind: str, current: List[Fields], wanted: Wanted, template: Optional[Fields]
) -> None:
    """Plan the folders or devices (``kind``): given ones added or updated, absent (and purged) ones removed."""
    key, my_id, version = KEYS[kind], context.my_id, context.version
    by_id = {obj[key]: obj for obj in current}
    present = wanted.present
    for obj_id, want in present.items():
        have = by_id.get(obj_id)
        if kind == "folders":
            want = versioning_params(want, have if have is not None else template)
        if have is None:
            new = overlay(dict(template or {}, **{key: obj_id}), want, my_id)
            _settle(plan, kind, want, new, version)
            plan.put[kind].append(new)
            plan.summary[kind]["added"].append(obj_id)
            plan.note((kind, obj_id), MISSING, new)
            continue
        keys = changed_keys(want, have, my_id, folder=(kind == "folders"))
        if keys:
            new = overlay(have, want, my_id)
            _settle(plan, kind, want, new, version)
            refused_change(kind[:-1], keys, have, new, f"{kind}[{obj_id}]", plan.errors)
            plan.put[kind].append(new)
            plan.summary[kind]["updated"].append(obj_id)
            for name in keys:
                plan.note((kind, obj_id, name), have.get(name), new[name])
    removed = [obj_id for obj_id in wanted.absent if obj_id in by_id]
    if wanted.purge:
        listed = set(removed)
        removed += [obj_id for obj_id in by_id if obj_id not in present and obj_id not in listed and obj_id != my_id]
    for obj_id in removed:
        plan.delete[kind].append(obj_id)
        plan.summary[kind]["removed"].append(obj_id)
        plan.note((kind, obj_id), by_id[obj_id], MISSING)


def _plan_section(
    plan: "Plan", name: str, want: Fields, have: Fields, update_password: str, version: Version = None
) -> None:
    fields = dict(want)
    keys = [key for key in fields if key != "password" and differs(fields[key], have.get(key, MISSING))]
    if "password" in fields:
        send, warning = password_differs(fields["password"], have.get("password", ""), update_password)
        if warning:
            plan.warnings.append(warning)
        if send and is_hash(fields["password"]) and not versions.keeps_password_hashes(version):
            plan.errors.append(
                f"gui.password: a bcrypt hash is given, but Syncthing {versions.version_text(version)} hashes the "
                f"given value again (versions before {versions.version_text(versions.PREHASHED_PASSWORD)} do), so the "
                "hash itself would become the password and the real password would no longer log in; give the "
                "plaintext password instead (it is compared with the stored hash, not re-sent every run)"
            )
        if send:
            keys.append("password")
        else:
            fields.pop("password")
    if keys:
        merged = deep_merge(have, fields)
        if name == "options":
            value_rules.check_merged_options(fields, merged, plan.errors)
        plan.sections[name] = merged
        for key in keys:
            plan.note((name, key), have.get(key, MISSING), merged[key])


def _plan_defaults(plan: "Plan", want: Fields, have: Fields, my_id: str, version: Version = None) -> None:
    for kind in ("folder", "device"):
        if kind in want:
            current = have.get(kind) or {}
            given = versioning_params(want[kind], current) if kind == "folder" else want[kind]
            keys = changed_keys(given, current, my_id, folder=(kind == "folder"))
            if keys:
                merged = overlay(current, given, my_id)
                _settle(plan, kind + "s", given, merged, version, "defaults." + kind)
                plan.defaults[kind] = merged
                for key in keys:
                    plan.note(("defaults", kind, key), current.get(key, MISSING), merged[key])
    if "ignores" in want:
        lines = (have.get("ignores") or {}).get("lines") or []
        if want["ignores"] != lines:
            plan.defaults["ignores"] = list(want["ignores"])
            plan.note(("defaults", "ignores"), lines, want["ignores"])


def build_plan(config: Fields, desired: Desired, my_id: str, version: Version = None) -> "Plan":
    """Compare ``desired`` (from ``_config_validate.normalize``) with ``config``; return a Plan.

    ``version`` is the server's version tuple (None: the newest rules). Raises
    SyncthingValidationError for values Syncthing would not store as computed.
    """
    plan = Plan()
    plan.my_id = my_id
    defaults = config.get("defaults") or {}
    context = _Context(my_id, version)
    _plan_objects(plan, context, "devices", config.get("devices") or [], desired.devices, defaults.get("device"))
    _plan_objects(plan, context, "folders", config.get("folders") or [], desired.folders, defaults.get("folder"))
    for name in SECTIONS:
        given = desired.section(name)
        if given:
            _plan_section(plan, name, given, config.get(name) or {}, desired.update_password, version)
    if desired.defaults:
        _plan_defaults(plan, desired.defaults, defaults, my_id, version)
    _plan_remote_ignored(plan, config.get("remoteIgnoredDevices") or [], desired.remote_ignored)
    plan.result = stored_config(config, plan)
    _warn_auto_accepted(plan, config, my_id)
    _warn_introduced(plan, config)
    if versions.at_least(version, versions.UNTRUSTED_RULES):
        _check_untrusted_sharing(plan, config)
    plan.errors.raise_if_any()
    return plan


def _plan_remote_ignored(plan: "Plan", current: List[Fields], wanted: Wanted) -> None:
    """remoteIgnoredDevices: given items added (at the end) or updated in place, absent ones removed."""
    present, absent = wanted.present, wanted.absent
    if not present and not absent:
        return
    summary = plan.summary["remote_ignored_devices"]
    items: List[Fields] = []
    index: Dict[Any, int] = {}
    for item in current:
        index[item.get("deviceID")] = len(items)
        items.append(item)
    for device_id, want in present.items():
        position = index.get(device_id)
        if position is None:
            new = dict({"deviceID": device_id, "name": "", "address": "", "time": value_rules.now_rfc3339()}, **want)
            index[device_id] = len(items)
            items.append(new)
            summary["added"].append(device_id)
            plan.note(("remoteIgnoredDevices", device_id), MISSING, new)
            continue
        have = items[position]
        keys = [key for key in want if differs(want[key], have.get(key, MISSING))]
        if keys:
            items[position] = dict(have, **want)
            summary["updated"].append(device_id)
            for key in keys:
                plan.note(("remoteIgnoredDevices", device_id, key), have.get(key, MISSING), want[key])
    for device_id in absent:
        if device_id in index:
            summary["removed"].append(device_id)
            plan.note(("remoteIgnoredDevices", device_id), items[index[device_id]], MISSING)
    if summary["added"] or summary["updated"] or summary["removed"]:
        plan.remote_ignored = [item for item in items if item.get("deviceID") not in summary["removed"]]


def _warn_auto_accepted(plan: "Plan", config: Fields, my_id: str) -> None:
    """A removed folder that a remaining device shares and auto-accepts comes back when that device connects."""
    if not plan.delete["folders"]:
        return
    folders = {folder["id"]: folder for folder in config.get("folders") or []}
    devices = {device["deviceID"]: device for device in plan.result.get("devices") or []}
    for folder_id in plan.delete["folders"]:
        accepting = [
            devices[entry["deviceID"]]
            for entry in folders[folder_id].get("devices") or []
            if entry.get("deviceID") != my_id and (devices.get(entry.get("deviceID")) or {}).get("autoAcceptFolders")
        ]
        if accepting:
            names = ", ".join(
                "{} ({})".format(device["deviceID"], device.get("name") or "no name") for device in accepting
            )
            plan.warnings.append(
                "folders: {!r} is removed, but it is shared by {} with autoAcceptFolders: true, so Syncthing adds it "
                "back as soon as that device announces its folders again (at once while connected on some versions, "
                "at the latest when it next connects, after a restart): as a new folder under the default folder "
                "path, named after its label or ID, unless a directory of that name is already there; and a later "
                "run with the same purge removes it again. Its files stay on disk either way. To "
                "keep it removed, set autoAcceptFolders: false on that device or stop sharing the folder on the "
                "other side.".format(folder_id, "device " + names if len(accepting) == 1 else "devices " + names)
            )


def _warn_introduced(plan: "Plan", config: Fields) -> None:
    """A removed device that a remaining introducer introduced comes back when that introducer next reports it."""
    removed = {device["deviceID"]: device for device in config.get("devices") or []}
    introducers = {
        device["deviceID"]: device for device in plan.result.get("devices") or [] if device.get("introducer")
    }
    for device_id in plan.delete["devices"]:
        device = removed.get(device_id) or {}
        introducer = introducers.get(device.get("introducedBy"))
        if introducer:
            plan.warnings.append(
                "devices: {} ({}) is removed, but it was introduced by device {} ({}), which stays an introducer, so "
                "Syncthing adds it back as soon as that device sends its folder list again (when it reconnects, "
                "for example after a restart), and a later run with the same purge removes it again. To keep it "
                "removed, set introducer: false on that device, or stop sharing folders with it on the "
                "introducer.".format(
                    device_id,
                    device.get("name") or "no name",
                    introducer["deviceID"],
                    introducer.get("name") or "no name",
                )
            )


def _check_untrusted_sharing(plan: "Plan", config: Fields) -> None:
    """Folders written, and folders shared with a device made untrusted, must not share it in trusted mode."""
    untrusted = {dev["deviceID"] for dev in plan.result["devices"] if dev.get("untrusted")}
    if not untrusted:
        return
    was = {dev["deviceID"] for dev in config.get("devices") or [] if dev.get("untrusted")}
    folders = plan.put["folders"]
    if untrusted - was:
        folders = plan.result["folders"]
    for folder in folders:
        value_rules.untrusted_sharing(folder, untrusted, "folders[{}].devices".format(folder["id"]), plan.errors)
    if "folder" in plan.defaults:
        value_rules.untrusted_sharing(plan.defaults["folder"], untrusted, "defaults.folder.devices", plan.errors)
