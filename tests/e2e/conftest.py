# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The end-to-end suite's clusters: combinations of versions, each provisioned once by examples/provision.yml
(options and helpers: tests/realserver.py; inventories and playbook runs: e2e_playbook.py)."""

import pytest
import stnode
from e2e_playbook import run_playbook, write_inventory


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
