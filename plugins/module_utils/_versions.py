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
DEFAULT_TEMPLATES = (1, 14, 0)  # /rest/config/defaults/folder and /device, the config's "defaults" section
RESTART_REQUIRED_API = (1, 15, 0)  # /rest/config/restart-required (before: /rest/system/config/insync)
DEFAULT_IGNORES = (1, 19, 0)  # /rest/config/defaults/ignores
PATHS_API = (1, 21, 0)  # /rest/system/paths
HEALTH_API = (1, 22, 1)  # /rest/noauth/health
UPGRADE_UNSUPPORTED_501 = (1, 23, 0)  # "upgrade unsupported" answers 501 (503 before)
METRICS_API = (1, 24, 0)  # /metrics
FRACTIONAL_WATCHER_DELAY = (1, 23, 3)  # fsWatcherDelayS a float (a whole number before; a fraction is a 400)
UNTRUSTED_RULES = (1, 23, 6)  # untrusted devices lose introducer/autoAcceptFolders and trusted folder sharing
PREHASHED_PASSWORD = (1, 25, 0)  # a bcrypt hash given as gui.password is stored as it is (upstream #9123)
VERSIONING_TYPE_CHECKED = (1, 26, 0)  # an unknown versioning type is refused (stored, then crashes, before)
STRUCTURED_LOGGING = (2, 0, 0)  # /rest/system/loglevels replaces /rest/system/debug; log levels are strings
DEBUG_STATS_REMOVED = (2, 0, 0)  # /rest/debug/peerCompletion and /rest/debug/httpmetrics are gone
IGNORE_ESCAPE_LINE = (2, 0, 0)  # .stignore's "#escape=X" line (upstream #10205); a line like any other before
FOLDER_PATCH_RESETS = (1, 29, 6)  # a folder PATCH resets the default-tagged fields it does not name (#10389, #10746)
FOLDER_PATCH_FIXED = (2, 1, 2)  # ... fixed: commit e4d08b3 removed the folder's UnmarshalJSON that set defaults

# Endpoints that not every version serves: path -> (first version that serves it, first that no longer does; None:
# no limit). A server outside the range answers 404; endpoint_missing says why.
ENDPOINT_LIFETIMES = {
    "/rest/cluster/pending/devices": (PENDING_API, None),
    "/rest/cluster/pending/folders": (PENDING_API, None),
    "/rest/config/restart-required": (RESTART_REQUIRED_API, None),
    "/rest/config/defaults/folder": (DEFAULT_TEMPLATES, None),
    "/rest/config/defaults/device": (DEFAULT_TEMPLATES, None),
    "/rest/config/defaults/ignores": (DEFAULT_IGNORES, None),
    "/rest/system/paths": (PATHS_API, None),
    "/rest/noauth/health": (HEALTH_API, None),
    "/metrics": (METRICS_API, None),
    "/rest/system/loglevels": (STRUCTURED_LOGGING, None),
    "/rest/system/debug": (None, STRUCTURED_LOGGING),
    "/rest/debug/peerCompletion": (None, DEBUG_STATS_REMOVED),
    "/rest/debug/httpmetrics": (None, DEBUG_STATS_REMOVED),
}

# GET /rest/system/upgrade on builds that cannot upgrade themselves (503 up to 1.22, 501 from 1.23)
UPGRADE_UNSUPPORTED_STATUSES = (501, 503)


def version_text(version):
    """``(1, 29, 5)`` -> ``"1.29.5"``."""
    return ".".join(str(part) for part in version)


def at_least(version, threshold):
    """True when ``version`` has the behaviour that starts at ``threshold``. The one comparison of versions.

    An unknown version (None, as a check that needs no request passes it) is taken as the newest: True. The
    client's ``at_least`` never passes None: it reads the server's version first.
    """
    return version is None or tuple(version) >= tuple(threshold)


def endpoint_missing(path, version):
    """Why a server of ``version`` does not serve ``path`` (ENDPOINT_LIFETIMES), as a sentence; None when it
    should, or when the version is unknown."""
    since, until = ENDPOINT_LIFETIMES.get(path, (None, None))
    if version is None:
        return None
    if since is not None and not at_least(version, since):
        return f"{path} needs Syncthing {version_text(since)} or later; this server is {version_text(version)}"
    if until is not None and at_least(version, until):
        return f"Syncthing {version_text(until)} removed {path}; this server is {version_text(version)}"
    return None


def has_config_api(version):
    return at_least(version, CONFIG_API)


def has_restart_required_api(version):
    return at_least(version, RESTART_REQUIRED_API)


def folder_patch_resets_fields(version):
    """True when a PATCH of a folder resets the default-tagged fields it does not name (1.29.6 to 2.1.1; an
    unknown version: False, the newest behaviour)."""
    return at_least(version, FOLDER_PATCH_RESETS) and not at_least(version, FOLDER_PATCH_FIXED)


def keeps_password_hashes(version):
    """True when the server stores a bcrypt hash given as gui.password as it is (older ones hash it again)."""
    return at_least(version, PREHASHED_PASSWORD)


def is_upgrade_unsupported(status):
    """True for the HTTP status a build that cannot upgrade itself answers the upgrade check with."""
    return status in UPGRADE_UNSUPPORTED_STATUSES
