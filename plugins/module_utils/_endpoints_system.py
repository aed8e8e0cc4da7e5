# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The /rest/system endpoints of SyncthingClient.

Note that this module util is PRIVATE to the collection. It can have breaking changes at any time.
"""

import json
from typing import Dict, List, Optional, Sequence, Union

from ansible_collections.syncthing.rest.plugins.module_utils._config_body import config_body
from ansible_collections.syncthing.rest.plugins.module_utils._transport import (
    JSONObject,
    SyncthingTransport,
    _csv,
    _one_of,
    _params,
)


class SystemEndpoints(SyncthingTransport):
    """The /rest/system endpoints of SyncthingClient.

    Besides the errors each docstring names, any method can raise SyncthingAuthError (401/403: the key is
    refused) and SyncthingConnectionError (unreachable; SyncthingTimeoutError, SyncthingTLSError).
    GET /rest/system/version (``get_version``) belongs to the transport, which needs it for the server's version.
    """

    # ------------------------------------------------------------------ /rest/system

    def browse_filesystem(self, current: Optional[str] = None, filesystem: Optional[str] = None) -> List[str]:
        """GET /rest/system/browse: the paths of the directories that start with ``current`` (a prefix, not a glob).

        Without ``current``, the filesystem roots. 1.19.2 ends each path with a separator, 1.29.5 does not.
        """
        return self.get("/rest/system/browse", _params(current=current, filesystem=filesystem))

    def get_system_config(self) -> JSONObject:
        """GET /rest/system/config: the whole config object (deprecated since 1.12, still served; use get_config)."""
        return read_system_config(self)

    def set_system_config(self, config: JSONObject) -> None:
        """POST /rest/system/config: replace the whole config, as PUT /rest/config; returns None.

        Deprecated since 1.12, still served by 2.1; use new_config. SyncthingHTTPError: 400 for malformed
        JSON, 500 for a config that fails validation.
        """
        return write_system_config(self, config)

    def get_insync(self) -> JSONObject:
        """GET /rest/system/config/insync: ``{"configInSync": bool}`` (False while a restart is pending).

        Deprecated by Syncthing since 1.12 and still served by 2.1 (see get_restart_required).
        """
        return read_insync(self)

    def get_connections(self) -> JSONObject:
        """GET /rest/system/connections: ``{"connections": {deviceID: {connected, address, …}}, "total": {…}}``.

        ``inBytesTotal``/``outBytesTotal`` count bytes, ``at``/``startedAt`` are RFC 3339 times. The local device
        is listed up to 1.24 and left out from 1.25.
        """
        return self.get("/rest/system/connections")

    def get_debug(self) -> JSONObject:
        """GET /rest/system/debug: ``{"enabled": [facility] or None, "facilities": {facility: description}}``.

        Removed in 2.0 (SyncthingNotFoundError, 404); see get_loglevels.
        """
        return self.get("/rest/system/debug")

    def set_debug(
        self, enable: Union[str, Sequence[str], None] = None, disable: Union[str, Sequence[str], None] = None
    ) -> None:
        """POST /rest/system/debug?enable=…&disable=…: switch debug facilities on and off; returns None.

        Each is a list of facility names or a comma-separated string. 1.x only: 2.x raises
        SyncthingNotFoundError (404); see set_loglevels.
        """
        return self.post("/rest/system/debug", _params(enable=_csv(enable), disable=_csv(disable)))

    def get_loglevels(self) -> JSONObject:
        """GET /rest/system/loglevels: ``{"levels": {package: "INFO"|…}, "packages": {package: description}}``.

        2.0+: 1.x raises SyncthingNotFoundError (404); see get_debug.
        """
        return self.get("/rest/system/loglevels")

    def set_loglevels(self, levels: Dict[str, str]) -> None:
        """POST /rest/system/loglevels with ``{package: "DEBUG"|"INFO"|"WARN"|"ERROR"}``; returns None.

        2.0+: 1.x raises SyncthingNotFoundError (404).
        """
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
        plain text; anything else is sent as its JSON text. No message, or both names, is a TypeError.
        """
        message = _one_of("new_error", ("message", message), ("error_body", error_body), required=True)
        if not isinstance(message, str):
            message = json.dumps(message)
        return self.post("/rest/system/error", data=message, headers={"Content-Type": "text/plain"})

    def clear_errors(self) -> None:
        """POST /rest/system/error/clear: clear the GUI's error list; returns None."""
        return self.post("/rest/system/error/clear")

    def get_log(self, since: Optional[str] = None) -> JSONObject:
        """GET /rest/system/log: ``{"messages": [{when, message, level}]}`` (``null`` becomes ``[]``).

        ``since`` is an RFC 3339 time; ``level`` is a number on 1.x and a string on 2.x.
        """
        answer = self.get("/rest/system/log", _params(since=since)) or {}
        return {"messages": answer.get("messages") or []}

    def get_log_text(self, since: Optional[str] = None) -> str:
        """GET /rest/system/log.txt: the log as text, one ``<RFC 3339 time>: <message>`` per line."""
        return self.get("/rest/system/log.txt", _params(since=since), raw=True)

    def get_paths(self) -> Dict[str, str]:
        """GET /rest/system/paths: ``{config, certFile, keyFile, database, logFile, guiAssets, …}`` (file paths).

        1.21+: older servers raise SyncthingNotFoundError (404).
        """
        return self.get("/rest/system/paths")

    def pause(self, device: Optional[str] = None) -> None:
        """POST /rest/system/pause: pause one device, or all when ``device`` is None; returns None.

        An unknown device raises SyncthingNotFoundError (404), a malformed ID SyncthingHTTPError (500).
        """
        return self.post("/rest/system/pause", _params(device=device))

    def resume(self, device: Optional[str] = None) -> None:
        """POST /rest/system/resume: resume one device, or all when ``device`` is None; returns None.

        An unknown device raises SyncthingNotFoundError (404), a malformed ID SyncthingHTTPError (500).
        """
        return self.post("/rest/system/resume", _params(device=device))

    def get_ping(self) -> JSONObject:
        """GET /rest/system/ping: ``{"ping": "pong"}``."""
        return self.get("/rest/system/ping")

    def post_ping(self) -> JSONObject:
        """POST /rest/system/ping: ``{"ping": "pong"}``."""
        return self.post("/rest/system/ping")

    def reset(self, folder: Optional[str] = None) -> JSONObject:
        """POST /rest/system/reset: forget the whole database (or one folder's index), then Syncthing restarts.

        Returns ``{"ok": "resetting database"}`` or ``{"ok": "resetting folder <id>"}``. The folder, and for the
        whole database every folder, must be paused first: otherwise Syncthing answers 500 ``folder must be paused
        when resetting``, raised as SyncthingHTTPError, as is an unknown folder.
        """
        return self.post("/rest/system/reset", _params(folder=folder))

    def restart(self) -> JSONObject:
        """POST /rest/system/restart: ``{"ok": "restarting"}``; the API is gone for a few seconds."""
        return self.post("/rest/system/restart")

    def shutdown(self) -> JSONObject:
        """POST /rest/system/shutdown: ``{"ok": "shutting down"}``; the server then stops for good."""
        return self.post("/rest/system/shutdown")

    def get_status(self) -> JSONObject:
        """GET /rest/system/status: ``{myID, uptime, startTime, alloc, sys, goroutines, …}``.

        ``uptime`` in seconds, ``alloc``/``sys`` in bytes, ``startTime`` an RFC 3339 time; ``cpuPercent`` is always 0.
        """
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


# The legacy config routes, also the config endpoints' fallback on servers before the /rest/config API: one
# implementation, imported by _endpoints_config.


def read_system_config(transport: SyncthingTransport) -> JSONObject:
    """GET /rest/system/config: the whole config object."""
    return transport.get("/rest/system/config")


def write_system_config(transport: SyncthingTransport, config: JSONObject) -> None:
    """POST /rest/system/config: replace the whole config (its JSON text as ``config_body`` writes it)."""
    return transport.request(
        "POST", "/rest/system/config", data=config_body(config), headers={"Content-Type": "application/json"}
    )


def read_insync(transport: SyncthingTransport) -> JSONObject:
    """GET /rest/system/config/insync: ``{"configInSync": bool}``."""
    return transport.get("/rest/system/config/insync")
