# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""syncthing_system override and revert: changed only when the folder's status shows items, the folder type
checked before anything is sent, check mode's counts, the wait until nothing is left."""

import pytest

from ansible_collections.syncthing.rest.plugins.modules import syncthing_system
from ansible_collections.syncthing.rest.tests.unit.plugins.modules.utils import expect, fail_module, run_module

NEED = {"needFiles": 2, "needDirectories": 1, "needSymlinks": 0, "needDeletes": 1, "needBytes": 300}
CHANGED = {
    "receiveOnlyChangedFiles": 1,
    "receiveOnlyChangedDirectories": 0,
    "receiveOnlyChangedSymlinks": 0,
    "receiveOnlyChangedDeletes": 2,
    "receiveOnlyChangedBytes": 10,
}
NONE_NEEDED = dict(dict.fromkeys(NEED, 0), needTotalItems=0)
NONE_CHANGED = dict(dict.fromkeys(CHANGED, 0), receiveOnlyTotalItems=0)
CASES = {
    "override": ("sendonly", dict(NEED, needTotalItems=4), NONE_NEEDED),
    "revert": ("receiveonly", dict(CHANGED, receiveOnlyTotalItems=3), NONE_CHANGED),
}


def config(folder_type, **fields):
    return {"folders": [dict({"id": "f", "path": "/srv/f", "type": folder_type, "paused": False}, **fields)]}


def status(counts, state="idle"):
    return dict(counts, state=state, error="")


@pytest.mark.parametrize("command", sorted(CASES))
def test_acts_and_waits_until_nothing_is_left(mocked, command):
    folder_type, before, after = CASES[command]
    expect(mocked, "GET", "/rest/config", config(folder_type))
    expect(mocked, "GET", "/rest/db/status", status(before), params={"folder": "f"})
    expect(mocked, "POST", f"/rest/db/{command}", params={"folder": "f"})
    expect(mocked, "GET", "/rest/db/status", status(before, "scanning"), params={"folder": "f"})
    expect(mocked, "GET", "/rest/db/status", status(after, "scanning"), params={"folder": "f"})
    expect(mocked, "GET", "/rest/db/status", status(after), params={"folder": "f"})
    result = run_module(syncthing_system.main, {"command": command, "folder": "f"})
    assert result["changed"] is True and result["counts"] == before and result["remaining"] == after
    assert (result["folder"], result["folder_type"], result["command"]) == ("f", folder_type, command)
    assert len(mocked.calls) == 6


@pytest.mark.parametrize("command", sorted(CASES))
def test_check_mode_reports_the_counts_and_sends_nothing(mocked, command):
    folder_type, before, _after = CASES[command]
    expect(mocked, "GET", "/rest/config", config(folder_type))
    expect(mocked, "GET", "/rest/db/status", status(before), params={"folder": "f"})
    result = run_module(syncthing_system.main, {"command": command, "folder": "f", "_ansible_check_mode": True})
    assert result["changed"] is True and result["counts"] == before and "remaining" not in result


@pytest.mark.parametrize("command", sorted(CASES))
def test_nothing_to_act_on_is_no_change(mocked, command):
    folder_type, _before, after = CASES[command]
    expect(mocked, "GET", "/rest/config", config(folder_type))
    expect(mocked, "GET", "/rest/db/status", status(after), params={"folder": "f"})
    result = run_module(syncthing_system.main, {"command": command, "folder": "f"})
    assert result["changed"] is False and result["counts"] == after


def test_without_wait_the_command_returns_once_sent(mocked):
    expect(mocked, "GET", "/rest/config", config("receiveencrypted"))
    expect(mocked, "GET", "/rest/db/status", status(CASES["revert"][1]), params={"folder": "f"})
    expect(mocked, "POST", "/rest/db/revert", params={"folder": "f"})
    result = run_module(syncthing_system.main, {"command": "revert", "folder": "f", "wait": False})
    assert result["changed"] is True and "remaining" not in result


@pytest.mark.parametrize(
    "command, folder, message",
    [
        (
            "override",
            config("receiveonly"),
            "command override makes the other devices take this send-only folder's state, but folder 'f' is "
            "receiveonly: Syncthing would accept the request and do nothing; override works on sendonly folders only",
        ),
        (
            "revert",
            config("sendreceive"),
            "folder 'f' is sendreceive: Syncthing would accept the request and do nothing; revert works on "
            "receiveonly and receiveencrypted folders only",
        ),
        ("revert", config("receiveonly", paused=True), "folder 'f' is paused; Syncthing cannot revert a paused folder"),
        ("override", {"folders": []}, "folder 'f' is not configured (configured folders: none)"),
    ],
)
def test_refusals_name_the_reason_and_send_nothing(mocked, command, folder, message):
    expect(mocked, "GET", "/rest/config", folder)
    result = fail_module(syncthing_system.main, {"command": command, "folder": "f"})
    assert message in result["msg"]
    assert len(mocked.calls) == 1


def test_a_missing_root_is_refused(mocked):
    expect(mocked, "GET", "/rest/config", config("receiveonly"))
    missing = dict(NONE_CHANGED, state="error", error="folder path missing")
    expect(mocked, "GET", "/rest/db/status", missing, params={"folder": "f"})
    result = fail_module(syncthing_system.main, {"command": "revert", "folder": "f"})
    assert "Refusing to revert this folder: folder 'f' is in state error: folder path missing" in result["msg"]


def test_folder_is_required(mocked):
    result = fail_module(syncthing_system.main, {"command": "override"})
    assert "command is override but all of the following are missing: folder" in result["msg"]


def test_a_wait_that_times_out_says_what_is_left(mocked, monkeypatch):
    from ansible_collections.syncthing.rest.plugins.module_utils import _wait

    clock = iter(range(0, 1000, 10))
    monkeypatch.setattr(_wait.time, "monotonic", lambda: next(clock))
    expect(mocked, "GET", "/rest/config", config("sendonly"))
    expect(mocked, "GET", "/rest/db/status", status(CASES["override"][1]), params={"folder": "f"})
    expect(mocked, "POST", "/rest/db/override", params={"folder": "f"})
    expect(mocked, "GET", "/rest/db/status", status(CASES["override"][1], "syncing"), params={"folder": "f"})
    result = fail_module(syncthing_system.main, {"command": "override", "folder": "f", "wait_timeout": 15})
    assert (
        "timed out after 15s waiting for folder 'f' to finish the override (4 needTotalItems left, state syncing)"
        in (result["msg"])
    )
