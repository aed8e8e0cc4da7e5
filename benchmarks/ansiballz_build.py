#!/usr/bin/env python
# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Build one module's AnsiballZ payload as the controller does for a task, in this fresh process.

The controller builds it once per module and ``ansible-playbook`` process (``modify_module``: it parses every
module_util the module imports, walks the trees for further imports and zips them). ``ansible.builtin.ping`` is
built first, untimed, so that what Ansible imports on its first build is not counted; a garbage collection then
settles the heap, as in a play's worker, where no full collection is pending from Ansible's own start (without it,
a full collection of this process's heap can fall into the timed build and add some 90 ms). Prints the CPU
milliseconds of the build and the payload's size as JSON. A real worker holds the whole controller heap, and the
build can tip it into a full collection that this fresh process does not show: start_up.py's last column measures
that in a real play. Usage: ``ansiballz_build.py FQCN COLLECTIONS_PATH
[...]`` (run by start_up.py, which takes the medians).
"""

import gc
import json
import sys
import time


def build(fqcn, collections):
    """Return (CPU seconds, payload bytes) of building ``fqcn``'s AnsiballZ payload."""
    # pylint: disable=import-outside-toplevel
    from ansible import constants
    from ansible.executor import module_common
    from ansible.parsing.dataloader import DataLoader
    from ansible.plugins.loader import init_plugin_loader, module_loader
    from ansible.template import Templar

    init_plugin_loader(collections)
    templar = Templar(loader=DataLoader())

    def one(name):
        context = module_loader.find_plugin_with_context(name)
        start = time.process_time()
        built = module_common.modify_module(
            module_name=context.resolved_fqcn,
            module_path=context.plugin_resolved_path,
            module_args={},
            templar=templar,
            task_vars={"ansible_python_interpreter": sys.executable},
            module_compression=constants.DEFAULT_MODULE_COMPRESSION,
        )
        data = built[0] if isinstance(built, tuple) else built.b_module_data  # ansible-core 2.18 / 2.19+
        return time.process_time() - start, len(data)

    one("ansible.builtin.ping")
    gc.collect()  # a settled heap, as in a play's worker: no full collection left pending from start-up
    return one(fqcn)


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) < 2:
        sys.exit(__doc__.rsplit("Usage: ", 1)[1])
    seconds, size = build(argv[0], argv[1:])
    print(json.dumps({"cpu_ms": seconds * 1000.0, "bytes": size}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
