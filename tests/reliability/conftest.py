# Copyright (c) 2026, syncthing.rest contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""The reliability suite's node: one shared node per version with settings made outside any play
(nodes: tests/realserver.py; the settings: reliab_nodes.py)."""

import pytest
from reliab_nodes import populate


@pytest.fixture(scope="session")
def node(nodes, version):
    """The shared node of a version; tests that change it put it back or only add their own objects."""
    return populate(nodes.start(version, "shared"))


@pytest.fixture
def fresh(nodes, version, request):
    """A node of its own for one test, for tests that change GUI passwords, break folders, restart or purge (named
    after the test file, stopped by its PID afterwards)."""
    node = nodes.start(version, request.module.__name__.rsplit(".", 1)[-1].replace("test_", "", 1))
    yield node
    nodes.stop(node)
