# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""syncthing.rest.events: an Event-Driven Ansible source that follows one Syncthing node's event API."""

from __future__ import annotations

import asyncio
import logging
import os
import sys
import threading
import time
from datetime import datetime, timezone
from typing import Any, Callable

DOCUMENTATION = r"""
---
short_description: Receive the events of one Syncthing node.
description:
  - An ansible-rulebook event source that long-polls one Syncthing node's event API
    (C(GET /rest/events), or C(GET /rest/events/disk) with O(disk)) through the collection's own client.
  - Each event reaches the rulebook as C(event.syncthing), Syncthing's own event (C(id), C(globalID), C(time),
    C(type), C(data)) plus C(device_id), the node's device ID; with O(host), C(event.meta.hosts) is that
    inventory host, so C(run_playbook) runs on it alone.
  - Nothing is missed silently. When Syncthing restarted (its event IDs start again at 1), dropped events from
    its bounded buffer (a gap in the IDs), or was away and came back, the source sends one event of type
    C(EventsMissed) with C(data.reason) V(restarted), V(gap) or V(reconnected), so a rulebook can run a full
    drift check; then it carries on from the new numbering without duplicates.
  - A server that is away (restart, upgrade, a 2.x database migration, the network) is retried with a capped
    backoff (0.5 s doubling to 30 s), with one warning when it goes away and one line when it is back. A refused
    API key, a TLS error or an address that is not Syncthing's API stop the source with a clear message.
  - The API key never appears in a log line or an event; the secrets in a C(ConfigSaved) event's config (the API
    key, the GUI password hash, encryption passwords) are masked as the modules mask them.
  - The connection options have the names, defaults and C(config.xml) discovery of the collection's modules.
requirements:
  - requests
  - ansible-core (the collection's client and discovery code import it)
options:
  url:
    description:
      - Base URL of the Syncthing GUI/REST API, for example V(http://127.0.0.1:8384).
      - If not set, the environment variable E(SYNCTHING_URL) is used; otherwise the GUI address from a local
        C(config.xml) (see O(home)), else V(http://127.0.0.1:8384).
    type: str
    default: null
  api_key:
    description:
      - The API key (C(gui.apiKey) in the config, or the C(STGUIAPIKEY) given to Syncthing).
      - If not set, the environment variables E(SYNCTHING_API_KEY), then E(STGUIAPIKEY); otherwise the key from a
        local C(config.xml) (see O(home)).
    type: str
    default: null
  home:
    description:
      - Syncthing's configuration folder, where C(config.xml) is read from to discover O(url) and O(api_key).
      - If not set, the first of E(STHOMEDIR), E(STCONFDIR), C(~/.local/state/syncthing) and
        C(~/.config/syncthing) that holds a C(config.xml).
    type: path
    default: null
  validate_certs:
    description:
      - Verify the server's TLS certificate when O(url) uses HTTPS.
    type: bool
    default: true
  ca_path:
    description:
      - A CA bundle or certificate file to verify the server's TLS certificate against.
    type: path
    default: null
  timeout:
    description:
      - Seconds to wait for a request that is not a long-poll; more than 0.
      - A long-poll may take O(poll_timeout) plus 15 seconds.
    type: float
    default: 30
  events:
    description:
      - Syncthing event type names to receive, sent to Syncthing as the server-side filter.
      - An empty list receives every type Syncthing sends by default (all but C(LocalChangeDetected) and
        C(RemoteChangeDetected)).
      - Syncthing creates the buffer of a filter on its first request, so with a filter, O(since=all) finds
        nothing older than the source.
    type: list
    elements: str
    default:
      - ConfigSaved
      - PendingDevicesChanged
      - PendingFoldersChanged
      - FolderErrors
      - DeviceConnected
      - DeviceDisconnected
  disk:
    description:
      - Follow C(/rest/events/disk) (C(LocalChangeDetected) and C(RemoteChangeDetected) only) instead of
        C(/rest/events); O(events) cannot be given then.
    type: bool
    default: false
  since:
    description:
      - V(now) sends only what happens from the start of the source on.
      - V(all) first sends what the server still buffers (up to 1000 events).
    type: str
    choices: [now, all]
    default: now
  host:
    description:
      - The inventory name of this Syncthing node. Every event gets C(meta.hosts) set to it, so a
        C(run_playbook) action runs on that host alone.
    type: str
    default: null
  poll_timeout:
    description:
      - Seconds of one long-poll (1 to 3600). An idle source sends one request per O(poll_timeout).
    type: int
    default: 60
"""

EXAMPLES = r"""
- syncthing.rest.events:
    url: http://127.0.0.1:8384
    api_key: "{{ syncthing_api_key }}"
    host: node-a

- syncthing.rest.events:
    home: /var/lib/syncthing/.local/state/syncthing
    events: [ConfigSaved, FolderErrors]
    since: all

- syncthing.rest.events:
    url: https://nas.example.org:8384
    ca_path: /etc/ssl/syncthing-gui.pem
    disk: true
    poll_timeout: 30
"""


def _import_collection() -> None:
    """Make ``ansible_collections.syncthing.rest`` importable.

    ansible-rulebook runs this file with runpy, outside Ansible's plugin loader, so the collection's Python
    package is importable only when the folder holding ``ansible_collections`` is on sys.path. This file lives at
    ``<root>/ansible_collections/syncthing/rest/extensions/eda/plugins/event_source/events.py``: add ``<root>``.
    """
    here = os.path.dirname(os.path.abspath(__file__))
    collection = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(here))))
    namespaces = os.path.dirname(os.path.dirname(collection))
    if os.path.basename(namespaces) == "ansible_collections":
        root = os.path.dirname(namespaces)
        if root not in sys.path:
            sys.path.insert(0, root)


_import_collection()

# pylint: disable=wrong-import-position
from ansible_collections.syncthing.rest.plugins.module_utils._module import (  # noqa: E402
    CONNECTION_ARGUMENT_SPEC,
    connection_settings,
    mask_secrets,
    option_problems,
)
from ansible_collections.syncthing.rest.plugins.module_utils._transport import url_without_user_info  # noqa: E402
from ansible_collections.syncthing.rest.plugins.module_utils.client import (  # noqa: E402
    SyncthingAuthError,
    SyncthingClient,
    SyncthingError,
    SyncthingHTTPError,
    SyncthingMissingLibraryError,
    SyncthingNotFoundError,
    SyncthingTLSError,
    SyncthingValidationError,
)

LOG = logging.getLogger("syncthing.rest.events")

MISSED = "EventsMissed"
DEFAULT_EVENTS = [
    "ConfigSaved",
    "PendingDevicesChanged",
    "PendingFoldersChanged",
    "FolderErrors",
    "DeviceConnected",
    "DeviceDisconnected",
]
# Syncthing's event types (1.19-2.1); a name outside it is only warned about: Syncthing ignores unknown names.
KNOWN_EVENTS = frozenset(
    [
        *DEFAULT_EVENTS,
        "Starting",
        "StartupComplete",
        "DeviceDiscovered",
        "DeviceRejected",
        "DevicePaused",
        "DeviceResumed",
        "ClusterConfigReceived",
        "LocalChangeDetected",
        "RemoteChangeDetected",
        "LocalIndexUpdated",
        "RemoteIndexUpdated",
        "ItemStarted",
        "ItemFinished",
        "StateChanged",
        "FolderRejected",
        "DownloadProgress",
        "RemoteDownloadProgress",
        "FolderSummary",
        "FolderCompletion",
        "FolderScanProgress",
        "FolderPaused",
        "FolderResumed",
        "FolderWatchStateChanged",
        "ListenAddressesChanged",
        "LoginAttempt",
        "Failure",
        "UpgradeRestartScheduled",
    ]
)
OPTIONS = ("url", "api_key", "home", "validate_certs", "ca_path", "timeout", "events", "disk", "since", "host")
OPTIONS += ("poll_timeout",)
RETRY_FIRST = 0.5  # seconds before the first retry; doubles up to RETRY_CAP
RETRY_CAP = 30.0
# Seconds the rulebook may take to take events before the source checks for a restart it could not see (no
# long-poll of its own was open to be cut): well below the time a Syncthing restart takes.
STALL = 0.25
TRUE = ("true", "yes", "on", "1")
FALSE = ("false", "no", "off", "0")


class EventSourceError(Exception):
    """The source cannot go on (bad arguments, refused API key, TLS, not Syncthing's API); the message says why."""


def settings(args: dict[str, Any]) -> dict[str, Any]:
    """The source's arguments checked and completed with defaults and environment fallbacks.

    Raises EventSourceError naming every problem (unknown arguments, wrong types, bad values).
    """
    problems = []
    unknown = sorted(key for key in args if key not in OPTIONS and not key.startswith("eda_"))
    if unknown:
        problems.append("unknown argument(s) {}; known: {}".format(", ".join(unknown), ", ".join(OPTIONS)))
    params = {}
    for name in OPTIONS:
        value = args.get(name)
        try:
            params[name] = _converted(name, value)
        except ValueError as exc:
            problems.append(f"{name}: {exc}")
    if len(params) == len(OPTIONS):  # each has its type: check the values
        problems.extend(option_problems(params))
        if params["disk"] and args.get("events") is not None:
            problems.append("events: cannot be given with disk: true (the disk endpoint sends its own two types)")
        if not 1 <= params["poll_timeout"] <= 3600:
            problems.append(f"poll_timeout: must be 1 to 3600 seconds, got {params['poll_timeout']!r}")
        if params["since"] not in ("now", "all"):
            problems.append(f"since: must be now or all, got {params['since']!r}")
        for name in params["events"]:
            if not name or "," in name:
                problems.append(f"events: {name!r} is not an event type name")
    if problems:
        raise EventSourceError("syncthing.rest.events: " + "; ".join(problems))
    return params


def _converted(name, value):
    """One argument as its documented type; a missing one as its default or environment fallback."""
    spec = CONNECTION_ARGUMENT_SPEC.get(name, {})
    if value is None and "fallback" in spec:
        value = next((os.environ[var] for var in spec["fallback"][1] if os.environ.get(var)), None)
    if value is None:
        value = {"events": DEFAULT_EVENTS, "disk": False, "since": "now", "poll_timeout": 60}.get(
            name, spec.get("default")
        )
    if value is None:
        return None
    kind = {"events": "list", "disk": "bool", "since": "str", "host": "str", "poll_timeout": "int"}.get(name)
    kind = kind or spec["type"]
    if kind == "bool":
        if isinstance(value, bool):
            return value
        if str(value).lower() in TRUE + FALSE:
            return str(value).lower() in TRUE
        raise ValueError(f"{value!r} is not a boolean")
    if kind in ("int", "float"):
        if isinstance(value, bool):
            raise ValueError(f"{value!r} is not a number")
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise ValueError(f"{value!r} is not a number") from None
        if kind == "int":
            if number != int(number):
                raise ValueError(f"{value!r} is not a whole number")
            return int(number)
        return number
    if kind == "list":
        if isinstance(value, str):
            value = [part.strip() for part in value.split(",") if part.strip()]
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise ValueError(f"{value!r} is not a list of event type names")
        return value
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        raise ValueError(f"{type(value).__name__} given, a string is needed")
    value = str(value)
    return os.path.expanduser(value) if kind == "path" else value


def _fatal(exc: SyncthingError) -> bool:
    """Errors retrying cannot cure: a refused key, TLS, an address that is not Syncthing's API, bad input."""
    if isinstance(exc, (SyncthingAuthError, SyncthingTLSError, SyncthingNotFoundError, SyncthingValidationError)):
        return True
    if isinstance(exc, SyncthingMissingLibraryError):
        return True
    # other HTTP statuses: a redirect or a client error will not change; 5xx, 408, 429 and an answer that is not
    # JSON (2.x answers 200 "*** Database migration in progress ***" while it migrates) mean "not ready yet"
    status = exc.status if isinstance(exc, SyncthingHTTPError) else None
    return status is not None and 300 <= status < 500 and status not in (408, 429)


def _in_thread(func: Callable[..., Any], *args: Any, **kwargs: Any) -> asyncio.Future:
    """Run the blocking ``func`` in a daemon thread; a future of its result.

    A daemon thread rather than the loop's executor: a long-poll blocks for up to poll_timeout, and an executor's
    threads are joined when the interpreter exits, so a stopped rulebook would wait for the poll to end.
    """
    loop = asyncio.get_running_loop()
    future = loop.create_future()

    def settle(ok, value):
        if not future.done():
            (future.set_result if ok else future.set_exception)(value)

    def work():
        try:
            outcome = (True, func(*args, **kwargs))
        except Exception as exc:  # pylint: disable=broad-exception-caught  # handed to the waiting coroutine
            outcome = (False, exc)
        try:
            loop.call_soon_threadsafe(settle, *outcome)
        except RuntimeError:  # the loop is closed: nobody waits for the answer any more
            pass

    threading.Thread(target=work, name="syncthing.rest.events", daemon=True).start()
    return future


def _now() -> str:
    return datetime.now(timezone.utc).isoformat().replace("+00:00", "Z")


class EventSource:
    """Follows one node's event API and puts each event on ``queue``; see DOCUMENTATION.

    ``client`` is a SyncthingClient (built from the arguments when None). ``sleep`` waits between retries.
    """

    def __init__(self, params: dict[str, Any], client: SyncthingClient | None = None, sleep=asyncio.sleep):
        self.params = params
        if client is None:
            url, api_key, verify = connection_settings(params)
            # retries=0: this source retries itself, with its own backoff and one warning per outage
            client = SyncthingClient(api_key, url, verify=verify, timeout=params["timeout"], retries=0)
        self.client = client
        self.where = url_without_user_info(client.api_url)
        self.sleep = sleep
        self.last_id = None  # the last event ID sent on (or the baseline); None until the first answer
        self.resynced = False  # an EventsMissed was sent and no real event since: a gap then is the same loss
        self.probe_first = False

    # ------------------------------------------------------------------ requests (in a thread)

    def _poll(self, since: int, limit: int | None = None, timeout: int | None = None) -> list:
        timeout = self.params["poll_timeout"] if timeout is None else timeout
        if self.params["disk"]:
            events = self.client.get_disk_events(since=since, limit=limit, timeout=timeout)
        else:
            events = self.client.get_events(since=since, limit=limit, timeout=timeout, events=self.params["events"])
        if not isinstance(events, list):
            raise SyncthingHTTPError(f"GET /rest/events: the answer is not a list of events: {type(events).__name__}")
        return events

    def _newest_id(self) -> int:
        """The ID of the newest event the server holds for this filter (0 when none): one request, no waiting.

        It also creates the server's buffer for a filter it has not seen yet.
        """
        events = self._poll(0, limit=1, timeout=0)
        return max((event.get("id") or 0 for event in events), default=0)

    async def _call(self, func, *args, **kwargs):
        return await _in_thread(func, *args, **kwargs)

    # ------------------------------------------------------------------ the loop

    async def run(self, queue: asyncio.Queue) -> None:
        """Send events to ``queue`` until cancelled; raises EventSourceError when it cannot go on."""
        filters = self.params["events"]
        unknown = [name for name in filters if name not in KNOWN_EVENTS] if not self.params["disk"] else []
        if unknown:
            LOG.warning("syncthing.rest.events: Syncthing has no event type(s) %s; it ignores them", ", ".join(unknown))
        newest = await self._until_answered(self._newest_id)
        self.last_id = newest if self.params["since"] == "now" else 0
        LOG.info(
            "syncthing.rest.events: following %s (%s), from event %d",
            self.where,
            "disk events" if self.params["disk"] else ", ".join(filters) or "default event types",
            self.last_id,
        )
        while True:
            if self.probe_first:
                self.probe_first = False
                newest = await self._until_answered(self._newest_id)
                if newest < self.last_id:
                    await self._missed(queue, "restarted", newest)
            try:
                events = await self._call(self._poll, self.last_id)
            except SyncthingError as exc:
                if _fatal(exc):
                    raise self._stop(exc) from None
                newest = await self._until_answered(self._newest_id, exc)
                await self._missed(queue, "restarted" if newest < self.last_id else "reconnected", newest)
                continue
            started = time.monotonic()
            await self._deliver(queue, events)
            if time.monotonic() - started > STALL:
                self.probe_first = True  # a restart while the rulebook was busy would cut no long-poll of ours

    async def _deliver(self, queue, events):
        fresh = [event for event in events if isinstance(event, dict) and (event.get("id") or 0) > self.last_id]
        if not fresh:
            return
        first = min(event["id"] for event in fresh)
        if first > self.last_id + 1 and not self.resynced and self.last_id > 0:
            await self._missed(queue, "gap", None, first_id=first)
        for event in sorted(fresh, key=lambda event: event["id"]):
            await queue.put(self._wrapped(event))
            self.last_id = event["id"]
        self.resynced = False

    async def _missed(self, queue, reason, newest, first_id=None):
        """Send one EventsMissed; after a restart carry on from the server's new numbering."""
        data = {"reason": reason, "lastSeenID": self.last_id}
        if first_id is not None:
            data["nextID"] = first_id
            data["missed"] = first_id - self.last_id - 1
        if newest is not None:
            data["newestID"] = newest
        LOG.warning("syncthing.rest.events: events of %s may have been missed (%s)", self.where, reason)
        await queue.put(self._wrapped({"id": None, "globalID": None, "time": _now(), "type": MISSED, "data": data}))
        if reason == "restarted":
            self.last_id = newest
        self.resynced = True

    def _wrapped(self, event):
        # ConfigSaved carries the whole config: its API key, password hash and encryption passwords are masked
        wrapped = {"syncthing": dict(mask_secrets(event), device_id=self.client.device_id)}
        if self.params["host"]:
            wrapped["meta"] = {"hosts": [self.params["host"]]}
        return wrapped

    async def _until_answered(self, func, error=None):
        """``func()`` in a thread, retried with a capped backoff until the server answers; one warning per outage.

        Raises EventSourceError for an error retrying cannot cure.
        """
        pause, since, attempts = RETRY_FIRST, time.monotonic(), 0
        while True:
            if error is not None:
                if _fatal(error):
                    raise self._stop(error)
                if attempts == 0:
                    LOG.warning(
                        "syncthing.rest.events: %s is not answering (%s); retrying every %g s at most, quietly",
                        self.where,
                        error,
                        RETRY_CAP,
                    )
                else:
                    LOG.debug("syncthing.rest.events: still not answering: %s", error)
                attempts += 1
                await self.sleep(pause)
                pause = min(pause * 2, RETRY_CAP)
            try:
                value = await self._call(func)
            except SyncthingError as exc:
                error = exc
                continue
            if attempts:
                LOG.warning(
                    "syncthing.rest.events: %s answers again after %.0f s (%d retries)",
                    self.where,
                    time.monotonic() - since,
                    attempts,
                )
            return value

    def _stop(self, exc):
        LOG.error("syncthing.rest.events: stopping: %s", exc)
        return EventSourceError(f"syncthing.rest.events: cannot follow the events of {self.where}: {exc}")


async def main(queue: asyncio.Queue, args: dict[str, Any]) -> None:
    """ansible-rulebook's entry point: follow the events of the node the arguments name."""
    params = settings(args)
    try:
        source = EventSource(params)
    except SyncthingError as exc:
        raise EventSourceError(f"syncthing.rest.events: {exc}") from None
    await source.run(queue)


if __name__ == "__main__":
    # Print the events of the node named by SYNCTHING_URL / SYNCTHING_API_KEY (or config.xml): a quick check.

    class _PrintQueue:
        async def put(self, event):
            print(event)

    asyncio.run(main(_PrintQueue(), {}))
