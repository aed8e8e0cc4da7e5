# Copyright (c) 2026, syncthing.rest contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""The 27 calls of the binding the client grew from, called as its documentation shows them.

Each call is made positionally (the binding's order) and by keyword (the binding's names, then our
aliases), with the binding's own example arguments; every form must send exactly the same request.
"""

import json
import re
from urllib.parse import parse_qsl, urlsplit

import pytest

from ansible_collections.syncthing.rest.plugins.module_utils.client import SyncthingValidationError

# The binding's own example IDs (both are valid device IDs / usable folder IDs).
DEVICE = "6RBLNBN-6EIGPRG-ZLZR7XI-LDWUXSE-NYWEBLI-3DFE2AI-L2DP3JL-4R77ZAM"
FOLDER = "ms-quarantine"
FILE = "1Ze9NH-00057p-Vl"
NEED = {"progress": [], "queued": [], "rest": [], "page": 1, "perpage": 65536}
CONFIG = {"version": 37, "folders": [], "devices": [], "gui": {"apiKey": "k"}}
VERSION_129 = ("GET", "/rest/system/version", [], None)

# name -> (expected requests [(method, path, query pairs, JSON body or text)], answer, [(args, kwargs) forms])
# The first form is the binding's documented positional call.
BINDING = {
    "get_version": ([("GET", "/rest/system/version", [], None)], {"version": "v1.29.5"}, [((), {})]),
    "get_connections": ([("GET", "/rest/system/connections", [], None)], {"connections": {}, "total": {}}, [((), {})]),
    "get_config": ([("GET", "/rest/config", [], None)], CONFIG, [((), {})]),
    "get_insync": ([("GET", "/rest/system/config/insync", [], None)], {"configInSync": True}, [((), {})]),
    "get_errors": ([("GET", "/rest/system/error", [], None)], {"errors": []}, [((), {})]),
    "get_discovery": ([("GET", "/rest/system/discovery", [], None)], {}, [((), {})]),
    "new_error": (
        [("POST", "/rest/system/error", [], "foo")],
        None,
        [(("foo",), {}), ((), {"message": "foo"}), ((), {"error_body": "foo"})],
    ),
    "clear_errors": ([("POST", "/rest/system/error/clear", [], None)], None, [((), {})]),
    "new_config": (
        [VERSION_129, ("PUT", "/rest/config", [], CONFIG)],
        None,
        [((CONFIG,), {}), ((), {"config": CONFIG})],
    ),
    "restart": ([("POST", "/rest/system/restart", [], None)], {"ok": "restarting"}, [((), {})]),
    "reset": ([("POST", "/rest/system/reset", [], None)], {"ok": "resetting database"}, [((), {})]),
    "shutdown": ([("POST", "/rest/system/shutdown", [], None)], {"ok": "shutting down"}, [((), {})]),
    "get_upgrade": (
        [("GET", "/rest/system/upgrade", [], None)],
        {"running": "v1", "latest": "v1", "newer": False},
        [((), {})],
    ),
    "upgrade": ([("POST", "/rest/system/upgrade", [], None)], None, [((), {})]),
    "get_status": ([("GET", "/rest/system/status", [], None)], {"myID": DEVICE}, [((), {})]),
    "get_ping": ([("GET", "/rest/system/ping", [], None)], {"ping": "pong"}, [((), {})]),
    "browse_database": (
        [("GET", "/rest/db/browse", [("folder", FOLDER), ("levels", "1"), ("prefix", "sub")], None)],
        [],
        [
            ((FOLDER, 2, "sub"), {}),
            ((), {"folder": FOLDER, "level": 2, "prefix": "sub"}),
            ((FOLDER,), {"levels": 1, "prefix": "sub"}),
        ],
    ),
    "get_completion": (
        [("GET", "/rest/db/completion", [("device", DEVICE), ("folder", FOLDER)], None)],
        {"completion": 100},
        [
            ((DEVICE, FOLDER), {}),
            ((), {"device": DEVICE, "folder": FOLDER}),
            ((), {"folder": FOLDER, "device_id": DEVICE}),
            ((DEVICE,), {"folder": FOLDER}),
        ],
    ),
    "get_file": (
        [("GET", "/rest/db/file", [("folder", FOLDER), ("file", FILE)], None)],
        {"global": {}, "local": {}, "availability": []},
        [((FOLDER, FILE), {}), ((), {"folder": FOLDER, "file": FILE}), ((FOLDER,), {"filename": FILE})],
    ),
    "get_ignores": (
        [("GET", "/rest/db/ignores", [("folder", FOLDER)], None)],
        {"ignore": ["foo"], "expanded": ["foo"]},
        [((FOLDER,), {}), ((), {"folder": FOLDER})],
    ),
    "new_ignores": (
        [("POST", "/rest/db/ignores", [("folder", FOLDER)], {"ignore": ["foo"]})],
        {"ignore": ["foo"], "expanded": ["foo"]},
        [
            ((FOLDER, {"ignore": ["foo"]}), {}),
            ((), {"folder": FOLDER, "ignores": {"ignore": ["foo"]}}),
            ((FOLDER, {"ignore": ["foo"], "expanded": ["x"], "error": None, "patterns": ["^foo$"]}), {}),
            ((FOLDER, ["foo"]), {}),
            ((FOLDER, ("foo",)), {}),
        ],
    ),
    "get_need": (
        [("GET", "/rest/db/need", [("folder", FOLDER)], None)],
        NEED,
        [((FOLDER,), {}), ((), {"folder": FOLDER})],
    ),
    "need": ([("GET", "/rest/db/need", [("folder", FOLDER)], None)], NEED, [((FOLDER,), {}), ((), {"folder": FOLDER})]),
    "assign_priority": (
        [("POST", "/rest/db/prio", [("folder", FOLDER), ("file", FILE)], None)],
        NEED,
        [((FOLDER, FILE), {}), ((), {"folder": FOLDER, "file": FILE}), ((FOLDER,), {"filename": FILE})],
    ),
    "scan": (
        [("POST", "/rest/db/scan", [("folder", FOLDER), ("sub", "sub/dir")], None)],
        None,
        [
            ((FOLDER, "sub/dir"), {}),
            ((), {"folder": FOLDER, "subfolder": "sub/dir"}),
            ((FOLDER,), {"sub": "sub/dir"}),
            ((FOLDER, ["sub/dir"]), {}),
        ],
    ),
    "get_folder_status": (
        [("GET", "/rest/db/status", [("folder", FOLDER)], None)],
        {"state": "idle"},
        [((FOLDER,), {}), ((), {"folder": FOLDER})],
    ),
    "get_device_statistics": ([("GET", "/rest/stats/device", [], None)], {DEVICE: {"lastSeen": "x"}}, [((), {})]),
    "get_folder_statistics": ([("GET", "/rest/stats/folder", [], None)], {FOLDER: {"lastScan": "x"}}, [((), {})]),
}

# The binding's example calls that differ from the plain form above only in their optional arguments.
EXTRA = [
    ("browse_database", (FOLDER,), {}, ("GET", "/rest/db/browse", [("folder", FOLDER)], None)),
    ("browse_databse", (FOLDER,), {}, ("GET", "/rest/db/browse", [("folder", FOLDER)], None)),
    # the binding's documented "level: 0 - maximum depth", and its defaults written out (False: not given)
    ("browse_database", (FOLDER,), {"level": 0}, ("GET", "/rest/db/browse", [("folder", FOLDER)], None)),
    ("browse_databse", (FOLDER, False, False), {}, ("GET", "/rest/db/browse", [("folder", FOLDER)], None)),
    ("browse_database", (FOLDER, 1), {}, ("GET", "/rest/db/browse", [("folder", FOLDER), ("levels", "0")], None)),
    ("scan", (FOLDER,), {}, ("POST", "/rest/db/scan", [("folder", FOLDER)], None)),
    ("scan", (FOLDER, False), {}, ("POST", "/rest/db/scan", [("folder", FOLDER)], None)),
    ("reset", (FOLDER,), {}, ("POST", "/rest/system/reset", [("folder", FOLDER)], None)),
    ("reset", (), {"folder": FOLDER}, ("POST", "/rest/system/reset", [("folder", FOLDER)], None)),
    ("get_completion", (DEVICE,), {}, ("GET", "/rest/db/completion", [("device", DEVICE)], None)),
    ("new_ignores", (FOLDER, {"ignore": None}), {}, ("POST", "/rest/db/ignores", [("folder", FOLDER)], {"ignore": []})),
    ("new_ignores", (FOLDER, []), {}, ("POST", "/rest/db/ignores", [("folder", FOLDER)], {"ignore": []})),
]


def test_the_27_calls_are_covered():
    documented = {
        "get_version",
        "get_connections",
        "get_config",
        "get_insync",
        "get_errors",
        "get_discovery",
        "new_error",
        "clear_errors",
        "new_config",
        "restart",
        "reset",
        "shutdown",
        "get_upgrade",
        "upgrade",
        "get_status",
        "get_ping",
        "browse_database",
        "get_completion",
        "get_file",
        "get_ignores",
        "new_ignores",
        "get_need",
        "assign_priority",
        "scan",
        "get_folder_status",
        "get_device_statistics",
        "get_folder_statistics",
    }
    assert len(documented) == 27
    assert set(BINDING) == documented | {"need"}


def _forms():
    for name, (exchanges, answer, forms) in sorted(BINDING.items()):
        for number, (args, kwargs) in enumerate(forms):
            kind = "positional" if number == 0 else f"form{number}"
            yield pytest.param(name, args, kwargs, exchanges, answer, id=f"{name}-{kind}")


def _register(mocked, client, exchanges, answer):
    for index, (method, path, _dummy, _dummy2) in enumerate(exchanges):
        reply = answer if index == len(exchanges) - 1 else {"version": "v1.29.5"}
        pattern = re.compile(re.escape(client.api_url + path) + r"(\?.*)?$")
        if reply is None:
            mocked.add(method, pattern, body="")
        else:
            mocked.add(method, pattern, json=reply)


def _check(request, expected):
    method, path, query, body = expected
    parts = urlsplit(request.url)
    assert (request.method, parts.path) == (method, path)
    assert sorted(parse_qsl(parts.query, keep_blank_values=True)) == sorted(query)
    sent = request.body.decode("utf-8") if isinstance(request.body, bytes) else request.body
    if body is None:
        assert not sent
    elif isinstance(body, str):
        assert sent == body and request.headers["Content-Type"] == "text/plain"
    else:
        assert json.loads(sent) == body and request.headers["Content-Type"] == "application/json"


@pytest.mark.parametrize("name, args, kwargs, exchanges, answer", list(_forms()))
def test_binding_call(mocked, client, name, args, kwargs, exchanges, answer):
    _register(mocked, client, exchanges, answer)
    result = getattr(client, name)(*args, **kwargs)
    assert len(mocked.calls) == len(exchanges)
    for call, expected in zip(mocked.calls, exchanges):
        _check(call.request, expected)
    if name in ("get_ignores", "new_ignores"):
        assert result == {"ignore": ["foo"], "expanded": ["foo"], "error": None}
    else:
        assert result == answer


@pytest.mark.parametrize("name, args, kwargs, expected", EXTRA, ids=[f"{e[0]}-{i}" for i, e in enumerate(EXTRA)])
def test_binding_call_variants(mocked, client, name, args, kwargs, expected):
    _register(mocked, client, [expected], {})
    getattr(client, name)(*args, **kwargs)
    assert len(mocked.calls) == 1
    _check(mocked.calls[0].request, expected)


def test_new_error_sends_other_values_as_json(mocked, client):
    _register(mocked, client, [("POST", "/rest/system/error", [], None)], None)
    client.new_error({"disk": "full"})
    _check(mocked.calls[0].request, ("POST", "/rest/system/error", [], '{"disk": "full"}'))


@pytest.mark.parametrize(
    "call",
    [
        lambda c: c.get_completion(DEVICE, device_id=DEVICE),
        lambda c: c.get_file(FOLDER, FILE, filename=FILE),
        lambda c: c.assign_priority(FOLDER, FILE, filename=FILE),
        lambda c: c.scan(FOLDER, "a", sub="b"),
        lambda c: c.browse_database(FOLDER, 1, levels=2),
        lambda c: c.new_error("a", error_body="b"),
    ],
    ids=["get_completion", "get_file", "assign_priority", "scan", "browse_database", "new_error"],
)
def test_a_parameter_and_its_alias_together_is_a_type_error(mocked, client, call):
    with pytest.raises(TypeError, match="got the same argument twice"):
        call(client)
    assert not mocked.calls


@pytest.mark.parametrize(
    "call, missing",
    [
        (lambda c: c.get_file(FOLDER), "file"),
        (lambda c: c.assign_priority(FOLDER), "file"),
        (lambda c: c.new_error(), "message"),
    ],
    ids=["get_file", "assign_priority", "new_error"],
)
def test_a_missing_required_argument_is_a_type_error(mocked, client, call, missing):
    with pytest.raises(TypeError, match=f"missing required argument: '{missing}'"):
        call(client)
    assert not mocked.calls


@pytest.mark.parametrize(
    "ignores, message",
    [
        ("foo", "not str"),
        (b"foo", "not bytes"),
        ({"lines": ["foo"]}, "needs the key 'ignore'"),
        ({"ignore": "foo"}, "not str"),
        (["foo", 1], "must be a string, got 1"),
        (None, "not NoneType"),
        (5, "not int"),
    ],
)
def test_new_ignores_refuses_other_shapes_before_sending(mocked, client, ignores, message):
    with pytest.raises(SyncthingValidationError, match=re.escape(message)):
        client.new_ignores(FOLDER, ignores)
    assert not mocked.calls
