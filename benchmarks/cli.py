# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""What the benchmark scripts' command lines share: ``--coll``, the built collection they measure."""

import argparse
import os


def parser(doc):
    """An argument parser described by the first line of ``doc``, with ``--coll``."""
    out = argparse.ArgumentParser(description=doc.split("\n", maxsplit=1)[0])
    out.add_argument("--coll", required=True, help="the built collection (.../ansible_collections/syncthing/rest)")
    return out


def collections_path(coll):
    """The folder that holds ``ansible_collections`` of the built collection ``coll`` (for sys.path and Ansible)."""
    return os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(coll))))
