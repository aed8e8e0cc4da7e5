# Copyright (c) 2026, syncthing.rest contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Public field reports about scripting Syncthing's config (issue 12 B), replayed on real servers.

Each test runs the modules as users do (ansible ad hoc) against a fresh node of every tested version and
checks what Syncthing then really does: who can log in, what is on disk, what the server stores.
"""

import os
import shutil
import time

import bcrypt
import pytest
import requests
from realserver import add_peer, client_for, new_device_id, share_folder, wait_for
from reliab_helpers import adhoc, assert_clean_failure, conn_env, snapshot
from reliab_nodes import settle


def version_of(node):
    return tuple(int(part) for part in node["version"].split("."))


def can_log_in(node, user, password):
    """Log in to the GUI as a person does: basic auth before 1.26, the login form's endpoint from 1.26 on."""
    if version_of(node) >= (1, 26, 0):
        answer = requests.post(
            node["url"] + "/rest/noauth/auth/password",
            timeout=10,
            json={"username": user, "password": password, "stayLoggedIn": False},
        )
        assert answer.status_code in (204, 403), answer.text
        return answer.status_code == 204
    answer = requests.get(node["url"] + "/", auth=(user, password), timeout=10)
    assert answer.status_code in (200, 401), answer.text
    return answer.status_code == 200


def bcrypt_of(password):
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt(10)).decode()


def config_xml(node):
    with open(os.path.join(node["home"], "config.xml"), "rb") as handle:
        return handle.read()


# ---------------------------------------------------------------------------- 1 and 2: GUI passwords


def test_a_prehashed_password_logs_in_with_its_plaintext_or_is_refused(fresh):
    """gui.password given as a bcrypt hash: stored as given from 1.25, refused before (re-hashed there)."""
    env = conn_env(fresh)
    before = config_xml(fresh)
    run = adhoc("syncthing_config", {"gui": {"user": "admin", "password": bcrypt_of("plain-pw-1")}}, env=env)
    if version_of(fresh) < (1, 25, 0):
        assert_clean_failure(
            run,
            r"gui.password: a bcrypt hash is given, but Syncthing {} hashes the given value "
            r"again .* give the plaintext password".format(fresh["version"].replace(".", r"\.")),
        )
        assert config_xml(fresh) == before, "a refused task wrote the config"
        run = adhoc("syncthing_config", {"gui": {"user": "admin", "password": "plain-pw-1"}}, env=env)
    assert run.rc == 0 and run.result["changed"] is True, run
    settle(fresh)
    assert can_log_in(fresh, "admin", "plain-pw-1")
    assert not can_log_in(fresh, "admin", "wrong-pw")
    # the same task again changes nothing (a hash is compared literally, a plaintext against the hash)
    again = adhoc("syncthing_config", {"gui": {"user": "admin", "password": "plain-pw-1"}}, env=env)
    assert again.rc == 0 and again.result["changed"] is False, again


def test_on_create_never_replaces_a_password_whatever_its_form(fresh):
    """A user set their own password; provisioning with update_password=on_create and a default keeps it."""
    env = conn_env(fresh)
    client_for(fresh).patch_gui({"user": "admin", "password": "users-own-pw"})
    settle(fresh)
    assert can_log_in(fresh, "admin", "users-own-pw")
    before = config_xml(fresh)
    for default in (bcrypt_of("provisioning-default"), "provisioning-default"):
        run = adhoc(
            "syncthing_config", {"gui": {"user": "admin", "password": default}, "update_password": "on_create"}, env=env
        )
        assert run.rc == 0 and run.result["changed"] is False, run
    assert config_xml(fresh) == before
    assert can_log_in(fresh, "admin", "users-own-pw")
    assert not can_log_in(fresh, "admin", "provisioning-default")


# ---------------------------------------------------------------------------- 3: folder whose path is missing


def test_nothing_is_written_into_a_folder_whose_path_is_missing(fresh):
    env = conn_env(fresh)
    client = client_for(fresh)
    path = os.path.join(fresh["data"], "gone")
    share_folder(client, "gone", path)
    time.sleep(1)
    shutil.rmtree(path)
    try:  # Syncthing notices a missing path when it next looks at the folder (a scan)
        client.scan("gone")
    except Exception:
        pass
    assert client.get_folder_status("gone")["error"] == "folder path missing"
    before = snapshot(fresh["root"])
    cases = [
        ("syncthing_ignores", {"folder": "gone", "patterns": ["*.tmp"]}, "writing the ignore patterns of"),
        ("syncthing_folder_scan", {"folder": "gone"}, "to scan"),
        ("syncthing_system", {"command": "reset_database", "folder": "gone"}, "to reset the database of"),
    ]
    for module, args, doing in cases:
        for check in (False, True):
            run = adhoc(module, args, env=env, check=check)
            assert_clean_failure(
                run,
                rf"Refusing {doing} this folder: folder 'gone' is in state error: folder path "
                r"missing\. .*Nothing was changed",
            )
            assert not os.path.exists(path), f"{module} re-created the missing folder"
    assert snapshot(fresh["root"]) == before
    assert client.get_folder_status("gone")["state"] == "error"
    # once the path is back (with its marker), the same task works
    os.makedirs(os.path.join(path, ".stfolder"))
    client.scan("gone")
    run = adhoc("syncthing_ignores", {"folder": "gone", "patterns": ["*.tmp"]}, env=env)
    assert run.rc == 0 and run.result["changed"] is True, run


# ---------------------------------------------------------------------------- 4: true refusal reasons


def test_refusals_give_the_true_reason(fresh):
    env = conn_env(fresh)
    client = client_for(fresh)
    path = os.path.join(fresh["data"], "reasons")
    share_folder(client, "reasons", path)
    before = config_xml(fresh)
    run = adhoc(
        "syncthing_config", {"folders": [{"id": "reasons", "minDiskFree": {"value": 5, "unit": "GiB"}}]}, env=env
    )
    assert_clean_failure(
        run,
        r"minDiskFree.unit: 'GiB' is not a unit Syncthing understands \('%', 'kB', 'MB', 'GB', "
        r"'TB'\); it would store it as given and read the value by its first letter only",
    )
    assert "silently replace" not in run.result["msg"]
    run = adhoc("syncthing_config", {"folders": [{"id": "reasons", "rescanIntervalS": 1.5}]}, env=env)
    assert_clean_failure(run, r"rescanIntervalS: 1.5 is not a whole number; Syncthing stores this field as an integer")
    run = adhoc("syncthing_config", {"folders": [{"id": "reasons", "versioning": {"type": "weekly"}}]}, env=env)
    assert_clean_failure(run, r"'weekly' is not a versioning type Syncthing has")
    assert config_xml(fresh) == before
    # the reasons hold: Syncthing stores an unknown unit verbatim, refuses a fraction in an integer field,
    # and (from 1.26) refuses an unknown versioning type (1.19.2 crashes on it, so it is not tried there)
    folder = client.get_folder("reasons")
    client.put_folder(dict(folder, minDiskFree={"value": 5, "unit": "GiB"}))
    assert client.get_folder("reasons")["minDiskFree"] == {"value": 5, "unit": "GiB"}
    with pytest.raises(Exception, match="400"):
        client.put_folder(dict(folder, rescanIntervalS=1.5))
    if version_of(fresh) >= (1, 26, 0):
        with pytest.raises(Exception, match="versioning type"):
            client.put_folder(dict(folder, versioning=dict(folder["versioning"], type="weekly")))


# ---------------------------------------------------------------------------- 5: purge vs autoAcceptFolders


def test_purging_a_folder_a_device_auto_accepts_warns_and_the_warning_is_true(nodes, version, fresh):
    """A provisioned folder, also offered by a device this node auto-accepts from, is purged: it comes back."""
    other = nodes.start(version, "offerer")
    try:
        here, there = client_for(fresh), client_for(other)
        here.put_default_folder(dict(here.get_default_folder(), path=os.path.join(fresh["data"], "auto")))
        add_peer(here, other, "offerer", autoAcceptFolders=True)
        add_peer(there, fresh, "acceptor")
        for client, node in ((here, fresh), (there, other)):
            share_folder(client, "offered", os.path.join(node["data"], "provisioned"), [fresh, other], label="Offered")

        def folder_here():
            return [folder for folder in here.get_config()["folders"] if folder["id"] == "offered"]

        # any error while the nodes connect or restart counts as "not yet"
        settling = (Exception,)
        assert wait_for(
            lambda: here.get_connections()["connections"][other["device_id"]]["connected"], 60, ignore=settling
        )
        env = conn_env(fresh)
        run = adhoc("syncthing_config", {"folders": [], "purge_folders": True}, env=env)
        assert run.rc == 0 and run.result["changed"] is True and run.result["folders"]["removed"] == ["offered"], run
        warnings = " ".join(run.result.get("warnings") or [])
        assert (
            f"'offered' is removed, but it is shared by device {other['device_id']} (offerer) with autoAcceptFolders: true"
            in warnings
        ), run
        # it comes back when the device announces its folders again: at once on some versions (2.x while
        # connected), at the latest after a restart (1.x)
        if not wait_for(folder_here, 10, ignore=settling):
            run = adhoc("syncthing_system", {"command": "restart", "wait": True}, env=env)
            assert run.rc == 0, run
        assert wait_for(folder_here, 60, ignore=settling), "the warning said the folder comes back; it did not"
        assert os.path.dirname(folder_here()[0]["path"].rstrip("/")) == os.path.join(fresh["data"], "auto")
        assert os.path.basename(folder_here()[0]["path"].rstrip("/")) in ("Offered", "offered")
        assert os.path.isdir(os.path.join(fresh["data"], "provisioned")), "the purge removed files"
    finally:
        nodes.stop(other)


# ---------------------------------------------------------------------------- 6: remoteIgnoredDevices


def test_remote_ignored_devices_are_managed_partially_and_idempotently(fresh):
    env = conn_env(fresh)
    client = client_for(fresh)
    outside, ours = new_device_id(), new_device_id()
    cfg = client.get_config()
    cfg["remoteIgnoredDevices"] = [
        {"deviceID": outside, "name": "made outside", "address": "", "time": "2026-01-01T00:00:00Z"}
    ]
    client.new_config(cfg)
    task = {
        "remote_ignored_devices": [
            {"deviceID": ours.replace("-", "").lower(), "name": "intruder", "address": "tcp://192.0.2.7:22000"}
        ]
    }
    before = config_xml(fresh)
    check = adhoc("syncthing_config", task, env=env, check=True, diff=True)
    assert check.rc == 0 and check.result["changed"] is True, check
    assert config_xml(fresh) == before
    first, second = adhoc("syncthing_config", task, env=env), adhoc("syncthing_config", task, env=env)
    assert first.result["changed"] is True and second.result["changed"] is False, (first, second)
    assert first.result["remote_ignored_devices"] == {"added": [ours], "updated": [], "removed": []}
    stored = client.get_config()["remoteIgnoredDevices"]
    assert [item["deviceID"] for item in stored] == [outside, ours]
    assert first.result["config"]["remoteIgnoredDevices"] == [stored[1]]
    assert stored[1]["name"] == "intruder" and stored[1]["address"] == "tcp://192.0.2.7:22000"
    removed = adhoc("syncthing_config", {"remote_ignored_devices": [{"deviceID": ours, "state": "absent"}]}, env=env)
    assert removed.result["changed"] is True and removed.result["remote_ignored_devices"]["removed"] == [ours]
    assert [item["deviceID"] for item in client.get_config()["remoteIgnoredDevices"]] == [outside]
    run = adhoc("syncthing_config", {"remote_ignored_devices": [{"deviceID": fresh["device_id"]}]}, env=env)
    assert_clean_failure(run, r"is the local device, which cannot be ignored")
