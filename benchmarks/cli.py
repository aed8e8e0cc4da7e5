# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""What the benchmark scripts share: ``--coll`` (the built collection they measure), its modules, and how they
run ``ansible-playbook``."""

import argparse
import os
import sys

MODULES = ["syncthing_config", "syncthing_info", "syncthing_ignores", "syncthing_folder_scan", "syncthing_system"]


def parser(doc):
    """An argument parser described by the first line of ``doc``, with ``--coll``."""
    out = argparse.ArgumentParser(description=doc.split("\n", maxsplit=1)[0])
    out.add_argument("--coll", required=True, help="the built collection (.../ansible_collections/syncthing/rest)")
    return out


def collections_path(coll):
    """The folder that holds ``ansible_collections`` of the built collection ``coll`` (for sys.path and Ansible)."""
    return os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(coll))))


def playbook_command(play, collections, extra_vars=(), **env):
    """``(argv, environ)`` to run ``play`` on localhost (local connection, this Python) with the folders
    ``collections`` on ``ANSIBLE_COLLECTIONS_PATH``; ``extra_vars`` are ``-e`` arguments, ``env`` more variables."""
    argv = [os.path.join(os.path.dirname(sys.executable), "ansible-playbook"), "-i", "localhost,", "-c", "local"]
    for value in ("ansible_python_interpreter=" + sys.executable, *extra_vars):
        argv += ["-e", value]
    environ = dict(
        os.environ,
        ANSIBLE_COLLECTIONS_PATH=os.pathsep.join(collections),
        ANSIBLE_LOCALHOST_WARNING="false",
        ANSIBLE_INVENTORY_UNPARSED_WARNING="false",
        **env,
    )
    return [*argv, play], environ
