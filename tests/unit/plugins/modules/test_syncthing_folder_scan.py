# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""syncthing_folder_scan: changed from the folder sequence, validation, waiting in sync."""

import pytest
from requests.exceptions import ReadTimeout

from ansible_collections.syncthing.rest.plugins.module_utils import _wait
from ansible_collections.syncthing.rest.plugins.module_utils.device_id import LOCAL_DEVICE_ID, device_id_from_bytes
from ansible_collections.syncthing.rest.plugins.modules import syncthing_folder_scan
from ansible_collections.syncthing.rest.tests.unit.plugins.modules.utils import (
    expect,
    fail_module,
    run_module,
    warnings_given,
)

MY_ID = "MFZWI3D-BONSGYC-YLTMRWG-C43ENR5-QXGZDMM-FZWI3DP-BONSGYY-LTMRWAD"
PEER = "AIR6LPZ-7K4PTTV-UXQSMUU-CPQ5YWH-OEDFIIQ-JUG777G-2YQXXR5-YD6AWQR"
DOCS = {"id": "docs", "paused": False, "devices": [{"deviceID": MY_ID}, {"deviceID": PEER}]}
MUSIC = {"id": "music", "paused": False, "devices": [{"deviceID": MY_ID}]}
OLD = {"id": "old", "paused": True, "devices": [{"deviceID": MY_ID}]}
CONFIG = {"folders": [MUSIC, OLD, DOCS], "devices": []}


def completion(mocked, device, percent=100, need_items=0, remote_state="valid"):
    return expect(
        mocked,
        "GET",
        "/rest/db/completion",
        {"completion": percent, "needItems": need_items, "remoteState": remote_state},
        params={"folder": "docs", "device": device},
    )


def status(mocked, folder, sequence, **extra):
    expect(
        mocked,
        "GET",
        "/rest/db/status",
        dict({"sequence": sequence, "state": "idle", "needTotalItems": 0}, **extra),
        params={"folder": folder},
    )


def test_scan_without_index_change_is_not_changed(mocked):
    expect(mocked, "GET", "/rest/config", CONFIG)
    status(mocked, "docs", 5)
    expect(mocked, "POST", "/rest/db/scan", params={"folder": "docs"})
    status(mocked, "docs", 5)
    result = run_module(syncthing_folder_scan.main, {"folder": "docs"})
    assert result["changed"] is False
    assert result["folders"] == {
        "docs": {"scanned": True, "finished": True, "changed": False, "sequence_before": 5, "sequence_after": 5}
    }


def test_scan_with_subdirs_and_delay_changes_the_index(mocked):
    expect(mocked, "GET", "/rest/config", CONFIG)
    status(mocked, "docs", 5)
    expect(mocked, "POST", "/rest/db/scan", params={"folder": "docs", "sub": ["a/b", "c"], "next": "60"})
    status(mocked, "docs", 7)
    result = run_module(syncthing_folder_scan.main, {"folder": "docs", "subdirs": ["a/b", "c"], "delay": 60})
    assert result["changed"] is True and result["folders"]["docs"]["sequence_after"] == 7


def test_all_folders_skips_paused_ones(mocked):
    expect(mocked, "GET", "/rest/config", CONFIG)
    for folder, before, after in (("docs", 1, 1), ("music", 3, 4)):
        status(mocked, folder, before)
        expect(mocked, "POST", "/rest/db/scan", params={"folder": folder})
        status(mocked, folder, after)
    result = run_module(syncthing_folder_scan.main, {})
    assert sorted(result["folders"]) == ["docs", "music"]
    assert result["changed"] is True and result["folders"]["docs"]["changed"] is False


@pytest.mark.parametrize(
    "args, message",
    [
        ({"folder": "nope"}, "folder 'nope' is not configured (configured folders: docs, music, old)"),
        ({"folder": "old"}, "folder 'old' is paused; a paused folder cannot be scanned"),
        # outside check mode a state an earlier task would create is a failure, not a skip
        (
            {"folder": "music", "wait_in_sync": True, "devices": [PEER]},
            f"folder 'music' is not shared with device(s) {PEER}",
        ),
    ],
)
def test_refused_after_the_config_read_before_any_scan(mocked, args, message):
    expect(mocked, "GET", "/rest/config", CONFIG)
    result = fail_module(syncthing_folder_scan.main, args)
    assert result["msg"] == message


def test_subdirs_need_a_folder(mocked):
    result = fail_module(syncthing_folder_scan.main, {"subdirs": ["a"]})
    assert "subdirs" in result["msg"] and "folder" in result["msg"]


def test_devices_need_wait_in_sync(mocked):
    result = fail_module(syncthing_folder_scan.main, {"folder": "docs", "devices": [PEER]})
    assert result["msg"] == "option devices is only used with wait_in_sync=true"


def test_check_mode_validates_but_does_not_scan(mocked):
    expect(mocked, "GET", "/rest/config", CONFIG)
    status(mocked, "docs", 5)
    result = run_module(syncthing_folder_scan.main, {"folder": "docs", "_ansible_check_mode": True})
    assert result["changed"] is False and result["folders"] == {"docs": {"scanned": False}}


def test_check_mode_skips_waiting_for_a_state_an_earlier_check_mode_task_did_not_create(mocked):
    """A provisioning play under --check: the folder is not (yet) shared with the device, or does not exist."""
    expect(mocked, "GET", "/rest/config", CONFIG)
    result = run_module(
        syncthing_folder_scan.main,
        {"folder": "music", "wait_in_sync": True, "devices": [PEER], "_ansible_check_mode": True},
    )
    assert result["changed"] is False and "failed" not in result
    assert result["folders"] == {
        "music": {"scanned": False, "skipped": f"folder 'music' is not shared with device(s) {PEER}"}
    }
    assert "skipped: folder 'music' is not shared" in result["msg"]
    assert any("check mode: folder 'music' is not shared" in text for text in warnings_given())
    expect(mocked, "GET", "/rest/config", CONFIG)
    result = run_module(
        syncthing_folder_scan.main,
        {"folder": "new", "wait_in_sync": True, "devices": [PEER], "_ansible_check_mode": True},
    )
    assert result["folders"] == {
        "new": {"scanned": False, "skipped": "folder 'new' is not configured (configured folders: docs, music, old)"}
    }


def test_a_folder_whose_path_is_missing_is_refused_before_any_scan(mocked):
    expect(mocked, "GET", "/rest/config", CONFIG)
    status(mocked, "docs", 5, state="error", error="folder path missing")
    result = fail_module(syncthing_folder_scan.main, {"folder": "docs"})
    assert "Refusing to scan this folder: folder 'docs' is in state error: folder path missing" in result["msg"]
    assert "Nothing was changed" in result["msg"]
    expect(mocked, "GET", "/rest/config", CONFIG)
    status(mocked, "docs", 5)
    status(mocked, "music", 5, state="error", error="folder marker missing (this indicates potential data loss)")
    result = fail_module(syncthing_folder_scan.main, {"_ansible_check_mode": True})
    assert "folder 'music' is in state error: folder marker missing" in result["msg"]


def test_other_folder_errors_do_not_stop_a_scan(mocked):
    expect(mocked, "GET", "/rest/config", CONFIG)
    status(mocked, "docs", 5, state="error", error="loading ignores: parse error")
    expect(mocked, "POST", "/rest/db/scan", params={"folder": "docs"})
    status(mocked, "docs", 5)
    assert run_module(syncthing_folder_scan.main, {"folder": "docs"})["changed"] is False


def test_server_scan_error_fails(mocked):
    expect(mocked, "GET", "/rest/config", CONFIG)
    status(mocked, "docs", 5)
    expect(mocked, "POST", "/rest/db/scan", status=500, text="folder path missing", params={"folder": "docs"})
    result = fail_module(syncthing_folder_scan.main, {"folder": "docs"})
    assert "POST /rest/db/scan failed: HTTP 500" in result["msg"] and "folder path missing" in result["msg"]


def test_no_wait_returns_while_the_scan_runs(mocked):
    expect(mocked, "GET", "/rest/config", CONFIG)
    status(mocked, "docs", 5)
    mocked.add("POST", "http://st.test:8384/rest/db/scan", body=ReadTimeout("read timed out"))
    result = run_module(syncthing_folder_scan.main, {"folder": "docs", "wait": False})
    assert result["folders"]["docs"] == {"scanned": True, "finished": False, "changed": True, "sequence_before": 5}


def test_wait_in_sync_polls_local_need_and_peer_completion(mocked):
    lower_peer = PEER.lower()
    expect(mocked, "GET", "/rest/config", CONFIG)
    status(mocked, "docs", 5)
    expect(mocked, "POST", "/rest/db/scan", params={"folder": "docs"})
    status(mocked, "docs", 6)
    status(mocked, "docs", 6, state="syncing", needTotalItems=2)
    status(mocked, "docs", 6)
    completion(mocked, PEER, 50, need_items=1)
    status(mocked, "docs", 6)
    completion(mocked, PEER, 100)
    result = run_module(syncthing_folder_scan.main, {"folder": "docs", "wait_in_sync": True, "devices": [lower_peer]})
    assert result["folders"]["docs"]["in_sync"] is True and result["changed"] is True


def test_wait_in_sync_times_out_saying_what_is_missing(mocked, monkeypatch):
    clock = iter(range(0, 1000, 10))
    monkeypatch.setattr(_wait.time, "monotonic", lambda: next(clock))
    expect(mocked, "GET", "/rest/config", CONFIG)
    status(mocked, "docs", 5)
    expect(mocked, "POST", "/rest/db/scan", params={"folder": "docs"})
    status(mocked, "docs", 5)
    for _dummy in range(2):
        status(mocked, "docs", 5)
        completion(mocked, PEER, 100, remote_state="unknown")
    result = fail_module(
        syncthing_folder_scan.main, {"folder": "docs", "wait_in_sync": True, "devices": [PEER], "wait_timeout": 15}
    )
    assert result["msg"] == (
        f"timed out after 15s waiting for folder 'docs' to be in sync ({PEER}: completion 100%, "
        "remote state unknown; local: state idle, needs 0 items)"
    )


def test_invalid_device_is_refused_before_any_scan(mocked):
    expect(mocked, "GET", "/rest/config", CONFIG)
    result = fail_module(syncthing_folder_scan.main, {"folder": "docs", "wait_in_sync": True, "devices": ["XYZ"]})
    assert result["msg"] == (
        "devices[0]: 'XYZ' is neither a valid device ID (device ID 'XYZ' has an incorrect length (3 characters without "
        "dashes; expected 56)) nor the name of a configured device"
    )
    expect(mocked, "GET", "/rest/config", CONFIG)
    corrupt = PEER[:-1] + "A"
    result = fail_module(syncthing_folder_scan.main, {"folder": "docs", "wait_in_sync": True, "devices": [corrupt]})
    assert (
        "check digit incorrect in group 4" in result["msg"] and "nor the name of a configured device" in result["msg"]
    )


# devices by name, resolved from the one config read (the rule of syncthing_config's folder devices)
TWIN_A = LOCAL_DEVICE_ID
TWIN_B = device_id_from_bytes(bytes(range(32)))
NAMED = dict(
    CONFIG,
    devices=[
        {"deviceID": MY_ID, "name": "me"},
        {"deviceID": PEER, "name": "peer"},
        {"deviceID": TWIN_A, "name": "twin"},
        {"deviceID": TWIN_B, "name": "twin"},
        {"deviceID": device_id_from_bytes(bytes([1] * 32)), "name": ""},
    ],
)


def scan_docs_unchanged_then_peer_complete(mocked):
    """The requests of a scan of docs that changes nothing, then PEER at 100 %; returns the completion mock."""
    expect(mocked, "GET", "/rest/config", NAMED)
    status(mocked, "docs", 5)
    expect(mocked, "POST", "/rest/db/scan", params={"folder": "docs"})
    status(mocked, "docs", 5)
    status(mocked, "docs", 5)
    return completion(mocked, PEER)


def test_wait_in_sync_takes_a_device_name_and_returns_the_canonical_id(mocked):
    scan_docs_unchanged_then_peer_complete(mocked)
    result = run_module(syncthing_folder_scan.main, {"folder": "docs", "wait_in_sync": True, "devices": ["peer"]})
    assert result["folders"]["docs"]["in_sync"] is True and result["changed"] is False
    assert result["devices"] == [PEER]


def test_a_device_given_by_name_and_by_id_is_waited_for_once(mocked):
    asked = scan_docs_unchanged_then_peer_complete(mocked)
    result = run_module(
        syncthing_folder_scan.main,
        {"folder": "docs", "wait_in_sync": True, "devices": ["peer", PEER.lower().replace("-", ""), "peer"]},
    )
    assert result["devices"] == [PEER] and asked.call_count == 1


def test_no_devices_no_devices_in_the_result(mocked):
    expect(mocked, "GET", "/rest/config", NAMED)
    status(mocked, "docs", 5)
    expect(mocked, "POST", "/rest/db/scan", params={"folder": "docs"})
    status(mocked, "docs", 5)
    assert "devices" not in run_module(syncthing_folder_scan.main, {"folder": "docs"})


def test_unknown_and_ambiguous_names_are_refused_together_before_any_scan(mocked):
    expect(mocked, "GET", "/rest/config", NAMED)
    result = fail_module(
        syncthing_folder_scan.main, {"folder": "docs", "wait_in_sync": True, "devices": ["peer", "nobody", "twin"]}
    )
    twins = ", ".join(sorted([TWIN_A, TWIN_B]))
    assert result["msg"] == (
        "devices[1]: 'nobody' is neither a valid device ID (device ID 'nobody' has an incorrect length (6 characters "
        "without dashes; expected 56)) nor the name of a configured device; "
        f"devices[2]: device name 'twin' is ambiguous, it matches {twins}; use the device ID"
    )


def test_names_are_exact_and_an_empty_name_is_no_name(mocked):
    for name in ("Peer", ""):
        expect(mocked, "GET", "/rest/config", NAMED)
        result = fail_module(syncthing_folder_scan.main, {"folder": "docs", "wait_in_sync": True, "devices": [name]})
        assert result["msg"].startswith(f"devices[0]: {name!r} is neither a valid device ID (")


def test_a_named_device_must_share_the_folder(mocked):
    expect(mocked, "GET", "/rest/config", NAMED)
    result = fail_module(syncthing_folder_scan.main, {"folder": "music", "wait_in_sync": True, "devices": ["peer"]})
    assert result["msg"] == f"folder 'music' is not shared with device(s) {PEER} ('peer')"


def test_check_mode_skips_a_folder_waiting_for_a_name_not_configured_yet(mocked):
    """An earlier task of a --check run may have been about to add the device with that name."""
    expect(mocked, "GET", "/rest/config", NAMED)
    result = run_module(
        syncthing_folder_scan.main,
        {"folder": "docs", "wait_in_sync": True, "devices": ["peer", "new-peer"], "_ansible_check_mode": True},
    )
    assert result["changed"] is False and "failed" not in result
    reason = result["folders"]["docs"]["skipped"]
    assert reason.startswith("folder 'docs' waits for an unknown device: devices[1]: 'new-peer' is neither")
    assert result["devices"] == [PEER]
    assert any(text.startswith("check mode: folder 'docs' waits for an unknown device") for text in warnings_given())


def test_check_mode_still_refuses_a_mistyped_device_id(mocked):
    expect(mocked, "GET", "/rest/config", NAMED)
    mistyped = PEER[:-1] + ("A" if PEER[-1] != "A" else "B")
    result = fail_module(
        syncthing_folder_scan.main,
        {"folder": "docs", "wait_in_sync": True, "devices": [mistyped], "_ansible_check_mode": True},
    )
    assert "check digit incorrect" in result["msg"]


def test_check_mode_still_refuses_an_ambiguous_name(mocked):
    expect(mocked, "GET", "/rest/config", NAMED)
    result = fail_module(
        syncthing_folder_scan.main,
        {"folder": "docs", "wait_in_sync": True, "devices": ["twin"], "_ansible_check_mode": True},
    )
    assert "device name 'twin' is ambiguous" in result["msg"]
