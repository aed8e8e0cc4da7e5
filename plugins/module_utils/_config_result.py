# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The config as Syncthing will store it after a plan's writes, and the parts of it a task returns.

Note that this module util is PRIVATE to the collection. It can have breaking changes at any time.
"""

from typing import Any, Dict, List, Set

from ansible_collections.syncthing.rest.plugins.module_utils import _config_value_rules as value_rules
from ansible_collections.syncthing.rest.plugins.module_utils._config_compare import device_sort_key
from ansible_collections.syncthing.rest.plugins.module_utils._config_desired import Desired, Fields
from ansible_collections.syncthing.rest.plugins.module_utils._merge import clone

SECTIONS = ("options", "ldap", "gui")


def stored_config(config: Fields, plan: Any) -> Fields:
    """The config as Syncthing will store it after the plan's writes (sorted, removed devices unshared); ``plan``
    is a ``_config_plan.Plan``.

    Copy-on-write: objects the plan does not touch are shared with ``config``, objects it writes with the
    plan (treat all of them as read-only).
    """
    result = dict(config)
    for kind, key in (("folders", "id"), ("devices", "deviceID")):
        objects = {obj[key]: obj for obj in config.get(kind) or []}
        for obj in plan.put[kind]:
            objects[obj[key]] = obj
        for obj_id in plan.delete[kind]:
            objects.pop(obj_id, None)
        result[kind] = list(objects.values())
    result["folders"].sort(key=lambda folder: folder["id"])
    result["devices"].sort(key=lambda device: device_sort_key(device["deviceID"]))
    known = {device["deviceID"] for device in result["devices"]}
    for index, folder in enumerate(result["folders"]):
        kept = [entry for entry in folder.get("devices") or [] if entry.get("deviceID") in known]
        if kept != folder.get("devices"):
            result["folders"][index] = dict(folder, devices=kept)
    _unignore_shared(result, plan.put["folders"])
    if plan.remote_ignored is not None:
        result["remoteIgnoredDevices"] = clone(plan.remote_ignored)
    ignored = result.get("remoteIgnoredDevices")
    if ignored:
        # Syncthing drops configured devices from the list (a device added by the plan stops being ignored)
        kept = [item for item in ignored if item.get("deviceID") not in known]
        if len(kept) != len(ignored):
            result["remoteIgnoredDevices"] = kept
    for name, merged in plan.sections.items():
        result[name] = merged
    _drop_password_notice(result, plan)
    if plan.defaults:
        result["defaults"] = dict(result["defaults"])
    for kind in ("folder", "device"):
        if kind in plan.defaults:
            result["defaults"][kind] = plan.defaults[kind]
    if "ignores" in plan.defaults:
        result["defaults"]["ignores"] = {"lines": list(plan.defaults["ignores"])}
    return result


def _unignore_shared(result: Fields, folders: List[Fields]) -> None:
    """A device's ignoredFolders loses the folders now shared with it (as Syncthing does)."""
    shared: Dict[str, Set[str]] = {}
    for folder in folders:
        for entry in folder.get("devices") or []:
            shared.setdefault(entry["deviceID"], set()).add(folder["id"])
    for index, device in enumerate(result["devices"]):
        ignored = device.get("ignoredFolders")
        if ignored and device["deviceID"] in shared:
            kept = [item for item in ignored if item.get("id") not in shared[device["deviceID"]]]
            if len(kept) != len(ignored):
                result["devices"][index] = dict(device, ignoredFolders=kept)


def _drop_password_notice(result: Fields, plan: Any) -> None:
    """With a GUI user and password, Syncthing drops the notice asking to set them."""
    gui, options = result.get("gui") or {}, result.get("options") or {}
    notices = options.get("unackedNotificationIDs")
    if not (
        plan.sections
        and gui.get("user")
        and gui.get("password")
        and notices
        and value_rules.GUI_PASSWORD_NOTICE in notices
    ):
        return
    notices = list(notices)
    notices.remove(value_rules.GUI_PASSWORD_NOTICE)
    result["options"] = dict(options, unackedNotificationIDs=notices)


def managed(result: Fields, desired: Desired) -> Fields:
    """The part of ``result`` a task manages: its folders, devices, sections and templates, and ``version``."""
    out = {"version": result.get("version")}
    for kind, key in (("folders", "id"), ("devices", "deviceID")):
        wanted = desired.objects(kind)
        if wanted.managed:
            out[kind] = [obj for obj in result.get(kind) or [] if obj[key] in wanted.present]
    if desired.remote_ignored.managed:
        given = desired.remote_ignored.present
        out["remoteIgnoredDevices"] = [
            item for item in result.get("remoteIgnoredDevices") or [] if item.get("deviceID") in given
        ]
    for name in SECTIONS:
        if desired.section(name) is not None:
            out[name] = result.get(name)
    if desired.defaults:
        out["defaults"] = {
            kind: result["defaults"].get(kind) for kind in ("folder", "device", "ignores") if kind in desired.defaults
        }
    return out


def changed(result: Fields, plan: Any, desired: Desired) -> Fields:
    """The objects of ``result`` the plan adds or changes, complete, and ``version``.

    ``folders`` and ``devices`` are lists (empty when none changed) whenever the task manages that kind;
    a section or template part is there only when it changed. A no-op gives ``{"version": ...}`` plus
    empty lists, whatever the size of the config.
    """
    out = {"version": result.get("version")}
    for kind, key in (("folders", "id"), ("devices", "deviceID")):
        if desired.objects(kind).managed:
            summary = plan.summary[kind]
            ids = set(summary["added"]) | set(summary["updated"])
            out[kind] = [obj for obj in result.get(kind) or [] if obj[key] in ids] if ids else []
    if desired.remote_ignored.managed:
        summary = plan.summary["remote_ignored_devices"]
        ids = set(summary["added"]) | set(summary["updated"])
        out["remoteIgnoredDevices"] = [
            item for item in result.get("remoteIgnoredDevices") or [] if item.get("deviceID") in ids
        ]
    for name in SECTIONS:
        if name in plan.sections:
            out[name] = result.get(name)
    if plan.defaults:
        out["defaults"] = {
            kind: result["defaults"].get(kind) for kind in ("folder", "device", "ignores") if kind in plan.defaults
        }
    return out
