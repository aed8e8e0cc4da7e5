# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The identity recipe of docs/pairing.md: community.crypto makes the key and certificate before the first start,
the filter syncthing.rest.device_id computes the device ID, and the node started on that home reports that ID."""

import os
import re
import sys

import pytest
from e2e_playbook import run_playbook
from realserver import COLL

RECIPE_START = "- name: Give each Syncthing host its identity before the first start\n"
# the test's own last task: the fact the recipe set, written where the test reads it
REPORT = """
    - name: Report the device ID to the test
      ansible.builtin.copy:
        content: "{{ syncthing_device_id }}"
        dest: "{{ syncthing_home }}/../device-id.txt"
        mode: "0644"
"""


def recipe():
    """The recipe's playbook, as docs/pairing.md shows it."""
    with open(os.path.join(COLL, "docs", "pairing.md")) as handle:
        blocks = re.findall(r"```yaml\n(.*?)```", handle.read(), re.S)
    found = [block for block in blocks if block.startswith(RECIPE_START)]
    assert len(found) == 1, "docs/pairing.md must show the identity recipe once"
    return "---\n" + found[0]


@pytest.fixture(scope="module")
def crypto_collections():
    path = os.environ.get("CRYPTO_COLLECTIONS", "")
    if not os.path.exists(os.path.join(path, "ansible_collections", "community", "crypto", "MANIFEST.json")):
        pytest.skip("community.crypto is not installed: make crypto-collection (make e2e does it)")
    return path


def test_the_filter_gives_the_id_the_node_reports(nodes, version, crypto_collections, tmp_path):
    playbook = tmp_path / "identity.yml"
    playbook.write_text(recipe() + REPORT)
    runs = []

    def make_identity(home):
        inventory = tmp_path / "inventory.yml"
        inventory.write_text(
            "syncthing_hosts:\n  hosts:\n    fresh:\n      ansible_connection: local\n"
            f"      ansible_python_interpreter: {sys.executable}\n      syncthing_home: {home}\n"
        )
        env = {"ANSIBLE_COLLECTIONS_PATH": f"{os.environ['ANSIBLE_COLLECTIONS_PATH']}:{crypto_collections}"}
        for _run in range(2):
            runs.append(run_playbook(str(inventory), str(playbook), timeout=300, env_extra=env))

    node = nodes.start(version, "fresh", before_start=make_identity)
    (rc1, out1, recap1), (rc2, out2, recap2) = runs
    assert rc1 == 0 and rc2 == 0, out1 + out2
    # first run: the home, the key and the certificate; second run: nothing
    assert recap1["fresh"]["changed"] >= 3 and recap2["fresh"]["changed"] == 0, out1 + out2
    with open(os.path.join(node["home"], "..", "device-id.txt")) as handle:
        computed = handle.read()
    assert computed == node["device_id"]
    # Syncthing used the certificate it was given (it did not make its own)
    with open(os.path.join(node["home"], "cert.pem")) as handle:
        assert "BEGIN CERTIFICATE" in handle.read()
    assert re.fullmatch(r"([A-Z2-7]{7}-){7}[A-Z2-7]{7}", computed)
