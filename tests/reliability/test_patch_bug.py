# Copyright (c) 2026, syncthing.rest contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""The folder-PATCH reset bug of Syncthing 1.29.6-2.1.1 (issues #10389, #10746) never reaches our users.

On those versions a partial PATCH of a folder reverts every default-tagged field it does not name.
`make patch-bug` runs this file on 2.1.1, the last release with the bug; the reliability suite runs it on the
matrix too. The control test shows the bug on the server itself, so the module test can fail.
"""

import os
import uuid

import pytest
from reliab_helpers import adhoc, conn_env

from ansible_collections.syncthing.rest.plugins.module_utils.client import SyncthingClient

KEPT = {"rescanIntervalS": 1234, "fsWatcherEnabled": False}
CLEANUP_S = 7200


def has_patch_bug(version):
    return (1, 29, 6) <= tuple(int(part) for part in version.split(".")) <= (2, 1, 1)


@pytest.fixture
def folder(node):
    """A folder with non-default rescanIntervalS, fsWatcherEnabled and versioning.cleanupIntervalS."""
    client = SyncthingClient(node["api_key"], node["url"])
    folder_id = "patchbug-" + uuid.uuid4().hex[:6]
    path = os.path.join(node["data"], folder_id)
    os.makedirs(path)
    template = client.get_default_folder()
    versioning = dict(template["versioning"], type="simple", params={"keep": "3"}, cleanupIntervalS=CLEANUP_S)
    client.put_folder(dict(template, id=folder_id, path=path, label="before", versioning=versioning, **KEPT))
    yield client, folder_id
    client.delete_folder(folder_id)


def kept(stored):
    return {key: stored[key] for key in KEPT}, stored["versioning"]["cleanupIntervalS"]


def test_changing_one_field_keeps_the_others(node, folder):
    client, folder_id = folder
    runs = [
        adhoc("syncthing_config", {"folders": [{"id": folder_id, "label": "after"}]}, env=conn_env(node))
        for _attempt in range(2)
    ]
    assert [run.rc for run in runs] == [0, 0], runs
    assert [run.result["changed"] for run in runs] == [True, False], runs
    stored = client.get_folder(folder_id)
    assert stored["label"] == "after"
    assert kept(stored) == (KEPT, CLEANUP_S)


def test_control_a_raw_patch_shows_the_bug_where_it_exists(node, folder):
    """Proves the server under test really has (or has not) the bug the test above guards against."""
    client, folder_id = folder
    client.patch("/rest/config/folders/" + folder_id, {"label": "raw"})  # the raw request: patch_folder avoids it
    stored = client.get_folder(folder_id)
    assert stored["label"] == "raw"
    if has_patch_bug(node["version"]):
        assert kept(stored) != (KEPT, CLEANUP_S), "this version should revert unnamed fields on PATCH"
    else:
        assert kept(stored) == (KEPT, CLEANUP_S)


def test_the_clients_patch_folder_keeps_the_others_on_every_version(node, folder):
    """SyncthingClient.patch_folder merges and PUTs where the server's PATCH would reset (versions.FOLDER_PATCH_*)."""
    client, folder_id = folder
    assert client.patch_folder(folder_id, {"label": "patched"}) is None
    stored = client.get_folder(folder_id)
    assert stored["label"] == "patched"
    assert kept(stored) == (KEPT, CLEANUP_S)
