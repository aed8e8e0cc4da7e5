# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The /rest/system endpoints of SyncthingClient.

Note that this module util is PRIVATE to the collection. It can have breaking changes at any time.
"""

import json
from typing import Optional

from ansible_collections.syncthing.rest.plugins.module_utils._transport import (
    JSONObject,
    SyncthingTransport,
    _csv,
    _one_of,
    _params,
)


class SystemEndpoints(SyncthingTransport):
    """The /rest/system endpoints of SyncthingClient."""

    # ------------------------------------------------------------------ /rest/system

    def browse_filesystem(self, current=None, filesystem=None):
        """GET /rest/system/browse: directories that start with ``current``."""
        return self.get("/rest/system/browse", _params(current=current, filesystem=filesystem))

    def get_system_config(self):
        """GET /rest/system/config (deprecated since 1.12; use get_config)."""
        return self.get("/rest/system/config")

    def set_system_config(self, config):
        """POST /rest/system/config (deprecated since 1.12; use new_config)."""
        return self.post("/rest/system/config", body=config)

    def get_insync(self) -> JSONObject:
        """GET /rest/system/config/insync: ``{"configInSync": bool}`` (False while a restart is pending).

        Deprecated by Syncthing since 1.12 and still served by 2.1 (see get_restart_required).
        """
        return self.get("/rest/system/config/insync")

    def get_connections(self) -> JSONObject:
        """GET /rest/system/connections: ``{"connections": {deviceID: {connected, address, …}}, "total": {…}}``.

        The local device is listed up to 1.24 and left out from 1.25.
        """
        return self.get("/rest/system/connections")

    def get_debug(self):
        """GET /rest/system/debug: debug facilities (removed in 2.0; see get_loglevels)."""
        return self.get("/rest/system/debug")

    def set_debug(self, enable=None, disable=None):
        """POST /rest/system/debug: enable/disable debug facilities (lists or comma strings; 1.x)."""
        return self.post("/rest/system/debug", _params(enable=_csv(enable), disable=_csv(disable)))

    def get_loglevels(self):
        """GET /rest/system/loglevels (2.0+)."""
        return self.get("/rest/system/loglevels")

    def set_loglevels(self, levels):
        """POST /rest/system/loglevels with ``{package: "DEBUG"|"INFO"|"WARN"|"ERROR"}`` (2.0+)."""
        return self.post("/rest/system/loglevels", body=levels)

    def get_discovery(self) -> JSONObject:
        """GET /rest/system/discovery: ``{deviceID: {"addresses": [...]}}`` (``{}`` with discovery off)."""
        return self.get("/rest/system/discovery")

    def get_errors(self) -> JSONObject:
        """GET /rest/system/error: ``{"errors": [{when, message, level}]}`` (``null`` becomes ``[]``).

        ``level`` is a number on 1.x and a string (``"ERR"``) on 2.x.
        """
        answer = self.get("/rest/system/error") or {}
        return {"errors": answer.get("errors") or []}

    def new_error(self, message: Optional[str] = None, *, error_body: Optional[str] = None) -> None:
        """POST /rest/system/error: log ``message`` as an error that shows in the GUI; returns None.

        ``error_body`` is the binding's own parameter name, accepted as an alias. The message is sent as
        plain text; anything else is sent as its JSON text.
        """
        message = _one_of("new_error", ("message", message), ("error_body", error_body), required=True)
        if not isinstance(message, str):
            message = json.dumps(message)
        return self.post("/rest/system/error", data=message, headers={"Content-Type": "text/plain"})

    def clear_errors(self) -> None:
        """POST /rest/system/error/clear: clear the GUI's error list; returns None."""
        return self.post("/rest/system/error/clear")

    def get_log(self, since=None):
        """GET /rest/system/log: recent log messages (``null`` becomes ``[]``)."""
        answer = self.get("/rest/system/log", _params(since=since)) or {}
        return {"messages": answer.get("messages") or []}

    def get_log_text(self, since=None):
        """GET /rest/system/log.txt: the log as plain text."""
        return self.get("/rest/system/log.txt", _params(since=since), raw=True)

    def get_paths(self):
        """GET /rest/system/paths (1.21+)."""
        return self.get("/rest/system/paths")

    def pause(self, device=None):
        """POST /rest/system/pause: pause one device, or all when ``device`` is None."""
        return self.post("/rest/system/pause", _params(device=device))

    def resume(self, device=None):
        """POST /rest/system/resume: resume one device, or all when ``device`` is None."""
        return self.post("/rest/system/resume", _params(device=device))

    def get_ping(self) -> JSONObject:
        """GET /rest/system/ping: ``{"ping": "pong"}``."""
        return self.get("/rest/system/ping")

    def post_ping(self):
        """POST /rest/system/ping."""
        return self.post("/rest/system/ping")

    def reset(self, folder: Optional[str] = None) -> JSONObject:
        """POST /rest/system/reset: forget the whole database (or one folder's index), then Syncthing restarts.

        Returns ``{"ok": "resetting database"}`` or ``{"ok": "resetting folder <id>"}``. A folder must be
        paused first (``folder must be paused when resetting``); an unknown or running folder raises
        SyncthingHTTPError.
        """
        return self.post("/rest/system/reset", _params(folder=folder))

    def restart(self) -> JSONObject:
        """POST /rest/system/restart: ``{"ok": "restarting"}``; the API is gone for a few seconds."""
        return self.post("/rest/system/restart")

    def shutdown(self) -> JSONObject:
        """POST /rest/system/shutdown: ``{"ok": "shutting down"}``; the server then stops for good."""
        return self.post("/rest/system/shutdown")

    def get_status(self) -> JSONObject:
        """GET /rest/system/status: ``{myID, uptime, startTime, alloc, sys, goroutines, …}``."""
        return self.get("/rest/system/status")

    def get_upgrade(self) -> JSONObject:
        """GET /rest/system/upgrade: ``{running, latest, newer, majorNewer}``.

        Builds that cannot upgrade themselves (distribution packages, ``STNOUPGRADE``) raise
        SyncthingHTTPError with status 503 (up to 1.22) or 501 (1.23+) and the text ``upgrade unsupported``.
        """
        return self.get("/rest/system/upgrade")

    def upgrade(self) -> Optional[JSONObject]:
        """POST /rest/system/upgrade: upgrade and restart when a newer release exists.

        Returns ``{"ok": "restarting"}`` after an upgrade, None when there is nothing newer. Builds that
        cannot upgrade raise SyncthingHTTPError ``upgrade unsupported`` (500 on 1.19.2, 501 on 1.29.5);
        2.x asks the release server even then and answers 500 ``no version to select`` when it cannot reach it.
        """
        return self.post("/rest/system/upgrade")

    def get_version(self) -> JSONObject:
        """GET /rest/system/version: ``{version, codename, longVersion, os, arch, …}``."""
        return self.get("/rest/system/version")
