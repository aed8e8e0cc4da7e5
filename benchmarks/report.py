# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Benchmark results as markdown: tables, ratios, targets, the machine; refreshes docs/performance.md."""

import json
import os
import platform
import re
import time

BEGIN = "<!-- bench:results:begin (written by benchmarks/run.py) -->"
END = "<!-- bench:results:end -->"
NAMES = {"ours": "syncthing.rest", "uri": "uri loop", "whole": "whole config"}
SCENARIO_NAMES = {"from_empty": "converge from empty", "noop": "no-op", "one_change": "one field changed"}
IGNORES_NAMES = {"from_empty": "first write (empty file before)", "noop": "no-op", "one_change": "one line changed"}


def loadavg():
    """The 1-, 5- and 15-minute load averages as text."""
    with open("/proc/loadavg") as handle:
        return " ".join(handle.read().split()[:3])


def machine(load_before, load_after, duration):
    """Machine, versions and load of this run."""
    from ansible.release import __version__ as ansible_version  # pylint: disable=import-error

    model, mem_kib = "?", 0
    with open("/proc/cpuinfo") as handle:
        for line in handle:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as handle:
        for line in handle:
            if line.startswith("MemTotal:"):
                mem_kib = int(line.split()[1])
    return {
        "date": time.strftime("%Y-%m-%d %H:%M %Z"),
        "nproc": os.cpu_count(),
        "cpu": model,
        "memory_gib": round(mem_kib / 1024 / 1024, 1),
        "python": platform.python_version(),
        "ansible_core": ansible_version,
        "load_before": load_before,
        "load_after": load_after,
        "duration_min": round(duration / 60, 1),
    }


def method_counts(counts):
    """``GET 2, PUT 1`` (or ``none``)."""
    return ", ".join(f"{method} {n:d}" for method, n in counts["by_method"].items()) or "none"


def path_counts(counts):
    """``GET /rest/config 1, PUT /rest/config 1`` (requests by method and path)."""
    return ", ".join(f"{path} {n:d}" for path, n in counts["by_path"].items())


def config_reads(counts):
    return counts["by_path"].get("GET /rest/config", 0)


def writes(counts):
    return sum(n for method, n in counts["by_method"].items() if method not in ("GET", "HEAD", "OPTIONS"))


def _kib(value):
    return "%.0f" % (value / 1024.0) if value >= 10240 else "%.1f" % (value / 1024.0)


def _ratio(a, b):
    return "%.1fx" % (a / b) if b else "n/a"


def _by_size_and_scenario(result):
    """(N, scenario, {contender: {scenario: measured}}) for each N and scenario of ``result``, in table order."""
    for size, by_contender in sorted(result["config"].items()):
        for scenario in SCENARIO_NAMES:
            yield size, scenario, by_contender


def _workload_cells(size, scenario):
    """A row's first two cells: N folders / N/10 devices, and the scenario."""
    return f"| {size:d} / {max(1, size // 10):d} | {SCENARIO_NAMES[scenario]} |"


def _changed_ok(scenario, measured):
    want_change = scenario != "noop"
    return all((c > 0) == want_change for c in measured["changed"])


def config_table(result):
    """Per N, scenario and contender: times and requests."""
    rows = [
        "| N folders / devices | scenario | contender | play s | wall s | CPU s | runs | requests by method "
        "| GET /rest/config | writes | KiB down | changed as expected |",
        "|---|---|---|---:|---:|---:|---:|---|---:|---:|---:|---|",
    ]
    for size, scenario, by_contender in _by_size_and_scenario(result):
        for contender, scenarios in by_contender.items():
            m = scenarios[scenario]
            c = m["counts"]
            rows.append(
                _workload_cells(size, scenario)
                + " {} | {:.2f} | {:.2f} | {:.2f} | {:d} | {}{} | {:d} | {:d} | {} | {} |".format(
                    NAMES[contender],
                    m["play_s"],
                    m["wall_s"],
                    m["cpu_s"],
                    m["runs"],
                    method_counts(c),
                    "" if m["counts_stable"] else " (varied)",
                    config_reads(c),
                    writes(c),
                    _kib(c["bytes_down"]),
                    "yes" if _changed_ok(scenario, m) else "NO",
                )
            )
    return rows


def ratio_table(result):
    """Play-time ratios: the other contenders against ours, ours against the ping floor."""
    floor = result["ping"]["play_s"]
    rows = ["| N | scenario | uri loop / ours | whole config / ours | ours / ping floor |", "|---|---|---:|---:|---:|"]
    for size, scenario, by_contender in _by_size_and_scenario(result):
        ours = by_contender["ours"][scenario]["play_s"]
        other = {k: _ratio(v[scenario]["play_s"], ours) for k, v in by_contender.items() if k != "ours"}
        per_ping = by_contender["ours"][scenario].get("per_ping")
        rows.append(
            "| {:d} | {} | {} | {} | {} |".format(
                size,
                SCENARIO_NAMES[scenario],
                other.get("uri", "-"),
                other.get("whole", "-"),
                f"{per_ping:.1f}x (paired)" if per_ping else _ratio(ours, floor),
            )
        )
    return rows


def ignores_table(result):
    floor = result["ping"]["play_s"]
    rows = ["| scenario | play s | requests | KiB up | KiB down | / ping floor |", "|---|---:|---|---:|---:|---:|"]
    for scenario, m in result["ignores"].items():
        c = m["counts"]
        rows.append(
            "| {} | {:.2f} | {} | {} | {} | {} |".format(
                IGNORES_NAMES[scenario],
                m["play_s"],
                path_counts(c),
                _kib(c["bytes_up"]),
                _kib(c["bytes_down"]),
                _ratio(m["play_s"], floor),
            )
        )
    return rows


def client_table(result):
    rows = ["| folders in config | get_ping req/s | get_config req/s | config JSON KiB |", "|---:|---:|---:|---:|"]
    for size, m in sorted(result["client"].items()):
        rows.append(f"| {size:d} | {m['get_ping']:.0f} | {m['get_config']:.1f} | {_kib(m['config_bytes'])} |")
    return rows


def floor_table(result):
    """Per N and scenario: the collection against the floor module (paired), bytes each way, result sizes."""
    rows = [
        "| N folders / devices | scenario | ours play s | floor play s | ours / floor (paired) | CPU ours / floor "
        "(paired) | ours / floor, payload built (paired) | requests | KiB up | KiB down | result KiB | floor result KiB "
        "| arguments echo KiB |",
        "|---|---|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|",
    ]
    for size, scenario, by_contender in _by_size_and_scenario(result):
        m = by_contender["ours"][scenario]
        if "floor" not in m:
            continue
        c = m["counts"]
        rows.append(
            _workload_cells(size, scenario)
            + " {:.2f} | {:.2f} | {:.2f}x | {:.2f}x | {} | {} | {} | {} | {:.1f} | {:.1f} | {} |".format(
                m["play_s"],
                m["floor"]["play_s"],
                m["per_floor"],
                m.get("per_floor_cpu", 0),
                _built(m),
                path_counts(c),
                _kib(c["bytes_up"]),
                _kib(c["bytes_down"]),
                m["result_bytes"] / 1024.0,
                m["floor"]["result_bytes"] / 1024.0,
                _kib(m["invocation_bytes"]),
            )
        )
    return rows


def _built(m):
    """The paired ratio of the no-op with the payload already built (the second task of a play), or "-"."""
    if "per_floor_built" not in m:
        return "-"
    return "{:.2f}x ({:.2f}s vs {:.2f}s)".format(m["per_floor_built"], m["built_s"], m["built_floor_s"])


def _row(name, measured, ok):
    return "| {} | {} | {} |".format(name, measured, "yes" if ok else "**no**")


def targets(results):
    """Each target of issues 7 and 14 with the measured value and whether it is met."""
    rows = ["| target | measured | met |", "|---|---|---|"]
    for result in results:
        ver = result["version"]
        for scenario, reads, wrote in (("noop", 1, 0), ("one_change", 1, 1)):
            measured = [(size, c["ours"][scenario]["counts"]) for size, c in sorted(result["config"].items())]
            got = [f"N={size:d}: {config_reads(c):d} read, {writes(c):d} write" for size, c in measured]
            ok = all(config_reads(c) == reads and writes(c) == wrote for _size, c in measured)
            rows.append(
                _row(
                    f"{ver}: {SCENARIO_NAMES[scenario]} sends {reads:d} config read and {wrote:d} write at every N",
                    "; ".join(got),
                    ok,
                )
            )
        if not result["primary"]:
            continue
        config = result["config"]
        big, small = max(config), min(config)
        checks = [(big, "noop", 1.15), (small, "noop", 1.15), (big, "one_change", 1.3)]
        for size, scenario, limit in sorted(set(checks), key=checks.index):
            m = config[size]["ours"][scenario]
            if "per_floor" in m:
                rows.append(
                    _row(
                        f"{ver}: {SCENARIO_NAMES[scenario]} at N={size:d} at most {limit:.2f}x the floor of N={size:d} "
                        "(play time)",
                        "{:.2f}s vs {:.2f}s; median of the paired ratios {:.2f}x (CPU time: {:.2f}x){}".format(
                            m["play_s"],
                            m["floor"]["play_s"],
                            m["per_floor"],
                            m.get("per_floor_cpu", 0),
                            f"; payload already built: {_built(m)}" if "per_floor_built" in m else "",
                        ),
                        m["per_floor"] <= limit,
                    )
                )
        noop = config[big]["ours"]["noop"]
        rows.append(
            _row(
                f"{ver}: no-op result at N={big:d} under 4 KB of JSON (default return_config)",
                # int(): the median is a float when the number of runs is even; truncated as %d did
                f"{int(noop['result_bytes']):d} bytes (plus the echo of the arguments, {_kib(noop['invocation_bytes'])} KiB, "
                "as for the floor)",
                noop["result_bytes"] < 4096,
            )
        )
        if 100 in config and "uri" in config[100]:
            for scenario in SCENARIO_NAMES:
                ours = config[100]["ours"][scenario]["play_s"]
                uri = config[100]["uri"][scenario]["play_s"]
                rows.append(
                    _row(
                        f"{ver}: uri loop at least 20x slower at N=100, {SCENARIO_NAMES[scenario]}",
                        f"{uri:.2f}s vs {ours:.2f}s = {_ratio(uri, ours)}",
                        uri >= 20 * ours,
                    )
                )
        slower = [
            (size, scenario, by["whole"][scenario]["play_s"] / by["ours"][scenario]["play_s"])
            for size, by in sorted(config.items())
            if "whole" in by
            for scenario in SCENARIO_NAMES
        ]
        if slower:
            rows.append(
                _row(
                    f"{ver}: the whole-config playbook no faster than the collection, every N and scenario",
                    f"whole / ours from {min(r for _s, _c, r in slower):.1f}x to {max(r for _s, _c, r in slower):.1f}x",
                    all(r >= 1.0 for _s, _c, r in slower),
                )
            )
    return rows


def version_table(results):
    """The collection's request counts per version, side by side."""
    versions = [r["version"] for r in results]
    rows = [
        "| N | scenario | " + " | ".join(f"{v} requests (play s)" for v in versions) + " | same requests |",
        "|---|---|" + "---|" * len(versions) + "---|",
    ]
    sizes = sorted(set.intersection(*[set(r["config"]) for r in results]))
    for size in sizes:
        for scenario in SCENARIO_NAMES:
            cells = [r["config"][size]["ours"][scenario] for r in results]
            paths = [m["counts"]["by_path"] for m in cells]
            rows.append(
                "| {:d} | {} | {} | {} |".format(
                    size,
                    SCENARIO_NAMES[scenario],
                    " | ".join("{} ({:.2f})".format(path_counts(m["counts"]), m["play_s"]) for m in cells),
                    "yes" if all(p == paths[0] for p in paths) else "**no**",
                )
            )
    return rows


def markdown(meta, results):
    """The whole results section."""
    out = [
        "## Results",
        "",
        "Generated by `make bench` on {date} in {duration_min} min. Machine: {nproc} CPUs ({cpu}), "
        "{memory_gib} GiB RAM; load average (1/5/15 min) {load_before} before and {load_after} after "
        "(the machine was shared; timings are noisy). Python {python}, ansible-core {ansible_core}, "
        "Syncthing ".format(**meta)
        + ", ".join(r["version"] for r in results)
        + ".",
        "",
        "Play time is from the first task's start to the end of the play (ansible-playbook start-up excluded); "
        "wall time is the whole `ansible-playbook` process; CPU time is user+system of that process and its "
        "children (less sensitive to the machine's load). All are medians of the runs shown. The floor is "
        "`bench.floor.config_floor` (`benchmarks/floor_collection`: the same arguments, given the same way, one "
        "config read, nothing else), run right after each run of the collection; ratios to it are medians of the per-pair ratios. Result sizes are "
        "the task result's JSON without `invocation` (Ansible's echo of the arguments, the same for both).",
        "",
        "### Targets",
        "",
        *targets(results),
    ]
    for result in results:
        if not result["primary"]:
            continue
        out += [
            "",
            "### Syncthing {}: the collection against the floor".format(result["version"]),
            "",
            *floor_table(result),
        ]
        out += ["", "### Syncthing {}: N folders and N/10 devices".format(result["version"]), "", *config_table(result)]
        out += [
            "",
            "### Syncthing {}: ratios (play time)".format(result["version"]),
            "",
            "Ping floor (`ansible.builtin.ping`, same host): {:.2f}s play, {:.2f}s wall.".format(
                result["ping"]["play_s"], result["ping"]["wall_s"]
            ),
            "",
            *ratio_table(result),
        ]
        if "ignores" in result:
            out += [
                "",
                f"### Syncthing {result['version']}: syncthing_ignores with {result['ignores_count']:d} patterns",
                "",
                *ignores_table(result),
            ]
        out += [
            "",
            "### Syncthing {}: the client alone (plain Python, one session, straight to the node)".format(
                result["version"]
            ),
            "",
            *client_table(result),
        ]
    if len(results) > 1:
        out += ["", "### The collection on each Syncthing version", "", *version_table(results)]
    return "\n".join(out) + "\n"


def load(path):
    """Read a bench-results.json back (JSON turned the N keys into strings)."""
    with open(path) as handle:
        data = json.load(handle)
    for result in data["results"]:
        for key in ("config", "client"):
            result[key] = {int(size): value for size, value in result[key].items()}
    return data["meta"], data["results"]


def update_docs(path, text):
    """Replace the results section of docs/performance.md (create the markers when missing)."""
    block = f"{BEGIN}\n{text}{END}\n"
    old = ""
    if os.path.exists(path):
        with open(path) as handle:
            old = handle.read()
    if BEGIN in old and END in old:
        new = re.sub(re.escape(BEGIN) + ".*?" + re.escape(END) + "\n?", lambda _m: block, old, flags=re.S)
    else:
        new = (old.rstrip("\n") + "\n\n" if old else "# Performance\n\n") + block
    with open(path, "w") as handle:
        handle.write(new)
