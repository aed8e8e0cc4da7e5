#!/usr/bin/env python
# Copyright (c) 2026, syncthing.rest contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Install an ensurepip-based stand-in for ansible-test's get-pip bootstrap script.

ansible-test downloads get-pip.py from a host that air-gapped machines cannot reach; it uses
~/.ansible/test/cache/get_pip_<version>.py instead when that file exists.
"""

import os
import re
import sys

STAND_IN = '''"""Stand-in for get-pip.py: ensurepip, then pip install the requested packages."""
import subprocess
import sys

subprocess.check_call([sys.executable, "-m", "ensurepip", "--upgrade"])
args = [arg for arg in sys.argv[1:] if arg not in ("--no-setuptools", "--no-wheel")]
if any(not arg.startswith("-") for arg in args):
    subprocess.check_call([sys.executable, "-m", "pip", "install"] + args)
'''


def pip_version():
    import ansible_test

    source = os.path.join(os.path.dirname(ansible_test.__file__), "_internal", "python_requirements.py")
    with open(source) as handle:
        return re.search(r"pip='([\d.]+)'", handle.read()).group(1)


def main():
    cache = os.path.expanduser("~/.ansible/test/cache")
    os.makedirs(cache, exist_ok=True)
    path = os.path.join(cache, "get_pip_{}.py".format(pip_version().replace(".", "_")))
    if not os.path.exists(path):
        with open(path, "w") as handle:
            handle.write(STAND_IN)
        print(f"installed offline pip bootstrap: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
