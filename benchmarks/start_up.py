#!/usr/bin/env python
# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Each module's start on the target as Ansible runs it (its AnsiballZ file): CPU time and memory pages touched.

One ``ansible-playbook`` run with ``ANSIBLE_KEEP_REMOTE_FILES`` leaves the AnsiballZ file of each module and of the
floor (``bench.floor.config_floor``, written by benchmarks/floor.py), each given an invalid ``timeout`` so that it
stops in AnsibleModule's argument check, right after its imports. Each file is then run ``--runs`` times
round-robin, and the medians of its CPU time (user + system) and of its minor page faults (memory pages the process
touched for the first time) are printed, and how far each is above the floor. Page faults are exact and the same
on a busy machine. More than about 1,000 above the floor means that CPython (3.11+) allocates and frees a chunk
of its frame stack on every call of some recursion that sits on a chunk boundary (docs/performance.md, "A
cheap start"). Usage: ``start_up.py --coll COLL --work DIR [--runs 15]``.
"""

import glob
import os
import resource
import shutil
import statistics
import subprocess
import sys

import cli
import floor

FLOOR = "bench.floor.config_floor"
THRASH_PAGES = 1000


def playbook(path):
    """Write a play that calls each module and the floor once with an invalid ``timeout``."""
    lines = ["---", "- name: Leave each module's AnsiballZ file", "  hosts: localhost", "  gather_facts: false"]
    lines += ["  tasks:"]
    for name in [FLOOR, *("syncthing.rest." + module for module in cli.MODULES)]:
        lines += [
            f"    - name: {name}",
            f"      {name}:",
            "        timeout: not-a-number  # stops in AnsibleModule's argument check, after the imports",
            "      ignore_errors: true",
        ]
    with open(path, "w") as handle:
        handle.write("\n".join(lines) + "\n")


def payloads(args):
    """Run the play once, keeping the remote files; return {name: AnsiballZ path}."""
    remote = os.path.join(args.work, "remote")
    shutil.rmtree(remote, ignore_errors=True)
    play = os.path.join(args.work, "start-up.yml")
    playbook(play)
    collections = (cli.collections_path(args.coll), floor.write(os.path.join(args.work, "floor")))
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
    rows = measure(payloads(args), args.runs)
    floor_cpu, floor_pages = rows["floor"]
    print(
        f"Start of each module from its AnsiballZ file, up to AnsibleModule's argument check: medians of {args.runs:d} "
        f"interleaved runs (Python {sys.version.split()[0]})."
    )
    print("")
    print("| module | CPU ms | above the floor | minor page faults | above the floor |")
    print("|---|---:|---:|---:|---:|")
    thrashing = []
    for name, (cpu, pages) in rows.items():
        print(f"| {name} | {cpu:.0f} | {cpu - floor_cpu:+.0f} | {pages:.0f} | {pages - floor_pages:+.0f} |")
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
