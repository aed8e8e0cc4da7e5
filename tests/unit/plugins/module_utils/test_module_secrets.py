# Copyright (c) 2026, syncthing.rest contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Secrets nested in dict options are hidden even when argument validation fails (it echoes the arguments)."""

from unittest import mock

import pytest
from ansible.module_utils import basic

from ansible_collections.syncthing.rest.plugins.module_utils._module import SyncthingModule, secret_values
from ansible_collections.syncthing.rest.plugins.module_utils.client import SyncthingClient
from ansible_collections.syncthing.rest.tests.unit.plugins.modules.utils import set_module_args


class Failed(Exception):
    pass


def _fail(self, **kwargs):
    raise Failed(set(self.no_log_values), kwargs)


def test_secret_values_finds_nested_secrets_only():
    params = {
        "gui": {"password": "pw", "user": "admin", "apiKey": ""},
        "folders": [{"id": "f", "devices": [{"deviceID": "X", "encryptionPassword": "enc"}]}],
        "ldap": {"bindPassword": "bind"},
        "password": None,
    }
    assert secret_values(params) == {"pw", "enc", "bind"}


def test_failed_validation_already_knows_the_nested_secrets():
    args = {
        "url": "http://st.test:8384",
        "api_key": "k",
        "gui": {"password": "gui-secret"},
        "folders": [{"devices": [{"encryptionPassword": "enc-secret"}]}],
        "update_password": "sometimes",
    }
    with set_module_args(args), mock.patch.object(basic.AnsibleModule, "fail_json", _fail):
        with pytest.raises(Failed) as info:
            SyncthingModule(
                client_class=SyncthingClient,
                argument_spec={
                    "gui": {"type": "dict"},
                    "folders": {"type": "list", "elements": "dict"},
                    "update_password": {"type": "str", "choices": ["always", "on_create"]},
                },
            )
    no_log, result = info.value.args
    assert "update_password" in result["msg"]
    assert {"gui-secret", "enc-secret", "k"} <= no_log
