# Copyright (c) 2026, syncthing.rest contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""The 27 calls of the binding the client grew from, as its README shows them, against real servers.

Each call runs with the binding's own example arguments (its folder ``ms-quarantine``, peer
``6RBLNBN-…`` and file ``1Ze9NH-00057p-Vl`` exist on the node), positionally in the binding's order and
by the binding's keyword names, and its answer is checked against the shape the binding documents.
Where Syncthing has changed the shape since (``patterns`` → ``expanded``, ``need.total`` gone) or the
client answers differently (None instead of the binding's made-up ``{"code": 200, …}``), the test pins
what is returned instead; docs/client.md lists every difference.
Restart, reset, shutdown and upgrade run on a node of their own.
"""

import os
from collections import namedtuple

import pytest
from realserver import wait_restarted, wait_until

from ansible_collections.syncthing.rest.plugins.module_utils.client import (
    SyncthingClient,
    SyncthingConnectionError,
    SyncthingHTTPError,
)

# The binding's README examples: its folder, its peer device (a valid ID), its file.
FOLDER = "ms-quarantine"
DEVICE = "6RBLNBN-6EIGPRG-ZLZR7XI-LDWUXSE-NYWEBLI-3DFE2AI-L2DP3JL-4R77ZAM"
PEER_NAME = "ms2.home.topdog-software.com"
FILE = "1Ze9NH-00057p-Vl"
FORMS = ["positional", "keyword"]

Bound = namedtuple("Bound", "node client path")

# how these tests wait: an HTTP error while the node settles counts as not yet
SETTLE = {"timeout": 30, "ignore": (SyncthingHTTPError,)}


def call(client, name, form, *pairs):
    """Call ``name`` with (parameter, value) pairs: positionally in this order, or by these keyword names."""
    method = getattr(client, name)
    if form == "positional":
        return method(*[value for dummy, value in pairs])
    return method(**dict(pairs))


def names(entries):
    return sorted(entry["name"] for entry in entries)


@pytest.fixture(scope="module")
def bound(nodes, version):
    """A node of its own with the binding's example folder, shared with the binding's example peer."""
    node = nodes.start(version, "binding")
    client = SyncthingClient(node["api_key"], node["url"])
    path = os.path.join(node["data"], FOLDER)
    os.makedirs(os.path.join(path, "sub"))
    with open(os.path.join(path, FILE), "w") as handle:
        handle.write("mail")
    with open(os.path.join(path, "sub", "a.txt"), "w") as handle:
        handle.write("a")
    client.add_device({"deviceID": DEVICE, "name": PEER_NAME, "addresses": ["tcp://127.0.0.1:1"]})
    client.add_folder(
        {
            "id": FOLDER,
            "path": path,
            "fsWatcherEnabled": False,
            "devices": [{"deviceID": node["device_id"]}, {"deviceID": DEVICE}],
        }
    )
    wait_until(lambda: client.get_folder_status(FOLDER)["state"] == "idle", **SETTLE)
    client.scan(FOLDER)
    return Bound(node, client, path)


# ---------------------------------------------------------------- calls without arguments


def check_version(answer, bound):
    assert set(answer) >= {"os", "codename", "version", "arch", "longVersion"}
    assert answer["version"].lstrip("v").startswith(bound.node["version"])  # "v1.19.2-ds1" on Debian


def check_connections(answer, bound):
    assert set(answer) == {"connections", "total"}
    assert set(answer["total"]) >= {"inBytesTotal", "outBytesTotal", "at"}
    peer = answer["connections"][DEVICE]
    assert set(peer) >= {"inBytesTotal", "outBytesTotal", "at", "clientVersion", "address"}
    assert peer["connected"] is False
    local_listed = bound.node["device_id"] in answer["connections"]
    assert local_listed == (bound.client.server_version() < (1, 25, 0)), "the local device is listed up to 1.24"


def check_config(answer, bound):
    assert set(answer) >= {"version", "folders", "devices", "gui", "options"}
    folder = next(f for f in answer["folders"] if f["id"] == FOLDER)
    assert set(folder) >= {
        "id",
        "path",
        "devices",
        "rescanIntervalS",
        "order",
        "ignorePerms",
        "ignoreDelete",
        "autoNormalize",
        "versioning",
    }
    assert folder["path"] == bound.path and set(folder["versioning"]) >= {"type", "params"}
    assert DEVICE in [d["deviceID"] for d in folder["devices"]]
    peer = next(d for d in answer["devices"] if d["deviceID"] == DEVICE)
    assert set(peer) >= {"deviceID", "name", "addresses", "compression", "certName", "introducer"}
    assert peer["name"] == PEER_NAME
    assert answer["gui"]["apiKey"] == bound.node["api_key"]


def check_insync(answer, bound):
    assert answer == {"configInSync": True}


def check_errors(answer, bound):
    assert set(answer) == {"errors"} and isinstance(answer["errors"], list)


def check_discovery(answer, bound):
    assert answer == {}, "discovery is off on the test nodes"


def check_status(answer, bound):
    assert set(answer) >= {"alloc", "cpuPercent", "pathSeparator", "uptime", "sys", "tilde", "myID", "goroutines"}
    assert answer["myID"] == bound.node["device_id"]


def check_ping(answer, bound):
    assert answer == {"ping": "pong"}


def check_device_statistics(answer, bound):
    assert set(answer[DEVICE]) >= {"lastSeen"}
    assert answer[DEVICE]["lastSeen"].startswith("1970-01-01"), "never seen"


def check_folder_statistics(answer, bound):
    assert set(answer[FOLDER]["lastFile"]) >= {"deleted", "at", "filename"}
    assert "lastScan" in answer[FOLDER]


NO_ARGUMENTS = {
    "get_version": check_version,
    "get_connections": check_connections,
    "get_config": check_config,
    "get_insync": check_insync,
    "get_errors": check_errors,
    "get_discovery": check_discovery,
    "get_status": check_status,
    "get_ping": check_ping,
    "get_device_statistics": check_device_statistics,
    "get_folder_statistics": check_folder_statistics,
}


@pytest.mark.parametrize("name", sorted(NO_ARGUMENTS))
def test_call_without_arguments(bound, name):
    NO_ARGUMENTS[name](getattr(bound.client, name)(), bound)


# ---------------------------------------------------------------- calls with arguments, both forms
# (the scan test comes first: new_ignores schedules scans of its own)


@pytest.mark.parametrize("form", FORMS)
def test_scan(bound, form):
    client = bound.client
    assert call(client, "scan", form, ("folder", FOLDER)) is None, "binding: scan('ms-quarantine')"
    sub_file, top_file = f"in-sub-{form}.txt", f"at-top-{form}.txt"
    with open(os.path.join(bound.path, "sub", sub_file), "w") as handle:
        handle.write("s")
    with open(os.path.join(bound.path, top_file), "w") as handle:
        handle.write("t")
    assert call(client, "scan", form, ("folder", FOLDER), ("subfolder", "sub")) is None
    tree = client.browse_database(FOLDER)
    assert sub_file in names(next(e for e in tree if e["name"] == "sub")["children"])
    assert top_file not in names(tree), "only the subfolder was scanned"
    call(client, "scan", form, ("folder", FOLDER))
    assert top_file in names(client.browse_database(FOLDER))


@pytest.mark.parametrize("form", FORMS)
def test_browse_database(bound, form):
    client = bound.client
    tree = call(client, "browse_database", form, ("folder", FOLDER))
    assert {FILE, "sub"} <= set(names(tree))
    entry = next(e for e in tree if e["name"] == FILE)
    assert set(entry) >= {"name", "modTime", "size", "type"} and entry["size"] == 4
    assert "a.txt" in names(next(e for e in tree if e["name"] == "sub")["children"])
    below = call(client, "browse_database", form, ("folder", FOLDER), ("level", 0), ("prefix", "sub"))
    assert "a.txt" in names(below) and not any(e.get("children") for e in below)
    assert call(client, "browse_database", form, ("folder", FOLDER), ("level", 0)) == tree, "level 0: maximum depth"
    top = call(client, "browse_database", form, ("folder", FOLDER), ("level", 1))
    assert names(top) == names(tree) and not any(e.get("children") for e in top), "level 1: this level only"
    assert client.browse_databse(FOLDER) == tree, "the binding's own example spells it browse_databse"


@pytest.mark.parametrize("form", FORMS)
def test_get_completion(bound, form):
    client = bound.client
    answer = call(client, "get_completion", form, ("device", DEVICE), ("folder", FOLDER))
    assert set(answer) >= {"completion", "globalBytes", "needBytes", "globalItems", "needItems", "needDeletes"}
    assert answer["completion"] == 0 and answer["needItems"] == answer["globalItems"] > 0, "the peer has nothing"
    local = call(client, "get_completion", form, ("device", bound.node["device_id"]), ("folder", FOLDER))
    assert local["completion"] == 100 and local["needItems"] == 0
    assert client.get_completion(device_id=DEVICE, folder=FOLDER)["completion"] == 0, "the binding's code name"
    with pytest.raises(SyncthingHTTPError) as info:
        client.get_completion(FOLDER, DEVICE)  # the old, wrong order: the server names the mistake
    assert info.value.status == 400 and "device ID invalid" in info.value.text


@pytest.mark.parametrize("form", FORMS)
def test_get_file(bound, form):
    answer = call(bound.client, "get_file", form, ("folder", FOLDER), ("file", FILE))
    assert set(answer) >= {"global", "local", "availability"}
    assert ("mtime" in answer) == (bound.client.server_version() < (2, 0, 0)), "mtime was removed in 2.0"
    for side in ("global", "local"):
        assert set(answer[side]) >= {"numBlocks", "name", "modified", "version", "size"}
        assert answer[side]["name"] == FILE and answer[side]["size"] == 4
    assert bound.client.get_file(FOLDER, filename=FILE) == answer, "the binding's code name"


def stignore(bound):
    path = os.path.join(bound.path, ".stignore")
    if not os.path.exists(path):
        return None
    with open(path) as handle:
        return handle.read().splitlines()


@pytest.mark.parametrize("form", FORMS)
def test_new_ignores_and_get_ignores(bound, form):
    client = bound.client
    answer = call(client, "new_ignores", form, ("folder", FOLDER), ("ignores", {"ignore": ["foo"]}))
    assert set(answer) == {"ignore", "expanded", "error"}
    assert answer["ignore"] == ["foo"] and "foo" in answer["expanded"] and answer["error"] is None
    assert stignore(bound) == ["foo"], "the lines, not the key 'ignore'"
    read = call(client, "get_ignores", form, ("folder", FOLDER))
    assert read == answer
    # what get_ignores returns goes straight back ("ignore object like in get_ignores response")
    assert call(client, "new_ignores", form, ("folder", FOLDER), ("ignores", read))["ignore"] == ["foo"]
    assert stignore(bound) == ["foo"]
    # a plain list of lines is accepted too
    assert call(client, "new_ignores", form, ("folder", FOLDER), ("ignores", ["foo", "*.tmp"]))["ignore"] == [
        "foo",
        "*.tmp",
    ]
    assert stignore(bound) == ["foo", "*.tmp"]
    cleared = call(client, "new_ignores", form, ("folder", FOLDER), ("ignores", {"ignore": []}))
    assert cleared == {"ignore": [], "expanded": [], "error": None}
    assert stignore(bound) is None, "an empty ignore list removes .stignore"


@pytest.mark.parametrize("name", ["get_need", "need"])
@pytest.mark.parametrize("form", FORMS)
def test_get_need(bound, form, name):
    answer = call(bound.client, name, form, ("folder", FOLDER))
    assert answer == {"progress": [], "queued": [], "rest": [], "page": 1, "perpage": 65536}


@pytest.mark.parametrize("form", FORMS)
def test_assign_priority(bound, form):
    answer = call(bound.client, "assign_priority", form, ("folder", FOLDER), ("file", FILE))
    assert answer == {"progress": [], "queued": [], "rest": [], "page": 1, "perpage": 65536}
    assert bound.client.assign_priority(FOLDER, filename=FILE) == answer, "the binding's code name"


BINDING_FOLDER_STATUS_KEYS = {
    "localBytes",
    "globalFiles",
    "needBytes",
    "ignorePatterns",
    "localDeleted",
    "globalBytes",
    "invalid",
    "globalDeleted",
    "state",
    "version",
    "inSyncFiles",
    "needFiles",
    "inSyncBytes",
    "localFiles",
    "stateChanged",
}


@pytest.mark.parametrize("form", FORMS)
def test_get_folder_status(bound, form):
    answer = call(bound.client, "get_folder_status", form, ("folder", FOLDER))
    assert set(answer) >= BINDING_FOLDER_STATUS_KEYS
    assert answer["state"] == "idle" and answer["version"] == answer["sequence"] > 0


@pytest.mark.parametrize("form", FORMS)
def test_new_error_and_clear_errors(bound, form):
    client = bound.client
    client.clear_errors()
    assert call(client, "new_error", form, ("message", "foo-" + form)) is None
    assert client.new_error(error_body="bar-" + form) is None, "the binding's code name"
    reported = [entry["message"] for entry in client.get_errors()["errors"]]
    for message in ("foo-" + form, "bar-" + form):
        if client.server_version() >= (2, 0, 0):
            assert f"External error report (error={message} log.pkg=api)" in reported
        else:
            assert message in reported
    assert client.clear_errors() is None
    assert client.get_errors() == {"errors": []}


@pytest.mark.parametrize("form", FORMS)
def test_new_config(bound, form):
    client = bound.client
    config = client.get_config()  # the binding's example sends {}, which would reset everything
    config["folders"][[f["id"] for f in config["folders"]].index(FOLDER)]["label"] = "quarantine " + form
    assert call(client, "new_config", form, ("config", config)) is None
    assert client.get_config() == config
    assert client.get_gui()["apiKey"] == bound.node["api_key"]


# ---------------------------------------------------------------- restart, reset, shutdown, upgrade


def start_time(client):
    """The node's startTime, once a new start would show another one (it has a resolution of one second)."""
    wait_until(lambda: client.get_status()["uptime"] >= 1, **SETTLE)
    return client.get_status()["startTime"]


def expected_upgrade_errors(version):
    """(status, text) of GET and of POST /rest/system/upgrade on these builds, which cannot upgrade."""
    if version >= (2, 0, 0):
        # 2.x ignores STNOUPGRADE on POST and asks releasesURL, a closed loopback port on the test nodes
        return (501, "upgrade unsupported"), (500, "no version to select")
    if version >= (1, 23, 0):
        return (501, "upgrade unsupported"), (501, "upgrade unsupported")
    return (503, "upgrade unsupported"), (500, "upgrade unsupported")


# Syncthing's monitor gives up after 4 restarts within 60 s ("not retrying further"): at most 3 per node here.


def test_upgrade_restart_reset_folder(nodes, version):
    node = nodes.start(version, "binding-restart")
    client = SyncthingClient(node["api_key"], node["url"])
    (get_status, get_text), (post_status, post_text) = expected_upgrade_errors(client.server_version())
    with pytest.raises(SyncthingHTTPError) as info:
        client.get_upgrade()
    assert (info.value.status, info.value.text.strip()) == (get_status, get_text)
    with pytest.raises(SyncthingHTTPError) as info:
        client.upgrade()
    assert (info.value.status, info.value.text.strip()) == (post_status, post_text)
    assert client.get_ping() == {"ping": "pong"}, "nothing was upgraded"

    started = start_time(client)
    assert client.restart() == {"ok": "restarting"}
    wait_restarted(client, started)

    path = os.path.join(node["data"], FOLDER)
    os.makedirs(path)
    client.add_folder({"id": FOLDER, "path": path, "paused": True})
    for form in FORMS:
        started = start_time(client)
        assert call(client, "reset", form, ("folder", FOLDER)) == {"ok": "resetting folder " + FOLDER}
        wait_restarted(client, started)
    assert client.get_folder(FOLDER)["paused"] is True, "a reset keeps the config"


def test_reset_database_and_shutdown(nodes, version):
    node = nodes.start(version, "binding-reset")
    client = SyncthingClient(node["api_key"], node["url"])
    client.add_device({"deviceID": DEVICE, "name": PEER_NAME})
    started = start_time(client)
    assert client.reset() == {"ok": "resetting database"}
    wait_restarted(client, started)
    assert client.get_device(DEVICE)["name"] == PEER_NAME, "a reset keeps the config"

    assert client.shutdown() == {"ok": "shutting down"}
    gone = SyncthingClient(node["api_key"], node["url"], retries=0)
    wait_until(lambda: _refused(gone), **SETTLE)


def _refused(client):
    try:
        client.get_ping()
    except SyncthingConnectionError:
        return True
    return False
