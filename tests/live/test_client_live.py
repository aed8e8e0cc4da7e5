# Copyright (c) 2026, syncthing.rest contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""SyncthingClient against real Syncthing servers (one hermetic node per version, see conftest.py)."""

import io
import os
import time
import uuid
import zipfile
from contextlib import contextmanager

import pytest
from realserver import wait_restarted, wait_until

from ansible_collections.syncthing.rest.plugins.module_utils import _versions as versions
from ansible_collections.syncthing.rest.plugins.module_utils.client import (
    SyncthingAuthError,
    SyncthingClient,
    SyncthingConnectionError,
    SyncthingHTTPError,
    SyncthingNotFoundError,
)
from ansible_collections.syncthing.rest.plugins.module_utils.device_id import device_id_from_bytes


def new_device_id():
    return device_id_from_bytes(os.urandom(32))


def version_of(node):
    return tuple(int(part) for part in node["version"].split("."))


@contextmanager
def scratch_folder(client, tmp_path, folder_id=None, **fields):
    """A folder on a fresh directory, removed from the config afterwards."""
    folder_id = folder_id or "live-" + uuid.uuid4().hex[:8]
    path = tmp_path / ("dir-" + uuid.uuid4().hex[:8])
    path.mkdir()
    client.add_folder(dict({"id": folder_id, "path": str(path)}, **fields))
    try:
        yield folder_id, path
    finally:
        client.delete_folder(folder_id)


@contextmanager
def gui_settled(client):
    """A GUI config change restarts the API listener; wait for it before the next write."""
    time.sleep(1)
    client.get_status()


@contextmanager
def scratch_device(client, **fields):
    device_id = new_device_id()
    client.add_device(dict({"deviceID": device_id, "name": "peer", "addresses": ["tcp://127.0.0.1:1"]}, **fields))
    try:
        yield device_id
    finally:
        client.delete_device(device_id)


# ---------------------------------------------------------------- reads


def test_version_and_server_version(client, node):
    assert client.get_version()["version"].lstrip("v").startswith(node["version"])
    fresh = SyncthingClient(node["api_key"], node["url"])
    assert fresh.server_version() == version_of(node)
    assert fresh.request_count == 1
    assert fresh.server_version() == version_of(node) and fresh.request_count == 1


def test_server_version_from_any_answer_header(node):
    client = SyncthingClient(node["api_key"], node["url"])
    client.get_ping()
    assert client.server_version() == version_of(node)
    assert client.request_count == 1


def test_system_reads(client, node):
    status = client.get_status()
    assert status["myID"] == node["device_id"]
    assert client.get_ping() == {"ping": "pong"}
    assert client.post_ping() == {"ping": "pong"}
    connections = client.get_connections()
    assert set(connections) >= {"connections", "total"}
    assert isinstance(client.get_discovery(), dict)
    assert isinstance(client.get_errors()["errors"], list)
    messages = client.get_log()["messages"]
    assert any(node["device_id"] in message["message"] for message in messages)
    if client.server_version() >= versions.STRUCTURED_LOGGING:
        assert "Calculated our device ID (device={} ".format(node["device_id"]) in client.get_log_text()
        assert {message["level"] for message in messages} <= {"DBG", "INF", "WRN", "ERR"}, "2.x: short strings"
    else:
        assert "My ID: " + node["device_id"] in client.get_log_text()
        assert {type(message["level"]) for message in messages} == {int}
    assert client.get_log(since="2999-01-01T00:00:00Z") == {"messages": []}, "null messages become []"
    assert client.get_log_text(since="2999-01-01T00:00:00Z") == ""


def test_config_reads(client, node):
    config = client.get_config()
    assert config["gui"]["apiKey"] == node["api_key"]
    assert client.get_system_config() == config
    assert client.get_folders() == config["folders"]
    assert client.get_devices() == config["devices"]
    assert client.get_device(node["device_id"]) == next(
        d for d in config["devices"] if d["deviceID"] == node["device_id"]
    )
    assert client.get_options() == config["options"]
    assert client.get_gui() == config["gui"]
    assert client.get_ldap() == config["ldap"]
    assert client.get_default_folder() == config["defaults"]["folder"]
    assert client.get_default_device() == config["defaults"]["device"]
    assert client.get_default_ignores() == config["defaults"]["ignores"]
    assert client.get_insync() == {"configInSync": True}
    assert client.get_config_insync() == {"configInSync": True}
    assert client.get_restart_required() == {"requiresRestart": False}


def test_paths_since_1_21(client, node):
    if client.server_version() < (1, 21, 0):
        with pytest.raises(SyncthingNotFoundError):
            client.get_paths()
    else:
        paths = client.get_paths()
        assert paths["config"] == os.path.join(node["home"], "config.xml")
        database = "index-v2" if client.server_version() >= (2, 0, 0) else "index-v0.14.0.db"
        assert paths["database"].endswith(database)


def test_upgrade_unsupported_on_distribution_builds(client):
    """Debian's 1.x builds cannot upgrade; the 2.x test builds can, but run under STNOUPGRADE like a distribution's."""
    status = 503 if client.server_version() < versions.UPGRADE_UNSUPPORTED_501 else 501
    with pytest.raises(SyncthingHTTPError) as info:
        client.get_upgrade()
    assert info.value.status == status and info.value.text.strip() == "upgrade unsupported"
    assert str(info.value).startswith(f"GET /rest/system/upgrade failed: HTTP {status}")
    if client.server_version() < (2, 0, 0):
        with pytest.raises(SyncthingHTTPError, match="upgrade unsupported"):
            client.upgrade()
    else:  # 2.x ignores STNOUPGRADE on POST and asks releasesURL (a closed loopback port here)
        with pytest.raises(SyncthingHTTPError, match="no version to select"):
            client.upgrade()


# browse answers directories with a trailing separator on 1.19.2 and without one on 1.29.5
BROWSE_TRAILING_SEP = {(1, 19, 2): os.sep, (1, 29, 5): ""}


def test_browse_filesystem(client, tmp_path):
    for name in ("data1", "data2", "other"):
        (tmp_path / name).mkdir()
    (tmp_path / "datafile").write_text("not a directory")
    found = client.browse_filesystem(str(tmp_path / "data"))
    sep = BROWSE_TRAILING_SEP.get(client.server_version(), os.sep if found[0].endswith(os.sep) else "")
    assert sorted(found) == [str(tmp_path / "data1") + sep, str(tmp_path / "data2") + sep]
    assert client.browse_filesystem(str(tmp_path / "data*")) == [], "prefix matching, not glob"
    assert client.browse_filesystem(str(tmp_path / "oth"), "basic") == [str(tmp_path / "other") + sep]
    assert "/" in client.browse_filesystem()


def test_svc(client, node):
    plain = node["device_id"].replace("-", "").lower()
    assert client.get_device_id(plain) == {"id": node["device_id"]}
    assert "error" in client.get_device_id("not-an-id")
    assert client.get_lang("sv-SE,sv;q=0.8,en;q=0.5") == ["sv-se", "sv", "en"]
    assert len(client.get_random_string(16)["random"]) == 16
    assert len(client.get_random_string()["random"]) == 32
    report = client.get_report()
    assert report["version"].lstrip("v").startswith(node["version"])
    assert client.get_report(3)["urVersion"] == 3


def test_stats(client, node, tmp_path):
    with scratch_folder(client, tmp_path) as (folder_id, _dummy):
        client.scan(folder_id)
        assert node["device_id"] in client.get_device_statistics()
        assert "lastScan" in client.get_folder_statistics()[folder_id]


def test_health_since_1_22_1(client, node):
    if client.server_version() >= (1, 22, 1):
        assert client.get_health() == {"status": "OK"}
        assert SyncthingClient("", node["url"]).get_health() == {"status": "OK"}, "no key needed"
    else:
        with pytest.raises(SyncthingNotFoundError):
            client.get_health()
        with pytest.raises(SyncthingAuthError, match="CSRF Error"):
            SyncthingClient("", node["url"]).get_health()


def test_wrong_key_is_an_auth_error_without_the_key(node):
    client = SyncthingClient("wrong-key-" + node["api_key"], node["url"])
    with pytest.raises(SyncthingAuthError) as info:
        client.get_status()
    assert info.value.status == 403 and info.value.text.strip() == "CSRF Error"
    assert client.api_key not in str(info.value)


def test_outside_rest(client, node):
    if client.server_version() >= (1, 24, 0):
        assert "syncthing_" in client.get_metrics()
    else:
        with pytest.raises(SyncthingNotFoundError):
            client.get_metrics()
    assert client.get_qr("hello").startswith(b"\x89PNG")
    assert node["device_id"] in client.get_meta()


def test_pending(client):
    assert client.get_pending_devices() == {}
    assert client.get_pending_folders() == {}
    assert client.get_pending_folders(new_device_id()) == {}
    assert client.delete_pending_device(new_device_id()) is None
    assert client.delete_pending_folder("nothing-pending") is None
    assert client.delete_pending_folder("nothing-pending", new_device_id()) is None
    with pytest.raises(SyncthingHTTPError) as info:
        client.delete_pending_device("malformed")
    assert info.value.status == 400


# ---------------------------------------------------------------- config writes


def test_folder_lifecycle(client, tmp_path):
    path = tmp_path / "f"
    path.mkdir()
    folder_id = "live folder " + uuid.uuid4().hex[:6]  # a space in the ID
    assert client.add_folder({"id": folder_id, "path": str(path)}) is None
    try:
        folder = client.get_folder(folder_id)
        assert folder["path"] == str(path) and folder["rescanIntervalS"] == 3600
        folder["label"] = "complete put"
        folder["rescanIntervalS"] = 1234
        assert client.put_folder(folder) is None
        assert client.get_folder(folder_id) == folder
        assert client.patch_folder(folder_id, {"label": "patched"}) is None
        patched = client.get_folder(folder_id)
        assert patched == dict(folder, label="patched"), "1.29.5 and older keep unspecified fields on PATCH"
        assert client.set_folders([dict(patched, label="upserted")]) is None
        assert client.get_folder(folder_id)["label"] == "upserted"
    finally:
        assert client.delete_folder(folder_id) is None
    with pytest.raises(SyncthingNotFoundError, match="No folder with given ID"):
        client.get_folder(folder_id)
    with pytest.raises(SyncthingNotFoundError):
        client.patch_folder(folder_id, {"label": "x"})
    assert client.delete_folder(folder_id) is None, "DELETE of an absent folder is a 200"


def sent_requests(client):
    """The (method, path) of each request ``client`` sends from now on."""
    sent = []
    client.session.hooks["response"].append(
        lambda response, *args, **kwargs: sent.append((response.request.method, response.request.path_url))
    )
    return sent


def test_patch_folder_keeps_what_it_does_not_name_on_every_version(client, tmp_path):
    """1.29.6 to 2.1.1 reset a folder's default-tagged fields on PATCH (versions.FOLDER_PATCH_RESETS/_FIXED):
    there patch_folder merges and PUTs the complete folder, elsewhere it sends the PATCH."""
    versioning = {"type": "simple", "params": {"keep": "3"}, "cleanupIntervalS": 7200}
    with scratch_folder(client, tmp_path, rescanIntervalS=1234, fsWatcherEnabled=False, versioning=versioning) as (
        folder_id,
        _path,
    ):
        sent = sent_requests(client)
        assert client.patch_folder(folder_id, {"label": "patched"}) is None
        writes = [request for request in sent if request[0] != "GET"]
        stored = client.get_folder(folder_id)
    assert stored["label"] == "patched" and stored["rescanIntervalS"] == 1234 and stored["fsWatcherEnabled"] is False
    assert stored["versioning"] == dict(stored["versioning"], **versioning)
    method = "PUT" if versions.folder_patch_resets_fields(client.server_version()) else "PATCH"
    assert writes == [(method, "/rest/config/folders/" + folder_id)]


def test_folder_id_with_slash(client, tmp_path):
    path = tmp_path / "s"
    path.mkdir()
    folder_id = "team/docs-" + uuid.uuid4().hex[:6]
    client.add_folder({"id": folder_id, "path": str(path), "versioning": {"type": "simple", "params": {"keep": "3"}}})
    try:
        folder = client.get_folder(folder_id)
        assert folder["id"] == folder_id
        client.patch_folder(folder_id, {"label": "slash", "versioning": {"params": {"cleanoutDays": "2"}}})
        folder = client.get_folder(folder_id)
        assert folder["label"] == "slash" and folder["versioning"]["params"] == {"keep": "3", "cleanoutDays": "2"}
        client.put_folder(dict(folder, label="put"))
        assert client.get_folder(folder_id)["label"] == "put"
    finally:
        client.delete_folder(folder_id)
    assert folder_id not in [f["id"] for f in client.get_folders()]
    assert client.get_options()["listenAddresses"], "the whole-config rewrite kept the rest"
    with pytest.raises(SyncthingNotFoundError):
        client.get_folder(folder_id)


def test_folder_validation_error(client):
    with pytest.raises(SyncthingHTTPError) as info:
        client.add_folder({"id": "live-no-path-" + uuid.uuid4().hex[:6], "path": ""})
    assert info.value.status == 500 and "path" in info.value.text


def test_device_lifecycle(client):
    device_id = new_device_id()
    assert client.add_device({"deviceID": device_id, "name": "peer"}) is None
    try:
        device = client.get_device(device_id)
        assert device["name"] == "peer" and device["addresses"] == ["dynamic"]
        device["name"] = "renamed"
        device["addresses"] = ["tcp://127.0.0.1:1"]
        assert client.put_device(device) is None
        assert client.get_device(device_id) == device
        assert client.patch_device(device_id, {"introducer": True}) is None
        assert client.get_device(device_id) == dict(device, introducer=True)
        assert client.set_devices([dict(device, name="upserted")]) is None
        assert client.get_device(device_id)["name"] == "upserted"
        assert client.get_device(device_id.replace("-", "").lower())["deviceID"] == device_id
    finally:
        assert client.delete_device(device_id) is None
    with pytest.raises(SyncthingNotFoundError, match="No device with given ID"):
        client.get_device(device_id)
    assert client.delete_device(device_id) is None, "DELETE of an absent device is a 200"
    with pytest.raises(SyncthingHTTPError) as info:
        client.get_device("malformed")
    assert info.value.status == 400


def test_options_and_gui_patch_keep_the_api_key(client, node):
    before = client.get_options()
    try:
        assert client.patch_options({"maxSendKbps": 777}) is None
        assert client.get_options() == dict(before, maxSendKbps=777)
        assert client.put_options(dict(before, maxRecvKbps=555)) is None
        assert client.get_options() == dict(before, maxRecvKbps=555)
    finally:
        client.put_options(before)
    gui = client.get_gui()
    try:
        assert client.patch_gui({"theme": "dark"}) is None
        after = client.get_gui()  # the GUI server restarts; GETs are retried
        assert after == dict(gui, theme="dark") and after["apiKey"] == node["api_key"]
        assert client.get_status()["myID"] == node["device_id"]
    finally:
        gui_settled(client)
        client.patch_gui({"theme": gui["theme"]})
        gui_settled(client)
    ldap = client.get_ldap()
    client.patch_ldap({"searchFilter": "(uid=%s)"})
    assert client.get_ldap() == dict(ldap, searchFilter="(uid=%s)")
    client.put_ldap(ldap)
    assert client.get_ldap() == ldap


def test_whole_config_round_trip(client, node):
    config = client.get_config()
    assert client.new_config(config) is None
    assert client.get_config() == config
    assert client.set_system_config(config) is None, "deprecated POST /rest/system/config still served"
    assert client.get_gui()["apiKey"] == node["api_key"]


def test_defaults(client, node):
    folder = client.get_default_folder()
    assert folder["id"] == "" and folder["path"] == ("~" if client.server_version() < (1, 29, 6) else "")
    device = client.get_default_device()
    assert device["deviceID"] == ""
    try:
        client.patch_default_folder({"rescanIntervalS": 4321})
        assert client.get_default_folder() == dict(folder, rescanIntervalS=4321)
        client.put_default_folder(dict(folder, label="tpl"))
        assert client.get_default_folder()["label"] == "tpl"
        client.patch_default_device({"introducer": True})
        assert client.get_default_device() == dict(device, introducer=True)
        client.put_default_device(dict(device, autoAcceptFolders=True))
        assert client.get_default_device() == dict(device, autoAcceptFolders=True)
        assert client.set_default_ignores(["*.tmp", "// comment"]) is None
        assert client.get_default_ignores() == {"lines": ["*.tmp", "// comment"]}
    finally:
        client.put_default_folder(folder)
        client.put_default_device(device)
        client.set_default_ignores([])
    assert client.get_default_folder() == folder
    assert client.get_default_device() == device
    assert client.get_default_ignores() == {"lines": []}


# ---------------------------------------------------------------- folders, db, events


def test_ignores(client, tmp_path):
    with scratch_folder(client, tmp_path) as (folder_id, path):
        assert client.get_ignores(folder_id) == {"ignore": [], "expanded": [], "error": None}, "null lists become []"
        answer = client.new_ignores(folder_id, ["*.tmp", "!keep.tmp", "#include nothing-here"])
        assert answer["ignore"] == ["*.tmp", "!keep.tmp", "#include nothing-here"]
        assert (path / ".stignore").read_text().splitlines() == answer["ignore"]
        assert client.get_ignores(folder_id)["ignore"] == answer["ignore"]
        assert client.new_ignores(folder_id, [])["ignore"] == []
    if client.server_version() >= (1, 28, 0):
        assert client.get_ignores("no-such-folder")["error"]
    else:
        with pytest.raises(SyncthingHTTPError) as info:
            client.get_ignores("no-such-folder")
        assert info.value.status == 500


def test_scan_and_db(client, node, tmp_path):
    with scratch_folder(client, tmp_path, fsWatcherEnabled=False) as (folder_id, path):
        client.scan(folder_id)
        before = client.get_folder_status(folder_id)
        (path / "sub").mkdir()
        (path / "sub" / "a file.txt").write_text("hello")
        (path / "top.txt").write_text("top")
        assert client.scan(folder_id, sub=["sub"], next=60) is None
        names = [entry["name"] for entry in client.browse_database(folder_id)]
        assert "sub" in names and "top.txt" not in names, "only the sub path was scanned"
        assert client.scan(folder_id) is None
        tree = client.browse_database(folder_id)
        assert sorted(entry["name"] for entry in tree) == ["sub", "top.txt"]
        assert [c["name"] for c in next(e for e in tree if e["name"] == "sub")["children"]] == ["a file.txt"]
        assert client.browse_database(folder_id, levels=0, dirsonly=True) == [
            e for e in client.browse_database(folder_id, levels=0) if e["type"] == "FILE_INFO_TYPE_DIRECTORY"
        ]
        assert [e["name"] for e in client.browse_database(folder_id, prefix="sub")] == ["a file.txt"]
        status = client.get_folder_status(folder_id)
        assert status["state"] == "idle" and status["sequence"] > before["sequence"]
        assert status["localFiles"] == 2 and status["needTotalItems"] == 0
        info = client.get_file(folder_id, "sub/a file.txt")
        assert info["global"]["name"] == "sub/a file.txt" and info["local"]["size"] == 5
        assert client.get_completion(folder=folder_id)["completion"] == 100
        assert client.get_completion()["completion"] == 100
        assert client.get_need(folder_id) == {"progress": [], "queued": [], "rest": [], "page": 1, "perpage": 65536}
        assert client.need(folder_id, page=2, perpage=10)["perpage"] == 10
        assert client.assign_priority(folder_id, "top.txt")["rest"] == []
        assert client.get_localchanged(folder_id)["files"] == []
        errors = client.get_folder_errors(folder_id)
        assert errors["errors"] == [] and errors["folder"] == folder_id
        assert client.get_folder_pullerrors(folder_id, page=1, perpage=5)["errors"] == []
        with pytest.raises(SyncthingHTTPError, match="folder has no versioner"):
            client.get_folder_versions(folder_id)
        with pytest.raises(SyncthingNotFoundError):
            client.get_file(folder_id, "missing.txt")
    with pytest.raises(SyncthingHTTPError, match="no such folder"):
        client.scan("no-such-folder")
    with pytest.raises(SyncthingNotFoundError, match="no such folder"):
        client.get_folder_status("no-such-folder")


def test_versions_remoteneed_override_revert(client, tmp_path):
    with scratch_device(client) as peer:
        versioned = {"versioning": {"type": "simple", "params": {"keep": "2"}}, "devices": [{"deviceID": peer}]}
        with scratch_folder(client, tmp_path, **versioned) as (folder_id, path):
            (path / "v.txt").write_text("1")
            client.scan(folder_id)
            assert client.get_folder_versions(folder_id) == {}
            assert client.restore_folder_versions(folder_id, {}) == {}
            remote = client.get_remoteneed(folder_id, peer, page=1, perpage=10)
            assert [entry["name"] for entry in remote["files"]] == ["v.txt"], "the peer has nothing yet"
            assert client.get_completion(device=peer, folder=folder_id)["completion"] < 100
            with pytest.raises(SyncthingHTTPError):
                client.get_remoteneed(folder_id, "malformed")
        with scratch_folder(client, tmp_path, type="sendonly") as (folder_id, _dummy):
            assert client.override(folder_id) is None
        with scratch_folder(client, tmp_path, type="receiveonly") as (folder_id, _dummy):
            assert client.revert(folder_id) is None
            assert client.get_localchanged(folder_id, page=1, perpage=10)["files"] == []


def test_pause_resume_device(client):
    with scratch_device(client) as peer:
        assert client.pause(peer) is None
        assert client.get_device(peer)["paused"] is True
        assert client.resume(peer) is None
        assert client.get_device(peer)["paused"] is False
        client.pause()
        assert client.get_device(peer)["paused"] is True
        client.resume()
        assert client.get_device(peer)["paused"] is False
    with pytest.raises(SyncthingNotFoundError):
        client.pause(new_device_id())
    with pytest.raises(SyncthingHTTPError) as info:
        client.resume("malformed")
    assert info.value.status == 500


def test_error_post_and_clear(client):
    message = f"live test error {uuid.uuid4().hex}"
    assert client.new_error(message) is None
    reported = [entry["message"] for entry in client.get_errors()["errors"]]
    if client.server_version() >= versions.STRUCTURED_LOGGING:
        assert f'External error report (error="{message}" log.pkg=api)' in reported
    else:
        assert message in reported
    assert client.clear_errors() is None
    assert client.get_errors() == {"errors": []}, "null errors become []"


def test_events_long_poll(client, tmp_path):
    last = client.get_events(since=0, limit=1, timeout=0)
    since = last[0]["id"] if last else 0
    started = time.time()
    slow = SyncthingClient(client.api_key, client.api_url, timeout=1)
    assert slow.get_events(since=since + 1000, timeout=2) == [], "read timeout above the poll timeout"
    assert time.time() - started >= 1.5
    folder_id = "live-ev-" + uuid.uuid4().hex[:6]
    with scratch_folder(client, tmp_path, folder_id):
        events = wait_until(
            lambda: [
                e
                for e in client.get_events(since=since, timeout=5)
                if e["type"] == "ConfigSaved" and folder_id in [f["id"] for f in e["data"]["folders"]]
            ]
        )
        assert events[0]["id"] > since


def test_events_custom_mask_and_disk(client, tmp_path):
    with scratch_folder(client, tmp_path, fsWatcherEnabled=False) as (folder_id, path):
        client.scan(folder_id)
        current = client.get_events(since=0, limit=1, timeout=0, events=["StateChanged"])
        since = current[0]["id"] if current else 0
        disk = client.get_disk_events(since=0, limit=1, timeout=0)
        disk_since = disk[0]["id"] if disk else 0
        (path / "new.txt").write_text("x")
        client.scan(folder_id)
        changes = client.get_events(since=since, timeout=5, events=["StateChanged"])
        assert {e["type"] for e in changes} == {"StateChanged"}
        assert [e for e in changes if e["data"]["folder"] == folder_id and e["data"]["from"] == "scanning"]
        found = wait_until(
            lambda: [
                e
                for e in client.get_disk_events(since=disk_since, timeout=5)
                if e["data"]["folder"] == folder_id and e["data"]["path"] == "new.txt"
            ]
        )
        assert found[0]["type"] == "LocalChangeDetected" and found[0]["data"]["action"] in ("added", "modified")


def test_debug_endpoints_2x(client, tmp_path):
    """2.x: log levels instead of debug facilities, /rest/debug/* without a gate, two debug endpoints gone."""
    if client.server_version() < versions.STRUCTURED_LOGGING:
        pytest.skip("2.x only")
    assert "debugging" not in client.get_gui()
    with pytest.raises(SyncthingNotFoundError):
        client.get_debug()
    with pytest.raises(SyncthingNotFoundError):
        client.get_peer_completion()
    with pytest.raises(SyncthingNotFoundError):
        client.get_http_metrics()
    levels = client.get_loglevels()
    assert levels["levels"]["api"] == "INFO" and "api" in levels["packages"]
    try:
        assert client.set_loglevels({"api": "DEBUG"}) is None
        assert client.get_loglevels()["levels"]["api"] == "DEBUG"
    finally:
        client.set_loglevels({"api": "INFO"})
    assert client.get_loglevels()["levels"]["api"] == "INFO"
    with scratch_folder(client, tmp_path) as (folder_id, path):
        (path / "d.txt").write_text("d")
        client.scan(folder_id)
        detail = client.get_debug_file(folder_id, "d.txt")
        assert detail["global"]["name"] == "d.txt" and "mtime" not in detail and "globalVersions" not in detail
        entry = client.get_file(folder_id, "d.txt")
        assert entry["global"]["name"] == "d.txt" and "mtime" not in entry
    assert client.get_heap_profile()[:2] == b"\x1f\x8b"


def test_debug_endpoints(client, tmp_path):
    if client.server_version() >= versions.STRUCTURED_LOGGING:
        pytest.skip("1.x only; see test_debug_endpoints_2x")
    assert client.get_gui()["debugging"] is False
    with pytest.raises(SyncthingAuthError) as info:
        client.get_peer_completion()
    assert info.value.status == 403 and info.value.text.strip() == "Debugging disabled"
    facilities = client.get_debug()
    assert "api" in facilities["facilities"]
    with pytest.raises(SyncthingNotFoundError):
        client.get_loglevels()  # 2.0+
    with pytest.raises(SyncthingNotFoundError):
        client.set_loglevels({"api": "DEBUG"})
    try:
        client.set_debug(enable=["api"])
        assert "api" in client.get_debug()["enabled"]
        client.set_debug(disable="api")
        assert "api" not in (client.get_debug()["enabled"] or [])
        client.patch_gui({"debugging": True})
        gui_settled(client)
        with scratch_folder(client, tmp_path) as (folder_id, path):
            (path / "d.txt").write_text("d")
            client.scan(folder_id)
            detail = client.get_debug_file(folder_id, "d.txt")
            assert detail["global"]["name"] == "d.txt" and "mtime" in detail  # mtime gone in 2.0
            assert isinstance(client.get_peer_completion(), dict)
            assert isinstance(client.get_http_metrics(), dict)
        assert client.get_heap_profile()[:2] == b"\x1f\x8b"
        assert client.get_cpu_profile("1s")[:2] == b"\x1f\x8b"
        bundle = zipfile.ZipFile(io.BytesIO(client.get_support_bundle()))
        assert any(name.endswith("config.json.txt") for name in bundle.namelist())
    finally:
        gui_settled(client)
        client.patch_gui({"debugging": False})
        gui_settled(client)
        client.set_debug(disable=["api"])


# ---------------------------------------------------------------- throw-away nodes


def test_restart_reset_shutdown(nodes, version, tmp_path):
    node = nodes.start(version, "throwaway")
    client = SyncthingClient(node["api_key"], node["url"])
    time.sleep(3)
    uptime = client.get_status()["uptime"]
    assert uptime >= 2
    assert client.restart() == {"ok": "restarting"}
    count = client.request_count
    status = client.get_status()  # the server is down for a few seconds
    assert client.request_count > count + 1, "the GET was retried"
    assert status["myID"] == node["device_id"] and status["uptime"] < uptime

    with scratch_folder(client, tmp_path) as (folder_id, _dummy):
        with pytest.raises(SyncthingHTTPError, match="folder must be paused when resetting"):
            client.reset(folder_id)
        client.patch_folder(folder_id, {"paused": True})
        start_time = client.get_status()["startTime"]
        assert client.reset(folder_id) == {"ok": "resetting folder " + folder_id}
        wait_restarted(client, start_time)
        start_time = client.get_status()["startTime"]
        assert client.reset() == {"ok": "resetting database"}
        wait_restarted(client, start_time)
        assert client.get_folder(folder_id)["paused"] is True
    with pytest.raises(SyncthingHTTPError, match=r"Invalid folder ID|no such folder"):
        client.reset("no-such-folder")

    if version_of(node) >= (1, 26, 0):
        client.patch_gui({"user": "admin", "password": "secret"})
        gui_settled(client)
        assert client.login("admin", "secret", stay_logged_in=True) is None
        with pytest.raises(SyncthingAuthError):
            client.login("admin", "wrong")
        assert client.logout() is None
    else:
        with pytest.raises(SyncthingNotFoundError):
            client.login("admin", "secret")

    assert client.shutdown() == {"ok": "shutting down"}

    def exited():
        if not os.path.exists(f"/proc/{node['pid']}"):
            return True
        with open(f"/proc/{node['pid']}/stat") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] == "Z"

    wait_until(exited)
    gone = SyncthingClient(node["api_key"], node["url"], retries=1, backoff=0)
    with pytest.raises(SyncthingConnectionError, match=r"^GET /rest/system/status failed: cannot connect"):
        gone.get_status()
    assert gone.request_count == 2


def test_an_endpoint_this_version_does_not_serve_is_named_in_the_404(client, node):
    """A field report: a bare '404 page not found', like an unknown folder; the message now gives the reason."""
    version = version_of(node)
    missing = [
        name
        for name, served in (("get_paths", version >= (1, 21, 0)), ("get_debug", version < (2, 0, 0)))
        if not served
    ]
    missing += ["get_loglevels"] if version < (2, 0, 0) else []
    for name in missing:
        with pytest.raises(SyncthingNotFoundError) as info:
            getattr(client, name)()
        assert f"this server is {node['version']}]" in str(info.value), (name, str(info.value))
