#!/usr/bin/python
# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later


DOCUMENTATION = r"""
module: syncthing_folder_scan
short_description: Scan Syncthing folders and wait until they are in sync
version_added: 0.1.0
description:
  - Asks Syncthing to scan a folder (or every folder that is not paused) for changes on disk, through the REST API.
  - A folder whose root Syncthing reports unusable (state C(error) with C(folder path missing), C(folder path not
    a directory) or C(folder marker missing)) is refused with that error before anything is scanned.
  - C(changed) is true only when a scan changed the local index, that is when the folder's C(sequence) moved.
  - Optionally waits until the folder needs nothing locally and chosen peers report 100% completion.
author:
  - syncthing.rest contributors (@syncthing-rest)
extends_documentation_fragment:
  - syncthing.rest.connection
  - syncthing.rest.attributes
  - syncthing.rest.attributes.actiongroup
attributes:
  check_mode:
    support: partial
    details:
      - The folders are validated but not scanned; whether a scan would change the index cannot be known
        beforehand, so C(changed) is always false in check mode.
      - A folder that is not configured, is paused or is not shared with O(devices), or that is to be waited for by
        a name in O(devices) that no configured device has (and that is not a mistyped device ID), is skipped in
        check mode, with a warning and a C(skipped) reason in RV(folders), instead of failing, because in a
        check-mode run the task that would create that state wrote nothing. Outside check mode these fail.
  diff_mode:
    support: none
  idempotent:
    support: full
    details:
      - C(changed) is true only when the scan changed the local index, so a second run reports no change unless files
        changed on disk in between.
options:
  folder:
    description:
      - ID of the folder to scan. It must be configured and not paused.
      - Default is every configured folder that is not paused.
    type: str
  subdirs:
    description:
      - Scan only these paths, relative to the folder root. Needs O(folder).
    type: list
    elements: str
  delay:
    description:
      - Seconds until the next automatic scan of the folder (Syncthing's C(next) parameter); 0 or more.
    type: int
  wait:
    description:
      - Wait until the scan has finished (Syncthing's scan call answers when the scan is done), so
        C(changed) is known.
      - With V(false), the module returns after at most a second; a scan still running then reports
        C(folders.<id>.finished=false) and counts as changed.
    type: bool
    default: true
  wait_in_sync:
    description:
      - After the scan, also wait until the folder is idle and needs nothing locally and, for each of O(devices),
        until that peer reports 100% completion. Implies O(wait=true).
    type: bool
    default: false
  devices:
    description:
      - The devices whose completion O(wait_in_sync) waits for, each given by its device ID (any case, with or
        without dashes; check digits are validated offline) or by the C(name) of a configured device, as in
        the folder C(devices) of M(syncthing.rest.syncthing_config).
      - A value that is a valid device ID is taken as an ID, even when a device is named like it; otherwise it must
        be the name of exactly one configured device. A name that several devices have fails, naming them; a value
        that is neither a valid device ID nor a configured device's name fails, saying why it is not a valid ID
        (in check mode a name skips the folder instead, see the C(check_mode) attribute; a mistyped device ID,
        52 or 56 characters that fail the check digits, fails in every mode). Both fail before any scan is
        started.
      - The folder must be shared with them.
      - The result's RV(devices) lists the canonical device IDs they stand for.
    type: list
    elements: str
  wait_timeout:
    description:
      - Seconds to wait for the scan and, with O(wait_in_sync), for each folder to be in sync; more than 0.
      - With O(wait) or O(wait_in_sync), a Syncthing 2.x still migrating a 1.x database (its first start after an
        upgrade from 1.x) is waited for too, within this time.
    type: int
    default: 300
"""

EXAMPLES = r"""
---
- name: Scan one folder
  syncthing.rest.syncthing_folder_scan:
    folder: photos

- name: Scan a subfolder and postpone the next automatic scan by an hour
  syncthing.rest.syncthing_folder_scan:
    folder: photos
    subdirs: [2026/summer]
    delay: 3600

- name: Scan and wait until the peer has everything
  syncthing.rest.syncthing_folder_scan:
    folder: photos
    wait_in_sync: true
    devices: [MFZWI3D-BONSGYC-YLTMRWG-C43ENR5-QXGZDMM-FZWI3DP-BONSGYY-LTMRWAD]
    wait_timeout: 600

- name: Wait for two peers given by their configured names
  syncthing.rest.syncthing_folder_scan:
    folder: photos
    wait_in_sync: true
    devices: [nas, laptop]

- name: Scan every folder
  syncthing.rest.syncthing_folder_scan:
"""

RETURN = r"""
folders:
  description: Per scanned folder ID, what happened.
  returned: always
  type: dict
  contains:
    scanned:
      description: Whether a scan was started (false in check mode).
      type: bool
    finished:
      description: Whether the scan had finished when the module returned.
      type: bool
    changed:
      description: Whether the scan changed the local index (or, unfinished, might have).
      type: bool
    sequence_before:
      description: The folder's local C(sequence) before the scan.
      type: int
    sequence_after:
      description: The folder's local C(sequence) after the scan, when it finished.
      type: int
    in_sync:
      description: True once the folder was in sync, with O(wait_in_sync=true).
      type: bool
    skipped:
      description: In check mode, why the folder was not scanned or waited for (not configured, paused, not shared).
      type: str
  sample: {photos: {scanned: true, finished: true, changed: true, sequence_before: 12, sequence_after: 14}}
devices:
  description:
    - The canonical device IDs that O(devices) stands for (names resolved, duplicates dropped), in the given order.
  returned: when O(devices) is given
  type: list
  elements: str
  sample: [MFZWI3D-BONSGYC-YLTMRWG-C43ENR5-QXGZDMM-FZWI3DP-BONSGYY-LTMRWAD]
"""

from ansible_collections.syncthing.rest.plugins.module_utils import _scan
from ansible_collections.syncthing.rest.plugins.module_utils._module import SyncthingModule
from ansible_collections.syncthing.rest.plugins.module_utils.client import SyncthingClient


def main():
    argument_spec = {
        "folder": {"type": "str"},
        "subdirs": {"type": "list", "elements": "str"},
        "delay": {"type": "int"},
        "wait": {"type": "bool", "default": True},
        "wait_in_sync": {"type": "bool", "default": False},
        "devices": {"type": "list", "elements": "str"},
        "wait_timeout": {"type": "int", "default": 300},
    }
    st = SyncthingModule(
        argument_spec, client_class=SyncthingClient, supports_check_mode=True, required_by={"subdirs": "folder"}
    )
    st.run(_scan.run)


if __name__ == "__main__":
    main()
