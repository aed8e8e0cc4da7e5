# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""What changed in which Syncthing version: the one table of version facts, and one helper per question.

Each threshold is the first version with the behaviour (shared reference §2.12; docs/compatibility.md says what
the collection does about each). Versions are tuples such as ``(1, 29, 5)``; a version of ``None`` (unknown)
gets the newest behaviour. No other file compares against a literal version.

Note that this module util is PRIVATE to the collection. It can have breaking changes at any time.
"""

CONFIG_API = (1, 12, 0)  # /rest/config/* (before: the whole config through /rest/system/config only)
PENDING_API = (1, 13, 0)  # /rest/cluster/pending/*
RESTART_REQUIRED_API = (1, 15, 0)  # /rest/config/restart-required (before: /rest/system/config/insync)
DEFAULT_IGNORES = (1, 19, 0)  # /rest/config/defaults/ignores
PATHS_API = (1, 21, 0)  # /rest/system/paths
UPGRADE_UNSUPPORTED_501 = (1, 23, 0)  # "upgrade unsupported" answers 501 (503 before)
FRACTIONAL_WATCHER_DELAY = (1, 23, 3)  # fsWatcherDelayS a float (a whole number before; a fraction is a 400)
UNTRUSTED_RULES = (1, 23, 6)  # untrusted devices lose introducer/autoAcceptFolders and trusted folder sharing
PREHASHED_PASSWORD = (1, 25, 0)  # a bcrypt hash given as gui.password is stored as it is (upstream #9123)
VERSIONING_TYPE_CHECKED = (1, 26, 0)  # an unknown versioning type is refused (stored, then crashes, before)
STRUCTURED_LOGGING = (2, 0, 0)  # /rest/system/loglevels replaces /rest/system/debug; log levels are strings

# GET /rest/system/upgrade on builds that cannot upgrade themselves (503 up to 1.22, 501 from 1.23)
UPGRADE_UNSUPPORTED_STATUSES = (501, 503)


def version_text(version):
    """``(1, 29, 5)`` -> ``"1.29.5"``."""
    return ".".join(str(part) for part in version)


def at_least(version, threshold):
    """True when ``version`` has the behaviour that starts at ``threshold`` (an unknown version: True)."""
    return version is None or tuple(version) >= threshold


def has_config_api(version):
    return at_least(version, CONFIG_API)


def has_restart_required_api(version):
    return at_least(version, RESTART_REQUIRED_API)


def keeps_password_hashes(version):
    """True when the server stores a bcrypt hash given as gui.password as it is (older ones hash it again)."""
    return at_least(version, PREHASHED_PASSWORD)


def is_upgrade_unsupported(status):
    """True for the HTTP status a build that cannot upgrade itself answers the upgrade check with."""
    return status in UPGRADE_UNSUPPORTED_STATUSES
