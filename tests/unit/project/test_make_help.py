# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""make help names every target of the Makefile (first contact: a target nobody can find does not exist)."""

import os
import re
import subprocess

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
MAKEFILE = os.path.join(ROOT, "Makefile")


def phony_targets():
    with open(MAKEFILE) as handle:
        text = handle.read().replace("\\\n", " ")
    return re.search(r"^\.PHONY:(.*)$", text, flags=re.M).group(1).split()


@pytest.mark.skipif(not os.path.exists(MAKEFILE), reason="a release tarball has no Makefile")
def test_make_help_names_every_target():
    out = subprocess.run(["make", "-s", "-C", ROOT, "help"], capture_output=True, text=True, check=True).stdout
    words = set(re.findall(r"[a-z0-9][a-z0-9-]*", out))
    missing = [target for target in phony_targets() if target not in words]
    assert not missing, f"make help does not name: {missing}"
