# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""A real Syncthing 2.x database migration: a 1.29.5 home whose index 2.1.3 needs more than 5 s to migrate.

While it migrates, 2.1.3's temporary server answers every request with ``200 OK`` and ``*** Database migration in
progress ***`` (upstream cmd/syncthing/main.go, ``migratingAPI``; it opens only after 5 s). The client must say so
(SyncthingMigrationError), a task without a wait must fail naming it, and a task that waits must wait it out.

Size: on a 2-core machine shared with other work, 2.1.3 migrated 20,000 files in about 4 s (no temporary server)
and 60,000 in about 15 s (temporary server from 5 s to 15 s). With 60,000 the playbook started once the temporary
server answered once reached Syncthing only after the migration, under load; the test uses 100,000 files, so the
temporary server answers for about 20 s (about two minutes in all).
"""

import json
import os
import sys
import time

import pytest
import stnode
from e2e_playbook import run_playbook
from realserver import client_for, wait_until

from ansible_collections.syncthing.rest.plugins.module_utils.client import (
    SyncthingConnectionError,
    SyncthingMigrationError,
)

OLD, NEW = "1.29.5", "2.1.3"
FILES, DIRS = 100000, 100

PLAYBOOK = """---
- name: Meet a database migration
  hosts: localhost
  gather_facts: false
  module_defaults:
    group/syncthing.rest.syncthing:
      url: {url}
      api_key: {api_key}
  tasks:
    - name: A task without a wait meets the migration
      syncthing.rest.syncthing_info:
        gather: [version]
      register: st_during
      ignore_errors: true

    - name: A task that waits waits it out
      syncthing.rest.syncthing_folder_scan:
        folder: big
        wait_in_sync: true
        wait_timeout: 240
      register: st_after

    - name: Keep both results for the test
      ansible.builtin.copy:
        content: "{{{{ {{'during': st_during, 'after': st_after}} | to_json }}}}"
        dest: {results}
        mode: "0600"
"""


@pytest.fixture
def old_home(request, tmp_path):
    """A 1.29.5 node's home with a scanned folder of FILES files, the node stopped again."""
    versions = request.config.getoption("versions").split()
    missing = [v for v in (OLD, NEW) if v not in versions or v not in stnode.binaries()]
    if missing:
        pytest.skip(f"the migration test needs Syncthing {OLD} and {NEW} (not tested: {' '.join(missing)})")
    node = stnode.start(OLD, str(tmp_path / "home"), name="migrating", monitor=False)
    try:
        data = tmp_path / "data"
        for index in range(FILES):
            sub = data / f"d{index % DIRS}"
            if index < DIRS:
                sub.mkdir(parents=True)
            os.close(os.open(sub / f"f{index}", os.O_CREAT | os.O_WRONLY, 0o644))
        client = client_for(node)
        folder = dict(client.get_default_folder(), id="big", path=str(data), fsWatcherEnabled=False)
        client.set_folders([folder])

        def scanned():
            status = client.get_folder_status("big")
            return status["state"] == "idle" and status["localFiles"] == FILES

        wait_until(scanned, timeout=300, interval=1)
    finally:
        stnode.stop(node)
    return node


def test_a_2x_migration_is_named_and_waited_out(old_home, tmp_path):
    node = stnode.start(
        NEW,
        old_home["home"],
        name="migrating",
        api_key=old_home["api_key"],
        monitor=False,
        gui_port=int(old_home["url"].rsplit(":", 1)[1]),
        listen_port=int(old_home["listen"].rsplit(":", 1)[1]),
        wait=False,
    )
    try:
        client = client_for(node, retries=0, timeout=5)
        started = time.monotonic()

        def migrating():
            try:
                client.get_status()
            except SyncthingMigrationError as exc:
                return exc
            except SyncthingConnectionError:
                return None
            raise AssertionError(
                f"{NEW} answered after {time.monotonic() - started:.1f}s without a migration answer: the index of "
                f"{FILES} files migrated in under 5 s here; raise FILES"
            )

        error = wait_until(migrating, timeout=120, interval=0.2)
        assert str(error).startswith("GET /rest/system/status failed: Syncthing is migrating its database to the 2.x")
        assert error.status == 200 and node["api_key"] not in str(error)

        results = tmp_path / "results.json"
        playbook = tmp_path / "migration.yml"
        playbook.write_text(PLAYBOOK.format(url=node["url"], api_key=node["api_key"], results=results))
        inventory = tmp_path / "inventory.ini"
        inventory.write_text(f"localhost ansible_connection=local ansible_python_interpreter={sys.executable}\n")
        rc, output, _recap = run_playbook(str(inventory), str(playbook), timeout=300)
        assert rc == 0, output
        assert node["api_key"] not in output
        answers = json.loads(results.read_text())
        during, after = answers["during"], answers["after"]
        assert during["failed"], (
            f"the first task ran after the migration had ended ({during}); the migration is too short here: raise FILES"
        )
        assert "Syncthing is migrating its database to the 2.x format" in during["msg"], during["msg"]
        assert "not JSON" not in during["msg"]
        assert not after.get("failed") and after["folders"]["big"]["in_sync"], after
        status = client.get_folder_status("big")
        assert status["localFiles"] == FILES and client.get_version()["version"].startswith("v" + NEW)
    finally:
        stnode.stop(node)
