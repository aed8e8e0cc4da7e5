# Copyright (c) 2026, syncthing.rest contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""The rulebooks of extensions/eda/rulebooks under real ansible-rulebook, against real Syncthing nodes.

Writes are counted, not runs: the playbooks reach the node through a counting proxy (benchmarks/proxy.py), the
event source reaches it directly, so every write the proxy sees is one the rulebook made. Syncthing's own
ConfigSaved events are watched too: after a correction, every config Syncthing saves has the managed value.
"""

import os
import threading
import xml.etree.ElementTree as ET

import pytest
from events_rulebook import Rulebook, host_entry, write_yaml
from proxy import CountingProxy
from realserver import SyncthingConnectionError, client_for, wait_until
from stnode import alive as pid_running

WRITES = ("PUT", "POST", "PATCH", "DELETE")
MANAGED = {"id": "docs", "label": "Docs"}


def writes(proxy):
    """The write requests the proxy forwarded: {"PUT /rest/config/folders": n, ...}."""
    return {key: n for key, n in proxy.tally.snapshot()["by_path"].items() if key.split()[0] in WRITES}


class ConfigSavedWatcher:
    """Collects the ``docs`` label of every config Syncthing saves (ConfigSaved events), from a subscription of its
    own; survives the node's restarts."""

    def __init__(self, node):
        self.client = client_for(node, retries=0)
        self.labels = []
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        last = None
        while not self.stopping.is_set():
            try:
                if last is None:
                    last = max([e["id"] for e in self.client.get_events(0, 1, 0, "ConfigSaved")] or [0])
                for event in self.client.get_events(last, timeout=1, events="ConfigSaved"):
                    last = event["id"]
                    folders = {f["id"]: f for f in event["data"].get("folders") or []}
                    self.labels.append(folders.get("docs", {}).get("label"))
            except Exception:  # pylint: disable=broad-exception-caught  # the node restarts in scenario 3
                last = None
                self.stopping.wait(0.5)

    def mark(self):
        return len(self.labels)

    def since(self, mark):
        return self.labels[mark:]

    def stop(self):
        self.stopping.set()
        self.thread.join(10)


def folder(client):
    return client.get_folder("docs")


def edit_like_the_gui(client, **fields):
    """What the GUI does on Save: the whole config, one folder changed, PUT back."""
    config = client.get_config()
    for item in config["folders"]:
        if item["id"] == "docs":
            item.update(fields)
    client.new_config(config)


def edit_config_xml(node, label):
    path = os.path.join(node["home"], "config.xml")
    tree = ET.parse(path)
    for item in tree.getroot().findall("folder"):
        if item.get("id") == "docs":
            item.set("label", label)
    tree.write(path)


@pytest.fixture
def drift(nodes, version, tmp_path):
    """A node with a managed folder, the drift-correction rulebook following it; everything stopped by PID."""
    node = nodes.start(version, "drift")
    client = client_for(node)
    client.set_folders([dict(client.get_default_folder(), path=node["data"], rescanIntervalS=3600, **MANAGED)])
    proxy = CountingProxy(node["url"]).__enter__()
    inventory = write_yaml(
        tmp_path / "inventory.yml",
        {"all": {"hosts": {"node-a": host_entry(node, syncthing_url=proxy.url, syncthing_folders=[MANAGED])}}},
    )
    variables = write_yaml(
        tmp_path / "vars.yml",
        {"syncthing_host": "node-a", "syncthing_url": node["url"], "syncthing_api_key": node["api_key"]},
    )
    watcher = ConfigSavedWatcher(node)
    rulebook = Rulebook("drift_correction.yml", inventory, variables, tmp_path / "rulebook.log")
    try:
        rulebook.wait_for("syncthing.rest.events: following")
        rulebook.wait_quiet()
        yield {"node": node, "client": client, "proxy": proxy, "rulebook": rulebook, "watcher": watcher}
    finally:
        rulebook.stop()
        watcher.stop()
        proxy.__exit__(None, None, None)
        nodes.stop(node)
        assert not pid_running(node["pid"]), f"Syncthing {node['pid']} still runs"
    assert "Traceback" not in rulebook.text()
    assert node["api_key"] not in rulebook.text()


def test_drift_correction(drift, nodes):
    node, client, proxy, rulebook, watcher = (drift[k] for k in ("node", "client", "proxy", "rulebook", "watcher"))

    # 1. a managed field edited the way the GUI edits it: corrected with exactly one write, none after it
    proxy.tally.reset()
    mark = watcher.mark()
    edit_like_the_gui(client, label="Edited in the GUI")
    wait_until(lambda: folder(client)["label"] == "Docs", timeout=60)
    rulebook.wait_quiet()
    assert writes(proxy) == {"PUT /rest/config/folders": 1}, rulebook.text()[-3000:]
    # what Syncthing saved: the edit (1.19.2 saves a whole-config PUT twice), then only the corrected label
    saved = watcher.since(mark)
    corrected = saved.index("Docs")
    assert corrected and set(saved[:corrected]) == {"Edited in the GUI"} and set(saved[corrected:]) == {"Docs"}, saved
    assert folder(client)["label"] == "Docs"

    # 2. an unmanaged field changed: kept, nothing written (the converge it triggers is a no-op)
    proxy.tally.reset()
    runs = rulebook.run_count()
    edit_like_the_gui(client, rescanIntervalS=1234)
    wait_until(lambda: rulebook.run_count() > runs, timeout=60)
    rulebook.wait_quiet()
    assert writes(proxy) == {}
    assert folder(client)["rescanIntervalS"] == 1234 and folder(client)["label"] == "Docs"

    # 3. Syncthing stopped, the label edited in config.xml while it is down, started again: the source notices
    # the restart, sends EventsMissed, and the converge corrects the edit with one write
    proxy.tally.reset()
    nodes.stop(node)
    edit_config_xml(node, "Edited while down")
    nodes.start_again(node)
    rulebook.wait_for("may have been missed", timeout=90)
    wait_until(lambda: folder(client)["label"] == "Docs", timeout=90, ignore=(SyncthingConnectionError,))
    rulebook.wait_quiet()
    assert writes(proxy) == {"PUT /rest/config/folders": 1}, rulebook.text()[-3000:]
    assert folder(client)["rescanIntervalS"] == 1234
    assert rulebook.text().count("may have been missed") == 1


def test_new_devices_accepts_the_inventory_and_leaves_strangers(nodes, version, tmp_path):
    # 4. a pending device the inventory knows is accepted; a stranger stays pending
    hub = nodes.start(version, "hub")
    known = nodes.start(version, "known")
    stranger = nodes.start(version, "stranger")
    inventory = write_yaml(
        tmp_path / "inventory.yml",
        {
            "all": {
                "hosts": {
                    "hub": host_entry(hub, syncthing_device_id=hub["device_id"]),
                    "known": host_entry(
                        known, syncthing_device_id=known["device_id"], syncthing_address=known["listen"]
                    ),
                }
            }
        },
    )
    variables = write_yaml(
        tmp_path / "vars.yml",
        {"syncthing_host": "hub", "syncthing_url": hub["url"], "syncthing_api_key": hub["api_key"]},
    )
    rulebook = Rulebook("new_devices.yml", inventory, variables, tmp_path / "rulebook.log")
    hub_client = client_for(hub)
    try:
        rulebook.wait_for("syncthing.rest.events: following")
        for peer in (known, stranger):  # each knocks at the hub
            peer_client = client_for(peer)
            device = dict(peer_client.get_default_device(), deviceID=hub["device_id"], name="hub")
            peer_client.set_devices([dict(device, addresses=[hub["listen"]])])
        wait_until(lambda: stranger["device_id"] in (hub_client.get_pending_devices() or {}), timeout=120)
        wait_until(lambda: known["device_id"] in {d["deviceID"] for d in hub_client.get_config()["devices"]}, 120)
        rulebook.wait_quiet()
        devices = {d["deviceID"]: d for d in hub_client.get_config()["devices"]}
        assert devices[known["device_id"]]["name"] == "known"
        assert devices[known["device_id"]]["addresses"] == [known["listen"]]
        assert stranger["device_id"] not in devices
        assert stranger["device_id"] in hub_client.get_pending_devices()
    finally:
        rulebook.stop()
        for node in (hub, known, stranger):
            nodes.stop(node)
            assert not pid_running(node["pid"]), f"Syncthing {node['pid']} still runs"
    assert "Traceback" not in rulebook.text()
