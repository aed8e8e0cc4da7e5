# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""What the upgrade check answers, builds that cannot upgrade themselves included: read by syncthing_info
(``gather=upgrade``) and syncthing_system (``command=upgrade``).

Note that this module util is PRIVATE to the collection. It can have breaking changes at any time.
"""

from ansible_collections.syncthing.rest.plugins.module_utils import _versions as versions
from ansible_collections.syncthing.rest.plugins.module_utils._errors import SyncthingHTTPError


def upgrade_status(client):
    """GET /rest/system/upgrade plus ``supported``: ``{running, latest, newer, majorNewer, supported: true}``, or
    ``{supported: false, newer: false, message}`` on builds that cannot upgrade themselves; other errors raise."""
    try:
        answer = client.get_upgrade()
    except SyncthingHTTPError as exc:
        if versions.is_upgrade_unsupported(exc.status):
            return {"supported": False, "newer": False, "message": (exc.text or "").strip()}
        raise
    answer = dict(answer or {})
    answer["supported"] = True
    return answer
