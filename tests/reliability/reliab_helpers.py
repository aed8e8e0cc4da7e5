# Copyright (c) 2026, syncthing.rest contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Run modules through ansible / ansible-playbook and snapshot what Syncthing keeps on disk."""

import atexit
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

CLEAN_ENV = ("SYNCTHING_URL", "SYNCTHING_API_KEY", "STGUIAPIKEY", "STHOMEDIR", "STCONFDIR", "STDATADIR")
HERE = os.path.dirname(os.path.abspath(__file__))
FAKE_HOME = tempfile.mkdtemp(prefix="st-reliab-home-")  # no ~/.config/syncthing to discover
atexit.register(shutil.rmtree, FAKE_HOME, True)


def snapshot(root):
    """Every config.xml and .stignore under ``root``, as bytes, by relative path."""
    found = {}
    for folder, dirs, files in os.walk(root):
        dirs[:] = [name for name in dirs if not name.startswith(("index-", ".stversions"))]
        for name in files:
            if name in ("config.xml", ".stignore"):
                path = os.path.join(folder, name)
                with open(path, "rb") as handle:
                    found[os.path.relpath(path, root)] = handle.read()
    return found


def conn_env(node, **extra):
    """Environment that points the modules at ``node`` (the key never goes on a command line)."""
    env = {"SYNCTHING_URL": node["url"], "SYNCTHING_API_KEY": node["api_key"]}
    env.update(extra)
    return env


class Run:
    """One ansible or ansible-playbook run: rc, raw output, and the result of each task."""

    def __init__(self, argv, proc, elapsed, records):
        self.argv = argv
        self.rc = proc.returncode
        self.out = proc.stdout
        self.err = proc.stderr
        self.elapsed = elapsed
        self.records = records
        self.tasks = [(entry["task"], dict(entry["result"], _status=entry["status"])) for entry in records]

    @property
    def result(self):
        """The result of the only (or last) task."""
        return self.tasks[-1][1]

    def by_name(self, name):
        return [result for task, result in self.tasks if task == name]

    @property
    def text(self):
        """Everything a user sees: stdout and stderr."""
        return self.out + "\n" + self.err

    def __repr__(self):
        msgs = ["{}: {} {}".format(task, result["_status"], result.get("msg", "")) for task, result in self.tasks]
        return "Run(rc={})\nTASKS:\n{}\nSTDOUT:\n{}\nSTDERR:\n{}".format(
            self.rc, "\n".join(msgs), self.out[-6000:], self.err[-3000:]
        )


def _env(env):
    full = {key: value for key, value in os.environ.items() if key not in CLEAN_ENV}
    full.update(
        {
            "ANSIBLE_CALLBACK_PLUGINS": os.path.join(HERE, "callback_plugins"),
            "ANSIBLE_CALLBACKS_ENABLED": "record_results",
            "ANSIBLE_LOAD_CALLBACK_PLUGINS": "1",
            "ANSIBLE_NOCOLOR": "1",
            "ANSIBLE_FORCE_COLOR": "0",
            "ANSIBLE_LOCALHOST_WARNING": "0",
            "ANSIBLE_INVENTORY_UNPARSED_WARNING": "0",
            "ANSIBLE_PYTHON_INTERPRETER": sys.executable,
            "HOME": FAKE_HOME,
        }
    )
    full.update(env or {})
    return full


def _run(argv, env, timeout):
    handle, records = tempfile.mkstemp(prefix="st-reliab-results-", suffix=".jsonl")
    os.close(handle)
    env = dict(env or {}, RELIAB_RESULTS=records)
    started = time.time()
    try:
        proc = subprocess.run(argv, env=_env(env), capture_output=True, text=True, timeout=timeout, check=False)
        with open(records) as lines:
            entries = [json.loads(line) for line in lines if line.strip()]
    finally:
        os.remove(records)
    return Run(argv, proc, time.time() - started, entries)


def adhoc(module, args, env=None, verbose=False, diff=False, check=False, timeout=180):
    """``ansible localhost -m syncthing.rest.<module> -a <json>``."""
    argv = ["ansible", "localhost", "-m", "syncthing.rest." + module, "-a", json.dumps(args)]
    argv += (["-vvv"] if verbose else []) + (["--diff"] if diff else []) + (["--check"] if check else [])
    return _run(argv, env, timeout)


def playbook(text, env=None, verbose=False, diff=False, check=False, timeout=300):
    """Write ``text`` to a temporary playbook and run it against localhost."""
    with tempfile.NamedTemporaryFile("w", suffix=".yml", prefix="st-reliab-", delete=False) as handle:
        handle.write(text)
    try:
        argv = ["ansible-playbook", "-i", "localhost,", "-c", "local", handle.name]
        argv += (["-vvv"] if verbose else []) + (["--diff"] if diff else []) + (["--check"] if check else [])
        return _run(argv, env, timeout)
    finally:
        os.remove(handle.name)


def assert_clean_failure(run, pattern):
    """The task failed with a message matching ``pattern`` and nothing like a traceback."""
    assert run.tasks, run
    result = run.result
    assert result["_status"] == "failed", run
    assert result.get("msg"), run
    assert re.search(pattern, result["msg"], re.S), "{!r} does not match {!r}".format(result["msg"], pattern)
    assert "Traceback" not in run.text, run
    assert "Traceback" not in json.dumps(result), run
    assert result.get("exception", "(traceback unavailable)") == "(traceback unavailable)", run
    assert "module_stderr" not in result, run
