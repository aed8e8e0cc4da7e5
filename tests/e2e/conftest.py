# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""End-to-end fixtures: hermetic Syncthing nodes on loopback, an inventory of local hosts, ansible-playbook."""

import os
import re
import subprocess
import sys
import time

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
COLL = os.path.dirname(os.path.dirname(HERE))
import stnode

RECAP = re.compile(r"^(\S+)\s*:\s*ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)", re.M)


def pytest_addoption(parser):
    parser.addoption(
        "--scale-nodes",
        type=int,
        default=5,
        help="nodes of the scale test (tests/e2e/test_scale.py; make scale runs 12)",
    )


def combinations(versions):
    """Each version paired with itself, the oldest paired with the newest, and a three-node cluster with one node
    of each version (the newest fills up when fewer than three are tested)."""
    versions = list(dict.fromkeys(versions))
    combos = [(version, version) for version in versions]
    if len(versions) > 1:
        combos.append((versions[0], versions[-1]))
    combos.append(tuple((versions + [versions[-1]] * 3)[:3]))
    return combos


def pytest_generate_tests(metafunc):
    if "combo" in metafunc.fixturenames:
        combos = combinations(metafunc.config.getoption("versions").split())
        metafunc.parametrize("combo", combos, ids=["+".join(combo) for combo in combos], scope="module")


def collections_path():
    """The folder holding ansible_collections/syncthing/rest (this tree when it is there)."""
    root = os.path.dirname(os.path.dirname(os.path.dirname(COLL)))
    if os.path.basename(os.path.dirname(os.path.dirname(COLL))) == "ansible_collections":
        return root
    return os.environ["ANSIBLE_COLLECTIONS_PATH"]


def write_inventory(path, nodes):
    """An inventory of local hosts, one per node: connection vars, listen address and folder path."""
    lines = ["---", "syncthing_hosts:", "  hosts:"]
    for node in nodes:
        lines += [
            "    {}:".format(node["name"]),
            "      ansible_connection: local",
            f"      ansible_python_interpreter: {sys.executable}",
            "      syncthing_url: {}".format(node["url"]),
            "      syncthing_api_key: {}".format(node["api_key"]),
            "      syncthing_address: {}".format(node["listen"]),
            "      syncthing_folder_path: {}".format(node["folder"]),
        ]
    with open(path, "w") as handle:
        handle.write("\n".join(lines) + "\n")


def run_playbook(inventory, playbook="provision.yml", timeout=900, args=(), env_extra=None):
    """Run examples/<playbook> (or a playbook at an absolute path) against the inventory (a path or a list of
    paths, later ones win), with extra ansible-playbook ``args`` (``--check --diff``);
    return (returncode, output, {host: recap counts})."""
    env = dict(
        os.environ,
        ANSIBLE_COLLECTIONS_PATH=collections_path(),
        ANSIBLE_NOCOLOR="1",
        ANSIBLE_FORCE_COLOR="0",
        ANSIBLE_LOCALHOST_WARNING="0",
        ANSIBLE_RETRY_FILES_ENABLED="0",
    )
    env.update(env_extra or {})
    inventories = [inventory] if isinstance(inventory, str) else list(inventory)
    command = [os.path.join(os.path.dirname(sys.executable), "ansible-playbook")]
    for path in inventories:
        command += ["-i", path]
    command += [os.path.join(COLL, "examples", playbook), *list(args)]
    proc = subprocess.run(command, capture_output=True, text=True, env=env, timeout=timeout, check=False)
    output = proc.stdout + proc.stderr
    recap = {
        m.group(1): {
            "ok": int(m.group(2)),
            "changed": int(m.group(3)),
            "unreachable": int(m.group(4)),
            "failed": int(m.group(5)),
        }
        for m in RECAP.finditer(proc.stdout)
    }
    return proc.returncode, output, recap


def client_for(node):
    """A SyncthingClient of the collection under test for a node."""
    if collections_path() not in sys.path:
        sys.path.insert(0, collections_path())
    from ansible_collections.syncthing.rest.plugins.module_utils.client import SyncthingClient  # pylint: disable=import-outside-toplevel

    return SyncthingClient(node["api_key"], node["url"], timeout=30)


@pytest.fixture(scope="module")
def cluster(combo, tmp_path_factory):
    """Start one node per version of the combination, provision them once; stop every node by PID."""
    root = tmp_path_factory.mktemp("e2e")
    nodes = []
    try:
        for index, version in enumerate(combo):
            name = "node-{}".format("abc"[index])
            node = stnode.start(version, str(root / name), name=name)
            node["folder"] = str(root / ("data-" + name))
            nodes.append(node)
        inventory = str(root / "inventory.yml")
        write_inventory(inventory, nodes)
        first = run_playbook(inventory)
        yield {"nodes": nodes, "inventory": inventory, "first": first}
    finally:
        for node in nodes:
            stnode.stop(node)


def wait_for(predicate, timeout, interval=0.5):
    """Poll ``predicate`` until it returns something true or ``timeout`` seconds pass; return its last value."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    return predicate()


def read_text(path):
    """The text of a file, or None when it cannot be read (not there yet, or not readable)."""
    try:
        with open(path) as handle:
            return handle.read()
    except OSError:
        return None
