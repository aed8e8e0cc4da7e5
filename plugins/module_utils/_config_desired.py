# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""What a syncthing_config task wants, validated: typed records built by ``_config_validate.normalize``.

Note that this module util is PRIVATE to the collection. It can have breaking changes at any time.
"""

from typing import Any, Dict, List, NamedTuple, Optional, Tuple

# A config object (folder, device, section) or its given fields, as JSON-shaped data.
Fields = Dict[str, Any]
# A Syncthing version as a tuple of ints ((1, 29, 5)); None where it is unknown: the newest rules apply.
Version = Optional[Tuple[int, ...]]


class Wanted(NamedTuple):
    """The task's objects of one kind (folders, devices or remote ignored devices).

    ``present``: ``{id: given fields}`` (validated, the key field included); ``absent``: the IDs to remove;
    ``purge``: remove every stored object not in ``present`` as well (folders and devices only).
    """

    present: Dict[str, Fields]
    absent: List[str]
    purge: bool = False

    @property
    def managed(self) -> bool:
        """True when the task says anything about this kind (the result then lists it)."""
        return bool(self.present or self.absent or self.purge)


class Desired(NamedTuple):
    """The validated desired state of one task.

    ``options``/``gui``/``ldap``: the given fields of that section, or None when not given; ``defaults``:
    ``{"folder": fields, "device": fields, "ignores": [lines]}`` with only the given parts;
    ``update_password``: ``always`` or ``on_create``.
    """

    folders: Wanted
    devices: Wanted
    remote_ignored: Wanted
    defaults: Fields
    options: Optional[Fields] = None
    gui: Optional[Fields] = None
    ldap: Optional[Fields] = None
    update_password: str = "always"

    def section(self, name: str) -> Optional[Fields]:
        """The given fields of the section ``name`` (``options``, ``gui`` or ``ldap``), or None."""
        return self.options if name == "options" else self.gui if name == "gui" else self.ldap

    def objects(self, kind: str) -> Wanted:
        """The Wanted of ``kind``: ``folders``, ``devices`` or ``remote_ignored``."""
        return self.folders if kind == "folders" else self.devices if kind == "devices" else self.remote_ignored
