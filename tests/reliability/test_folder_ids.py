# Copyright (c) 2026, syncthing.rest contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Folder IDs with '/', spaces and unicode work through every module, and twice means no change."""

import os

import pytest
from realserver import client_for
from reliab_helpers import adhoc, conn_env

IDS = ["team/photos", "with space", "\u00fcn\u00efc\u00f8d\u00e9-\u0444\u043e\u0442\u043e-\u6587\u4ef6"]


def _ok(node, module, args, changed):
    run = adhoc(module, args, env=conn_env(node))
    assert run.result["_status"] == "ok", run
    assert run.result["changed"] is changed, run
    assert "Traceback" not in run.text
    return run.result


@pytest.mark.parametrize("index", range(len(IDS)))
def test_special_folder_id_round_trip(node, index):
    folder_id = IDS[index]
    path = os.path.join(node["data"], f"special-{index}")
    present = {"folders": [{"id": folder_id, "path": path, "label": folder_id}]}
    for changed in (True, False):
        _ok(node, "syncthing_config", present, changed)
    folders = {item["id"]: item for item in client_for(node).get_config()["folders"]}
    assert folders[folder_id]["label"] == folder_id and folders[folder_id]["path"] == path
    for changed in (True, False):
        result = _ok(node, "syncthing_ignores", {"folder": folder_id, "patterns": ["*.bak"]}, changed)
        assert result["ignore"] == ["*.bak"]
    _ok(node, "syncthing_folder_scan", {"folder": folder_id}, False)
    absent = {"folders": [{"id": folder_id, "state": "absent"}]}
    for changed in (True, False):
        _ok(node, "syncthing_config", absent, changed)
    assert folder_id not in [item["id"] for item in client_for(node).get_config()["folders"]]
