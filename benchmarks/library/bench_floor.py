# -*- coding: utf-8 -*-
# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Benchmark helper (not shipped): the floor for syncthing_config.

Takes the same arguments as syncthing_config (the same argument spec, so Ansible validates and echoes them
the same way), reads the config once with requests (the HTTP library the collection uses) and parses it,
and returns ``changed: false``. Nothing else: no validation, no plan, no result. What a task of
syncthing_config costs beyond this is the collection's own doing.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import requests

from ansible.module_utils.basic import AnsibleModule, env_fallback

ARGUMENT_SPEC = dict(
    url=dict(type="str", fallback=(env_fallback, ["SYNCTHING_URL"])),
    api_key=dict(type="str", no_log=True, fallback=(env_fallback, ["SYNCTHING_API_KEY", "STGUIAPIKEY"])),
    home=dict(type="path"),
    validate_certs=dict(type="bool", default=True),
    ca_path=dict(type="path"),
    timeout=dict(type="float", default=30),
    folders=dict(type="list", elements="dict"),
    devices=dict(type="list", elements="dict"),
    options=dict(type="dict"),
    gui=dict(type="dict"),
    ldap=dict(type="dict"),
    defaults=dict(type="dict", options=dict(
        folder=dict(type="dict"),
        device=dict(type="dict"),
        ignores=dict(type="list", elements="str"),
    )),
    purge_folders=dict(type="bool", default=False),
    purge_devices=dict(type="bool", default=False),
    update_password=dict(type="str", choices=["always", "on_create"], default="always", no_log=False),
    return_config=dict(type="str", choices=["changed", "managed", "none"], default="changed"),
)


def main():
    module = AnsibleModule(argument_spec=ARGUMENT_SPEC, supports_check_mode=True)
    verify = module.params["ca_path"] or module.params["validate_certs"]
    response = requests.get(module.params["url"].rstrip("/") + "/rest/config", verify=verify,
                            headers={"X-API-Key": module.params["api_key"]}, timeout=module.params["timeout"])
    response.raise_for_status()
    response.json()
    module.exit_json(changed=False)


if __name__ == "__main__":
    main()
