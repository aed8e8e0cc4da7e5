# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""JSON bodies for the writes Syncthing decodes onto a base object, so that what is stored is exactly what is sent.

Syncthing decodes each folder (device) it is sent onto a copy of a base object: the stored template
(``defaults.folder``, ``defaults.device``) for ``PUT``/``POST /rest/config/folders``, ``…/devices`` and
``PUT …/{id}``, the body's own template for ``PUT /rest/config`` (upstream ``lib/api/confighandler.go``,
``lib/config/config.go`` ``ReadJSON``). Go's JSON decoding merges a map into the base's map (the template's
``versioning.params`` keys stay in a folder sent with its own params) and decodes list items onto the base's
items at the same index. A ``null`` for the key first sets the base's map or list to nil; the value then sent
under the same key is decoded onto nothing (Go's decoder handles repeated keys in order, on every version).

Note that this module util is PRIVATE to the collection. It can have breaking changes at any time.
"""

import json
import os
import re

# Fields of a folder (device) decoded onto the base's value instead of replacing it: maps and lists of objects.
MERGED_ON_DECODE = {
    "folder": (("versioning", "params"), ("devices",), ("xattrFilter", "entries")),
    "device": (("ignoredFolders",),),
}
# a placeholder value, which JSON text shows as "\u0000syncthing.rest:<nonce>:<index>" (the nonce: per body)
_TOKEN = "\x00syncthing.rest:{}:"


class _Values(list):
    """The ``(key, value)`` pairs taken out of a body, and the placeholder text that stands for each value."""

    def __init__(self):
        super().__init__()
        self.token = _TOKEN.format(os.urandom(8).hex())


def objects_body(objects, kind):
    """JSON text for a list of folder (``kind="folder"``) or device objects, each stored exactly as given."""
    values = _Values()
    return _render([_marked(obj, MERGED_ON_DECODE[kind], values) for obj in objects], values)


def object_body(obj, kind):
    """JSON text for one folder or device object (``PUT …/{id}``, ``POST``), stored exactly as given."""
    values = _Values()
    return _render(_marked(obj, MERGED_ON_DECODE[kind], values), values)


def config_body(config):
    """JSON text for a whole config (``PUT /rest/config``): its folders and devices stored exactly as given."""
    values = _Values()
    marked = dict(config)
    for key, kind in (("folders", "folder"), ("devices", "device")):
        if isinstance(config.get(key), list):
            marked[key] = [_marked(obj, MERGED_ON_DECODE[kind], values) for obj in config[key]]
    return _render(marked, values)


def _marked(obj, paths, values):
    """A copy of ``obj`` (copied only along ``paths``) whose values at ``paths`` are placeholders into ``values``."""
    if not isinstance(obj, dict):
        return obj
    out = dict(obj)
    for path in paths:
        _mark(out, path, values)
    return out


def _mark(obj, path, values):
    value = obj.get(path[0])
    if len(path) > 1:
        if isinstance(value, dict):
            obj[path[0]] = dict(value)
            _mark(obj[path[0]], path[1:], values)
        return
    if isinstance(value, (dict, list)):
        obj[path[0]] = f"{values.token}{len(values)}"
        values.append((path[0], value))


def _render(marked, values):
    text = json.dumps(marked)
    if not values:
        return text
    # '"key": <placeholder>' becomes '"key": null, "key": <value>'
    placeholder = re.compile(re.escape(json.dumps(values.token)[:-1]) + r'(\d+)"')
    return placeholder.sub(lambda match: "null, {}: {}".format(*map(json.dumps, values[int(match[1])])), text)
