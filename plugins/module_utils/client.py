# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""SyncthingClient: a Python client for every endpoint of the Syncthing REST API.

Public API (semver). Usable from plain Python, outside Ansible::

    from ansible_collections.syncthing.rest.plugins.module_utils.client import SyncthingClient
    client = SyncthingClient("my-api-key", "http://127.0.0.1:8384")
    print(client.get_version()["version"])

Every method returns the decoded JSON answer (``None`` for an empty body). Errors raise a
subclass of ``SyncthingError`` whose message names the method, path, status and the server's
text, and never contains the API key.

The 27 calls of the Python binding this client grew from (``get_version`` … ``get_folder_statistics``,
see docs/client.md) keep that binding's documented positional order, keyword names and argument
shapes, e.g. ``get_completion(device, folder)`` and ``new_ignores(folder, {"ignore": [...]})``.
"""

import json
import re
import time
import traceback
from typing import Any, Dict, List, Optional, Sequence, Union
from urllib.parse import quote

from ansible_collections.syncthing.rest.plugins.module_utils import _versions as versions

try:
    import requests
    from requests import exceptions as _rexc
except ImportError:  # pragma: no cover - exercised by the missing-requests test
    requests = None
    REQUESTS_IMPORT_ERROR = traceback.format_exc()
else:
    REQUESTS_IMPORT_ERROR = None

DEFAULT_URL = "http://127.0.0.1:8384"
DEFAULT_TIMEOUT = 30
EVENTS_TIMEOUT_MARGIN = 15
MASK = "********"

JSONObject = Dict[str, Any]
# new_ignores: an ignore object as get_ignores returns it ({"ignore": [...], ...}) or the lines themselves
IgnoreLines = Union[JSONObject, Sequence[str]]


class SyncthingError(Exception):
    """Base of every error the client raises."""

    def __init__(self, message, method=None, path=None, status=None, text=None):
        super().__init__(message)
        self.message = message
        self.method = method
        self.path = path
        self.status = status
        self.text = text


class SyncthingValidationError(SyncthingError):
    """Input that must not be sent to the server (bad device ID, unknown field, bad value)."""


class SyncthingMissingLibraryError(SyncthingError):
    """The Python library ``requests`` is not installed."""


class SyncthingHTTPError(SyncthingError):
    """The server answered with an HTTP error status."""


class SyncthingAuthError(SyncthingHTTPError):
    """401 or 403: wrong or missing API key, CSRF error, host check."""


class SyncthingNotFoundError(SyncthingHTTPError):
    """404: unknown route, folder, device or file."""


class SyncthingConnectionError(SyncthingError):
    """The server could not be reached (refused, DNS, reset)."""


class SyncthingTimeoutError(SyncthingConnectionError):
    """The server did not answer in time."""


class SyncthingTLSError(SyncthingConnectionError):
    """TLS failed: untrusted or mismatched certificate, or a TLS/plain-HTTP mix-up."""


def parse_version(text):
    """Return (major, minor, patch) from a Syncthing version string such as ``v1.19.2-ds1``."""
    match = re.search(r"(\d+)\.(\d+)\.(\d+)", text or "")
    if not match:
        return None
    return tuple(int(part) for part in match.groups())


def _q(value):
    return quote(value, safe="")


class SyncthingClient:
    """A client for one Syncthing instance, over one keep-alive ``requests.Session``.

    :param api_key: the GUI/API key (``gui.apiKey`` or ``STGUIAPIKEY``).
    :param api_url: base URL of the GUI/API, default ``http://127.0.0.1:8384``.
    :param verify: TLS verification: ``True``, ``False`` or the path of a CA bundle/certificate.
    :param timeout: seconds per request.
    :param retries: how many times a GET is retried after a connection error.
    :param backoff: first pause between retries in seconds (doubles each time).
    """

    def __init__(
        self,
        api_key,
        api_url=DEFAULT_URL,
        *,
        verify=True,
        timeout=DEFAULT_TIMEOUT,
        retries=5,
        backoff=0.25,
        session=None,
    ):
        if requests is None:
            raise SyncthingMissingLibraryError(
                "The Python library 'requests' is required by the Syncthing client; install it with 'pip install requests'."
            )
        self.api_key = api_key or ""
        self.api_url = (api_url or DEFAULT_URL).rstrip("/")
        self.verify = verify
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.session = session or requests.Session()
        self.session.headers["X-API-Key"] = self.api_key
        self.session.headers["User-Agent"] = "syncthing.rest"
        self.request_count = 0
        self._server_version = None
        self.device_id = None

    # ------------------------------------------------------------------ transport

    def _scrub(self, text):
        text = "" if text is None else str(text)
        if self.api_key:
            text = text.replace(self.api_key, MASK)
        return text

    def _fail(self, cls, method, path, status=None, text=None, reason=None):
        where = f"{method} {path}"
        if status is not None:
            detail = self._scrub(text).strip() or "(no text)"
            status_text = " ".join(str(part) for part in (status, self._scrub(reason).strip()) if part != "")
            message = f"{where} failed: HTTP {status_text}: {detail}"
        else:
            message = f"{where} failed: {self._scrub(reason)}"
        return cls(message, method=method, path=path, status=status, text=self._scrub(text))

    def request(self, method, path, params=None, body=None, data=None, timeout=None, raw=False, headers=None):
        """Send one request; return the decoded JSON (or text/bytes with ``raw``); raise SyncthingError.

        GETs are retried on connection errors (a restarting server); writes are never retried.
        """
        url = self.api_url + path
        kwargs = {"params": params, "verify": self.verify, "timeout": timeout or self.timeout, "headers": headers}
        if body is not None:
            kwargs["data"] = json.dumps(body)
            kwargs["headers"] = dict(headers or {}, **{"Content-Type": "application/json"})
        elif data is not None:
            kwargs["data"] = data.encode("utf-8") if isinstance(data, str) else data
        attempts = 1 + (self.retries if method == "GET" else 0)
        pause = self.backoff
        # errors below are raised 'from None': their message carries the scrubbed text of the cause, while the raw
        # requests exception may hold the API key (see _scrub) and would be printed in a traceback
        for attempt in range(attempts):
            try:
                self.request_count += 1
                response = self.session.request(method, url, allow_redirects=False, **kwargs)
                break
            except _rexc.SSLError as exc:
                raise self._fail(
                    SyncthingTLSError, method, path, reason=f"TLS error talking to {self.api_url}: {exc}"
                ) from None
            except _rexc.Timeout as exc:
                raise self._fail(
                    SyncthingTimeoutError,
                    method,
                    path,
                    reason="no answer from {} within {}s ({})".format(self.api_url, kwargs["timeout"], exc),
                ) from None
            except _rexc.RequestException as exc:
                if attempt + 1 < attempts and isinstance(exc, _rexc.ConnectionError):
                    time.sleep(pause)
                    pause *= 2
                    continue
                raise self._fail(
                    SyncthingConnectionError, method, path, reason=f"cannot connect to {self.api_url}: {exc}"
                ) from None
        self._note_server(response)
        if 300 <= response.status_code < 400:
            raise self._redirected(method, path, response)
        if response.status_code >= 400:
            cls = SyncthingHTTPError
            if response.status_code in (401, 403):
                cls = SyncthingAuthError
            elif response.status_code == 404:
                cls = SyncthingNotFoundError
            error = self._fail(cls, method, path, response.status_code, response.text, response.reason)
            raise _hinted(error, self._hint(cls, response))
        if raw:
            return response.content if raw == "bytes" else response.text
        if not response.content.strip():
            return None
        try:
            return response.json()
        except ValueError:
            raise self._fail(
                SyncthingHTTPError,
                method,
                path,
                response.status_code,
                response.text[:200],
                f"answer is not JSON; is {self.api_url} a Syncthing server?",
            ) from None

    def _hint(self, cls, response):
        """A hint for a refused API key, or for an answer that does not come from Syncthing (text/html, no header)."""
        text = response.text.strip()
        if cls is SyncthingAuthError and text in ("CSRF Error", "Forbidden", "Not Authorized"):
            return "[the API key was not accepted: check api_key]"
        foreign = "X-Syncthing-Version" not in response.headers and "text/plain" not in response.headers.get(
            "Content-Type", ""
        )
        if cls is not SyncthingAuthError and foreign:
            return f"[no X-Syncthing-Version header: is {self.api_url} the address of Syncthing's GUI/API?]"
        return None

    def _redirected(self, method, path, response):
        """Redirects are not followed (the API key header would go along); say where it pointed."""
        location = self._scrub(response.headers.get("Location")) or "(no Location)"
        if location.startswith("https://") and self.api_url.startswith("http://"):
            base = "https://" + location[len("https://") :].split("/", 1)[0]
            text = (
                f"the server redirects to {location}: Syncthing's GUI/API requires HTTPS (gui.useTLS is on); use url={base} "
                "(with ca_path for its certificate, or validate_certs=false)"
            )
            return self._fail(SyncthingTLSError, method, path, response.status_code, text, response.reason)
        text = f"the server redirects to {location}, which is not followed; set url to the API's own address"
        return self._fail(SyncthingHTTPError, method, path, response.status_code, text, response.reason)

    def _note_server(self, response):
        """Remember the server's version and device ID from the headers every Syncthing answer carries."""
        if self._server_version is None:
            version = parse_version(response.headers.get("X-Syncthing-Version"))
            if version:
                self._server_version = version
        if self.device_id is None:
            self.device_id = response.headers.get("X-Syncthing-ID") or None

    def get(self, path, params=None, **kwargs):
        return self.request("GET", path, params=params, **kwargs)

    def post(self, path, params=None, body=None, **kwargs):
        return self.request("POST", path, params=params, body=body, **kwargs)

    def put(self, path, body, params=None):
        return self.request("PUT", path, params=params, body=body)

    def patch(self, path, body):
        return self.request("PATCH", path, body=body)

    def delete(self, path, params=None):
        return self.request("DELETE", path, params=params)

    def server_version(self):
        """Return the server's version as a tuple ``(major, minor, patch)``, read once and cached.

        Any answer's ``X-Syncthing-Version`` header fills the cache, so this rarely costs a request.
        """
        if self._server_version is None:
            text = (self.get_version() or {}).get("version")
            version = parse_version(text)
            if version is None:
                raise SyncthingError(
                    f"GET /rest/system/version failed: cannot read a version from {self._scrub(text)!r}",
                    method="GET",
                    path="/rest/system/version",
                )
            self._server_version = version
        return self._server_version

    def at_least(self, *version):
        """True when the server is at least the given version, e.g. ``at_least(1, 12)``."""
        return self.server_version() >= tuple(version)

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
            return self.set_folders([_merge(self.get_folder(folder_id), changes)])
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

    # ------------------------------------------------------------------ /rest/folder

    def get_folder_errors(self, folder, page=None, perpage=None):
        """GET /rest/folder/errors (``errors: null`` becomes ``[]``)."""
        answer = self.get("/rest/folder/errors", _params(folder=folder, page=page, perpage=perpage))
        answer["errors"] = answer.get("errors") or []
        return answer

    def get_folder_pullerrors(self, folder, page=None, perpage=None):
        """GET /rest/folder/pullerrors (deprecated alias of get_folder_errors)."""
        answer = self.get("/rest/folder/pullerrors", _params(folder=folder, page=page, perpage=perpage))
        answer["errors"] = answer.get("errors") or []
        return answer

    def get_folder_versions(self, folder):
        """GET /rest/folder/versions: ``{path: [{versionTime, modTime, size}]}``."""
        return self.get("/rest/folder/versions", _params(folder=folder))

    def restore_folder_versions(self, folder, versions):
        """POST /rest/folder/versions with ``{path: versionTime}``; returns the failures."""
        return self.post("/rest/folder/versions", _params(folder=folder), body=versions)

    # ------------------------------------------------------------------ /rest/db

    def browse_database(
        self,
        folder: str,
        levels: Optional[int] = None,
        prefix: Optional[str] = None,
        dirsonly: bool = False,
        *,
        level: Optional[int] = None,
    ) -> List[JSONObject]:
        """GET /rest/db/browse: the folder's tree as the index knows it.

        The binding's order ``browse_database(folder, level, prefix)``; ``level`` is accepted as an alias
        of ``levels`` and both are sent as Syncthing's ``levels``: None (default) for the whole tree,
        0 for the entries at ``prefix`` only, n for n more levels below. ``prefix`` is a directory path
        inside the folder; ``dirsonly`` leaves files out.
        Returns ``[{name, type, size, modTime, children: [...]}]`` (1.14+; nested maps before).
        An unknown folder raises SyncthingHTTPError.
        """
        levels = _one_of("browse_database", ("levels", levels), ("level", level))
        return self.get(
            "/rest/db/browse",
            _params(folder=folder, levels=levels, prefix=prefix, dirsonly="true" if dirsonly else None),
        )

    browse_databse = browse_database  # the name the binding's own code and example used

    def get_completion(
        self, device: Optional[str] = None, folder: Optional[str] = None, *, device_id: Optional[str] = None
    ) -> JSONObject:
        """GET /rest/db/completion: how far ``device`` is with ``folder``.

        The binding's order ``get_completion(device, folder)``; ``device_id`` (the binding's code name) is
        an alias of ``device``. Without ``device`` the local device, without ``folder`` all folders.
        Returns ``{"completion": percent, "globalBytes", "needBytes", "globalItems", "needItems",
        "needDeletes", "sequence", "remoteState" (1.20+)}``. A malformed device ID raises
        SyncthingHTTPError (400), an unknown or paused folder SyncthingNotFoundError.
        """
        device = _one_of("get_completion", ("device", device), ("device_id", device_id))
        return self.get("/rest/db/completion", _params(folder=folder, device=device))

    def get_file(self, folder: str, file: Optional[str] = None, *, filename: Optional[str] = None) -> JSONObject:
        """GET /rest/db/file: ``{"global": {...}, "local": {...}, "availability": [...]}`` for one file.

        ``file`` is the path inside the folder (``filename``, the binding's code name, is an alias).
        A file the index does not know raises SyncthingNotFoundError.
        """
        file = _one_of("get_file", ("file", file), ("filename", filename), required=True)
        return self.get("/rest/db/file", _params(folder=folder, file=file))

    def get_ignores(self, folder: str) -> JSONObject:
        """GET /rest/db/ignores: ``{"ignore": [lines], "expanded": [patterns], "error": None|str}``.

        ``null`` lists become ``[]``. An unknown folder raises SyncthingHTTPError (500) up to 1.27 and
        answers with ``error`` set from 1.28.
        """
        return _ignores(self.get("/rest/db/ignores", _params(folder=folder)))

    def new_ignores(self, folder: str, ignores: IgnoreLines) -> JSONObject:
        """POST /rest/db/ignores: replace the folder's .stignore (Syncthing then rescans the folder).

        ``ignores`` is an ignore object as get_ignores returns it, ``{"ignore": [lines]}`` (other keys
        are left out), or the list of lines itself; ``[]`` removes .stignore. Returns the new ignore
        object ``{"ignore", "expanded", "error"}`` like get_ignores. Any other shape raises
        SyncthingValidationError before anything is sent.
        """
        body = {"ignore": _ignore_lines(ignores)}
        return _ignores(self.post("/rest/db/ignores", _params(folder=folder), body=body))

    def get_localchanged(self, folder, page=None, perpage=None):
        """GET /rest/db/localchanged: locally changed items of a receive-only folder."""
        return self.get("/rest/db/localchanged", _params(folder=folder, page=page, perpage=perpage))

    def get_need(self, folder: str, page: Optional[int] = None, perpage: Optional[int] = None) -> JSONObject:
        """GET /rest/db/need: what the folder still needs, ``{progress, queued, rest, page, perpage}``.

        ``need`` is the same call. An unknown folder raises SyncthingNotFoundError.
        """
        return self.get("/rest/db/need", _params(folder=folder, page=page, perpage=perpage))

    need = get_need

    def override(self, folder):
        """POST /rest/db/override: make a send-only folder's state the global one."""
        return self.post("/rest/db/override", _params(folder=folder))

    def assign_priority(
        self,
        folder: str,
        file: Optional[str] = None,
        page: Optional[int] = None,
        perpage: Optional[int] = None,
        *,
        filename: Optional[str] = None,
    ) -> JSONObject:
        """POST /rest/db/prio: move ``file`` to the top of the folder's download queue.

        ``filename`` (the binding's code name) is an alias of ``file``. Returns the need object, as
        get_need does.
        """
        file = _one_of("assign_priority", ("file", file), ("filename", filename), required=True)
        return self.post("/rest/db/prio", _params(folder=folder, file=file, page=page, perpage=perpage))

    def get_remoteneed(self, folder, device, page=None, perpage=None):
        """GET /rest/db/remoteneed: what a remote device still needs of a folder."""
        return self.get("/rest/db/remoteneed", _params(folder=folder, device=device, page=page, perpage=perpage))

    def revert(self, folder):
        """POST /rest/db/revert: undo local changes of a receive-only folder."""
        return self.post("/rest/db/revert", _params(folder=folder))

    def scan(
        self,
        folder: Optional[str] = None,
        subfolder: Union[str, Sequence[str], None] = None,
        next: Optional[int] = None,
        timeout: Optional[float] = None,
        *,
        sub: Union[str, Sequence[str], None] = None,
    ) -> None:
        """POST /rest/db/scan: scan ``folder`` (all folders when None); returns None when the scan is done.

        The binding's order ``scan(folder, subfolder)``: ``subfolder`` (alias ``sub``) is a path inside the
        folder or a list of them, scanned instead of the whole folder. ``next`` delays the next automatic
        scan (seconds); ``timeout`` is the read timeout of this call. An unknown folder raises
        SyncthingHTTPError (500, ``no such folder``).
        """
        sub = _one_of("scan", ("subfolder", subfolder), ("sub", sub))
        subs = [sub] if isinstance(sub, str) else list(sub or [])
        params = _params(folder=folder, next=next)
        if subs:
            params = list(params.items()) + [("sub", path) for path in subs]
        return self.post("/rest/db/scan", params, timeout=timeout)

    def get_folder_status(self, folder: str) -> JSONObject:
        """GET /rest/db/status: the folder summary ``{state, sequence, needTotalItems, localFiles, …}``.

        An unknown folder raises SyncthingNotFoundError (``no such folder``).
        """
        return self.get("/rest/db/status", _params(folder=folder))

    # ------------------------------------------------------------------ /rest/events

    def get_events(self, since=None, limit=None, timeout=None, events=None):
        """GET /rest/events: long-poll up to ``timeout`` seconds (server default 60) for events after ``since``."""
        return self.get(
            "/rest/events",
            _params(since=since, limit=limit, timeout=timeout, events=_csv(events)),
            timeout=self._poll_timeout(timeout),
        )

    def get_disk_events(self, since=None, limit=None, timeout=None):
        """GET /rest/events/disk: LocalChangeDetected and RemoteChangeDetected events."""
        return self.get(
            "/rest/events/disk", _params(since=since, limit=limit, timeout=timeout), timeout=self._poll_timeout(timeout)
        )

    def _poll_timeout(self, timeout):
        poll = 60 if timeout is None else timeout
        connect = self.timeout[0] if isinstance(self.timeout, tuple) else self.timeout
        return (connect, poll + EVENTS_TIMEOUT_MARGIN)

    # ------------------------------------------------------------------ /rest/stats

    def get_device_statistics(self) -> JSONObject:
        """GET /rest/stats/device: ``{deviceID: {lastSeen, lastConnectionDurationS}}``."""
        return self.get("/rest/stats/device")

    def get_folder_statistics(self) -> JSONObject:
        """GET /rest/stats/folder: ``{folderID: {lastScan, lastFile}}``."""
        return self.get("/rest/stats/folder")

    # ------------------------------------------------------------------ /rest/svc

    def get_device_id(self, device_id):
        """GET /rest/svc/deviceid: the server's canonical form, or ``{"error": …}``."""
        return self.get("/rest/svc/deviceid", _params(id=device_id))

    def get_lang(self, accept_language=None):
        """GET /rest/svc/lang: language codes from the Accept-Language header."""
        headers = {"Accept-Language": accept_language} if accept_language else None
        return self.get("/rest/svc/lang", headers=headers)

    def get_random_string(self, length=None):
        """GET /rest/svc/random/string: ``{"random": …}``."""
        return self.get("/rest/svc/random/string", _params(length=length))

    def get_report(self, version=None):
        """GET /rest/svc/report: the usage report this node would send."""
        return self.get("/rest/svc/report", _params(version=version))

    # ------------------------------------------------------------------ /rest/noauth

    def get_health(self):
        """GET /rest/noauth/health: ``{"status": "OK"}`` (1.22.1+; no key needed)."""
        return self.get("/rest/noauth/health")

    def login(self, username, password, stay_logged_in=False):
        """POST /rest/noauth/auth/password: form login; the session keeps the cookie (1.26+)."""
        return self.post(
            "/rest/noauth/auth/password",
            body={"username": username, "password": password, "stayLoggedIn": stay_logged_in},
        )

    def logout(self):
        """POST /rest/noauth/auth/logout (1.26+)."""
        return self.post("/rest/noauth/auth/logout")

    # ------------------------------------------------------------------ /rest/debug (1.x: needs gui.debugging)

    def get_cpu_profile(self, duration=None):
        """GET /rest/debug/cpuprof: a pprof CPU profile (bytes)."""
        read = self.timeout[1] if isinstance(self.timeout, tuple) else self.timeout
        return self.get(
            "/rest/debug/cpuprof",
            _params(duration=duration),
            raw="bytes",
            timeout=read + _go_seconds(duration or "30s"),
        )

    def get_heap_profile(self):
        """GET /rest/debug/heapprof: a pprof heap profile (bytes)."""
        return self.get("/rest/debug/heapprof", raw="bytes")

    def get_support_bundle(self):
        """GET /rest/debug/support: the support bundle (zip bytes)."""
        return self.get("/rest/debug/support", raw="bytes")

    def get_debug_file(self, folder, file):
        """GET /rest/debug/file: debugging details of one file."""
        return self.get("/rest/debug/file", _params(folder=folder, file=file))

    def get_peer_completion(self):
        """GET /rest/debug/peerCompletion: ``{deviceID: percent}`` (removed in 2.0)."""
        return self.get("/rest/debug/peerCompletion")

    def get_http_metrics(self):
        """GET /rest/debug/httpmetrics: per-route timings (removed in 2.0)."""
        return self.get("/rest/debug/httpmetrics")

    # ------------------------------------------------------------------ outside /rest

    def get_metrics(self):
        """GET /metrics: Prometheus metrics as text (1.24+)."""
        return self.get("/metrics", raw=True)

    def get_qr(self, text):
        """GET /qr/?text=…: a PNG QR code (bytes)."""
        return self.get("/qr/", _params(text=text), raw="bytes")

    def get_meta(self):
        """GET /meta.js: ``var metadata = {deviceID, deviceIDShort, authenticated}`` as text."""
        return self.get("/meta.js", raw=True)


def _hinted(error, hint):
    """``error`` with ``hint`` added to its message (the server's text in ``error.text`` stays as it was)."""
    if hint:
        error.message = f"{error.message} {hint}"
        error.args = (error.message,)
    return error


def _one_of(method, *named, required=False):
    """The value of a parameter given under one of its names (the binding's name, then aliases), or None.

    ``named`` are ``(name, value)`` pairs; None means not given. Two names at once is a TypeError, as is
    a required parameter given under none of them.
    """
    given = [(name, value) for name, value in named if value is not None]
    if len(given) > 1:
        raise TypeError(
            "{}() got the same argument twice: {}".format(method, ", ".join(repr(name) for name, dummy in given))
        )
    if not given:
        if required:
            raise TypeError(f"{method}() missing required argument: {named[0][0]!r}")
        return None
    return given[0][1]


def _ignore_lines(ignores):
    """The lines of an ignore object (``{"ignore": [...]}``, as get_ignores returns it) or of a list of lines."""
    if isinstance(ignores, dict):
        if "ignore" not in ignores:
            raise SyncthingValidationError(
                f"new_ignores: an ignore object needs the key 'ignore' (as get_ignores returns it), got keys {sorted(ignores)}"
            )
        ignores = ignores["ignore"] or []
    if isinstance(ignores, (str, bytes)) or not hasattr(ignores, "__iter__"):
        raise SyncthingValidationError(
            f"new_ignores: give the lines as a list or as an ignore object {{'ignore': [lines]}}, not {type(ignores).__name__}"
        )
    lines = list(ignores)
    bad = [line for line in lines if not isinstance(line, str)]
    if bad:
        raise SyncthingValidationError(f"new_ignores: every ignore line must be a string, got {bad[0]!r}")
    return lines


def _params(**kwargs):
    """Query parameters without the ones left as None."""
    return {key: value for key, value in kwargs.items() if value is not None}


def _csv(value):
    if value is None or isinstance(value, str):
        return value
    return ",".join(value)


def _routable(object_id):
    """False for IDs that /rest/config/folders/{id} cannot address (the router splits on "/")."""
    return "/" not in object_id and object_id not in ("", ".", "..")


def _merge(current, changes):
    """Merge ``changes`` onto ``current`` the way PATCH does (nested objects merged, the rest replaced)."""
    merged = dict(current)
    for key, value in changes.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            value = _merge(merged[key], value)
        merged[key] = value
    return merged


def _go_seconds(duration):
    """Seconds in a Go duration such as ``30s``, ``1m30s`` or ``500ms`` (0 when unparsable)."""
    units = {"ns": 1e-9, "us": 1e-6, "\u00b5s": 1e-6, "ms": 1e-3, "s": 1, "m": 60, "h": 3600}
    parts = re.findall(r"([0-9.]+)(ns|us|\u00b5s|ms|s|m|h)", str(duration))
    return sum(float(number) * units[unit] for number, unit in parts)


def _ignores(answer):
    answer = answer or {}
    answer["ignore"] = answer.get("ignore") or []
    answer["expanded"] = answer.get("expanded") or []
    answer.setdefault("error", None)
    return answer
