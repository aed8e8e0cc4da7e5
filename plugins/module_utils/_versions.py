# -*- coding: utf-8 -*-
# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""What changed in which Syncthing version: the one table of version facts, and one helper per question.

Each threshold is the first version with the behaviour (reference: shared syncthing-rest-api.md §2.12;
docs/compatibility.md lists what the collection does about each). Versions are tuples such as ``(1, 29, 5)``.

Note that this module util is PRIVATE to the collection. It can have breaking changes at any time.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

CONFIG_API = (1, 12, 0)  # /rest/config/* (before: whole config via /rest/system/config only)
PENDING_API = (1, 13, 0)  # /rest/cluster/pending/*
RESTART_REQUIRED_API = (1, 15, 0)  # /rest/config/restart-required
DEFAULT_IGNORES = (1, 19, 0)  # /rest/config/defaults/ignores
PATHS_API = (1, 21, 0)  # /rest/system/paths
UNTRUSTED_RULES = (1, 23, 6)  # receiveencrypted/untrusted value rules enforced on save
UPGRADE_UNSUPPORTED_501 = (1, 23, 0)  # "upgrade unsupported" answers 501 (503 before)
STRUCTURED_LOGGING = (2, 0, 0)  # /rest/system/loglevels replaces /rest/system/debug; string log levels
NO_DEBUGGING_GATE = (2, 0, 0)  # /rest/debug/* served without gui.debugging (the field is gone)


def version_text(version):
    """``(1, 29, 5)`` -> ``"1.29.5"``."""
    return ".".join(str(part) for part in version)


def has_loglevels(version):
    """True when the server has /rest/system/loglevels (2.0+) instead of /rest/system/debug."""
    return tuple(version) >= STRUCTURED_LOGGING
