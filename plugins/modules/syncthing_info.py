#!/usr/bin/python
# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later


DOCUMENTATION = r"""
module: syncthing_info
short_description: Gather information from a Syncthing instance
version_added: 0.1.0
description:
  - Reads a Syncthing instance through its REST API and returns what O(gather) asks for, each item under
    its own top-level key.
  - Never changes anything. Secrets (C(gui.apiKey), C(gui.password), folder device C(encryptionPassword),
    C(ldap.bindPassword)) are masked in everything it returns.
author:
  - syncthing.rest contributors (@syncthing-rest)
extends_documentation_fragment:
  - syncthing.rest.connection
  - syncthing.rest.attributes
  - syncthing.rest.attributes.info_module
  - syncthing.rest.attributes.actiongroup
options:
  gather:
    description:
      - What to read. V(all) reads everything.
      - The default is the cheap items V(version), V(status), V(connections), V(errors), V(devices)
        and V(restart_required), whose size does not grow with the number of folders.
      - V(config) returns the whole configuration (about 1.2 kB per folder, over 1 MB for 1000 folders);
        ask for it when a later task reads it.
      - V(folders) asks the database for every folder's status, which costs CPU on large folders.
      - V(upgrade) makes Syncthing ask its release server for newer versions (builds that cannot upgrade
        themselves, such as distribution packages, answer at once and report C(upgrade.supported=false)).
      - Items the server is too old for (V(pending) needs 1.13, V(paths) needs 1.21) come back as V(null)
        and are explained in RV(unsupported).
    type: list
    elements: str
    choices: [all, version, status, config, connections, errors, discovery, folders, devices, stats, pending,
              restart_required, paths, upgrade, system_log]
  completion:
    description:
      - With V(folders) in O(gather), also read each folder's completion for every remote device it is shared
        with (one request per folder and device).
    type: bool
    default: false
"""

EXAMPLES = r"""
---
- name: Read version, status, config and the other cheap items
  syncthing.rest.syncthing_info:
    url: http://127.0.0.1:8384
    api_key: "{{ syncthing_api_key }}"
  register: st

- name: Show the version
  ansible.builtin.debug:
    msg: "{{ st.version.version }} on {{ st.version.os }}"

- name: Folder status and completion per device, on the Syncthing host (config.xml is found)
  syncthing.rest.syncthing_info:
    gather: [folders]
    completion: true
  register: st_folders

- name: Everything
  syncthing.rest.syncthing_info:
    gather: all
"""

RETURN = r"""
gathered:
  description: The items that were gathered, in a fixed order.
  returned: always
  type: list
  elements: str
  sample: [version, status, config]
unsupported:
  description: Items the server cannot answer (too old, or an upgrade check on a build that cannot upgrade), with the reason.
  returned: always
  type: dict
  sample: {paths: "needs Syncthing 1.21.0 or later; the server runs 1.19.2"}
version:
  description: C(GET /rest/system/version).
  returned: when gathered
  type: dict
  sample: {version: v1.29.5, os: linux, arch: amd64, longVersion: "syncthing v1.29.5 ..."}
status:
  description: C(GET /rest/system/status) (C(myID), C(startTime), C(uptime), ...).
  returned: when gathered
  type: dict
config:
  description: The whole configuration (C(GET /rest/config)), secrets masked.
  returned: when gathered
  type: dict
connections:
  description: C(GET /rest/system/connections) (C(connections) by device ID and C(total)).
  returned: when gathered
  type: dict
errors:
  description: The errors shown in the GUI (C(GET /rest/system/error)); an empty list when there are none.
  returned: when gathered
  type: list
  elements: dict
discovery:
  description: C(GET /rest/system/discovery), addresses by device ID.
  returned: when gathered
  type: dict
folders:
  description: Configured folders by ID.
  returned: when gathered
  type: dict
  contains:
    label:
      description: Folder label.
      type: str
    path:
      description: Folder path.
      type: str
    type:
      description: Folder type.
      type: str
    paused:
      description: Whether the folder is paused.
      type: bool
    devices:
      description: IDs of the devices the folder is shared with (including the local device).
      type: list
      elements: str
    status:
      description: The folder's database status (C(GET /rest/db/status)); V(null) for a paused folder.
      type: dict
    completion:
      description:
        - Completion by remote device ID (C(GET /rest/db/completion)); only with O(completion=true).
      type: dict
  sample: {default: {label: Default, path: /srv/default, type: sendreceive, paused: false, devices: [],
           status: {state: idle, sequence: 12, needTotalItems: 0}}}
devices:
  description: Configured devices by ID, with C(local), C(connected), C(connection) and C(statistics) added.
  returned: when gathered
  type: dict
stats:
  description: C(devices) (C(GET /rest/stats/device)) and C(folders) (C(GET /rest/stats/folder)).
  returned: when gathered
  type: dict
pending:
  description: Pending C(devices) and C(folders) (C(GET /rest/cluster/pending/*)).
  returned: when gathered
  type: dict
restart_required:
  description: Whether a configuration change waits for a restart.
  returned: when gathered
  type: bool
paths:
  description: C(GET /rest/system/paths) (Syncthing 1.21+).
  returned: when gathered
  type: dict
upgrade:
  description:
    - C(GET /rest/system/upgrade) (C(running), C(latest), C(newer), C(majorNewer)) plus C(supported).
    - On builds that cannot upgrade themselves only C(supported=false), C(newer=false) and the server's C(message).
  returned: when gathered
  type: dict
  sample: {supported: false, newer: false, message: upgrade unsupported}
system_log:
  description: Recent log messages (C(GET /rest/system/log)).
  returned: when gathered
  type: list
  elements: dict
"""

from ansible_collections.syncthing.rest.plugins.module_utils import _info
from ansible_collections.syncthing.rest.plugins.module_utils._module import SyncthingModule
from ansible_collections.syncthing.rest.plugins.module_utils.client import SyncthingClient


def main():
    argument_spec = {
        "gather": {"type": "list", "elements": "str", "choices": ["all", *list(_info.ITEMS)]},
        "completion": {"type": "bool", "default": False},
    }
    SyncthingModule(argument_spec, client_class=SyncthingClient, supports_check_mode=True).run(_info.run)


if __name__ == "__main__":
    main()
