# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Polling helpers: wait for a restarted Syncthing, or for a condition, within a deadline.

Note that this module util is PRIVATE to the collection. It can have breaking changes at any time.
"""

import time

from ansible_collections.syncthing.rest.plugins.module_utils._errors import (
    SyncthingAuthError,
    SyncthingError,
    SyncthingMigrationError,
)

POLL_INTERVAL = 0.5


def poll(check, timeout, what, interval=POLL_INTERVAL, sleep=None, clock=None):
    """Call ``check()`` until it returns something truthy; raise SyncthingError after ``timeout`` seconds.

    ``check`` may raise SyncthingError while the server is away; the last one is named in the timeout error.
    Authentication errors are not waited out. ``what`` may be a callable, asked only when the time is up.
    """
    sleep = sleep or time.sleep
    clock = clock or time.monotonic
    deadline = clock() + timeout
    last = None
    while True:
        try:
            value = check()
            if value:
                return value
        except SyncthingAuthError:
            raise
        except SyncthingError as exc:
            last = exc
        if clock() >= deadline:
            detail = f" (last error: {last})" if last is not None else ""
            raise SyncthingError(f"timed out after {timeout}s waiting for {what() if callable(what) else what}{detail}")
        sleep(interval)


def after_migration(call, timeout, **kwargs):
    """Return ``call()``; while Syncthing 2.x is still migrating its database (SyncthingMigrationError), call it
    again until it answers, for at most ``timeout`` seconds (then SyncthingError naming the last error)."""
    try:
        return call()
    except SyncthingMigrationError:
        pass
    answer = []

    def answered():
        answer.append(call())
        return True

    poll(answered, timeout, "Syncthing to finish migrating its database", **kwargs)
    return answer[-1]


def is_new_process(before, status):
    """True when ``status`` comes from another process than ``before`` (startTime differs or uptime fell)."""
    if status.get("startTime") != before.get("startTime"):
        return True
    return status.get("uptime") is not None and before.get("uptime") is not None and status["uptime"] < before["uptime"]


def wait_restarted(client, before, timeout, **kwargs):
    """Wait until the API answers again from a new process; return its status.

    ``before`` is the ``/rest/system/status`` answer of the old process.
    """
    retries, client.retries = client.retries, 0
    try:

        def restarted():
            status = client.get_status()
            return status if is_new_process(before, status) else None

        return poll(restarted, timeout, "Syncthing to answer again after the restart", **kwargs)
    finally:
        client.retries = retries
