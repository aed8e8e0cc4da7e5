# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""An inventory of local hosts, one per node, and ansible-playbook runs against it with their recap counts."""

import os
import re
import subprocess
import sys

from realserver import COLL, collections_path

RECAP = re.compile(r"^(\S+)\s*:\s*ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)", re.M)


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
