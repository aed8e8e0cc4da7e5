# Copyright (c) 2026, syncthing.rest contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""The README's ad hoc commands and play run as pasted against a real server.

The ad hoc commands run as on a Syncthing host: the modules find the URL and the API key in the node's
config.xml (STHOMEDIR), with an inventory that has the group the README names. The play runs with its
tasks as pasted; only its connection defaults (a TLS URL on port 8384 and a vault variable) are pointed at
the test node, and the folder path into the node's data folder.
"""

import os
import re
import shlex
import sys
import tempfile

import pytest
import yaml
from realserver import client_for
from reliab_helpers import _run
from reliab_nodes import settle

README = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "README.md")


def section(title):
    with open(README) as handle:
        text = handle.read()
    start = text.index("## " + title + "\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end > 0 else None]


def blocks(text, language):
    return re.findall(rf"```{language}\n(.*?)```", text, flags=re.S)


@pytest.fixture
def inventory(node):
    """The README's group with one host: this machine, the node's home as STHOMEDIR."""
    with tempfile.NamedTemporaryFile("w", suffix=".yml", prefix="st-readme-inv-", delete=False) as handle:
        yaml.safe_dump(
            {
                "syncthing_hosts": {
                    "hosts": {
                        "readme-host": {
                            "ansible_connection": "local",
                            "ansible_python_interpreter": sys.executable,
                        }
                    }
                }
            },
            handle,
        )
    yield handle.name
    os.remove(handle.name)


def test_ad_hoc_commands_run_as_pasted(node, inventory):
    commands = [line.split("#")[0].strip() for line in blocks(section("Ad hoc"), "sh")[0].splitlines()]
    commands = [command for command in commands if command]
    assert len(commands) == 3
    client = client_for(node)
    try:
        runs = []
        for command in commands:
            argv = [*shlex.split(command), "-i", inventory]
            assert argv[0] == "ansible"
            runs.append(_run(argv, {"STHOMEDIR": node["home"]}, 120))
            assert runs[-1].rc == 0, runs[-1]
        assert runs[0].result["version"]["version"].lstrip("v").startswith(node["version"])
        # the node has a peer made outside: pausing every device, then resuming them, both change something
        assert [run.result["changed"] for run in runs[1:]] == [True, True], runs
        assert all(not device["paused"] for device in client.get_devices())
    finally:
        client.resume()


def test_play_with_connection_defaults_runs_as_pasted(node):
    play = yaml.safe_load(blocks(section("A first playbook"), "yaml")[0])
    defaults = play[0]["module_defaults"]["group/syncthing.rest.syncthing"]
    assert set(defaults) == {"url", "api_key", "ca_path"}
    play[0].update(
        hosts="localhost",
        gather_facts=False,
        module_defaults={"group/syncthing.rest.syncthing": {"url": node["url"], "api_key": node["api_key"]}},
    )
    folder = play[0]["tasks"][0]["syncthing.rest.syncthing_config"]["folders"][0]
    assert folder["path"] == "/srv/photos"
    folder["path"] = os.path.join(node["data"], "readme-photos")
    client = client_for(node)
    path = _write(yaml.safe_dump(play))
    try:
        runs = [_run(["ansible-playbook", "-i", "localhost,", "-c", "local", path], {}, 180) for _attempt in range(2)]
        assert [run.rc for run in runs] == [0, 0], runs
        assert [run.result["changed"] for run in runs] == [True, False], runs
        photos = client.get_folder("photos")
        nas = [device["deviceID"] for device in client.get_devices() if device["name"] == "nas"]
        assert photos["path"] == folder["path"] and nas and nas[0] in [d["deviceID"] for d in photos["devices"]]
    finally:
        os.remove(path)
        client.delete_folder("photos")
        for device in client.get_devices():
            if device["name"] == "nas":
                client.delete_device(device["deviceID"])
        settle(node)


def _write(text):
    handle, path = tempfile.mkstemp(suffix=".yml", prefix="st-readme-play-")
    with os.fdopen(handle, "w") as out:
        out.write(text)
    return path
