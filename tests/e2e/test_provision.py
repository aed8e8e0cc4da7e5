# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""examples/provision.yml (role syncthing.rest.cluster) against two and three real nodes on loopback."""

import os
import uuid

import realserver
from e2e_playbook import run_playbook
from realserver import client_for

SYNC_TIMEOUT = 90


def wait_for(predicate, timeout=SYNC_TIMEOUT, interval=0.5):
    return realserver.wait_for(predicate, timeout, interval)


read = realserver.read_text


def test_first_run_pairs_and_shares(cluster):
    rc, output, recap = cluster["first"]
    assert rc == 0, output
    nodes = cluster["nodes"]
    assert sorted(recap) == sorted(node["name"] for node in nodes), output
    ids = sorted(node["device_id"] for node in nodes)
    for node in nodes:
        assert recap[node["name"]]["failed"] == 0 and recap[node["name"]]["changed"] > 0, output
        config = client_for(node).get_config()
        peers = {device["deviceID"]: device for device in config["devices"] if device["deviceID"] != node["device_id"]}
        for other in nodes:
            if other is not node:
                assert peers[other["device_id"]]["name"] == other["name"]
                assert peers[other["device_id"]]["addresses"] == [other["listen"]]
        folder = next(item for item in config["folders"] if item["id"] == "shared")
        assert folder["path"].rstrip("/") == node["folder"]
        assert sorted(device["deviceID"] for device in folder["devices"]) == ids
        assert "*.tmp" in (client_for(node).get_ignores("shared")["ignore"] or [])


def test_second_run_changes_nothing(cluster):
    rc, output, recap = run_playbook(cluster["inventory"])
    assert rc == 0, output
    assert sorted(recap) == sorted(node["name"] for node in cluster["nodes"]), output
    for host, counts in recap.items():
        assert counts["changed"] == 0, f"{host} changed on the second run:\n{output}"
        assert counts["failed"] == 0 and counts["unreachable"] == 0, output


def test_all_peers_connected(cluster):
    nodes = cluster["nodes"]
    for node in nodes:
        client = client_for(node)

        def connected(client=client, node=node):
            connections = client.get_connections()["connections"]
            return all(connections.get(other["device_id"], {}).get("connected") for other in nodes if other is not node)

        assert wait_for(connected), "{} is not connected to all peers".format(node["name"])


def test_file_syncs_and_ignored_file_stays(cluster):
    first, others = cluster["nodes"][0], cluster["nodes"][1:]
    content = "hello from {} {}\n".format(first["name"], uuid.uuid4())
    with open(os.path.join(first["folder"], "scratch.tmp"), "w") as handle:
        handle.write("ignored\n")
    with open(os.path.join(first["folder"], "hello.txt"), "w") as handle:
        handle.write(content)
    client_for(first).scan("shared")
    for node in others:
        target = os.path.join(node["folder"], "hello.txt")
        assert wait_for(lambda target=target: read(target) == content), "hello.txt did not reach {}".format(
            node["name"]
        )
    for node in others:
        assert not os.path.exists(os.path.join(node["folder"], "scratch.tmp")), "an ignored file reached {}".format(
            node["name"]
        )


def test_file_syncs_back(cluster):
    last, first = cluster["nodes"][-1], cluster["nodes"][0]
    content = "reply from {} {}\n".format(last["name"], uuid.uuid4())
    with open(os.path.join(last["folder"], "reply.txt"), "w") as handle:
        handle.write(content)
    client_for(last).scan("shared")
    target = os.path.join(first["folder"], "reply.txt")
    assert wait_for(lambda: read(target) == content), "reply.txt did not reach {}".format(first["name"])


def test_check_diff_drift_report_passes_unchanged_and_drifted(cluster):
    """The drift report docs/drift.md recommends (--check --diff) fails nowhere and writes nothing."""
    nodes = cluster["nodes"]
    homes = {node["name"]: read(os.path.join(node["home"], "config.xml")) for node in nodes}
    rc, output, recap = run_playbook(cluster["inventory"], args=["--check", "--diff"])
    assert rc == 0, output
    for host, counts in recap.items():
        assert counts["changed"] == 0 and counts["failed"] == 0, f"{host} reports drift on an unchanged node:\n{output}"
    # drift on one node: its folder is no longer shared with the others, an ignore line is gone
    drifted = nodes[0]
    client = client_for(drifted)
    folder = client.get_folder("shared")
    client.put_folder(dict(folder, devices=[{"deviceID": drifted["device_id"]}]))
    client.new_ignores("shared", [line for line in client.get_ignores("shared")["ignore"] if line != "*.tmp"])
    before = read(os.path.join(drifted["home"], "config.xml"))
    rc, output, recap = run_playbook(cluster["inventory"], args=["--check", "--diff"])
    assert rc == 0, output
    assert recap[drifted["name"]]["failed"] == 0 and recap[drifted["name"]]["changed"] > 0, output
    assert "*.tmp" in output, output  # the diff of the ignore file
    assert read(os.path.join(drifted["home"], "config.xml")) == before, "check mode wrote the config"
    for node in nodes[1:]:
        assert read(os.path.join(node["home"], "config.xml")) == homes[node["name"]]
    # a real run corrects the drift
    rc, output, recap = run_playbook(cluster["inventory"])
    assert rc == 0 and recap[drifted["name"]]["changed"] > 0, output
    assert sorted(entry["deviceID"] for entry in client.get_folder("shared")["devices"]) == sorted(
        node["device_id"] for node in nodes
    )
    assert "*.tmp" in client.get_ignores("shared")["ignore"]
