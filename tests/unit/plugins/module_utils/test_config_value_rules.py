# Copyright (c) 2026, syncthing.rest contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Values Syncthing would clamp are refused, values it normalises are normalised, the result is the managed part."""

import pytest

from ansible_collections.syncthing.rest.plugins.module_utils._config_plan import build_plan
from ansible_collections.syncthing.rest.plugins.module_utils._config_result import changed, managed
from ansible_collections.syncthing.rest.plugins.module_utils._config_validate import normalize
from ansible_collections.syncthing.rest.plugins.module_utils._module import mask_secrets
from ansible_collections.syncthing.rest.plugins.module_utils.client import SyncthingValidationError
from ansible_collections.syncthing.rest.plugins.module_utils.device_id import device_id_from_bytes
from ansible_collections.syncthing.rest.tests.unit.plugins.module_utils.config_fixture import (
    MY_ID,
    OTHER,
    PEER,
    module_params,
    sample_config,
)

THIRD = device_id_from_bytes(b"\x02" * 32)


def plan_for(config=None, version=None, **kwargs):
    base = module_params(**kwargs)
    config = config or sample_config()
    desired = normalize(base, config, MY_ID)
    return build_plan(config, desired, MY_ID, version), desired


def refused(config=None, version=None, **kwargs):
    with pytest.raises(SyncthingValidationError) as info:
        plan_for(config, version, **kwargs)
    return str(info.value)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (
            {"folders": [{"id": "docs", "rescanIntervalS": 31536001}]},
            "folders[0] (id 'docs').rescanIntervalS: 31536001 is out of range; allowed: 0 to 31536000",
        ),
        ({"folders": [{"id": "docs", "rescanIntervalS": -5}]}, "rescanIntervalS: -5 is out of range"),
        (
            {"folders": [{"id": "docs", "versioning": {"cleanupIntervalS": -1}}]},
            "folders[0] (id 'docs').versioning.cleanupIntervalS: -1 is out of range",
        ),
        ({"folders": [{"id": "docs", "fsWatcherDelayS": 0}]}, "fsWatcherDelayS: 0 must be greater than 0"),
        ({"folders": [{"id": "docs", "fsWatcherDelayS": 0.001}]}, "below the minimum 0.01"),
        (
            {"folders": [{"id": "docs", "maxConcurrentWrites": 0}]},
            "maxConcurrentWrites: 0 is out of range; allowed: 1 to 256",
        ),
        ({"folders": [{"id": "docs", "maxConcurrentWrites": 257}]}, "maxConcurrentWrites: 257 is out of range"),
        ({"defaults": {"folder": {"rescanIntervalS": -1}}}, "defaults.folder.rescanIntervalS: -1 is out of range"),
        ({"devices": [{"deviceID": PEER, "addresses": ["kcp://h:22020"]}]}, "uses the removed KCP protocol"),
        ({"options": {"listenAddresses": ["kcp://0.0.0.0:22020"]}}, "options.listenAddresses: 'kcp://0.0.0.0:22020'"),
        ({"options": {"reconnectionIntervalS": 4}}, "options.reconnectionIntervalS: 4 is below the minimum 5"),
        ({"options": {"connectionLimitMax": -1}}, "options.connectionLimitMax: -1 is negative"),
        ({"options": {"connectionPriorityTcpWan": 10}}, "options.connectionPriorityTcpWan: 10 must be higher than"),
        ({"options": {"urAccepted": 3, "urUniqueId": ""}}, "needs a urUniqueId"),
        (
            {"folders": [{"id": "docs", "type": "receiveencrypted", "ignorePerms": False}]},
            "folders[docs].ignorePerms: false is not possible for a receiveencrypted folder",
        ),
        (
            {"devices": [{"deviceID": OTHER, "untrusted": True, "introducer": True}]},
            "introducer: true is not possible for an untrusted device",
        ),
        (
            {"folders": [{"id": "docs", "devices": [OTHER]}], "devices": [{"deviceID": OTHER, "untrusted": True}]},
            f"folders[docs].devices: device {OTHER} is untrusted",
        ),
    ],
)
def test_values_syncthing_would_change_are_refused(kwargs, message):
    assert message in refused(**kwargs)


def test_a_device_made_untrusted_is_checked_against_every_folder_sharing_it():
    message = refused(devices=[{"deviceID": PEER, "untrusted": True}])
    assert "folders[docs].devices" in message and "folders[music].devices" in message


def test_untrusted_rules_apply_from_1_23_6_only():
    plan, _desired = plan_for(version=(1, 19, 2), devices=[{"deviceID": OTHER, "untrusted": True, "introducer": True}])
    assert plan.put["devices"][0]["introducer"] is True
    assert "introducer: true is not possible" in refused(
        version=(1, 23, 6), devices=[{"deviceID": THIRD, "untrusted": True, "introducer": True}]
    )


def test_harmless_values_are_normalised_like_the_server_stores_them():
    config = sample_config()
    plan, _desired = plan_for(
        config,
        devices=[{"deviceID": PEER, "addresses": []}],
        folders=[{"id": "docs", "markerName": "", "weakHashThresholdPct": 0}],
        options={"listenAddresses": [" default ", "default"]},
    )
    assert not plan.changed, plan.diff()


def test_what_the_server_forces_is_in_the_result():
    config = sample_config()
    config["defaults"]["device"]["introducer"] = True
    config["devices"][2]["ignoredFolders"] = [
        {"time": "2026-01-01T00:00:00Z", "id": "music", "label": ""},
        {"time": "2026-01-01T00:00:00Z", "id": "other", "label": ""},
    ]
    config["options"]["unackedNotificationIDs"] = ["authenticationUserAndPassword", "x"]
    plan, _desired = plan_for(
        config,
        folders=[
            {"id": "enc", "path": "/srv/enc", "type": "receiveencrypted"},
            {"id": "new", "path": "/srv/new", "devices": [PEER]},
        ],
        devices=[{"deviceID": THIRD, "untrusted": True}],
        gui={"user": "admin", "password": "pw"},
        options={"maxSendKbps": 1},
    )
    enc = next(f for f in plan.put["folders"] if f["id"] == "enc")
    assert enc["ignorePerms"] is True and enc["disableTempIndexes"] is True
    assert plan.put["devices"][0]["introducer"] is False
    peer = next(d for d in plan.result["devices"] if d["deviceID"] == PEER)
    assert [item["id"] for item in peer["ignoredFolders"]] == ["music", "other"]
    assert plan.result["options"]["unackedNotificationIDs"] == ["x"]
    assert config["options"]["unackedNotificationIDs"] == ["authenticationUserAndPassword", "x"]


def test_sharing_a_folder_removes_it_from_the_ignored_folders():
    config = sample_config()
    config["devices"][0]["ignoredFolders"] = [{"time": "2026-01-01T00:00:00Z", "id": "docs", "label": ""}]
    plan, _desired = plan_for(config, folders=[{"id": "docs", "devices": [PEER, OTHER]}])
    other = next(d for d in plan.result["devices"] if d["deviceID"] == OTHER)
    assert other["ignoredFolders"] == [] and config["devices"][0]["ignoredFolders"][0]["id"] == "docs"


def test_managed_holds_only_the_given_objects_and_sections():
    plan, desired = plan_for(
        folders=[{"id": "music", "label": "M"}],
        devices=[{"deviceID": PEER}],
        options={"maxSendKbps": 1},
        defaults={"ignores": ["*.tmp"]},
    )
    view = managed(plan.result, desired)
    assert sorted(view) == ["defaults", "devices", "folders", "options", "version"]
    assert [f["id"] for f in view["folders"]] == ["music"] and view["folders"][0]["label"] == "M"
    assert [d["deviceID"] for d in view["devices"]] == [PEER]
    assert view["options"] == plan.result["options"] and view["defaults"] == {"ignores": {"lines": ["*.tmp"]}}
    plan, desired = plan_for(folders=[{"id": "docs"}], purge_folders=True, purge_devices=True)
    view = managed(plan.result, desired)
    assert [f["id"] for f in view["folders"]] == ["docs"] and view["devices"] == []
    plan, desired = plan_for(folders=[{"id": "docs", "state": "absent"}])
    assert managed(plan.result, desired) == {"version": 37, "folders": []}


def test_changed_holds_only_what_the_task_adds_or_changes():
    new_id = device_id_from_bytes(b"\x07" * 32)
    plan, desired = plan_for(
        folders=[{"id": "music", "label": "M"}, {"id": "docs"}],
        devices=[{"deviceID": PEER}, {"deviceID": new_id, "name": "new"}],
        options={"maxSendKbps": 1},
        gui={"apiKey": "API-KEY-FIXTURE"},
        defaults={"ignores": ["*.tmp"], "device": {}},
    )
    view = changed(plan.result, plan, desired)
    assert sorted(view) == ["defaults", "devices", "folders", "options", "version"]
    assert view["folders"] == [f for f in plan.result["folders"] if f["id"] == "music"]
    assert view["devices"] == [d for d in plan.result["devices"] if d["deviceID"] == new_id]
    assert view["options"] == plan.result["options"] and view["defaults"] == {"ignores": {"lines": ["*.tmp"]}}


def test_changed_of_a_no_op_or_a_removal_is_almost_empty():
    plan, desired = plan_for(
        folders=[{"id": "docs"}, {"id": "music"}],
        devices=[{"deviceID": PEER}],
        options={},
        gui={"apiKey": "API-KEY-FIXTURE"},
    )
    assert not plan.changed and changed(plan.result, plan, desired) == {"version": 37, "folders": [], "devices": []}
    plan, desired = plan_for(folders=[{"id": "docs", "state": "absent"}], purge_devices=True, devices=[])
    assert changed(plan.result, plan, desired) == {"version": 37, "folders": [], "devices": []}
    plan, desired = plan_for(options={"maxSendKbps": 0})
    assert changed(plan.result, plan, desired) == {"version": 37}


def test_masked_copies_only_what_holds_a_secret():
    config = sample_config()
    config["folders"][1]["devices"][0]["encryptionPassword"] = "enc"
    out = mask_secrets(config)
    assert out["gui"]["apiKey"] == "********" and config["gui"]["apiKey"] == "API-KEY-FIXTURE"
    assert out["folders"][1]["devices"][0]["encryptionPassword"] == "********"
    assert config["folders"][1]["devices"][0]["encryptionPassword"] == "enc"
    assert out["folders"][0] is config["folders"][0] and out["devices"] is config["devices"]


# ---------------------------------------------------------------------------- issue 24: rules known in advance


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"folders": [{"id": "n", "path": "data/n"}]}, "folders[0] (id 'n').path: 'data/n' is a relative path"),
        ({"folders": [{"id": "n", "path": "./n"}]}, "is a relative path"),
        ({"folders": [{"id": "n", "path": "~user/n"}]}, "is a relative path"),
        ({"folders": [{"id": "n", "path": "~/../n"}]}, "leaves the home folder with '..'"),
        ({"defaults": {"folder": {"path": "sync"}}}, "defaults.folder.path: 'sync' is a relative path"),
        (
            {"folders": [{"id": "docs", "type": "receiveencrypted"}]},
            "'sendreceive' cannot be changed to 'receiveencrypted'",
        ),
        (
            {"gui": {"address": "127.0.0.1"}},
            "gui.address: '127.0.0.1' is not an address Syncthing can listen on (missing port)",
        ),
        ({"gui": {"address": "127.0.0.1:99999"}}, "the port 99999 is out of range"),
        ({"gui": {"address": "::1:8384"}}, "too many colons"),
        ({"gui": {"address": "http://127.0.0.1:8384"}}, "not host:port"),
        ({"gui": {"address": "127.0.0.1:http"}}, "the port 'http' is not a number"),
        ({"gui": {"address": "127.0.0.1:"}}, "no port: Syncthing would pick a random one"),
        ({"gui": {"password": "x" * 73}}, "gui.password: longer than 72 bytes"),
        (
            {"devices": [{"deviceID": PEER, "ignoredFolders": [{"id": "a", "time": "yesterday"}]}]},
            "devices[0] (MFZWI3D).ignoredFolders[0].time: 'yesterday' is not an RFC 3339 time",
        ),
        (
            {"devices": [{"deviceID": PEER, "ignoredFolders": [{"id": "a"}, {"id": "a"}]}]},
            "ignoredFolders[1]: folder 'a' is listed twice",
        ),
        ({"devices": [{"deviceID": PEER, "ignoredFolders": [{"label": "x"}]}]}, "ignoredFolders[0].id: the folder ID"),
        ({"devices": [{"deviceID": PEER, "ignoredFolders": [{"id": "a", "when": 1}]}]}, "unknown field 'when'"),
    ],
)
def test_refusals_syncthing_would_make_only_after_earlier_writes(kwargs, message):
    assert message in refused(**kwargs)


@pytest.mark.parametrize("path", ["/srv/x", "~", "~/x", "~/a/../b", "C:\\data", "c:/data", "\\\\server\\share", "~\\x"])
def test_absolute_and_home_paths_are_accepted(path):
    plan, _desired = plan_for(folders=[{"id": "n", "path": path}])
    assert plan.put["folders"][0]["path"] == path


@pytest.mark.parametrize("address", ["127.0.0.1:8385", ":8384", "[::1]:8384", "localhost:0", "/run/st.sock"])
def test_gui_addresses_syncthing_listens_on_are_accepted(address):
    plan, _desired = plan_for(gui={"address": address})
    assert plan.sections["gui"]["address"] == address


def test_a_type_change_between_other_types_is_planned():
    plan, _desired = plan_for(folders=[{"id": "docs", "type": "receiveonly"}])
    assert plan.put["folders"][0]["type"] == "receiveonly"


def test_ignored_folders_compare_as_syncthing_stores_them():
    config = sample_config()
    config["devices"][2]["ignoredFolders"] = [
        {"time": "2026-01-01T00:00:00Z", "id": "a", "label": "A"},
        {"time": "2026-01-31T12:00:00.5+02:00", "id": "b", "label": "B"},
    ]
    given = [
        {"id": "b", "label": "B", "time": "2026-01-31T12:00:00.500+02:00"},
        {"id": "a", "label": "A", "time": "2026-01-01T00:00:00+00:00"},
    ]
    plan, _desired = plan_for(config, devices=[{"deviceID": PEER, "ignoredFolders": given}])
    assert not plan.changed
    plan, _desired = plan_for(config, devices=[{"deviceID": PEER, "ignoredFolders": [{"id": "a"}, {"id": "b"}]}])
    assert not plan.changed


def test_new_ignored_folders_are_completed_and_sorted_by_time():
    config = sample_config()
    config["devices"][2]["ignoredFolders"] = [{"time": "2026-01-01T00:00:00Z", "id": "a", "label": "A"}]
    given = [{"id": "z", "time": "2025-12-31T23:00:00-02:00"}, {"id": "a"}]
    plan, _desired = plan_for(config, devices=[{"deviceID": PEER, "ignoredFolders": given}])
    stored = plan.put["devices"][0]["ignoredFolders"]
    assert stored == [
        {"time": "2026-01-01T00:00:00Z", "id": "a", "label": "A"},
        {"label": "", "time": "2025-12-31T23:00:00-02:00", "id": "z"},
    ]
