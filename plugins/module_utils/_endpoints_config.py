# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The /rest/config and /rest/cluster endpoints of SyncthingClient.

Note that this module util is PRIVATE to the collection. It can have breaking changes at any time.
"""

from ansible_collections.syncthing.rest.plugins.module_utils import _versions as versions
from ansible_collections.syncthing.rest.plugins.module_utils._errors import SyncthingNotFoundError
from ansible_collections.syncthing.rest.plugins.module_utils._merge import deep_merge
from ansible_collections.syncthing.rest.plugins.module_utils._transport import (
    JSONObject,
    SyncthingTransport,
    _params,
    _q,
)


class ConfigEndpoints(SyncthingTransport):
    """The /rest/config and /rest/cluster endpoints of SyncthingClient."""

    # ------------------------------------------------------------------ /rest/config (1.12+)

    def get_config(self) -> JSONObject:
        """GET /rest/config (1.12+; /rest/system/config on older servers): the whole config object."""
        try:
            return self.get("/rest/config")
        except SyncthingNotFoundError:
            return self.get_system_config()

    def new_config(self, config: JSONObject) -> None:
        """Replace the whole config: PUT /rest/config (1.12+), else POST /rest/system/config; returns None.

        ``config`` is a complete config object as get_config returns it: what it leaves out is reset
        (a GUI without ``apiKey`` gets a new one). Send back exactly the ``version`` read from the same
        server (migrations run on it). Malformed JSON raises SyncthingHTTPError 400, a config that fails
        validation 500.
        """
        if versions.has_config_api(self.server_version()):
            return self.put("/rest/config", config)
        return self.set_system_config(config)

    def get_config_insync(self):
        """GET /rest/config/insync (deprecated alias of restart-required)."""
        return self.get("/rest/config/insync")

    def requires_restart(self, version=None):
        """True when saved config changes wait for a restart of Syncthing.

        GET /rest/config/restart-required (1.15+) or, on older servers, the negated GET
        /rest/system/config/insync. ``version`` is the server's version when the caller knows it already
        (for example after following the GUI to a new address); otherwise it is read once and cached.
        """
        if versions.has_restart_required_api(version or self.server_version()):
            return bool(self.get("/rest/config/restart-required").get("requiresRestart"))
        return not self.get_insync().get("configInSync", True)

    def get_restart_required(self):
        """GET /rest/config/restart-required: ``{"requiresRestart": bool}`` (1.15+; derived from insync before)."""
        try:
            return self.get("/rest/config/restart-required")
        except SyncthingNotFoundError:
            return {"requiresRestart": not self.get_config_insync().get("configInSync", True)}

    def get_folders(self):
        """GET /rest/config/folders."""
        return self.get("/rest/config/folders")

    def set_folders(self, folders):
        """PUT /rest/config/folders: upsert each folder (folders not listed are kept)."""
        return self.put("/rest/config/folders", folders)

    def add_folder(self, folder):
        """POST /rest/config/folders: upsert one folder."""
        return self.post("/rest/config/folders", body=folder)

    def get_folder(self, folder_id):
        """GET /rest/config/folders/{id}; an ID the router cannot take (``a/b``) is read from the list."""
        if not _routable(folder_id):
            for folder in self.get_folders() or []:
                if folder.get("id") == folder_id:
                    return folder
            raise SyncthingNotFoundError(
                f"GET /rest/config/folders failed: no folder with ID {folder_id!r}",
                method="GET",
                path="/rest/config/folders",
                status=404,
                text="No folder with given ID",
            )
        return self.get("/rest/config/folders/" + _q(folder_id))

    def put_folder(self, folder):
        """PUT /rest/config/folders/{id}: replace a folder by the ``id`` in the body (send it complete)."""
        if not _routable(folder["id"]):
            return self.set_folders([folder])
        return self.put("/rest/config/folders/" + _q(folder["id"]), folder)

    def patch_folder(self, folder_id, changes):
        """PATCH /rest/config/folders/{id}: merge fields (unsafe for folders on 1.29.6-2.1.1).

        For an ID the router cannot take, the merge is done here and the folder is PUT in the list.
        """
        if not _routable(folder_id):
            return self.set_folders([deep_merge(self.get_folder(folder_id), changes)])
        return self.patch("/rest/config/folders/" + _q(folder_id), changes)

    def delete_folder(self, folder_id):
        """DELETE /rest/config/folders/{id} (200 even when absent).

        For an ID the router cannot take, the folder is removed from the whole config (PUT /rest/config).
        """
        if not _routable(folder_id):
            config = self.get_config()
            folders = config.get("folders") or []
            kept = [folder for folder in folders if folder.get("id") != folder_id]
            if len(kept) == len(folders):
                return None
            config["folders"] = kept
            return self.new_config(config)
        return self.delete("/rest/config/folders/" + _q(folder_id))

    def get_devices(self):
        """GET /rest/config/devices."""
        return self.get("/rest/config/devices")

    def set_devices(self, devices):
        """PUT /rest/config/devices: upsert each device (devices not listed are kept)."""
        return self.put("/rest/config/devices", devices)

    def add_device(self, device):
        """POST /rest/config/devices: upsert one device."""
        return self.post("/rest/config/devices", body=device)

    def get_device(self, device_id):
        """GET /rest/config/devices/{id}."""
        return self.get("/rest/config/devices/" + _q(device_id))

    def put_device(self, device):
        """PUT /rest/config/devices/{id}: replace a device by the ``deviceID`` in the body."""
        return self.put("/rest/config/devices/" + _q(device["deviceID"]), device)

    def patch_device(self, device_id, changes):
        """PATCH /rest/config/devices/{id}: merge fields."""
        return self.patch("/rest/config/devices/" + _q(device_id), changes)

    def delete_device(self, device_id):
        """DELETE /rest/config/devices/{id} (200 even when absent)."""
        return self.delete("/rest/config/devices/" + _q(device_id))

    def get_default_folder(self):
        """GET /rest/config/defaults/folder (1.14+)."""
        return self.get("/rest/config/defaults/folder")

    def put_default_folder(self, folder):
        """PUT /rest/config/defaults/folder: replace the template (omitted fields reset)."""
        return self.put("/rest/config/defaults/folder", folder)

    def patch_default_folder(self, changes):
        """PATCH /rest/config/defaults/folder: merge fields into the template."""
        return self.patch("/rest/config/defaults/folder", changes)

    def get_default_device(self):
        """GET /rest/config/defaults/device (1.14+)."""
        return self.get("/rest/config/defaults/device")

    def put_default_device(self, device):
        """PUT /rest/config/defaults/device: replace the template (omitted fields reset)."""
        return self.put("/rest/config/defaults/device", device)

    def patch_default_device(self, changes):
        """PATCH /rest/config/defaults/device: merge fields into the template."""
        return self.patch("/rest/config/defaults/device", changes)

    def get_default_ignores(self):
        """GET /rest/config/defaults/ignores: ``{"lines": [...]}`` (1.19+)."""
        return self.get("/rest/config/defaults/ignores")

    def set_default_ignores(self, lines):
        """PUT /rest/config/defaults/ignores with the given lines (1.19+)."""
        return self.put("/rest/config/defaults/ignores", {"lines": list(lines)})

    def get_options(self):
        """GET /rest/config/options."""
        return self.get("/rest/config/options")

    def put_options(self, options):
        """PUT /rest/config/options: replace (omitted fields reset to defaults; prefer patch_options)."""
        return self.put("/rest/config/options", options)

    def patch_options(self, changes):
        """PATCH /rest/config/options: merge fields."""
        return self.patch("/rest/config/options", changes)

    def get_gui(self):
        """GET /rest/config/gui."""
        return self.get("/rest/config/gui")

    def put_gui(self, gui):
        """PUT /rest/config/gui: replace (an omitted apiKey is regenerated; prefer patch_gui)."""
        return self.put("/rest/config/gui", gui)

    def patch_gui(self, changes):
        """PATCH /rest/config/gui: merge fields."""
        return self.patch("/rest/config/gui", changes)

    def get_ldap(self):
        """GET /rest/config/ldap."""
        return self.get("/rest/config/ldap")

    def put_ldap(self, ldap):
        """PUT /rest/config/ldap: replace (omitted fields reset)."""
        return self.put("/rest/config/ldap", ldap)

    def patch_ldap(self, changes):
        """PATCH /rest/config/ldap: merge fields."""
        return self.patch("/rest/config/ldap", changes)

    # ------------------------------------------------------------------ /rest/cluster (1.13+)

    def get_pending_devices(self):
        """GET /rest/cluster/pending/devices."""
        return self.get("/rest/cluster/pending/devices")

    def delete_pending_device(self, device):
        """DELETE /rest/cluster/pending/devices?device=… (1.18+)."""
        return self.delete("/rest/cluster/pending/devices", _params(device=device))

    def get_pending_folders(self, device=None):
        """GET /rest/cluster/pending/folders, optionally offered by one device."""
        return self.get("/rest/cluster/pending/folders", _params(device=device))

    def delete_pending_folder(self, folder, device=None):
        """DELETE /rest/cluster/pending/folders?folder=…[&device=…] (1.18+)."""
        return self.delete("/rest/cluster/pending/folders", _params(folder=folder, device=device))


def _routable(object_id):
    """False for IDs that /rest/config/folders/{id} cannot address (the router splits on "/")."""
    return "/" not in object_id and object_id not in ("", ".", "..")
