# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""_wait.py: polling with a deadline, telling a restarted process from the old one."""

import pytest

from ansible_collections.syncthing.rest.plugins.module_utils import _wait
from ansible_collections.syncthing.rest.plugins.module_utils.client import (
    SyncthingAuthError,
    SyncthingConnectionError,
    SyncthingError,
)


class Clock:
    def __init__(self):
        self.now = 0.0
        self.sleeps = []

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.sleeps.append(seconds)
        self.now += seconds


def test_poll_returns_the_first_truthy_value():
    clock = Clock()
    answers = iter([None, SyncthingConnectionError("refused"), {"ok": 1}])

    def check():
        answer = next(answers)
        if isinstance(answer, Exception):
            raise answer
        return answer

    assert _wait.poll(check, 10, "x", sleep=clock.sleep, clock=clock) == {"ok": 1}
    assert clock.sleeps == [0.5, 0.5]


def test_poll_times_out_naming_what_and_the_last_error():
    clock = Clock()

    def check():
        raise SyncthingConnectionError("connection refused")

    with pytest.raises(SyncthingError) as exc:
        _wait.poll(check, 2, lambda: "the moon", sleep=clock.sleep, clock=clock)
    assert str(exc.value) == "timed out after 2s waiting for the moon (last error: connection refused)"
    assert clock.now == 2


def test_poll_does_not_wait_out_auth_errors():
    clock = Clock()

    def check():
        raise SyncthingAuthError("403")

    with pytest.raises(SyncthingAuthError):
        _wait.poll(check, 100, "x", sleep=clock.sleep, clock=clock)
    assert clock.sleeps == []


@pytest.mark.parametrize(
    "before, after, new",
    [
        ({"startTime": "a", "uptime": 5}, {"startTime": "b", "uptime": 9}, True),
        ({"startTime": "a", "uptime": 5}, {"startTime": "a", "uptime": 1}, True),
        ({"startTime": "a", "uptime": 5}, {"startTime": "a", "uptime": 6}, False),
        ({"startTime": "a"}, {"startTime": "a"}, False),
    ],
)
def test_is_new_process(before, after, new):
    assert _wait.is_new_process(before, after) is new


def test_wait_restarted_restores_client_retries():
    clock = Clock()

    class Client:
        retries = 5

        def __init__(self):
            self.seen = []

        def get_status(self):
            self.seen.append(self.retries)
            return {"startTime": "b"}

    client = Client()
    assert _wait.wait_restarted(client, {"startTime": "a"}, 10, sleep=clock.sleep, clock=clock) == {"startTime": "b"}
    assert client.seen == [0] and client.retries == 5
