# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Benchmark probe (benchmarks/start_up.py puts this folder on PYTHONPATH): log every full garbage collection
(generation 2) that a task's worker process of ``ansible-playbook`` runs, with its milliseconds, to the file named
by ``SYNCTHING_REST_GC_PROBE``. Does nothing in any other process or without that variable."""

import gc
import os
import sys
import time

LOG = os.environ.get("SYNCTHING_REST_GC_PROBE")
PLAYBOOK = os.getpid() if LOG and os.path.basename(sys.argv[0] if sys.argv else "") == "ansible-playbook" else None
STARTED = [0.0]


def _collected(phase, info):
    """gc.callbacks entry: time each collection; log the full ones run by a worker (a fork of ansible-playbook)."""
    if phase == "start":
        STARTED[0] = time.perf_counter()
    elif info["generation"] == 2 and os.getpid() != PLAYBOOK:
        with open(LOG, "a") as handle:
            handle.write(f"{(time.perf_counter() - STARTED[0]) * 1000.0:.1f}\n")


if PLAYBOOK is not None:
    gc.callbacks.append(_collected)
