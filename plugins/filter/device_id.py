# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The filter syncthing.rest.device_id: a certificate (PEM text) -> its Syncthing device ID, offline.

Documented in device_id.yml beside this file.
"""

from ansible_collections.syncthing.rest.plugins.module_utils.device_id import (
    InvalidDeviceID,
    device_id_from_certificate,
)


def device_id(pem):
    """The canonical device ID (``XXXXXXX-…``, 63 characters) of the certificate in ``pem``."""
    try:
        return device_id_from_certificate(pem)
    except InvalidDeviceID as exc:
        # imported here: ansible.errors sets up controller-side warnings in the importing process
        from ansible.errors import AnsibleFilterError

        raise AnsibleFilterError(f"syncthing.rest.device_id: {exc}") from None


class FilterModule:
    """Syncthing identities before a node's first start."""

    def filters(self):
        return {"device_id": device_id}
