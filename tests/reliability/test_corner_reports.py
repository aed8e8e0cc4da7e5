# Copyright (c) 2026, syncthing.rest contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Corner cases from public field reports and a new user's first steps (issue 24), replayed on real servers.

Each test runs the modules as users do (ansible ad hoc or a playbook) against a node of every tested version and
reads back what Syncthing then really stores.
"""

import os

from realserver import add_peer, client_for, new_device_id, share_folder, wait_for
from reliab_helpers import adhoc, assert_clean_failure, conn_env


def stored_device(client, device_id):
    return next(item for item in client.get_config()["devices"] if item["deviceID"] == device_id)


# ---------------------------------------------------------------------------- 10: pause without peers, by name


def test_pause_on_a_node_without_peers_is_no_change_and_devices_go_by_name(fresh):
    env, client = conn_env(fresh), client_for(fresh)
    for check in (True, False):
        run = adhoc("syncthing_system", {"command": "pause"}, env=env, check=check)
        assert run.rc == 0 and run.result["changed"] is False and run.result["devices"] == [], run
    assert stored_device(client, fresh["device_id"]).get("paused") is False
    peer = new_device_id()
    client.set_devices([dict(client.get_default_device(), deviceID=peer, name="laptop")])
    for changed in (True, False):
        run = adhoc("syncthing_system", {"command": "pause", "device": "laptop"}, env=env)
        assert run.rc == 0 and run.result["changed"] is changed, run
        assert run.result["device"] == peer and run.result["devices"] == ([peer] if changed else []), run
    assert stored_device(client, peer)["paused"] is True
    run = adhoc("syncthing_system", {"command": "resume", "device": "lap"}, env=env)
    assert_clean_failure(
        run, r"^device: 'lap' is neither a valid device ID \(.*\) nor the name of a configured device$"
    )
    run = adhoc("syncthing_system", {"command": "pause", "device": fresh["device_id"]}, env=env)
    assert_clean_failure(run, r"is this node's own device ID; Syncthing pauses and resumes its peers, not itself")
    for changed in (True, False):
        run = adhoc("syncthing_system", {"command": "resume"}, env=env)
        assert (
            run.rc == 0 and run.result["changed"] is changed and run.result["devices"] == ([peer] if changed else [])
        ), run
    assert stored_device(client, peer)["paused"] is False


# ---------------------------------------------------------------------------- 11: wrong port, untrusted certificate


def test_a_wrong_port_asks_whether_syncthing_runs_there_within_the_timeout(node):
    closed = "http://127.0.0.1:9"
    run = adhoc("syncthing_info", {"gather": ["version"], "timeout": 1}, env=conn_env(node, SYNCTHING_URL=closed))
    # the retries stop before the task's 1 s are spent (before: 6 attempts over 7.75 s whatever the timeout)
    assert_clean_failure(
        run,
        rf"cannot connect to {closed}: is Syncthing running at {closed}\? \(\[Errno 111\] .*; 3 attempts in 0\.\ds\)",
    )
    run = adhoc("syncthing_info", {"gather": ["version"]}, env=conn_env(node, SYNCTHING_URL=closed))
    assert_clean_failure(run, r"is Syncthing running at .*; 6 attempts in [78]\.\ds\)")


def test_an_untrusted_certificate_names_ca_path_and_validate_certs(node):
    run = adhoc(
        "syncthing_info",
        {"gather": ["version"]},
        env=conn_env(node, SYNCTHING_URL=node["url"].replace("http://", "https://")),
    )
    assert_clean_failure(
        run,
        r"TLS error talking to https://127\.0\.0\.1:\d+: the server's certificate was not accepted \(certificate verify "
        r"failed: self[- ]signed certificate\); give the CA certificate .* with ca_path, or set validate_certs=false$",
    )
    assert "HTTPSConnectionPool" not in run.result["msg"]


# ---------------------------------------------------------------------------- 8: purge against an introducer


def device_ids(client):
    return {item["deviceID"] for item in client.get_config()["devices"]}


def test_purging_a_device_an_introducer_introduced_warns_and_the_warning_is_true(nodes, version, fresh):
    """The introducer shares a folder with a third device; this node adds it, a purge removes it, it comes back."""
    introducer = nodes.start(version, "introducer")
    try:
        here, there = client_for(fresh), client_for(introducer)
        third = new_device_id()
        # paused until both sides are configured: the introducer's folder list reaches this node once, at connection
        add_peer(here, introducer, "introducer", introducer=True, paused=True)
        add_peer(there, fresh, "introduced-to")
        there.set_devices(
            [dict(there.get_default_device(), deviceID=third, name="third", addresses=["tcp://127.0.0.1:1"])]
        )
        share_folder(
            there, "shared", os.path.join(introducer["data"], "shared"), [introducer, fresh, {"device_id": third}]
        )
        share_folder(here, "shared", os.path.join(fresh["data"], "shared"), [fresh, introducer])
        here.resume(introducer["device_id"])
        settling = (Exception,)
        assert wait_for(lambda: third in device_ids(here), 60, ignore=settling), "the introducer did not introduce"
        env = conn_env(fresh)
        task = {"devices": [{"deviceID": introducer["device_id"]}], "purge_devices": True}
        run = adhoc("syncthing_config", task, env=env)
        assert run.rc == 0 and run.result["changed"] is True and run.result["devices"]["removed"] == [third], run
        warnings = " ".join(run.result.get("warnings") or [])
        assert (
            f"devices: {third} (third) is removed, but it was introduced by device {introducer['device_id']} "
            "(introducer), which stays an introducer" in warnings
        ), run
        # the warning is true: once the introducer sends its folder list again (it reconnects), the device is back
        nodes.stop(introducer)
        nodes.start_again(introducer)
        assert wait_for(lambda: third in device_ids(here), 60, ignore=settling), "the device did not come back"
    finally:
        nodes.stop(introducer)


# ---------------------------------------------------------------------------- 12: ignore patterns Syncthing refuses

LINES = [
    "[abc",
    "a[",
    "[a-]",
    "[]",
    "[!]",
    "[z-a]",
    "[a-z0-9]",
    "(?i)[Z-a]",
    "!",
    "(?i)",
    "!(?d)",
    "(?i)!",
    "(?d)",
    "#include",
    "{a,b",
    "a\\",
    "{}",
    "(?i)(?i)x",
    "!!x",
    "**/",
    "a{b{c}}",
    "a]",
    "{a",
    "[-a]",
    "a\\b",
    "[\\]]",
    "[^a]",
    "[Z-a]",
    "[a-a]",
    "[!a-z]",
    "[--a]",
    "(?d)!x",
    "*.tmp",
    "\\[abc",
    "(?i)!x[",
]
ESCAPE_FILES = [
    ["#escape=ab"],
    ["x", "#escape=|"],
    ["#escape=|", "#escape=|"],
    ["#escape=|", "|[x"],
    ["#escape=|", "a[|]"],
]


def test_the_offline_ignore_rules_agree_with_syncthing(fresh):
    """Every line the module refuses offline Syncthing refuses too, and every line it lets through Syncthing takes."""
    from ansible_collections.syncthing.rest.plugins.module_utils._ignore_rules import problems

    client = client_for(fresh)
    path = os.path.join(fresh["data"], "rules")
    share_folder(client, "rules", path)
    version = client.server_version()
    disagree = []
    for lines in [[line] for line in LINES] + ESCAPE_FILES:
        client.new_ignores("rules", lines)
        refused = bool(client.get_ignores("rules")["error"])
        if refused != bool(problems(lines, version)):
            disagree.append((lines, refused))
    client.new_ignores("rules", [])
    assert disagree == []


def test_an_invalid_pattern_is_refused_before_sending_and_leaves_no_error_entry(fresh):
    env, client = conn_env(fresh), client_for(fresh)
    path = os.path.join(fresh["data"], "pat")
    share_folder(client, "pat", path)
    client.new_ignores("pat", ["*.tmp"])
    client.clear_errors()
    for check in (True, False):
        run = adhoc("syncthing_ignores", {"folder": "pat", "patterns": ["[abc"]}, env=env, check=check)
        assert_clean_failure(
            run,
            r"^Syncthing would refuse these ignore patterns for folder pat: \.stignore: line 2 '\[abc': a character "
            r"class '\[' is not closed with '\]'; nothing was sent$",
        )
        assert run.result.get("changed") is False, run
    assert client.get_ignores("pat")["ignore"] == ["*.tmp"]
    assert client.get_errors()["errors"] == []
    # what only Syncthing can tell (the included file is missing): rolled back; 1.x then holds an error-list entry
    # for it (2.x makes none), and the result says so exactly when it is there
    run = adhoc("syncthing_ignores", {"folder": "pat", "patterns": ["#include nope.txt"]}, env=env)
    assert_clean_failure(
        run, r"failed to load include file .*nope\.txt.*The previous patterns were put back; nothing was changed\."
    )
    assert client.get_ignores("pat")["ignore"] == ["*.tmp"]
    entry = any("nope.txt" in item["message"] for item in client.get_errors()["errors"])
    assert entry is (fresh["version"] < "2"), client.get_errors()
    assert (
        "Syncthing's error list (its GUI's notices, GET /rest/system/error) now holds an entry" in run.result["msg"]
    ) is entry


# ---------------------------------------------------------------------------- 3: ignores on an encrypted replica


def test_ignores_on_a_receiveencrypted_folder_are_refused_in_every_mode(fresh):
    env, client = conn_env(fresh), client_for(fresh)
    path = os.path.join(fresh["data"], "enc")
    share_folder(client, "enc", path, type="receiveencrypted")
    for check in (True, False):
        for state in ("present", "absent"):
            run = adhoc(
                "syncthing_ignores", {"folder": "enc", "patterns": ["*.tmp"], "state": state}, env=env, check=check
            )
            assert_clean_failure(
                run,
                r"^Folder 'enc' is of type receiveencrypted \(an untrusted device's encrypted copy\): Syncthing applies "
                r"no ignore patterns there, so they belong on the trusted devices that share it; nothing was changed$",
            )
    assert not os.path.exists(os.path.join(path, ".stignore"))


# ---------------------------------------------------------------------------- 5: GUI address overridden from outside


def test_a_gui_address_change_under_an_override_stays_at_the_address_syncthing_uses(nodes, version):
    import stnode

    port = stnode.free_port()
    node = nodes.start(version, "overridden", gui_port=port, env={"STGUIADDRESS": f"http://127.0.0.1:{port}"})
    try:
        client = client_for(node)
        assert client.get_status()["guiAddressOverridden"] is True
        elsewhere = f"127.0.0.1:{stnode.free_port()}"
        options = client.get_options()
        # an options field that needs a restart where the version has one (the module asks only after options)
        change = {"auditEnabled": True} if "auditEnabled" in options else {"maxSendKbps": options["maxSendKbps"] + 1}
        task = {"gui": {"address": elsewhere}, "options": change}
        run = adhoc("syncthing_config", task, env=conn_env(node))
        assert run.rc == 0 and run.result["changed"] is True, run
        warnings = " ".join(run.result.get("warnings") or [])
        assert "moved" not in warnings and "failed" not in warnings, run
        assert (
            f"overridden from outside (STGUIADDRESS or --gui-address), so it keeps listening on 127.0.0.1:{port}"
            in warnings
        )
        # stored, still answering where it was, and restart_required as Syncthing itself reports it there
        assert client.get_gui()["address"] == elsewhere
        assert run.result["restart_required"] is client.get_restart_required()["requiresRestart"]
        again = adhoc("syncthing_config", task, env=conn_env(node))
        assert again.rc == 0 and again.result["changed"] is False, again
    finally:
        nodes.stop(node)
