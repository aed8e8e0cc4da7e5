# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""syncthing_system: every command, honest changed, check mode, waiting for a restart."""

import re

import pytest

from ansible_collections.syncthing.rest.plugins.module_utils import _wait
from ansible_collections.syncthing.rest.plugins.modules import syncthing_system
from ansible_collections.syncthing.rest.tests.unit.plugins.modules.utils import expect, fail_module, run_module

MY_ID = "MFZWI3D-BONSGYC-YLTMRWG-C43ENR5-QXGZDMM-FZWI3DP-BONSGYY-LTMRWAD"
PEER = "AIR6LPZ-7K4PTTV-UXQSMUU-CPQ5YWH-OEDFIIQ-JUG777G-2YQXXR5-YD6AWQR"
DEVICES = [{"deviceID": MY_ID, "paused": False}, {"deviceID": PEER, "paused": True}]
FOLDER = {"id": "docs", "path": "/srv/docs", "paused": False, "rescanIntervalS": 60}
OLD = {"startTime": "2026-01-01T00:00:00Z", "uptime": 100}
NEW = {"startTime": "2026-01-01T00:01:40Z", "uptime": 1}
CHECK = {"_ansible_check_mode": True}
HEALTHY = {"state": "idle", "error": "", "sequence": 1}


def test_restart_waits_for_a_new_process(mocked):
    expect(mocked, "GET", "/rest/system/status", OLD)
    expect(mocked, "POST", "/rest/system/restart", {"ok": "restarting"})
    expect(mocked, "GET", "/rest/system/status", OLD)  # the old process still answers
    expect(mocked, "GET", "/rest/system/status", status=503, text="going down")
    expect(mocked, "GET", "/rest/system/status", NEW)
    result = run_module(syncthing_system.main, {"command": "restart"})
    assert result["changed"] is True
    assert result["start_time_before"] == OLD["startTime"] and result["start_time"] == NEW["startTime"]
    assert result["response"] == {"ok": "restarting"}


def test_restart_same_second_is_seen_by_uptime(mocked):
    expect(mocked, "GET", "/rest/system/status", OLD)
    expect(mocked, "POST", "/rest/system/restart", {"ok": "restarting"})
    expect(mocked, "GET", "/rest/system/status", dict(OLD, uptime=0))
    result = run_module(syncthing_system.main, {"command": "restart"})
    assert result["start_time"] == OLD["startTime"]


def test_restart_without_wait(mocked):
    expect(mocked, "POST", "/rest/system/restart", {"ok": "restarting"})
    result = run_module(syncthing_system.main, {"command": "restart", "wait": False})
    assert result["changed"] is True and "start_time" not in result


def test_restart_wait_times_out_with_the_last_error(mocked, monkeypatch):
    clock = iter(range(0, 1000, 10))
    monkeypatch.setattr(_wait.time, "monotonic", lambda: next(clock))
    expect(mocked, "GET", "/rest/system/status", OLD)
    expect(mocked, "POST", "/rest/system/restart", {"ok": "restarting"})
    expect(mocked, "GET", "/rest/system/status", status=503, text="still down")
    expect(mocked, "GET", "/rest/system/status", status=503, text="still down")
    result = fail_module(syncthing_system.main, {"command": "restart", "wait_timeout": 15})
    assert "timed out after 15s waiting for Syncthing to answer again" in result["msg"]
    assert "still down" in result["msg"]


@pytest.mark.parametrize("command", ["restart", "shutdown", "reset_database", "log_error"])
def test_check_mode_sends_nothing_and_predicts_a_change(mocked, command):
    if command == "reset_database":
        expect(mocked, "GET", "/rest/config", {"folders": [FOLDER], "devices": DEVICES})
        expect(mocked, "GET", "/rest/db/status", HEALTHY, params={"folder": "docs"})
    result = run_module(
        syncthing_system.main, dict(CHECK, command=command, error_message="x" if command == "log_error" else None)
    )
    assert result["changed"] is True


def test_shutdown(mocked):
    expect(mocked, "POST", "/rest/system/shutdown", {"ok": "shutting down"})
    assert run_module(syncthing_system.main, {"command": "shutdown"})["changed"] is True


def test_reset_one_folder_pauses_it_around_the_reset(mocked):
    expect(mocked, "GET", "/rest/config", {"folders": [FOLDER, dict(FOLDER, id="other")], "devices": DEVICES})
    expect(mocked, "GET", "/rest/db/status", HEALTHY, params={"folder": "docs"})
    expect(mocked, "PUT", "/rest/config/folders/docs", body=dict(FOLDER, paused=True))
    expect(mocked, "GET", "/rest/system/status", OLD)
    expect(mocked, "POST", "/rest/system/reset", {"ok": "resetting folder docs"}, params={"folder": "docs"})
    expect(mocked, "GET", "/rest/system/status", NEW)
    expect(mocked, "PUT", "/rest/config/folders/docs", body=FOLDER)
    result = run_module(syncthing_system.main, {"command": "reset_database", "folder": "docs", "wait": False})
    assert result["changed"] is True and result["paused_for_reset"] == ["docs"] and result["folder"] == "docs"
    assert result["start_time"] == NEW["startTime"]


def test_reset_all_paused_folders_honours_wait_false(mocked):
    expect(mocked, "GET", "/rest/config", {"folders": [dict(FOLDER, paused=True)], "devices": DEVICES})
    expect(mocked, "POST", "/rest/system/reset", {"ok": "resetting database"})
    result = run_module(syncthing_system.main, {"command": "reset_database", "wait": False})
    assert result["changed"] is True and result["paused_for_reset"] == [] and result["folder"] is None


def test_reset_failure_resumes_the_folder(mocked):
    expect(mocked, "GET", "/rest/config", {"folders": [FOLDER], "devices": DEVICES})
    expect(mocked, "GET", "/rest/db/status", HEALTHY, params={"folder": "docs"})
    expect(mocked, "PUT", "/rest/config/folders/docs", body=dict(FOLDER, paused=True))
    expect(mocked, "GET", "/rest/system/status", OLD)
    expect(mocked, "POST", "/rest/system/reset", status=500, text="disk on fire", params={"folder": "docs"})
    expect(mocked, "PUT", "/rest/config/folders/docs", body=FOLDER)
    result = fail_module(syncthing_system.main, {"command": "reset_database", "folder": "docs"})
    assert "disk on fire" in result["msg"]


@pytest.mark.parametrize("check_mode", [False, True])
def test_reset_of_a_folder_whose_path_is_missing_is_refused_and_writes_nothing(mocked, check_mode):
    expect(mocked, "GET", "/rest/config", {"folders": [FOLDER, dict(FOLDER, id="other")], "devices": DEVICES})
    expect(
        mocked, "GET", "/rest/db/status", {"state": "error", "error": "folder path missing"}, params={"folder": "docs"}
    )
    args = {"command": "reset_database", "folder": "docs", "_ansible_check_mode": check_mode}
    result = fail_module(syncthing_system.main, args)
    assert (
        "Refusing to reset the database of this folder: folder 'docs' is in state error: folder path missing"
        in result["msg"]
    )
    # resetting every folder is refused for the same reason
    expect(mocked, "GET", "/rest/config", {"folders": [FOLDER, dict(FOLDER, id="other")], "devices": DEVICES})
    expect(mocked, "GET", "/rest/db/status", HEALTHY, params={"folder": "docs"})
    expect(
        mocked,
        "GET",
        "/rest/db/status",
        {"state": "error", "error": "folder path not a directory"},
        params={"folder": "other"},
    )
    result = fail_module(syncthing_system.main, dict(args, folder=None))
    assert (
        "folder 'other' is in state error: folder path not a directory" in result["msg"]
        and "'docs'" not in result["msg"]
    )


def test_reset_unknown_folder_is_a_clear_error(mocked):
    expect(mocked, "GET", "/rest/config", {"folders": [FOLDER], "devices": DEVICES})
    result = fail_module(syncthing_system.main, {"command": "reset_database", "folder": "nope"})
    assert result["msg"] == "folder 'nope' is not configured (configured folders: docs)"


@pytest.mark.parametrize("status", [501, 503])
def test_upgrade_unsupported_build_is_not_a_change(mocked, status):
    expect(mocked, "GET", "/rest/system/upgrade", status=status, text="upgrade unsupported")
    result = run_module(syncthing_system.main, {"command": "upgrade"})
    assert result["changed"] is False and result["upgrade"]["supported"] is False
    assert "cannot upgrade itself" in result["msg"]


def test_upgrade_nothing_newer_is_not_a_change(mocked):
    expect(mocked, "GET", "/rest/system/upgrade", {"running": "v1.29.5", "latest": "v1.29.5", "newer": False})
    result = run_module(syncthing_system.main, {"command": "upgrade"})
    assert result["changed"] is False and result["upgrade"]["supported"] is True


def test_upgrade_check_mode_only_reports(mocked):
    expect(mocked, "GET", "/rest/system/upgrade", {"running": "v1.29.5", "latest": "v1.30.0", "newer": True})
    result = run_module(syncthing_system.main, dict(CHECK, command="upgrade"))
    assert result["changed"] is True and result["upgrade"]["latest"] == "v1.30.0"


def test_upgrade_runs_and_waits(mocked):
    expect(mocked, "GET", "/rest/system/upgrade", {"running": "v1.29.5", "latest": "v1.30.0", "newer": True})
    expect(mocked, "GET", "/rest/system/status", OLD)
    expect(mocked, "POST", "/rest/system/upgrade", {"ok": "restarting"})
    expect(mocked, "GET", "/rest/system/status", NEW)
    result = run_module(syncthing_system.main, {"command": "upgrade"})
    assert result["changed"] is True and result["start_time"] == NEW["startTime"]


def test_upgrade_empty_answer_is_no_change_and_no_wait(mocked):
    expect(mocked, "GET", "/rest/system/upgrade", {"running": "v1.29.5", "latest": "v1.30.0", "newer": True})
    expect(mocked, "GET", "/rest/system/status", OLD)
    expect(mocked, "POST", "/rest/system/upgrade")
    result = run_module(syncthing_system.main, {"command": "upgrade"})
    assert result["changed"] is False and "start_time" not in result


def test_clear_errors_only_when_there_are_errors(mocked):
    errors = [{"when": "2026-01-01T00:00:00Z", "message": "boom", "level": 3}]
    expect(mocked, "GET", "/rest/system/error", {"errors": errors})
    expect(mocked, "POST", "/rest/system/error/clear")
    result = run_module(syncthing_system.main, {"command": "clear_errors"})
    assert result["changed"] is True and result["errors"] == errors
    expect(mocked, "GET", "/rest/system/error", {"errors": None})
    result = run_module(syncthing_system.main, {"command": "clear_errors"})
    assert result["changed"] is False and result["errors"] == []


def test_clear_errors_check_mode(mocked):
    expect(mocked, "GET", "/rest/system/error", {"errors": [{"message": "boom"}]})
    assert run_module(syncthing_system.main, dict(CHECK, command="clear_errors"))["changed"] is True


def test_log_error_sends_the_text(mocked):
    expect(mocked, "POST", "/rest/system/error", body="disk almost full")
    assert (
        run_module(syncthing_system.main, {"command": "log_error", "error_message": "disk almost full"})["changed"]
        is True
    )


def test_log_error_needs_error_message(mocked):
    result = fail_module(syncthing_system.main, {"command": "log_error"})
    assert "error_message" in result["msg"]


@pytest.mark.parametrize("option, value", [("folder", "docs"), ("device", PEER), ("error_message", "x")])
def test_options_for_another_command_are_refused(mocked, option, value):
    result = fail_module(syncthing_system.main, {"command": "restart", option: value})
    assert result["msg"].startswith(f"option {option} is only used with command")


def expect_config(mocked, devices, version="v1.29.5"):
    """The one config read of pause/resume, then the status read that names the node's own device."""
    expect(mocked, "GET", "/rest/config", {"folders": [], "devices": devices}, version=version)
    expect(mocked, "GET", "/rest/system/status", {"myID": MY_ID}, version=version)


def test_pause_one_device_given_in_lower_case_without_dashes(mocked):
    expect_config(mocked, [dict(DEVICES[0]), dict(DEVICES[1], paused=False)])
    expect(mocked, "POST", "/rest/system/pause", params={"device": PEER})
    result = run_module(syncthing_system.main, {"command": "pause", "device": PEER.lower().replace("-", "")})
    assert result["changed"] is True and result["devices"] == [PEER] and result["device"] == PEER


def test_pause_one_device_by_name(mocked):
    expect_config(mocked, [dict(DEVICES[0], name="me"), dict(DEVICES[1], paused=False, name="laptop")])
    expect(mocked, "POST", "/rest/system/pause", params={"device": PEER})
    result = run_module(syncthing_system.main, {"command": "pause", "device": "laptop"})
    assert result["changed"] is True and result["devices"] == [PEER] and result["device"] == PEER


@pytest.mark.parametrize(
    "value, message",
    [
        ("x", "device: 'x' is neither a valid device ID (.*) nor the name of a configured device"),
        ("twin", "device: device name 'twin' is ambiguous, it matches .*; use the device ID"),
        ("me", f"device: {MY_ID} is this node's own device ID; Syncthing pauses and resumes its peers, not itself"),
    ],
)
def test_pause_a_bad_name_or_the_node_itself_is_refused(mocked, value, message):
    other = "P56IOI7-MZJNU2Y-IQGDREY-DM2MGTI-MGL3BXN-PQ6W5BM-TBBZ4TJ-XZWICQ2"
    devices = [dict(DEVICES[0], name="me"), dict(DEVICES[1], name="twin"), {"deviceID": other, "name": "twin"}]
    expect_config(mocked, devices)
    result = fail_module(syncthing_system.main, {"command": "pause", "device": value})
    assert re.fullmatch(message, result["msg"]), result["msg"]


def test_pause_an_already_paused_device_is_no_change(mocked):
    expect_config(mocked, DEVICES)
    result = run_module(syncthing_system.main, {"command": "pause", "device": PEER})
    assert result["changed"] is False and result["devices"] == []


def test_pause_all_without_peers_is_no_change_and_sends_nothing(mocked):
    expect_config(mocked, DEVICES[:1])
    result = run_module(syncthing_system.main, {"command": "pause"})
    assert result["changed"] is False and result["devices"] == []


def test_resume_all_only_posts_when_one_is_paused(mocked):
    expect_config(mocked, DEVICES)
    expect(mocked, "POST", "/rest/system/resume")
    result = run_module(syncthing_system.main, {"command": "resume"})
    assert result["changed"] is True and result["devices"] == [PEER] and result["device"] is None
    # the node's own device, paused by an earlier pause of all devices, is not a change
    expect_config(mocked, [dict(DEVICES[0], paused=True), dict(DEVICES[1], paused=False)])
    assert run_module(syncthing_system.main, {"command": "resume"})["changed"] is False


def test_pause_check_mode_sends_nothing(mocked):
    expect_config(mocked, [DEVICES[0], dict(DEVICES[1], paused=False)])
    result = run_module(syncthing_system.main, dict(CHECK, command="pause"))
    assert result["changed"] is True and result["devices"] == [PEER]


def test_pause_invalid_device_id_is_refused(mocked):
    expect_config(mocked, DEVICES)
    result = fail_module(syncthing_system.main, {"command": "pause", "device": PEER[:-1] + "A"})
    assert result["msg"].startswith("device: ") and "check digit incorrect" in result["msg"]


def test_pause_unknown_device(mocked):
    expect_config(mocked, DEVICES[:1])
    result = fail_module(syncthing_system.main, {"command": "pause", "device": PEER})
    assert result["msg"] == f"device: {PEER} is not configured"


def test_old_server_reads_the_deprecated_config(mocked):
    expect(mocked, "GET", "/rest/config", status=404, text="404 page not found", version="v1.11.0")
    expect(mocked, "GET", "/rest/system/config", {"folders": [], "devices": DEVICES}, version="v1.11.0")
    expect(mocked, "GET", "/rest/system/status", {"myID": MY_ID}, version="v1.11.0")
    result = run_module(syncthing_system.main, {"command": "pause", "device": PEER})
    assert result["changed"] is False
