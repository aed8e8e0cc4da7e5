# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Benchmark helper (not shipped): ``bench.floor.config_floor``, the floor for syncthing_config.

Takes the same arguments as syncthing_config (the same argument spec, so Ansible validates and echoes them
the same way), reads the config once with requests (the HTTP library the collection uses) and parses it,
and returns ``changed: false``. Nothing else: no validation, no plan, no result. What a task of
syncthing_config costs beyond this is the collection's own doing.
"""

import requests
from ansible.module_utils.basic import AnsibleModule, env_fallback  # noqa: F401 pylint: disable=unused-import

# The keyword arguments syncthing_config gives AnsibleModule (its argument spec with the connection options, and
# supports_check_mode), as a literal. This file is a template: benchmarks/floor.py writes the module Ansible runs,
# with this line replaced by what the built collection's syncthing_config really passes (captured by calling its
# main() with AnsibleModule patched, as ansible-test's validate-modules does). Not imported: the floor must not pay
# for our module_utils.
ANSIBLE_MODULE_KWARGS = None


def main():
    module = AnsibleModule(**ANSIBLE_MODULE_KWARGS)
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
