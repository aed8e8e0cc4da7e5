# Copyright (c) 2026, syncthing.rest contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""One case per public SyncthingClient method: the exact requests it sends and what it returns."""

import inspect
import json
import re
from collections import namedtuple
from urllib.parse import parse_qsl, urlsplit

import pytest

from ansible_collections.syncthing.rest.plugins.module_utils.client import SyncthingClient

DEV = "MFZWI3D-BONSGYC-YLTMRWG-C43ENR5-QXGZDMM-FZWI3DP-BONSGYY-LTMRWAD"
NOBODY = object()
UNCHECKED = object()
JSON = "application/json"

Case = namedtuple("Case", "name args kwargs exchanges result")
Exchange = namedtuple("Exchange", "method path query body headers reply")


def X(method, path, query=(), body=NOBODY, headers=None, reply=None):
    """One expected request; ``query`` is a list of pairs; ``reply`` the mocked answer (default ``{}``)."""
    return Exchange(method, path, list(query), body, headers or {}, reply if reply is not None else {"json": {}})


def C(name, *args, exchanges, result=UNCHECKED, **kwargs):
    return Case(name, args, kwargs, exchanges if isinstance(exchanges, list) else [exchanges], result)


FOLDER_F1 = {
    "id": "f1",
    "path": "/data/f1",
    "rescanIntervalS": 1234,
    "versioning": {"type": "simple", "params": {"keep": "3"}, "cleanupIntervalS": 7200},
}
VERSION_129 = X("GET", "/rest/system/version", reply={"json": {"version": "v1.29.5"}})

CASES = [
    # ---- transport helpers
    C(
        "request",
        "GET",
        "/rest/system/ping",
        exchanges=X("GET", "/rest/system/ping", reply={"json": {"ping": "pong"}}),
        result={"ping": "pong"},
    ),
    C(
        "request",
        "POST",
        "/rest/x",
        params={"a": "1"},
        body={"b": 2},
        exchanges=X("POST", "/rest/x", [("a", "1")], {"b": 2}),
    ),
    C(
        "request",
        "POST",
        "/rest/x",
        data="plain",
        headers={"Content-Type": "text/plain"},
        exchanges=X("POST", "/rest/x", body="plain", headers={"Content-Type": "text/plain"}),
    ),
    C(
        "request",
        "GET",
        "/rest/system/log.txt",
        raw=True,
        exchanges=X("GET", "/rest/system/log.txt", reply={"body": "l1\n"}),
        result="l1\n",
    ),
    C("get", "/rest/system/ping", {"a": "b"}, exchanges=X("GET", "/rest/system/ping", [("a", "b")])),
    C("post", "/rest/x", {"a": "1"}, {"b": 1}, exchanges=X("POST", "/rest/x", [("a", "1")], {"b": 1})),
    C("put", "/rest/x", {"b": 1}, {"a": "1"}, exchanges=X("PUT", "/rest/x", [("a", "1")], {"b": 1})),
    C("patch", "/rest/x", {"b": 1}, exchanges=X("PATCH", "/rest/x", body={"b": 1})),
    C("delete", "/rest/x", {"a": "1"}, exchanges=X("DELETE", "/rest/x", [("a", "1")], reply={"body": ""}), result=None),
    C("server_version", exchanges=VERSION_129, result=(1, 29, 5)),
    C("at_least", 1, 12, exchanges=VERSION_129, result=True),
    C("at_least", 1, 30, exchanges=VERSION_129, result=False),
    # ---- /rest/system
    C("browse_filesystem", exchanges=X("GET", "/rest/system/browse", reply={"json": ["/"]}), result=["/"]),
    C(
        "browse_filesystem",
        "/tmp/d",
        "basic",
        exchanges=X("GET", "/rest/system/browse", [("current", "/tmp/d"), ("filesystem", "basic")]),
    ),
    C("get_system_config", exchanges=X("GET", "/rest/system/config")),
    C("set_system_config", {"version": 37}, exchanges=X("POST", "/rest/system/config", body={"version": 37})),
    C("get_insync", exchanges=X("GET", "/rest/system/config/insync")),
    C("get_connections", exchanges=X("GET", "/rest/system/connections")),
    C("get_debug", exchanges=X("GET", "/rest/system/debug")),
    C(
        "set_debug",
        enable=["api", "db"],
        disable="model",
        exchanges=X("POST", "/rest/system/debug", [("enable", "api,db"), ("disable", "model")]),
    ),
    C("get_loglevels", exchanges=X("GET", "/rest/system/loglevels")),
    C("set_loglevels", {"api": "DEBUG"}, exchanges=X("POST", "/rest/system/loglevels", body={"api": "DEBUG"})),
    C("get_discovery", exchanges=X("GET", "/rest/system/discovery")),
    C("get_errors", exchanges=X("GET", "/rest/system/error", reply={"json": {"errors": None}}), result={"errors": []}),
    C(
        "new_error",
        "disk is full",
        exchanges=X("POST", "/rest/system/error", body="disk is full", headers={"Content-Type": "text/plain"}),
    ),
    C("clear_errors", exchanges=X("POST", "/rest/system/error/clear")),
    C(
        "get_log",
        since="2026-01-01T00:00:00Z",
        exchanges=X("GET", "/rest/system/log", [("since", "2026-01-01T00:00:00Z")], reply={"json": {"messages": None}}),
        result={"messages": []},
    ),
    C("get_log_text", exchanges=X("GET", "/rest/system/log.txt", reply={"body": "2026: hi\n"}), result="2026: hi\n"),
    C("get_paths", exchanges=X("GET", "/rest/system/paths")),
    C("pause", exchanges=X("POST", "/rest/system/pause")),
    C("pause", DEV, exchanges=X("POST", "/rest/system/pause", [("device", DEV)])),
    C("resume", exchanges=X("POST", "/rest/system/resume")),
    C("resume", DEV, exchanges=X("POST", "/rest/system/resume", [("device", DEV)])),
    C("get_ping", exchanges=X("GET", "/rest/system/ping")),
    C("post_ping", exchanges=X("POST", "/rest/system/ping")),
    C("reset", exchanges=X("POST", "/rest/system/reset")),
    C("reset", "f1", exchanges=X("POST", "/rest/system/reset", [("folder", "f1")])),
    C(
        "restart",
        exchanges=X("POST", "/rest/system/restart", reply={"json": {"ok": "restarting"}}),
        result={"ok": "restarting"},
    ),
    C("shutdown", exchanges=X("POST", "/rest/system/shutdown")),
    C("get_status", exchanges=X("GET", "/rest/system/status")),
    C("get_upgrade", exchanges=X("GET", "/rest/system/upgrade")),
    C("upgrade", exchanges=X("POST", "/rest/system/upgrade", reply={"body": ""}), result=None),
    C("get_version", exchanges=X("GET", "/rest/system/version")),
    # ---- /rest/config
    C("get_config", exchanges=X("GET", "/rest/config")),
    C("new_config", {"version": 37}, exchanges=[VERSION_129, X("PUT", "/rest/config", body={"version": 37})]),
    C("get_config_insync", exchanges=X("GET", "/rest/config/insync")),
    C(
        "get_restart_required",
        exchanges=[VERSION_129, X("GET", "/rest/config/restart-required", reply={"json": {"requiresRestart": 1}})],
        result={"requiresRestart": True},
    ),
    C(
        "requires_restart",
        exchanges=[VERSION_129, X("GET", "/rest/config/restart-required", reply={"json": {"requiresRestart": True}})],
        result=True,
    ),
    C(
        "requires_restart",
        (1, 14, 0),
        exchanges=X("GET", "/rest/system/config/insync", reply={"json": {"configInSync": True}}),
        result=False,
    ),
    C("get_folders", exchanges=X("GET", "/rest/config/folders", reply={"json": []}), result=[]),
    C("set_folders", [{"id": "f1"}], exchanges=X("PUT", "/rest/config/folders", body=[{"id": "f1"}])),
    C("add_folder", {"id": "f1"}, exchanges=X("POST", "/rest/config/folders", body={"id": "f1"})),
    C("get_folder", "a b", exchanges=X("GET", "/rest/config/folders/a%20b")),
    C(
        "put_folder",
        {"id": "a b", "path": "/x"},
        exchanges=X("PUT", "/rest/config/folders/a%20b", body={"id": "a b", "path": "/x"}),
    ),
    C(
        "patch_folder",
        "f1",
        {"paused": True},
        exchanges=[VERSION_129, X("PATCH", "/rest/config/folders/f1", body={"paused": True})],
    ),
    C(  # 1.29.6 to 2.1.1 reset what a folder PATCH leaves out: the merge is done here and PUT complete
        "patch_folder",
        "f1",
        {"versioning": {"params": {"keep": "9"}}},
        exchanges=[
            X("GET", "/rest/system/version", reply={"json": {"version": "v2.1.1"}}),
            X("GET", "/rest/config/folders/f1", reply={"json": FOLDER_F1}),
            X(
                "PUT",
                "/rest/config/folders/f1",
                body=dict(FOLDER_F1, versioning={"type": "simple", "params": {"keep": "9"}, "cleanupIntervalS": 7200}),
            ),
        ],
    ),
    C("delete_folder", "f1", exchanges=X("DELETE", "/rest/config/folders/f1")),
    C("get_devices", exchanges=X("GET", "/rest/config/devices")),
    C("set_devices", [{"deviceID": DEV}], exchanges=X("PUT", "/rest/config/devices", body=[{"deviceID": DEV}])),
    C("add_device", {"deviceID": DEV}, exchanges=X("POST", "/rest/config/devices", body={"deviceID": DEV})),
    C("get_device", DEV, exchanges=X("GET", "/rest/config/devices/" + DEV)),
    C(
        "put_device",
        {"deviceID": DEV, "name": "b"},
        exchanges=X("PUT", "/rest/config/devices/" + DEV, body={"deviceID": DEV, "name": "b"}),
    ),
    C(
        "patch_device",
        DEV,
        {"paused": True},
        exchanges=X("PATCH", "/rest/config/devices/" + DEV, body={"paused": True}),
    ),
    C("delete_device", DEV, exchanges=X("DELETE", "/rest/config/devices/" + DEV)),
    C("get_default_folder", exchanges=X("GET", "/rest/config/defaults/folder")),
    C("put_default_folder", {"path": "~"}, exchanges=X("PUT", "/rest/config/defaults/folder", body={"path": "~"})),
    C("patch_default_folder", {"path": "~"}, exchanges=X("PATCH", "/rest/config/defaults/folder", body={"path": "~"})),
    C("get_default_device", exchanges=X("GET", "/rest/config/defaults/device")),
    C(
        "put_default_device",
        {"introducer": False},
        exchanges=X("PUT", "/rest/config/defaults/device", body={"introducer": False}),
    ),
    C(
        "patch_default_device",
        {"introducer": True},
        exchanges=X("PATCH", "/rest/config/defaults/device", body={"introducer": True}),
    ),
    C("get_default_ignores", exchanges=X("GET", "/rest/config/defaults/ignores")),
    C(
        "set_default_ignores",
        ("a", "b"),
        exchanges=X("PUT", "/rest/config/defaults/ignores", body={"lines": ["a", "b"]}),
    ),
    C("get_options", exchanges=X("GET", "/rest/config/options")),
    C("put_options", {"maxSendKbps": 1}, exchanges=X("PUT", "/rest/config/options", body={"maxSendKbps": 1})),
    C("patch_options", {"maxSendKbps": 2}, exchanges=X("PATCH", "/rest/config/options", body={"maxSendKbps": 2})),
    C("get_gui", exchanges=X("GET", "/rest/config/gui")),
    C("put_gui", {"theme": "dark"}, exchanges=X("PUT", "/rest/config/gui", body={"theme": "dark"})),
    C("patch_gui", {"theme": "black"}, exchanges=X("PATCH", "/rest/config/gui", body={"theme": "black"})),
    C("get_ldap", exchanges=X("GET", "/rest/config/ldap")),
    C("put_ldap", {"address": "l:389"}, exchanges=X("PUT", "/rest/config/ldap", body={"address": "l:389"})),
    C("patch_ldap", {"address": "m:389"}, exchanges=X("PATCH", "/rest/config/ldap", body={"address": "m:389"})),
    # ---- /rest/cluster
    C("get_pending_devices", exchanges=X("GET", "/rest/cluster/pending/devices")),
    C("delete_pending_device", DEV, exchanges=X("DELETE", "/rest/cluster/pending/devices", [("device", DEV)])),
    C("get_pending_folders", exchanges=X("GET", "/rest/cluster/pending/folders")),
    C("get_pending_folders", DEV, exchanges=X("GET", "/rest/cluster/pending/folders", [("device", DEV)])),
    C("delete_pending_folder", "f1", exchanges=X("DELETE", "/rest/cluster/pending/folders", [("folder", "f1")])),
    C(
        "delete_pending_folder",
        "f1",
        DEV,
        exchanges=X("DELETE", "/rest/cluster/pending/folders", [("folder", "f1"), ("device", DEV)]),
    ),
    # ---- /rest/folder
    C(
        "get_folder_errors",
        "f1",
        page=2,
        perpage=10,
        exchanges=X(
            "GET",
            "/rest/folder/errors",
            [("folder", "f1"), ("page", "2"), ("perpage", "10")],
            reply={"json": {"folder": "f1", "errors": None, "page": 2, "perpage": 10}},
        ),
        result={"folder": "f1", "errors": [], "page": 2, "perpage": 10},
    ),
    C(
        "get_folder_pullerrors",
        "f1",
        exchanges=X("GET", "/rest/folder/pullerrors", [("folder", "f1")], reply={"json": {"errors": None}}),
        result={"errors": []},
    ),
    C("get_folder_versions", "f1", exchanges=X("GET", "/rest/folder/versions", [("folder", "f1")])),
    C(
        "restore_folder_versions",
        "f1",
        {"a.txt": "2026-01-01T00:00:00Z"},
        exchanges=X("POST", "/rest/folder/versions", [("folder", "f1")], {"a.txt": "2026-01-01T00:00:00Z"}),
    ),
    # ---- /rest/db
    C("browse_database", "f1", exchanges=X("GET", "/rest/db/browse", [("folder", "f1")], reply={"json": []})),
    C(
        "browse_database",
        "f1",
        levels=0,
        prefix="sub/dir",
        dirsonly=True,
        exchanges=X(
            "GET", "/rest/db/browse", [("folder", "f1"), ("levels", "0"), ("prefix", "sub/dir"), ("dirsonly", "true")]
        ),
    ),
    C("browse_databse", "f1", exchanges=X("GET", "/rest/db/browse", [("folder", "f1")], reply={"json": []})),
    C("get_completion", exchanges=X("GET", "/rest/db/completion")),
    C("get_completion", DEV, "f1", exchanges=X("GET", "/rest/db/completion", [("folder", "f1"), ("device", DEV)])),
    C("get_completion", folder="f1", exchanges=X("GET", "/rest/db/completion", [("folder", "f1")])),
    C(
        "get_file",
        "f1",
        "dir/a b&c.txt",
        exchanges=X("GET", "/rest/db/file", [("folder", "f1"), ("file", "dir/a b&c.txt")]),
    ),
    C(
        "get_ignores",
        "f1",
        exchanges=X(
            "GET",
            "/rest/db/ignores",
            [("folder", "f1")],
            reply={"json": {"ignore": None, "expanded": None, "error": None}},
        ),
        result={"ignore": [], "expanded": [], "error": None},
    ),
    C(
        "new_ignores",
        "f1",
        ["a", "b"],
        exchanges=X(
            "POST",
            "/rest/db/ignores",
            [("folder", "f1")],
            {"ignore": ["a", "b"]},
            reply={"json": {"ignore": ["a", "b"], "expanded": ["a", "b"]}},
        ),
        result={"ignore": ["a", "b"], "expanded": ["a", "b"], "error": None},
    ),
    C(
        "get_localchanged",
        "f1",
        1,
        5,
        exchanges=X("GET", "/rest/db/localchanged", [("folder", "f1"), ("page", "1"), ("perpage", "5")]),
    ),
    C("get_need", "f1", exchanges=X("GET", "/rest/db/need", [("folder", "f1")])),
    C(
        "need",
        "f1",
        page=1,
        perpage=100,
        exchanges=X("GET", "/rest/db/need", [("folder", "f1"), ("page", "1"), ("perpage", "100")]),
    ),
    C("override", "f1", exchanges=X("POST", "/rest/db/override", [("folder", "f1")])),
    C("assign_priority", "f1", "a.txt", exchanges=X("POST", "/rest/db/prio", [("folder", "f1"), ("file", "a.txt")])),
    C(
        "get_remoteneed",
        "f1",
        DEV,
        1,
        2,
        exchanges=X("GET", "/rest/db/remoteneed", [("folder", "f1"), ("device", DEV), ("page", "1"), ("perpage", "2")]),
    ),
    C("revert", "f1", exchanges=X("POST", "/rest/db/revert", [("folder", "f1")])),
    C("scan", exchanges=X("POST", "/rest/db/scan", reply={"body": ""}), result=None),
    C("scan", "f1", sub="a", exchanges=X("POST", "/rest/db/scan", [("folder", "f1"), ("sub", "a")])),
    C(
        "scan",
        "f1",
        sub=["a", "b/c"],
        next=30,
        exchanges=X("POST", "/rest/db/scan", [("folder", "f1"), ("next", "30"), ("sub", "a"), ("sub", "b/c")]),
    ),
    C("get_folder_status", "f1", exchanges=X("GET", "/rest/db/status", [("folder", "f1")])),
    # ---- /rest/events
    C("get_events", exchanges=X("GET", "/rest/events", reply={"json": []}), result=[]),
    C(
        "get_events",
        since=5,
        limit=10,
        timeout=0,
        events=["StateChanged", "LocalIndexUpdated"],
        exchanges=X(
            "GET",
            "/rest/events",
            [("since", "5"), ("limit", "10"), ("timeout", "0"), ("events", "StateChanged,LocalIndexUpdated")],
        ),
    ),
    C(
        "get_disk_events",
        since=1,
        limit=2,
        timeout=3,
        exchanges=X("GET", "/rest/events/disk", [("since", "1"), ("limit", "2"), ("timeout", "3")]),
    ),
    # ---- /rest/stats
    C("get_device_statistics", exchanges=X("GET", "/rest/stats/device")),
    C("get_folder_statistics", exchanges=X("GET", "/rest/stats/folder")),
    # ---- /rest/svc
    C("get_device_id", DEV.lower(), exchanges=X("GET", "/rest/svc/deviceid", [("id", DEV.lower())])),
    C("get_lang", exchanges=X("GET", "/rest/svc/lang")),
    C(
        "get_lang",
        "sv-SE,en;q=0.5",
        exchanges=X("GET", "/rest/svc/lang", headers={"Accept-Language": "sv-SE,en;q=0.5"}),
    ),
    C("get_random_string", exchanges=X("GET", "/rest/svc/random/string")),
    C("get_random_string", 16, exchanges=X("GET", "/rest/svc/random/string", [("length", "16")])),
    C("get_report", exchanges=X("GET", "/rest/svc/report")),
    C("get_report", 3, exchanges=X("GET", "/rest/svc/report", [("version", "3")])),
    # ---- /rest/noauth
    C("get_health", exchanges=X("GET", "/rest/noauth/health")),
    C(
        "login",
        "u",
        "p",
        exchanges=X(
            "POST",
            "/rest/noauth/auth/password",
            body={"username": "u", "password": "p", "stayLoggedIn": False},
            reply={"status": 204, "body": ""},
        ),
        result=None,
    ),
    C(
        "login",
        "u",
        "p",
        stay_logged_in=True,
        exchanges=X(
            "POST", "/rest/noauth/auth/password", body={"username": "u", "password": "p", "stayLoggedIn": True}
        ),
    ),
    C("logout", exchanges=X("POST", "/rest/noauth/auth/logout", reply={"status": 204, "body": ""})),
    # ---- /rest/debug
    C("get_cpu_profile", exchanges=X("GET", "/rest/debug/cpuprof", reply={"body": b"\x1f\x8b"}), result=b"\x1f\x8b"),
    C("get_cpu_profile", "5s", exchanges=X("GET", "/rest/debug/cpuprof", [("duration", "5s")], reply={"body": b"p"})),
    C("get_heap_profile", exchanges=X("GET", "/rest/debug/heapprof", reply={"body": b"\x1f\x8b"}), result=b"\x1f\x8b"),
    C(
        "get_support_bundle",
        exchanges=X("GET", "/rest/debug/support", reply={"body": b"PK\x03\x04"}),
        result=b"PK\x03\x04",
    ),
    C("get_debug_file", "f1", "a.txt", exchanges=X("GET", "/rest/debug/file", [("folder", "f1"), ("file", "a.txt")])),
    C("get_peer_completion", exchanges=X("GET", "/rest/debug/peerCompletion")),
    C("get_http_metrics", exchanges=X("GET", "/rest/debug/httpmetrics")),
    # ---- outside /rest
    C("get_metrics", exchanges=X("GET", "/metrics", reply={"body": "# HELP x\n"}), result="# HELP x\n"),
    C(
        "get_qr",
        "hello world",
        exchanges=X("GET", "/qr/", [("text", "hello world")], reply={"body": b"\x89PNG"}),
        result=b"\x89PNG",
    ),
    C(
        "get_meta",
        exchanges=X("GET", "/meta.js", reply={"body": "var metadata = {};\n"}),
        result="var metadata = {};\n",
    ),
]


def _ids():
    seen = {}
    for case in CASES:
        seen[case.name] = seen.get(case.name, 0) + 1
        yield f"{case.name}-{seen[case.name]}"


def public_methods():
    return sorted(
        name for name, dummy in inspect.getmembers(SyncthingClient, inspect.isfunction) if not name.startswith("_")
    )


def test_every_public_method_has_a_case():
    missing = set(public_methods()) - {case.name for case in CASES}
    assert not missing, f"public SyncthingClient methods without a request case: {sorted(missing)}"


def test_cases_name_real_methods():
    assert {case.name for case in CASES} <= set(public_methods())


def _register(mocked, client, exchange):
    pattern = re.compile(re.escape(client.api_url + exchange.path) + r"(\?.*)?$")
    mocked.add(exchange.method, pattern, **exchange.reply)


def _check(client, request, exchange):
    parts = urlsplit(request.url)
    assert request.method == exchange.method
    assert parts.path == exchange.path
    assert sorted(parse_qsl(parts.query, keep_blank_values=True)) == sorted(exchange.query)
    assert request.headers["X-API-Key"] == client.api_key
    body = request.body
    if isinstance(body, bytes):
        body = body.decode("utf-8")
    if exchange.body is NOBODY:
        assert not body
        assert "Content-Type" not in request.headers
    elif isinstance(exchange.body, str):
        assert body == exchange.body
        assert request.headers["Content-Type"] == exchange.headers.get("Content-Type")
    else:
        assert json.loads(body) == exchange.body
        assert request.headers["Content-Type"] == JSON
    for name, value in exchange.headers.items():
        assert request.headers[name] == value


@pytest.mark.parametrize("case", CASES, ids=list(_ids()))
def test_request_sent(mocked, client, case):
    for exchange in case.exchanges:
        _register(mocked, client, exchange)
    result = getattr(client, case.name)(*case.args, **case.kwargs)
    assert len(mocked.calls) == len(case.exchanges)
    for call, exchange in zip(mocked.calls, case.exchanges):
        _check(client, call.request, exchange)
    if case.result is not UNCHECKED:
        assert result == case.result
