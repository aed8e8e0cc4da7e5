# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""What syncthing_info gathers: one small reader per item, version-aware, secrets masked.

Note that this module util is PRIVATE to the collection. It can have breaking changes at any time.
"""

from typing import Any, Dict

from ansible_collections.syncthing.rest.plugins.module_utils import _versions as versions
from ansible_collections.syncthing.rest.plugins.module_utils._errors import SyncthingNotFoundError
from ansible_collections.syncthing.rest.plugins.module_utils._upgrade import upgrade_status

ITEMS = (
    "version",
    "status",
    "config",
    "connections",
    "errors",
    "discovery",
    "folders",
    "devices",
    "stats",
    "pending",
    "restart_required",
    "paths",
    "upgrade",
    "system_log",
)
# cheap: no per-folder database walk, no network access beyond the node, no long log, and small whatever the
# number of folders (the whole config is megabytes at 1000 folders: gather=config asks for it)
DEFAULT_ITEMS = ("version", "status", "connections", "errors", "devices", "restart_required")
# the endpoint an item needs where not every version serves it (``_versions.ENDPOINT_LIFETIMES`` says which do);
# a server outside its lifetime gets the item under ``unsupported``
ITEM_ENDPOINTS = {"pending": "/rest/cluster/pending/devices", "paths": "/rest/system/paths"}


class NotSupported(Exception):
    """The server cannot answer this item; the message says why."""


def selected_items(gather):
    """Expand ``all`` and drop duplicates, keeping the order of ITEMS."""
    wanted = set(gather or DEFAULT_ITEMS)
    if "all" in wanted:
        wanted = set(ITEMS)
    return [item for item in ITEMS if item in wanted]


class Gatherer:
    """Reads the requested items from one client; shared reads (config, connections) happen once."""

    def __init__(self, client, completion=False):
        self.client = client
        self.completion = completion
        self._cache = {}

    def _once(self, key, read):
        if key not in self._cache:
            self._cache[key] = read()
        return self._cache[key]

    def config(self):
        return self._once("config", self.client.get_config)

    def connections(self):
        return self._once("connections", self.client.get_connections)

    def status(self):
        return self._once("status", self.client.get_status)

    def gather(self, items):
        """Return ``(result, unsupported)``: ``{item: value}`` and ``{item: reason}``."""
        result: Dict[str, Any] = {}
        unsupported: Dict[str, str] = {}
        for item in items:
            missing = self._missing_endpoint(item)
            if missing:
                unsupported[item] = missing
                result[item] = None
                continue
            try:
                result[item] = getattr(self, "item_" + item)()
            except NotSupported as exc:
                unsupported[item] = str(exc)
                result[item] = None
        return result, unsupported

    def _missing_endpoint(self, item):
        """Why this server does not serve the endpoint ``item`` needs (a sentence), or None."""
        if item not in ITEM_ENDPOINTS:
            return None
        since, _until = versions.ENDPOINT_LIFETIMES[ITEM_ENDPOINTS[item]]
        version = self.client.server_version()
        if versions.at_least(version, since):
            return None
        needed, running = versions.version_text(since), versions.version_text(version)
        return f"needs Syncthing {needed} or later; the server runs {running}"

    def item_version(self):
        return self.client.get_version()

    def item_status(self):
        return self.status()

    def item_config(self):
        return self.config()

    def item_connections(self):
        return self.connections()

    def item_errors(self):
        return self.client.get_errors()["errors"]

    def item_discovery(self):
        return self.client.get_discovery()

    def item_stats(self):
        return {"devices": self.client.get_device_statistics(), "folders": self.client.get_folder_statistics()}

    def item_pending(self):
        return {"devices": self.client.get_pending_devices() or {}, "folders": self.client.get_pending_folders() or {}}

    def item_paths(self):
        return self.client.get_paths()

    def item_system_log(self):
        return self.client.get_log()["messages"]

    def item_restart_required(self):
        """``requiresRestart`` (1.15+); older servers: the negated ``configInSync``."""
        return self.client.requires_restart()

    def item_upgrade(self):
        return upgrade_status(self.client)

    def item_devices(self):
        """Configured devices by ID, with their connection state and statistics."""
        connections = self.connections().get("connections") or {}
        stats = self._once("device_stats", self.client.get_device_statistics) or {}
        my_id = self.status().get("myID")
        devices = {}
        for device in self.config().get("devices") or []:
            device_id = device["deviceID"]
            entry = dict(device)
            entry["local"] = device_id == my_id
            conn = connections.get(device_id) or {}
            entry["connected"] = bool(conn.get("connected"))
            entry["connection"] = conn or None
            entry["statistics"] = stats.get(device_id)
            devices[device_id] = entry
        return devices

    def item_folders(self):
        """Configured folders by ID, with their database status and (optionally) completion per device."""
        my_id = self.status().get("myID")
        folders = {}
        for folder in self.config().get("folders") or []:
            folder_id = folder["id"]
            entry = {
                "id": folder_id,
                "label": folder.get("label"),
                "path": folder.get("path"),
                "type": folder.get("type"),
                "paused": bool(folder.get("paused")),
                "devices": [dev["deviceID"] for dev in folder.get("devices") or []],
            }
            entry["status"] = self._folder_read(self.client.get_folder_status, folder)
            if self.completion:
                entry["completion"] = {
                    device_id: self._folder_read(self.client.get_completion, folder, device=device_id)
                    for device_id in entry["devices"]
                    if device_id != my_id
                }
            folders[folder_id] = entry
        return folders

    @staticmethod
    def _folder_read(read, folder, **kwargs):
        """A per-folder read; a paused folder has no status (404) and gives None."""
        try:
            return read(folder=folder["id"], **kwargs)
        except SyncthingNotFoundError:
            if folder.get("paused"):
                return None
            raise


def run(client, params, check_mode=False, warn=None):
    """syncthing_info: gather the items of ``params['gather']``; never a change."""
    items = selected_items(params["gather"])
    result, unsupported = Gatherer(client, completion=params["completion"]).gather(items)
    result.update(changed=False, gathered=items, unsupported=unsupported)
    return result
