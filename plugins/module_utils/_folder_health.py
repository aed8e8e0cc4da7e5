# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""One rule for every module that writes into a folder: never while Syncthing reports its root unusable.

A folder whose directory is gone (an unmounted disk, a deleted path) is in state ``error`` with
"folder path missing" once Syncthing has looked at it (its next scan). Writing into it then does harm:
``POST /rest/db/ignores`` re-creates the directory to hold ``.stignore`` (after which Syncthing reports
"folder marker missing … potential data loss"), and a reset folder gets a new directory and marker at the
next start, so an empty mount point becomes a folder Syncthing trusts. syncthing_ignores,
syncthing_folder_scan and syncthing_system (reset_database) refuse such folders through ``require_usable``.

Note that this module util is PRIVATE to the collection. It can have breaking changes at any time.
"""

from ansible_collections.syncthing.rest.plugins.module_utils._errors import SyncthingValidationError

# Syncthing's health errors about the folder root (lib/config/folderconfiguration.go, CheckPath), 1.x and 2.x
ROOT_ERRORS = ("folder path missing", "folder path not a directory", "folder marker missing")


def not_configured(folder, folders):
    """The message for a folder ID that is not in ``folders`` (the configured IDs)."""
    return "folder {!r} is not configured (configured folders: {})".format(folder, ", ".join(sorted(folders)) or "none")


def root_error(status):
    """The error text when a folder summary (``GET /rest/db/status``) says the folder's root is unusable, else None.

    Other folder errors (an ignore file that does not parse, a full disk for the database) do not count:
    writing into the folder is how they get fixed.
    """
    status = status or {}
    error = (status.get("error") or "").strip()
    if status.get("state") == "error" and error.startswith(ROOT_ERRORS):
        return error
    return None


def require_usable(statuses, doing, consequence):
    """Raise SyncthingValidationError naming every folder of ``statuses`` ({id: db status}) whose root is unusable.

    ``doing`` says what the task would do ("writing the ignore patterns of"), ``consequence`` why that is refused.
    """
    broken = [(folder, root_error(status)) for folder, status in sorted(statuses.items())]
    broken = [(folder, error) for folder, error in broken if error]
    if not broken:
        return
    named = "; ".join("folder {!r} is in state error: {}".format(*item) for item in broken)
    raise SyncthingValidationError(
        "Refusing {} {}: {}. {} Nothing was changed; bring the folder's path back (or correct the path in the "
        "folder's config) and let Syncthing rescan it first.".format(
            doing, "these folders" if len(broken) > 1 else "this folder", named, consequence
        )
    )


def statuses_of(client, folders):
    """``GET /rest/db/status`` of each folder: {id: status}."""
    return {folder: client.get_folder_status(folder) for folder in folders}
