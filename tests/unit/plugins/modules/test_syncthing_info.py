# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""syncthing_info: option handling, results, masking, version awareness."""

import json

import pytest

from ansible_collections.syncthing.rest.plugins.module_utils import _info
from ansible_collections.syncthing.rest.plugins.modules import syncthing_info
from ansible_collections.syncthing.rest.tests.unit.plugins.modules.utils import KEY, expect, fail_module, run_module

MY_ID = "MFZWI3D-BONSGYC-YLTMRWG-C43ENR5-QXGZDMM-FZWI3DP-BONSGYY-LTMRWAD"
PEER = "AIR6LPZ-7K4PTTV-UXQSMUU-CPQ5YWH-OEDFIIQ-JUG777G-2YQXXR5-YD6AWQR"
CONFIG = {
    "version": 37,
    "gui": {"address": "127.0.0.1:8384", "apiKey": KEY, "password": "$2a$10$hash", "user": "admin"},
    "folders": [
        {
            "id": "docs",
            "label": "Docs",
            "path": "/srv/docs",
            "type": "sendreceive",
            "paused": False,
            "devices": [
                {"deviceID": MY_ID, "encryptionPassword": ""},
                {"deviceID": PEER, "encryptionPassword": "s3cret-enc"},
            ],
        },
        {
            "id": "old",
            "label": "",
            "path": "/srv/old",
            "type": "sendonly",
            "paused": True,
            "devices": [{"deviceID": MY_ID}],
        },
    ],
    "devices": [{"deviceID": MY_ID, "name": "me", "paused": False}, {"deviceID": PEER, "name": "peer", "paused": True}],
    "ldap": {"bindPassword": "ldap-secret"},
}


def test_default_gathers_the_cheap_items(mocked):
    expect(mocked, "GET", "/rest/system/version", {"version": "v1.29.5", "os": "linux"})
    expect(mocked, "GET", "/rest/system/status", {"myID": MY_ID, "startTime": "2026-01-01T00:00:00Z"})
    expect(mocked, "GET", "/rest/config", CONFIG)
    expect(mocked, "GET", "/rest/system/connections", {"connections": {PEER: {"connected": True, "address": "x"}}})
    expect(mocked, "GET", "/rest/system/error", {"errors": None})
    expect(mocked, "GET", "/rest/stats/device", {PEER: {"lastSeen": "2026-01-01T00:00:00Z"}})
    expect(mocked, "GET", "/rest/config/restart-required", {"requiresRestart": True})
    result = run_module(syncthing_info.main, {})
    assert result["changed"] is False
    assert result["gathered"] == ["version", "status", "connections", "errors", "devices", "restart_required"]
    assert result["version"]["version"] == "v1.29.5"
    assert result["errors"] == []
    assert result["restart_required"] is True
    assert result["devices"][PEER]["connected"] is True
    assert result["devices"][PEER]["statistics"] == {"lastSeen": "2026-01-01T00:00:00Z"}
    assert result["devices"][MY_ID]["local"] is True and result["devices"][PEER]["local"] is False
    assert result["unsupported"] == {}
    assert "folders" not in result and "upgrade" not in result and "config" not in result


def test_secrets_are_masked_everywhere(mocked):
    expect(mocked, "GET", "/rest/config", CONFIG)
    result = run_module(syncthing_info.main, {"gather": ["config"]})
    dumped = json.dumps(result)
    for secret in (KEY, "$2a$10$hash", "s3cret-enc", "ldap-secret"):
        assert secret not in dumped
    assert result["config"]["gui"]["apiKey"] == "********"
    assert result["config"]["gui"]["user"] == "admin"
    assert result["config"]["folders"][0]["devices"][1]["encryptionPassword"] == "********"
    assert result["config"]["folders"][0]["devices"][0]["encryptionPassword"] == ""


def test_folders_with_status_and_completion(mocked):
    expect(mocked, "GET", "/rest/system/status", {"myID": MY_ID})
    expect(mocked, "GET", "/rest/config", CONFIG)
    expect(mocked, "GET", "/rest/db/status", {"state": "idle", "sequence": 7}, params={"folder": "docs"})
    expect(
        mocked,
        "GET",
        "/rest/db/completion",
        {"completion": 100, "needItems": 0},
        params={"folder": "docs", "device": PEER},
    )
    expect(mocked, "GET", "/rest/db/status", status=404, text="no such folder", params={"folder": "old"})
    result = run_module(syncthing_info.main, {"gather": ["folders"], "completion": True})
    docs = result["folders"]["docs"]
    assert docs["status"] == {"state": "idle", "sequence": 7}
    assert docs["completion"] == {PEER: {"completion": 100, "needItems": 0}}
    assert docs["devices"] == [MY_ID, PEER] and docs["label"] == "Docs"
    assert result["folders"]["old"]["status"] is None and result["folders"]["old"]["paused"] is True
    assert result["folders"]["old"]["completion"] == {}


def test_folders_without_completion_reads_no_completion(mocked):
    expect(mocked, "GET", "/rest/system/status", {"myID": MY_ID})
    expect(mocked, "GET", "/rest/config", dict(CONFIG, folders=CONFIG["folders"][:1]))
    expect(mocked, "GET", "/rest/db/status", {"state": "idle", "sequence": 7}, params={"folder": "docs"})
    result = run_module(syncthing_info.main, {"gather": ["folders"]})
    assert "completion" not in result["folders"]["docs"]


def test_unknown_running_folder_is_an_error(mocked):
    expect(mocked, "GET", "/rest/system/status", {"myID": MY_ID})
    expect(mocked, "GET", "/rest/config", dict(CONFIG, folders=CONFIG["folders"][:1]))
    expect(mocked, "GET", "/rest/db/status", status=404, text="no such folder", params={"folder": "docs"})
    result = fail_module(syncthing_info.main, {"gather": ["folders"]})
    assert "GET /rest/db/status failed: HTTP 404" in result["msg"] and "no such folder" in result["msg"]


def test_old_server_reports_unsupported_items_and_falls_back(mocked):
    expect(mocked, "GET", "/rest/system/version", {"version": "v1.14.0"}, version="v1.14.0")
    expect(mocked, "GET", "/rest/cluster/pending/devices", {}, version="v1.14.0")
    expect(mocked, "GET", "/rest/cluster/pending/folders", None, version="v1.14.0")
    expect(mocked, "GET", "/rest/system/config/insync", {"configInSync": False}, version="v1.14.0")
    result = run_module(syncthing_info.main, {"gather": ["version", "pending", "restart_required", "paths"]})
    assert result["pending"] == {"devices": {}, "folders": {}}
    assert result["restart_required"] is True
    assert result["paths"] is None
    assert result["unsupported"] == {"paths": "needs Syncthing 1.21.0 or later; the server runs 1.14.0"}


@pytest.mark.parametrize("status", [501, 503])
def test_upgrade_unsupported_is_reported_not_failed(mocked, status):
    expect(mocked, "GET", "/rest/system/upgrade", status=status, text="upgrade unsupported\n")
    result = run_module(syncthing_info.main, {"gather": ["upgrade"]})
    assert result["upgrade"] == {"supported": False, "newer": False, "message": "upgrade unsupported"}


def test_upgrade_supported(mocked):
    answer = {"running": "v1.29.5", "latest": "v1.30.0", "newer": True, "majorNewer": False}
    expect(mocked, "GET", "/rest/system/upgrade", answer)
    result = run_module(syncthing_info.main, {"gather": ["upgrade"]})
    assert result["upgrade"] == dict(answer, supported=True)


def test_upgrade_other_error_fails(mocked):
    expect(mocked, "GET", "/rest/system/upgrade", status=500, text="getting latest release: dial tcp: refused")
    result = fail_module(syncthing_info.main, {"gather": ["upgrade"]})
    assert "HTTP 500" in result["msg"] and "refused" in result["msg"]


def test_all_gathers_every_item(mocked):
    expect(mocked, "GET", "/rest/system/version", {"version": "v1.29.5"})
    expect(mocked, "GET", "/rest/system/status", {"myID": MY_ID})
    expect(mocked, "GET", "/rest/config", dict(CONFIG, folders=[]))
    expect(mocked, "GET", "/rest/system/connections", {"connections": {}})
    expect(mocked, "GET", "/rest/system/error", {"errors": [{"message": "boom"}]})
    expect(mocked, "GET", "/rest/system/discovery", {PEER: {"addresses": ["tcp://1.2.3.4:22000"]}})
    expect(mocked, "GET", "/rest/stats/device", {})
    expect(mocked, "GET", "/rest/stats/folder", {"docs": {"lastScan": "x"}})
    expect(mocked, "GET", "/rest/cluster/pending/devices", {})
    expect(mocked, "GET", "/rest/cluster/pending/folders", {})
    expect(mocked, "GET", "/rest/config/restart-required", {"requiresRestart": False})
    expect(mocked, "GET", "/rest/system/paths", {"config": "/h/config.xml"})
    expect(mocked, "GET", "/rest/system/upgrade", status=501, text="upgrade unsupported")
    expect(mocked, "GET", "/rest/system/log", {"messages": None})
    result = run_module(syncthing_info.main, {"gather": ["all", "version"]})
    assert result["gathered"] == list(_info.ITEMS)
    assert result["errors"] == [{"message": "boom"}]
    assert result["stats"] == {"devices": {}, "folders": {"docs": {"lastScan": "x"}}}
    assert result["folders"] == {} and result["system_log"] == []
    assert result["paths"] == {"config": "/h/config.xml"}


def test_check_mode_reads_only(mocked):
    expect(mocked, "GET", "/rest/system/version", {"version": "v1.29.5"})
    result = run_module(syncthing_info.main, {"gather": ["version"], "_ansible_check_mode": True})
    assert result["changed"] is False and result["version"] == {"version": "v1.29.5"}


def test_bad_gather_choice_fails_before_any_request(mocked):
    result = fail_module(syncthing_info.main, {"gather": ["versions"]})
    assert "gather" in result["msg"] and "versions" in result["msg"]
