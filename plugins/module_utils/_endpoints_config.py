# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The /rest/config and /rest/cluster endpoints of SyncthingClient.

Note that this module util is PRIVATE to the collection. It can have breaking changes at any time.
"""

from typing import List, Optional

from ansible_collections.syncthing.rest.plugins.module_utils import _versions as versions
from ansible_collections.syncthing.rest.plugins.module_utils._config_body import config_body, object_body, objects_body
from ansible_collections.syncthing.rest.plugins.module_utils._endpoints_system import (
    read_insync,
    read_system_config,
    write_system_config,
)
from ansible_collections.syncthing.rest.plugins.module_utils._errors import (
    SyncthingAnswerLostError,
    SyncthingConnectionError,
    SyncthingError,
    SyncthingNotFoundError,
)
from ansible_collections.syncthing.rest.plugins.module_utils._merge import deep_merge
from ansible_collections.syncthing.rest.plugins.module_utils._transport import (
    IgnoreLines,
    JSONObject,
    SyncthingTransport,
    Version,
    _params,
    _q,
    ignore_lines,
)


class ConfigEndpoints(SyncthingTransport):
    """The /rest/config and /rest/cluster endpoints of SyncthingClient.

    Before 1.12 (and for restart-required before 1.15) the config is read and written through /rest/system/config:
    the functions imported from ``_endpoints_system`` (the system endpoints' own implementation) do that.

    Besides the errors each docstring names, any method can raise SyncthingAuthError (401/403: the key is
    refused) and SyncthingConnectionError (unreachable; SyncthingTimeoutError, SyncthingTLSError).
    Writes answer an empty 200 (None); a write the server refuses raises SyncthingHTTPError: 400 for malformed
    JSON or a malformed device ID, 500 when validation fails (``folder has empty path``, …).
    The /rest/config routes are 1.12+.

    Folders and devices are stored exactly as sent: Syncthing decodes them onto its template, and the bodies
    are written so that no map or list of the template is merged into them (see ``_config_body``). Writes
    that carry many objects wait longer for their answer: ``_write_timeout``.
    """

    # Seconds a write may take per folder or device it carries, on top of ``timeout``: Syncthing 2.1.3 commits
    # 1000 new folders in about 13 s (1.29.5: about 2 s), and answers only once they are committed.
    WRITE_SECONDS_PER_OBJECT = 0.05

    def _write_timeout(self, count: int):
        """The time budget of a write carrying ``count`` folders or devices: ``timeout`` plus
        WRITE_SECONDS_PER_OBJECT each (added to the read part of a ``(connect, read)`` timeout)."""
        extra = self.WRITE_SECONDS_PER_OBJECT * max(count, 0)
        if isinstance(self.timeout, (tuple, list)):
            return (self.timeout[0], self.timeout[1] + extra)
        return self.timeout + extra

    def _send_json(self, method, path, text, count=1):
        """Send JSON text as it is, with the time budget of ``count`` objects (see _write_timeout)."""
        return self.request(
            method,
            path,
            data=text,
            headers={"Content-Type": "application/json"},
            timeout=self._write_timeout(count),
        )

    # ------------------------------------------------------------------ /rest/config (1.12+)

    def get_config(self) -> JSONObject:
        """GET /rest/config (1.12+; /rest/system/config on older servers): the whole config object."""
        try:
            return self.get("/rest/config")
        except SyncthingNotFoundError:
            return read_system_config(self)

    def new_config(self, config: JSONObject) -> None:
        """Replace the whole config: PUT /rest/config (1.12+), else POST /rest/system/config; returns None.

        ``config`` is a complete config object as get_config returns it: what it leaves out is reset
        (a GUI without ``apiKey`` gets a new one). Send back exactly the ``version`` read from the same
        server (migrations run on it). Malformed JSON raises SyncthingHTTPError 400, a config that fails
        validation 500.
        """
        if versions.has_config_api(self.server_version()):
            count = len(config.get("folders") or []) + len(config.get("devices") or [])
            return self._send_json("PUT", "/rest/config", config_body(config), count)
        return write_system_config(self, config)

    def get_config_insync(self) -> JSONObject:
        """GET /rest/config/insync: ``{"configInSync": bool}`` (undocumented, deprecated; see get_restart_required)."""
        return self.get("/rest/config/insync")

    def requires_restart(self, version: Optional[Version] = None) -> bool:
        """True when saved config changes wait for a restart of Syncthing.

        GET /rest/config/restart-required (1.15+) or, on older servers, the negated GET
        /rest/system/config/insync. ``version`` is the server's version when the caller knows it already
        (for example after following the GUI to a new address); otherwise it is read once and cached.
        """
        if versions.has_restart_required_api(version or self.server_version()):
            return bool(self.get("/rest/config/restart-required").get("requiresRestart"))
        return not read_insync(self).get("configInSync", True)

    def get_restart_required(self) -> JSONObject:
        """GET /rest/config/restart-required: ``{"requiresRestart": bool}``; the answer of requires_restart, which
        asks the negated /rest/system/config/insync on servers before 1.15."""
        return {"requiresRestart": self.requires_restart()}

    def get_folders(self) -> List[JSONObject]:
        """GET /rest/config/folders: the folder objects (``{id, label, path, type, devices, …}``), sorted by ID.

        Servers before 1.12 (404): the ``folders`` of GET /rest/system/config.
        """
        try:
            return self.get("/rest/config/folders")
        except SyncthingNotFoundError:
            return read_system_config(self).get("folders") or []

    def set_folders(self, folders: List[JSONObject]) -> None:
        """PUT /rest/config/folders: upsert each folder (folders not listed are kept); returns None.

        Each folder replaces the one with its ``id``: send it complete (omitted fields take the template's values).
        """
        return self._send_json("PUT", "/rest/config/folders", objects_body(folders, "folder"), len(folders))

    def add_folder(self, folder: JSONObject) -> None:
        """POST /rest/config/folders: upsert one folder (omitted fields take the template's values); returns None.

        Syncthing 2.x refuses a folder without ``path`` (SyncthingHTTPError, 500); 1.x creates it at the template's
        path, which is empty by default: the home folder of Syncthing's user. Always give a path.
        """
        return self._send_json("POST", "/rest/config/folders", object_body(folder, "folder"))

    def get_folder(self, folder_id: str) -> JSONObject:
        """GET /rest/config/folders/{id}: one folder object.

        An ID the router cannot take (``a/b``) is read from the list, as on servers before 1.12 (see get_folders).
        An unknown folder raises SyncthingNotFoundError (404, ``No folder with given ID``).
        """
        if _routable(folder_id):
            try:
                return self.get("/rest/config/folders/" + _q(folder_id))
            except SyncthingNotFoundError:
                if versions.has_config_api(self.server_version()):
                    raise
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

    def put_folder(self, folder: JSONObject) -> None:
        """PUT /rest/config/folders/{id}: replace the folder with the body's ``id`` (send it complete); returns None."""
        if not _routable(folder["id"]):
            return self.set_folders([folder])
        return self._send_json("PUT", "/rest/config/folders/" + _q(folder["id"]), object_body(folder, "folder"))

    def patch_folder(self, folder_id: str, changes: JSONObject) -> None:
        """PATCH /rest/config/folders/{id}: merge fields into the folder; returns None.

        Where that PATCH is unsafe (1.29.6 to 2.1.1 reset every default-tagged field it does not name, see
        ``_versions.folder_patch_resets_fields``), and for an ID the router cannot take, the merge is done here:
        the folder is read and PUT complete (put_folder). An unknown folder raises SyncthingNotFoundError (404).
        """
        if not _routable(folder_id) or versions.folder_patch_resets_fields(self.server_version()):
            return self.put_folder(deep_merge(self.get_folder(folder_id), changes))
        return self.patch("/rest/config/folders/" + _q(folder_id), changes)

    def delete_folder(self, folder_id: str) -> None:
        """DELETE /rest/config/folders/{id}: remove a folder; returns None, also when it is absent.

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

    def get_devices(self) -> List[JSONObject]:
        """GET /rest/config/devices: the device objects (``{deviceID, name, addresses, …}``), this device included."""
        return self.get("/rest/config/devices")

    def set_devices(self, devices: List[JSONObject]) -> None:
        """PUT /rest/config/devices: upsert each device (devices not listed are kept); returns None."""
        return self._send_json("PUT", "/rest/config/devices", objects_body(devices, "device"), len(devices))

    def add_device(self, device: JSONObject) -> None:
        """POST /rest/config/devices: upsert one device; returns None (a device without ``deviceID`` is dropped)."""
        return self._send_json("POST", "/rest/config/devices", object_body(device, "device"))

    def get_device(self, device_id: str) -> JSONObject:
        """GET /rest/config/devices/{id}: one device object (the ID in any form Syncthing accepts).

        An unknown device raises SyncthingNotFoundError (404, ``No device with given ID``), a malformed ID
        SyncthingHTTPError (400).
        """
        return self.get("/rest/config/devices/" + _q(device_id))

    def put_device(self, device: JSONObject) -> None:
        """PUT /rest/config/devices/{id}: replace a device by the ``deviceID`` in the body; returns None."""
        return self._send_json("PUT", "/rest/config/devices/" + _q(device["deviceID"]), object_body(device, "device"))

    def patch_device(self, device_id: str, changes: JSONObject) -> None:
        """PATCH /rest/config/devices/{id}: merge fields; returns None.

        An unknown device raises SyncthingNotFoundError (404), a malformed ID SyncthingHTTPError (400).
        """
        return self.patch("/rest/config/devices/" + _q(device_id), changes)

    def delete_device(self, device_id: str) -> None:
        """DELETE /rest/config/devices/{id}: remove a device; returns None, also when it is absent."""
        return self.delete("/rest/config/devices/" + _q(device_id))

    def get_default_folder(self) -> JSONObject:
        """GET /rest/config/defaults/folder: the template for new folders, a folder object with an empty ``id``.

        1.14+: older servers raise SyncthingNotFoundError (404).
        """
        return self.get("/rest/config/defaults/folder")

    def put_default_folder(self, folder: JSONObject) -> None:
        """PUT /rest/config/defaults/folder: replace the template (omitted fields reset); returns None (1.14+)."""
        return self.put("/rest/config/defaults/folder", folder)

    def patch_default_folder(self, changes: JSONObject) -> None:
        """PATCH /rest/config/defaults/folder: merge fields into the template; returns None (1.14+)."""
        return self.patch("/rest/config/defaults/folder", changes)

    def get_default_device(self) -> JSONObject:
        """GET /rest/config/defaults/device: the template for new devices, a device object with an empty ``deviceID``.

        1.14+: older servers raise SyncthingNotFoundError (404).
        """
        return self.get("/rest/config/defaults/device")

    def put_default_device(self, device: JSONObject) -> None:
        """PUT /rest/config/defaults/device: replace the template (omitted fields reset); returns None (1.14+)."""
        return self.put("/rest/config/defaults/device", device)

    def patch_default_device(self, changes: JSONObject) -> None:
        """PATCH /rest/config/defaults/device: merge fields into the template; returns None (1.14+)."""
        return self.patch("/rest/config/defaults/device", changes)

    def get_default_ignores(self) -> JSONObject:
        """GET /rest/config/defaults/ignores: ``{"lines": [...]}``, the ignores of auto-accepted folders.

        1.19+: older servers raise SyncthingNotFoundError (404).
        """
        return self.get("/rest/config/defaults/ignores")

    def set_default_ignores(self, lines: IgnoreLines) -> None:
        """PUT /rest/config/defaults/ignores with ``{"lines": lines}``; returns None (1.19+).

        ``lines`` as for new_ignores: a list of lines or ``{"ignore": [lines]}``; any other shape (a string, None)
        raises SyncthingValidationError before anything is sent.
        """
        return self.put("/rest/config/defaults/ignores", {"lines": ignore_lines(lines, "set_default_ignores")})

    def get_options(self) -> JSONObject:
        """GET /rest/config/options: the options object (``{listenAddresses, maxSendKbps, …}``)."""
        return self.get("/rest/config/options")

    def put_options(self, options: JSONObject) -> None:
        """PUT /rest/config/options: replace (omitted fields reset to defaults; prefer patch_options); returns None."""
        return self.put("/rest/config/options", options)

    def patch_options(self, changes: JSONObject) -> None:
        """PATCH /rest/config/options: merge fields; returns None."""
        return self.patch("/rest/config/options", changes)

    def get_gui(self) -> JSONObject:
        """GET /rest/config/gui: the GUI object (``{address, useTLS, apiKey, user, password (bcrypt hash), …}``)."""
        return self.get("/rest/config/gui")

    def put_gui(self, gui: JSONObject) -> None:
        """PUT /rest/config/gui: replace (an omitted apiKey is regenerated; prefer patch_gui); returns None.

        The GUI/API listener restarts: the next calls wait for it (GETs are retried). An answer lost to that
        restart is verified by reading back (see _write_gui).
        """
        return self._write_gui("PUT", gui)

    def patch_gui(self, changes: JSONObject) -> None:
        """PATCH /rest/config/gui: merge fields; returns None. The GUI/API listener restarts (GETs are retried).

        An answer lost to that restart is verified by reading back (see _write_gui).
        """
        return self._write_gui("PATCH", changes)

    def _write_gui(self, method: str, gui: JSONObject) -> None:
        """Write the GUI object; when the connection drops before the answer, succeed if the GUI holds ``gui``.

        Syncthing restarts its listener as soon as a GUI change is committed, and sometimes closes the
        connection of the write that caused it before answering (seen on 2.1.3 under load). The write is not
        sent again: the GUI object is read back (a GET, retried while the listener restarts) and compared on the
        fields given, but ``password`` (stored as a hash); a write that landed counts in ``write_count``.
        Otherwise raises SyncthingAnswerLostError (a SyncthingConnectionError with the write's message) whose
        ``applied`` is False when the GUI does not hold the change, None when it cannot be read (the listener
        moved) or when nothing but a password was given (nothing to compare). syncthing_config relies on this
        read-back for its GUI write: it is the only one.
        """
        try:
            return self.request(method, "/rest/config/gui", body=gui)
        except SyncthingConnectionError as exc:
            applied = self._gui_holds(gui)
            if applied:
                self.write_count += 1
                return None
            lost = SyncthingAnswerLostError(
                exc.message, method=exc.method, path=exc.path, status=exc.status, text=exc.text
            )
            lost.applied = applied
            raise lost from None

    def _gui_holds(self, gui: JSONObject) -> Optional[bool]:
        """True when the stored GUI object holds the fields of ``gui`` but ``password``, False when it does not,
        None when it cannot be read or there is nothing to compare."""
        given = {key: value for key, value in gui.items() if key != "password"}
        if not given:
            return None
        try:
            stored = self.get_gui()
        except SyncthingError:
            return None
        return all(stored.get(key) == value for key, value in given.items())

    def get_ldap(self) -> JSONObject:
        """GET /rest/config/ldap: the LDAP object (``{address, bindDN, transport, searchBaseDN, …}``)."""
        return self.get("/rest/config/ldap")

    def put_ldap(self, ldap: JSONObject) -> None:
        """PUT /rest/config/ldap: replace (omitted fields reset); returns None."""
        return self.put("/rest/config/ldap", ldap)

    def patch_ldap(self, changes: JSONObject) -> None:
        """PATCH /rest/config/ldap: merge fields; returns None."""
        return self.patch("/rest/config/ldap", changes)

    # ------------------------------------------------------------------ /rest/cluster (1.13+)

    def get_pending_devices(self) -> JSONObject:
        """GET /rest/cluster/pending/devices: ``{deviceID: {time, name, address}}``, devices that asked to connect."""
        return self.get("/rest/cluster/pending/devices")

    def delete_pending_device(self, device: str) -> None:
        """DELETE /rest/cluster/pending/devices?device=…: forget a pending device; returns None (1.18+).

        A malformed ID raises SyncthingHTTPError (400).
        """
        return self.delete("/rest/cluster/pending/devices", _params(device=device))

    def get_pending_folders(self, device: Optional[str] = None) -> JSONObject:
        """GET /rest/cluster/pending/folders: ``{folderID: {"offeredBy": {deviceID: {time, label, …}}}}``.

        Only those offered by ``device`` when given; a malformed ID raises SyncthingHTTPError (400).
        """
        return self.get("/rest/cluster/pending/folders", _params(device=device))

    def delete_pending_folder(self, folder: str, device: Optional[str] = None) -> None:
        """DELETE /rest/cluster/pending/folders?folder=…[&device=…]: forget a pending folder; returns None.

        1.18+; without ``device``, the offers of every device.
        """
        return self.delete("/rest/cluster/pending/folders", _params(folder=folder, device=device))


def _routable(object_id):
    """False for IDs that /rest/config/folders/{id} cannot address (the router splits on "/")."""
    return "/" not in object_id and object_id not in ("", ".", "..")
