# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Benchmark helper (not shipped as a plugin of the collection): write the play's task time to a file."""

import json
import os
import time

from ansible.plugins.callback import CallbackBase

DOCUMENTATION = r"""
name: bench_timer
type: aggregate
short_description: Write the time from the first task's start to the end of the playbook to a JSON file
description:
  - Used by C(benchmarks/run.py) only. The file is named by the environment variable C(BENCH_TIMER_FILE).
requirements:
  - enable in configuration
"""


class CallbackModule(CallbackBase):
    """Record task start times and the end of the run."""

    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "aggregate"
    CALLBACK_NAME = "bench_timer"
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self):
        super().__init__()
        self.first = None
        self.tasks = []
        self.results = []

    def v2_playbook_on_task_start(self, task, is_conditional):
        now = time.perf_counter()
        if self.first is None:
            self.first = now
        self.tasks.append([task.get_name(), now])

    def v2_runner_on_ok(self, result):
        """The size of the task's result as JSON: without the echo of the arguments (``invocation``) and with it."""
        data = {key: value for key, value in result._result.items() if not key.startswith("_ansible")}
        echo = data.pop("invocation", None)
        self.results.append(
            {
                "task": result._task.get_name(),
                "result_bytes": len(json.dumps(data, default=str)),
                "invocation_bytes": len(json.dumps(echo, default=str)) if echo is not None else 0,
            }
        )

    def v2_playbook_on_stats(self, stats):
        end = time.perf_counter()
        path = os.environ.get("BENCH_TIMER_FILE")
        if not path or self.first is None:
            return
        starts = [start for _name, start in self.tasks] + [end]
        result = {
            "play_s": end - self.first,
            "tasks": [{"name": name, "s": starts[i + 1] - start} for i, (name, start) in enumerate(self.tasks)],
            "results": self.results,
        }
        with open(path, "w") as handle:
            json.dump(result, handle)
