# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""syncthing_config restart=if_required: the exact requests, at most one restart, check mode's prediction."""

import pytest
import responses
from ansible.module_utils.common import warnings as ansible_warnings

from ansible_collections.syncthing.rest.plugins.modules import syncthing_config
from ansible_collections.syncthing.rest.tests.unit.plugins.module_utils.config_fixture import MY_ID, empty_config
from ansible_collections.syncthing.rest.tests.unit.plugins.modules.utils import run_main

URL = "http://st.test:8384"
KEY = "unit-test-api-key-0123456789"
HEADERS = {"X-Syncthing-Version": "v1.29.5", "X-Syncthing-ID": MY_ID}
MIGRATING = "*** Database migration in progress ***\n\n"


@pytest.fixture(autouse=True)
def fresh_warnings(monkeypatch):
    monkeypatch.setattr(ansible_warnings, "_global_warnings", type(ansible_warnings._global_warnings)())


def run_module(capsys, **args):
    args.setdefault("url", URL)
    args.setdefault("api_key", KEY)
    return run_main(capsys, syncthing_config.main, args, secrets=(KEY, "API-KEY-FIXTURE"))


def add(mocked, method, path, answer=None, body=None):
    if body is not None:
        mocked.add(method, URL + path, body=body, content_type="text/plain")
    else:
        mocked.add(method, URL + path, json=answer, headers=HEADERS)


def methods(mocked):
    return [(call.request.method, call.request.url.replace(URL, "")) for call in mocked.calls]


def restart_answers(mocked, migrating=0):
    add(mocked, responses.GET, "/rest/system/status", {"myID": MY_ID, "startTime": "old"})
    add(mocked, responses.POST, "/rest/system/restart", {"ok": "restarting"})
    for _attempt in range(migrating):
        add(mocked, responses.GET, "/rest/system/status", body=MIGRATING)
    add(mocked, responses.GET, "/rest/system/status", {"myID": MY_ID, "startTime": "new"})


def test_never_keeps_the_no_op_at_one_read(mocked, capsys):
    add(mocked, responses.GET, "/rest/config", empty_config())
    result = run_module(capsys, options={"maxSendKbps": 0})
    assert methods(mocked) == [("GET", "/rest/config")]
    assert (result["changed"], result["restarted"], result["restart_required"]) == (False, False, False)


def test_if_required_asks_even_without_a_write_and_restarts_nothing_when_not_needed(mocked, capsys):
    add(mocked, responses.GET, "/rest/config", empty_config())
    add(mocked, responses.GET, "/rest/config/restart-required", {"requiresRestart": False})
    result = run_module(capsys, options={"maxSendKbps": 0}, restart="if_required")
    assert methods(mocked) == [("GET", "/rest/config"), ("GET", "/rest/config/restart-required")]
    assert (result["changed"], result["restarted"], result["restart_required"]) == (False, False, False)


@pytest.mark.parametrize("migrating", [0, 2])
def test_a_flag_left_by_an_earlier_change_restarts_once_and_waits(mocked, capsys, migrating):
    add(mocked, responses.GET, "/rest/config", empty_config())
    add(mocked, responses.GET, "/rest/config/restart-required", {"requiresRestart": True})
    restart_answers(mocked, migrating)
    result = run_module(capsys, options={"maxSendKbps": 0}, restart="if_required")
    assert methods(mocked) == [
        ("GET", "/rest/config"),
        ("GET", "/rest/config/restart-required"),
        ("GET", "/rest/system/status"),
        ("POST", "/rest/system/restart"),
    ] + [("GET", "/rest/system/status")] * (1 + migrating)
    assert (result["changed"], result["restarted"], result["restart_required"]) == (True, True, False)
    assert (result["start_time_before"], result["start_time"]) == ("old", "new")


def test_a_write_that_needs_a_restart_restarts_once(mocked, capsys):
    config = empty_config()
    add(mocked, responses.GET, "/rest/config", config)
    add(mocked, responses.PATCH, "/rest/config/options", None)
    add(mocked, responses.GET, "/rest/config/restart-required", {"requiresRestart": True})
    restart_answers(mocked)
    result = run_module(capsys, options={"databaseTuning": "large"}, restart="if_required")
    assert [m for m in methods(mocked) if m[0] == "POST"] == [("POST", "/rest/system/restart")]
    assert (result["changed"], result["restarted"], result["restart_required"]) == (True, True, False)


@pytest.mark.parametrize(
    "options, flag, restarted",
    [
        ({"databaseTuning": "large"}, False, True),  # this task's change needs one
        ({"maxSendKbps": 10}, False, False),  # this one does not
        ({"maxSendKbps": 0}, True, True),  # nothing to write, but the flag is set
        ({"databaseTuning": "auto"}, False, False),  # no change to a restart field
    ],
)
def test_check_mode_predicts_the_restart_without_writing(mocked, capsys, options, flag, restarted):
    add(mocked, responses.GET, "/rest/config", empty_config())
    add(mocked, responses.GET, "/rest/config/restart-required", {"requiresRestart": flag})
    result = run_module(capsys, options=options, restart="if_required", _ansible_check_mode=True)
    assert methods(mocked) == [("GET", "/rest/config"), ("GET", "/rest/config/restart-required")]
    assert result["restarted"] is restarted and result["restart_required"] is restarted
    assert result["changed"] is (restarted or options.get("maxSendKbps") == 10)


def test_a_wait_that_times_out_fails_naming_the_restart(mocked, capsys):
    add(mocked, responses.GET, "/rest/config", empty_config())
    add(mocked, responses.GET, "/rest/config/restart-required", {"requiresRestart": True})
    add(mocked, responses.GET, "/rest/system/status", {"myID": MY_ID, "startTime": "old"})
    add(mocked, responses.POST, "/rest/system/restart", {"ok": "restarting"})
    mocked.add(responses.GET, URL + "/rest/system/status", body=MIGRATING, content_type="text/plain")
    result = run_module(capsys, restart="if_required", wait_timeout=1)
    assert result["failed"] is True
    assert result["msg"].startswith("timed out after 1s waiting for Syncthing to answer again after the restart")
    assert "migrating its database" in result["msg"]
