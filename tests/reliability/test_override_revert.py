# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""syncthing_system override and revert on real servers: check mode's counts are the real run's, the real run
acts (a peer's change undone, a local addition deleted), the second run changes nothing, wrong types refused."""

import os

from realserver import add_peer, client_for, share_folder, wait_until
from reliab_helpers import adhoc, conn_env


def system(node, check=False, **args):
    return adhoc("syncthing_system", args, env=conn_env(node), check=check)


def scanned(client, folder_id, path, name):
    """Write a file into the folder and have Syncthing scan it."""
    with open(os.path.join(path, name), "w") as handle:
        handle.write(name)
    client.scan(folder_id)


def test_revert_drops_a_local_addition(nodes, version):
    node = nodes.start(version, "revert")
    client = client_for(node)
    path = os.path.join(node["data"], "ro")
    share_folder(client, "ro", path, type="receiveonly", fsWatcherEnabled=False)
    wait_until(lambda: client.get_folder_status("ro")["state"] == "idle")
    scanned(client, "ro", path, "local.txt")
    wait_until(lambda: client.get_folder_status("ro")["receiveOnlyTotalItems"] == 1)

    predicted = system(node, check=True, command="revert", folder="ro").result
    assert predicted["changed"] is True and predicted["counts"]["receiveOnlyTotalItems"] == 1, predicted
    assert predicted["counts"]["receiveOnlyChangedFiles"] == 1 and "remaining" not in predicted
    assert os.path.exists(os.path.join(path, "local.txt"))

    done = system(node, command="revert", folder="ro").result
    assert done["changed"] is True and done["counts"] == predicted["counts"], done
    assert done["remaining"]["receiveOnlyTotalItems"] == 0 and done["folder_type"] == "receiveonly"
    assert not os.path.exists(os.path.join(path, "local.txt"))
    assert client.get_folder_status("ro")["receiveOnlyTotalItems"] == 0

    again = system(node, command="revert", folder="ro").result
    assert again["changed"] is False and again["counts"]["receiveOnlyTotalItems"] == 0, again
    again_check = system(node, check=True, command="revert", folder="ro").result
    assert again_check["changed"] is False

    wrong = system(node, command="override", folder="ro")
    assert (
        wrong.rc != 0
        and "but folder 'ro' is receiveonly: Syncthing would accept the request and do nothing" in (wrong.result["msg"])
    ), wrong


def test_override_undoes_a_peers_change(nodes, version):
    owner, peer = nodes.start(version, "override-a"), nodes.start(version, "override-b")
    owner_client, peer_client = client_for(owner), client_for(peer)
    add_peer(owner_client, peer, "peer")
    add_peer(peer_client, owner, "owner")
    owner_path, peer_path = os.path.join(owner["data"], "so"), os.path.join(peer["data"], "so")
    share_folder(owner_client, "so", owner_path, nodes=[peer], type="sendonly", fsWatcherEnabled=False)
    share_folder(peer_client, "so", peer_path, nodes=[owner], fsWatcherEnabled=False)
    connections = owner_client.get_connections
    wait_until(lambda: connections()["connections"].get(peer["device_id"], {}).get("connected"), timeout=90)
    scanned(peer_client, "so", peer_path, "from-peer.txt")
    wait_until(lambda: owner_client.get_folder_status("so")["needTotalItems"] == 1, timeout=90)

    predicted = system(owner, check=True, command="override", folder="so").result
    assert predicted["changed"] is True and predicted["counts"]["needFiles"] == 1, predicted
    assert predicted["counts"]["needTotalItems"] == 1

    done = system(owner, command="override", folder="so").result
    assert done["changed"] is True and done["counts"] == predicted["counts"], done
    assert done["remaining"]["needTotalItems"] == 0 and done["folder_type"] == "sendonly"
    # the peer takes the owner's state: its file is deleted
    wait_until(lambda: not os.path.exists(os.path.join(peer_path, "from-peer.txt")), timeout=90)

    again = system(owner, command="override", folder="so").result
    assert again["changed"] is False and again["counts"]["needTotalItems"] == 0, again

    wrong = system(peer, command="revert", folder="so")
    assert wrong.rc != 0 and "revert works on receiveonly and receiveencrypted folders only" in wrong.result["msg"]
