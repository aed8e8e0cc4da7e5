# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""syncthing_config's ``restart: if_required``: restart Syncthing once when it says the saved config needs it.

Note that this module util is PRIVATE to the collection. It can have breaking changes at any time.
"""

from ansible_collections.syncthing.rest.plugins.module_utils._wait import after_migration, wait_restarted

# options fields Syncthing applies only at a restart (tagged restart:"true" in lib/config/optionsconfiguration.go:
# databaseTuning up to 1.30, auditEnabled and auditFile from 1.30); the only config changes that set requiresRestart
RESTART_FIELDS = ("auditEnabled", "auditFile", "databaseTuning")


def changes_restart_field(config, plan):
    """True when the plan changes an options field that Syncthing applies only at a restart."""
    old, new = config.get("options") or {}, (plan.result or {}).get("options") or {}
    return any(field in new and new[field] != old.get(field) for field in RESTART_FIELDS)


def restart_if_required(client, result, config, plan, version, check_mode, timeout):
    """Ask whether Syncthing needs a restart (its flag is sticky: an earlier task's change counts too) and, when it
    does, restart it once and wait up to ``timeout`` seconds until the API answers from the new process (a 2.x
    database migration counts as not answering yet). In check mode the answer and this task's planned changes
    predict it. Updates ``result``: ``restarted``, ``restart_required`` (false after the restart), ``changed``.
    Raises the client's SyncthingErrors, and SyncthingError when the wait times out.
    """
    required = client.requires_restart(version) or (check_mode and plan.changed and changes_restart_field(config, plan))
    result["restart_required"] = required
    if not required:
        return result
    result.update(changed=True, restarted=True)
    if check_mode:
        return result
    before = after_migration(client.get_status, timeout)
    client.restart()
    status = wait_restarted(client, before, timeout)
    result.update(restart_required=False, start_time_before=before.get("startTime"), start_time=status.get("startTime"))
    return result
