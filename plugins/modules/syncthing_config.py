#!/usr/bin/python
# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later


DOCUMENTATION = r"""
module: syncthing_config
short_description: Manage Syncthing folders, devices, options, GUI, LDAP and defaults idempotently
version_added: 0.1.0
description:
  - Brings a Syncthing instance's configuration to the state a task describes, through the REST API.
  - Speaks Syncthing's own config schema, with its camelCase field names as shown by C(GET /rest/config)
    and in the GUI's Advanced settings (for example C(rescanIntervalS), C(fsWatcherEnabled), C(maxSendKbps)).
  - Only the fields a task gives are compared and written; everything else, including folders, devices and
    settings made outside the task, is kept.
  - Reads the configuration once (C(GET /rest/config)) and writes nothing when nothing differs.
    Changed and new folders and devices are sent as complete objects, batched in one request per kind;
    O(options), O(gui) and O(ldap) are merged into the current object, so the API key is never lost.
  - Input is validated before anything is sent, device IDs by their check digits, field names against the
    server's own objects (Syncthing silently ignores unknown ones), and enumerated values (Syncthing
    silently replaces bad ones). A failed validation writes nothing.
  - The configuration is not read back after writing; the result is computed from the plan. So that it
    matches what Syncthing stores, values Syncthing would silently clamp or replace are refused, naming the
    field and the allowed range (for example C(rescanIntervalS) outside 0 to 31536000, C(fsWatcherDelayS) of 0
    or less, C(maxConcurrentWrites) outside 1 to 256, C(reconnectionIntervalS) below 5, KCP addresses, an
    untrusted device as introducer), and values Syncthing normalises harmlessly are compared as it stores
    them (device C(addresses) V([]) is V([dynamic]), C(markerName) V("") is V(.stfolder), listen addresses
    are trimmed and de-duplicated).
author:
  - syncthing.rest contributors (@syncthing-rest)
extends_documentation_fragment:
  - syncthing.rest.connection
  - syncthing.rest.attributes
  - syncthing.rest.attributes.actiongroup
attributes:
  check_mode:
    support: full
  diff_mode:
    support: full
    details:
      - The diff shows before and after of the changed fields only; secrets are masked.
  idempotent:
    support: full
options:
  folders:
    description:
      - Folders, each a partial folder object with Syncthing's field names, for example C(id), C(label),
        C(path), C(type), C(rescanIntervalS), C(versioning), C(devices).
      - C(id) is required. C(path) is required for a folder that does not exist yet.
      - A new folder starts from the server's folder template (C(defaults.folder)); an existing one keeps
        every field not given.
      - C(devices) lists the devices the folder is shared with; each entry is a device ID (any case, with or
        without dashes), the name of a configured device, or an object with C(deviceID) and
        C(encryptionPassword) (for untrusted devices). The list replaces the current one, compared by
        device ID in any order. The local device is always kept.
      - Nested objects such as C(versioning) or C(minDiskFree) are compared and merged by the keys given.
      - The one free-form map, C(versioning.params), belongs to its C(versioning.type) and is replaced as a whole
        when given, as Syncthing's GUI does, so a key is removed by leaving it out (V({}) removes them all).
        A change of C(versioning.type) without C(params) drops the previous type's params.
      - Add C(state=absent) to an item to remove that folder (only its C(id) is needed).
      - Removing a folder (C(state=absent) or O(purge_folders)) that a remaining device shares with
        C(autoAcceptFolders=true) gives a warning, since Syncthing adds the folder back as soon as that device
        announces its folders again.
    type: list
    elements: dict
  devices:
    description:
      - Remote devices, each a partial device object, for example C(deviceID), C(name), C(addresses),
        C(compression), C(introducer), C(autoAcceptFolders), C(untrusted).
      - C(deviceID) is required, in any case, with or without dashes; it is validated by its check digits.
      - Add C(state=absent) to an item to remove that device. The local device cannot be removed.
    type: list
    elements: dict
  remote_ignored_devices:
    description:
      - Remote devices this Syncthing ignores (C(remoteIgnoredDevices)), whose connection attempts are neither
        accepted nor offered as pending devices. Each item is a partial object with Syncthing's field names
        C(deviceID), C(name), C(address) and C(time) (RFC 3339, for example V(2026-01-31T12:00:00Z)).
      - Items are managed like O(devices), only the ones given; the others are kept (there is no purge).
        C(deviceID) is required, in any case, with or without dashes; it is validated by its check digits.
        A new item gets C(time) now unless given; only the fields given are compared.
      - Add C(state=absent) to an item to stop ignoring that device.
      - A device configured under O(devices) (after the task) cannot be ignored, since Syncthing silently drops
        it from this list; remove it there in the same task. Adding a device under O(devices) stops ignoring it.
      - Syncthing has no endpoint for this list, so a change writes the whole configuration once
        (C(PUT /rest/config)), sending back the C(version) it read.
    type: list
    elements: dict
  options:
    description:
      - Fields of the C(options) section, for example C(maxSendKbps), C(listenAddresses),
        C(globalAnnounceEnabled). Only these fields change.
    type: dict
  gui:
    description:
      - Fields of the C(gui) section, for example C(address), C(user), C(password), C(theme), C(useTLS).
      - C(gui.password) is given in plain text (or as a bcrypt hash). It is never sent again when the stored
        hash already matches it (see O(update_password)).
      - A bcrypt hash (C($2a$...)) is stored as given only by Syncthing 1.25 and later. Older versions hash the
        given value again, so the hash would become the password; there, a hash that would be written is refused
        (nothing is written) with a message asking for the plaintext password.
      - When C(address), C(useTLS) or C(apiKey) change, the module follows the server to its new address
        (same host, new port) and warns that later tasks must use the new O(url) or O(api_key).
    type: dict
  ldap:
    description:
      - Fields of the C(ldap) section, for example C(address), C(bindDN), C(transport), C(searchBaseDN).
    type: dict
  defaults:
    description:
      - The templates Syncthing uses for new folders and devices (Syncthing 1.14+), and the default ignore
        patterns (1.19+).
    type: dict
    suboptions:
      folder:
        description:
          - Fields of the folder template, as for O(folders) (without C(id)).
        type: dict
      device:
        description:
          - Fields of the device template, as for O(devices) (without C(deviceID)).
        type: dict
      ignores:
        description:
          - The default ignore patterns, one line per item, in order. V([]) removes them all.
          - Syncthing applies them only to folders it accepts automatically.
        type: list
        elements: str
  purge_folders:
    description:
      - Remove every folder not listed in O(folders).
    type: bool
    default: false
  purge_devices:
    description:
      - Remove every remote device not listed in O(devices). The local device is always kept.
    type: bool
    default: false
  update_password:
    description:
      - V(always) sets C(gui.password) when it differs from the stored one. The stored value is a bcrypt
        hash; the comparison needs the Python library C(bcrypt) on the target. Without it, the password is
        sent (and the task reports a change) on every run.
      - V(on_create) sets C(gui.password) only when no password is set yet; an existing password is never
        replaced, whether the given one is plain text or a hash.
    type: str
    choices: [always, on_create]
    default: always
  return_config:
    description:
      - What RV(config) holds. The result is what the controller, and AWX or Automation Platform for every host
        on every run, receives and stores, so by default it stays small whatever the size of the configuration.
      - V(changed) returns the complete objects, as stored, of the folders and devices this task adds or changes,
        and the sections and templates it changes. A task that changes nothing returns only C(version) (and
        empty C(folders) and C(devices) lists when it gives folders or devices).
      - V(managed) returns every folder, device, section and template the task gives, changed or not (for 1000
        given folders, over 1 MB on every run).
      - V(none) leaves RV(config) out. RV(folders), RV(devices) and RV(restart_required) are returned in every
        case, RV(diff) in diff mode.
    type: str
    choices: [changed, managed, none]
    default: changed
  restart:
    description:
      - V(never) reports in RV(restart_required) whether Syncthing needs a restart after this task's C(options)
        writes, and leaves the restart to you (M(syncthing.rest.syncthing_system)).
      - V(if_required) asks Syncthing after the writes (also when this task wrote nothing, as its flag stays set
        from an earlier change until Syncthing restarts) and, when it needs a restart, restarts it once and waits
        until the API answers from the new process (at most O(wait_timeout) seconds; a Syncthing 2.x still
        migrating its database counts as not answering yet). The task then reports RV(restarted) and C(changed).
        In check mode it reports whether it would restart, from Syncthing's flag and this task's changes.
      - Syncthing must run under its monitor or a service manager that starts it again (C(syncthing serve)
        without C(--no-restart), or systemd's C(syncthing@.service)), or it stays stopped.
      - Syncthing's monitor starts it at most four times within 60 seconds and gives up at the fifth (C(Too many
        restarts; not retrying further)); a task restarts at most once, but a play that restarts the same
        host more than three times within a minute (several tasks with V(if_required), M(syncthing.rest.syncthing_system)
        restarts) leaves Syncthing stopped. Put the changes that need a restart into one task.
    type: str
    choices: [never, if_required]
    version_added: 0.2.0
    default: never
  wait_timeout:
    description:
      - With O(restart=if_required), the seconds to wait for Syncthing to answer again after the restart; more than 0.
    type: int
    default: 120
notes:
  - Changes to C(options) fields that need a restart (C(auditEnabled) and C(auditFile) from 1.30 on, C(databaseTuning) before) are reported in
    RV(restart_required); O(restart=if_required) restarts Syncthing then.
  - A task sends one C(GET /rest/config), the writes needed (none when nothing differs), and after a write
    of C(options) one C(GET /rest/config/restart-required) (with O(restart=if_required), that one in every case,
    and the restart's C(GET /rest/system/status) before and the polls after).
  - Folder IDs containing C(/) cannot be removed through C(/rest/config/folders/{id}); for those the module
    writes the whole configuration once, sending back the C(version) it read.
  - Folders and devices listed in a folder's C(devices) must be configured, or be added by the same task.
  - The returned summary of O(remote_ignored_devices) is RV(remote_ignored_devices).
  - A write that carries folders or devices waits for its answer O(timeout) seconds plus 0.05 seconds per object it
    carries (Syncthing answers only once it has committed them; 1000 new folders take about 13 to 18 seconds on 2.1.3).
    A write is never sent twice. When its answer never comes, the config is read back; the task goes on when the
    write landed, and otherwise fails saying whether it was not applied or its outcome is unknown.
  - Refusals Syncthing would make when it commits the config (a folder type changed to or from C(receiveencrypted),
    a GUI address it cannot listen on, a GUI password longer than 72 bytes) are made before the first write. When
    Syncthing still refuses a later write of the task, the writes that landed before it are rolled back (the config
    read at the start is written back whole) and the task fails with C(changed=false).
  - Folders and devices are stored exactly as computed, whatever the templates hold; maps such as
    C(versioning.params) are never merged with the template's.
seealso:
  - module: syncthing.rest.syncthing_info
  - module: syncthing.rest.syncthing_ignores
  - name: Syncthing configuration reference
    description: The meaning of every folder, device, options and GUI field.
    link: https://docs.syncthing.net/users/config.html
"""

EXAMPLES = r"""
- name: Share a folder with two devices
  syncthing.rest.syncthing_config:
    devices:
      - deviceID: MFZWI3D-BONSGYC-YLTMRWG-C43ENR5-QXGZDMM-FZWI3DP-BONSGYY-LTMRWAD
        name: laptop
      - deviceID: p56ioi7mzjnu2iqdnhyv4bs5a6l2nbuc3yiom6z6ee3zabgnyx7q  # any case, dashes optional
        name: nas
        addresses: [tcp://nas.example.com:22000]
    folders:
      - id: photos
        label: Photos
        path: /srv/photos
        type: sendonly
        rescanIntervalS: 600
        devices: [laptop, nas]
        versioning:
          type: staggered
          params:
            maxAge: "31536000"

- name: Change one option, keep everything else
  syncthing.rest.syncthing_config:
    options:
      maxSendKbps: 1000
      relaysEnabled: false

- name: Set options and restart Syncthing once if they need it (auditEnabled does, from 1.30 on)
  syncthing.rest.syncthing_config:
    options:
      maxRecvKbps: 5000
    restart: if_required
    wait_timeout: 300

- name: Protect the GUI with a password (compared with the stored hash, not re-sent every run)
  syncthing.rest.syncthing_config:
    gui:
      user: admin
      password: "{{ vault_syncthing_password }}"

- name: Keep exactly these folders and devices, remove all others
  syncthing.rest.syncthing_config:
    folders:
      - id: photos
    devices:
      - deviceID: MFZWI3D-BONSGYC-YLTMRWG-C43ENR5-QXGZDMM-FZWI3DP-BONSGYY-LTMRWAD
    purge_folders: true
    purge_devices: true

- name: Ignore connection attempts from a device, and stop ignoring another
  syncthing.rest.syncthing_config:
    remote_ignored_devices:
      - deviceID: AEAQCAI-BAEAQCA-AIBAEAQ-CAIBAEC-AQCAIBA-EAQCAIA-BAEAQCA-IBAEAQC
        name: unknown laptop
      - deviceID: MFZWI3D-BONSGYC-YLTMRWG-C43ENR5-QXGZDMM-FZWI3DP-BONSGYY-LTMRWAD
        state: absent

- name: Switch a folder's versioning; the params of the previous type are dropped
  syncthing.rest.syncthing_config:
    folders:
      - id: photos
        versioning:
          type: trashcan
          params:
            cleanoutDays: "7"

- name: Remove a folder and set the templates for new ones
  syncthing.rest.syncthing_config:
    folders:
      - id: old-stuff
        state: absent
    defaults:
      folder:
        fsWatcherDelayS: 5
      ignores:
        - "(?d).DS_Store"
"""

RETURN = r"""
folders:
  description: IDs of the folders added, updated and removed (or that would be, in check mode).
  returned: always
  type: dict
  sample: {"added": ["photos"], "updated": [], "removed": ["old-stuff"]}
devices:
  description: IDs of the devices added, updated and removed (or that would be, in check mode).
  returned: always
  type: dict
  sample: {"added": ["MFZWI3D-BONSGYC-YLTMRWG-C43ENR5-QXGZDMM-FZWI3DP-BONSGYY-LTMRWAD"], "updated": [], "removed": []}
remote_ignored_devices:
  description: IDs of the remotely ignored devices added, updated and removed (or that would be, in check mode).
  returned: always
  type: dict
  sample: {"added": ["MFZWI3D-BONSGYC-YLTMRWG-C43ENR5-QXGZDMM-FZWI3DP-BONSGYY-LTMRWAD"], "updated": [], "removed": []}
restart_required:
  description:
    - Whether Syncthing reports that a restart is needed after this task's writes (C(requiresRestart)).
    - Only fields of the C(options) section can need a restart (for example C(databaseTuning) up to 1.30,
      C(auditEnabled)); Syncthing is asked (C(GET /rest/config/restart-required), the in-sync flag before
      1.15) only when this task wrote C(options). Otherwise, and when nothing was written, V(false)
      without a request.
    - Syncthing keeps the flag until it restarts, also when the change is undone.
    - With O(restart=if_required), Syncthing is asked in every case; after the task restarted it, V(false).
  returned: always
  type: bool
  sample: false
restarted:
  description:
    - Whether this task restarted Syncthing (in check mode, whether it would), with O(restart=if_required) only.
  returned: always
  type: bool
  sample: false
start_time:
  description: C(startTime) of the Syncthing process that answered after the restart.
  returned: when the task restarted Syncthing
  type: str
  sample: "2026-12-06T17:42:35.123456789Z"
start_time_before:
  description: C(startTime) of the Syncthing process before the restart.
  returned: when the task restarted Syncthing
  type: str
  sample: "2026-12-06T17:40:01.987654321Z"
config:
  description:
    - Objects of the resulting configuration as Syncthing stores them, with secrets (C(apiKey), C(password),
      C(encryptionPassword)) masked, chosen by O(return_config). Computed from the configuration read and the
      changes written (also in check mode), not read back.
    - C(version), the config schema version.
    - C(folders) and C(devices) when the task gives them (or removes or purges them), each a list of complete
      objects in Syncthing's order. With O(return_config=changed), the folders or devices added or changed by
      this task (an empty list when none); with O(return_config=managed), every given folder or device that
      exists afterwards. Other folders and devices, also the local device when it is not given, are left out.
    - C(remoteIgnoredDevices) when the task gives O(remote_ignored_devices), with the items added or changed
      (O(return_config=changed)) or every given item that exists afterwards (O(return_config=managed)).
    - C(options), C(gui) and C(ldap), complete; with O(return_config=changed) when this task changes them, with
      O(return_config=managed) when the task gives them.
    - C(defaults) with the template parts (C(folder), C(device), C(ignores)), complete; changed or given, as above.
    - For the whole configuration use M(syncthing.rest.syncthing_info) with O(syncthing.rest.syncthing_info#module:gather=config).
  returned: unless O(return_config=none)
  type: dict
  sample: {"version": 37, "folders": [{"id": "photos", "label": "Photos", "rescanIntervalS": 600}], "devices": [],
           "gui": {"apiKey": "********", "password": "********", "user": "admin"}}
diff:
  description: The changed fields only, before and after, with secrets masked.
  returned: "in diff mode (C(--diff) or C(diff: true) on the task)"
  type: dict
  sample: {"before": {"options": {"maxSendKbps": 0}}, "after": {"options": {"maxSendKbps": 1000}}}
"""

from ansible_collections.syncthing.rest.plugins.module_utils import _config_converge
from ansible_collections.syncthing.rest.plugins.module_utils._module import SyncthingModule


def main():
    st = SyncthingModule(
        client_class=_config_converge.ConfigClient,
        argument_spec={
            "folders": {"type": "list", "elements": "dict"},
            "devices": {"type": "list", "elements": "dict"},
            "remote_ignored_devices": {"type": "list", "elements": "dict"},
            "options": {"type": "dict"},
            "gui": {"type": "dict"},
            "ldap": {"type": "dict"},
            "defaults": {
                "type": "dict",
                "options": {
                    "folder": {"type": "dict"},
                    "device": {"type": "dict"},
                    "ignores": {"type": "list", "elements": "str"},
                },
            },
            "purge_folders": {"type": "bool", "default": False},
            "purge_devices": {"type": "bool", "default": False},
            "update_password": {
                "type": "str",
                "choices": ["always", "on_create"],
                "default": "always",
                "no_log": False,
            },
            "return_config": {"type": "str", "choices": ["changed", "managed", "none"], "default": "changed"},
            "restart": {"type": "str", "choices": ["never", "if_required"], "default": "never"},
            "wait_timeout": {"type": "int", "default": 120},
        },
        supports_check_mode=True,
    )
    st.run(_config_converge.run)


if __name__ == "__main__":
    main()
