# Copyright (c) 2026, syncthing.rest contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Compare, merge and plan of syncthing_config (pure, no HTTP)."""

import copy

import bcrypt
import pytest

from ansible_collections.syncthing.rest.plugins.module_utils import _gui_password
from ansible_collections.syncthing.rest.plugins.module_utils._config_compare import differs
from ansible_collections.syncthing.rest.plugins.module_utils._config_converge import reconnect_url
from ansible_collections.syncthing.rest.plugins.module_utils._config_plan import build_plan
from ansible_collections.syncthing.rest.plugins.module_utils._config_validate import normalize
from ansible_collections.syncthing.rest.plugins.module_utils._gui_password import password_differs
from ansible_collections.syncthing.rest.plugins.module_utils._merge import Whole, deep_merge
from ansible_collections.syncthing.rest.plugins.module_utils.device_id import device_id_from_bytes
from ansible_collections.syncthing.rest.tests.unit.plugins.module_utils.config_fixture import (
    MY_ID,
    OTHER,
    PEER,
    empty_config,
    folder,
    module_params,
    sample_config,
)

THIRD = device_id_from_bytes(b"\x02" * 32)


def plan_for(config=None, **kwargs):
    base = module_params(**kwargs)
    config = config or sample_config()
    return build_plan(config, normalize(base, config, MY_ID), MY_ID)


def test_differs_compares_only_given_keys_and_keeps_bool_apart_from_int():
    assert not differs({"a": 1}, {"a": 1, "b": 2})
    assert differs({"a": {"x": 1}}, {"a": {"x": 2, "y": 3}})
    assert not differs({"a": {"x": 2}}, {"a": {"x": 2, "y": 3}})
    assert differs({"a": True}, {"a": 1})
    assert not differs({"a": 10}, {"a": 10.0})
    assert differs({"l": [1, 2]}, {"l": [2, 1]})
    assert differs({"a": 1}, {})


def test_deep_merge_merges_dicts_and_replaces_lists():
    base = {"v": {"type": "", "params": {"a": "1"}, "cleanupIntervalS": 3600}, "l": [1, 2]}
    merged = deep_merge(base, {"v": {"type": "simple", "params": {"keep": "5"}}, "l": [3]})
    assert merged == {"v": {"type": "simple", "params": {"a": "1", "keep": "5"}, "cleanupIntervalS": 3600}, "l": [3]}
    assert base["v"]["type"] == ""


def test_nothing_given_changes_nothing():
    plan = plan_for()
    assert not plan.changed
    assert plan.result == sample_config()


def test_same_values_in_any_form_change_nothing():
    plan = plan_for(
        devices=[{"deviceID": PEER.replace("-", "").lower(), "name": "peer"}],
        folders=[
            {"id": "music", "devices": ["other", PEER.lower()], "rescanIntervalS": "3600", "versioning": {"type": ""}}
        ],
        options={"maxSendKbps": 0},
        gui={"theme": "default"},
        ldap={"transport": "plain"},
        defaults={"folder": {"fsWatcherDelayS": 10}, "device": {"compression": "metadata"}, "ignores": []},
    )
    assert not plan.changed, plan.diff()


def test_one_changed_field_sends_the_complete_object_and_diffs_only_that_field():
    plan = plan_for(folders=[{"id": "docs", "rescanIntervalS": 60}])
    expected = sample_config()["folders"][0]
    expected["rescanIntervalS"] = 60
    assert plan.put["folders"] == [expected]
    assert plan.put["devices"] == [] and plan.sections == {} and plan.defaults == {}
    assert plan.summary["folders"] == {"added": [], "updated": ["docs"], "removed": []}
    assert plan.diff() == {
        "before": {"folders": {"docs": {"rescanIntervalS": 3600}}},
        "after": {"folders": {"docs": {"rescanIntervalS": 60}}},
    }


def test_new_folder_starts_from_the_template():
    plan = plan_for(folders=[{"id": "new", "path": "/srv/new", "devices": ["peer"], "versioning": {"type": "simple"}}])
    expected = folder("new", "/srv/new", [PEER])
    expected["versioning"]["type"] = "simple"
    assert plan.put["folders"] == [expected]
    assert plan.summary["folders"]["added"] == ["new"]
    assert [f["id"] for f in plan.result["folders"]] == ["docs", "music", "new"]


def test_folder_devices_keep_the_local_device_and_are_sorted_like_syncthing():
    plan = plan_for(folders=[{"id": "docs", "devices": [PEER, OTHER]}])
    assert [entry["deviceID"] for entry in plan.put["folders"][0]["devices"]] == [OTHER, MY_ID, PEER]
    assert plan.diff()["before"]["folders"]["docs"]["devices"][1]["deviceID"] == PEER


def test_folder_device_encryption_password_is_compared_and_kept():
    config = sample_config()
    config["folders"][0]["devices"][1]["encryptionPassword"] = "secret"
    assert not plan_for(
        config, folders=[{"id": "docs", "devices": [{"deviceID": PEER, "encryptionPassword": "secret"}]}]
    ).changed
    assert not plan_for(config, folders=[{"id": "docs", "devices": [PEER]}]).changed
    plan = plan_for(config, folders=[{"id": "docs", "devices": [{"deviceID": PEER, "encryptionPassword": "other"}]}])
    assert plan.put["folders"][0]["devices"][1] == {"deviceID": PEER, "introducedBy": "", "encryptionPassword": "other"}


def test_nested_objects_compare_and_merge_by_given_keys():
    config = sample_config()
    config["folders"][0]["versioning"] = {
        "type": "staggered",
        "params": {"maxAge": "100", "cleanInterval": "3600"},
        "cleanupIntervalS": 60,
        "fsPath": "",
        "fsType": "basic",
    }
    assert not plan_for(config, folders=[{"id": "docs", "versioning": {"cleanupIntervalS": 60}}]).changed
    plan = plan_for(
        config, folders=[{"id": "docs", "versioning": {"cleanupIntervalS": 90}, "minDiskFree": {"value": 2}}]
    )
    assert plan.put["folders"][0]["versioning"] == {
        "type": "staggered",
        "params": {"maxAge": "100", "cleanInterval": "3600"},
        "cleanupIntervalS": 90,
        "fsPath": "",
        "fsType": "basic",
    }
    assert plan.put["folders"][0]["minDiskFree"] == {"value": 2, "unit": "%"}


def _versioned(kind, params):
    config = sample_config()
    config["folders"][0]["versioning"] = {
        "type": kind,
        "params": params,
        "cleanupIntervalS": 3600,
        "fsPath": "",
        "fsType": "basic",
    }
    return config


def test_versioning_params_are_compared_and_replaced_as_a_whole():
    config = _versioned("staggered", {"maxAge": "100", "cleanInterval": "3600"})
    assert not plan_for(
        config, folders=[{"id": "docs", "versioning": {"params": {"maxAge": "100", "cleanInterval": 3600}}}]
    ).changed
    plan = plan_for(config, folders=[{"id": "docs", "versioning": {"params": {"maxAge": 200}}}])
    assert plan.put["folders"][0]["versioning"]["params"] == {"maxAge": "200"}
    assert plan.diff()["after"]["folders"]["docs"]["versioning"]["params"] == {"maxAge": "200"}
    assert not isinstance(plan.put["folders"][0]["versioning"]["params"], Whole)
    # a key is removed by leaving it out; {} removes them all
    assert (
        plan_for(config, folders=[{"id": "docs", "versioning": {"params": {}}}]).put["folders"][0]["versioning"][
            "params"
        ]
        == {}
    )
    result = plan_for(config, folders=[{"id": "docs", "versioning": {"params": {"maxAge": "200"}}}]).result
    assert not plan_for(result, folders=[{"id": "docs", "versioning": {"params": {"maxAge": "200"}}}]).changed


def test_switching_versioning_type_leaves_no_stale_params():
    config = _versioned("simple", {"keep": "5"})
    plan = plan_for(
        config, folders=[{"id": "docs", "versioning": {"type": "trashcan", "params": {"cleanoutDays": "7"}}}]
    )
    assert plan.put["folders"][0]["versioning"]["params"] == {"cleanoutDays": "7"}
    assert not plan_for(
        plan.result, folders=[{"id": "docs", "versioning": {"type": "trashcan", "params": {"cleanoutDays": "7"}}}]
    ).changed
    # a new type without params starts without the old type's params
    plan = plan_for(config, folders=[{"id": "docs", "versioning": {"type": "trashcan"}}])
    assert plan.put["folders"][0]["versioning"]["params"] == {}
    assert not plan_for(plan.result, folders=[{"id": "docs", "versioning": {"type": "trashcan"}}]).changed
    # the same type without params keeps them
    assert not plan_for(config, folders=[{"id": "docs", "versioning": {"type": "simple"}}]).changed


def test_versioning_rules_apply_to_new_folders_and_the_folder_template():
    config = sample_config()
    config["defaults"]["folder"]["versioning"] = {
        "type": "simple",
        "params": {"keep": "5"},
        "cleanupIntervalS": 3600,
        "fsPath": "",
        "fsType": "basic",
    }
    plan = plan_for(config, folders=[{"id": "new", "path": "/srv/new", "versioning": {"type": "trashcan"}}])
    assert plan.put["folders"][0]["versioning"]["params"] == {}
    plan = plan_for(config, defaults={"folder": {"versioning": {"type": "staggered", "params": {"maxAge": "60"}}}})
    assert plan.defaults["folder"]["versioning"]["params"] == {"maxAge": "60"}


def test_versioning_param_null_is_refused_with_the_way_to_remove_a_key():
    from ansible_collections.syncthing.rest.plugins.module_utils.client import SyncthingValidationError

    with pytest.raises(SyncthingValidationError) as info:
        plan_for(
            _versioned("simple", {"keep": "5"}), folders=[{"id": "docs", "versioning": {"params": {"keep": None}}}]
        )
    assert "replaced as a whole, so to remove the key 'keep' leave it out" in str(info.value)


def test_new_device_from_template_and_removals():
    plan = plan_for(devices=[{"deviceID": THIRD}])
    assert plan.put["devices"][0]["compression"] == "metadata"
    plan = plan_for(devices=[{"deviceID": OTHER, "state": "absent"}, {"deviceID": PEER.lower(), "name": "nas"}])
    assert plan.delete["devices"] == [OTHER]
    assert plan.summary["devices"] == {"added": [], "updated": [PEER], "removed": [OTHER]}
    music = next(f for f in plan.result["folders"] if f["id"] == "music")
    assert [entry["deviceID"] for entry in music["devices"]] == [MY_ID, PEER]


def test_absent_items_that_do_not_exist_change_nothing():
    assert not plan_for(
        folders=[{"id": "nope", "state": "absent"}], devices=[{"deviceID": THIRD, "state": "absent"}]
    ).changed


def test_purge_removes_unlisted_but_never_the_local_device():
    plan = plan_for(folders=[{"id": "docs"}], devices=[{"deviceID": PEER}], purge_folders=True, purge_devices=True)
    assert plan.delete == {"folders": ["music"], "devices": [OTHER]}
    assert [d["deviceID"] for d in plan.result["devices"]] == [MY_ID, PEER]


def test_folder_ids_with_a_slash_need_the_whole_config():
    config = sample_config()
    config["folders"].append(folder("a/b", "/srv/ab"))
    assert plan_for(config, folders=[{"id": "a/b", "state": "absent"}]).needs_whole_config
    assert not plan_for(config, folders=[{"id": "a/b", "label": "x"}]).needs_whole_config
    assert not plan_for(config, folders=[{"id": "docs", "state": "absent"}]).needs_whole_config


def test_sections_send_the_complete_merged_object_with_the_api_key():
    plan = plan_for(gui={"theme": "dark"}, options={"maxSendKbps": 5}, ldap={"bindDN": "cn=x"})
    gui = sample_config()["gui"]
    gui["theme"] = "dark"
    assert plan.sections["gui"] == gui and gui["apiKey"] == "API-KEY-FIXTURE"
    assert plan.sections["options"]["listenAddresses"] == ["default"]
    assert plan.sections["options"]["maxSendKbps"] == 5
    assert plan.diff()["after"] == {"gui": {"theme": "dark"}, "options": {"maxSendKbps": 5}, "ldap": {"bindDN": "cn=x"}}


def test_defaults_change_the_merged_templates_and_ignores():
    plan = plan_for(defaults={"folder": {"rescanIntervalS": 60}, "device": {"introducer": True}, "ignores": ["*.tmp"]})
    template = sample_config()["defaults"]["folder"]
    template["rescanIntervalS"] = 60
    assert plan.defaults["folder"] == template
    assert plan.defaults["device"]["introducer"] is True and plan.defaults["device"]["addresses"] == ["dynamic"]
    assert plan.defaults["ignores"] == ["*.tmp"]
    assert plan.result["defaults"]["ignores"] == {"lines": ["*.tmp"]}


HASH = bcrypt.hashpw(b"s3cret", bcrypt.gensalt(4)).decode()


OTHER_HASH = bcrypt.hashpw(b"other", bcrypt.gensalt(4)).decode()


@pytest.mark.parametrize(
    "given, stored, policy, send",
    [
        ("s3cret", HASH, "always", False),
        ("other", HASH, "always", True),
        ("other", HASH, "on_create", False),
        (OTHER_HASH, HASH, "on_create", False),
        (OTHER_HASH, "plain-stored", "on_create", False),
        (OTHER_HASH, "", "on_create", True),
        (OTHER_HASH, HASH, "always", True),
        ("s3cret", "", "on_create", True),
        ("s3cret", "", "always", True),
        (HASH, HASH, "always", False),
        ("", "", "always", False),
    ],
)
def test_password_is_compared_with_the_stored_hash(given, stored, policy, send):
    assert password_differs(given, stored, policy) == (send, None)


def test_without_bcrypt_always_sends_and_warns(monkeypatch):
    monkeypatch.setattr(_gui_password, "import_bcrypt", lambda: None)
    send, warning = password_differs("s3cret", HASH, "always")
    assert send and "bcrypt is not available" in warning
    assert password_differs("s3cret", HASH, "on_create") == (False, None)


@pytest.mark.parametrize(
    "version, refused",
    [
        ((1, 19, 2), True),
        ((1, 24, 9), True),
        ((1, 25, 0), False),
        ((1, 29, 5), False),
        ((2, 1, 3), False),
        (None, False),
    ],
)
def test_a_hash_is_refused_on_servers_that_hash_it_again(version, refused):
    from ansible_collections.syncthing.rest.plugins.module_utils._versions import keeps_password_hashes
    from ansible_collections.syncthing.rest.plugins.module_utils.client import SyncthingValidationError

    config = sample_config()
    config["gui"].update(user="admin", password=HASH)
    desired = normalize(
        {
            "folders": None,
            "devices": None,
            "options": None,
            "gui": {"user": "admin", "password": OTHER_HASH},
            "ldap": None,
            "defaults": None,
            "purge_folders": False,
            "purge_devices": False,
            "update_password": "always",
        },
        config,
        MY_ID,
        version,
    )
    assert keeps_password_hashes(version) is not refused
    if refused:
        with pytest.raises(SyncthingValidationError) as info:
            build_plan(config, desired, MY_ID, version)
        assert "give the plaintext password" in str(info.value) and OTHER_HASH not in str(info.value)
    else:
        assert build_plan(config, desired, MY_ID, version).sections["gui"]["password"] == OTHER_HASH
    # nothing to send: the stored hash given back, or on_create with a password set, is never refused
    desired.gui["password"] = HASH
    assert not build_plan(config, desired, MY_ID, version).changed
    desired.gui["password"] = OTHER_HASH
    desired = desired._replace(update_password="on_create")
    assert not build_plan(config, desired, MY_ID, version).changed


def test_unchanged_password_is_not_sent_in_the_gui_object():
    config = sample_config()
    config["gui"]["password"] = HASH
    assert not plan_for(config, gui={"password": "s3cret"}).changed
    plan = plan_for(config, gui={"password": "s3cret", "user": "admin"})
    assert plan.sections["gui"]["password"] == HASH
    plan = plan_for(config, gui={"password": "new"})
    assert plan.sections["gui"]["password"] == "new"


@pytest.mark.parametrize(
    "url, old, new, expected",
    [
        (
            "http://127.0.0.1:8384",
            {"address": "127.0.0.1:8384"},
            {"address": "127.0.0.1:8384"},
            "http://127.0.0.1:8384",
        ),
        ("http://127.0.0.1:8384", {"address": "127.0.0.1:8384"}, {"address": "0.0.0.0:9000"}, "http://127.0.0.1:9000"),
        (
            "http://host.example:8384/",
            {"address": "0.0.0.0:8384"},
            {"address": "[::]:9001"},
            "http://host.example:9001/",
        ),
        (
            "http://[::1]:8384",
            {"address": "[::1]:8384"},
            {"address": "[::1]:8385", "useTLS": True},
            "https://[::1]:8385",
        ),
        ("http://127.0.0.1:8384", {"address": "127.0.0.1:8384"}, {"address": "/run/st.sock"}, None),
    ],
)
def test_reconnect_url_follows_the_gui(url, old, new, expected):
    assert reconnect_url(url, old, new) == expected


def test_two_hundred_folders_unchanged_plan_nothing():
    config = empty_config()
    config["folders"] = [folder(f"f{i:03d}", f"/srv/{i}") for i in range(200)]
    desired = [{"id": f"f{i:03d}", "path": f"/srv/{i}", "devices": []} for i in range(200)]
    assert not plan_for(config, folders=desired).changed


def test_result_leaves_the_read_config_untouched_and_shares_only_unchanged_objects():
    config = sample_config()
    before = copy.deepcopy(config)
    plan = plan_for(
        config,
        devices=[{"deviceID": OTHER, "state": "absent"}],
        folders=[{"id": "docs", "label": "Docs 2"}],
        defaults={"ignores": ["*.tmp"]},
    )
    assert config == before
    docs = next(f for f in plan.result["folders"] if f["id"] == "docs")
    music = next(f for f in plan.result["folders"] if f["id"] == "music")
    assert docs["label"] == "Docs 2" and [e["deviceID"] for e in music["devices"]] == [MY_ID, PEER]
    assert plan.result["defaults"]["ignores"] == {"lines": ["*.tmp"]}
    assert plan.result["devices"] is not config["devices"] and plan.result["defaults"] is not config["defaults"]
    unchanged = plan_for(config)
    assert unchanged.result == config
    assert all(a is b for a, b in zip(unchanged.result["folders"], config["folders"]))


FOURTH = device_id_from_bytes(b"\x03" * 32)
IGNORED = {"time": "2026-01-02T03:04:05Z", "deviceID": FOURTH, "name": "stranger", "address": "tcp://192.0.2.1:22000"}


def test_remote_ignored_devices_are_added_updated_and_removed_partially():
    config = sample_config()
    config["remoteIgnoredDevices"] = [dict(IGNORED)]
    assert not plan_for(config, remote_ignored_devices=[{"deviceID": FOURTH.lower().replace("-", "")}]).changed
    assert not plan_for(config, remote_ignored_devices=[{"deviceID": FOURTH, "name": "stranger"}]).changed
    assert not plan_for(config, remote_ignored_devices=[{"deviceID": THIRD, "state": "absent"}]).changed
    given = [{"deviceID": FOURTH, "name": "known now"}, {"deviceID": THIRD, "time": "2026-01-02T05:04:05.500+02:00"}]
    plan = plan_for(config, remote_ignored_devices=given)
    assert plan.changed and plan.needs_whole_config
    assert plan.summary["remote_ignored_devices"] == {"added": [THIRD], "updated": [FOURTH], "removed": []}
    assert plan.result["remoteIgnoredDevices"] == [
        dict(IGNORED, name="known now"),
        {"deviceID": THIRD, "name": "", "address": "", "time": "2026-01-02T05:04:05.5+02:00"},
    ]
    assert plan.diff() == {
        "before": {"remoteIgnoredDevices": {FOURTH: {"name": "stranger"}}},
        "after": {
            "remoteIgnoredDevices": {FOURTH: {"name": "known now"}, THIRD: plan.result["remoteIgnoredDevices"][1]}
        },
    }
    assert not plan_for(plan.result, remote_ignored_devices=given).changed
    plan = plan_for(config, remote_ignored_devices=[{"deviceID": FOURTH, "state": "absent"}])
    assert plan.result["remoteIgnoredDevices"] == [] and plan.summary["remote_ignored_devices"]["removed"] == [FOURTH]
    assert config["remoteIgnoredDevices"] == [IGNORED]


def test_a_new_remote_ignored_device_gets_the_time_now():
    plan = plan_for(remote_ignored_devices=[{"deviceID": FOURTH}])
    added = plan.result["remoteIgnoredDevices"][0]
    assert added["deviceID"] == FOURTH and added["name"] == "" and added["address"] == ""
    assert added["time"].endswith("Z") and len(added["time"]) == 20


@pytest.mark.parametrize(
    "item, message",
    [
        ({"deviceID": PEER}, "is configured (under devices), and Syncthing silently drops configured devices"),
        ({"deviceID": MY_ID}, "is the local device, which cannot be ignored"),
        ({"deviceID": FOURTH, "addres": "x"}, "unknown field 'addres'"),
        ({"deviceID": FOURTH, "time": "yesterday"}, "is not an RFC 3339 time"),
        ({"deviceID": FOURTH[:-1] + ("A" if FOURTH[-1] != "A" else "B")}, "check digit incorrect"),
        ({"name": "no id"}, "deviceID is required"),
    ],
)
def test_remote_ignored_devices_are_validated(item, message):
    from ansible_collections.syncthing.rest.plugins.module_utils.client import SyncthingValidationError

    with pytest.raises(SyncthingValidationError) as info:
        plan_for(remote_ignored_devices=[item])
    assert message in str(info.value)


def test_a_device_removed_in_the_same_task_can_be_ignored_and_an_added_device_stops_being_ignored():
    plan = plan_for(devices=[{"deviceID": PEER, "state": "absent"}], remote_ignored_devices=[{"deviceID": PEER}])
    assert [item["deviceID"] for item in plan.result["remoteIgnoredDevices"]] == [PEER]
    config = sample_config()
    config["remoteIgnoredDevices"] = [dict(IGNORED)]
    plan = plan_for(config, devices=[{"deviceID": FOURTH, "name": "welcome"}])
    assert plan.result["remoteIgnoredDevices"] == [] and not plan.needs_whole_config


def test_removing_a_folder_an_auto_accepting_device_shares_warns():
    config = sample_config()
    config["devices"][2]["autoAcceptFolders"] = True  # PEER shares docs and music
    plan = plan_for(config, folders=[{"id": "music"}], purge_folders=True)
    assert plan.delete["folders"] == ["docs"]
    assert len(plan.warnings) == 1 and "'docs' is removed" in plan.warnings[0] and PEER in plan.warnings[0]
    assert "autoAcceptFolders" in plan.warnings[0]
    assert len(plan_for(config, folders=[{"id": "music", "state": "absent"}]).warnings) == 1
    # no warning when that device goes too, or does not auto-accept
    assert (
        plan_for(
            config, folders=[{"id": "music", "state": "absent"}], devices=[{"deviceID": PEER, "state": "absent"}]
        ).warnings
        == []
    )
    assert plan_for(sample_config(), folders=[{"id": "music", "state": "absent"}]).warnings == []


def test_removing_a_device_a_remaining_introducer_introduced_warns():
    config = sample_config()
    config["devices"][2]["introducer"] = True  # PEER introduced OTHER
    config["devices"][0]["introducedBy"] = PEER
    plan = plan_for(config, devices=[{"deviceID": PEER}], purge_devices=True)
    assert plan.delete["devices"] == [OTHER]
    assert plan.warnings == [
        f"devices: {OTHER} (other) is removed, but it was introduced by device {PEER} (peer), which stays an "
        "introducer, so Syncthing adds it back as soon as that device sends its folder list again (when it "
        "reconnects, for example after a restart), and a later run with the same purge removes it again. To keep it "
        "removed, set introducer: false on that device, or stop sharing folders with it on the introducer."
    ]
    # no warning when the introducer goes too, stops being one, or did not introduce it
    both = [{"deviceID": OTHER, "state": "absent"}, {"deviceID": PEER, "state": "absent"}]
    assert plan_for(config, devices=both).warnings == []
    no_longer = [{"deviceID": OTHER, "state": "absent"}, {"deviceID": PEER, "introducer": False}]
    assert plan_for(config, devices=no_longer).warnings == []
    config["devices"][0]["introducedBy"] = ""
    assert plan_for(config, devices=[{"deviceID": OTHER, "state": "absent"}]).warnings == []
