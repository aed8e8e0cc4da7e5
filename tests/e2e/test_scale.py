# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The role cluster at fleet scale: --scale-nodes nodes (make scale: 12; make test: 5), two hubs, three folders.

Converges from empty, then runs again (a no-op), checks that every expected pair is connected and that a file
written on a spoke arrives on every member of its folder, and prints the wall times of both runs and the
requests each host's Syncthing received (each node sits behind a counting proxy on loopback). A no-op run
must read each host's configuration once and write nothing but the scans that waiting for sync starts.
"""

import math
import os
import sys
import time
import uuid

import realserver
import stnode
import yaml
from e2e_playbook import run_playbook
from proxy import CountingProxy
from realserver import client_for

PLAYBOOK = os.path.join(os.path.dirname(os.path.abspath(__file__)), "scale.yml")
RUN_TIMEOUT = 900
SYNC_TIMEOUT = 180
CONFIG_WRITES = ("PUT", "POST", "PATCH", "DELETE")


def layout(count):
    """Host names and groups: two hubs, the spokes split into team_a and team_b."""
    hubs = ["hub-1", "hub-2"]
    spokes = [f"node-{index:02d}" for index in range(1, count - 1)]
    half = math.ceil(len(spokes) / 2.0)
    return hubs, spokes, spokes[:half], spokes[half:]


def members(count):
    hubs, spokes, team_a, team_b = layout(count)
    return {"common": hubs + spokes, "team-a": ["hub-1", *team_a], "team-b": hubs + team_b}


def expected_pairs(count):
    """Every spoke with the hubs of its folders (here both), the hubs with each other; spokes never pair."""
    hubs, spokes, _a, _b = layout(count)
    pairs = {tuple(hubs)}
    for spoke in spokes:
        for hub in hubs:
            pairs.add((hub, spoke))
    return pairs


def wait_for(predicate, timeout=SYNC_TIMEOUT, interval=1.0):
    return realserver.wait_for(predicate, timeout, interval)


read = realserver.read_text


def write_inventory(path, count, nodes, proxies):
    hubs, _spokes, team_a, team_b = layout(count)

    def hosts(names):
        return {
            name: {
                "ansible_connection": "local",
                "ansible_python_interpreter": sys.executable,
                "syncthing_url": proxies[name].url,
                "syncthing_api_key": nodes[name]["api_key"],
                "syncthing_address": nodes[name]["listen"],
                "scale_data": nodes[name]["data"],
            }
            for name in names
        }

    inventory = {
        "syncthing_hosts": {
            "children": {
                "hubs": {"hosts": hosts(hubs)},
                "spokes": {"children": {"team_a": {"hosts": hosts(team_a)}, "team_b": {"hosts": hosts(team_b)}}},
            }
        }
    }
    with open(path, "w") as handle:
        yaml.safe_dump(inventory, handle)


def snapshot(proxies):
    return {name: proxy.tally.snapshot() for name, proxy in proxies.items()}


def report(title, seconds, counts):
    lines = [
        "",
        f"{title}: {seconds:.1f} s wall",
        f"  {'host':<8} {'requests':>8} {'config reads':>12} {'writes':>8}  by path (writes: all but scans)",
    ]
    for name in sorted(counts):
        by_path = counts[name]["by_path"]
        total = sum(by_path.values())
        writes = sum(n for key, n in by_path.items() if key.split()[0] in CONFIG_WRITES and key != "POST /rest/db/scan")
        paths = ", ".join(f"{path} {number}" for path, number in sorted(by_path.items()))
        reads = by_path.get("GET /rest/config", 0)
        lines.append(f"  {name:<8} {total:>8d} {reads:>12d} {writes:>8d}  {paths}")
    return "\n".join(lines)


def test_scale(request, capsys):
    count = request.config.getoption("scale_nodes")
    assert count >= 4, "the scale test needs two hubs and at least two spokes"
    versions = list(dict.fromkeys(request.config.getoption("versions").split()))
    hubs, spokes, team_a, team_b = layout(count)
    names = hubs + spokes
    nodeset = stnode.NodeSet(prefix="st-scale-")
    proxies = {}
    try:
        nodes = {}
        for index, name in enumerate(names):
            nodes[name] = nodeset.start(versions[index % len(versions)], name)
            proxies[name] = CountingProxy(nodes[name]["url"]).__enter__()
        inventory = os.path.join(nodeset.root, "inventory.yml")
        write_inventory(inventory, count, nodes, proxies)
        env = {"ANSIBLE_FORKS": str(count)}

        start = time.time()
        rc, output, recap = run_playbook(inventory, PLAYBOOK, timeout=RUN_TIMEOUT, env_extra=env)
        converge_s = time.time() - start
        converge = snapshot(proxies)
        assert rc == 0, output
        assert sorted(recap) == sorted(names), output
        for proxy in proxies.values():
            proxy.tally.reset()

        runs = [("converge from empty", converge_s, converge)]
        for title, args in (
            ("no-op run", ()),
            ("no-op run without waiting", ("-e", '{"cluster_wait_in_sync": false}')),
        ):
            start = time.time()
            rc, output, recap = run_playbook(inventory, PLAYBOOK, timeout=RUN_TIMEOUT, args=args, env_extra=env)
            runs.append((title, time.time() - start, snapshot(proxies)))
            for proxy in proxies.values():
                proxy.tally.reset()
            assert rc == 0, output
            for name, counts in recap.items():
                assert counts["changed"] == 0 and counts["failed"] == 0, f"{name}:\n{output}"

        with capsys.disabled():
            folders = "; ".join(f"{folder}: {len(hosts)} members" for folder, hosts in sorted(members(count).items()))
            print(
                f"\nscale: {count} nodes (Syncthing {', '.join(versions)}), hubs {', '.join(hubs)}, folders {folders}"
            )
            for title, seconds, counts in runs:
                print(report(title, seconds, counts))

        # A no-op reads each configuration once and writes nothing. Waiting adds, per folder, the wait's own
        # folder check (one config read), a scan and the status and completion polls.
        folders = members(count)
        for (_title, _s, waiting), (_t, _s2, bare) in [(runs[1], runs[2])]:
            for name in names:
                mine = [f for f, hosts in folders.items() if name in hosts]
                with_ignores = [f for f in mine if f == "team-b"]
                assert bare[name]["by_path"] == dict(
                    [("GET /rest/config", 1), ("GET /rest/system/status", 1)]
                    + ([("GET /rest/db/ignores", len(with_ignores))] if with_ignores else [])
                ), (name, bare[name])
                by_path = waiting[name]["by_path"]
                assert by_path.get("GET /rest/config", 0) == 1 + len(mine), (name, by_path)
                assert by_path.get("POST /rest/db/scan", 0) == len(mine), (name, by_path)
                writes = {
                    key: n
                    for key, n in by_path.items()
                    if key.split()[0] in CONFIG_WRITES and key != "POST /rest/db/scan"
                }
                assert writes == {}, (name, writes)

        # every expected pair is connected, and no two spokes are paired
        for hub, other in sorted(expected_pairs(count)):
            client = client_for(nodes[hub])
            assert wait_for(
                lambda c=client, o=other: (
                    c.get_connections()["connections"].get(nodes[o]["device_id"], {}).get("connected")
                )
            ), f"{hub} is not connected to {other}"
        for spoke in spokes:
            devices = [d["deviceID"] for d in client_for(nodes[spoke]).get_config()["devices"]]
            assert sorted(devices) == sorted([nodes[spoke]["device_id"]] + [nodes[h]["device_id"] for h in hubs])

        # a file written on one spoke arrives on every member of its folder
        sources = {"common": spokes[0], "team-a": team_a[-1], "team-b": team_b[0]}
        tokens = {}
        for folder_id, source in sources.items():
            tokens[folder_id] = f"{folder_id} from {source} {uuid.uuid4()}"
            with open(os.path.join(nodes[source]["data"], folder_id, "hello.txt"), "w") as handle:
                handle.write(tokens[folder_id])
            client_for(nodes[source]).scan(folder_id)
        for folder_id, hosts in members(count).items():
            for host in hosts:
                target = os.path.join(nodes[host]["data"], folder_id, "hello.txt")
                assert wait_for(lambda t=target, f=folder_id: read(t) == tokens[f]), (
                    f"{folder_id}/hello.txt did not reach {host}"
                )
        for host in names:
            for folder_id, hosts in members(count).items():
                if host not in hosts:
                    assert not os.path.exists(os.path.join(nodes[host]["data"], folder_id)), (host, folder_id)
    finally:
        for proxy in proxies.values():
            proxy.__exit__(None, None, None)
        nodeset.stop_all()
