#!/usr/bin/env python
# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""What each module costs to import, and which libraries it pulls in at start-up.

Each module is imported in a fresh interpreter, ``--runs`` times round-robin, with the collection's own
bytecode neither read nor written (``-B``, no ``__pycache__``): under Ansible the module and its
module_utils come in the AnsiballZ zip and are compiled on every run, while the standard library and
site-packages use their cached bytecode. The cost is the CPU time of the process (less sensitive to a
busy machine than wall time) minus that of an empty interpreter; the libraries' columns are their
cumulative ``-X importtime``. Shown next to ``ansible.modules.ping`` and the floor (``AnsibleModule``
plus ``requests``), and with ``--baseline`` next to another build of the collection.
Usage: ``import_time.py --coll COLL [--baseline COLL] [--runs 15]``.
"""

import os
import re
import resource
import shutil
import statistics
import subprocess
import sys

import cli

# libraries worth naming when a module imports them (cumulative microseconds are reported)
WATCH = [
    "ansible.module_utils.basic",
    "requests",
    "bcrypt",
    "xml.etree.ElementTree",
    "difflib",
    "base64",
    "copy",
    "traceback",
    "ansible.module_utils.parsing.convert_bool",
]
LINE = re.compile(r"^import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)$")


def clean(coll):
    """Remove the collection's bytecode caches; return the folder to put on PYTHONPATH."""
    coll = os.path.abspath(coll)
    for root, dirs, _files in os.walk(coll):
        for name in dirs:
            if name == "__pycache__":
                shutil.rmtree(os.path.join(root, name))
    return cli.collections_path(coll)


def import_tree(python, pythonpath, statement):
    """Run ``statement`` once plainly (timed) and once under -X importtime.

    Return ({module: cumulative us}, CPU seconds (user + system) of the plain process).
    """
    env = dict(os.environ, PYTHONPATH=pythonpath, PYTHONDONTWRITEBYTECODE="1")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([python, "-B", "-c", statement], env=env, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    proc = subprocess.run(
        [python, "-B", "-X", "importtime", "-c", statement], env=env, capture_output=True, text=True, check=True
    )
    out = {}
    for line in proc.stderr.splitlines():
        match = LINE.match(line)
        if match:
            out.setdefault(match.group(4), int(match.group(2)))
    return out, cpu


def measure(python, statements, runs):
    """Round-robin over ``statements`` ({name: (pythonpath, statement)}, so the machine's load affects all alike);
    medians per statement."""
    samples = {name: [] for name in statements}
    for _run in range(runs):
        for name, (pythonpath, statement) in statements.items():
            samples[name].append(import_tree(python, pythonpath, statement))
    rows = {}
    for name, runs_of in samples.items():
        libs = {}
        for lib in WATCH:
            values = [tree[lib] for tree, _wall in runs_of if lib in tree]
            if len(values) == len(runs_of):
                libs[lib] = statistics.median(values) / 1000.0
        rows[name] = {"cpu_ms": statistics.median(cpu for _tree, cpu in runs_of) * 1000.0, "libs": libs}
    return rows


def main(argv=None):
    parser = cli.parser(__doc__)
    parser.add_argument("--baseline", help="another built collection to compare with (measured interleaved)")
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args(argv)
    pythonpath = clean(args.coll)
    statements = {
        "python, nothing imported": (pythonpath, "pass"),
        "ansible.builtin.ping": (pythonpath, "import ansible.modules.ping"),
        "floor (AnsibleModule + requests)": (pythonpath, "import ansible.module_utils.basic, requests"),
    }
    baseline = clean(args.baseline) if args.baseline else None
    for module in cli.MODULES:
        statement = "import ansible_collections.syncthing.rest.plugins.modules." + module
        if baseline:
            statements[module + " (baseline)"] = (baseline, statement)
        statements[module] = (pythonpath, statement)
    rows = measure(sys.executable, statements, args.runs)
    base = rows["python, nothing imported"]["cpu_ms"]
    print(
        f"Import cost: CPU time (user + system) of the process minus an empty interpreter's ({base:.0f} ms), medians of "
        f"{args.runs:d} interleaved runs; libraries: their cumulative -X importtime (wall clock)."
    )
    print("")
    print("| module | import CPU ms | requests | xml.etree | bcrypt | difflib |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, row in rows.items():
        if name == "python, nothing imported":
            continue
        libs = row["libs"]
        print(
            "| {} | {:.0f} | {} |".format(
                name,
                row["cpu_ms"] - base,
                " | ".join(
                    f"{libs[lib]:.1f}" if lib in libs else "-"
                    for lib in ("requests", "xml.etree.ElementTree", "bcrypt", "difflib")
                ),
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
