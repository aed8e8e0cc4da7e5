# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The folder, database and other endpoints of SyncthingClient.

/rest/folder, /rest/db, /rest/events, /rest/stats, /rest/svc, /rest/noauth, /rest/debug and the ones outside /rest.

Note that this module util is PRIVATE to the collection. It can have breaking changes at any time.
"""

import re
from typing import Dict, List, Optional, Sequence, Union

from ansible_collections.syncthing.rest.plugins.module_utils._transport import (
    EVENTS_TIMEOUT_MARGIN,
    IgnoreLines,
    JSONObject,
    SyncthingTransport,
    _csv,
    _one_of,
    _params,
    ignore_lines,
)


class DatabaseEndpoints(SyncthingTransport):
    """The folder, database and other endpoints of SyncthingClient.

    Besides the errors each docstring names, any method can raise SyncthingAuthError (401/403: the key is
    refused) and SyncthingConnectionError (unreachable; SyncthingTimeoutError, SyncthingTLSError).
    Sizes are in bytes, times are RFC 3339 strings.
    """

    # ------------------------------------------------------------------ /rest/folder

    def get_folder_errors(self, folder: str, page: Optional[int] = None, perpage: Optional[int] = None) -> JSONObject:
        """GET /rest/folder/errors: ``{folder, errors: [{path, error}], page, perpage}`` (``null`` becomes ``[]``).

        An unknown folder raises SyncthingNotFoundError (404).
        """
        answer = self.get("/rest/folder/errors", _params(folder=folder, page=page, perpage=perpage))
        answer["errors"] = answer.get("errors") or []
        return answer

    def get_folder_pullerrors(
        self, folder: str, page: Optional[int] = None, perpage: Optional[int] = None
    ) -> JSONObject:
        """GET /rest/folder/pullerrors: as get_folder_errors (a deprecated alias of that endpoint)."""
        answer = self.get("/rest/folder/pullerrors", _params(folder=folder, page=page, perpage=perpage))
        answer["errors"] = answer.get("errors") or []
        return answer

    def get_folder_versions(self, folder: str) -> Dict[str, List[JSONObject]]:
        """GET /rest/folder/versions: the archived versions, ``{path: [{versionTime, modTime, size}]}``.

        A folder without versioning (``folder has no versioner``) or an unknown one raises SyncthingHTTPError (500).
        """
        return self.get("/rest/folder/versions", _params(folder=folder))

    def restore_folder_versions(self, folder: str, versions: Dict[str, str]) -> Dict[str, str]:
        """POST /rest/folder/versions with ``{path: versionTime}``: restore those versions.

        Returns ``{path: error}`` for the ones that failed (``{}`` when none did). A refused request (an unknown
        folder, …) raises SyncthingHTTPError (500).
        """
        return self.post("/rest/folder/versions", _params(folder=folder), body=versions)

    # ------------------------------------------------------------------ /rest/db

    def browse_database(
        self,
        folder: str,
        level: Optional[int] = None,
        prefix: Optional[str] = None,
        dirsonly: bool = False,
        *,
        levels: Optional[int] = None,
    ) -> List[JSONObject]:
        """GET /rest/db/browse: the folder's tree as the index knows it.

        The binding's call ``browse_database(folder, level, prefix)`` works as the binding documents it:
        ``level`` 0 (its default; None and False too) is the whole tree ("maximum depth"), ``level`` n at most n
        levels deep (1: only the entries at ``prefix``); it is sent as Syncthing's ``levels`` n - 1. ``levels``
        is Syncthing's own parameter, sent as it is: None for the whole tree, 0 for the entries at ``prefix``
        only, n for n more levels below. ``prefix`` is a directory path inside the folder (False or "": the
        folder's root, as in the binding); ``dirsonly`` leaves files out.
        Returns ``[{name, type, size, modTime, children: [...]}]`` (1.14+; nested maps before).
        An unknown folder raises SyncthingHTTPError (500). ``level`` and ``levels`` together are a TypeError.
        """
        level = _one_of("browse_database", ("level", None if level is False else level), ("levels", levels))
        if levels is None and level:
            levels = level - 1
        return self.get(
            "/rest/db/browse",
            _params(folder=folder, levels=levels, prefix=prefix or None, dirsonly="true" if dirsonly else None),
        )

    browse_databse = browse_database  # the name the binding's own code and example used

    def get_completion(
        self, device: Optional[str] = None, folder: Optional[str] = None, *, device_id: Optional[str] = None
    ) -> JSONObject:
        """GET /rest/db/completion: how far ``device`` is with ``folder``.

        The binding's order ``get_completion(device, folder)``; ``device_id`` (the binding's code name) is
        an alias of ``device``. Without ``device`` the local device, without ``folder`` all folders.
        Returns ``{"completion": percent (0-100), "globalBytes", "needBytes", "globalItems", "needItems",
        "needDeletes", "sequence", "remoteState" (1.20+)}``. A malformed device ID raises
        SyncthingHTTPError (400), an unknown or paused folder SyncthingNotFoundError (404).
        """
        device = _one_of("get_completion", ("device", device), ("device_id", device_id))
        return self.get("/rest/db/completion", _params(folder=folder, device=device))

    def get_file(self, folder: str, file: Optional[str] = None, *, filename: Optional[str] = None) -> JSONObject:
        """GET /rest/db/file: ``{"global": {...}, "local": {...}, "availability": [...]}`` for one file.

        ``file`` is the path inside the folder (``filename``, the binding's code name, is an alias).
        A file the index does not know, or an unknown folder, raises SyncthingNotFoundError (404).
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
        body = {"ignore": ignore_lines(ignores, "new_ignores")}
        return _ignores(self.post("/rest/db/ignores", _params(folder=folder), body=body))

    def get_localchanged(self, folder: str, page: Optional[int] = None, perpage: Optional[int] = None) -> JSONObject:
        """GET /rest/db/localchanged: ``{files: [file entries], page, perpage}``, a receive-only folder's local changes.

        An unknown folder raises SyncthingNotFoundError (404).
        """
        return self.get("/rest/db/localchanged", _params(folder=folder, page=page, perpage=perpage))

    def get_need(self, folder: str, page: Optional[int] = None, perpage: Optional[int] = None) -> JSONObject:
        """GET /rest/db/need: what the folder still needs, ``{progress, queued, rest, page, perpage}``.

        ``progress``, ``queued`` and ``rest`` are lists of file entries. ``need`` is the same call. An unknown
        folder raises SyncthingNotFoundError (404).
        """
        return self.get("/rest/db/need", _params(folder=folder, page=page, perpage=perpage))

    need = get_need

    def override(self, folder: str) -> None:
        """POST /rest/db/override: make a send-only folder's state the global one; returns None (asynchronous)."""
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

    def get_remoteneed(
        self, folder: str, device: str, page: Optional[int] = None, perpage: Optional[int] = None
    ) -> JSONObject:
        """GET /rest/db/remoteneed: what a remote device still needs of a folder, ``{files, page, perpage}``.

        A malformed device ID raises SyncthingHTTPError (500), an unknown folder SyncthingNotFoundError (404).
        """
        return self.get("/rest/db/remoteneed", _params(folder=folder, device=device, page=page, perpage=perpage))

    def revert(self, folder: str) -> None:
        """POST /rest/db/revert: undo a receive-only folder's local changes; returns None (asynchronous)."""
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

        ``state`` is ``idle``, ``scanning``, ``syncing``, ``error``, …; ``*Bytes`` count bytes. An unknown folder
        raises SyncthingNotFoundError (404, ``no such folder``).
        """
        return self.get("/rest/db/status", _params(folder=folder))

    # ------------------------------------------------------------------ /rest/events

    def get_events(
        self,
        since: Optional[int] = None,
        limit: Optional[int] = None,
        timeout: Optional[int] = None,
        events: Union[str, Sequence[str], None] = None,
    ) -> List[JSONObject]:
        """GET /rest/events: long-poll up to ``timeout`` seconds (server default 60) for events after ``since``.

        Returns ``[{id, globalID, time, type, data}]``, ``[]`` when the time is up; ``limit`` keeps the last n;
        ``events`` is a list of type names or a comma string. The read timeout is ``timeout`` plus 15 seconds.
        """
        return self.get(
            "/rest/events",
            _params(since=since, limit=limit, timeout=timeout, events=_csv(events)),
            timeout=self._poll_timeout(timeout),
        )

    def get_disk_events(
        self, since: Optional[int] = None, limit: Optional[int] = None, timeout: Optional[int] = None
    ) -> List[JSONObject]:
        """GET /rest/events/disk: as get_events, for the LocalChangeDetected and RemoteChangeDetected events only."""
        return self.get(
            "/rest/events/disk", _params(since=since, limit=limit, timeout=timeout), timeout=self._poll_timeout(timeout)
        )

    def _poll_timeout(self, timeout):
        poll = 60 if timeout is None else timeout
        connect = self.timeout[0] if isinstance(self.timeout, tuple) else self.timeout
        return (connect, poll + EVENTS_TIMEOUT_MARGIN)

    # ------------------------------------------------------------------ /rest/stats

    def get_device_statistics(self) -> JSONObject:
        """GET /rest/stats/device: ``{deviceID: {lastSeen, lastConnectionDurationS}}`` (a time, seconds)."""
        return self.get("/rest/stats/device")

    def get_folder_statistics(self) -> JSONObject:
        """GET /rest/stats/folder: ``{folderID: {lastScan, lastFile: {filename, at, deleted}}}`` (times)."""
        return self.get("/rest/stats/folder")

    # ------------------------------------------------------------------ /rest/svc

    def get_device_id(self, device_id: str) -> JSONObject:
        """GET /rest/svc/deviceid: ``{"id": canonical form}``, or ``{"error": …}`` for an invalid ID (not raised)."""
        return self.get("/rest/svc/deviceid", _params(id=device_id))

    def get_lang(self, accept_language: Optional[str] = None) -> List[str]:
        """GET /rest/svc/lang: the language codes of an Accept-Language header, ``["sv-se", "sv", "en"]``."""
        headers = {"Accept-Language": accept_language} if accept_language else None
        return self.get("/rest/svc/lang", headers=headers)

    def get_random_string(self, length: Optional[int] = None) -> JSONObject:
        """GET /rest/svc/random/string: ``{"random": str}`` of ``length`` characters (default 32)."""
        return self.get("/rest/svc/random/string", _params(length=length))

    def get_report(self, version: Optional[int] = None) -> JSONObject:
        """GET /rest/svc/report: the usage report this node would send (in format ``version``, default the newest)."""
        return self.get("/rest/svc/report", _params(version=version))

    # ------------------------------------------------------------------ /rest/noauth

    def get_health(self) -> JSONObject:
        """GET /rest/noauth/health: ``{"status": "OK"}`` (1.22.1+; no key needed).

        Older servers raise SyncthingNotFoundError (404), or SyncthingAuthError (403) without a valid key.
        """
        return self.get("/rest/noauth/health")

    def login(self, username: str, password: str, stay_logged_in: bool = False) -> None:
        """POST /rest/noauth/auth/password: form login; the session keeps the cookie; returns None (1.26+).

        Wrong credentials raise SyncthingAuthError (403, "the user name or password was not accepted"); before 1.26,
        or without GUI authentication, SyncthingNotFoundError (404). The session cookie alone does not open the
        REST API: Syncthing also wants the CSRF token its GUI pages hand out, which this client does not fetch;
        use the API key for REST calls.
        """
        return self.post(
            "/rest/noauth/auth/password",
            body={"username": username, "password": password, "stayLoggedIn": stay_logged_in},
        )

    def logout(self) -> None:
        """POST /rest/noauth/auth/logout: end the login's session; returns None (1.26+; 404 as for login)."""
        return self.post("/rest/noauth/auth/logout")

    # ------------------------------------------------------------------ /rest/debug (1.x: needs gui.debugging)
    # On 1.x without gui.debugging each raises SyncthingAuthError (403, ``Debugging disabled``).

    def get_cpu_profile(self, duration: Optional[str] = None) -> bytes:
        """GET /rest/debug/cpuprof: a pprof CPU profile over ``duration`` (a Go duration, default ``30s``).

        The read timeout is the client's plus that duration (plus 30 s when the duration does not parse: Syncthing
        then profiles for its default 30 s). 1.x: SyncthingAuthError (403) without gui.debugging.
        """
        read = self.timeout[1] if isinstance(self.timeout, tuple) else self.timeout
        return self.get(
            "/rest/debug/cpuprof",
            _params(duration=duration),
            raw="bytes",
            timeout=read + (_go_seconds(duration) or 30),
        )

    def get_heap_profile(self) -> bytes:
        """GET /rest/debug/heapprof: a pprof heap profile. 1.x: SyncthingAuthError (403) without gui.debugging."""
        return self.get("/rest/debug/heapprof", raw="bytes")

    def get_support_bundle(self) -> bytes:
        """GET /rest/debug/support: the support bundle, a zip file (config redacted, logs, profiles).

        Takes a few seconds. 1.x: SyncthingAuthError (403) without gui.debugging.
        """
        return self.get("/rest/debug/support", raw="bytes")

    def get_debug_file(self, folder: str, file: str) -> JSONObject:
        """GET /rest/debug/file: ``{global, local, availability, …}``, debugging details of one file.

        1.x: SyncthingAuthError (403) without gui.debugging. 2.x has no ``mtime`` and ``globalVersions``.
        """
        return self.get("/rest/debug/file", _params(folder=folder, file=file))

    def get_peer_completion(self) -> JSONObject:
        """GET /rest/debug/peerCompletion: ``{deviceID: percent}``.

        1.x: SyncthingAuthError (403) without gui.debugging; removed in 2.0 (SyncthingNotFoundError, 404).
        """
        return self.get("/rest/debug/peerCompletion")

    def get_http_metrics(self) -> JSONObject:
        """GET /rest/debug/httpmetrics: per-route timings.

        1.x: SyncthingAuthError (403) without gui.debugging; removed in 2.0 (SyncthingNotFoundError, 404).
        """
        return self.get("/rest/debug/httpmetrics")

    # ------------------------------------------------------------------ outside /rest

    def get_metrics(self) -> str:
        """GET /metrics: Prometheus metrics as text (1.24+; older servers raise SyncthingNotFoundError, 404)."""
        return self.get("/metrics", raw=True)

    def get_qr(self, text: str) -> bytes:
        """GET /qr/?text=…: a PNG image of the QR code of ``text``."""
        return self.get("/qr/", _params(text=text), raw="bytes")

    def get_meta(self) -> str:
        """GET /meta.js: ``var metadata = {deviceID, deviceIDShort, authenticated}`` as text (JavaScript)."""
        return self.get("/meta.js", raw=True)


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
