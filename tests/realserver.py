# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The real-server fixture set of tests/live, tests/reliability and tests/e2e (a pytest plugin, see tests/conftest.py).

Option: ``--versions`` (the Syncthing matrix; make passes it). Fixtures: ``nodes``, one
session-wide ``stnode.NodeSet`` of hermetic loopback nodes, each stopped by its PID at the end; ``version``, every
test that uses ``nodes`` (directly or through a suite's ``node``) runs once per version. Helpers: ``client_for``,
``new_device_id``.
"""

import os

import pytest
import stnode

from ansible_collections.syncthing.rest.plugins.module_utils.client import SyncthingClient
from ansible_collections.syncthing.rest.plugins.module_utils.device_id import device_id_from_bytes


def pytest_addoption(parser):
    parser.addoption("--versions", default="1.19.2 1.29.5", help="Syncthing versions to test against (space-separated)")


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
