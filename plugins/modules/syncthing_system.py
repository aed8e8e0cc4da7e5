#!/usr/bin/python
# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later


DOCUMENTATION = r"""
module: syncthing_system
short_description: Run system commands on a Syncthing instance
version_added: 0.1.0
description:
  - Restarts or shuts down Syncthing, resets its database, upgrades it, clears or logs GUI errors, pauses
    or resumes devices, and overrides or reverts folders, through the REST API.
  - C(changed) tells what really happened, see O(command).
author:
  - syncthing.rest contributors (@syncthing-rest)
extends_documentation_fragment:
  - syncthing.rest.connection
  - syncthing.rest.attributes
  - syncthing.rest.attributes.actiongroup
attributes:
  check_mode:
    support: full
    details:
      - Nothing is sent that changes Syncthing; C(changed) is the prediction.
  diff_mode:
    support: none
  idempotent:
    support: partial
    details:
      - O(command=pause), O(command=resume), O(command=clear_errors) and O(command=upgrade) report a change only when
        there was something to do, so a second run changes nothing.
      - O(command=restart), O(command=shutdown), O(command=reset_database) and O(command=log_error) act, and report a
        change, every time they run.
options:
  command:
    description:
      - V(restart) restarts Syncthing (always a change).
      - V(shutdown) stops Syncthing (always a change). Only a service manager brings it back.
      - V(reset_database) resets the database index of all folders, or of O(folder), and restarts Syncthing.
        A running folder whose root Syncthing reports unusable (state C(error) with C(folder path missing),
        C(folder path not a directory) or C(folder marker missing)) is refused, also in check mode, and nothing is
        reset, because after a reset Syncthing creates the folder's directory and marker again at the next start.
        The files on disk are kept; they are scanned again. Syncthing only resets paused folders, so folders
        that run are paused first and resumed once Syncthing answers again after the restart (the module then
        waits for the restart, whatever O(wait) says).
      - V(upgrade) upgrades to the newest release and restarts, when the release server offers a newer one.
        No newer release is no change. A build that cannot upgrade itself (distribution packages,
        E(STNOUPGRADE)) is reported in RV(upgrade) and C(msg), unchanged, not as a failure.
      - V(clear_errors) clears the errors shown in the GUI; a change only when there were errors.
      - V(log_error) adds O(error_message) to the errors shown in the GUI (always a change).
      - V(pause) and V(resume) pause or resume O(device), or all devices; a change only for devices that were
        in the other state. The node's own device is never counted (Syncthing pauses its peers, not itself), so on
        a node without peers this is no change.
      - V(override) (the GUI's "Override Changes") makes the other devices take the state of the send-only folder
        O(folder), replacing what they changed by this device's version. A change only when the folder's status
        says it needs items (C(needTotalItems) above 0), as when the GUI shows the button.
      - V(revert) (the GUI's "Revert Local Changes", or "Delete Unexpected Items") drops the local changes of the
        receive-only folder O(folder) (files added here are deleted, changed ones are pulled again), or the
        unexpected items of a receive-encrypted one. A change only when the folder's status counts locally changed
        items (C(receiveOnlyTotalItems) above 0).
      - O(command=override) and O(command=revert) refuse a folder of another type (Syncthing would accept the
        request and do nothing), a paused folder, and one whose root Syncthing reports unusable, before sending
        anything. In check mode they report RV(counts), the items they would act on.
    type: str
    required: true
    choices: [restart, shutdown, reset_database, upgrade, clear_errors, log_error, pause, resume, override, revert]
  folder:
    description:
      - With O(command=reset_database), reset only this folder ID. It must be configured.
      - With O(command=override) or O(command=revert) (required), the folder ID to act on.
    type: str
  device:
    description:
      - With O(command=pause) or O(command=resume), only this device, by ID (any case, with or without dashes)
        or by the name of a configured device. It must be configured and must not be this node itself.
        Default is all devices.
    type: str
  error_message:
    description:
      - The error text for O(command=log_error).
    type: str
  wait:
    description:
      - After O(command=restart), O(command=reset_database) or an O(command=upgrade) that restarts, wait until
        the API answers again from the new process (its C(startTime) differs).
      - After O(command=override) or O(command=revert) that sent the command, wait until the folder is idle with
        nothing left to override or revert (RV(remaining)).
      - While Syncthing 2.x migrates a 1.x database (its first start after an upgrade from 1.x), the API is not
        ready; a wait treats that as not ready yet, at the task's start too, until O(wait_timeout).
    type: bool
    default: true
  wait_timeout:
    description:
      - Seconds to wait with O(wait); more than 0.
    type: int
    default: 120
"""

EXAMPLES = r"""
---
- name: Restart and wait until Syncthing answers again
  syncthing.rest.syncthing_system:
    command: restart

- name: Pause one device (idempotent)
  syncthing.rest.syncthing_system:
    command: pause
    device: mfzwi3d-bonsgyc-yltmrwg-c43enr5-qxgzdmm-fzwi3dp-bonsgyy-ltmrwad

- name: Resume all devices
  syncthing.rest.syncthing_system:
    command: resume

- name: Show a note in the GUI's error list
  syncthing.rest.syncthing_system:
    command: log_error
    error_message: "Maintenance window: the NAS will be offline tonight"

- name: Clear the errors shown in the GUI
  syncthing.rest.syncthing_system:
    command: clear_errors

- name: Rebuild the index of one folder
  syncthing.rest.syncthing_system:
    command: reset_database
    folder: photos

- name: Make the other devices take this send-only folder's state (only when it has changes to override)
  syncthing.rest.syncthing_system:
    command: override
    folder: website

- name: Drop what was changed locally in a receive-only folder, and wait until it is done
  syncthing.rest.syncthing_system:
    command: revert
    folder: backup-copy
    wait_timeout: 600

- name: Upgrade when a newer release exists
  syncthing.rest.syncthing_system:
    command: upgrade
    wait_timeout: 300
"""

RETURN = r"""
command:
  description: The command that ran.
  returned: always
  type: str
  sample: restart
response:
  description: The server's answer to the command that restarts Syncthing.
  returned: when Syncthing was restarted, not in check mode
  type: dict
  sample: {ok: restarting}
start_time_before:
  description: C(startTime) of the process before the restart.
  returned: when Syncthing was restarted with O(wait=true)
  type: str
start_time:
  description: C(startTime) of the new process.
  returned: when Syncthing was restarted with O(wait=true)
  type: str
  sample: "2026-08-01T10:00:03.123456789Z"
folder:
  description: The folder whose index was reset (V(null) for all), or that was overridden or reverted.
  returned: O(command=reset_database), O(command=override) or O(command=revert)
  type: str
folder_type:
  description: The type of O(folder).
  returned: O(command=override) or O(command=revert)
  type: str
  sample: receiveonly
counts:
  description:
    - The folder's counts before the command, from C(GET /rest/db/status) (in check mode, what it would act on).
    - For V(override) C(needFiles), C(needDirectories), C(needSymlinks), C(needDeletes), C(needBytes) and
      C(needTotalItems); for V(revert) the C(receiveOnlyChanged*) counts, C(receiveOnlyChangedBytes) and
      C(receiveOnlyTotalItems).
  returned: O(command=override) or O(command=revert)
  type: dict
  sample: {"receiveOnlyChangedFiles": 2, "receiveOnlyChangedDirectories": 0, "receiveOnlyChangedSymlinks": 0,
           "receiveOnlyChangedDeletes": 1, "receiveOnlyChangedBytes": 2048, "receiveOnlyTotalItems": 3}
remaining:
  description: The same counts after the wait (all 0).
  returned: O(command=override) or O(command=revert) when the command was sent with O(wait=true)
  type: dict
paused_for_reset:
  description: The folders that were paused for the reset and resumed afterwards (in check mode, would be).
  returned: O(command=reset_database)
  type: list
  elements: str
upgrade:
  description:
    - The upgrade check (C(running), C(latest), C(newer), C(majorNewer)) plus C(supported).
    - On builds that cannot upgrade themselves C(supported=false), C(newer=false) and the server's C(message).
  returned: O(command=upgrade)
  type: dict
errors:
  description: The errors that were there before O(command=clear_errors) (the ones cleared).
  returned: O(command=clear_errors)
  type: list
  elements: dict
devices:
  description: The device IDs whose paused state changed (or would change in check mode).
  returned: O(command=pause) or O(command=resume)
  type: list
  elements: str
device:
  description: O(device) in canonical form, V(null) for all devices.
  returned: O(command=pause) or O(command=resume)
  type: str
"""

from ansible_collections.syncthing.rest.plugins.module_utils import _system
from ansible_collections.syncthing.rest.plugins.module_utils._module import SyncthingModule
from ansible_collections.syncthing.rest.plugins.module_utils.client import SyncthingClient


def main():
    argument_spec = {
        "command": {"type": "str", "required": True, "choices": list(_system.COMMANDS)},
        "folder": {"type": "str"},
        "device": {"type": "str"},
        "error_message": {"type": "str"},
        "wait": {"type": "bool", "default": True},
        "wait_timeout": {"type": "int", "default": 120},
    }
    st = SyncthingModule(
        argument_spec,
        client_class=SyncthingClient,
        supports_check_mode=True,
        required_if=[
            ("command", "log_error", ["error_message"]),
            ("command", "override", ["folder"]),
            ("command", "revert", ["folder"]),
        ],
    )
    st.run(_system.run)


if __name__ == "__main__":
    main()
