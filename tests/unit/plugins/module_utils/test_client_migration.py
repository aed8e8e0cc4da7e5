# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The temporary server of a Syncthing 2.x database migration: SyncthingMigrationError, and waits that wait it out."""

import pytest

from ansible_collections.syncthing.rest.plugins.module_utils import _wait
from ansible_collections.syncthing.rest.plugins.module_utils.client import (
    SyncthingClient,
    SyncthingConnectionError,
    SyncthingError,
    SyncthingHTTPError,
    SyncthingMigrationError,
)

URL = "http://h"
# what upstream cmd/syncthing/main.go (migratingAPI) writes: the banner, an empty line, the log so far
MIGRATING = (
    "*** Database migration in progress ***\n\n"
    "2026-12-06 17:42:35 INF Migrating old-style database to SQLite; this may take a while\n"
    "2026-12-06 17:42:40 INF Migrating folder (folder=big files=30000) key=secret-key\n"
)


def migrating(mocked, method="GET", path="/rest/system/status"):
    mocked.add(method, URL + path, body=MIGRATING, content_type="text/plain; charset=utf-8")


def test_the_migration_answer_raises_its_own_error_naming_the_last_log_line(mocked):
    client = SyncthingClient("secret-key", URL)
    migrating(mocked)
    with pytest.raises(SyncthingMigrationError) as exc:
        client.get_status()
    error = exc.value
    assert str(error) == (
        "GET /rest/system/status failed: Syncthing is migrating its database to the 2.x format (its log: "
        "2026-12-06 17:42:40 INF Migrating folder (folder=big files=30000) key=********); its API answers once the "
        "migration is done (minutes for a large database): wait for it, or try again later"
    )
    assert (error.method, error.path, error.status) == ("GET", "/rest/system/status", 200)
    assert "secret-key" not in error.text and error.text.startswith("*** Database migration in progress ***")
    # waits treat it like an unreachable server; it is no HTTP error (code catching those must not swallow it)
    assert isinstance(error, SyncthingConnectionError) and not isinstance(error, SyncthingHTTPError)


def test_a_write_during_the_migration_is_not_counted_as_accepted(mocked):
    client = SyncthingClient("key", URL)
    migrating(mocked, "POST", "/rest/system/restart")
    with pytest.raises(SyncthingMigrationError, match=r"^POST /rest/system/restart failed: Syncthing is migrating"):
        client.restart()
    assert client.write_count == 0


def test_raw_answers_are_checked_too(mocked):
    client = SyncthingClient("key", URL)
    migrating(mocked, path="/rest/system/log.txt")
    with pytest.raises(SyncthingMigrationError):
        client.request("GET", "/rest/system/log.txt", raw=True)


def test_the_banner_from_syncthing_itself_is_just_text(mocked):
    """Only the temporary server (no X-Syncthing-Version header) is the migration; a real answer passes."""
    client = SyncthingClient("key", URL)
    mocked.get(URL + "/rest/system/log.txt", body=MIGRATING, headers={"X-Syncthing-Version": "v2.1.3"})
    assert client.request("GET", "/rest/system/log.txt", raw=True) == MIGRATING


def test_the_migration_error_is_not_retried_by_the_transport(mocked):
    client = SyncthingClient("key", URL, retries=3, backoff=0)
    migrating(mocked)
    with pytest.raises(SyncthingMigrationError):
        client.get_status()
    assert len(mocked.calls) == 1


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.now += seconds


def test_after_migration_calls_again_until_the_api_answers(mocked):
    clock = Clock()
    client = SyncthingClient("key", URL, retries=0)
    migrating(mocked)
    migrating(mocked)
    mocked.get(URL + "/rest/system/status", json={"myID": "X"})
    assert _wait.after_migration(client.get_status, 10, sleep=clock.sleep, clock=clock) == {"myID": "X"}
    assert len(mocked.calls) == 3 and clock.now == 0.5


def test_after_migration_gives_up_at_the_timeout_naming_the_migration(mocked):
    clock = Clock()
    client = SyncthingClient("key", URL, retries=0)
    for _attempt in range(4):
        migrating(mocked)
    with pytest.raises(
        SyncthingError,
        match=r"^timed out after 1s waiting for Syncthing to finish migrating its "
        r"database \(last error: GET /rest/system/status failed: Syncthing is migrating",
    ):
        _wait.after_migration(client.get_status, 1, sleep=clock.sleep, clock=clock)


def test_after_migration_does_not_wait_out_other_errors(mocked):
    client = SyncthingClient("key", URL, retries=0)
    mocked.get(URL + "/rest/system/status", status=500, body="boom")
    with pytest.raises(SyncthingHTTPError):
        _wait.after_migration(client.get_status, 10)


def test_a_restart_wait_waits_through_the_migration(mocked):
    clock = Clock()
    client = SyncthingClient("key", URL)
    migrating(mocked)
    mocked.get(URL + "/rest/system/status", json={"startTime": "b"})
    assert _wait.wait_restarted(client, {"startTime": "a"}, 10, sleep=clock.sleep, clock=clock) == {"startTime": "b"}
