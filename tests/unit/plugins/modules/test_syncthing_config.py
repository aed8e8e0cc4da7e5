# Copyright (c) 2026, syncthing.rest contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""syncthing_config as a module: the exact requests per scenario, against mocked answers."""

import json

import pytest
import responses
from ansible.module_utils.common import warnings as ansible_warnings
from responses import matchers

from ansible_collections.syncthing.rest.plugins.module_utils.device_id import device_id_from_bytes
from ansible_collections.syncthing.rest.plugins.modules import syncthing_config
from ansible_collections.syncthing.rest.tests.unit.plugins.module_utils.config_fixture import (
    MY_ID,
    OTHER,
    PEER,
    device,
    empty_config,
    folder,
    sample_config,
)
from ansible_collections.syncthing.rest.tests.unit.plugins.modules.utils import run_main

URL = "http://st.test:8384"
KEY = "unit-test-api-key-0123456789"
THIRD = device_id_from_bytes(b"\x02" * 32)
HEADERS = {"X-Syncthing-Version": "v1.29.5", "X-Syncthing-ID": MY_ID}


@pytest.fixture(autouse=True)
def fresh_warnings(monkeypatch):
    """AnsibleModule keeps warnings in a process-wide registry; start each test without any."""
    # a list up to ansible-core 2.18, a dict from 2.19: an empty one of whichever type this version uses
    monkeypatch.setattr(ansible_warnings, "_global_warnings", type(ansible_warnings._global_warnings)())


def warnings_of(result):
    """The warning texts of a module result."""
    return [item["event"]["msg"] if isinstance(item, dict) else item for item in result.get("warnings", [])]


def run_module(capsys, **args):
    """Run the module with these options; return its JSON result (exit or fail)."""
    args.setdefault("url", URL)
    args.setdefault("api_key", KEY)
    return run_main(capsys, syncthing_config.main, args, secrets=(KEY, "API-KEY-FIXTURE"))


def get_config(mocked, config, headers=None):
    mocked.add(responses.GET, URL + "/rest/config", json=config, headers=HEADERS if headers is None else headers)


def expect(mocked, method, path, body=None, answer=None):
    match = [matchers.header_matcher({"X-API-Key": KEY})]
    if body is not None:
        match.append(matchers.json_params_matcher(body))
    mocked.add(method, URL + path, json=answer, body=None if answer is not None else "", headers=HEADERS, match=match)


def methods(mocked):
    return [(call.request.method, call.request.url.replace(URL, "")) for call in mocked.calls]


def two_hundred_folders(mocked, capsys, **args):
    """A no-op task over 200 folders, one device, options and gui; return (config, result)."""
    config = empty_config()
    config["folders"] = [folder(f"f{i:03d}", f"/srv/{i}", [PEER]) for i in range(200)]
    config["devices"].append(device(PEER, name="peer"))
    get_config(mocked, config)
    result = run_module(
        capsys,
        devices=[{"deviceID": PEER.lower(), "name": "peer"}],
        folders=[{"id": f"f{i:03d}", "path": f"/srv/{i}", "devices": ["peer"]} for i in range(200)],
        options={"maxSendKbps": 0},
        gui={"theme": "default"},
        **args,
    )
    assert methods(mocked) == [("GET", "/rest/config")]
    assert result["changed"] is False and result["restart_required"] is False
    assert result["folders"] == result["devices"] == {"added": [], "updated": [], "removed": []}
    assert "diff" not in result  # only in diff mode
    return config, result


def test_no_op_with_two_hundred_folders_sends_one_request_and_returns_almost_nothing(mocked, capsys):
    _config, result = two_hundred_folders(mocked, capsys)
    assert result["config"] == {"version": 37, "folders": [], "devices": []}
    assert len(json.dumps({key: value for key, value in result.items() if key != "invocation"})) < 1024


def test_no_op_in_diff_mode_has_an_empty_diff(mocked, capsys):
    get_config(mocked, sample_config())
    result = run_module(capsys, folders=[{"id": "docs", "label": ""}], _ansible_diff=True)
    assert result["changed"] is False and result["diff"] == {"before": {}, "after": {}}


def test_no_op_without_config(mocked, capsys):
    _config, result = two_hundred_folders(mocked, capsys, return_config="none")
    assert "config" not in result


def test_no_op_returns_every_managed_object_when_asked(mocked, capsys):
    config, result = two_hundred_folders(mocked, capsys, return_config="managed")
    assert sorted(result["config"]) == ["devices", "folders", "gui", "options", "version"]
    assert result["config"]["folders"] == config["folders"]
    assert result["config"]["devices"] == [device(PEER, name="peer")]
    assert result["config"]["options"] == config["options"]
    assert result["config"]["gui"] == dict(config["gui"], apiKey="********")


def test_one_field_change_is_one_read_and_one_write(mocked, capsys):
    config = sample_config()
    get_config(mocked, config)
    docs_after = dict(config["folders"][0], label="Docs 2")
    expect(mocked, responses.PUT, "/rest/config/folders", [docs_after])
    result = run_module(capsys, folders=[{"id": "docs", "label": "Docs 2"}], _ansible_diff=True)
    assert methods(mocked) == [("GET", "/rest/config"), ("PUT", "/rest/config/folders")]
    assert result["changed"] is True and result["restart_required"] is False
    assert result["config"] == {"version": 37, "folders": [docs_after]}
    assert result["diff"] == {
        "before": {"folders": {"docs": {"label": ""}}},
        "after": {"folders": {"docs": {"label": "Docs 2"}}},
    }


def test_changes_are_batched_complete_objects_in_order(mocked, capsys):
    config = sample_config()
    get_config(mocked, config)
    new_device = device(THIRD, name="new")
    docs = config["folders"][0]
    docs_after = dict(docs, rescanIntervalS=60)
    options_after = dict(config["options"], maxSendKbps=100)
    expect(mocked, responses.PUT, "/rest/config/devices", [new_device])
    expect(mocked, responses.PUT, "/rest/config/folders", [docs_after])
    expect(mocked, responses.DELETE, "/rest/config/folders/music")
    expect(mocked, responses.PATCH, "/rest/config/options", options_after)
    expect(mocked, responses.GET, "/rest/config/restart-required", answer={"requiresRestart": False})
    result = run_module(
        capsys,
        devices=[{"deviceID": THIRD.lower(), "name": "new"}],
        folders=[{"id": "docs", "rescanIntervalS": 60}, {"id": "music", "state": "absent"}],
        options={"maxSendKbps": 100},
        _ansible_diff=True,
    )
    assert methods(mocked) == [
        ("GET", "/rest/config"),
        ("PUT", "/rest/config/devices"),
        ("PUT", "/rest/config/folders"),
        ("DELETE", "/rest/config/folders/music"),
        ("PATCH", "/rest/config/options"),
        ("GET", "/rest/config/restart-required"),
    ]
    assert result["changed"] is True
    assert result["config"]["folders"] == [docs_after] and result["config"]["devices"] == [new_device]
    assert result["config"]["options"] == options_after
    assert result["folders"] == {"added": [], "updated": ["docs"], "removed": ["music"]}
    assert result["devices"]["added"] == [new_device["deviceID"]]
    assert result["diff"]["before"]["options"] == {"maxSendKbps": 0}
    assert result["diff"]["after"]["folders"]["docs"] == {"rescanIntervalS": 60}


@pytest.mark.parametrize("return_config", ["changed", "managed"])
def test_check_mode_sends_no_write_and_reports_the_result(mocked, capsys, return_config):
    get_config(mocked, sample_config())
    result = run_module(
        capsys,
        _ansible_check_mode=True,
        folders=[{"id": "docs", "label": "Docs"}],
        purge_devices=True,
        devices=[{"deviceID": PEER}],
        return_config=return_config,
    )
    assert methods(mocked) == [("GET", "/rest/config")]
    assert result["changed"] is True
    assert result["devices"]["removed"] == [OTHER]
    assert [f["label"] for f in result["config"]["folders"]] == ["Docs"]
    # changed: only what the task changes (PEER is unchanged); managed: every given object
    assert [d["deviceID"] for d in result["config"]["devices"]] == ([PEER] if return_config == "managed" else [])


def test_folder_id_with_slash_is_removed_through_the_whole_config(mocked, capsys):
    config = sample_config()
    config["folders"].insert(0, folder("a/b", "/srv/ab"))
    get_config(mocked, config)
    expected = sample_config()
    expect(mocked, responses.PUT, "/rest/config", expected)
    result = run_module(capsys, folders=[{"id": "a/b", "state": "absent"}])
    assert methods(mocked) == [("GET", "/rest/config"), ("PUT", "/rest/config")]
    assert json.loads(mocked.calls[1].request.body)["version"] == 37
    assert result["folders"]["removed"] == ["a/b"]


def test_local_device_id_from_status_when_the_header_is_missing(mocked, capsys):
    get_config(mocked, sample_config(), headers={"X-Syncthing-Version": "v1.29.5"})
    mocked.add(responses.GET, URL + "/rest/system/status", json={"myID": MY_ID})
    result = run_module(capsys, folders=[{"id": "docs", "devices": [PEER]}])
    assert methods(mocked) == [("GET", "/rest/config"), ("GET", "/rest/system/status")]
    assert result["changed"] is False


def test_invalid_input_fails_after_the_read_with_every_problem(mocked, capsys):
    get_config(mocked, sample_config())
    result = run_module(
        capsys,
        folders=[{"id": "docs", "type": "sendOnly", "rescanInterval": 5}],
        devices=[{"deviceID": PEER[:-1] + "A"}],
    )
    assert methods(mocked) == [("GET", "/rest/config")]
    assert result["failed"] is True
    assert "nothing was changed" in result["msg"]
    assert "'sendOnly'" in result["msg"] and "rescanIntervalS" in result["msg"] and "check digit" in result["msg"]
    assert "Traceback" not in json.dumps(result)


def test_password_is_sent_in_the_merged_gui_and_never_shown(mocked, capsys):
    config = sample_config()
    get_config(mocked, config)
    gui_after = dict(config["gui"], user="admin", password="pl41n-s3cret")
    expect(mocked, responses.PATCH, "/rest/config/gui", gui_after)
    result = run_module(capsys, gui={"user": "admin", "password": "pl41n-s3cret"}, _ansible_diff=True)
    assert methods(mocked) == [("GET", "/rest/config"), ("PATCH", "/rest/config/gui")]
    assert result["changed"] is True and result["restart_required"] is False
    assert result["diff"]["after"]["gui"] == {"user": "admin", "password": "********"}
    assert result["config"]["gui"]["password"] == "********"


def test_restart_required_is_asked_at_the_new_gui_address(mocked, capsys):
    config = sample_config()
    get_config(mocked, config)
    expect(mocked, responses.GET, "/rest/system/status", answer={"guiAddressOverridden": False})
    expect(mocked, responses.PATCH, "/rest/config/options", dict(config["options"], maxSendKbps=7))
    expect(mocked, responses.PATCH, "/rest/config/gui", dict(config["gui"], address="127.0.0.1:9999"))
    moved = "http://st.test:9999"
    mocked.add(responses.GET, moved + "/rest/config/restart-required", json={"requiresRestart": True}, headers=HEADERS)
    result = run_module(capsys, gui={"address": "127.0.0.1:9999"}, options={"maxSendKbps": 7})
    assert methods(mocked)[-1] == ("GET", moved.replace(URL, "") + "/rest/config/restart-required")
    assert result["restart_required"] is True


def test_gui_move_is_followed_and_reported(mocked, capsys):
    config = sample_config()
    get_config(mocked, config)
    gui_after = dict(config["gui"], address="127.0.0.1:9999")
    expect(mocked, responses.GET, "/rest/system/status", answer={"guiAddressOverridden": False})
    expect(mocked, responses.PATCH, "/rest/config/gui", gui_after)
    result = run_module(capsys, gui={"address": "127.0.0.1:9999"})
    assert result["changed"] is True
    assert result["config"]["gui"]["address"] == "127.0.0.1:9999"
    assert warnings_of(result) == ["The Syncthing GUI/API moved: use url=http://st.test:9999 from now on"]


def test_an_overridden_gui_address_is_stored_and_the_api_stays_where_syncthing_says(mocked, capsys):
    """STGUIADDRESS/--gui-address: the status says so; restart-required is asked where the API still is."""
    config = sample_config()
    get_config(mocked, config)
    status = {"guiAddressOverridden": True, "guiAddressUsed": "127.0.0.1:8384"}
    expect(mocked, responses.GET, "/rest/system/status", answer=status)
    expect(mocked, responses.PATCH, "/rest/config/options", dict(config["options"], maxSendKbps=7))
    expect(mocked, responses.PATCH, "/rest/config/gui", dict(config["gui"], address="127.0.0.1:9999"))
    expect(mocked, responses.GET, "/rest/config/restart-required", answer={"requiresRestart": True})
    result = run_module(capsys, gui={"address": "127.0.0.1:9999"}, options={"maxSendKbps": 7})
    assert result["changed"] is True and result["restart_required"] is True
    assert warnings_of(result) == [
        "gui.address and useTLS are stored, but Syncthing's GUI address is overridden from outside (STGUIADDRESS or "
        "--gui-address), so it keeps listening on 127.0.0.1:8384; the stored values take effect once Syncthing runs "
        "without the override"
    ]


def test_a_gui_change_that_keeps_the_address_does_not_ask_about_overrides(mocked, capsys):
    config = sample_config()
    get_config(mocked, config)
    expect(mocked, responses.PATCH, "/rest/config/gui", dict(config["gui"], theme="dark"))
    result = run_module(capsys, gui={"theme": "dark"})
    assert methods(mocked) == [("GET", "/rest/config"), ("PATCH", "/rest/config/gui")]
    assert result["changed"] is True and warnings_of(result) == []


def test_defaults_are_put_complete(mocked, capsys):
    config = sample_config()
    get_config(mocked, config)
    template = dict(config["defaults"]["folder"], rescanIntervalS=60)
    expect(mocked, responses.PUT, "/rest/config/defaults/folder", template)
    expect(mocked, responses.PUT, "/rest/config/defaults/ignores", {"lines": ["*.tmp", "(?d).DS_Store"]})
    result = run_module(capsys, defaults={"folder": {"rescanIntervalS": 60}, "ignores": ["*.tmp", "(?d).DS_Store"]})
    assert len(mocked.calls) == 3
    assert result["changed"] is True and result["restart_required"] is False
    assert result["config"] == {
        "version": 37,
        "defaults": {"folder": template, "ignores": {"lines": ["*.tmp", "(?d).DS_Store"]}},
    }
    assert "warnings" not in result


@pytest.mark.parametrize(
    "args, message",
    [
        (
            {"folders": [{"id": "docs", "rescanIntervalS": -1}]},
            "folders[0] (id 'docs').rescanIntervalS: -1 is out of range",
        ),
        ({"folders": [{"id": "docs", "maxConcurrentWrites": 300}]}, "allowed: 1 to 256"),
        ({"options": {"reconnectionIntervalS": 1}}, "options.reconnectionIntervalS: 1 is below the minimum 5"),
        ({"devices": [{"deviceID": PEER, "untrusted": True}]}, "must be shared with it with an encryptionPassword"),
    ],
)
def test_values_syncthing_would_change_are_refused_before_writing(mocked, capsys, args, message):
    get_config(mocked, sample_config())
    result = run_module(capsys, **args)
    assert methods(mocked) == [("GET", "/rest/config")]
    assert result["failed"] is True and message in result["msg"] and "nothing was changed" in result["msg"]


def test_encryption_passwords_are_masked(mocked, capsys):
    config = sample_config()
    config["folders"][0]["devices"][1]["encryptionPassword"] = "enc-s3cret"
    get_config(mocked, config)
    result = run_module(
        capsys,
        _ansible_check_mode=True,
        _ansible_diff=True,
        folders=[{"id": "docs", "devices": [{"deviceID": PEER, "encryptionPassword": "new-s3cret"}]}],
    )
    dumped = json.dumps(result)
    assert "enc-s3cret" not in dumped and "new-s3cret" not in dumped
    assert result["changed"] is True


def test_servers_before_1_12_get_the_whole_config_with_its_version(mocked, capsys):
    old = {"X-Syncthing-Version": "v1.11.1", "X-Syncthing-ID": MY_ID}
    config = sample_config()
    del config["defaults"]
    config["version"] = 32
    mocked.add(responses.GET, URL + "/rest/config", body="404 page not found", status=404, headers=old)
    mocked.add(responses.GET, URL + "/rest/system/config", json=config, headers=old)
    expected = dict(config, options=dict(config["options"], maxSendKbps=9))
    mocked.add(
        responses.POST,
        URL + "/rest/system/config",
        body="",
        headers=old,
        match=[matchers.json_params_matcher(expected)],
    )
    mocked.add(responses.GET, URL + "/rest/system/config/insync", json={"configInSync": True}, headers=old)
    result = run_module(capsys, options={"maxSendKbps": 9})
    assert methods(mocked) == [
        ("GET", "/rest/config"),
        ("GET", "/rest/system/config"),
        ("POST", "/rest/system/config"),
        ("GET", "/rest/system/config/insync"),
    ]
    assert result["changed"] is True and result["restart_required"] is False
    assert json.loads(mocked.calls[2].request.body)["version"] == 32


def test_encryption_passwords_in_the_folder_template_are_hidden(mocked, capsys):
    get_config(mocked, sample_config())
    result = run_module(
        capsys,
        _ansible_check_mode=True,
        defaults={"folder": {"devices": [{"deviceID": PEER, "encryptionPassword": "tmpl-s3cret"}]}},
    )
    assert result["changed"] is True
    assert "tmpl-s3cret" not in json.dumps(result)


def test_remote_ignored_devices_are_written_through_the_whole_config_and_idempotent(mocked, capsys):
    config = sample_config()
    config["remoteIgnoredDevices"] = [{"time": "2026-01-02T03:04:05Z", "deviceID": THIRD, "name": "x", "address": ""}]
    get_config(mocked, config)
    expected = json.loads(json.dumps(config))
    expected["remoteIgnoredDevices"] = []
    expect(mocked, responses.PUT, "/rest/config", expected)
    result = run_module(
        capsys, remote_ignored_devices=[{"deviceID": THIRD.lower(), "state": "absent"}], _ansible_diff=True
    )
    assert result["changed"] is True
    assert result["remote_ignored_devices"] == {"added": [], "updated": [], "removed": [THIRD]}
    assert result["config"]["remoteIgnoredDevices"] == []
    assert result["diff"]["before"] == {"remoteIgnoredDevices": {THIRD: config["remoteIgnoredDevices"][0]}}
    assert methods(mocked) == [("GET", "/rest/config"), ("PUT", "/rest/config")]
    mocked.calls.reset()
    get_config(mocked, expected)
    result = run_module(capsys, remote_ignored_devices=[{"deviceID": THIRD, "state": "absent"}])
    assert result["changed"] is False and methods(mocked) == [("GET", "/rest/config")]


def test_a_hash_on_a_server_that_hashes_it_again_is_refused_and_nothing_is_written(mocked, capsys):
    config = sample_config()
    get_config(mocked, config, headers=dict(HEADERS, **{"X-Syncthing-Version": "v1.19.2"}))
    hashed = "$2a$10$" + "x" * 53
    result = run_module(capsys, gui={"user": "admin", "password": hashed})
    assert result["failed"] is True and "give the plaintext password" in result["msg"]
    assert "Syncthing 1.19.2 hashes the given value again" in result["msg"]
    assert methods(mocked) == [("GET", "/rest/config")]


def test_a_write_the_server_refuses_after_an_accepted_one_fails_with_changed_true(mocked, capsys):
    """A field report: the label was written, then the options were refused, and the task said changed=false."""
    config = sample_config()
    get_config(mocked, config)
    expect(mocked, responses.PUT, "/rest/config/folders", [dict(config["folders"][0], label="Docs 2")])
    mocked.add(responses.PATCH, URL + "/rest/config/options", status=400, body="a rule this module does not know")
    result = run_module(capsys, folders=[{"id": "docs", "label": "Docs 2"}], options={"maxSendKbps": 100})
    assert methods(mocked) == [
        ("GET", "/rest/config"),
        ("PUT", "/rest/config/folders"),
        ("PATCH", "/rest/config/options"),
        ("PUT", "/rest/config"),  # the roll-back, which fails here (no answer)
    ]
    assert result["failed"] is True and result["changed"] is True
    assert "PATCH /rest/config/options failed: HTTP 400" in result["msg"]
    assert "Rolling them back got no answer, so whether they still apply is unknown" in result["msg"]


def test_a_write_refused_before_any_accepted_one_fails_with_changed_false(mocked, capsys):
    get_config(mocked, sample_config())
    mocked.add(responses.PUT, URL + "/rest/config/folders", status=500, body="folder has empty path")
    result = run_module(capsys, folders=[{"id": "docs", "label": "Docs 2"}])
    assert result["failed"] is True and result["changed"] is False
