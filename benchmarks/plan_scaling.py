#!/usr/bin/env python
# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""syncthing_config's own work, without a server: validation, plan, result, per N folders (is it linear?).

Builds a config of N folders and N/10 devices as Syncthing 1.29.5 stores them (the unit tests' recorded
objects) and the benchmark's desired state for it (benchmarks/workload.py), then measures in-process
the CPU time (median of --runs; CPU rather than wall time, so that a busy machine distorts it less):
- ``parse``: ``json.loads`` of the config text (what the one GET costs to decode);
- ``core``: ``_config_evaluate.evaluate``, the module's pure core: validation (field names, types, enums,
  device IDs, the rows of ``_config_fields``), the plan (compare, merge, the resulting config) and the result
  (the default ``config`` view, ``return_config=changed``);
- ``output``: the result masked (``_module.mask_secrets``) and its JSON.
Scenarios: no-op, one field changed, converge from empty, and purge_folders removing half the folders.
Usage: ``plan_scaling.py --coll COLL [--sizes 1000,10000] [--runs 5]``.
"""

import functools
import json
import os
import statistics
import sys
import time

import cli

HERE = os.path.dirname(os.path.abspath(__file__))


def build(size, modules):
    """Return (config, {scenario: params}, my_id) for ``size`` folders."""
    fixture, workload, device_id_from_bytes = modules["fixture"], modules["workload"], modules["device_id_from_bytes"]
    my_id = fixture.MY_ID
    state = workload.config_state(size, my_id, "/srv/bench", device_id_from_bytes)["ours"]
    changed = workload.config_state(size, my_id, "/srv/bench", device_id_from_bytes, changed=True)["ours"]
    config = fixture.empty_config()
    config["devices"] += [fixture.device(dev["deviceID"], name=dev["name"]) for dev in state["bench_devices"]]
    config["folders"] = [
        fixture.folder(
            f["id"],
            f["path"],
            f["devices"],
            label=f["label"],
            type=f["type"],
            rescanIntervalS=f["rescanIntervalS"],
            fsWatcherEnabled=False,
        )
        for f in state["bench_folders"]
    ]
    empty = fixture.empty_config()
    # syncthing_config's options as the module passes them (the unit tests' fixture); a --coll built before the
    # fixture had module_params gets only the given ones, which normalize() reads with the same defaults
    params = functools.partial(getattr(fixture, "module_params", dict), return_config="changed")
    scenarios = {
        "no-op": (config, params(folders=state["bench_folders"], devices=state["bench_devices"])),
        "one field changed": (config, params(folders=changed["bench_folders"], devices=changed["bench_devices"])),
        "converge from empty": (empty, params(folders=state["bench_folders"], devices=state["bench_devices"])),
        "purge half the folders": (
            config,
            params(folders=state["bench_folders"][::2], devices=None, purge_folders=True),
        ),
    }
    return scenarios, my_id


def run_once(config_text, params, my_id, modules):
    evaluate, mask = modules["evaluate"], modules["mask"]
    times = {}
    start = time.process_time()
    config = json.loads(config_text)
    times["parse"] = time.process_time() - start
    start = time.process_time()
    result = evaluate(params, config, my_id, (1, 29, 5)).result
    times["core"] = time.process_time() - start
    start = time.process_time()
    text = json.dumps(mask(result))
    times["output"] = time.process_time() - start
    return times, len(text)


def main(argv=None):
    parser = cli.parser(__doc__)
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    sys.path.insert(0, cli.collections_path(args.coll))
    sys.path.insert(0, HERE)
    # pylint: disable=import-error,import-outside-toplevel
    import workload

    from ansible_collections.syncthing.rest.plugins.module_utils._config_evaluate import evaluate
    from ansible_collections.syncthing.rest.plugins.module_utils._module import mask_secrets
    from ansible_collections.syncthing.rest.plugins.module_utils.device_id import device_id_from_bytes
    from ansible_collections.syncthing.rest.tests.unit.plugins.module_utils import config_fixture

    modules = {
        "fixture": config_fixture,
        "workload": workload,
        "device_id_from_bytes": device_id_from_bytes,
        "evaluate": evaluate,
        "mask": mask_secrets,
    }
    sizes = [int(size) for size in args.sizes.split(",") if size]
    print(
        "| N folders / devices | scenario | parse s | core s | output s | ours total s | per 1000 folders | "
        "result KiB |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for size in sizes:
        scenarios, my_id = build(size, modules)
        for name, (config, params) in scenarios.items():
            text = json.dumps(config)
            samples = [run_once(text, params, my_id, modules) for _run in range(args.runs)]
            med = {key: statistics.median(s[0][key] for s in samples) for key in samples[0][0]}
            ours = med["core"] + med["output"]
            print(
                "| {:d} / {:d} | {} | {:.3f} | {:.3f} | {:.3f} | {:.3f} | {:.3f} | {:.1f} |".format(
                    size,
                    max(1, size // 10),
                    name,
                    med["parse"],
                    med["core"],
                    med["output"],
                    ours,
                    ours * 1000.0 / size,
                    samples[0][1] / 1024.0,
                ),
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
