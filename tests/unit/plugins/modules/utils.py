# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Helpers to run a module's main() in unit tests and capture what it exits with."""

import contextlib
import json
from unittest import mock

import pytest
from ansible.module_utils import basic
from ansible.module_utils.common.text.converters import to_bytes

try:
    from ansible.module_utils.testing import patch_module_args
except ImportError:  # ansible-core < 2.19
    patch_module_args = None

URL = "http://st.test:8384"
KEY = "unit-test-api-key-0123456789"
CONNECTION = {"url": URL, "api_key": KEY}


class AnsibleExitJson(Exception):
    """exit_json was called; ``result`` holds its arguments."""

    def __init__(self, result):
        super().__init__(result)
        self.result = result


class AnsibleFailJson(Exception):
    """fail_json was called; ``result`` holds its arguments."""

    def __init__(self, result):
        super().__init__(result)
        self.result = result


@contextlib.contextmanager
def set_module_args(args):
    """Make ``args`` the arguments of AnsibleModule instances created inside the block."""
    args = dict(args)
    args.setdefault("_ansible_remote_tmp", "/tmp")
    args.setdefault("_ansible_keep_remote_files", False)
    if patch_module_args is not None:
        with patch_module_args(args):
            yield
    else:
        with mock.patch.object(basic, "_ANSIBLE_ARGS", to_bytes(json.dumps({"ANSIBLE_MODULE_ARGS": args}))):
            yield


def _exit_json(self, **kwargs):
    kwargs.setdefault("changed", False)
    raise AnsibleExitJson(kwargs)


def _fail_json(self, **kwargs):
    kwargs["failed"] = True
    raise AnsibleFailJson(kwargs)


@contextlib.contextmanager
def capture_exit():
    """Turn exit_json/fail_json into AnsibleExitJson/AnsibleFailJson exceptions."""
    with mock.patch.multiple(basic.AnsibleModule, exit_json=_exit_json, fail_json=_fail_json):
        yield


def _run_expecting(outcome, main, args, connection):
    args = dict(CONNECTION, **args) if connection else args
    with set_module_args(args), capture_exit():
        with pytest.raises(outcome) as exc:
            main()
    return exc.value.result


def run_module(main, args, connection=True):
    """Run ``main()`` with ``args`` (plus url/api_key unless ``connection=False``); return the exit_json result."""
    return _run_expecting(AnsibleExitJson, main, args, connection)


def fail_module(main, args, connection=True):
    """Run ``main()`` expecting fail_json; return its arguments."""
    return _run_expecting(AnsibleFailJson, main, args, connection)


def run_module_output(main, args, capsys):
    """Run ``main()`` for real (no_log filtering included); return ``(rc, stdout text, parsed JSON)``."""
    with set_module_args(args):
        with pytest.raises(SystemExit) as exc:
            main()
    out = capsys.readouterr().out
    return exc.value.code, out, json.loads(out)


def expect(rsps, method, path, json_body=None, status=200, params=None, body=None, text=None, version="v1.29.5"):
    """Register one expected request, pinned to its exact query, body and API key header."""
    from responses import matchers

    match = [matchers.header_matcher({"X-API-Key": KEY}), matchers.query_param_matcher(params or {})]
    if body is not None:
        match.append(matchers.json_params_matcher(body) if not isinstance(body, str) else matchers.body_matcher(body))
    kwargs = {"status": status, "match": match, "headers": {"X-Syncthing-Version": version}}
    if text is not None:
        kwargs["body"] = text
    elif json_body is not None:
        kwargs["json"] = json_body
    else:
        kwargs["body"] = ""
    return rsps.add(method, URL + path, **kwargs)


def run_main(capsys, main, args, secrets=(KEY,)):
    """Run a module's real ``main()`` with ``args``; return the JSON it printed (exit or fail).

    ``invocation`` is dropped: whether ansible-core adds it differs between versions (2.21 does not).
    None of ``secrets`` may appear in the output.
    """
    with set_module_args(args):
        with pytest.raises(SystemExit):
            main()
    out = capsys.readouterr().out
    for secret in secrets:
        assert secret not in out
    result = json.loads(out)
    result.pop("invocation", None)
    return result


def warnings_given():
    """The texts of the warnings modules gave in this process (ansible-core 2.21 keeps objects, not strings)."""
    from ansible.module_utils.common.warnings import get_warning_messages

    return [str(item) for item in get_warning_messages()]
