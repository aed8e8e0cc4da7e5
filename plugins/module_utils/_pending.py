# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""syncthing_pending: decide on pending devices and folder offers by rules, and do it.

Reads ``GET /rest/cluster/pending/devices`` and ``…/folders`` (nothing else when nothing is pending). Accepting
and ignoring are config changes, made through syncthing_config's converge (its validation, its writes, its diff)
on one ``GET /rest/config``; dismissing is ``DELETE /rest/cluster/pending/…``.

Note that this module util is PRIVATE to the collection. It can have breaking changes at any time.
"""

import posixpath
from typing import Any, Dict, List

from ansible_collections.syncthing.rest.plugins.module_utils import _config_converge
from ansible_collections.syncthing.rest.plugins.module_utils import _pending_rules as rules
from ansible_collections.syncthing.rest.plugins.module_utils._device_names import names_to_ids
from ansible_collections.syncthing.rest.plugins.module_utils._errors import SyncthingValidationError

OUTCOMES = ("accepted", "ignored", "dismissed", "kept")
# what syncthing_config's converge needs besides the objects given
CONVERGE_DEFAULTS = {
    "options": None,
    "gui": None,
    "ldap": None,
    "defaults": None,
    "purge_folders": False,
    "purge_devices": False,
    "update_password": "always",
    "return_config": "none",
    "restart": "never",
}


class Pending:
    """One run of syncthing_pending: the decisions per pending entry, then the writes."""

    def __init__(self, client, params, check_mode=False, warn=None):
        self.client = client
        self.params = params
        self.check_mode = check_mode
        self.warn = warn
        errors: List[str] = []
        self.device_rules = rules.device_rules(params.get("devices"), errors)
        self.folder_rules = rules.folder_rules(params.get("folders"), errors)
        if errors:
            raise SyncthingValidationError("; ".join(errors))
        self.unmatched = params.get("unmatched") or "keep"
        self.result: Dict[str, Any] = {
            "changed": False,
            "devices": {outcome: [] for outcome in OUTCOMES},
            "folders": {outcome: [] for outcome in OUTCOMES},
        }
        # syncthing_config's options for the accepts and ignores
        self.devices, self.folders, self.remote_ignored = {}, {}, []
        self.dismiss_devices, self.dismiss_folders = [], []

    def action(self, rule):
        """The rule's action, or for an entry no rule matched, ``unmatched`` (keep, dismiss or ignore)."""
        return rule["action"] if rule else self.unmatched

    def run(self):
        pending_devices = self.client.get_pending_devices() or {}
        pending_folders = self.client.get_pending_folders() or {}
        if pending_devices or pending_folders:
            config, my_id = _config_converge.read_config(self.client)
            self.decide_devices(pending_devices)
            self.decide_folders(pending_folders, config)
            self.write(config, my_id)
        result = self.result
        result["changed"] = any(result[kind][outcome] for kind in ("devices", "folders") for outcome in OUTCOMES[:3])
        result["diff"] = self.diff(pending_devices, pending_folders, result.pop("config_diff", None))
        return result

    def decide_devices(self, pending):
        for device_id in sorted(pending):
            info = pending[device_id] or {}
            rule = rules.first_device_rule(self.device_rules, device_id, info)
            action = self.action(rule)
            entry = {"deviceID": device_id, "name": info.get("name", ""), "address": info.get("address", "")}
            if action == "accept":
                device = {"deviceID": device_id, "name": info.get("name", "")}
                device.update(rule["settings"])
                self.devices[device_id] = device
            elif action == "ignore":
                self.remote_ignored.append(dict(entry, time=info.get("time")))
            elif action == "dismiss":
                self.dismiss_devices.append(device_id)
            self.result["devices"][_outcome(action)].append(entry)

    def decide_folders(self, pending, config):
        configured = {folder["id"]: folder for folder in config.get("folders") or []}
        devices = {device["deviceID"]: device for device in config.get("devices") or []}
        errors: List[str] = []
        rules.resolve_offered_by(
            self.folder_rules, names_to_ids((dev["deviceID"], dev.get("name")) for dev in devices.values()), errors
        )
        if errors:
            raise SyncthingValidationError("; ".join(errors))
        accepted: Dict[str, Any] = {}
        for folder_id in sorted(pending):
            offers = (pending[folder_id] or {}).get("offeredBy") or {}
            for device_id in sorted(offers):
                offer = offers[device_id] or {}
                rule = rules.first_folder_rule(self.folder_rules, folder_id, offer.get("label", ""), device_id)
                action = self.action(rule)
                entry = {"id": folder_id, "label": offer.get("label", ""), "offeredBy": device_id}
                if action == "accept":
                    accepted.setdefault(folder_id, {"rule": rule, "offer": offer, "devices": []})["devices"].append(
                        device_id
                    )
                elif action == "ignore":
                    ignored = (devices.get(device_id) or {}).get("ignoredFolders") or []
                    item = self.devices.setdefault(device_id, {"deviceID": device_id, "ignoredFolders": list(ignored)})
                    item["ignoredFolders"] = [old for old in item["ignoredFolders"] if old.get("id") != folder_id]
                    item["ignoredFolders"].append(
                        {"id": folder_id, "label": offer.get("label", ""), "time": offer.get("time")}
                    )
                elif action == "dismiss":
                    self.dismiss_folders.append((folder_id, device_id))
                self.result["folders"][_outcome(action)].append(entry)
        if accepted:
            template = ((config.get("defaults") or {}).get("folder") or {}).get("path") or ""
            self.accept_folders(accepted, configured, template)

    def accept_folders(self, accepted, configured, template):
        """The folder objects to write: a new folder where auto-accept would put it, or a device more on one we have."""
        paths = [folder.get("path") or "" for folder in configured.values()]
        taken = None  # the expanded paths in use, read (with the home ~ stands for) only when a path is chosen
        for folder_id, choice in sorted(accepted.items()):
            settings = dict(choice["rule"]["settings"])
            if folder_id in configured:
                have = [dev["deviceID"] for dev in configured[folder_id].get("devices") or []]
                settings["devices"] = have + [dev for dev in choice["devices"] if dev not in have]
                self.folders[folder_id] = dict(settings, id=folder_id)
                continue
            offer = choice["offer"]
            folder = {"id": folder_id, "label": offer.get("label") or ""}
            if offer.get("receiveEncrypted"):
                folder["type"] = "receiveencrypted"
            folder.update(settings)
            folder["devices"] = list(choice["devices"])
            paths.append(folder.get("path") or "")
            if not folder.get("path"):
                if taken is None:
                    tilde = self.client.get_status().get("tilde") or "~"
                    taken = {rules.expand_tilde(path, tilde) for path in paths if path}
                path, reason = rules.auto_accept_path(template, tilde, folder_id, folder["label"], taken, self.exists)
                if reason:
                    raise SyncthingValidationError(f"cannot accept folder {folder_id!r}: {reason}")
                folder["path"] = path
                taken.add(rules.expand_tilde(path, tilde))
            self.folders[folder_id] = folder
        for entry in self.result["folders"]["accepted"]:
            entry["path"] = self.folders[entry["id"]].get("path") or configured.get(entry["id"], {}).get("path")

    def exists(self, path):
        """Whether a directory ``path`` exists on the Syncthing host (GET /rest/system/browse of its parent)."""
        parent = posixpath.dirname(path.rstrip("/")) + "/"
        listed = self.client.browse_filesystem(parent) or []
        return path.rstrip("/") in {item.rstrip("/") for item in listed}

    def write(self, config, my_id):
        params = dict(
            CONVERGE_DEFAULTS,
            devices=list(self.devices.values()) or None,
            folders=list(self.folders.values()) or None,
            remote_ignored_devices=self.remote_ignored or None,
        )
        if self.devices or self.folders or self.remote_ignored:
            converged = _config_converge.converge(self.client, params, config, my_id, self.check_mode, self.warn)
            self.result["config_diff"] = converged.get("diff")
        if self.check_mode:
            return
        for device_id in self.dismiss_devices:
            self.client.delete_pending_device(device_id)
        for folder_id, device_id in self.dismiss_folders:
            self.client.delete_pending_folder(folder_id, device_id)

    def diff(self, pending_devices, pending_folders, config_diff):
        """Before: what was pending; after: what stays pending (kept); plus the config changes."""
        kept_devices = {entry["deviceID"] for entry in self.result["devices"]["kept"]}
        kept_folders = {(entry["id"], entry["offeredBy"]) for entry in self.result["folders"]["kept"]}
        before = {
            "pending_devices": sorted(pending_devices),
            "pending_folders": sorted(
                f"{folder_id} ({device_id})"
                for folder_id, item in pending_folders.items()
                for device_id in (item or {}).get("offeredBy") or {}
            ),
        }
        after = {
            "pending_devices": sorted(kept_devices),
            "pending_folders": sorted(f"{folder_id} ({device_id})" for folder_id, device_id in kept_folders),
        }
        if config_diff:
            before["config"], after["config"] = config_diff.get("before", {}), config_diff.get("after", {})
        return {"before": before, "after": after}


def _outcome(action):
    return {"accept": "accepted", "ignore": "ignored", "dismiss": "dismissed"}.get(action, "kept")


def run(client, params, check_mode=False, warn=None):
    """syncthing_pending: apply the rules to what is pending; return what was (or would be) accepted, ignored,
    dismissed and kept."""
    return Pending(client, params, check_mode, warn).run()
