# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""syncthing_pending on real servers: devices that knock and folders that are offered, decided by rules; check mode
and diff as the real run; the second run changes nothing; what Syncthing stored read back."""

import os

import pytest
import yaml
from realserver import add_peer, client_for, new_device_id, share_folder, wait_until
from reliab_helpers import adhoc, conn_env, playbook

from ansible_collections.syncthing.rest.plugins.modules import syncthing_pending


def pending(node, check=False, diff=False, **args):
    run = adhoc("syncthing_pending", args, env=conn_env(node), check=check, diff=diff)
    assert run.rc == 0, run
    return run.result


def timeless(value):
    """``value`` without the ``time`` fields: a device knocking again between two runs renews its pending time."""
    if isinstance(value, dict):
        return {key: timeless(item) for key, item in value.items() if key != "time"}
    if isinstance(value, list):
        return [timeless(item) for item in value]
    return value


def ids(entries, key="deviceID"):
    return sorted(entry[key] for entry in entries)


@pytest.fixture
def trio(nodes, version):
    """Node ``ours`` and two strangers that both added ``ours``: each knocks, so ``ours`` lists both as pending."""
    ours, friend, stranger = (nodes.start(version, name) for name in ("ours", "friend", "stranger"))
    for other in (friend, stranger):
        add_peer(client_for(other), ours, "ours")
    client = client_for(ours)
    wait_until(lambda: len(client.get_pending_devices()) == 2, timeout=90)
    return ours, friend, stranger


def test_devices_by_rules(trio):
    ours, friend, stranger = trio
    client = client_for(ours)
    rules = {
        "devices": [
            {
                "match": {"device_id": [friend["device_id"].lower()], "address": ["127.0.0.0/8"]},
                "action": "accept",
                "settings": {"name": "friend", "addresses": [friend["listen"]]},
            },
            {"match": {"name": ["*"], "address": ["10.0.0.0/8"]}, "action": "accept"},  # never matches: loopback
        ],
        "unmatched": "ignore",
    }
    predicted = pending(ours, check=True, diff=True, **rules)
    assert predicted["changed"] is True
    assert ids(predicted["devices"]["accepted"]) == [friend["device_id"]]
    assert ids(predicted["devices"]["ignored"]) == [stranger["device_id"]]
    assert len(client.get_pending_devices()) == 2 and friend["device_id"] not in ids(client.get_config()["devices"])

    done = pending(ours, diff=True, **rules)
    assert done["devices"] == predicted["devices"] and timeless(done["diff"]) == timeless(predicted["diff"])
    assert done["diff"]["after"]["pending_devices"] == []
    stored = {device["deviceID"]: device for device in client.get_config()["devices"]}
    assert stored[friend["device_id"]]["name"] == "friend"
    assert stored[friend["device_id"]]["addresses"] == [friend["listen"]]
    ignored = client.get_config()["remoteIgnoredDevices"]
    assert [item["deviceID"] for item in ignored] == [stranger["device_id"]]
    wait_until(lambda: client.get_pending_devices() == {}, timeout=30)

    again = pending(ours, **rules)
    assert again["changed"] is False and all(not entries for entries in again["devices"].values()), again


def test_folders_by_rules_and_the_auto_accept_path(trio):
    ours, friend, stranger = trio
    client, friend_client = client_for(ours), client_for(friend)
    # ours knows friend; friend offers three folders
    pending(
        ours,
        devices=[
            {
                "match": {"device_id": [friend["device_id"]]},
                "action": "accept",
                "settings": {"name": "friend", "addresses": [friend["listen"]]},
            }
        ],
    )
    auto = os.path.join(ours["data"], "auto")
    template = dict(client.get_default_folder(), path=auto)
    client.put("/rest/config/defaults/folder", template)
    # the label's place is taken on disk, so Syncthing's auto-accept (and the module) takes the ID
    os.makedirs(os.path.join(auto, "Holiday Photos"))
    for folder_id, label in (("photos", "Holiday: Photos"), ("junk", "Junk"), ("skip", "Skip")):
        share_folder(friend_client, folder_id, os.path.join(friend["data"], folder_id), [ours], label=label)
    wait_until(lambda: len(client.get_pending_folders()) == 3, timeout=90)

    rules = {
        "folders": [
            {
                "match": {"id": ["pho*"], "offered_by": ["friend"]},
                "action": "accept",
                "settings": {"rescanIntervalS": 7200},
            },
            {"match": {"label": ["J*"]}, "action": "ignore"},
        ],
        "unmatched": "dismiss",
    }
    predicted = pending(ours, check=True, diff=True, **rules)
    accepted = predicted["folders"]["accepted"]
    assert [(item["id"], item["path"]) for item in accepted] == [("photos", os.path.join(auto, "photos"))]
    assert ids(predicted["folders"]["ignored"], "id") == ["junk"]
    assert ids(predicted["folders"]["dismissed"], "id") == ["skip"]
    assert len(client.get_pending_folders()) == 3

    done = pending(ours, diff=True, **rules)
    assert done["folders"] == predicted["folders"] and timeless(done["diff"]) == timeless(predicted["diff"])
    photos = client.get_folder("photos")
    assert photos["path"] == os.path.join(auto, "photos") and photos["label"] == "Holiday: Photos"
    assert photos["rescanIntervalS"] == 7200
    assert friend["device_id"] in [device["deviceID"] for device in photos["devices"]]
    ignored = client.get_device(friend["device_id"]).get("ignoredFolders") or []
    assert [item["id"] for item in ignored] == ["junk"]
    wait_until(lambda: client.get_pending_folders() == {}, timeout=30)

    # the stranger knocks again after its dismissal and is dismissed again (a dismissed device comes back when it
    # asks again, by design): the folders must be settled, and a change may only be that
    again = pending(ours, **rules)
    assert all(not entries for entries in again["folders"].values()), again
    assert not again["devices"]["accepted"] and not again["devices"]["ignored"], again
    assert set(ids(again["devices"]["dismissed"], "deviceID")) <= {stranger["device_id"]}, again
    assert again["changed"] is bool(again["devices"]["dismissed"]), again


def test_the_examples_run(trio):
    """The module's EXAMPLES, as a play: the loopback strangers match none of the first example's rules (kept),
    the second one's ``unmatched: dismiss`` drops them, the third has nothing to do."""
    ours, friend, stranger = trio
    client = client_for(ours)
    client.set_devices([dict(client.get_default_device(), deviceID=new_device_id(), name="nas")])  # offered_by: [nas]
    tasks = yaml.safe_load(syncthing_pending.EXAMPLES)
    play = [{"name": "EXAMPLES of syncthing_pending", "hosts": "localhost", "gather_facts": False, "tasks": tasks}]
    run = playbook(yaml.safe_dump(play), env=conn_env(ours))
    assert run.rc == 0, run
    first, second, third = (result for _task, result in run.tasks)
    assert ids(first["devices"]["kept"]) == sorted([friend["device_id"], stranger["device_id"]]), first
    assert first["changed"] is False
    assert ids(second["devices"]["dismissed"]) == sorted([friend["device_id"], stranger["device_id"]]), second
    assert third["changed"] is False


def test_the_path_is_where_syncthings_own_auto_accept_puts_it(trio):
    """The module's path for a folder accepted without one, against Syncthing's auto-accept of the same offer."""
    ours, friend, _stranger = trio
    client, friend_client = client_for(ours), client_for(friend)
    pending(
        ours,
        devices=[
            {
                "match": {"device_id": [friend["device_id"]]},
                "action": "accept",
                "settings": {"name": "friend", "addresses": [friend["listen"]]},
            }
        ],
    )
    auto = os.path.join(ours["data"], "auto")
    client.put("/rest/config/defaults/folder", dict(client.get_default_folder(), path=auto))
    os.makedirs(os.path.join(auto, "Alpha One"))  # the label's place is taken: both take the ID
    share_folder(friend_client, "alpha", os.path.join(friend["data"], "alpha"), [ours], label="Alpha: One")
    wait_until(lambda: "alpha" in client.get_pending_folders(), timeout=90)
    predicted = pending(ours, check=True, folders=[{"match": {"id": ["alpha"]}, "action": "accept"}])
    (entry,) = predicted["folders"]["accepted"]

    client.patch_device(friend["device_id"], {"autoAcceptFolders": True})
    # a new share makes friend send its folder list again, and Syncthing auto-accepts what it offers
    share_folder(friend_client, "beta", os.path.join(friend["data"], "beta"), [ours], label="Beta")
    wait_until(lambda: "alpha" in [folder["id"] for folder in client.get_config()["folders"]], timeout=90)
    assert client.get_folder("alpha")["path"] == entry["path"] == os.path.join(auto, "alpha")


def test_the_template_path_as_the_server_has_it(trio, version):
    """Check mode only (a real accept would create the folder in the home of the user running the tests): "~" up to
    1.29.5 gives "~/<label>"; the empty template of 2.x is refused, asking for a path, and nothing is written."""
    ours, friend, _stranger = trio
    client, friend_client = client_for(ours), client_for(friend)
    pending(
        ours,
        devices=[
            {
                "match": {"device_id": [friend["device_id"]]},
                "action": "accept",
                "settings": {"name": "friend", "addresses": [friend["listen"]]},
            }
        ],
    )
    share_folder(friend_client, "gamma", os.path.join(friend["data"], "gamma"), [ours], label="Gamma")
    wait_until(lambda: "gamma" in client.get_pending_folders(), timeout=90)
    rules = {"folders": [{"match": {"id": ["gamma"]}, "action": "accept"}]}
    template = client.get_default_folder()["path"]
    run = adhoc("syncthing_pending", rules, env=conn_env(ours), check=True)
    if template:
        assert template == "~" and run.rc == 0, run
        assert run.result["folders"]["accepted"][0]["path"] == "~/Gamma"
    else:
        assert version.startswith("2.") and run.rc != 0, run
        assert "the folder template's path (defaults.folder.path) is empty" in run.result["msg"]
    assert "gamma" in client.get_pending_folders()
