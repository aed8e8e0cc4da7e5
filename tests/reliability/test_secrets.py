# Copyright (c) 2026, syncthing.rest contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""No secret (API key, GUI password, folder encryption password) in any output, with -vvv and --diff.

Secrets reach the play through variables (as from a vault), never as literals in the task text:
Ansible itself shows the source lines of a failed task.
"""

import json
import os

import pytest
from reliab_helpers import adhoc, conn_env, playbook
from reliab_nodes import populate

GUI_PASSWORD = "gui-Pass-7f3a9c-secret"
ENC_PASSWORD = "enc-Pass-51d0e2-secret"

PLAY = """
- hosts: localhost
  gather_facts: false
  vars:
    st_url: "{{ lookup('env', 'RELIAB_URL') }}"
    st_key: "{{ lookup('env', 'RELIAB_KEY') }}"
    gui_password: "{{ lookup('env', 'RELIAB_GUI_PASSWORD') }}"
    enc_password: "{{ lookup('env', 'RELIAB_ENC_PASSWORD') }}"
    peer: "{{ lookup('env', 'RELIAB_PEER') }}"
  module_defaults:
    group/syncthing.rest.syncthing:
      url: "{{ st_url }}"
      api_key: "{{ st_key }}"
  tasks:
    - name: set secrets (check mode)
      syncthing.rest.syncthing_config: &secrets
        gui: {user: admin, password: "{{ gui_password }}"}
        folders:
          - id: secret-share
            path: "%(path)s"
            devices: [{deviceID: "{{ peer }}", encryptionPassword: "{{ enc_password }}"}]
      check_mode: true
    - name: set secrets
      syncthing.rest.syncthing_config: *secrets
    - name: set secrets again
      syncthing.rest.syncthing_config: *secrets
    - name: set secrets, update_password on_create
      syncthing.rest.syncthing_config:
        gui: {password: "{{ gui_password }}"}
        update_password: on_create
    - name: info
      syncthing.rest.syncthing_info: {gather: [all]}
    - name: ignores
      syncthing.rest.syncthing_ignores: {folder: secret-share, patterns: ["*.tmp"]}
    - name: scan
      syncthing.rest.syncthing_folder_scan: {folder: secret-share}
    - name: system
      syncthing.rest.syncthing_system: {command: clear_errors}
    - name: bad field next to the password
      syncthing.rest.syncthing_config:
        gui: {password: "{{ gui_password }}", bogus: 1}
      ignore_errors: true
    - name: bad device next to the encryption password
      syncthing.rest.syncthing_config:
        folders: [{id: secret-share, devices: [{deviceID: "{{ peer }}x", encryptionPassword: "{{ enc_password }}"}]}]
      ignore_errors: true
    - name: bad enum next to the password
      syncthing.rest.syncthing_config:
        gui: {password: "{{ gui_password }}", authMode: nope}
      ignore_errors: true
    - name: bad argument next to the password
      syncthing.rest.syncthing_config:
        gui: {password: "{{ gui_password }}"}
        update_password: sometimes
      ignore_errors: true
    - name: wrong key
      syncthing.rest.syncthing_info: {api_key: "{{ st_key }}-wrong"}
      ignore_errors: true
    - name: password given as a list
      syncthing.rest.syncthing_config:
        gui: {password: ["{{ gui_password }}"]}
      ignore_errors: true
    - name: encryption password given as a dict
      syncthing.rest.syncthing_config:
        folders: [{id: secret-share, devices: [{deviceID: "{{ peer }}", encryptionPassword: {p: "{{ enc_password }}"}}]}]
      ignore_errors: true
    - name: password in the URL of an unreachable server
      syncthing.rest.syncthing_info: {url: "http://admin:{{ gui_password }}@127.0.0.1:1", timeout: 2}
      ignore_errors: true
"""


@pytest.fixture(scope="module")
def secret_node(nodes, version):
    return populate(nodes.start(version, "secrets"))


def _assert_hidden(run, node):
    recorded = json.dumps(run.records)
    for name, secret in (
        ("API key", node["api_key"]),
        ("GUI password", GUI_PASSWORD),
        ("encryption password", ENC_PASSWORD),
    ):
        assert secret not in run.out, f"{name} in stdout"
        assert secret not in run.err, f"{name} in stderr"
        assert secret not in recorded, f"{name} in a task result"


def test_no_secret_in_verbose_diff_output_of_a_play(secret_node):
    node = secret_node
    env = {
        "RELIAB_URL": node["url"],
        "RELIAB_KEY": node["api_key"],
        "RELIAB_GUI_PASSWORD": GUI_PASSWORD,
        "RELIAB_ENC_PASSWORD": ENC_PASSWORD,
        "RELIAB_PEER": node["peer"],
    }
    run = playbook(PLAY % {"path": os.path.join(node["data"], "secret-share")}, env=env, verbose=True, diff=True)
    statuses = {task: result["_status"] for task, result in run.tasks}
    assert statuses["set secrets"] == "ok" and statuses["info"] == "ok" and statuses["scan"] == "ok", run
    assert [
        statuses[name]
        for name in (
            "bad field next to the password",
            "bad device next to the encryption password",
            "bad enum next to the password",
            "bad argument next to the password",
            "wrong key",
            "password given as a list",
            "encryption password given as a dict",
            "password in the URL of an unreachable server",
        )
    ] == ["failed"] * 8, run
    assert run.by_name("set secrets")[0]["changed"] is True
    assert run.by_name("set secrets again")[0]["changed"] is False
    assert "diff" in run.by_name("set secrets")[0]
    _assert_hidden(run, node)


@pytest.mark.parametrize(
    "module,args",
    [
        ("syncthing_info", {"gather": ["all"]}),
        ("syncthing_config", {"gui": {"password": GUI_PASSWORD}, "options": {"maxSendKbps": 3}}),
        ("syncthing_ignores", {"folder": "ign", "patterns": ["*.vvv"]}),
        ("syncthing_folder_scan", {"folder": "ign"}),
        ("syncthing_system", {"command": "clear_errors"}),
        ("syncthing_pending", {"devices": [{"action": "accept"}], "unmatched": "dismiss"}),
    ],
)
def test_no_secret_in_verbose_diff_ad_hoc(secret_node, module, args):
    run = adhoc(module, args, env=conn_env(secret_node), verbose=True, diff=True)
    assert run.result["_status"] == "ok", run
    _assert_hidden(run, secret_node)
