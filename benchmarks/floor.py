# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The floor module, written before the runs from the built collection's own argument spec.

The floor is a module of a collection of its own, ``bench.floor`` (``benchmarks/floor_collection``), called the way
``ours.yml`` calls syncthing_config: by its FQCN, with the connection options from a ``module_defaults`` action
group. So it pays what any collection module pays (routing, the group's defaults) and the comparison measures our
module's own work. Its module ``config_floor.py`` is a template: the floor takes syncthing_config's arguments but
must not import our collection (it measures what any module with the same arguments pays, not our module_utils). So
the keyword
arguments syncthing_config gives ``AnsibleModule`` are captured the way ansible-test's validate-modules does it (its
``main()`` called with ``AnsibleModule.__init__`` patched to record them and stop), rendered as a literal
(``env_fallback`` as ``env_fallback``) and written into a copy of the collection under the work folder, which ``run.py`` adds to
``ANSIBLE_COLLECTIONS_PATH``. The copy is read back and its literal compared with what was captured.
"""

import importlib
import inspect
import os
import runpy
import shutil
from unittest import mock

HERE = os.path.dirname(os.path.abspath(__file__))
COLLECTION = os.path.join(HERE, "floor_collection")
MODULE_PATH = os.path.join("plugins", "modules", "config_floor.py")
RUNTIME_PATH = os.path.join("meta", "runtime.yml")
PLACEHOLDER = "ANSIBLE_MODULE_KWARGS = None\n"
MODULE = "syncthing_config"


class _Captured(Exception):
    """Raised by the patched ``AnsibleModule.__init__``: the module has given its arguments, stop it there."""


def capture(module=MODULE):
    """The keyword arguments (positional ones named) that ``module``'s ``main()`` gives ``AnsibleModule``."""
    from ansible.module_utils.basic import AnsibleModule  # pylint: disable=import-outside-toplevel

    signature = inspect.signature(AnsibleModule.__init__)
    captured = {}

    def record(self, *args, **kwargs):
        captured.update(signature.bind(self, *args, **kwargs).arguments)
        raise _Captured()

    main = importlib.import_module("ansible_collections.syncthing.rest.plugins.modules." + module).main
    with mock.patch.object(AnsibleModule, "__init__", record):
        try:
            main()
        except _Captured:
            pass
    if not captured:
        raise RuntimeError(f"{module}: main() created no AnsibleModule")
    del captured["self"]
    return captured


def render(value, depth=0):
    """``value`` (dicts, lists, tuples, scalars, ``env_fallback``) as Python source; anything else is refused."""
    from ansible.module_utils.basic import env_fallback  # pylint: disable=import-outside-toplevel

    if value is env_fallback:
        return "env_fallback"
    if isinstance(value, dict):
        if not value:
            return "{}"
        inner = "    " * (depth + 1)
        items = "".join(f"{inner}{render(key)}: {render(item, depth + 1)},\n" for key, item in value.items())
        return "{\n" + items + "    " * depth + "}"
    if isinstance(value, (list, tuple)):
        items = ", ".join(render(item, depth) for item in value)
        return f"[{items}]" if isinstance(value, list) else f"({items}{',' if len(value) == 1 else ''})"
    if value is None or isinstance(value, (bool, int, float, str)):
        return repr(value)
    raise TypeError(f"cannot write {value!r} into the floor module")


def write(collections, module=MODULE):
    """Write the collection ``bench.floor`` under ``collections`` (a collections path), its module with ``module``'s
    arguments; check that the module holds exactly those. Return ``collections``."""
    kwargs = capture(module)
    template_path = os.path.join(COLLECTION, MODULE_PATH)
    with open(template_path) as handle:
        template = handle.read()
    if template.count(PLACEHOLDER) != 1:
        raise RuntimeError(f"{template_path}: expected the line {PLACEHOLDER.strip()!r} once")
    root = os.path.join(collections, "ansible_collections", "bench", "floor")
    for part in (MODULE_PATH, RUNTIME_PATH):
        os.makedirs(os.path.dirname(os.path.join(root, part)), exist_ok=True)
    shutil.copyfile(os.path.join(COLLECTION, RUNTIME_PATH), os.path.join(root, RUNTIME_PATH))
    path = os.path.join(root, MODULE_PATH)
    with open(path, "w") as handle:
        handle.write(template.replace(PLACEHOLDER, "ANSIBLE_MODULE_KWARGS = " + render(kwargs) + "\n"))
    written = runpy.run_path(path)["ANSIBLE_MODULE_KWARGS"]  # not as __main__: defines, does not run
    if written != kwargs:
        raise RuntimeError(f"{path}: the written arguments differ from {module}'s: {written!r} != {kwargs!r}")
    return collections
