# Copyright (c) 2026, syncthing.rest contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Bodies of the writes Syncthing decodes onto a template: maps and object lists are reset before their value."""

import json

import pytest
import responses

from ansible_collections.syncthing.rest.plugins.module_utils._config_body import (
    config_body,
    object_body,
    objects_body,
)
from ansible_collections.syncthing.rest.plugins.module_utils.client import SyncthingClient

URL = "http://127.0.0.1:8384"
DEV = "MFZWI3D-BONSGYC-YLTMRWG-C43ENR5-QXGZDMM-FZWI3DP-BONSGYY-LTMRWAD"
FOLDER = {
    "id": "docs",
    "versioning": {"type": "simple", "params": {"keep": "5"}, "cleanupIntervalS": 3600},
    "devices": [{"deviceID": DEV, "introducedBy": "", "encryptionPassword": ""}],
    "label": 'tricky "params": {"x": "y"}',
}


def test_a_folder_resets_its_params_and_devices_before_their_values():
    text = object_body(FOLDER, "folder")
    assert '"params": null, "params": {"keep": "5"}' in text
    assert '"devices": null, "devices": [{"deviceID": "' + DEV in text
    assert json.loads(text) == FOLDER  # the last value of a repeated key wins, as in Go


def test_a_device_resets_its_ignored_folders():
    device = {"deviceID": DEV, "ignoredFolders": [{"id": "a", "label": "", "time": "2026-01-01T00:00:00Z"}]}
    text = objects_body([device], "device")
    assert text.startswith('[{"deviceID": "' + DEV + '", "ignoredFolders": null, "ignoredFolders": [{"id": "a"')
    assert json.loads(text) == [device]


def test_empty_params_are_sent_as_an_empty_map_after_the_reset():
    folder = {"id": "x", "versioning": {"type": "", "params": {}}}
    assert object_body(folder, "folder") == ('{"id": "x", "versioning": {"type": "", "params": null, "params": {}}}')


def test_a_whole_config_resets_each_folder_and_device_but_not_its_templates():
    config = {
        "version": 37,
        "folders": [FOLDER, dict(FOLDER, id="two")],
        "devices": [{"deviceID": DEV, "ignoredFolders": []}],
        "defaults": {"folder": {"versioning": {"type": "trashcan", "params": {"cleanoutDays": "7"}}}},
    }
    text = config_body(config)
    assert text.count('"params": null') == 2
    assert text.count('"ignoredFolders": null') == 1
    assert '"params": {"cleanoutDays": "7"}' in text and '"params": null, "params": {"cleanoutDays"' not in text
    assert json.loads(text) == config
    assert config["folders"][0] is FOLDER and FOLDER["versioning"]["params"] == {"keep": "5"}  # nothing changed


def test_objects_without_those_fields_are_sent_as_plain_json():
    assert (
        objects_body([{"id": "x", "versioning": {"type": ""}}], "folder") == '[{"id": "x", "versioning": {"type": ""}}]'
    )


@pytest.mark.parametrize(
    ("method", "args", "verb", "path"),
    [
        ("set_folders", ([FOLDER],), "PUT", "/rest/config/folders"),
        ("put_folder", (FOLDER,), "PUT", "/rest/config/folders/docs"),
        ("add_folder", (FOLDER,), "POST", "/rest/config/folders"),
    ],
)
@responses.activate
def test_the_client_sends_folders_with_the_reset(method, args, verb, path):
    responses.add(verb, URL + path, body="")
    getattr(SyncthingClient("k", URL), method)(*args)
    body = responses.calls[0].request.body
    body = body.decode() if isinstance(body, bytes) else body
    assert '"params": null, "params": {"keep": "5"}' in body
    assert responses.calls[0].request.headers["Content-Type"] == "application/json"


@responses.activate
def test_the_whole_config_write_resets_each_folder():
    responses.add("GET", URL + "/rest/system/version", json={"version": "v2.1.3"})
    responses.add("PUT", URL + "/rest/config", body="")
    SyncthingClient("k", URL).new_config({"version": 52, "folders": [FOLDER], "devices": []})
    body = responses.calls[1].request.body
    body = body.decode() if isinstance(body, bytes) else body
    assert '"params": null, "params": {"keep": "5"}' in body


def test_a_write_waits_longer_the_more_objects_it_carries():
    client = SyncthingClient("k", URL, timeout=30)
    assert client._write_timeout(0) == 30
    assert client._write_timeout(1000) == pytest.approx(30 + 1000 * client.WRITE_SECONDS_PER_OBJECT)
    client = SyncthingClient("k", URL, timeout=(5, 30))
    assert client._write_timeout(100) == (5, pytest.approx(30 + 100 * client.WRITE_SECONDS_PER_OBJECT))


@responses.activate
def test_set_folders_passes_the_grown_time_budget():
    responses.add("PUT", URL + "/rest/config/folders", body="")
    client = SyncthingClient("k", URL, timeout=10)
    seen = {}
    original = client.session.request

    def spy(method, url, **kwargs):
        seen["timeout"] = kwargs["timeout"]
        return original(method, url, **kwargs)

    client.session.request = spy
    client.set_folders([dict(FOLDER, id=str(index)) for index in range(200)])
    assert seen["timeout"] == pytest.approx(10 + 200 * client.WRITE_SECONDS_PER_OBJECT)
