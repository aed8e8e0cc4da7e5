# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""syncthing_system's override and revert: changed only when the folder's status shows something to act on.

Syncthing's GUI offers "Override Changes" for a send-only folder that needs items (``needTotalItems``), and
"Revert Local Changes" / "Delete Unexpected Items" for a receive-only / receive-encrypted folder with locally
changed items (``receiveOnlyTotalItems``); the same counts decide here. ``POST /rest/db/override`` and
``/rest/db/revert`` answer at once and do nothing for a folder of another type, so the type is checked first.

Note that this module util is PRIVATE to the collection. It can have breaking changes at any time.
"""

from typing import Any, Dict

from ansible_collections.syncthing.rest.plugins.module_utils import _folder_health
from ansible_collections.syncthing.rest.plugins.module_utils._errors import SyncthingValidationError
from ansible_collections.syncthing.rest.plugins.module_utils._wait import after_migration, poll

# per command: the folder types it works on, what it does, and the db/status counts that say what is left to do
KINDS: Dict[str, Dict[str, Any]] = {
    "override": {
        "types": ("sendonly",),
        "does": "makes the other devices take this send-only folder's state",
        "total": "needTotalItems",
        "counts": ("needFiles", "needDirectories", "needSymlinks", "needDeletes", "needBytes", "needTotalItems"),
    },
    "revert": {
        "types": ("receiveonly", "receiveencrypted"),
        "does": "drops the local changes of a receive-only folder (or the unexpected items of a receive-encrypted one)",
        "total": "receiveOnlyTotalItems",
        "counts": (
            "receiveOnlyChangedFiles",
            "receiveOnlyChangedDirectories",
            "receiveOnlyChangedSymlinks",
            "receiveOnlyChangedDeletes",
            "receiveOnlyChangedBytes",
            "receiveOnlyTotalItems",
        ),
    },
}


def counts_of(command, status):
    """The counts of ``status`` (GET /rest/db/status) that ``command`` acts on: {name: int}."""
    return {name: int(status.get(name) or 0) for name in KINDS[command]["counts"]}


def folder_to_act_on(command, folder_id, config):
    """The configured folder ``folder_id``; SyncthingValidationError when it is missing, paused or of a type
    ``command`` does not work on (Syncthing would accept the request and do nothing)."""
    kind = KINDS[command]
    folders = {item["id"]: item for item in config.get("folders") or []}
    if folder_id not in folders:
        raise SyncthingValidationError(_folder_health.not_configured(folder_id, folders))
    folder = folders[folder_id]
    folder_type = folder.get("type") or "sendreceive"
    if folder_type not in kind["types"]:
        raise SyncthingValidationError(
            f"command {command} {kind['does']}, but folder {folder_id!r} is {folder_type}: Syncthing would accept the "
            f"request and do nothing; {command} works on {' and '.join(kind['types'])} folders only"
        )
    if folder.get("paused"):
        raise SyncthingValidationError(f"folder {folder_id!r} is paused; Syncthing cannot {command} a paused folder")
    return folder


def run_command(client, command, params, check_mode, **poll_kwargs):
    """Override or revert ``params['folder']`` when its status shows items to act on; with ``params['wait']``,
    wait (``wait_timeout`` seconds) until the folder is idle with none left.

    Returns ``{changed, folder, folder_type, counts, remaining?}``: ``counts`` before (what check mode would act
    on), ``remaining`` after the wait. Raises SyncthingValidationError (nothing sent), SyncthingError.
    """
    folder_id = params["folder"]
    read = client.get_config
    # a task that waits also waits out a 2.x database migration at its start
    config = after_migration(read, params["wait_timeout"], **poll_kwargs) if params.get("wait") else read()
    folder = folder_to_act_on(command, folder_id, config)
    status = client.get_folder_status(folder_id)
    _folder_health.require_usable(
        {folder_id: status},
        f"to {command}",
        "Syncthing cannot act on a folder whose path is missing or unusable.",
    )
    counts = counts_of(command, status)
    total = KINDS[command]["total"]
    result = {
        "changed": counts[total] > 0,
        "folder": folder_id,
        "folder_type": folder.get("type"),
        "counts": counts,
    }
    if not result["changed"] or check_mode:
        return result
    (client.override if command == "override" else client.revert)(folder_id)
    if params.get("wait"):
        left: Dict[str, Any] = {}

        def done():
            now = client.get_folder_status(folder_id)
            left.update(counts_of(command, now), state=now.get("state"))
            return now.get("state") == "idle" and not left[total]

        poll(
            done,
            params["wait_timeout"],
            lambda: "folder {!r} to finish the {} ({} {} left, state {})".format(
                folder_id, command, left.get(total, "?"), total, left.get("state", "unknown")
            ),
            **poll_kwargs,
        )
        result["remaining"] = counts_of(command, left)
    return result
