# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""examples/fleet (role syncthing.rest.cluster) on five real nodes of mixed Syncthing versions.

Hub topology with one hub; two folders with different members; an untrusted member that must never hold
plaintext; a receiveonly per-host override; a rerun that changes nothing; drift shown by --check --diff and
repaired; an encrypted folder added while the trusted and untrusted nodes are already connected (the order
that stalls Syncthing when the trusted side shares first, upstream #8041/#7921); a member whose Syncthing is
stopped, with cluster_exclusive: refused on every host, nothing written; and finally the same play with one host
left out of the inventory and cluster_exclusive, which unpairs it everywhere.
The steps share one set of nodes and run in file order.
"""

import copy
import json
import os
import sys
import time
import uuid

import pytest
import realserver
import stnode
import yaml
from e2e_playbook import run_playbook
from realserver import COLL, client_for

SYNC_TIMEOUT = 120
HOSTS = ["nas", "laptop-ann", "laptop-bob", "backup", "tv"]
INVENTORY = os.path.join(COLL, "examples", "fleet", "inventory.yml")
PLAYBOOK = os.path.join("fleet", "playbook.yml")
VAULT_PASSWORD = f"vault password {uuid.uuid4()}"


def wait_for(predicate, timeout=SYNC_TIMEOUT, interval=0.5):
    return realserver.wait_for(predicate, timeout, interval)


read = realserver.read_text


def write(path, content):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as handle:
        handle.write(content)


def versions_for(versions):
    """One version per host, cycling through the matrix (the untrusted backup on the oldest)."""
    versions = list(dict.fromkeys(versions))
    return {host: versions[index % len(versions)] for index, host in enumerate(HOSTS)}


def example_folders():
    with open(os.path.join(COLL, "examples", PLAYBOOK)) as handle:
        play = yaml.safe_load(handle)[0]
    return play["roles"][0]["vars"]["cluster_folders"]


class Fleet:
    def __init__(self):
        self.nodes = stnode.NodeSet(prefix="st-fleet-")
        self.by_host = {}
        self.extra = os.path.join(self.nodes.root, "extra-vars.json")
        self.set_extra(example_folders())

    def start(self, versions):
        for host, version in versions_for(versions).items():
            self.by_host[host] = self.nodes.start(version, host)

    def folders(self):
        """The cluster_folders the next play gets."""
        with open(self.extra) as handle:
            return json.load(handle)["cluster_folders"]

    def set_extra(self, folders, **more):
        data = dict(more, cluster_folders=folders)
        with open(self.extra, "w") as handle:
            json.dump(data, handle)

    def inventories(self, without=()):
        """The example inventory (minus ``without``) and one that connects its hosts to the local nodes."""
        with open(INVENTORY) as handle:
            inventory = yaml.safe_load(handle)
        for group in inventory["syncthing_hosts"]["children"].values():
            for host in without:
                (group.get("hosts") or {}).pop(host, None)
        main = os.path.join(self.nodes.root, "inventory-%s.yml" % ("-".join(without) or "all"))
        with open(main, "w") as handle:
            yaml.safe_dump(inventory, handle)
        hosts = {}
        for host, node in self.by_host.items():
            if host in without:
                continue
            hosts[host] = {
                "ansible_connection": "local",
                "ansible_python_interpreter": sys.executable,
                "syncthing_url": node["url"],
                "syncthing_api_key": node["api_key"],
                "syncthing_address": node["listen"],
                "fleet_data": node["data"],
            }
        local = os.path.join(self.nodes.root, "local-%s.yml" % ("-".join(without) or "all"))
        with open(local, "w") as handle:
            yaml.safe_dump({"all": {"hosts": hosts}}, handle)
        return [main, local]

    def play(self, *args, without=()):
        return run_playbook(self.inventories(without), PLAYBOOK, args=("-e", "@" + self.extra, *args))

    def client(self, host):
        return client_for(self.by_host[host])

    def config(self, host):
        return self.client(host).get_config()

    def device_id(self, host):
        return self.by_host[host]["device_id"]

    def path(self, host, folder, name=""):
        return os.path.join(self.by_host[host]["data"], folder, name)


@pytest.fixture(scope="module")
def fleet(request):
    made = Fleet()
    try:
        made.start(request.config.getoption("versions").split())
        yield made
    finally:
        made.nodes.stop_all()


def assert_clean(result, hosts, changed=None):
    rc, output, recap = result
    assert rc == 0, output
    assert sorted(recap) == sorted(hosts), output
    for host, counts in recap.items():
        assert counts["failed"] == 0 and counts["unreachable"] == 0, output
        if changed is not None:
            assert (counts["changed"] > 0) == (host in changed), f"{host} changed={counts['changed']}\n{output}"


def peers(fleet, host):
    return sorted(d["deviceID"] for d in fleet.config(host)["devices"] if d["deviceID"] != fleet.device_id(host))


def folder(fleet, host, folder_id):
    found = [f for f in fleet.config(host)["folders"] if f["id"] == folder_id]
    return found[0] if found else None


def shared_with(fleet, host, folder_id):
    return sorted(
        d["deviceID"] for d in folder(fleet, host, folder_id)["devices"] if d["deviceID"] != fleet.device_id(host)
    )


def ids(fleet, *hosts):
    return sorted(fleet.device_id(host) for host in hosts)


def plaintext_under(roots, needles):
    """Files under ``roots`` whose bytes contain any of ``needles`` (also their names)."""
    found = []
    for root in roots:
        for base, _dirs, files in os.walk(root):
            for name in files:
                path = os.path.join(base, name)
                try:
                    with open(path, "rb") as handle:
                        data = handle.read()
                except OSError:
                    continue
                if any(needle.encode() in data or needle in path for needle in needles):
                    found.append(path)
    return found


def test_converge(fleet):
    assert_clean(fleet.play(), HOSTS, changed=HOSTS)
    # hub topology: spokes pair with the hub only, the hub with every member of its folders
    assert peers(fleet, "nas") == ids(fleet, "laptop-ann", "laptop-bob", "backup", "tv")
    for spoke in ("laptop-ann", "laptop-bob", "backup", "tv"):
        assert peers(fleet, spoke) == ids(fleet, "nas"), spoke
    # two folders with different members
    assert shared_with(fleet, "nas", "docs") == ids(fleet, "laptop-ann", "laptop-bob", "backup")
    assert shared_with(fleet, "nas", "photos") == ids(fleet, "laptop-ann", "tv")
    assert folder(fleet, "laptop-bob", "photos") is None and folder(fleet, "tv", "docs") is None
    assert folder(fleet, "backup", "photos") is None
    # the untrusted member: receiveencrypted there, an untrusted device with a password on the hub
    assert folder(fleet, "backup", "docs")["type"] == "receiveencrypted"
    backup = next(d for d in fleet.config("nas")["devices"] if d["deviceID"] == fleet.device_id("backup"))
    assert backup["untrusted"] is True
    entry = next(d for d in folder(fleet, "nas", "docs")["devices"] if d["deviceID"] == fleet.device_id("backup"))
    assert entry["encryptionPassword"]
    # the override: receiveonly (and its own label) on the TV only
    assert folder(fleet, "tv", "photos")["type"] == "receiveonly"
    assert folder(fleet, "tv", "photos")["label"] == "Photos (TV)"
    assert folder(fleet, "laptop-ann", "photos")["type"] == "sendreceive"
    assert "*.tmp" in (fleet.client("laptop-ann").get_ignores("docs")["ignore"] or [])


def test_rerun_changes_nothing(fleet):
    assert_clean(fleet.play(), HOSTS, changed=[])


def test_bad_definition_is_refused_before_anything_is_written(fleet):
    before = {host: fleet.config(host) for host in HOSTS}
    folders = [
        *copy.deepcopy(example_folders()),
        {"id": "plain", "path": "{{ fleet_data }}/plain", "hosts": ["nas", "backup"]},
        {"id": "typo", "path": "{{ fleet_data }}/typo", "hosts": ["nas", "laptop-ana"]},
    ]
    fleet.set_extra(folders)
    try:
        rc, output, recap = fleet.play()
    finally:
        fleet.set_extra(example_folders())
    assert rc != 0, output
    assert "cluster_folders[plain]: backup is untrusted" in output, output
    assert "laptop-ana is neither an inventory host nor a group" in output, output
    assert "Nothing has been written" in output, output
    for host in HOSTS:
        assert recap[host]["changed"] == 0, output
        after = fleet.config(host)
        assert (after["folders"], after["devices"]) == (before[host]["folders"], before[host]["devices"]), host


def test_spoke_to_spoke_through_the_hub_and_encrypted_to_the_untrusted(fleet):
    token = f"docs from ann {uuid.uuid4()}"
    name = f"secret-{uuid.uuid4().hex[:8]}.txt"
    write(fleet.path("laptop-ann", "docs", name), token)
    fleet.client("laptop-ann").scan("docs")
    # laptop-bob is not paired with laptop-ann: the file comes through the hub
    assert fleet.device_id("laptop-ann") not in peers(fleet, "laptop-bob")
    for host in ("nas", "laptop-bob"):
        target = fleet.path(host, "docs", name)
        assert wait_for(lambda target=target: read(target) == token), f"{name} did not reach {host}"
    # the untrusted member gets the data, encrypted
    backup = fleet.client("backup")
    assert wait_for(lambda: backup.get_folder_status("docs").get("localFiles", 0) >= 1), (
        "nothing reached the untrusted backup"
    )
    assert wait_for(lambda: backup.get_folder_status("docs").get("needFiles", 1) == 0)
    node = fleet.by_host["backup"]
    assert plaintext_under([fleet.path("backup", "docs"), node["home"]], [token, name]) == []


def test_receiveonly_override_follows_and_sends_nothing_back(fleet):
    token = f"photo {uuid.uuid4()}"
    write(fleet.path("laptop-ann", "photos", "beach.txt"), token)
    fleet.client("laptop-ann").scan("photos")
    target = fleet.path("tv", "photos", "beach.txt")
    assert wait_for(lambda: read(target) == token), "beach.txt did not reach the TV"
    write(fleet.path("tv", "photos", "tv-only.txt"), "local change")
    fleet.client("tv").scan("photos")
    time.sleep(3)
    assert not os.path.exists(fleet.path("nas", "photos", "tv-only.txt"))
    assert wait_for(lambda: fleet.client("tv").get_folder_status("photos").get("receiveOnlyTotalItems", 0) >= 1)


def test_check_diff_shows_drift_and_writes_nothing(fleet):
    nas, ann = fleet.client("nas"), fleet.client("laptop-ann")
    docs = folder(fleet, "nas", "docs")
    docs["devices"] = [d for d in docs["devices"] if d["deviceID"] != fleet.device_id("laptop-bob")]
    nas.put_folder(docs)
    photos = folder(fleet, "laptop-ann", "photos")
    photos["label"] = "Drifted"
    ann.put_folder(photos)
    rc, output, recap = fleet.play("--check", "--diff")
    assert rc == 0, output
    assert all(counts["failed"] == 0 for counts in recap.values()), output
    assert recap["nas"]["changed"] > 0 and recap["laptop-ann"]["changed"] > 0, output
    assert fleet.device_id("laptop-bob") in output and "Drifted" in output, output
    # nothing was written
    assert shared_with(fleet, "nas", "docs") == ids(fleet, "laptop-ann", "backup")
    assert folder(fleet, "laptop-ann", "photos")["label"] == "Drifted"
    assert_clean(fleet.play(), HOSTS, changed=["nas", "laptop-ann"])
    assert shared_with(fleet, "nas", "docs") == ids(fleet, "laptop-ann", "laptop-bob", "backup")
    assert folder(fleet, "laptop-ann", "photos")["label"] == "Photos"


def test_encrypted_folder_added_while_connected_syncs(fleet):
    """nas and backup are connected (docs); a new encrypted folder must reach backup whatever the order."""
    backup = fleet.client("backup")
    assert backup.get_connections()["connections"][fleet.device_id("nas")]["connected"]
    folders = copy.deepcopy(example_folders())
    folders.append(
        {
            "id": "vault",
            "label": "Vault",
            "path": "{{ fleet_data }}/vault",
            "hosts": ["nas", "backup"],
            "fsWatcherDelayS": 1,
            "encryption_password": VAULT_PASSWORD,
            "ignores": ["*.partial"],
        }
    )
    fleet.set_extra(folders)
    # --check --diff shows the ignore patterns the new folder gets (on the trusted nas only) and writes nothing
    rc, output, recap = fleet.play("--check", "--diff")
    assert rc == 0 and all(counts["failed"] == 0 for counts in recap.values()), output
    assert output.count("folder vault: .stignore") == 2 and "+*.partial" in output, output
    assert folder(fleet, "nas", "vault") is None and folder(fleet, "backup", "vault") is None
    token = f"vault {uuid.uuid4()}"
    write(fleet.path("nas", "vault", "key.txt"), token)
    assert_clean(fleet.play(), HOSTS, changed=["nas", "backup"])
    assert folder(fleet, "backup", "vault")["type"] == "receiveencrypted"
    assert wait_for(lambda: backup.get_folder_status("vault").get("localFiles", 0) >= 1), (
        "the encrypted folder added while connected never reached the untrusted backup"
    )
    assert plaintext_under([fleet.path("backup", "vault"), fleet.by_host["backup"]["home"]], [token, "key.txt"]) == []
    assert fleet.client("nas").get_ignores("vault")["ignore"] == ["*.partial"]
    assert_clean(fleet.play(), HOSTS, changed=[])


def test_trusted_side_first_stalls_without_the_role(fleet):
    """The control: the same two connected nodes, the order the role avoids (plain REST calls).

    The trusted side shares first, the untrusted side adds the folder afterwards: nothing arrives until the
    device is paused and resumed (upstream #8041, #7921), on every version of the matrix.
    """
    nas, backup = fleet.client("nas"), fleet.client("backup")
    path = fleet.path("nas", "stall")
    write(os.path.join(path, "f.txt"), f"stall {uuid.uuid4()}")
    nas.add_folder(
        {
            "id": "stall",
            "path": path,
            "devices": [{"deviceID": fleet.device_id("backup"), "encryptionPassword": "stall password"}],
        }
    )
    time.sleep(3)
    backup.add_folder(
        {
            "id": "stall",
            "path": fleet.path("backup", "stall"),
            "type": "receiveencrypted",
            "devices": [{"deviceID": fleet.device_id("nas")}],
        }
    )
    try:
        arrived = wait_for(lambda: backup.get_folder_status("stall").get("localFiles", 0) >= 1, timeout=20)
        assert not arrived, "the trusted-side-first order no longer stalls on {}/{}: update docs/pairing.md".format(
            fleet.by_host["nas"]["version"], fleet.by_host["backup"]["version"]
        )
        nas.pause(fleet.device_id("backup"))
        nas.resume(fleet.device_id("backup"))
        assert wait_for(lambda: backup.get_folder_status("stall").get("localFiles", 0) >= 1, timeout=90), (
            "pause/resume did not recover the stalled encrypted share"
        )
    finally:
        nas.delete_folder("stall")
        backup.delete_folder("stall")


def test_stopped_member_with_exclusive_is_refused_before_anything_is_written(fleet):
    """backup's Syncthing is down: it fails on its first task and drops out of the play. docs names no hosts (every
    cluster host is a member), so with cluster_exclusive its peers would unpair backup and unshare docs with it.
    The run is refused on every host instead, in check mode too, and nothing is written."""
    others = [host for host in HOSTS if host != "backup"]
    kept = fleet.folders()
    folders = copy.deepcopy(example_folders())
    docs = next(item for item in folders if item["id"] == "docs")
    del docs["hosts"]
    before = {host: fleet.config(host) for host in others}
    fleet.set_extra(folders)
    fleet.nodes.stop(fleet.by_host["backup"])
    try:
        for args in (("--check", "--diff"), ()):
            rc, output, recap = fleet.play("-e", '{"cluster_exclusive": true}', *args)
            assert rc != 0, output
            assert "cluster_exclusive: backup failed before its device ID was read" in output, output
            assert "Nothing has been written" in output, output
            for host in others:
                assert recap[host]["failed"] == 1 and recap[host]["changed"] == 0, (args, output)
        for host in others:
            after = fleet.config(host)
            assert (after["folders"], after["devices"]) == (before[host]["folders"], before[host]["devices"]), host
    finally:
        fleet.set_extra(kept)
        fleet.nodes.start_again(fleet.by_host["backup"])
    # backup is back, paired and sharing as before: nothing to do
    assert_clean(fleet.play("-e", '{"cluster_exclusive": true}'), HOSTS, changed=[])


def test_host_left_out_with_exclusive_is_unpaired(fleet):
    gone = fleet.device_id("laptop-bob")
    rest = [host for host in HOSTS if host != "laptop-bob"]
    # without cluster_exclusive the host stays paired (nothing outside the cluster is touched) ...
    assert_clean(fleet.play(without=["laptop-bob"]), rest)
    assert gone in peers(fleet, "nas")
    # ... with it, it is removed everywhere
    assert_clean(fleet.play("-e", '{"cluster_exclusive": true}', without=["laptop-bob"]), rest, changed=["nas"])
    for host in rest:
        config = fleet.config(host)
        assert gone not in [d["deviceID"] for d in config["devices"]], host
        for item in config["folders"]:
            assert gone not in [d["deviceID"] for d in item["devices"]], (host, item["id"])
    assert_clean(fleet.play("-e", '{"cluster_exclusive": true}', without=["laptop-bob"]), rest, changed=[])
