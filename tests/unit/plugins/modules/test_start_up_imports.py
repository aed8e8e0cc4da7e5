# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""What each module imports at start-up: AnsiballZ ships, and the target compiles, all of it on every task.

Each module is imported in a fresh interpreter and the modules it loaded are listed (docs/performance.md, "A cheap
start").
"""

import json
import subprocess
import sys

import pytest

PACKAGE = "ansible_collections.syncthing.rest.plugins"
MODULES = ["syncthing_config", "syncthing_info", "syncthing_ignores", "syncthing_folder_scan", "syncthing_system"]
# libraries only some tasks need: imported where they are used
LAZY = ["bcrypt", "xml.etree.ElementTree", "difflib", "requests_unixsocket", PACKAGE + ".module_utils._unix_socket"]


def loaded(module):
    """The names in sys.modules after importing ``module`` in a fresh interpreter."""
    code = f"import json, sys; import {PACKAGE}.modules.{module}; print(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return set(json.loads(out))


@pytest.mark.parametrize("module", MODULES)
def test_libraries_only_some_tasks_need_are_not_imported_at_start(module):
    assert not set(LAZY) & loaded(module)


def test_syncthing_config_leaves_out_the_endpoints_it_never_calls():
    names = loaded("syncthing_config")
    utils = PACKAGE + ".module_utils."
    assert utils + "_endpoints_config" in names
    assert not {utils + "_endpoints_db", utils + "client"} & names


@pytest.mark.parametrize("module", [m for m in MODULES if m != "syncthing_config"])
def test_the_other_modules_build_the_whole_client(module):
    assert PACKAGE + ".module_utils.client" in loaded(module)
