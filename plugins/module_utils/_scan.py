# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Folder scans for syncthing_folder_scan: ``changed`` from the folder sequence before and after.

Note that this module util is PRIVATE to the collection. It can have breaking changes at any time.
"""

from typing import List

from ansible_collections.syncthing.rest.plugins.module_utils import _folder_health
from ansible_collections.syncthing.rest.plugins.module_utils._device_names import (
    UnknownDevice,
    names_to_ids,
    resolve_device,
)
from ansible_collections.syncthing.rest.plugins.module_utils._errors import (
    SyncthingTimeoutError,
    SyncthingValidationError,
)
from ansible_collections.syncthing.rest.plugins.module_utils._wait import after_migration, poll
from ansible_collections.syncthing.rest.plugins.module_utils.device_id import InvalidDeviceID, is_valid_device_id

# with wait=false: how long to let the synchronous scan call run before returning without its outcome
NO_WAIT_READ_TIMEOUT = 1


class FolderScan:
    """Scans one folder or every unpaused folder, then optionally waits until they are in sync."""

    def __init__(self, client, params, check_mode=False, warn=None, **poll_kwargs):
        self.client = client
        self.params = params
        self.check_mode = check_mode
        self.warn = warn or (lambda message: None)
        self.poll_kwargs = poll_kwargs
        # in check mode: why a folder is not scanned (state an earlier check-mode task would have created)
        self.skipped = {}
        # the canonical IDs of ``devices`` (IDs or names), resolved by targets() from the one config read
        self.devices = []
        # how messages name each of them: the ID, and the name when the task gave one
        self.labels = {}
        if params.get("devices") and not params["wait_in_sync"]:
            raise SyncthingValidationError("option devices is only used with wait_in_sync=true")

    def resolve_devices(self, config):
        """Resolve ``devices`` (device IDs in any form, or names of configured devices) to canonical IDs.

        The rule is ``device_id.resolve_device``, syncthing_config's too. An invalid ID, an ambiguous name or (outside
        check mode) a name no configured device has raises, naming each problem. In check mode an unknown name is
        returned instead, in a list of messages: an earlier task of the same check-mode run may have been about to
        add that device.
        """
        names = names_to_ids((device.get("deviceID"), device.get("name")) for device in config.get("devices") or [])
        unknown: List[str] = []
        errors: List[str] = []
        for index, value in enumerate(self.params.get("devices") or []):
            try:
                device = resolve_device(value, names)
            except UnknownDevice as exc:
                (unknown if self.check_mode else errors).append(f"devices[{index}]: {exc}")
                continue
            except InvalidDeviceID as exc:
                errors.append(f"devices[{index}]: {exc}")
                continue
            if device not in self.labels:
                self.devices.append(device)
                self.labels[device] = device if is_valid_device_id(value) else f"{device} ({value!r})"
        if errors:
            raise SyncthingValidationError("; ".join(errors))
        return unknown

    def targets(self):
        """The folder IDs to scan, validated against the configuration.

        In check mode, a folder that is not configured, paused, not shared with ``devices``, or to be waited for by a
        device name no configured device has, is skipped with a warning instead: an earlier task of the same
        check-mode run may have been about to create that state.
        """
        if self.params["wait"] or self.params["wait_in_sync"]:
            # a task that waits also waits out a 2.x database migration at its start
            config = after_migration(self.client.get_config, self.params["wait_timeout"], **self.poll_kwargs)
        else:
            config = self.client.get_config()
        unknown = self.resolve_devices(config)
        folders = {item["id"]: item for item in config.get("folders") or []}
        folder = self.params["folder"]
        chosen = []
        if folder is None:
            chosen = [folders[key] for key in sorted(folders) if not folders[key].get("paused")]
        elif folder not in folders:
            self._problem(folder, _folder_health.not_configured(folder, folders))
        elif folders[folder].get("paused"):
            self._problem(folder, f"folder {folder!r} is paused; a paused folder cannot be scanned")
        else:
            chosen = [folders[folder]]
        targets = []
        for item in chosen:
            shared = {dev["deviceID"] for dev in item.get("devices") or []}
            missing = [self.labels[device] for device in self.devices if device not in shared]
            if unknown:
                self._problem(
                    item["id"], "folder {!r} waits for an unknown device: {}".format(item["id"], "; ".join(unknown))
                )
            elif missing:
                self._problem(
                    item["id"], "folder {!r} is not shared with device(s) {}".format(item["id"], ", ".join(missing))
                )
            else:
                targets.append(item["id"])
        return targets

    def _problem(self, folder, message):
        """Outside check mode a refusal; in check mode the folder is skipped with a warning."""
        if not self.check_mode:
            raise SyncthingValidationError(message)
        self.skipped[folder] = message
        self.warn(
            f"check mode: {message}, so it is not scanned or waited for; a task before this one that would create "
            "that state did not write anything in check mode"
        )

    def run(self):
        targets = self.targets()
        statuses = _folder_health.statuses_of(self.client, targets)
        _folder_health.require_usable(
            statuses,
            "to scan",
            "Syncthing cannot scan a folder whose path is missing or unusable, and waiting for it could never end.",
        )
        if self.check_mode:
            folders = {key: {"scanned": False} for key in targets}
            folders.update((key, {"scanned": False, "skipped": reason}) for key, reason in self.skipped.items())
            msg = "check mode: no scan was started"
            if self.skipped:
                msg += "; skipped: " + "; ".join(message for _key, message in sorted(self.skipped.items()))
            return self._with_devices({"changed": False, "folders": folders, "msg": msg})
        results = {key: self.scan(key, statuses[key].get("sequence")) for key in targets}
        if self.params["wait_in_sync"]:
            for key in targets:
                results[key]["in_sync"] = self.wait_in_sync(key)
        return self._with_devices({"changed": any(item["changed"] for item in results.values()), "folders": results})

    def _with_devices(self, result):
        """With ``devices`` given: the canonical IDs they were resolved to, in the given order."""
        if self.params.get("devices"):
            result["devices"] = list(self.devices)
        return result

    def scan(self, folder, before):
        """Scan one folder; changed when its local sequence moved (or, unfinished with wait=false, unknown).

        ``before`` is the folder's sequence read just before.
        """
        wait = self.params["wait"] or self.params["wait_in_sync"]
        timeout = self.params["wait_timeout"] if wait else (self.client.timeout, NO_WAIT_READ_TIMEOUT)
        try:
            self.client.scan(folder, sub=self.params["subdirs"], next=self.params["delay"], timeout=timeout)
        except SyncthingTimeoutError:
            if wait:
                raise
            return {"scanned": True, "finished": False, "changed": True, "sequence_before": before}
        after = self.sequence(folder)
        return {
            "scanned": True,
            "finished": True,
            "changed": after != before,
            "sequence_before": before,
            "sequence_after": after,
        }

    def sequence(self, folder):
        return self.client.get_folder_status(folder).get("sequence")

    def wait_in_sync(self, folder):
        """Wait until the folder is idle needing nothing, and the given peers report 100 % completion."""
        state = {}

        def in_sync():
            status = self.client.get_folder_status(folder)
            state["local"] = "state {}, needs {} items".format(status.get("state"), status.get("needTotalItems"))
            if status.get("state") != "idle" or status.get("needTotalItems"):
                return False
            for device in self.devices:
                completion = self.client.get_completion(device=device, folder=folder)
                state[device] = "completion {}%, remote state {}".format(
                    completion.get("completion"), completion.get("remoteState", "n/a")
                )
                if completion.get("completion") != 100 or completion.get("needItems"):
                    return False
                if completion.get("remoteState", "valid") != "valid":
                    return False
            return True

        def describe():
            details = "; ".join("{}: {}".format(*item) for item in sorted(state.items())) or "no answer"
            return f"folder {folder!r} to be in sync ({details})"

        return poll(in_sync, self.params["wait_timeout"], describe, **self.poll_kwargs)


def run(client, params, check_mode=False, warn=None):
    """syncthing_folder_scan: scan the folder (or every unpaused folder), then wait as asked."""
    return FolderScan(client, params, check_mode, warn=warn).run()
