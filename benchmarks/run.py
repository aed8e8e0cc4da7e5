#!/usr/bin/env python
# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Benchmarks: syncthing.rest against a uri loop and a whole-config read-modify-write, with numbers.

Starts a hermetic Syncthing node (tools/stnode.py) behind a counting proxy, converges N folders and
N/10 devices with each contender (from empty, one field changed, no-op), times it (median play time)
and counts every HTTP request and byte. Each run of the collection is paired with a run of the floor
module (bench.floor.config_floor from benchmarks/floor_collection: the same arguments, given the same way,
one config read, nothing else; written with the built collection's own argument spec by benchmarks/floor.py), and the ratio to it is the median
of the per-pair ratios; after each no-op, the same pairing times the second of two identical tasks in one play (the
payload already built, as for every host after the first in a fleet play). Also: syncthing_ignores with 10,000 patterns, the ansible.builtin.ping floor, and
the plain Python client. Prints markdown and refreshes the results section of
docs/performance.md. Quick run: ``run.py --coll COLL --work DIR --sizes 10 --runs 1 --no-docs``.
"""

import json
import os
import resource
import signal
import statistics
import subprocess
import sys
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "tools"))

import cli  # noqa: E402 pylint: disable=wrong-import-position
import floor  # noqa: E402 pylint: disable=wrong-import-position
import proxy  # noqa: E402 pylint: disable=wrong-import-position
import report  # noqa: E402 pylint: disable=wrong-import-position
import stnode  # noqa: E402 pylint: disable=wrong-import-position
import workload  # noqa: E402 pylint: disable=wrong-import-position

CONTENDERS = {"ours": "ours.yml", "uri": "uri_loop.yml", "whole": "whole_config.yml"}
SCENARIOS = ("from_empty", "noop", "one_change")


class Bench:
    """One node, one proxy, one work folder; runs playbooks and collects numbers."""

    def __init__(self, args, node, counting):
        self.args = args
        self.node = node
        self.proxy = counting
        self.work = os.path.join(args.work, "bench-" + node["version"])
        os.makedirs(self.work, exist_ok=True)
        self.empty_config = self.direct("GET", "/rest/config")
        self.seq = 0
        self.pings = []

    def direct(self, method, path, body=None):
        """A request straight to the node, not counted (setup and reset)."""
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(
            self.node["url"] + path,
            data=data,
            method=method,
            headers={"X-API-Key": self.node["api_key"], "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=600) as response:
            text = response.read()
        return json.loads(text) if text.strip() else None

    def reset(self):
        """Back to the node's original (empty) config."""
        self.direct("PUT", "/rest/config", self.empty_config)

    def playbook(self, name, variables):
        """Run one playbook through the proxy; return play time, wall time, request counts, changed."""
        self.seq += 1
        vars_file = os.path.join(self.work, f"vars-{self.seq:d}.json")
        timer_file = os.path.join(self.work, f"timer-{self.seq:d}.json")
        log_file = os.path.join(self.work, f"playbook-{self.seq:d}.log")
        with open(vars_file, "w") as handle:
            json.dump(dict(variables, st_url=self.proxy.url, st_api_key=self.node["api_key"]), handle)
        cmd, env = cli.playbook_command(
            os.path.join(HERE, "playbooks", name),
            (self.args.collections_path, self.args.floor_collections),
            extra_vars=["@" + vars_file],
            ANSIBLE_CALLBACK_PLUGINS=os.path.join(HERE, "callback_plugins"),
            ANSIBLE_CALLBACKS_ENABLED="bench_timer",
            BENCH_TIMER_FILE=timer_file,
            ANSIBLE_NOCOLOR="1",
            ANSIBLE_RETRY_FILES_ENABLED="false",
        )
        self.proxy.tally.reset()
        cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        with open(log_file, "w") as log:
            proc = subprocess.run(cmd, stdout=log, stderr=subprocess.STDOUT, env=env, check=False)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = after.ru_utime + after.ru_stime - cpu.ru_utime - cpu.ru_stime
        counts = self.proxy.tally.snapshot()
        if proc.returncode != 0:
            raise RuntimeError(f"{name} failed (rc {proc.returncode:d}); see {log_file}")
        with open(timer_file) as handle:
            timer = json.load(handle)
        with open(log_file) as handle:
            recap = [line for line in handle if line.startswith("localhost")][-1]
        changed = int(recap.split("changed=")[1].split()[0])
        os.remove(vars_file)
        return {
            "play_s": timer["play_s"],
            "wall_s": wall,
            "cpu_s": cpu,
            "counts": counts,
            "changed": changed,
            "tasks_s": [task["s"] for task in timer["tasks"]],
            "result_bytes": sum(r["result_bytes"] for r in timer.get("results", [])),
            "invocation_bytes": sum(r["invocation_bytes"] for r in timer.get("results", [])),
        }


def median_of(samples):
    """Median timings plus the request counts (which must not vary between runs)."""
    first = samples[0]
    same = all(s["counts"]["by_path"] == first["counts"]["by_path"] for s in samples)
    out = {
        "play_s": statistics.median(s["play_s"] for s in samples),
        "wall_s": statistics.median(s["wall_s"] for s in samples),
        "cpu_s": statistics.median(s["cpu_s"] for s in samples),
        "runs": len(samples),
        "counts": first["counts"],
        "counts_stable": same,
        "changed": [s["changed"] for s in samples],
    }
    for key in ("result_bytes", "invocation_bytes"):
        out[key] = statistics.median(s.get(key, 0) for s in samples)
    if all("ping_play_s" in s for s in samples):
        out["per_ping"] = statistics.median(s["play_s"] / s["ping_play_s"] for s in samples)
    if all("floor" in s for s in samples):
        out["per_floor"] = statistics.median(s["play_s"] / s["floor"]["play_s"] for s in samples)
        out["per_floor_cpu"] = statistics.median(s["cpu_s"] / s["floor"]["cpu_s"] for s in samples)
        out["floor"] = median_of([s["floor"] for s in samples])
    if all("built" in s for s in samples):
        out["per_floor_built"] = statistics.median(s["built"]["ours_s"] / s["built"]["floor_s"] for s in samples)
        out["built_s"] = statistics.median(s["built"]["ours_s"] for s in samples)
        out["built_floor_s"] = statistics.median(s["built"]["floor_s"] for s in samples)
    return out


def bench_config(bench, size, contenders, runs, args):
    """Converge ``size`` folders with each contender: from empty, no-op, one field changed."""
    from ansible_collections.syncthing.rest.plugins.module_utils.device_id import device_id_from_bytes  # pylint: disable=import-error

    data_dir = os.path.join(bench.work, "data")
    states = workload.config_state(size, bench.node["device_id"], data_dir, device_id_from_bytes)
    changed = workload.config_state(size, bench.node["device_id"], data_dir, device_id_from_bytes, changed=True)
    results = {}
    for contender in contenders:
        if contender == "uri" and size > args.uri_max_size:
            continue
        samples = {name: [] for name in SCENARIOS}
        count = args.slow_runs if contender == "uri" and size >= args.slow_size else runs
        for run in range(count):
            bench.reset()
            for scenario, state in (("from_empty", states), ("noop", states), ("one_change", changed)):
                result = bench.playbook(CONTENDERS[contender], state[contender])
                samples[scenario].append(result)
                floor = ""
                if contender == "ours":
                    # paired: the floor right after, with the same arguments, against the config just written
                    result["floor"] = bench.playbook("floor.yml", state["ours"])
                    floor = ", floor {:.2f}s ({:.2f}x)".format(
                        result["floor"]["play_s"], result["play_s"] / result["floor"]["play_s"]
                    )
                if contender == "ours" and scenario == "noop":
                    bench.pings.append(bench.playbook("ping.yml", {}))
                    result["ping_play_s"] = bench.pings[-1]["play_s"]
                    result["built"] = payload_built(bench, state["ours"])
                    floor += ", payload built {:.2f}x".format(result["built"]["ours_s"] / result["built"]["floor_s"])
                print(
                    f"  N={size:<5d} {contender:<6} {scenario:<10} run {run + 1:d}: {result['play_s']:.2f}s play{floor}, "
                    f"{report.method_counts(result['counts'])}, changed={result['changed']:d}, "
                    f"result {result['result_bytes']} B",
                    flush=True,
                )
        results[contender] = {name: median_of(values) for name, values in samples.items()}
    bench.reset()
    return results


def payload_built(bench, variables):
    """The no-op task as every host after the first runs it in a fleet play, where Ansible has already built the
    module's payload: the second of two identical tasks in one play, ours and then the floor's (paired)."""
    return {
        "ours_s": bench.playbook("ours_twice.yml", variables)["tasks_s"][1],
        "floor_s": bench.playbook("floor_twice.yml", variables)["tasks_s"][1],
    }


def bench_ignores(bench, count, runs):
    """syncthing_ignores with ``count`` patterns: first write, no-op, one line changed."""
    folder = "bench-ignores"
    bench.direct(
        "PUT",
        "/rest/config/folders/" + folder,
        {"id": folder, "path": os.path.join(bench.work, "data", folder), "fsWatcherEnabled": False},
    )
    samples = {"from_empty": [], "noop": [], "one_change": []}
    base = {"bench_folder": folder, "bench_patterns": workload.ignore_patterns(count)}
    change = {"bench_folder": folder, "bench_patterns": workload.ignore_patterns(count, changed=True)}
    for run in range(runs):
        bench.direct("POST", "/rest/db/ignores?folder=" + folder, {"ignore": []})
        for scenario, variables in (("from_empty", base), ("noop", base), ("one_change", change)):
            result = bench.playbook("ignores.yml", variables)
            samples[scenario].append(result)
            print(
                f"  ignores x{count:d} {scenario:<10} run {run + 1:d}: {result['play_s']:.2f}s play, "
                f"{report.method_counts(result['counts'])}",
                flush=True,
            )
    bench.direct("DELETE", "/rest/config/folders/" + folder)
    return {name: median_of(values) for name, values in samples.items()}


def bench_ping(bench, runs):
    """The floor: ansible.builtin.ping on the same host (also run after each no-op converge of ours)."""
    bench.pings += [bench.playbook("ping.yml", {}) for _run in range(runs)]
    print(
        f"  ping floor: {statistics.median(s['play_s'] for s in bench.pings):.2f}s play (median of {len(bench.pings):d})",
        flush=True,
    )
    return median_of(bench.pings)


def bench_client(bench, seconds):
    """Plain Python: requests per second over one session, straight to the node."""
    from ansible_collections.syncthing.rest.plugins.module_utils.client import SyncthingClient  # pylint: disable=import-error

    client = SyncthingClient(bench.node["api_key"], bench.node["url"])
    out = {}
    for name in ("get_ping", "get_config"):
        method = getattr(client, name)
        method()
        done, start = 0, time.perf_counter()
        while time.perf_counter() - start < seconds:
            method()
            done += 1
        out[name] = done / (time.perf_counter() - start)
    out["config_bytes"] = len(json.dumps(client.get_config()))
    return out


def run_version(args, version, primary):
    """Every benchmark against one Syncthing version; the node is stopped by PID, also on failure."""
    home = os.path.join(args.work, "node-" + version)
    if os.path.exists(home):
        subprocess.run(["rm", "-rf", home], check=True)
    node = stnode.start(version, home, name="bench")
    try:
        with proxy.CountingProxy(node["url"]) as counting:
            bench = Bench(args, node, counting)
            contenders = args.contenders if primary else ["ours"]
            runs = args.runs if primary else 1
            if not primary and args.full:
                contenders, runs, primary = args.contenders, args.runs, True
            out = {"version": node["version"], "primary": primary, "config": {}, "client": {}}
            print(f"Syncthing {node['version']} (pid {node['pid']:d})", flush=True)
            bench_ping(bench, max(runs, 3))
            for size in args.sizes:
                out["config"][size] = bench_config(bench, size, contenders, runs, args)
                bench.reset()
                bench_fill(bench, size)
                out["client"][size] = bench_client(bench, args.client_seconds)
                bench.reset()
            if args.ignores:
                out["ignores"] = bench_ignores(bench, args.ignores, runs)
                out["ignores_count"] = args.ignores
            out["ping"] = bench_ping(bench, 1)
            return out
    finally:
        stnode.stop(node)


def bench_fill(bench, size):
    """Fill the node directly with ``size`` folders (for the client's get_config numbers)."""
    config = json.loads(json.dumps(bench.empty_config))
    template = bench.direct("GET", "/rest/config/defaults/folder")
    for i in range(size):
        folder = dict(
            template,
            id=f"bench-{i:04d}",
            label=f"Folder {i:d}",
            fsWatcherEnabled=False,
            path=os.path.join(bench.work, "data", f"bench-{i:04d}"),
        )
        config["folders"].append(folder)
    bench.direct("PUT", "/rest/config", config)


def parse_args(argv):
    parser = cli.parser(__doc__)
    parser.add_argument("--work", required=True, help="scratch folder (nodes, logs, results)")
    parser.add_argument("--sizes", default="10,100,1000", help="folder counts N (devices: N/10)")
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (median)")
    parser.add_argument("--slow-runs", type=int, default=1, help="runs of the uri loop at N >= --slow-size")
    parser.add_argument("--slow-size", type=int, default=100)
    parser.add_argument(
        "--uri-max-size",
        type=int,
        default=100,
        help="largest N for the uri loop (about 1s per object on a busy 2-core machine)",
    )
    parser.add_argument("--contenders", default="ours,uri,whole")
    parser.add_argument(
        "--versions",
        default="1.29.5,1.19.2",
        help="first: full comparison; others: the collection only, one run (to show differences)",
    )
    parser.add_argument(
        "--full",
        action="store_true",
        help="the full comparison on every version of --versions (for example 1.29.5,2.1.3)",
    )
    parser.add_argument("--ignores", type=int, default=10000, help="ignore patterns (0: skip)")
    parser.add_argument("--client-seconds", type=float, default=2.0)
    parser.add_argument("--docs", default=os.path.join(ROOT, "docs", "performance.md"))
    parser.add_argument("--no-docs", action="store_true", help="do not refresh docs/performance.md")
    parser.add_argument(
        "--from-results", help="only render saved bench-results.json files, comma-separated (no benchmarks)"
    )
    args = parser.parse_args(argv)
    args.sizes = [int(s) for s in args.sizes.split(",") if s]
    args.contenders = [c for c in args.contenders.split(",") if c]
    args.versions = [v for v in args.versions.split(",") if v]
    args.work = os.path.abspath(args.work)
    args.floor_collections = os.path.join(args.work, "floor-collections")  # bench.floor (benchmarks/floor.py)
    args.collections_path = cli.collections_path(args.coll)
    return args


def _terminate(signum, _frame):
    raise SystemExit(128 + signum)


def main(argv=None):
    args = parse_args(argv)
    sys.path.insert(0, args.collections_path)
    signal.signal(signal.SIGTERM, _terminate)
    os.makedirs(args.work, exist_ok=True)
    if args.from_results:
        meta, results = report.load(args.from_results.split(",")[0])
        for path in args.from_results.split(",")[1:]:
            more_meta, more = report.load(path)
            results += more
            meta["duration_min"] += more_meta["duration_min"]
            meta["load_after"] = more_meta["load_after"]
    else:
        floor.write(args.floor_collections)  # the floor module, with the built syncthing_config's arguments
        started = time.time()
        load_before = report.loadavg()
        results = [run_version(args, version, i == 0) for i, version in enumerate(args.versions)]
        meta = report.machine(load_before, report.loadavg(), time.time() - started)
        with open(os.path.join(args.work, "bench-results.json"), "w") as handle:
            json.dump({"meta": meta, "results": results}, handle, indent=1)
    text = report.markdown(meta, results)
    print(text)
    if not args.no_docs:
        report.update_docs(args.docs, text)
        print(f"Results written to {args.docs}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
