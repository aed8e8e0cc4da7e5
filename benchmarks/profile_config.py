#!/usr/bin/env python
# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Where a no-op syncthing_config converge of N folders spends its time.

Starts a hermetic node, fills it with N folders and N/10 devices (through the module), then:
1. runs the module as a plain process (no Ansible controller) and times it;
2. runs the module's ``main()`` in-process under cProfile and sums the time per source file;
3. reports the sizes of the config read and of the module's result (which the controller must parse).
Compare the process time with the play time from run.py: the difference is the controller's share.
Usage: ``profile_config.py --coll COLL --work DIR [--size 1000] [--top 25]``.
"""

import collections
import contextlib
import cProfile
import io
import json
import os
import pstats
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "tools"))

import cli  # noqa: E402 pylint: disable=wrong-import-position
import stnode  # noqa: E402 pylint: disable=wrong-import-position
import workload  # noqa: E402 pylint: disable=wrong-import-position


def module_args(node, state):
    return {
        "ANSIBLE_MODULE_ARGS": {
            "url": node["url"],
            "api_key": node["api_key"],
            "folders": state["bench_folders"],
            "devices": state["bench_devices"],
        }
    }


def run_process(module_path, args_file, pythonpath):
    """The module as its own process, as Ansible runs it (minus AnsiballZ); return (seconds, result)."""
    env = dict(os.environ, PYTHONPATH=pythonpath)
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, module_path, args_file], capture_output=True, text=True, env=env, check=False
    )
    seconds = time.perf_counter() - start
    return seconds, proc.stdout


def run_profiled(args_file, top):
    """main() in-process under cProfile; return (seconds, stdout, per-file totals, top functions)."""
    from ansible.module_utils import basic  # pylint: disable=import-error

    from ansible_collections.syncthing.rest.plugins.modules import syncthing_config  # pylint: disable=import-error

    with open(args_file) as handle:
        basic._ANSIBLE_ARGS = handle.read().encode()  # pylint: disable=protected-access
    basic._ANSIBLE_PROFILE = "legacy"  # pylint: disable=protected-access
    profile = cProfile.Profile()
    out = io.StringIO()
    start = time.perf_counter()
    with contextlib.redirect_stdout(out):
        try:
            profile.runcall(syncthing_config.main)
        except SystemExit:
            pass
    seconds = time.perf_counter() - start
    stats = pstats.Stats(profile)
    per_file = collections.Counter()
    for (filename, _line, _name), (_cc, _nc, tottime, _ct, _callers) in stats.stats.items():  # pylint: disable=no-member
        per_file[_short(filename)] += tottime
    text = io.StringIO()
    pstats.Stats(profile, stream=text).sort_stats("cumulative").print_stats(top)
    return seconds, out.getvalue(), per_file, text.getvalue()


def _short(filename):
    for marker in ("ansible_collections/", "site-packages/", "lib/python3"):
        if marker in filename:
            return filename.split(marker, 1)[1]
    return filename


def main(argv=None):
    parser = cli.parser(__doc__)
    parser.add_argument("--work", required=True)
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--version", default="1.29.5")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args(argv)
    pythonpath = cli.collections_path(args.coll)
    sys.path.insert(0, pythonpath)
    from ansible_collections.syncthing.rest.plugins.module_utils.device_id import device_id_from_bytes  # pylint: disable=import-error

    work = os.path.abspath(os.path.join(args.work, "profile"))
    subprocess.run(["rm", "-rf", work], check=True)
    node = stnode.start(args.version, os.path.join(work, "node"), name="profile")
    try:
        state = workload.config_state(args.size, node["device_id"], os.path.join(work, "data"), device_id_from_bytes)[
            "ours"
        ]
        args_file = os.path.join(work, "args.json")
        with open(args_file, "w") as handle:
            json.dump(module_args(node, state), handle)
        module_path = os.path.join(os.path.abspath(args.coll), "plugins", "modules", "syncthing_config.py")
        fill_s, fill_out = run_process(module_path, args_file, pythonpath)
        print(
            "fill (converge from empty, plain process): {:.2f}s, changed={}".format(
                fill_s, json.loads(fill_out).get("changed")
            )
        )
        noop_s, noop_out = run_process(module_path, args_file, pythonpath)
        result = json.loads(noop_out)
        print(
            "no-op, plain process: {:.2f}s, changed={}, result JSON {:d} bytes ({})".format(
                noop_s,
                result.get("changed"),
                len(noop_out),
                ", ".join(
                    f"{k} {len(json.dumps(v)):d}" for k, v in sorted(result.items()) if len(json.dumps(v)) > 1000
                ),
            )
        )
        seconds, _out, per_file, text = run_profiled(args_file, args.top)
        print(f"no-op, in-process under cProfile: {seconds:.2f}s; own time per file:")
        for name, total in per_file.most_common(12):
            print(f"  {total:6.3f}s  {name}")
        print(text)
    finally:
        stnode.stop(node)
    return 0


if __name__ == "__main__":
    sys.exit(main())
