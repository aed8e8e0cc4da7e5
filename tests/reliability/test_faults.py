# Copyright (c) 2026, syncthing.rest contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Faults: a restart during a play, a server killed while a task waits, a GUI move, a concurrent API change."""

import os
import signal
import socket
import threading
import time

import stnode
from realserver import client_for, new_device_id
from reliab_helpers import adhoc, assert_clean_failure, conn_env, playbook
from reliab_nodes import populate

RESTART_PLAY = """
- hosts: localhost
  gather_facts: false
  tasks:
    - name: before
      syncthing.rest.syncthing_config:
        options: {reconnectionIntervalS: 61}
    - name: restart
      syncthing.rest.syncthing_system:
        command: restart
        wait: false
    - name: after
      syncthing.rest.syncthing_config:
        options: {reconnectionIntervalS: 62}
    - name: read
      syncthing.rest.syncthing_info:
        gather: [version, config]
"""


def test_restart_during_a_play_next_task_succeeds(node):
    client = client_for(node)
    old = client.get_options()["reconnectionIntervalS"]
    started = client.get_status()["startTime"]
    run = playbook(RESTART_PLAY, env=conn_env(node))
    assert run.rc == 0, run
    assert [task for task, _result in run.tasks] == ["before", "restart", "after", "read"]
    assert all(result["_status"] == "ok" for _task, result in run.tasks), run
    assert run.by_name("after")[0]["changed"] is True
    assert run.by_name("read")[0]["config"]["options"]["reconnectionIntervalS"] == 62
    assert client_for(node).get_status()["startTime"] != started
    client_for(node).patch_options({"reconnectionIntervalS": old})


def _kill(node):
    for pid in [*stnode._children(node["pid"]), node["pid"]]:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def test_server_killed_during_wait_in_sync_fails_clearly(nodes, version):
    node = populate(nodes.start(version, "killed"))
    with open(os.path.join(node["data"], "outside", "needed-by-peer.txt"), "w") as handle:
        handle.write("the peer never connects, so it never has this file\n")
    client_for(node).scan("outside")
    runs = []
    thread = threading.Thread(
        target=lambda: runs.append(
            adhoc(
                "syncthing_folder_scan",
                {"folder": "outside", "wait_in_sync": True, "devices": [node["peer"]], "wait_timeout": 20},
                env=conn_env(node),
            )
        )
    )
    thread.start()
    time.sleep(5)
    _kill(node)
    thread.join(120)
    assert not thread.is_alive(), "the task hangs after the server was killed"
    run = runs[0]
    assert_clean_failure(
        run, r"timed out after 20s waiting for .*last error: .*cannot connect to {}".format(node["url"])
    )
    assert run.elapsed < 60, run.elapsed


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_gui_address_change_is_reported_and_followed(nodes, version):
    node = nodes.start(version, "moved")
    port = _free_port()
    new_url = f"http://127.0.0.1:{port}"
    run = adhoc("syncthing_config", {"gui": {"address": f"127.0.0.1:{port}"}}, env=conn_env(node))
    assert run.result["_status"] == "ok", run
    assert run.result["changed"] is True
    assert any(f"use url={new_url}" in warning for warning in run.result.get("warnings", [])), run
    assert run.result["config"]["gui"]["address"] == f"127.0.0.1:{port}"
    moved = dict(node, url=new_url)
    after = adhoc("syncthing_info", {"gather": ["version"]}, env=conn_env(moved))
    assert after.rc == 0 and after.result["_status"] == "ok", after
    old = adhoc("syncthing_info", {"gather": ["version"]}, env=conn_env(node))
    assert_clean_failure(old, r"cannot connect to {}".format(node["url"]))


def test_concurrent_api_change_between_tasks_is_kept(node):
    task = {"folders": [{"id": "conc", "path": os.path.join(node["data"], "conc"), "label": "one"}]}
    first = adhoc("syncthing_config", task, env=conn_env(node))
    assert first.result["_status"] == "ok" and first.result["changed"] is True, first
    client = client_for(node)
    folder = client.get_folder("conc")
    client.put_folder(dict(folder, rescanIntervalS=77, fsWatcherDelayS=3))
    options = client.get_options()
    client.patch_options({"reconnectionIntervalS": 63})
    peer = new_device_id()
    client.add_device(dict(client.get_default_device(), deviceID=peer, name="added-between"))
    task["folders"][0]["label"] = "two"
    for changed in (True, False):
        run = adhoc("syncthing_config", task, env=conn_env(node))
        assert run.result["_status"] == "ok" and run.result["changed"] is changed, run
    config = client.get_config()
    folder = next(item for item in config["folders"] if item["id"] == "conc")
    assert (folder["label"], folder["rescanIntervalS"], folder["fsWatcherDelayS"]) == ("two", 77, 3)
    assert config["options"]["reconnectionIntervalS"] == 63
    assert peer in [device["deviceID"] for device in config["devices"]]
    client.delete_folder("conc")
    client.delete_device(peer)
    client.patch_options({"reconnectionIntervalS": options["reconnectionIntervalS"]})
