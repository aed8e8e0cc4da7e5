# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Desired-vs-current logic of syncthing_config: compare, merge, plan, and the resulting config.

Pure functions, no HTTP: ``build_plan(config, desired, my_id)`` takes the config read with one
``GET /rest/config`` and the output of ``_config_validate.normalize``. Only the fields given are
compared; changed objects are written complete (current or template, overlaid with the given fields).

Note that this module util is PRIVATE to the collection. It can have breaking changes at any time.
"""

import base64
import functools
import re
from urllib.parse import urlsplit, urlunsplit

from ansible_collections.syncthing.rest.plugins.module_utils import _config_limits as limits
from ansible_collections.syncthing.rest.plugins.module_utils import _versions as versions
from ansible_collections.syncthing.rest.plugins.module_utils._config_validate import Errors, Whole

MISSING = object()
BCRYPT_HASH = re.compile(r"^\$2[aby]\$\d+\$.{50,}")
SECTIONS = ("options", "ldap", "gui")


def differs(want, have):
    """True when ``have`` differs from ``want`` in any of the keys ``want`` gives (recursively).

    A ``Whole`` map is compared as one value: a stored key it does not give is a difference.
    """
    if isinstance(want, Whole):
        if not isinstance(have, dict) or set(want) != set(have):
            return True
        return any(differs(value, have[key]) for key, value in want.items())
    if isinstance(want, dict):
        if not isinstance(have, dict):
            return True
        return any(differs(value, have.get(key, MISSING)) for key, value in want.items())
    if isinstance(want, list):
        if not isinstance(have, list) or len(want) != len(have):
            return True
        return any(differs(w, h) for w, h in zip(want, have))
    if isinstance(want, bool) or isinstance(have, bool):
        return not (isinstance(want, bool) and isinstance(have, bool) and want == have)
    return want != have


def clone(value):
    """A deep copy of JSON-shaped data (dicts, lists, scalars), several times faster than ``copy.deepcopy``."""
    if isinstance(value, dict):
        return {key: clone(item) for key, item in value.items()}
    if isinstance(value, list):
        return [clone(item) for item in value]
    return value


def deep_merge(base, given):
    """Return ``base`` overlaid with ``given``: nested dicts merge key by key, everything else is replaced.

    A ``Whole`` map replaces the stored map (the result holds a plain dict).
    """
    merged = clone(base) if isinstance(base, dict) else {}
    _merge_into(merged, given)
    return merged


def _merge_into(merged, given):
    for key, value in given.items():
        if isinstance(value, dict) and not isinstance(value, Whole) and isinstance(merged.get(key), dict):
            _merge_into(merged[key], value)
        else:
            merged[key] = clone(value)


@functools.lru_cache(maxsize=4096)
def device_sort_key(device_id):
    """Syncthing sorts devices by their raw 32 bytes (base32 order A-Z, 2-7)."""
    chars = device_id.replace("-", "")
    chars52 = "".join(chars[i : i + 13] for i in range(0, 56, 14))
    try:
        return base64.b32decode(chars52 + "====")
    except (TypeError, ValueError):
        return device_id.encode("utf-8")


def import_bcrypt():
    """The bcrypt module, or None when it is not installed.

    Imported only when a plaintext password is compared with a stored hash, not when the module starts.
    """
    try:
        import bcrypt
    except ImportError:
        return None
    return bcrypt


def is_hash(password):
    """True for a bcrypt hash as Syncthing recognises one (lib/config/guiconfiguration.go)."""
    return bool(BCRYPT_HASH.match(password or ""))


def password_differs(given, stored, update_password):
    """Decide whether gui.password must be sent. Returns (send, warning).

    ``on_create`` never replaces a stored password, whatever form (plaintext or hash) the given one has.
    """
    if update_password == "on_create" and stored:
        return False, None
    if is_hash(given):
        return given != stored, None
    if given == stored:
        return False, None
    if not stored:
        return True, None
    if not BCRYPT_HASH.match(stored):
        return True, None
    bcrypt = import_bcrypt()
    if bcrypt is None:
        return True, (
            "gui.password: the Python library bcrypt is not available, so the password cannot be compared "
            "with the stored hash and is sent on every run; install bcrypt or use update_password=on_create"
        )
    try:
        return not bcrypt.checkpw(given.encode("utf-8"), stored.encode("utf-8")), None
    except ValueError:
        return True, None


def folder_devices_differ(want, have, my_id):
    """Compare a folder's device list as Syncthing stores it: by ID, in any order, local device always there."""
    have_by_id = {entry.get("deviceID"): entry for entry in have or []}
    want_ids = {entry["deviceID"] for entry in want} | {my_id}
    if want_ids != set(have_by_id):
        return True
    return any(differs(entry, have_by_id[entry["deviceID"]]) for entry in want)


def complete_folder_devices(want, have, my_id):
    """The full device list to send: given entries over current ones, plus the local device, sorted."""
    have_by_id = {entry.get("deviceID"): entry for entry in have or []}
    blank = {"introducedBy": "", "encryptionPassword": ""}
    out = [deep_merge(have_by_id.get(entry["deviceID"], blank), entry) for entry in want]
    if my_id not in {entry["deviceID"] for entry in want}:
        out.append(clone(have_by_id.get(my_id) or dict(blank, deviceID=my_id)))
    return sorted(out, key=lambda entry: device_sort_key(entry["deviceID"]))


def changed_keys(want, have, my_id, folder=False):
    """Top-level keys of ``want`` whose values differ from ``have`` (``folder``: compare devices by ID)."""
    keys = []
    for key, value in want.items():
        if key == "devices" and folder:
            if folder_devices_differ(value, have.get("devices"), my_id):
                keys.append(key)
        elif differs(value, have.get(key, MISSING)):
            keys.append(key)
    return keys


def versioning_params(want, base):
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


def overlay(base, want, my_id):
    """``base`` (current object or template) overlaid with the given fields; folder devices completed."""
    fields = {key: value for key, value in want.items() if key != "devices"}
    merged = deep_merge(base, fields)
    if "devices" in want:
        merged["devices"] = complete_folder_devices(want["devices"], base.get("devices"), my_id)
    return merged


class Plan:
    """What to write; ``result`` is the config as it will be after the writes."""

    def __init__(self):
        self.put = {"folders": [], "devices": []}
        self.delete = {"folders": [], "devices": []}
        self.summary = {
            "folders": _empty_summary(),
            "devices": _empty_summary(),
            "remote_ignored_devices": _empty_summary(),
        }
        # the new remoteIgnoredDevices list, or None when it does not change
        self.remote_ignored = None
        self.sections = {}
        self.defaults = {}
        self.before = {}
        self.after = {}
        self.warnings = []
        self.errors = Errors()
        self.result = None

    @property
    def changed(self):
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
    def needs_whole_config(self):
        """Writes only the whole-config endpoint can do: DELETE /rest/config/folders/{id} cannot address IDs
        containing '/' (router 404), and remoteIgnoredDevices has no endpoint of its own."""
        return self.remote_ignored is not None or any("/" in folder_id for folder_id in self.delete["folders"])

    def diff(self):
        return {"before": self.before, "after": self.after}

    def note(self, path, before, after):
        """Record one changed item for the diff (``path`` is a tuple of keys).

        The values are shared, not copied, with the config read and the plan (all read-only from here on).
        """
        for side, value in ((self.before, before), (self.after, after)):
            if value is MISSING:
                continue
            for key in path[:-1]:
                side = side.setdefault(key, {})
            side[path[-1]] = value


def _empty_summary():
    return {"added": [], "updated": [], "removed": []}


def _settle(plan, kind, want, new, version, label=None):
    """What Syncthing forces on the object it stores (see _config_limits)."""
    label = label or "{}[{}]".format(kind, new.get("id") or new.get("deviceID"))
    if kind == "folders":
        limits.settle_folder(want, new, label, plan.errors)
    else:
        limits.settle_device(want, new, label, plan.errors, version)


def _plan_objects(plan, kind, key, current, present, absent, purge, template, my_id, version=None):
    by_id = {obj[key]: obj for obj in current}
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
            plan.put[kind].append(new)
            plan.summary[kind]["updated"].append(obj_id)
            for name in keys:
                plan.note((kind, obj_id, name), have.get(name), new[name])
    removed = [obj_id for obj_id in absent if obj_id in by_id]
    if purge:
        listed = set(removed)
        removed += [obj_id for obj_id in by_id if obj_id not in present and obj_id not in listed and obj_id != my_id]
    for obj_id in removed:
        plan.delete[kind].append(obj_id)
        plan.summary[kind]["removed"].append(obj_id)
        plan.note((kind, obj_id), by_id[obj_id], MISSING)


def _plan_section(plan, name, want, have, update_password, version=None):
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
            limits.check_merged_options(fields, merged, plan.errors)
        plan.sections[name] = merged
        for key in keys:
            plan.note((name, key), have.get(key, MISSING), merged[key])


def _plan_defaults(plan, want, have, my_id, version=None):
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


def build_plan(config, desired, my_id, version=None):
    """Compare ``desired`` (from ``_config_validate.normalize``) with ``config``; return a Plan.

    ``version`` is the server's version tuple (None: the newest rules). Raises
    SyncthingValidationError for values Syncthing would not store as computed.
    """
    plan = Plan()
    defaults = config.get("defaults") or {}
    _plan_objects(
        plan,
        "devices",
        "deviceID",
        config.get("devices") or [],
        desired["devices"],
        desired["devices_absent"],
        desired["purge_devices"],
        defaults.get("device"),
        my_id,
        version,
    )
    _plan_objects(
        plan,
        "folders",
        "id",
        config.get("folders") or [],
        desired["folders"],
        desired["folders_absent"],
        desired["purge_folders"],
        defaults.get("folder"),
        my_id,
        version,
    )
    for name in SECTIONS:
        if desired.get(name):
            _plan_section(plan, name, desired[name], config.get(name) or {}, desired["update_password"], version)
    if desired.get("defaults"):
        _plan_defaults(plan, desired["defaults"], defaults, my_id, version)
    _plan_remote_ignored(
        plan,
        config.get("remoteIgnoredDevices") or [],
        desired.get("remote_ignored") or {},
        desired.get("remote_ignored_absent") or [],
    )
    plan.result = apply_plan(config, plan)
    _warn_auto_accepted(plan, config, my_id)
    if versions.at_least(version, versions.UNTRUSTED_RULES):
        _check_untrusted_sharing(plan, config)
    plan.errors.raise_if_any()
    return plan


def _plan_remote_ignored(plan, current, present, absent):
    """remoteIgnoredDevices: given items added (at the end) or updated in place, ``absent`` ones removed."""
    if not present and not absent:
        return
    summary = plan.summary["remote_ignored_devices"]
    items, index = [], {}
    for item in current:
        index[item.get("deviceID")] = len(items)
        items.append(item)
    for device_id, want in present.items():
        position = index.get(device_id)
        if position is None:
            new = dict({"deviceID": device_id, "name": "", "address": "", "time": limits.now_rfc3339()}, **want)
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


def _warn_auto_accepted(plan, config, my_id):
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


def _check_untrusted_sharing(plan, config):
    """Folders written, and folders shared with a device made untrusted, must not share it in trusted mode."""
    untrusted = {dev["deviceID"] for dev in plan.result["devices"] if dev.get("untrusted")}
    if not untrusted:
        return
    was = {dev["deviceID"] for dev in config.get("devices") or [] if dev.get("untrusted")}
    folders = plan.put["folders"]
    if untrusted - was:
        folders = plan.result["folders"]
    for folder in folders:
        limits.untrusted_sharing(folder, untrusted, "folders[{}].devices".format(folder["id"]), plan.errors)
    if "folder" in plan.defaults:
        limits.untrusted_sharing(plan.defaults["folder"], untrusted, "defaults.folder.devices", plan.errors)


def apply_plan(config, plan):
    """The config as Syncthing will store it after the plan's writes (sorted, removed devices unshared).

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


def _unignore_shared(result, folders):
    """A device's ignoredFolders loses the folders now shared with it (as Syncthing does)."""
    shared = {}
    for folder in folders:
        for entry in folder.get("devices") or []:
            shared.setdefault(entry["deviceID"], set()).add(folder["id"])
    for index, device in enumerate(result["devices"]):
        ignored = device.get("ignoredFolders")
        if ignored and device["deviceID"] in shared:
            kept = [item for item in ignored if item.get("id") not in shared[device["deviceID"]]]
            if len(kept) != len(ignored):
                result["devices"][index] = dict(device, ignoredFolders=kept)


def _drop_password_notice(result, plan):
    """With a GUI user and password, Syncthing drops the notice asking to set them."""
    gui, options = result.get("gui") or {}, result.get("options") or {}
    notices = options.get("unackedNotificationIDs")
    if not (
        plan.sections and gui.get("user") and gui.get("password") and notices and limits.GUI_PASSWORD_NOTICE in notices
    ):
        return
    notices = list(notices)
    notices.remove(limits.GUI_PASSWORD_NOTICE)
    result["options"] = dict(options, unackedNotificationIDs=notices)


def managed(result, desired):
    """The part of ``result`` a task manages: its folders, devices, sections and templates, and ``version``."""
    out = {"version": result.get("version")}
    for kind, key in (("folders", "id"), ("devices", "deviceID")):
        given = desired[kind]
        if given or desired[kind + "_absent"] or desired["purge_" + kind]:
            out[kind] = [obj for obj in result.get(kind) or [] if obj[key] in given]
    if desired.get("remote_ignored") or desired.get("remote_ignored_absent"):
        given = desired.get("remote_ignored") or {}
        out["remoteIgnoredDevices"] = [
            item for item in result.get("remoteIgnoredDevices") or [] if item.get("deviceID") in given
        ]
    for name in SECTIONS:
        if desired.get(name) is not None:
            out[name] = result.get(name)
    given = desired.get("defaults") or {}
    if given:
        out["defaults"] = {
            kind: result["defaults"].get(kind) for kind in ("folder", "device", "ignores") if kind in given
        }
    return out


def changed(result, plan, desired):
    """The objects of ``result`` the plan adds or changes, complete, and ``version``.

    ``folders`` and ``devices`` are lists (empty when none changed) whenever the task manages that kind;
    a section or template part is there only when it changed. A no-op gives ``{"version": ...}`` plus
    empty lists, whatever the size of the config.
    """
    out = {"version": result.get("version")}
    for kind, key in (("folders", "id"), ("devices", "deviceID")):
        if desired[kind] or desired[kind + "_absent"] or desired["purge_" + kind]:
            summary = plan.summary[kind]
            ids = set(summary["added"]) | set(summary["updated"])
            out[kind] = [obj for obj in result.get(kind) or [] if obj[key] in ids] if ids else []
    if desired.get("remote_ignored") or desired.get("remote_ignored_absent"):
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


def reconnect_url(url, old_gui, new_gui):
    """The URL to reach the API after a GUI change, or None when the new listener cannot be followed.

    Keeps the host of ``url``; takes the new port, and https when useTLS is turned on.
    """
    parts = urlsplit(url)
    scheme = "https" if new_gui.get("useTLS") and not old_gui.get("useTLS") else parts.scheme
    address = new_gui.get("address", "")
    if address == old_gui.get("address", ""):
        return urlunsplit((scheme, parts.netloc, parts.path, "", ""))
    if address.startswith(("/", "unix")):
        return None
    port = urlsplit(address).port if "://" in address else address.rpartition(":")[2]
    host = parts.hostname or "127.0.0.1"
    if ":" in host:
        host = f"[{host}]"
    return urlunsplit((scheme, f"{host}:{port or 8384}", parts.path, "", ""))
