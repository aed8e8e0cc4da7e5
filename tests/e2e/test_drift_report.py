# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""A provisioning play run as a drift report (--check --diff, docs/drift.md) on a new, an unchanged and a
drifted node (issue 12 B.8): it shares a folder with a peer, sets ignores and waits until the peer is in sync.
Under --check the config task writes nothing, so the folder is not (yet) shared: the wait must not fail."""

import os
import re

import pytest
import stnode
from e2e_playbook import run_playbook, write_inventory
from realserver import add_peer, client_for, share_folder

PLAY = """
- name: Provision a folder shared with a peer, then wait until the peer has it
  hosts: syncthing_hosts
  gather_facts: false
  module_defaults:
    group/syncthing.rest.syncthing:
      url: "{{ syncthing_url }}"
      api_key: "{{ syncthing_api_key }}"
  tasks:
    - name: Share the folder with the peer
      syncthing.rest.syncthing_config:
        devices:
          - {deviceID: "%(peer_id)s", name: peer, addresses: ["%(peer_address)s"]}
        folders:
          - {id: report, label: Report, path: "{{ syncthing_folder_path }}", devices: ["%(peer_id)s"]}
    - name: Ignore temporary files
      syncthing.rest.syncthing_ignores:
        folder: report
        patterns: ["*.tmp"]
    - name: Wait until the peer has everything
      syncthing.rest.syncthing_folder_scan:
        folder: report
        wait_in_sync: true
        devices: ["%(peer_id)s"]
        wait_timeout: 120
"""


def pytest_generate_tests(metafunc):
    if "drift_version" in metafunc.fixturenames:
        versions = metafunc.config.getoption("versions").split()
        metafunc.parametrize("drift_version", versions, scope="module")


@pytest.fixture(scope="module")
def report(drift_version, tmp_path_factory):
    """A node to provision and a peer that already shares the folder with it; the play and its inventory."""
    root = tmp_path_factory.mktemp("drift")
    node = stnode.start(drift_version, str(root / "node"), name="node")
    peer = stnode.start(drift_version, str(root / "peer"), name="peer")
    try:
        node["folder"] = str(root / "data-node")
        peer_folder = str(root / "data-peer")
        os.makedirs(peer_folder)
        with open(os.path.join(peer_folder, "hello.txt"), "w") as handle:
            handle.write("hello\n")
        there = client_for(peer)
        add_peer(there, node, "node")
        share_folder(there, "report", peer_folder, [peer, node], label="Report")
        inventory = str(root / "inventory.yml")
        write_inventory(inventory, [node])
        playbook = str(root / "provision.yml")
        with open(playbook, "w") as handle:
            handle.write(PLAY % {"peer_id": peer["device_id"], "peer_address": peer["listen"]})
        yield {"node": node, "peer": peer, "inventory": inventory, "playbook": playbook}
    finally:
        stnode.stop(node)
        stnode.stop(peer)


def config_xml(node):
    with open(os.path.join(node["home"], "config.xml")) as handle:
        return handle.read()


def drift_report(report):
    before = config_xml(report["node"])
    rc, output, recap = run_playbook(report["inventory"], report["playbook"], args=["--check", "--diff"], timeout=300)
    assert rc == 0, output
    assert recap["node"]["failed"] == 0, output
    assert config_xml(report["node"]) == before, "the --check run wrote the config"
    return re.sub(r"\s+", " ", output), recap["node"]  # warnings are wrapped at the terminal width


def test_a_new_node_reports_what_provisioning_would_do_and_fails_nowhere(report):
    output, counts = drift_report(report)
    assert counts["changed"] >= 2, output  # the config and the ignore patterns
    assert "not shared with device(s)" in output or "is not configured" in output, output
    assert "+*.tmp" in output, output


def test_the_real_run_provisions_and_waits(report):
    rc, output, recap = run_playbook(report["inventory"], report["playbook"], timeout=300)
    assert rc == 0 and recap["node"]["failed"] == 0 and recap["node"]["changed"] >= 2, output
    assert os.path.exists(os.path.join(report["node"]["folder"], "hello.txt")), output


def test_an_unchanged_node_reports_no_drift(report):
    output, counts = drift_report(report)
    assert counts["changed"] == 0, output


def test_a_drifted_node_reports_the_drift_and_fails_nowhere(report):
    node = report["node"]
    client = client_for(node)
    folder = client.get_folder("report")
    client.put_folder(dict(folder, devices=[{"deviceID": node["device_id"]}]))  # unshared in the GUI
    client.new_ignores("report", [])
    output, counts = drift_report(report)
    assert counts["changed"] >= 2, output
    assert "check mode: folder 'report' is not shared with device(s)" in output, output
    assert [entry["deviceID"] for entry in client.get_folder("report")["devices"]] == [node["device_id"]]
