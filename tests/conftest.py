# Copyright (c) 2026, syncthing.rest contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every suite's session loads tests/realserver.py: the real-server options, fixtures and helpers, in one place.

Run from a plain checkout (``.venv/bin/pytest tests/unit/...``), where ``ansible_collections.syncthing.rest`` is not
importable, the checkout itself is made importable under that name through a symlink,
``.cache/collections/ansible_collections/syncthing/rest``, which also serves as PYTHONPATH and
ANSIBLE_COLLECTIONS_PATH for the processes and ``ansible`` commands the tests start. In the build tree of ``make units`` and the other stages it is
importable already and nothing is done.
"""

import importlib.util
import os
import sys


def _collection_importable():
    try:
        return importlib.util.find_spec("ansible_collections.syncthing.rest") is not None
    except ImportError:
        return False


def _import_checkout_as_collection():
    checkout = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    root = os.path.join(checkout, ".cache", "collections")
    link = os.path.join(root, "ansible_collections", "syncthing", "rest")
    if not os.path.islink(link):
        os.makedirs(os.path.dirname(link), exist_ok=True)
        os.symlink(checkout, link)
    sys.path.insert(0, root)
    # the same for the Python processes and the ansible commands the tests start
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH")) if p)
    os.environ.setdefault("ANSIBLE_COLLECTIONS_PATH", root)
    # the ansible commands of the virtualenv pytest runs from, also when it is not activated
    os.environ["PATH"] = os.pathsep.join((os.path.dirname(sys.executable), os.environ.get("PATH", "")))


if not _collection_importable():
    _import_checkout_as_collection()

pytest_plugins = ["realserver"]
