# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The role's cluster_restart (default if_required): a host whose Syncthing says it needs a restart when the role
writes to it is restarted once, and waited for; a host that does not is left running; a rerun restarts nothing."""

import os

from e2e_playbook import run_playbook, write_inventory
from realserver import client_for


def test_a_pending_restart_is_done_once_by_the_role(nodes, version, tmp_path):
    first, second = nodes.start(version, "restart-a"), nodes.start(version, "restart-b")
    for node in (first, second):
        node["folder"] = os.path.join(node["data"], "shared")
    client = client_for(first)
    # an options change that Syncthing applies only at a restart: databaseTuning up to 1.30, the audit log from 1.30
    change = {"databaseTuning": "large"} if version.startswith("1.") else {"auditEnabled": True}
    client.patch("/rest/config/options", change)
    assert client.requires_restart()
    started = {node["name"]: client_for(node).get_status()["startTime"] for node in (first, second)}
    inventory = str(tmp_path / "inventory.yml")
    write_inventory(inventory, [first, second])

    rc, output, recap = run_playbook(inventory)
    assert rc == 0, output
    after = {node["name"]: client_for(node).get_status()["startTime"] for node in (first, second)}
    assert after[first["name"]] != started[first["name"]], "the host that needed a restart was not restarted"
    assert after[second["name"]] == started[second["name"]], "a host that needed no restart was restarted"
    assert client.requires_restart() is False

    rc, output, recap = run_playbook(inventory)
    assert rc == 0 and all(counts["changed"] == 0 for counts in recap.values()), output
    assert client_for(first).get_status()["startTime"] == after[first["name"]]
