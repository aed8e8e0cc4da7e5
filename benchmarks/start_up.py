#!/usr/bin/env python
# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""What each module costs before it does anything, against the floor: its start on the target and its build on the
controller.

*Start*: one ``ansible-playbook`` run with ``ANSIBLE_KEEP_REMOTE_FILES`` leaves the AnsiballZ file of each module
and of the floor (``bench.floor.config_floor``, written by benchmarks/floor.py), each given an invalid ``timeout``
so that it stops in AnsibleModule's argument check, right after its imports. Each file is then run ``--runs``
times round-robin, and the medians of its CPU time (user + system) and of its minor page faults (memory pages the
process touched for the first time) are printed, and how far each is above the floor. Page faults are exact and
the same on a busy machine. More than about 1,000 above the floor means that CPython (3.11+) allocates and frees
a chunk of its frame stack on every call of some recursion that sits on a chunk boundary (docs/performance.md,
"A cheap start").

*Build*: the CPU time of building each payload as the controller does it once per module and process
(benchmarks/ansiballz_build.py, a fresh process each time, medians), and the payload's size.

*Full GC in the worker*: a play of the one task, run with benchmarks/gc_probe on ``PYTHONPATH``, logs every full
garbage collection in the task's worker process (a fork of ``ansible-playbook``, which builds the payload and reads
the result). Such a collection walks the whole controller heap, some 50-90 ms on the critical path of the task; the
floor's worker runs none. Whether one runs is a threshold of CPython's collector that the AST of the shipped code
can cross (docs/performance.md, "The one-task play and the worker's full collection"); it is the same on every run,
so it is a yes/no number, not a timing.

Usage: ``start_up.py --coll COLL --work DIR [--runs 15]``.
"""

import glob
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys

import cli
import floor

FLOOR = "bench.floor.config_floor"
FQCNS = {"floor": FLOOR, **{module: "syncthing.rest." + module for module in cli.MODULES}}
PROBE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "gc_probe")
THRASH_PAGES = 1000


def playbook(path, names):
    """Write a play that calls each module of ``names`` (FQCNs) once with an invalid ``timeout``."""
    lines = ["---", "- name: Leave each module's AnsiballZ file", "  hosts: localhost", "  gather_facts: false"]
    lines += ["  tasks:"]
    for name in names:
        lines += [
            f"    - name: {name}",
            f"      {name}:",
            "        timeout: not-a-number  # stops in AnsibleModule's argument check, after the imports",
            "      ignore_errors: true",
        ]
    with open(path, "w") as handle:
        handle.write("\n".join(lines) + "\n")


def payloads(args, collections):
    """Run the play once, keeping the remote files; return {name: AnsiballZ path}."""
    remote = os.path.join(args.work, "remote")
    shutil.rmtree(remote, ignore_errors=True)
    play = os.path.join(args.work, "start-up.yml")
    playbook(play, FQCNS.values())
    cmd, env = cli.playbook_command(play, collections, ANSIBLE_KEEP_REMOTE_FILES="1", ANSIBLE_REMOTE_TMP=remote)
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, check=True)
    found = {}
    for name in ["config_floor", *cli.MODULES]:
        paths = glob.glob(os.path.join(remote, "*", f"AnsiballZ_{name}.py"))
        if len(paths) != 1:
            raise RuntimeError(f"expected one AnsiballZ file of {name} under {remote}, found {len(paths):d}")
        found["floor" if name == "config_floor" else name] = paths[0]
    return found


def run_once(path):
    """Run one AnsiballZ file; return (CPU seconds, minor page faults) of its process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, path], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return cpu, after.ru_minflt - before.ru_minflt


def build_once(fqcn, collections):
    """Build one payload in a fresh process (benchmarks/ansiballz_build.py); return (CPU ms, bytes)."""
    script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "ansiballz_build.py")
    out = subprocess.run([sys.executable, script, fqcn, *collections], capture_output=True, text=True, check=True)
    built = json.loads(out.stdout)
    return built["cpu_ms"], built["bytes"]


def measure_builds(collections, runs):
    """Round-robin over the floor and the modules; return {name: (median build CPU ms, payload bytes)}."""
    samples = {name: [] for name in FQCNS}
    for _run in range(runs):
        for name, fqcn in FQCNS.items():
            samples[name].append(build_once(fqcn, collections))
    return {name: (statistics.median(cpu for cpu, _size in values), values[0][1]) for name, values in samples.items()}


def worker_full_gcs(work, collections, runs=3):
    """Run a one-task play per module ``runs`` times with the GC probe; return {name: median ms of the full
    collections in the task's worker (0 when none)}."""
    python_path = os.pathsep.join(path for path in (PROBE, os.environ.get("PYTHONPATH")) if path)
    out = {}
    for name, fqcn in FQCNS.items():
        play = os.path.join(work, f"gc-{name}.yml")
        log = os.path.join(work, f"gc-{name}.log")
        playbook(play, [fqcn])
        cmd, env = cli.playbook_command(play, collections, PYTHONPATH=python_path, SYNCTHING_REST_GC_PROBE=log)
        totals = []
        for _run in range(runs):
            if os.path.exists(log):
                os.remove(log)
            subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, check=True)
            totals.append(logged_ms(log))
        out[name] = statistics.median(totals)
    return out


def logged_ms(log):
    """The milliseconds the GC probe logged (one line per full collection; no file: none ran)."""
    if not os.path.exists(log):
        return 0.0
    with open(log) as handle:
        return sum(float(line) for line in handle if line.strip())


def measure(files, runs):
    """Round-robin over ``files``; return {name: (median CPU ms, median page faults)}."""
    samples = {name: [] for name in files}
    for _run in range(runs):
        for name, path in files.items():
            samples[name].append(run_once(path))
    return {
        name: (statistics.median(cpu for cpu, _pages in values) * 1000.0, statistics.median(p for _cpu, p in values))
        for name, values in samples.items()
    }


def main(argv=None):
    parser = cli.parser(__doc__)
    parser.add_argument("--work", required=True, help="scratch folder (the play, the kept AnsiballZ files)")
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args(argv)
    args.work = os.path.abspath(os.path.join(args.work, "start-up"))
    os.makedirs(args.work, exist_ok=True)
    collections = (cli.collections_path(args.coll), floor.write(os.path.join(args.work, "floor")))
    rows = measure(payloads(args, collections), args.runs)
    builds = measure_builds(collections, args.runs)
    full_gcs = worker_full_gcs(args.work, collections)
    from ansible.release import __version__ as ansible_version  # pylint: disable=import-outside-toplevel

    floor_cpu, floor_pages = rows["floor"]
    floor_build = builds["floor"][0]
    print(
        f"What each module costs before it does anything: its start from its AnsiballZ file up to AnsibleModule's "
        f"argument check, the controller's build of that file (once per module and process), and the full garbage "
        f"collection that the task's worker may run (ms, 0: none): medians of "
        f"{args.runs:d} interleaved runs (Python {sys.version.split()[0]}, ansible-core {ansible_version})."
    )
    print("")
    print(
        "| module | start CPU ms | above the floor | minor page faults | above the floor | build CPU ms "
        "| above the floor | payload KB | full GC in the worker ms |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    thrashing = []
    for name, (cpu, pages) in rows.items():
        build, size = builds[name]
        print(
            f"| {name} | {cpu:.0f} | {cpu - floor_cpu:+.0f} | {pages:.0f} | {pages - floor_pages:+.0f} "
            f"| {build:.0f} | {build - floor_build:+.0f} | {size / 1024:.0f} | {full_gcs[name]:.0f} |"
        )
        if pages - floor_pages > THRASH_PAGES:
            thrashing.append(name)
    if thrashing:
        print("")
        print(
            f"Frame-stack chunk thrashing (over {THRASH_PAGES:d} page faults above the floor): {', '.join(thrashing)}"
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
