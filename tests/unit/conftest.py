# Copyright (c) 2026, syncthing.rest contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Shared unit-test fixtures."""

import pytest
import responses
from hypothesis import settings

from ansible_collections.syncthing.rest.plugins.module_utils.client import SyncthingClient

# Property tests check behaviour, not speed: no per-example deadline (timings vary on a shared machine).
settings.register_profile("syncthing-rest", deadline=None, database=None)  # nothing written to disk
settings.load_profile("syncthing-rest")

URL = "http://st.test:8384"
KEY = "unit-test-api-key-0123456789"


@pytest.fixture
def mocked():
    with responses.RequestsMock(assert_all_requests_are_fired=True) as rsps:
        yield rsps


@pytest.fixture
def client():
    return SyncthingClient(KEY, URL, retries=2, backoff=0)
