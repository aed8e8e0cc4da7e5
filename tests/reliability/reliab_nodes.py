# Copyright (c) 2026, syncthing.rest contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""The reliability suite's nodes: settings made outside any play, and waiting for a GUI change to settle."""

import os
import time

from realserver import client_for, new_device_id

IGNORE_LINES = ["// made outside any play", "*.tmp", "!keep.tmp"]


def populate(node):
    """Folders, a device, options and GUI settings made through the API, outside any play."""
    client = client_for(node)
    peer = new_device_id()
    client.set_devices(
        [dict(client.get_default_device(), deviceID=peer, name="outside-peer", addresses=["tcp://127.0.0.1:1"])]
    )
    template = client.get_default_folder()
    folders = []
    for folder_id, label in (("outside", "Made outside"), ("ign", "Has ignores")):
        path = os.path.join(node["data"], folder_id)
        os.makedirs(path, exist_ok=True)
        folders.append(
            dict(
                template,
                id=folder_id,
                label=label,
                path=path,
                rescanIntervalS=1234,
                devices=[{"deviceID": node["device_id"]}, {"deviceID": peer}],
            )
        )
    client.set_folders(folders)
    client.new_ignores("ign", IGNORE_LINES)
    client.patch_options({"maxRecvKbps": 4321})
    client.patch_gui({"theme": "dark"})
    settle(node)
    node["peer"] = peer
    return node


def settle(node):
    """Wait until a GUI change has restarted the listener (Syncthing does that after answering the write)."""
    time.sleep(1.5)
    client_for(node).get_status()  # a GET, retried while the listener is away
