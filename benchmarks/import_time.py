#!/usr/bin/env python
# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""How long each module takes to import (``python -X importtime``), and what it imports that it may not need.

Each module is imported in a fresh interpreter, ``--runs`` times, with the collection's own bytecode
neither read nor written (``-B``, no ``__pycache__``): under Ansible the module and its module_utils come
in the AnsiballZ zip and are compiled on every run, while the standard library and site-packages use
their cached bytecode. Prints, per module, the median import time and the libraries it pulled in,
next to ``ansible.modules.ping`` and the floor (``AnsibleModule`` plus ``requests``).
Usage: ``import_time.py --coll COLL [--runs 15]``.
"""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

MODULES = ["syncthing_config", "syncthing_info", "syncthing_ignores", "syncthing_folder_scan", "syncthing_system"]
# libraries worth naming when a module imports them (cumulative microseconds are reported)
WATCH = ["ansible.module_utils.basic", "requests", "bcrypt", "xml.etree.ElementTree", "difflib", "base64",
         "copy", "traceback", "ansible.module_utils.parsing.convert_bool"]
LINE = re.compile(r"^import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)$")


def import_tree(python, pythonpath, statement):
    """Run ``statement`` once plainly (timed) and once under -X importtime.

    Return ({module: cumulative us}, wall seconds of the plain process).
    """
    env = dict(os.environ, PYTHONPATH=pythonpath, PYTHONDONTWRITEBYTECODE="1")
    start = time.perf_counter()
    subprocess.run([python, "-B", "-c", statement], env=env, check=True)
    wall = time.perf_counter() - start
    proc = subprocess.run([python, "-B", "-X", "importtime", "-c", statement], env=env, capture_output=True,
                          text=True, check=True)
    out = {}
    for line in proc.stderr.splitlines():
        match = LINE.match(line)
        if match:
            out.setdefault(match.group(4), int(match.group(2)))
    return out, wall


def measure(python, pythonpath, statements, runs):
    """Round-robin over ``statements`` (so the machine's load affects all alike); medians per statement."""
    samples = dict((name, []) for name in statements)
    for _run in range(runs):
        for name, statement in statements.items():
            samples[name].append(import_tree(python, pythonpath, statement))
    rows = {}
    for name, runs_of in samples.items():
        libs = {}
        for lib in WATCH:
            values = [tree[lib] for tree, _wall in runs_of if lib in tree]
            if len(values) == len(runs_of):
                libs[lib] = statistics.median(values) / 1000.0
        rows[name] = {"wall_ms": statistics.median(wall for _tree, wall in runs_of) * 1000.0, "libs": libs}
    return rows


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n", maxsplit=1)[0])
    parser.add_argument("--coll", required=True, help="the built collection (.../ansible_collections/syncthing/rest)")
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args(argv)
    coll = os.path.abspath(args.coll)
    for root, dirs, _files in os.walk(coll):
        for name in dirs:
            if name == "__pycache__":
                shutil.rmtree(os.path.join(root, name))
    pythonpath = os.path.dirname(os.path.dirname(os.path.dirname(coll)))
    statements = {"python, nothing imported": "pass",
                  "ansible.builtin.ping": "import ansible.modules.ping",
                  "floor (AnsibleModule + requests)": "import ansible.module_utils.basic, requests"}
    for module in MODULES:
        statements[module] = "import ansible_collections.syncthing.rest.plugins.modules." + module
    rows = measure(sys.executable, pythonpath, statements, args.runs)
    base = rows["python, nothing imported"]["wall_ms"]
    print("Import time: process wall time minus an empty interpreter's (%.0f ms), medians of %d interleaved runs; "
          "libraries: cumulative -X importtime." % (base, args.runs))
    print("")
    print("| module | import ms | requests | xml.etree | bcrypt | difflib |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, row in rows.items():
        if name == "python, nothing imported":
            continue
        libs = row["libs"]
        print("| %s | %.0f | %s |" % (name, row["wall_ms"] - base, " | ".join(
            "%.1f" % libs[lib] if lib in libs else "-" for lib in ("requests", "xml.etree.ElementTree", "bcrypt", "difflib"))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
