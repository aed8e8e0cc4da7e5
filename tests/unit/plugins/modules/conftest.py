# Copyright (c) 2026, syncthing.rest contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fixtures for the module tests."""

import pytest

from ansible_collections.syncthing.rest.plugins.module_utils import _wait


@pytest.fixture(autouse=True)
def no_sleep(monkeypatch):
    """Waiting loops (restart, scan, in-sync) poll without real pauses."""
    monkeypatch.setattr(_wait.time, "sleep", lambda seconds: None)


@pytest.fixture(autouse=True)
def fresh_warnings(monkeypatch):
    """AnsibleModule keeps warnings in a process-wide registry (a list up to 2.18, a dict after): start each test
    without any, so that one module test's warnings never show up in another's result."""
    from ansible.module_utils.common import warnings

    monkeypatch.setattr(warnings, "_global_warnings", type(warnings._global_warnings)())
