#!/usr/bin/python
# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later


DOCUMENTATION = r"""
module: syncthing_pending
short_description: Accept, ignore or dismiss pending Syncthing devices and folders by rules
version_added: 0.2.0
description:
  - Syncthing keeps a list of devices that tried to connect but are not configured (pending devices), and of
    folders configured devices offer that are not shared with them here (pending folders). This module decides
    on each entry by ordered rules, the way an operator would in the GUI, and does it.
  - Each rule has C(match), C(action) and, for V(accept), C(settings). The first rule whose C(match) fits an
    entry decides; entries no rule matches are handled as O(unmatched) says.
  - Accepting and ignoring change the configuration (as M(syncthing.rest.syncthing_config) would, with its
    checks of field names and values); dismissing drops the pending entry, which comes back when the device
    connects or offers the folder again.
  - When nothing is pending the module reads the two lists and nothing else.
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
      - Nothing is written; the result says what would be accepted, ignored and dismissed, including the path of
        each folder to accept.
  diff_mode:
    support: full
    details:
      - Before, what is pending; after, what stays pending; plus the configuration changes (C(config)).
  idempotent:
    support: full
    details:
      - An entry accepted, ignored or dismissed is no longer pending, so a second run changes nothing; a dismissed
        device or folder offer comes back only when the remote device asks again.
options:
  devices:
    description:
      - Rules for pending devices, applied in order; the first one that matches a device decides.
    type: list
    elements: dict
    suboptions:
      match:
        description:
          - Every key given must match; a key given a list matches when any of its values does. Without C(match),
            the rule matches every device.
        type: dict
        suboptions:
          device_id:
            description: Device IDs, in any spelling (case, dashes); check digits are validated.
            type: list
            elements: str
          name:
            description: Shell-style patterns (C(*), C(?), C([...])) on the name the device announces.
            type: list
            elements: str
          address:
            description: Networks in CIDR form (C(192.0.2.0/24), C(2001:db8::/32)) the device connected from.
            type: list
            elements: str
      action:
        description:
          - V(accept) adds the device, named as it announces itself unless C(settings) give a C(name).
          - V(ignore) adds it to C(remoteIgnoredDevices), so Syncthing stops asking.
          - V(dismiss) drops the pending entry.
        type: str
        required: true
        choices: [accept, ignore, dismiss]
      settings:
        description:
          - With V(accept), Syncthing device fields for the new device, in Syncthing's names (C(name),
            C(addresses), C(autoAcceptFolders), C(introducer), ...); the rest comes from the device template.
        type: dict
  folders:
    description:
      - Rules for pending folder offers, applied in order to each offer (a folder ID offered by one device); the
        first one that matches decides.
    type: list
    elements: dict
    suboptions:
      match:
        description: As for O(devices[].match).
        type: dict
        suboptions:
          id:
            description: Shell-style patterns on the folder ID.
            type: list
            elements: str
          label:
            description: Shell-style patterns on the folder label the device offers.
            type: list
            elements: str
          offered_by:
            description: The offering device, by device ID or by the name of a configured device.
            type: list
            elements: str
      action:
        description:
          - V(accept) adds the folder, shared with every device whose offer an V(accept) rule matched (or adds
            those devices to the folder when it exists already). A C(receiveEncrypted) offer becomes a
            C(receiveencrypted) folder.
          - Without C(path) in C(settings), the folder goes where Syncthing's own auto-accept would put it,
            in the folder template's path (C(defaults.folder.path)) joined with the label, or with the ID when
            the label is empty or that place is taken (an existing directory on the Syncthing host or another
            folder's path), both made safe as Syncthing does. A template without a path (from 1.29.6) fails,
            asking for a C(path).
          - V(ignore) adds the offer to the offering device's C(ignoredFolders).
          - V(dismiss) drops the pending offer.
        type: str
        required: true
        choices: [accept, ignore, dismiss]
      settings:
        description:
          - With V(accept), Syncthing folder fields for the new folder (C(path), C(label), C(type),
            C(rescanIntervalS), ...); the rest comes from the folder template. C(devices) cannot be given.
        type: dict
  unmatched:
    description:
      - What to do with pending devices and offers no rule matches.
      - V(keep) leaves them pending, V(dismiss) drops them, V(ignore) ignores them as the V(ignore) action does.
    type: str
    choices: [keep, dismiss, ignore]
    default: keep
notes:
  - Pending devices and folders are listed by Syncthing 1.13 and later, and dismissed through the API from 1.18.
  - A task sends C(GET /rest/cluster/pending/devices) and C(GET /rest/cluster/pending/folders); when something is
    pending also one C(GET /rest/config), and for a folder accepted without C(path) one C(GET /rest/system/status)
    and a C(GET /rest/system/browse) per candidate path.
seealso:
  - module: syncthing.rest.syncthing_config
  - module: syncthing.rest.syncthing_info
"""

EXAMPLES = r"""
---
- name: Accept the office's devices, ignore known strangers, leave the rest pending
  syncthing.rest.syncthing_pending:
    devices:
      - match:
          name: ["office-*"]
          address: [192.0.2.0/24]
        action: accept
        settings:
          addresses: [dynamic]
          autoAcceptFolders: false
      - match:
          device_id: [MFZWI3D-BONSGYC-YLTMRWG-C43ENR5-QXGZDMM-FZWI3DP-BONSGYY-LTMRWAD]
        action: ignore

- name: Accept the photo folders the NAS offers (where Syncthing's auto-accept would put them), dismiss all else pending
  syncthing.rest.syncthing_pending:
    folders:
      - match:
          id: ["photos-*"]
          offered_by: [nas]
        action: accept
        settings:
          rescanIntervalS: 7200
    unmatched: dismiss

- name: Accept one folder at a path of our own
  syncthing.rest.syncthing_pending:
    folders:
      - match:
          id: [backup]
        action: accept
        settings:
          path: /srv/backup
          type: receiveonly
"""

RETURN = r"""
devices:
  description:
    - The pending devices by outcome (in check mode, the outcome the task would have), each as C(deviceID),
      C(name) and C(address) as Syncthing reported them.
  returned: always
  type: dict
  contains:
    accepted:
      description: Devices added.
      type: list
      elements: dict
    ignored:
      description: Devices added to C(remoteIgnoredDevices).
      type: list
      elements: dict
    dismissed:
      description: Pending entries dropped.
      type: list
      elements: dict
    kept:
      description: Devices left pending.
      type: list
      elements: dict
  sample: {"accepted": [{"deviceID": "MFZWI3D-BONSGYC-YLTMRWG-C43ENR5-QXGZDMM-FZWI3DP-BONSGYY-LTMRWAD",
           "name": "office-1", "address": "192.0.2.7:22000"}], "ignored": [], "dismissed": [], "kept": []}
folders:
  description:
    - The pending folder offers by outcome, each as C(id), C(label) and C(offeredBy) (the offering device); an
      accepted one also with the C(path) of the folder.
  returned: always
  type: dict
  contains:
    accepted:
      description: Offers accepted.
      type: list
      elements: dict
    ignored:
      description: Offers added to the offering device's C(ignoredFolders).
      type: list
      elements: dict
    dismissed:
      description: Offers dropped.
      type: list
      elements: dict
    kept:
      description: Offers left pending.
      type: list
      elements: dict
  sample: {"accepted": [{"id": "photos-2026", "label": "Photos 2026", "offeredBy":
           "MFZWI3D-BONSGYC-YLTMRWG-C43ENR5-QXGZDMM-FZWI3DP-BONSGYY-LTMRWAD", "path": "~/Photos 2026"}],
           "ignored": [], "dismissed": [], "kept": []}
diff:
  description: What was pending before and stays pending after, and the configuration changes under C(config).
  returned: "in diff mode (C(--diff) or C(diff: true) on the task)"
  type: dict
  sample: {"before": {"pending_devices": ["MFZWI3D-BONSGYC-YLTMRWG-C43ENR5-QXGZDMM-FZWI3DP-BONSGYY-LTMRWAD"],
           "pending_folders": []}, "after": {"pending_devices": [], "pending_folders": []}}
"""

from ansible_collections.syncthing.rest.plugins.module_utils import _config_converge, _pending
from ansible_collections.syncthing.rest.plugins.module_utils._module import SyncthingModule

RULE = {
    "action": {"type": "str", "required": True, "choices": ["accept", "ignore", "dismiss"]},
    "settings": {"type": "dict"},
}
LIST = {"type": "list", "elements": "str"}


def main():
    argument_spec = {
        "devices": {
            "type": "list",
            "elements": "dict",
            "options": dict(
                RULE, match={"type": "dict", "options": {"device_id": LIST, "name": LIST, "address": LIST}}
            ),
        },
        "folders": {
            "type": "list",
            "elements": "dict",
            "options": dict(RULE, match={"type": "dict", "options": {"id": LIST, "label": LIST, "offered_by": LIST}}),
        },
        "unmatched": {"type": "str", "choices": ["keep", "dismiss", "ignore"], "default": "keep"},
    }
    SyncthingModule(argument_spec, client_class=_config_converge.ConfigClient, supports_check_mode=True).run(
        _pending.run
    )


if __name__ == "__main__":
    main()
