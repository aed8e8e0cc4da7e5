# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Benchmark helper (not shipped): the floor for syncthing_config.

Takes the same arguments as syncthing_config (the same argument spec, so Ansible validates and echoes them
the same way), reads the config once with requests (the HTTP library the collection uses) and parses it,
and returns ``changed: false``. Nothing else: no validation, no plan, no result. What a task of
syncthing_config costs beyond this is the collection's own doing.
"""

import requests
from ansible.module_utils.basic import AnsibleModule, env_fallback

# syncthing_config's argument spec, copied on purpose: importing it would put our module_utils into the floor.
# Keep the two in step (same options, types and defaults).
ARGUMENT_SPEC = {
    "url": {"type": "str", "fallback": (env_fallback, ["SYNCTHING_URL"])},
    "api_key": {"type": "str", "no_log": True, "fallback": (env_fallback, ["SYNCTHING_API_KEY", "STGUIAPIKEY"])},
    "home": {"type": "path"},
    "validate_certs": {"type": "bool", "default": True},
    "ca_path": {"type": "path"},
    "timeout": {"type": "float", "default": 30},
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
    "update_password": {"type": "str", "choices": ["always", "on_create"], "default": "always", "no_log": False},
    "return_config": {"type": "str", "choices": ["changed", "managed", "none"], "default": "changed"},
}


def main():
    module = AnsibleModule(argument_spec=ARGUMENT_SPEC, supports_check_mode=True)
    verify = module.params["ca_path"] or module.params["validate_certs"]
    response = requests.get(
        module.params["url"].rstrip("/") + "/rest/config",
        verify=verify,
        headers={"X-API-Key": module.params["api_key"]},
        timeout=module.params["timeout"],
    )
    response.raise_for_status()
    response.json()
    module.exit_json(changed=False)


if __name__ == "__main__":
    main()
