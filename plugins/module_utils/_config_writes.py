# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The writes of a syncthing_config plan, in order, and what is known about each when one fails.

Each write is one config change on the server (all of it lands, or none). Refusals that can be known in advance
are refused before the first write (``_config_value_rules``); when Syncthing still refuses a later write (a GUI
host name that does not resolve, a config it cannot save), the writes that landed before it are rolled back with
one whole-config write of the config read at the start, and the task fails saying so (or, when the roll-back
fails too, naming what stayed applied). A write whose answer never comes (a timeout, a dropped connection) is
not sent again: the config is read back to see whether it landed (the GUI write is read back by the client's
patch_gui itself); the task goes on when it did, and fails saying whether it verifiably did not land or its outcome
is unknown.

Note that this module util is PRIVATE to the collection. It can have breaking changes at any time.
"""

import time
from typing import List

from ansible_collections.syncthing.rest.plugins.module_utils import _versions as versions
from ansible_collections.syncthing.rest.plugins.module_utils._config_compare import (
    MISSING,
    differs,
    folder_devices_differ,
)
from ansible_collections.syncthing.rest.plugins.module_utils._errors import (
    SyncthingAnswerLostError,
    SyncthingConnectionError,
    SyncthingError,
    SyncthingRolledBackError,
)
from ansible_collections.syncthing.rest.plugins.module_utils._merge import Keyed

# Reads of the config after a write without an answer, and the pause between them (seconds): Syncthing applies
# writes in the order received, and a write it received shows in the config before its answer is sent.
READ_BACK_ATTEMPTS = 3
READ_BACK_PAUSE = 1.0


class Write:
    """One write of the plan: ``what`` it does (for messages), ``send()`` and ``landed(config)``."""

    def __init__(self, what, send, landed):
        self.what, self.send, self.landed = what, send, landed


def plan_writes(client, plan):
    """The plan's writes in order: upserts batched per kind, DELETEs, templates, merged sections via PATCH, gui last
    (a new GUI listener must not cut off the other writes); or the one whole-config write where it is needed."""
    after, my_id = plan.after, plan.my_id
    if not versions.has_config_api(client.server_version()) or plan.needs_whole_config:
        # the read `version` is part of plan.result and goes back unchanged
        return [Write("the whole config (PUT /rest/config)", lambda: client.new_config(plan.result), _all_landed(plan))]
    writes = []
    for kind in ("devices", "folders"):
        if plan.put[kind]:
            send = client.set_devices if kind == "devices" else client.set_folders
            writes.append(
                Write(
                    f"{kind} {_ids(plan.put[kind], kind)} (PUT /rest/config/{kind})",
                    _call(send, plan.put[kind]),
                    _objects_landed(kind, plan, after, my_id),
                )
            )
    for kind, delete in (("folders", client.delete_folder), ("devices", client.delete_device)):
        for obj_id in plan.delete[kind]:
            writes.append(Write(f"removing {kind[:-1]} {obj_id!r}", _call(delete, obj_id), _removed(kind, obj_id)))
    for kind, send in (("folder", client.put_default_folder), ("device", client.put_default_device)):
        if kind in plan.defaults:
            writes.append(
                Write(
                    f"defaults.{kind}",
                    _call(send, plan.defaults[kind]),
                    _template_landed(kind, after, my_id),
                )
            )
    if "ignores" in plan.defaults:
        writes.append(
            Write(
                "defaults.ignores", _call(client.set_default_ignores, plan.defaults["ignores"]), _ignores_landed(plan)
            )
        )
    for name, send in (("options", client.patch_options), ("ldap", client.patch_ldap), ("gui", client.patch_gui)):
        if name in plan.sections:
            writes.append(Write(name, _call(send, plan.sections[name]), _section_landed(name, after)))
    return writes


def send_all(client, writes, warn, config):
    """Send ``writes`` in order; see the module docstring for what happens when one fails. ``config`` is the
    config read at the start (what a roll-back puts back)."""
    done: List[str] = []
    for index, write in enumerate(writes):
        try:
            write.send()
        except SyncthingConnectionError as exc:
            # a GUI write was read back by the client already (patch_gui): it raises only when it did not land
            outcome = exc.applied if isinstance(exc, SyncthingAnswerLostError) else read_back(client, write)
            if outcome is True:
                warn(f"Writing {write.what} got no answer ({exc}), but reading the config back shows it was applied")
                client.write_count += 1
            else:
                if outcome is None:
                    client.write_count += 1  # it may have landed: never report that nothing changed
                raise _failed(write, writes[index + 1 :], done, exc, outcome) from None
        except SyncthingError as exc:
            if done:
                raise roll_back(client, config, write, writes[index + 1 :], done, exc) from None
            raise _failed(write, writes[index + 1 :], done, exc, False) from None
        done.append(write.what)


def roll_back(client, config, write, left, done, exc):
    """Put back ``config`` (read at the start) after ``write`` was refused; return the error to raise."""
    try:
        client.new_config(config)
    except SyncthingError as failure:
        error = _failed(write, left, done, exc, False)
        if isinstance(failure, SyncthingConnectionError):
            error.message = (
                f"{error.message} Rolling them back got no answer, so whether they still apply is unknown: {failure}"
            )
        else:
            error.message = f"{error.message} Rolling them back failed too: {failure}"
        error.args = (error.message,)
        return error
    return SyncthingRolledBackError(
        f"Writing {write.what} was refused: {exc}. The writes applied before it ({'; '.join(done)}) were rolled back "
        "(the whole config as read at the start was written back): nothing was changed",
        method=exc.method,
        path=exc.path,
        status=exc.status,
        text=exc.text,
    )


def read_back(client, write):
    """True when the config read back shows ``write`` applied, False when it still does not after a few reads,
    None when the config cannot be read (the write's outcome is unknown)."""
    for attempt in range(READ_BACK_ATTEMPTS):
        if attempt:
            time.sleep(READ_BACK_PAUSE)
        try:
            config = client.get_config()
        except SyncthingError:
            return None
        if write.landed(config):
            return True
    return False


def _failed(write, left, done, exc, outcome):
    if outcome is None:
        how = "got no answer and its outcome is unknown (the config could not be read back; it may have been applied)"
    elif outcome is False and isinstance(exc, SyncthingConnectionError):
        how = "got no answer, and reading the config back shows it was not applied"
    else:
        how = "was refused"
    parts = [f"Writing {write.what} {how}: {exc}."]
    parts.append("Applied before it: {}.".format("; ".join(done) if done else "nothing"))
    if left:
        parts.append("Not sent: {}.".format("; ".join(item.what for item in left)))
    error = SyncthingError(" ".join(parts), method=exc.method, path=exc.path, status=exc.status, text=exc.text)
    return error


def _call(function, *args):
    return lambda: function(*args)


def _ids(objects, kind):
    key = "id" if kind == "folders" else "deviceID"
    ids = [obj[key] for obj in objects]
    shown = ", ".join(repr(obj_id) for obj_id in ids[:5])
    return shown + (f" and {len(ids) - 5} more" if len(ids) > 5 else "")


def _fields_landed(given, stored, my_id, folder):
    """The fields the plan changed (``given``: key -> value as the plan computed it) are stored as computed."""
    if not isinstance(stored, dict):
        return False
    for key, value in given.items():
        if key == "password":
            continue  # stored as a hash
        if key == "devices" and folder:
            if folder_devices_differ(value, stored.get("devices"), my_id):
                return False
        elif key == "ignoredFolders" and not folder:
            if differs(Keyed(value, "id"), stored.get(key)):  # Syncthing orders items of the same time at random
                return False
        elif differs(value, stored.get(key, MISSING)):
            return False
    return True


def _objects_landed(kind, plan, after, my_id):
    key = "id" if kind == "folders" else "deviceID"
    added = set(plan.summary[kind]["added"])

    def landed(config):
        stored = {obj.get(key): obj for obj in config.get(kind) or []}
        for obj in plan.put[kind]:
            obj_id = obj[key]
            if obj_id not in stored:
                return False
            if obj_id not in added and not _fields_landed(
                after[kind][obj_id], stored[obj_id], my_id, kind == "folders"
            ):
                return False
        return True

    return landed


def _removed(kind, obj_id):
    key = "id" if kind == "folders" else "deviceID"
    return lambda config: all(obj.get(key) != obj_id for obj in config.get(kind) or [])


def _template_landed(kind, after, my_id):
    def landed(config):
        stored = (config.get("defaults") or {}).get(kind)
        return _fields_landed(after["defaults"][kind], stored, my_id, kind == "folder")

    return landed


def _ignores_landed(plan):
    def landed(config):
        stored = ((config.get("defaults") or {}).get("ignores") or {}).get("lines") or []
        return stored == list(plan.defaults["ignores"])

    return landed


def _section_landed(name, after):
    return lambda config: _fields_landed(after[name], config.get(name), None, False)


def _all_landed(plan):
    """The whole-config write landed: each object, template and section the plan changes is stored as planned."""
    checks = []
    for kind in ("folders", "devices"):
        if plan.put[kind]:
            checks.append(_objects_landed(kind, plan, plan.after, plan.my_id))
        checks += [_removed(kind, obj_id) for obj_id in plan.delete[kind]]
    for kind in ("folder", "device"):
        if kind in plan.defaults:
            checks.append(_template_landed(kind, plan.after, plan.my_id))
    if "ignores" in plan.defaults:
        checks.append(_ignores_landed(plan))
    checks += [_section_landed(name, plan.after) for name in plan.sections]
    if plan.remote_ignored is not None:
        wanted = {item.get("deviceID") for item in plan.result.get("remoteIgnoredDevices") or []}
        checks.append(
            lambda config: {item.get("deviceID") for item in config.get("remoteIgnoredDevices") or []} == wanted
        )
    return lambda config: all(check(config) for check in checks)
