# Copyright (c) 2026, syncthing.rest contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""SyncthingClient transport rules: retries, long-poll timeouts, version cache, fallbacks, odd folder IDs."""

import json
import re
import sys
import types

import pytest
import requests

from ansible_collections.syncthing.rest.plugins.module_utils import _transport as transport_module
from ansible_collections.syncthing.rest.plugins.module_utils._errors import SyncthingMissingLibraryError
from ansible_collections.syncthing.rest.plugins.module_utils.client import (
    SyncthingClient,
    SyncthingConnectionError,
    SyncthingError,
    SyncthingNotFoundError,
)

REFUSED = requests.exceptions.ConnectionError("[Errno 111] Connection refused")


@pytest.fixture
def sleeps(monkeypatch):
    pauses = []
    monkeypatch.setattr(transport_module, "time", types.SimpleNamespace(sleep=pauses.append))
    return pauses


def test_defaults_and_positional_signature():
    client = SyncthingClient("key")
    assert (client.api_url, client.verify, client.timeout) == ("http://127.0.0.1:8384", True, 30)
    client = SyncthingClient("key", "https://h:8384/", verify="/ca.pem", timeout=5)
    assert (client.api_url, client.verify, client.timeout) == ("https://h:8384", "/ca.pem", 5)
    with pytest.raises(TypeError):
        SyncthingClient("key", "http://h", False)  # verify is keyword-only


def test_one_session_with_key_and_verify(mocked):
    client = SyncthingClient("key", "https://h:8384", verify="/ca.pem", timeout=7)
    mocked.get("https://h:8384/rest/system/ping", json={"ping": "pong"})
    mocked.get("https://h:8384/rest/system/status", json={})
    client.get_ping()
    client.get_status()
    kwargs = [call.request.req_kwargs for call in mocked.calls]
    assert [(k["verify"], k["timeout"]) for k in kwargs] == [("/ca.pem", 7), ("/ca.pem", 7)]
    assert client.session.headers["X-API-Key"] == "key"
    assert isinstance(client.session, requests.Session)


def test_get_retried_up_to_the_bound_then_fails(mocked, sleeps):
    client = SyncthingClient("key", "http://h", retries=3, backoff=0.25)
    mocked.get("http://h/rest/system/status", body=REFUSED)
    with pytest.raises(SyncthingConnectionError, match=r"^GET /rest/system/status failed: cannot connect to http://h"):
        client.get_status()
    assert len(mocked.calls) == 4
    assert sleeps == [0.25, 0.5, 1.0]


def test_get_retry_succeeds_when_the_server_comes_back(mocked, sleeps):
    client = SyncthingClient("key", "http://h", retries=5, backoff=0.1)
    mocked.get("http://h/rest/system/version", body=REFUSED)
    mocked.get("http://h/rest/system/version", body=REFUSED)
    mocked.get("http://h/rest/system/version", json={"version": "v1.29.5"})
    assert client.get_version() == {"version": "v1.29.5"}
    assert len(mocked.calls) == 3 and sleeps == [0.1, 0.2]


@pytest.mark.parametrize(
    "method, name, args",
    [
        ("POST", "restart", ()),
        ("POST", "scan", ("f1",)),
        ("PUT", "set_folders", ([{"id": "f1"}],)),
        ("PATCH", "patch_options", ({"maxSendKbps": 1},)),
        ("DELETE", "delete_device", ("D",)),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_writes_are_never_retried(mocked, sleeps, method, name, args):
    client = SyncthingClient("key", "http://h", retries=5, backoff=0.1)
    mocked.add(method, re.compile(r"http://h/rest/.*"), body=REFUSED)
    with pytest.raises(SyncthingConnectionError, match=f"^{method} /rest/"):
        getattr(client, name)(*args)
    assert len(mocked.calls) == 1 and sleeps == []


def test_http_errors_are_not_retried(mocked, sleeps, client):
    mocked.get(client.api_url + "/rest/system/status", status=500, body="boom")
    with pytest.raises(SyncthingError):
        client.get_status()
    assert len(mocked.calls) == 1 and sleeps == []


@pytest.mark.parametrize("kwargs, poll", [({}, 60), ({"timeout": 0}, 0), ({"timeout": 120}, 120)])
def test_events_read_timeout_exceeds_poll_timeout(mocked, kwargs, poll):
    client = SyncthingClient("key", "http://h", timeout=10)
    mocked.get("http://h/rest/events", json=[])
    mocked.get("http://h/rest/events/disk", json=[])
    client.get_events(**kwargs)
    client.get_disk_events(**kwargs)
    for call in mocked.calls:
        connect, read = call.request.req_kwargs["timeout"]
        assert connect == 10 and read > poll


def test_events_keep_a_tuple_timeouts_connect_part(mocked):
    client = SyncthingClient("key", "http://h", timeout=(3, 9))
    mocked.get("http://h/rest/events", json=[])
    client.get_events(timeout=30)
    connect, read = mocked.calls[0].request.req_kwargs["timeout"]
    assert connect == 3 and read > 30


def test_cpu_profile_waits_for_its_duration(mocked):
    client = SyncthingClient("key", "http://h", timeout=10)
    mocked.get("http://h/rest/debug/cpuprof", body=b"p")
    client.get_cpu_profile("1m30s")
    client.get_cpu_profile()
    client.get_cpu_profile("500ms")
    assert [c.request.req_kwargs["timeout"] for c in mocked.calls] == [100, 40, 10.5]


def test_server_version_read_once_and_cached(mocked, client):
    mocked.get(client.api_url + "/rest/system/version", json={"version": "v1.19.2-ds1"})
    assert client.server_version() == (1, 19, 2)
    assert client.server_version() == (1, 19, 2)
    assert client.at_least(1, 19) and not client.at_least(1, 19, 3)
    assert len(mocked.calls) == 1


def test_server_version_picked_up_from_header(mocked, client):
    mocked.get(client.api_url + "/rest/system/ping", json={"ping": "pong"}, headers={"X-Syncthing-Version": "v1.29.5"})
    client.get_ping()
    assert client.server_version() == (1, 29, 5)
    assert len(mocked.calls) == 1


def test_server_version_header_on_an_error_answer_counts(mocked, client):
    mocked.get(
        client.api_url + "/rest/noauth/health",
        status=404,
        body="404 page not found",
        headers={"X-Syncthing-Version": "v1.19.2-ds1"},
    )
    with pytest.raises(SyncthingNotFoundError):
        client.get_health()
    assert client.server_version() == (1, 19, 2)


def test_unreadable_server_version_is_an_error(mocked, client):
    mocked.get(client.api_url + "/rest/system/version", json={"version": "unknown-dev"})
    with pytest.raises(SyncthingError, match="cannot read a version from 'unknown-dev'"):
        client.server_version()


def test_new_config_on_a_pre_1_12_server_uses_system_config(mocked, client):
    mocked.get(client.api_url + "/rest/system/ping", json={}, headers={"X-Syncthing-Version": "v1.11.1"})
    mocked.post(client.api_url + "/rest/system/config", body="")
    client.get_ping()
    client.new_config({"version": 32})
    assert [(c.request.method, c.request.path_url) for c in mocked.calls] == [
        ("GET", "/rest/system/ping"),
        ("POST", "/rest/system/config"),
    ]
    assert json.loads(mocked.calls[1].request.body) == {"version": 32}


def test_get_config_falls_back_to_system_config(mocked, client):
    mocked.get(client.api_url + "/rest/config", status=404, body="404 page not found")
    mocked.get(client.api_url + "/rest/system/config", json={"version": 32})
    assert client.get_config() == {"version": 32}


def test_get_folders_and_get_folder_fall_back_to_system_config_before_1_12(mocked, client):
    old = {"X-Syncthing-Version": "v1.11.1"}
    for path in ("/rest/config/folders", "/rest/config/folders/docs"):
        mocked.get(client.api_url + path, status=404, body="404 page not found", headers=old)
    mocked.get(client.api_url + "/rest/system/config", json={"folders": [{"id": "docs", "path": "/d"}]}, headers=old)
    assert client.get_folder("docs") == {"id": "docs", "path": "/d"}
    assert [call.request.path_url for call in mocked.calls] == [
        "/rest/config/folders/docs",
        "/rest/config/folders",
        "/rest/system/config",
    ]


def test_an_unknown_folder_on_1_12_or_later_is_not_looked_for_in_the_whole_config(mocked, client):
    new = {"X-Syncthing-Version": "v1.29.5"}
    mocked.get(client.api_url + "/rest/config/folders/gone", status=404, body="No folder with given ID", headers=new)
    with pytest.raises(SyncthingNotFoundError, match="No folder with given ID"):
        client.get_folder("gone")
    assert len(mocked.calls) == 1


@pytest.mark.parametrize("insync, required", [(True, False), (False, True)])
def test_restart_required_before_1_15_is_the_negated_insync(mocked, client, insync, required):
    mocked.get(client.api_url + "/rest/system/version", json={"version": "v1.14.0"})
    mocked.get(client.api_url + "/rest/system/config/insync", json={"configInSync": insync})
    assert client.get_restart_required() == {"requiresRestart": required}
    assert client.requires_restart() is required
    assert [(call.request.method, call.request.path_url) for call in mocked.calls] == [
        ("GET", "/rest/system/version"),
        ("GET", "/rest/system/config/insync"),
        ("GET", "/rest/system/config/insync"),
    ]


@pytest.mark.parametrize("required", [True, False])
def test_restart_required_from_1_15_asks_its_endpoint(mocked, client, required):
    mocked.get(client.api_url + "/rest/system/version", json={"version": "v1.15.0"})
    mocked.get(client.api_url + "/rest/config/restart-required", json={"requiresRestart": required})
    assert client.get_restart_required() == {"requiresRestart": required}
    assert [(call.request.method, call.request.path_url) for call in mocked.calls] == [
        ("GET", "/rest/system/version"),
        ("GET", "/rest/config/restart-required"),
    ]


FOLDER = {"id": "a/b", "path": "/data/ab", "label": "x", "versioning": {"type": "simple", "params": {"keep": "3"}}}
OTHER = {"id": "c", "path": "/data/c"}


def test_slash_folder_id_get_reads_the_list(mocked, client):
    mocked.get(client.api_url + "/rest/config/folders", json=[OTHER, FOLDER])
    assert client.get_folder("a/b") == FOLDER
    with pytest.raises(SyncthingNotFoundError, match="no folder with ID 'x/y'"):
        client.get_folder("x/y")


def test_slash_folder_id_put_upserts_through_the_list(mocked, client):
    mocked.put(client.api_url + "/rest/config/folders", body="")
    client.put_folder(FOLDER)
    assert json.loads(mocked.calls[0].request.body) == [FOLDER]


def test_slash_folder_id_patch_merges_like_the_server(mocked, client):
    mocked.get(client.api_url + "/rest/config/folders", json=[FOLDER])
    mocked.put(client.api_url + "/rest/config/folders", body="")
    client.patch_folder("a/b", {"label": "y", "versioning": {"params": {"cleanoutDays": "2"}}})
    sent = json.loads(mocked.calls[1].request.body)
    assert sent == [
        dict(FOLDER, label="y", versioning={"type": "simple", "params": {"keep": "3", "cleanoutDays": "2"}})
    ]


def test_slash_folder_id_delete_rewrites_the_config(mocked, client):
    config = {"version": 37, "folders": [OTHER, FOLDER], "gui": {"apiKey": "k"}}
    mocked.get(client.api_url + "/rest/config", json=config)
    mocked.get(client.api_url + "/rest/system/version", json={"version": "v1.29.5"})
    mocked.put(client.api_url + "/rest/config", body="")
    client.delete_folder("a/b")
    assert json.loads(mocked.calls[2].request.body) == dict(config, folders=[OTHER])


def test_slash_folder_id_delete_of_absent_folder_writes_nothing(mocked, client):
    mocked.get(client.api_url + "/rest/config", json={"version": 37, "folders": [OTHER]})
    assert client.delete_folder("a/b") is None
    assert len(mocked.calls) == 1


def test_device_id_picked_up_from_the_first_answer(mocked, client):
    my_id = "MFZWI3D-BONSGYC-YLTMRWG-C43ENR5-QXGZDMM-FZWI3DP-BONSGYY-LTMRWAD"
    assert client.device_id is None
    mocked.get(client.api_url + "/rest/config", json={"version": 37}, headers={"X-Syncthing-ID": my_id})
    client.get_config()
    assert client.device_id == my_id
    assert len(mocked.calls) == 1


def test_get_retries_stay_within_the_timeout_and_ask_whether_syncthing_runs(mocked, monkeypatch):
    """A wrong port with timeout=1: the pauses end before 1 s has passed, and the message asks the question."""
    clock = [100.0]
    monkeypatch.setattr(transport_module, "_monotonic", lambda: clock[0])
    monkeypatch.setattr(transport_module.time, "sleep", lambda seconds: clock.__setitem__(0, clock[0] + seconds))
    client = SyncthingClient("key", "http://h:9", timeout=1)
    mocked.get("http://h:9/rest/system/status", body=REFUSED)
    with pytest.raises(SyncthingConnectionError) as info:
        client.get_status()
    assert len(mocked.calls) == 3 and clock[0] == 100.75
    assert str(info.value) == (
        "GET /rest/system/status failed: cannot connect to http://h:9: is Syncthing running at http://h:9? "
        "([Errno 111] Connection refused; 3 attempts in 0.8s)"
    )


def test_a_unix_socket_url_goes_through_the_socket_adapter(mocked, monkeypatch):
    """unix:///path: requests is given http+unix://<quoted path>, the adapter of requests_unixsocket mounted for it."""
    monkeypatch.setitem(
        sys.modules, "requests_unixsocket", types.SimpleNamespace(UnixAdapter=requests.adapters.HTTPAdapter)
    )
    client = SyncthingClient("key", "unix:///run/syncthing/gui.sock")
    assert "http+unix://" in client.session.adapters
    mocked.get("http+unix://%2Frun%2Fsyncthing%2Fgui.sock/rest/system/status", json={"myID": "X"})
    assert client.get_status() == {"myID": "X"}
    assert client.api_url == "unix:///run/syncthing/gui.sock"


def test_a_unix_socket_url_without_the_library_names_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "requests_unixsocket", None)  # import fails
    with pytest.raises(SyncthingMissingLibraryError) as info:
        SyncthingClient("key", "unix:///run/syncthing/gui.sock")
    assert info.value.library == "requests-unixsocket2" and "pip install requests-unixsocket2" in str(info.value)
