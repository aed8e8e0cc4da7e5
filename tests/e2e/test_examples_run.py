# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every module's EXAMPLES, the role README's example and the README's fleet example run against real nodes:
an example that does not run is a defect.

Each module's EXAMPLES run, in the order written, as the tasks of one play against a node of the version under
test, with two peers that stand for the examples' ``laptop`` and ``nas``. What the test changes in them, and only
that: the connection options a task gives (``url``, ``api_key``, ``ca_path``) are dropped, because the play's
``module_defaults`` point at the node; the examples' device IDs of ``laptop`` and ``nas`` (in any form) become the
peers' real IDs, and ``nas.example.com`` the nas peer's listen address; absolute paths (``/srv/...``) move into the
node's data folder; the variables the examples use get values. Before each module's play the node is put back to
what the examples assume: ``photos`` shared with both peers (and shared back by them), ``projects``, ``backup``
and ``old-stuff``. The role examples run on two fresh nodes, twice: the second run changes nothing.
"""

import ast
import os
import re
import subprocess
import sys
import tempfile

import pytest
import yaml
from e2e_playbook import RECAP
from realserver import COLL, client_for, collections_path, wait_until

# every module of the collection: a new one's EXAMPLES run here without anyone adding it
MODULES = sorted(name[:-3] for name in os.listdir(os.path.join(COLL, "plugins", "modules")) if name.endswith(".py"))
# the examples' device IDs and the peers they stand for
LAPTOP_ID = "MFZWI3D-BONSGYC-YLTMRWG-C43ENR5-QXGZDMM-FZWI3DP-BONSGYY-LTMRWAD"
NAS_ID = "P56IOI7MZJNU2IQDNHYV4BS5A6L2NBUC3YIOM6Z6EE3ZABGNYX7Q"  # written without check digits in the examples
EXTRA_VARS = {
    "vault_syncthing_password": "examples-gui-password",
    "syncthing_api_key": "unused: module_defaults give the node's",
    "vault_syncthing_api_key": "unused: module_defaults give the node's",
}
CONNECTION = ("url", "api_key", "ca_path")


def module_examples(module):
    """The EXAMPLES string of a module, read from its source without importing it."""
    with open(os.path.join(COLL, "plugins", "modules", module + ".py")) as handle:
        tree = ast.parse(handle.read())
    for statement in tree.body:
        if isinstance(statement, ast.Assign) and [t.id for t in statement.targets] == ["EXAMPLES"]:
            return ast.literal_eval(statement.value)
    raise AssertionError(f"{module} has no EXAMPLES")


def id_forms(device_id):
    """A device ID as the examples may write it: with or without dashes, in either case (a regex)."""
    plain = device_id.replace("-", "")
    return re.compile("-?".join(re.escape(c) for c in plain), re.I)


def adapt(text, peers, data):
    """The examples' text with the peers' real device IDs and addresses; their tasks without connection options,
    with absolute paths moved into ``data``."""
    for example_id, peer in ((LAPTOP_ID, peers["laptop"]), (NAS_ID, peers["nas"])):
        text = id_forms(example_id).sub(peer["device_id"], text)
    text = text.replace("tcp://nas.example.com:22000", peers["nas"]["listen"])
    tasks = yaml.safe_load(text)
    for task in tasks:
        for name, args in task.items():
            if name.startswith("syncthing.rest.") and isinstance(args, dict):
                for option in CONNECTION:
                    args.pop(option, None)
                for folder in args.get("folders") or []:
                    if str(folder.get("path", "")).startswith("/"):
                        folder["path"] = os.path.join(data, folder["path"].lstrip("/"))
    return tasks


def run_play(play, inventory="localhost,", extra=(), timeout=900):
    """ansible-playbook of ``play`` (a list of plays); returns (rc, output, {host: recap counts})."""
    handle, path = tempfile.mkstemp(suffix=".yml", prefix="st-examples-")
    with os.fdopen(handle, "w") as out:
        yaml.safe_dump(play, out, sort_keys=False)
    env = dict(
        os.environ,
        ANSIBLE_COLLECTIONS_PATH=collections_path(),
        ANSIBLE_NOCOLOR="1",
        ANSIBLE_LOCALHOST_WARNING="0",
        ANSIBLE_RETRY_FILES_ENABLED="0",
    )
    command = [os.path.join(os.path.dirname(sys.executable), "ansible-playbook"), "-i", inventory, path, *extra]
    try:
        proc = subprocess.run(command, capture_output=True, text=True, env=env, timeout=timeout, check=False)
    finally:
        os.remove(path)
    recap = {m.group(1): {"changed": int(m.group(3)), "failed": int(m.group(5))} for m in RECAP.finditer(proc.stdout)}
    return proc.returncode, proc.stdout + proc.stderr, recap


@pytest.fixture(scope="session")
def trio(nodes, version):
    """The node the examples run against, and its peers laptop and nas, which share photos with it."""
    main = nodes.start(version, "examples")
    peers = {name: nodes.start(version, name) for name in ("laptop", "nas")}
    for peer in peers.values():
        client = client_for(peer)
        client.set_devices(
            [dict(client.get_default_device(), deviceID=main["device_id"], name="main", addresses=[main["listen"]])]
        )
        path = os.path.join(peer["data"], "photos")
        os.makedirs(path, exist_ok=True)
        client.set_folders(
            [
                dict(
                    client.get_default_folder(),
                    id="photos",
                    path=path,
                    fsWatcherEnabled=False,
                    devices=[{"deviceID": peer["device_id"]}, {"deviceID": main["device_id"]}],
                )
            ]
        )
    return main, peers


# the folders the examples name, with the type their commands need (override: send-only, revert: receive-only)
FOLDERS = (
    ("photos", "sendreceive"),
    ("projects", "sendreceive"),
    ("backup", "sendreceive"),
    ("old-stuff", "sendreceive"),
    ("website", "sendonly"),
    ("backup-copy", "receiveonly"),
)


def baseline(main, peers):
    """What the examples assume: the peers as devices, photos shared with them, the other folders they name."""
    client = client_for(main)
    client.set_devices(
        [
            dict(
                client.get_default_device(),
                deviceID=peer["device_id"],
                name=name,
                addresses=[peer["listen"]],
                paused=False,
            )
            for name, peer in peers.items()
        ]
    )
    template = client.get_default_folder()
    folders = []
    for folder_id, folder_type in FOLDERS:
        path = os.path.join(main["data"], "srv", folder_id)
        os.makedirs(path, exist_ok=True)
        devices = [{"deviceID": main["device_id"]}]
        if folder_id == "photos":
            os.makedirs(os.path.join(path, "2026", "summer"), exist_ok=True)
            devices += [{"deviceID": peer["device_id"]} for peer in peers.values()]
        folders.append(
            dict(
                template,
                id=folder_id,
                type=folder_type,
                path=path,
                paused=False,
                fsWatcherEnabled=False,
                devices=devices,
            )
        )
    client.set_folders(folders)
    # (1.x lists the local device among the connections too, never connected)
    wait_until(
        lambda: all(
            client.get_connections()["connections"].get(p["device_id"], {}).get("connected") for p in peers.values()
        ),
        timeout=60,
    )


@pytest.mark.parametrize("module", MODULES)
def test_module_examples_run(trio, module):
    main, peers = trio
    baseline(main, peers)
    tasks = adapt(module_examples(module), peers, main["data"])
    play = [
        {
            "name": f"EXAMPLES of {module}",
            "hosts": "localhost",
            "gather_facts": False,
            "vars": dict(EXTRA_VARS, ansible_python_interpreter=sys.executable),
            "module_defaults": {"group/syncthing.rest.syncthing": {"url": main["url"], "api_key": main["api_key"]}},
            "tasks": tasks,
        }
    ]
    rc, output, recap = run_play(play, extra=["-c", "local"])
    assert rc == 0 and recap["localhost"]["failed"] == 0, output


def readme_block(path, title):
    """The first YAML block under the heading ``title`` of a Markdown file."""
    with open(os.path.join(COLL, path)) as handle:
        text = handle.read()
    start = text.index(title + "\n")
    return yaml.safe_load(re.search(r"```yaml\n(.*?)```", text[start:], flags=re.S).group(1))


@pytest.fixture
def pair(nodes, version):
    """Two fresh nodes for a role example: alpha and backup; stopped after the test."""
    started = [nodes.start(version, "alpha"), nodes.start(version, "backup")]
    yield started
    for node in started:
        nodes.stop(node)


def inventory_for(pair, root, extra_host_vars):
    hosts = {}
    for node in pair:
        hosts[node["name"]] = dict(
            ansible_connection="local",
            ansible_python_interpreter=sys.executable,
            syncthing_url=node["url"],
            syncthing_api_key=node["api_key"],
            syncthing_address=node["listen"],
            **extra_host_vars(node),
        )
    path = os.path.join(root, "inventory.yml")
    with open(path, "w") as handle:
        yaml.safe_dump({"syncthing_hosts": {"hosts": hosts}}, handle)
    return path


def run_twice(play, inventory, extra=()):
    runs = [run_play(play, inventory, extra) for _attempt in range(2)]
    for rc, output, _recap in runs:
        assert rc == 0, output
    assert any(counts["changed"] for counts in runs[0][2].values()), runs[0][1]
    assert not any(counts["changed"] for counts in runs[1][2].values()), runs[1][1]


def test_role_readme_example_runs(pair, tmp_path):
    play = readme_block("roles/cluster/README.md", "## Example")
    inventory = inventory_for(
        pair,
        str(tmp_path),
        lambda node: {
            "photos_path": os.path.join(node["data"], "photos"),
            "cluster_untrusted": node["name"] == "backup",
        },
    )
    run_twice(play, inventory, ["-e", "photos_encryption_password=examples-photos-secret"])
    alpha, backup = (client_for(node) for node in pair)
    assert backup.get_folder("photos")["type"] == "receiveencrypted"
    shared = {d["deviceID"]: d for d in alpha.get_folder("photos")["devices"]}
    assert shared[pair[1]["device_id"]]["encryptionPassword"]


def test_readme_fleet_example_runs(pair, tmp_path):
    play = readme_block("README.md", "## Provision a fleet")
    folder = play[0]["roles"][0]["vars"]["cluster_folders"][0]
    assert folder["path"] == "~/Sync/shared"
    folder["path"] = "{{ shared_path }}"  # not the home folder of the user running the tests
    # the README's play relies on config.xml discovery; these nodes are reached through their host variables
    play[0]["module_defaults"] = {
        "group/syncthing.rest.syncthing": {"url": "{{ syncthing_url }}", "api_key": "{{ syncthing_api_key }}"}
    }
    inventory = inventory_for(pair, str(tmp_path), lambda node: {"shared_path": os.path.join(node["data"], "shared")})
    run_twice(play, inventory)
    alpha = client_for(pair[0])
    assert pair[1]["device_id"] in [d["deviceID"] for d in alpha.get_folder("shared")["devices"]]
