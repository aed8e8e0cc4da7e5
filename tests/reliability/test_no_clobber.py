# Copyright (c) 2026, syncthing.rest contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Settings made outside the play survive every module run; only purge_* removes what a task does not list."""

import copy
import os

from realserver import client_for, new_device_id
from reliab_helpers import conn_env, playbook
from reliab_nodes import IGNORE_LINES, populate, settle

PLAY = """
- hosts: localhost
  gather_facts: false
  tasks:
    - syncthing.rest.syncthing_info: {gather: [all]}
    - syncthing.rest.syncthing_config:
        folders: [{id: nc-own, path: "%(path)s", label: own}]
        devices: [{deviceID: "%(device)s", name: own-device}]
        options: {maxSendKbps: 100}
        gui: {%(gui_field)s: %(gui_value)s}
    - syncthing.rest.syncthing_config:
        folders: [{id: nc-own, rescanIntervalS: 99}]
        options: {maxSendKbps: 100}
    - syncthing.rest.syncthing_config:
        folders: [{id: nc-check, path: "%(path)s-check"}]
        options: {maxSendKbps: 1}
      check_mode: true
    - syncthing.rest.syncthing_ignores: {folder: nc-own, patterns: ["*.own"]}
    - syncthing.rest.syncthing_ignores: {defaults: true, patterns: ["*.own-default"], state: absent}
    - syncthing.rest.syncthing_folder_scan: {folder: nc-own}
    - syncthing.rest.syncthing_system: {command: clear_errors}
    - syncthing.rest.syncthing_system: {command: log_error, error_message: from the no-clobber play}
    - syncthing.rest.syncthing_system: {command: clear_errors}
"""


def _by(items, key):
    return {item[key]: item for item in items}


def test_outside_settings_survive_every_module(node):
    client = client_for(node)
    before = client.get_config()
    device = new_device_id()
    # gui.debugging is gone in 2.x; sessionCookieDurationS is new in 2.1
    gui_field, gui_value = ("debugging", True) if "debugging" in before["gui"] else ("sessionCookieDurationS", 3600)
    run = playbook(
        PLAY
        % {
            "path": os.path.join(node["data"], "nc-own"),
            "device": device,
            "gui_field": gui_field,
            "gui_value": str(gui_value).lower(),
        },
        env=conn_env(node),
    )
    assert run.rc == 0 and all(result["_status"] == "ok" for _task, result in run.tasks), run
    settle(node)
    after = client.get_config()
    expected = copy.deepcopy(before)
    expected["options"]["maxSendKbps"] = 100
    expected["gui"][gui_field] = gui_value
    new_folders = _by(after["folders"], "id")
    new_devices = _by(after["devices"], "deviceID")
    assert sorted(set(new_folders) - set(_by(before["folders"], "id"))) == ["nc-own"]
    assert sorted(set(new_devices) - set(_by(before["devices"], "deviceID"))) == [device]
    for folder_id, folder in _by(before["folders"], "id").items():
        assert new_folders[folder_id] == folder, folder_id
    for device_id, dev in _by(before["devices"], "deviceID").items():
        assert new_devices[device_id] == dev, device_id
    for section in ("options", "gui", "ldap", "defaults", "version"):
        assert after.get(section) == expected.get(section), section
    assert client.get_ignores("ign")["ignore"] == IGNORE_LINES
    client.delete_folder("nc-own")
    client.delete_device(device)
    client.patch_options({"maxSendKbps": before["options"]["maxSendKbps"]})
    client.patch_gui({gui_field: before["gui"][gui_field]})
    settle(node)


def test_purge_folders_removes_only_unlisted_folders(nodes, version):
    node = populate(nodes.start(version, "purge"))
    client = client_for(node)
    before = client.get_config()
    run = playbook(
        """
- hosts: localhost
  gather_facts: false
  tasks:
    - syncthing.rest.syncthing_config: {folders: [{id: outside}], purge_folders: true}
    - syncthing.rest.syncthing_config: {folders: [{id: outside}], purge_folders: true}
""",
        env=conn_env(node),
    )
    assert [result["changed"] for _task, result in run.tasks] == [True, False], run
    after = client.get_config()
    assert [folder["id"] for folder in after["folders"]] == ["outside"]
    assert after["folders"][0] == _by(before["folders"], "id")["outside"]
    for section in ("devices", "options", "gui", "ldap", "defaults"):
        assert after[section] == before[section], section
