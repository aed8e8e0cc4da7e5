# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The real-server fixture set of tests/live, tests/reliability and tests/e2e (a pytest plugin, see tests/conftest.py).

Options: ``--versions`` (the Syncthing matrix; make passes it) and ``--scale-nodes``. Fixtures: ``nodes``, one
session-wide ``stnode.NodeSet`` of hermetic loopback nodes, each stopped by its PID at the end; ``version``, every
test that uses ``nodes`` (directly or through a suite's ``node``) runs once per version. Helpers: ``client_for``,
``new_device_id``, ``wait_for``, ``read_text`` and where the collection under test is (``COLL``,
``collections_path``).
"""

import os
import time

import pytest
import stnode

from ansible_collections.syncthing.rest.plugins.module_utils.client import SyncthingClient, SyncthingConnectionError
from ansible_collections.syncthing.rest.plugins.module_utils.device_id import device_id_from_bytes

# the collection under test: the folder holding tests/
COLL = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def pytest_addoption(parser):
    parser.addoption("--versions", default="1.19.2 1.29.5", help="Syncthing versions to test against (space-separated)")
    parser.addoption(
        "--scale-nodes",
        type=int,
        default=5,
        help="nodes of the scale test (tests/e2e/test_scale.py; make scale runs 12)",
    )


def pytest_generate_tests(metafunc):
    """A test that starts real servers (it uses ``nodes``) and asks for ``version`` runs once per version."""
    if "version" in metafunc.fixturenames and "nodes" in metafunc.fixturenames:
        metafunc.parametrize("version", metafunc.config.getoption("versions").split(), scope="session")


@pytest.fixture(scope="session")
def nodes():
    """Nodes started on demand for the whole session; each is stopped by its PID at the end."""
    manager = stnode.NodeSet(prefix="st-tests-")
    yield manager
    manager.stop_all()


def client_for(node, **kwargs):
    """A SyncthingClient of the collection under test for a node."""
    return SyncthingClient(node["api_key"], node["url"], **kwargs)


def new_device_id():
    """A valid device ID that belongs to no node."""
    return device_id_from_bytes(os.urandom(32))


def add_peer(client, node, name, **fields):
    """Configure ``node`` (a started node) as a device of ``client``'s node, at its listen address."""
    device = dict(client.get_default_device(), deviceID=node["device_id"], name=name, addresses=[node["listen"]])
    client.set_devices([dict(device, **fields)])


def share_folder(client, folder_id, path, nodes=None, **fields):
    """Create folder ``folder_id`` at ``path`` (made if missing) on ``client``'s node, shared with every node of
    ``nodes`` (None: as the default folder template says)."""
    os.makedirs(path, exist_ok=True)
    folder = dict(client.get_default_folder(), id=folder_id, path=path, **fields)
    if nodes is not None:
        folder["devices"] = [{"deviceID": node["device_id"]} for node in nodes]
    client.set_folders([folder])


def wait_for(predicate, timeout, interval=0.5, ignore=()):
    """Poll ``predicate`` until it returns something true or ``timeout`` seconds pass; return its last value.

    Exceptions of the types in ``ignore`` count as a false value (a node restarting, an answer not there yet).
    """
    deadline = time.time() + timeout
    while True:
        try:
            value = predicate()
        except ignore:
            value = None
        if value or time.time() >= deadline:
            return value
        time.sleep(interval)


def wait_until(predicate, timeout=20, interval=0.2, ignore=()):
    """``wait_for`` that fails the test (AssertionError) when the condition is not met in time."""
    value = wait_for(predicate, timeout, interval, ignore)
    if not value:
        raise AssertionError(f"condition not met within {timeout}s")
    return value


def wait_restarted(client, start_time, timeout=60):
    """Wait until the node answers again, from a new process (another ``startTime``)."""
    wait_until(lambda: client.get_status()["startTime"] != start_time, timeout, ignore=(SyncthingConnectionError,))


def read_text(path):
    """The text of a file, or None when it cannot be read (not there yet, or not readable)."""
    try:
        with open(path) as handle:
            return handle.read()
    except OSError:
        return None


def collections_path():
    """The folder holding ansible_collections/syncthing/rest (this tree when it is there)."""
    root = os.path.dirname(os.path.dirname(os.path.dirname(COLL)))
    if os.path.basename(os.path.dirname(os.path.dirname(COLL))) == "ansible_collections":
        return root
    return os.environ["ANSIBLE_COLLECTIONS_PATH"]
