# Copyright (c) 2026, syncthing.rest contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Field reports about syncthing_config's core (issue 24: 1, 2, 4, 7, 9), replayed on real servers.

Each test runs the module as users do (ansible ad hoc) against a fresh node of every tested version and reads
back what Syncthing stored, never trusting what was sent. Setting up "made outside" state goes through plain
HTTP, not through the client under test.
"""

import http.server
import os
import threading
import time

import requests
from realserver import client_for, new_device_id
from reliab_helpers import adhoc, assert_clean_failure, conn_env
from reliab_nodes import settle

TRASHCAN = {"type": "trashcan", "params": {"cleanoutDays": "7"}}
SIMPLE = {"type": "simple", "params": {"keep": "5"}}


def config_xml(node):
    with open(os.path.join(node["home"], "config.xml"), "rb") as handle:
        return handle.read()


def raw(node, method, path, body=None):
    """One request through plain HTTP (not the client under test); the answer's JSON, or None."""
    answer = requests.request(method, node["url"] + path, json=body, headers={"X-API-Key": node["api_key"]}, timeout=60)
    assert answer.status_code == 200, (method, path, answer.status_code, answer.text)
    return answer.json() if answer.text.strip() else None


def folders_of(node):
    return {folder["id"]: folder for folder in raw(node, "GET", "/rest/config/folders")}


def run_twice(task, env):
    first, second = adhoc("syncthing_config", task, env=env), adhoc("syncthing_config", task, env=env)
    assert first.rc == 0 and first.result["changed"] is True, first
    assert second.rc == 0 and second.result["changed"] is False, second
    return first


def set_trashcan_template(node):
    template = raw(node, "GET", "/rest/config/defaults/folder")
    template["versioning"] = dict(template["versioning"], **TRASHCAN)
    raw(node, "PUT", "/rest/config/defaults/folder", template)


# ---------------------------------------------------------------------------- 1: the template leaks into folders


def test_a_folder_with_its_own_params_is_stored_exactly_under_a_trashcan_template(fresh):
    env = conn_env(fresh)
    run_twice({"defaults": {"folder": {"versioning": TRASHCAN}}}, env)
    assert raw(fresh, "GET", "/rest/config/defaults/folder")["versioning"]["params"] == {"cleanoutDays": "7"}
    path = os.path.join(fresh["data"], "simple")
    task = {
        "folders": [
            {"id": "simple", "path": path, "versioning": SIMPLE},
            {"id": "plain", "path": path + "-plain", "versioning": {"type": "simple"}},
            {"id": "templated", "path": path + "-templated"},
        ]
    }
    first = run_twice(task, env)
    stored = folders_of(fresh)
    assert stored["simple"]["versioning"]["params"] == {"keep": "5"}  # no cleanoutDays: old versions stay
    assert stored["plain"]["versioning"]["params"] == {}
    assert stored["templated"]["versioning"]["type"] == "trashcan"  # a folder given no versioning takes the template
    assert stored["templated"]["versioning"]["params"] == {"cleanoutDays": "7"}
    returned = {folder["id"]: folder for folder in first.result["config"]["folders"]}
    assert {key: returned[key]["versioning"] for key in returned} == {
        key: stored[key]["versioning"] for key in returned
    }
    # changing the params replaces them; the template's keys never come back
    again = run_twice({"folders": [{"id": "simple", "versioning": {"type": "simple", "params": {"keep": "9"}}}]}, env)
    assert again.result["folders"]["updated"] == ["simple"]
    assert folders_of(fresh)["simple"]["versioning"]["params"] == {"keep": "9"}


def test_whole_config_writes_leave_every_folder_as_it_was(fresh):
    env = conn_env(fresh)
    set_trashcan_template(fresh)
    client = client_for(fresh)  # the client's own helpers write exactly too
    template = client.get_default_folder()
    client.set_folders(
        [
            dict(template, id=folder_id, path=os.path.join(fresh["data"], folder_id.replace("/", "-")), versioning=v)
            for folder_id, v in (
                ("own-params", dict(template["versioning"], **SIMPLE)),
                ("no-params", dict(template["versioning"], type="", params={})),
                ("team/docs", dict(template["versioning"], **SIMPLE)),
            )
        ]
    )
    before = folders_of(fresh)
    assert before["own-params"]["versioning"]["params"] == {"keep": "5"}
    assert before["no-params"]["versioning"]["params"] == {}
    # only remoteIgnoredDevices changes, through PUT /rest/config
    run = run_twice({"remote_ignored_devices": [{"deviceID": new_device_id(), "name": "stranger"}]}, env)
    assert run.result["folders"] == {"added": [], "updated": [], "removed": []}
    assert folders_of(fresh) == before
    # removing a folder whose ID contains '/' also goes through PUT /rest/config
    run = run_twice({"folders": [{"id": "team/docs", "state": "absent"}]}, env)
    assert run.result["folders"] == {"added": [], "updated": [], "removed": ["team/docs"]}
    assert folders_of(fresh) == {key: value for key, value in before.items() if key != "team/docs"}


# ---------------------------------------------------------------------------- 2: time-valued list items


def test_time_valued_list_items_settle_and_bad_times_are_refused(fresh):
    env = conn_env(fresh)
    peer = new_device_id()
    ignored = [
        {"id": "later", "label": "Later", "time": "2026-01-31T12:00:00.500+02:00"},
        {"id": "earlier", "label": "Earlier", "time": "2026-01-01T00:00:00.000+00:00"},
        {"id": "no-time", "label": "No time given"},
    ]
    stranger = new_device_id()
    task = {
        "devices": [{"deviceID": peer, "name": "peer", "ignoredFolders": ignored}],
        "remote_ignored_devices": [{"deviceID": stranger, "name": "x", "time": "2026-02-01T10:00:00.120000-00:00"}],
    }
    run_twice(task, env)
    stored = raw(fresh, "GET", "/rest/config/devices/" + peer)["ignoredFolders"]
    by_id = {item["id"]: item for item in stored}
    assert by_id["later"]["time"] == "2026-01-31T12:00:00.5+02:00"
    assert by_id["earlier"]["time"] == "2026-01-01T00:00:00Z"
    assert set(by_id) == {"later", "earlier", "no-time"}
    remote = raw(fresh, "GET", "/rest/config")["remoteIgnoredDevices"]
    assert [item["time"] for item in remote if item["deviceID"] == stranger] == ["2026-02-01T10:00:00.12Z"]
    before = config_xml(fresh)
    bad = {"devices": [{"deviceID": peer, "ignoredFolders": [{"id": "x", "time": "31/01/2026 12:00"}]}]}
    run = adhoc("syncthing_config", bad, env=env)
    assert_clean_failure(run, r"ignoredFolders\[0\]\.time: '31/01/2026 12:00' is not an RFC 3339 time")
    assert config_xml(fresh) == before


# ---------------------------------------------------------------------------- 4: half-applied tasks


def test_refusals_known_in_advance_are_made_before_the_first_write(fresh):
    env = conn_env(fresh)
    path = os.path.join(fresh["data"], "typed")
    run_twice(
        {"folders": [{"id": "typed", "path": path}, {"id": "enc", "path": path + "-enc", "type": "receiveencrypted"}]},
        env,
    )
    refusals = [
        (
            {"folders": [{"id": "typed", "type": "receiveencrypted"}]},
            r"'sendreceive' cannot be changed to 'receiveencrypted'",
        ),
        ({"folders": [{"id": "enc", "type": "sendreceive"}]}, r"'receiveencrypted' cannot be changed to 'sendreceive'"),
        (
            {"gui": {"address": "127.0.0.1:99999"}},
            r"gui\.address: '127\.0\.0\.1:99999' is not an address Syncthing can listen on",
        ),
        ({"gui": {"address": "127.0.0.1"}}, r"missing port"),
        ({"gui": {"user": "admin", "password": "p" * 80}}, r"gui\.password: longer than 72 bytes"),
    ]
    for refused, pattern in refusals:
        before = config_xml(fresh)
        # earlier writes of the same task (a device, options) would land first if the refusal came from Syncthing
        task = dict(refused, devices=[{"deviceID": new_device_id(), "name": "would-land"}], options={"maxSendKbps": 77})
        run = adhoc("syncthing_config", task, env=env)
        assert_clean_failure(run, pattern)
        assert run.result.get("changed") is False, run
        assert config_xml(fresh) == before, refused
    # Syncthing did refuse each of them (so the check is not stricter than the server)
    for body, path in (
        ({"type": "receiveencrypted"}, "/rest/config/folders/typed"),
        ({"address": "127.0.0.1:99999"}, "/rest/config/gui"),
    ):
        answer = requests.patch(fresh["url"] + path, json=body, headers={"X-API-Key": fresh["api_key"]}, timeout=30)
        assert answer.status_code == 500, answer.text


def test_a_refusal_only_syncthing_can_make_rolls_back_the_earlier_writes(fresh):
    env = conn_env(fresh)
    before = raw(fresh, "GET", "/rest/config")
    task = {
        "devices": [{"deviceID": new_device_id(), "name": "rolled-back"}],
        "folders": [{"id": "rolled-back", "path": os.path.join(fresh["data"], "rolled-back")}],
        "options": {"maxSendKbps": 77},
        # a host name only Syncthing's resolver can refuse
        "gui": {"address": "no-such-host.invalid:8384"},
    }
    run = adhoc("syncthing_config", task, env=env)
    assert_clean_failure(run, r"Writing gui was refused: .*were rolled back .*nothing was changed")
    assert run.result.get("changed") is False, run
    settle(fresh)
    assert raw(fresh, "GET", "/rest/config") == before


# ---------------------------------------------------------------------------- 7: a write whose answer never comes


class LossyProxy:
    """A loopback proxy to a node that loses the answer of one kind of request (``lose``: method, path).

    ``forward`` True: the request reaches Syncthing and its answer is held back until the client gives up;
    False: the request is never forwarded.
    """

    def __init__(self, target, lose, forward=True, hold=6):
        self.target, self.lose, self.forward, self.hold = target, lose, forward, hold
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _relay(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                lost = (self.command, self.path.split("?")[0]) == proxy.lose
                if not lost or proxy.forward:
                    headers = {key: value for key, value in self.headers.items() if key.lower() != "host"}
                    answer = requests.request(
                        self.command, proxy.target + self.path, data=body, headers=headers, timeout=120
                    )
                if lost:
                    time.sleep(proxy.hold)
                    self.close_connection = True
                    return
                self.send_response(answer.status_code)
                for key, value in answer.headers.items():
                    if key.lower() not in ("content-length", "transfer-encoding", "connection", "content-encoding"):
                        self.send_header(key, value)
                self.send_header("Content-Length", str(len(answer.content)))
                self.end_headers()
                self.wfile.write(answer.content)

            do_GET = do_PUT = do_POST = do_PATCH = do_DELETE = _relay

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def test_a_write_whose_answer_never_comes_is_read_back(fresh):
    proxy = LossyProxy(fresh["url"], ("PUT", "/rest/config/folders"))
    try:
        through = conn_env(fresh, SYNCTHING_URL=proxy.url)
        landed = {"folders": [{"id": "answer-lost", "path": os.path.join(fresh["data"], "answer-lost")}], "timeout": 2}
        run = adhoc("syncthing_config", landed, env=through)
        assert run.rc == 0 and run.result["changed"] is True, run
        assert any("reading the config back shows it was applied" in text for text in run.result.get("warnings", [])), (
            run
        )
        assert "answer-lost" in folders_of(fresh)
        again = adhoc("syncthing_config", dict(landed, timeout=30), env=conn_env(fresh))
        assert again.rc == 0 and again.result["changed"] is False, again
        proxy.forward = False
        lost = {"folders": [{"id": "never-sent", "path": os.path.join(fresh["data"], "never-sent")}], "timeout": 2}
        run = adhoc("syncthing_config", lost, env=through)
        assert_clean_failure(run, r"got no answer, and reading the config back shows it was not applied")
        assert run.result.get("changed") is False, run
        assert "never-sent" not in folders_of(fresh)
    finally:
        proxy.close()


def test_a_large_first_roll_out_gets_a_time_budget_that_grows_with_it(fresh):
    """A real slow commit: 1000 new folders (about 13-18 s on 2.1.3) with a 5 s timeout."""
    base = os.path.join(fresh["data"], "many")
    task = {
        "folders": [{"id": f"many-{index:04d}", "path": f"{base}/{index:04d}"} for index in range(1000)],
        "timeout": 5,
        "return_config": "none",
    }
    run = adhoc("syncthing_config", task, env=conn_env(fresh), timeout=400)
    assert run.rc == 0 and run.result["changed"] is True, run
    assert len(run.result["folders"]["added"]) == 1000
    assert sum(1 for folder_id in folders_of(fresh) if folder_id.startswith("many-")) == 1000


# ---------------------------------------------------------------------------- 9: relative folder paths


def test_a_relative_folder_path_is_refused_and_a_home_path_accepted(fresh):
    env = conn_env(fresh)
    before = config_xml(fresh)
    for path in ("relative/dir", "~/../outside"):
        run = adhoc("syncthing_config", {"folders": [{"id": "rel", "path": path}]}, env=env)
        assert_clean_failure(run, r"folders\[0\] \(id 'rel'\)\.path: .*(relative path|leaves the home folder)")
        assert config_xml(fresh) == before
    # paused: Syncthing does not create the directory (in the home of the user running the tests)
    run_twice({"folders": [{"id": "home", "path": "~/st-core-home-test", "paused": True}]}, env)
    assert folders_of(fresh)["home"]["path"].endswith("st-core-home-test")
