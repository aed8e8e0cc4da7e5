# Copyright (c) 2026, syncthing.rest contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fixtures that run hermetic Syncthing servers on loopback (see tools/stnode.py)."""

import os

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))

import stnode

from ansible_collections.syncthing.rest.plugins.module_utils.client import SyncthingClient


def pytest_generate_tests(metafunc):
    if "version" in metafunc.fixturenames:
        versions = metafunc.config.getoption("versions").split()
        metafunc.parametrize("version", versions, scope="session")


@pytest.fixture(scope="session")
def nodes():
    manager = stnode.NodeSet(prefix="st-live-")
    yield manager
    manager.stop_all()


@pytest.fixture(scope="session")
def node(nodes, version):
    """One running node per version, shared by the session."""
    return nodes.start(version, "main")


@pytest.fixture
def client(node):
    return SyncthingClient(node["api_key"], node["url"], timeout=30)
