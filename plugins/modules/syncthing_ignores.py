#!/usr/bin/python
# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later


DOCUMENTATION = r"""
module: syncthing_ignores
short_description: Manage the ignore patterns (.stignore) of a Syncthing folder
version_added: 0.1.0
description:
  - Adds, removes or sets the lines of a folder's ignore file (C(.stignore)) through Syncthing's REST API,
    or the default ignore patterns Syncthing offers for new folders (Syncthing 1.19 or later).
  - Order matters in an ignore file, because the first pattern that matches a path wins and C(!) negates
    a pattern. With O(state=present), missing lines are appended in the order given and lines already in
    the file stay where they are; use O(exclusive=true) to set the whole file in order.
  - Comment lines (C(//)), blank lines and C(#include) lines in the file are kept, unless
    O(exclusive=true) or O(state=absent) with that exact line says otherwise.
  - The ignore file is read once and written only when its lines change. Every write rewrites
    C(.stignore) and makes Syncthing rescan the folder.
  - Syncthing accepts an invalid pattern such as V([bad), writes it to C(.stignore), and the folder
    then stops with an error (no pattern applies, no scan runs) until the file is fixed. This module
    refuses, before sending anything and in check mode too, every line Syncthing's ignore parser would
    refuse (an unclosed or empty character class, a reversed range, a prefix such as C(!) with no pattern,
    an C(#include) without a file, from Syncthing 2.0 a misplaced or malformed C(#escape=) line).
    What only Syncthing can tell (an included file that is missing) is checked in its answer; then the
    previous lines are put back and the task fails with Syncthing's message, saying when Syncthing's error
    list now holds an entry for it, so a bad pattern loses nothing.
  - A folder of type C(receiveencrypted) is refused, in check mode too, because Syncthing applies no ignore patterns
    to an encrypted replica; they belong on the trusted devices that share it.
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
      - The diff shows the ignore file's text before and after.
  idempotent:
    support: full
options:
  folder:
    description:
      - ID of the folder whose ignore file to manage.
      - Exactly one of O(folder) and O(defaults=true) is required.
    type: str
  defaults:
    description:
      - Manage the default ignore patterns that Syncthing offers for new folders instead of a folder's file.
      - Needs Syncthing 1.19 or later.
      - Syncthing does not check the patterns of this template; an invalid one only shows up in a folder
        that gets the template.
    type: bool
    default: false
  patterns:
    description:
      - Lines of the ignore file, in order, for example V(*.tmp), V(!keep.tmp), V(// comment) or
        V(#include .stglobalignore).
      - Leading and trailing white space is removed from each line, as Syncthing does when it reads the file.
        A line must not contain a line break.
      - With O(state=present) or O(state=absent), blank lines in O(patterns) are skipped; they only count with
        O(exclusive=true).
    type: list
    elements: str
    required: true
  state:
    description:
      - V(present) appends each line of O(patterns) that is not in the file yet, in the order given.
      - V(absent) removes every line of the file that equals a line of O(patterns).
    type: str
    choices: [present, absent]
    default: present
  exclusive:
    description:
      - Make the file exactly O(patterns), in that order; every other line, including comments, is removed.
      - O(exclusive=true) with O(patterns=[]) empties the ignore file (Syncthing then deletes C(.stignore)).
      - Only with O(state=present).
    type: bool
    default: false
notes:
  - An unknown O(folder) fails with a clear message on every Syncthing version. In check mode it does not fail, since
    the folder may be created by an earlier task of the same check-mode run, so the patterns are compared with
    an empty file and the module warns.
  - A folder whose root Syncthing reports unusable (state C(error) with C(folder path missing), C(folder path not
    a directory) or C(folder marker missing)) is refused when the patterns would change, also in check mode,
    and nothing is written; Syncthing would otherwise re-create a missing folder directory to hold C(.stignore).
  - If Syncthing already reports a problem with the current file (for example an C(#include) of a missing
    file), the module warns. A change is only kept when Syncthing accepts the resulting file.
seealso:
  - name: Ignoring files
    description: Syncthing's documentation of the ignore pattern syntax.
    link: https://docs.syncthing.net/users/ignoring.html
  - module: syncthing.rest.syncthing_config
"""

EXAMPLES = r"""
- name: Ignore temporary files in the photos folder (kept after lines already there)
  syncthing.rest.syncthing_ignores:
    folder: photos
    patterns:
      - "// managed by Ansible"
      - "(?d).DS_Store"
      - "*.tmp"

- name: Stop ignoring temporary files
  syncthing.rest.syncthing_ignores:
    folder: photos
    patterns:
      - "*.tmp"
    state: absent

- name: Set the whole ignore file; order matters, the first match wins
  syncthing.rest.syncthing_ignores:
    folder: projects
    exclusive: true
    patterns:
      - "// logs stay out, except the one that matters"
      - "!/src/important.log"
      - "*.log"

- name: Default ignore patterns offered for new folders (Syncthing 1.19+)
  syncthing.rest.syncthing_ignores:
    defaults: true
    exclusive: true
    patterns:
      - "(?d).DS_Store"
      - "(?d)Thumbs.db"

- name: Talk to a remote Syncthing
  syncthing.rest.syncthing_ignores:
    url: https://nas.example.com:8384
    api_key: "{{ vault_syncthing_api_key }}"
    ca_path: /etc/ssl/syncthing-nas.pem
    folder: backup
    patterns:
      - node_modules
"""

RETURN = r"""
ignore:
  description:
    - The lines of the ignore file after the task (in check mode, the lines it would have).
  returned: success
  type: list
  elements: str
  sample: ["// managed by Ansible", "*.tmp", "!keep.tmp"]
expanded:
  description:
    - The patterns Syncthing actually uses, as it expands them from the lines (with C(#include) files read).
    - After a write, Syncthing's own answer to the write; otherwise (also in check mode) the current expansion.
  returned: when O(folder) is given
  type: list
  elements: str
  sample: ["*.tmp", "**/*.tmp", "*.tmp/**", "**/*.tmp/**", "!keep.tmp", "!**/keep.tmp", "!keep.tmp/**", "!**/keep.tmp/**"]
diff:
  description: The ignore file's text before and after, one line per entry.
  returned: in diff mode
  type: dict
  contains:
    before:
      description: The file's text before the task.
      type: str
      sample: "*.tmp\n"
    after:
      description: The file's text after the task.
      type: str
      sample: "*.tmp\n!keep.tmp\n"
"""

from ansible_collections.syncthing.rest.plugins.module_utils import _ignores
from ansible_collections.syncthing.rest.plugins.module_utils._module import SyncthingModule
from ansible_collections.syncthing.rest.plugins.module_utils.client import SyncthingClient


def main():
    st = SyncthingModule(
        client_class=SyncthingClient,
        argument_spec={
            "folder": {"type": "str"},
            "defaults": {"type": "bool", "default": False},
            "patterns": {"type": "list", "elements": "str", "required": True},
            "state": {"type": "str", "choices": ["present", "absent"], "default": "present"},
            "exclusive": {"type": "bool", "default": False},
        },
        supports_check_mode=True,
    )
    st.run(_ignores.run)


if __name__ == "__main__":
    main()
