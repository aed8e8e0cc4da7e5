# Copyright (c) 2026, syncthing.rest contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""ansible-rulebook runs for the events suite and the events benchmark: started in their own process group, watched
through their log, stopped by that group's ID (the rulebook's PID) and checked to be gone."""

import glob
import os
import re
import signal
import subprocess
import time

import yaml
from realserver import COLL, collections_path

RECAP = re.compile(r"^(\S+)\s*:\s*ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)", re.M)


def eda_venv():
    """The virtualenv with ansible-rulebook (make events creates it; EDA_VENV names it)."""
    venv = os.environ.get("EDA_VENV", "")
    if not os.path.exists(os.path.join(venv, "bin", "ansible-rulebook")):
        raise RuntimeError(
            f"ansible-rulebook not found in EDA_VENV={venv!r}: run the suite through `make events`, which creates it"
        )
    return venv


def write_yaml(path, data):
    with open(path, "w") as handle:
        yaml.safe_dump(data, handle, default_flow_style=False)
    return str(path)


def host_entry(node, **hostvars):
    """An inventory host for a node: local connection with the rulebook's Python, its URL and API key."""
    return dict(
        {
            "ansible_connection": "local",
            "ansible_python_interpreter": os.path.join(eda_venv(), "bin", "python"),
            "syncthing_url": node["url"],
            "syncthing_api_key": node["api_key"],
        },
        **hostvars,
    )


class Rulebook:
    """``Rulebook(rulebook, inventory, variables, log)``: ansible-rulebook on a rulebook of extensions/eda/rulebooks,
    run from the collection's root (the rulebooks name their playbooks relative to it)."""

    def __init__(self, rulebook, inventory, variables, log):
        self.log = str(log)
        venv = eda_venv()
        env = dict(
            os.environ,
            PATH=os.path.join(venv, "bin") + os.pathsep + os.environ["PATH"],
            ANSIBLE_COLLECTIONS_PATH=collections_path(),
            ANSIBLE_NOCOLOR="1",
            ANSIBLE_FORCE_COLOR="0",
            ANSIBLE_LOCALHOST_WARNING="0",
        )
        env.pop("PYTHONPATH", None)  # the source finds the collection from its own path, as when installed
        command = [
            os.path.join(venv, "bin", "ansible-rulebook"),
            "--rulebook",
            os.path.join("extensions", "eda", "rulebooks", rulebook),
            "-i",
            str(inventory),
            "--vars",
            str(variables),
            "-v",
        ]
        with open(self.log, "wb") as out:
            self.proc = subprocess.Popen(
                command, cwd=COLL, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
            )
        self.pid = self.proc.pid

    def text(self):
        with open(self.log, errors="replace") as handle:
            return handle.read()

    def runs(self):
        """Playbook runs finished so far: {host: count}."""
        counts = {}
        for match in RECAP.finditer(self.text()):
            counts[match.group(1)] = counts.get(match.group(1), 0) + 1
        return counts

    def run_count(self):
        return sum(self.runs().values())

    def wait_for(self, text, timeout=90, count=1):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.text().count(text) >= count:
                return
            if self.proc.poll() is not None:
                raise AssertionError(f"ansible-rulebook ended ({self.proc.returncode}):\n{self.text()[-4000:]}")
            time.sleep(0.1)
        raise AssertionError(f"{text!r} not in the rulebook's log within {timeout}s:\n{self.text()[-4000:]}")

    def wait_quiet(self, quiet=10.0, timeout=120):
        """Wait until no playbook run has finished for ``quiet`` seconds and none is running; return the count."""
        deadline = time.time() + timeout
        count, since = self.run_count(), time.time()
        while time.time() < deadline:
            time.sleep(0.2)
            now = self.run_count()
            running = self.text().count("PLAY [") > now
            if now != count or running:
                count, since = now, time.time()
            elif time.time() - since >= quiet:
                return count
        raise AssertionError(f"the rulebook did not settle within {timeout}s:\n{self.text()[-4000:]}")

    def stop(self):
        """Stop ansible-rulebook and the playbooks it runs (its process group, by the rulebook's PID); check it."""
        for sig, wait in ((signal.SIGINT, 10), (signal.SIGTERM, 10), (signal.SIGKILL, 10)):
            try:
                os.killpg(self.pid, sig)
            except ProcessLookupError:
                break
            try:
                self.proc.wait(wait)
            except subprocess.TimeoutExpired:
                continue
            if not _group_alive(self.pid):
                break
        assert self.proc.poll() is not None, f"ansible-rulebook {self.pid} still runs"
        assert not _group_alive(self.pid), f"processes of ansible-rulebook's group {self.pid} still run"


def _group_alive(pgid):
    """Whether a process of group ``pgid`` still runs (zombies waiting to be reaped do not count)."""
    for stat in glob.glob("/proc/[0-9]*/stat"):
        try:
            with open(stat) as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            return True
    return False
