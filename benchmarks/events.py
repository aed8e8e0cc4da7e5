# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Event-driven drift correction: how long from an outside edit to the corrected config, and how many writes.

For each Syncthing version: one hermetic node with a managed folder, the drift-correction rulebook under real
ansible-rulebook (make venv-eda), its playbooks through a counting proxy. Then:

- reaction latency: ``--edits`` times, the folder label is edited as the GUI does (``PUT /rest/config``) and the
  time until ``GET /rest/config/folders/docs`` shows the managed label again is taken (polled every 20 ms); after
  each, the writes the rulebook made for it (proxy), once the rulebook is quiet;
- unmanaged edits: ``--unmanaged`` edits of a field the inventory does not manage, and the writes they caused;
- the floor: the same correction by running ``examples/events/converge.yml`` directly with ansible-playbook
  (the edit, then the playbook, until the label is back), ``--edits`` times.

Prints a table (median and p95) and writes ``events-results.json`` under ``--work``. Target (issue 22): the median
latency at most the direct playbook time + 0.5 s; one write per edit; none for unmanaged edits.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time


def _paths(coll):
    for sub in ("tests", os.path.join("tests", "events"), "tools", "benchmarks"):
        path = os.path.join(coll, sub)
        if path not in sys.path:
            sys.path.insert(0, path)


def p95(values):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def edit(client, **fields):
    config = client.get_config()
    for item in config["folders"]:
        if item["id"] == "docs":
            item.update(fields)
    client.new_config(config)


def wait_label(client, label, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if client.get_folder("docs")["label"] == label:
            return time.monotonic()
        time.sleep(0.02)
    raise RuntimeError(f"the label did not become {label!r} within {timeout}s")


def writes(proxy):
    return sum(n for key, n in proxy.tally.snapshot()["by_path"].items() if key.split()[0] != "GET")


def run_version(version, args):
    import stnode  # on sys.path only after _paths()
    from events_rulebook import Rulebook, eda_venv, host_entry, write_yaml
    from proxy import CountingProxy
    from realserver import client_for

    work = tempfile.mkdtemp(prefix=f"events-{version}-", dir=args.work)
    node = stnode.start(version, os.path.join(work, "home"), name="bench")
    rulebook = None
    try:
        client = client_for(node)
        data = os.path.join(work, "data")
        os.makedirs(data)
        client.set_folders([dict(client.get_default_folder(), id="docs", label="Docs", path=data)])
        with CountingProxy(node["url"]) as proxy:
            managed = {"id": "docs", "label": "Docs"}
            inventory = write_yaml(
                os.path.join(work, "inventory.yml"),
                {"all": {"hosts": {"node-a": host_entry(node, syncthing_url=proxy.url, syncthing_folders=[managed])}}},
            )
            variables = write_yaml(
                os.path.join(work, "vars.yml"),
                {"syncthing_host": "node-a", "syncthing_url": node["url"], "syncthing_api_key": node["api_key"]},
            )
            # the floor: the correction playbook run directly after each edit
            env = dict(
                os.environ,
                ANSIBLE_COLLECTIONS_PATH=os.path.dirname(os.path.dirname(os.path.dirname(args.coll))),
                ANSIBLE_NOCOLOR="1",
            )
            env.pop("PYTHONPATH", None)
            playbook = [
                os.path.join(eda_venv(), "bin", "ansible-playbook"),
                "-i",
                inventory,
                os.path.join(args.coll, "examples", "events", "converge.yml"),
            ]
            direct = []
            for index in range(args.edits):
                edit(client, label=f"direct edit {index}")
                start = time.monotonic()
                subprocess.run(playbook, env=env, check=True, capture_output=True)
                direct.append(wait_label(client, "Docs") - start)
            time.sleep(6)  # Syncthing's own save a few seconds after a folder restart, before the rulebook starts

            rulebook = Rulebook("drift_correction.yml", inventory, variables, os.path.join(work, "rulebook.log"))
            rulebook.wait_for("syncthing.rest.events: following")
            rulebook.wait_quiet(quiet=args.quiet)
            latency, per_edit = [], []
            for index in range(args.edits):
                proxy.tally.reset()
                edit(client, label=f"outside edit {index}")
                start = time.monotonic()
                latency.append(wait_label(client, "Docs") - start)
                rulebook.wait_quiet(quiet=args.quiet)
                per_edit.append(writes(proxy))
            unmanaged = []
            for index in range(args.unmanaged):
                proxy.tally.reset()
                runs = rulebook.run_count()
                edit(client, rescanIntervalS=3000 + index)
                deadline = time.monotonic() + 60
                while rulebook.run_count() == runs and time.monotonic() < deadline:
                    time.sleep(0.1)
                rulebook.wait_quiet(quiet=args.quiet)
                unmanaged.append(writes(proxy))
            return {
                "version": node["version"],
                "edits": args.edits,
                "latency": latency,
                "direct": direct,
                "writes_per_edit": per_edit,
                "unmanaged_writes": unmanaged,
                "runs": rulebook.run_count(),
            }
    finally:
        if rulebook:
            rulebook.stop()
        stnode.stop(node)


def table(results):
    lines = [
        "| Syncthing | edits | reaction latency median / p95 | direct playbook median / p95 | median − direct "
        "| writes per edit | writes per unmanaged edit | playbook runs |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        lat, direct = statistics.median(r["latency"]), statistics.median(r["direct"])
        lines.append(
            "| {} | {} | {:.2f} s / {:.2f} s | {:.2f} s / {:.2f} s | {:+.2f} s | {} | {} | {} |".format(
                r["version"],
                r["edits"],
                lat,
                p95(r["latency"]),
                direct,
                p95(r["direct"]),
                lat - direct,
                "/".join(str(n) for n in sorted(set(r["writes_per_edit"]))),
                "/".join(str(n) for n in sorted(set(r["unmanaged_writes"]))) or "-",
                r["runs"],
            )
        )
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--coll", required=True, help="the collection tree (ansible_collections/syncthing/rest)")
    parser.add_argument("--work", required=True, help="scratch folder (nodes, logs, results)")
    parser.add_argument("--versions", default="2.1.3", help="Syncthing versions, comma- or space-separated")
    parser.add_argument("--edits", type=int, default=20, help="managed edits (and direct playbook runs)")
    parser.add_argument("--unmanaged", type=int, default=5, help="edits of an unmanaged field")
    parser.add_argument("--quiet", type=float, default=7.0, help="seconds without a playbook run = settled")
    args = parser.parse_args(argv)
    args.coll = os.path.abspath(args.coll)
    os.makedirs(args.work, exist_ok=True)
    _paths(args.coll)
    results = [run_version(v, args) for v in args.versions.replace(",", " ").split()]
    with open(os.path.join(args.work, "events-results.json"), "w") as handle:
        json.dump(results, handle, indent=1)
    print("\n## Event-driven drift correction (benchmarks/events.py)\n")
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
