# Copyright (c) 2026, syncthing.rest contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fixtures for the module tests."""

import pytest

from ansible_collections.syncthing.rest.plugins.module_utils import _wait


@pytest.fixture(autouse=True)
def no_sleep(monkeypatch):
    """Waiting loops (restart, scan, in-sync) poll without real pauses."""
    monkeypatch.setattr(_wait.time, "sleep", lambda seconds: None)
