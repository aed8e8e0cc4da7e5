# Copyright (c) 2026, syncthing.rest contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""The live suite's node: one plain node per version, shared by the session (nodes: tests/realserver.py)."""

import pytest
from realserver import client_for


@pytest.fixture(scope="session")
def node(nodes, version):
    """One running node per version, shared by the session."""
    return nodes.start(version, "main")


@pytest.fixture
def client(node):
    return client_for(node, timeout=30)
