# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""syncthing_pending as a module: the exact requests per case, check mode writes nothing."""

import copy
import json

from ansible_collections.syncthing.rest.plugins.modules import syncthing_pending
from ansible_collections.syncthing.rest.tests.unit.plugins.module_utils.config_fixture import (
    MY_ID,
    PEER,
    device,
    empty_config,
)
from ansible_collections.syncthing.rest.tests.unit.plugins.modules.utils import URL, expect, fail_module, run_module

STRANGER = "AIR6LPZ-7K4PTTV-UXQSMUU-CPQ5YWH-OEDFIIQ-JUG777G-2YQXXR5-YD6AWQR"
KNOCK = {"time": "2026-12-06T10:00:00Z", "name": "office-1", "address": "192.0.2.7:22000"}


def calls(mocked):
    return [(call.request.method, call.request.url.split("8384", 1)[1]) for call in mocked.calls]


def config_read(mocked, config):
    """GET /rest/config, answered as Syncthing does: with the local device ID in a header."""
    mocked.add(
        "GET", URL + "/rest/config", json=config, headers={"X-Syncthing-Version": "v1.29.5", "X-Syncthing-ID": MY_ID}
    )


def nothing_pending(mocked):
    expect(mocked, "GET", "/rest/cluster/pending/devices", {})
    expect(mocked, "GET", "/rest/cluster/pending/folders", {})


def test_nothing_pending_is_one_read_per_kind(mocked):
    nothing_pending(mocked)
    result = run_module(syncthing_pending.main, {"devices": [{"action": "accept"}], "unmatched": "dismiss"})
    assert calls(mocked) == [("GET", "/rest/cluster/pending/devices"), ("GET", "/rest/cluster/pending/folders")]
    assert result["changed"] is False and result["devices"]["accepted"] == []


def test_accept_writes_the_device_from_the_template(mocked):
    config = empty_config()
    expect(mocked, "GET", "/rest/cluster/pending/devices", {STRANGER: KNOCK})
    expect(mocked, "GET", "/rest/cluster/pending/folders", {})
    config_read(mocked, config)
    new = device(STRANGER, name="office-1", addresses=["tcp://192.0.2.7:22000"])
    expect(mocked, "PUT", "/rest/config/devices", body=[new])
    rules = [
        {"match": {"name": ["office-*"]}, "action": "accept", "settings": {"addresses": ["tcp://192.0.2.7:22000"]}}
    ]
    result = run_module(syncthing_pending.main, {"devices": rules})
    assert result["changed"] is True
    assert result["devices"]["accepted"] == [{"deviceID": STRANGER, "name": "office-1", "address": "192.0.2.7:22000"}]


def test_check_mode_decides_and_writes_nothing(mocked):
    expect(mocked, "GET", "/rest/cluster/pending/devices", {STRANGER: KNOCK})
    expect(mocked, "GET", "/rest/cluster/pending/folders", {})
    config_read(mocked, empty_config())
    result = run_module(
        syncthing_pending.main, {"unmatched": "ignore", "_ansible_check_mode": True, "_ansible_diff": True}
    )
    assert [method for method, _path in calls(mocked)] == ["GET", "GET", "GET"]
    assert result["changed"] is True and [item["deviceID"] for item in result["devices"]["ignored"]] == [STRANGER]
    assert (
        result["diff"]["before"]["pending_devices"] == [STRANGER] and result["diff"]["after"]["pending_devices"] == []
    )
    assert STRANGER in result["diff"]["after"]["config"]["remoteIgnoredDevices"]


def test_dismiss_deletes_the_entries_and_keep_keeps(mocked):
    config = empty_config()
    config["devices"].append(device(PEER, name="nas"))
    expect(mocked, "GET", "/rest/cluster/pending/devices", {STRANGER: KNOCK})
    offers = {
        "junk": {"offeredBy": {PEER: {"time": "t", "label": "Junk", "receiveEncrypted": False}}},
        "keep": {"offeredBy": {PEER: {"time": "t", "label": "Keep", "receiveEncrypted": False}}},
    }
    expect(mocked, "GET", "/rest/cluster/pending/folders", offers)
    config_read(mocked, config)
    expect(mocked, "DELETE", "/rest/cluster/pending/devices", params={"device": STRANGER})
    expect(mocked, "DELETE", "/rest/cluster/pending/folders", params={"folder": "junk", "device": PEER})
    result = run_module(
        syncthing_pending.main,
        {
            "devices": [{"match": {"address": ["192.0.2.0/24"]}, "action": "dismiss"}],
            "folders": [{"match": {"label": ["J*"], "offered_by": ["nas"]}, "action": "dismiss"}],
        },
    )
    assert result["changed"] is True
    assert [item["id"] for item in result["folders"]["dismissed"]] == ["junk"]
    assert [item["id"] for item in result["folders"]["kept"]] == ["keep"]


def test_folder_accept_at_the_auto_accept_path_and_ignore(mocked):
    config = empty_config()
    config["defaults"]["folder"]["path"] = "~"
    nas = device(PEER, name="nas", ignoredFolders=[{"id": "old", "label": "Old", "time": "2026-01-01T10:00:00Z"}])
    config["devices"].append(nas)
    offers = {
        "photos": {"offeredBy": {PEER: {"time": "2026-01-02T10:00:00Z", "label": "Photos", "receiveEncrypted": True}}},
        "junk": {"offeredBy": {PEER: {"time": "2026-01-03T10:00:00Z", "label": "Junk", "receiveEncrypted": False}}},
    }
    expect(mocked, "GET", "/rest/cluster/pending/devices", {})
    expect(mocked, "GET", "/rest/cluster/pending/folders", offers)
    config_read(mocked, config)
    expect(mocked, "GET", "/rest/system/status", {"myID": MY_ID, "tilde": "/home/st"})
    expect(mocked, "GET", "/rest/system/browse", ["/home/st/Photos/"], params={"current": "/home/st/"})
    expect(mocked, "GET", "/rest/system/browse", ["/home/st/Photos/"], params={"current": "/home/st/"})
    put_devices = expect(mocked, "PUT", "/rest/config/devices")
    put_folders = expect(mocked, "PUT", "/rest/config/folders")
    result = run_module(
        syncthing_pending.main,
        {
            "folders": [
                {"match": {"id": ["photos"]}, "action": "accept"},
                {"match": {"id": ["junk"]}, "action": "ignore"},
            ]
        },
    )
    assert result["folders"]["accepted"] == [{"id": "photos", "label": "Photos", "offeredBy": PEER, "path": "~/photos"}]
    (written,) = json.loads(put_folders.calls[0].request.body)
    assert (written["id"], written["path"], written["type"]) == ("photos", "~/photos", "receiveencrypted")
    assert {dev["deviceID"] for dev in written["devices"]} == {MY_ID, PEER}
    (updated,) = json.loads(put_devices.calls[0].request.body)
    assert [item["id"] for item in updated["ignoredFolders"]] == ["old", "junk"]


def test_bad_rules_are_refused_before_anything_is_read(mocked):
    result = fail_module(
        syncthing_pending.main,
        {
            "devices": [
                {"match": {"device_id": ["XYZ"], "address": ["nonsense"]}, "action": "ignore", "settings": {"a": 1}}
            ]
        },
    )
    assert result["msg"].startswith("devices[0].match.device_id: ")
    assert "devices[0].match.address: 'nonsense' is not a network in CIDR form" in result["msg"]
    assert "devices[0]: settings are only used with action accept, not ignore" in result["msg"]
    assert len(mocked.calls) == 0


def test_an_unknown_field_in_settings_is_refused_with_nothing_written(mocked):
    expect(mocked, "GET", "/rest/cluster/pending/devices", {STRANGER: KNOCK})
    expect(mocked, "GET", "/rest/cluster/pending/folders", {})
    config_read(mocked, copy.deepcopy(empty_config()))
    result = fail_module(syncthing_pending.main, {"devices": [{"action": "accept", "settings": {"nmae": "x"}}]})
    assert "nmae" in result["msg"]
    assert [method for method, _path in calls(mocked)] == ["GET", "GET", "GET"]
