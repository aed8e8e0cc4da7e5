# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""syncthing_pending's rules (no HTTP): checking them, the first one that matches, and the folder path Syncthing's
own auto-accept would choose.

Note that this module util is PRIVATE to the collection. It can have breaking changes at any time.
"""

import fnmatch
import ipaddress
import posixpath

from ansible_collections.syncthing.rest.plugins.module_utils._device_names import resolve_device
from ansible_collections.syncthing.rest.plugins.module_utils.device_id import InvalidDeviceID, normalize_device_id

# Syncthing's fs.SanitizePath (lib/fs/util.go): these characters and the non-printable ones become a space
_DISALLOWED = "'/\\[]{};:!@$%&^#" + '<>:"|?*' + "".join(chr(code) for code in range(32))
_RESERVED = {"CON", "PRN", "AUX", "NUL"} | {f"{kind}{n}" for kind in ("COM", "LPT") for n in range(10)}


def _values(match, key):
    """The values of a match key: None when the key is not given (it then matches everything)."""
    values = (match or {}).get(key)
    return None if values is None else list(values)


def _check_settings(label, rule, id_field, errors):
    settings = rule.get("settings") or {}
    if settings and rule["action"] != "accept":
        errors.append(f"{label}: settings are only used with action accept, not {rule['action']}")
    if id_field in settings:
        errors.append(f"{label}: settings cannot set {id_field}; it is the pending entry's own")
    return settings


def device_rules(rules, errors):
    """The ``devices`` rules, checked: device IDs canonical, networks parsed. Problems go to ``errors``."""
    compiled = []
    for index, rule in enumerate(rules or []):
        label = f"devices[{index}]"
        match = rule.get("match") or {}
        ids = _values(match, "device_id")
        if ids is not None:
            checked = []
            for value in ids:
                try:
                    checked.append(normalize_device_id(value))
                except InvalidDeviceID as exc:
                    errors.append(f"{label}.match.device_id: {exc}")
            ids = checked
        networks = _values(match, "address")
        if networks is not None:
            parsed = []
            for value in networks:
                try:
                    parsed.append(ipaddress.ip_network(value, strict=False))
                except ValueError:
                    errors.append(f"{label}.match.address: {value!r} is not a network in CIDR form (like 192.0.2.0/24)")
            networks = parsed
        settings = _check_settings(label, rule, "deviceID", errors)
        compiled.append(
            {
                "label": label,
                "device_id": ids,
                "name": _values(match, "name"),
                "address": networks,
                "action": rule["action"],
                "settings": settings,
            }
        )
    return compiled


def folder_rules(rules, errors):
    """The ``folders`` rules, checked; ``offered_by`` is resolved later, against the configured devices."""
    compiled = []
    for index, rule in enumerate(rules or []):
        label = f"folders[{index}]"
        match = rule.get("match") or {}
        settings = _check_settings(label, rule, "id", errors)
        if "devices" in settings:
            errors.append(
                f"{label}: settings cannot set devices; an accepted folder is shared with the devices offering it"
            )
        compiled.append(
            {
                "label": label,
                "id": _values(match, "id"),
                "label_patterns": _values(match, "label"),
                "offered_by": _values(match, "offered_by"),
                "action": rule["action"],
                "settings": settings,
            }
        )
    return compiled


def resolve_offered_by(rules, names, errors):
    """Turn each rule's ``offered_by`` (device IDs or names of configured devices) into a set of device IDs."""
    for rule in rules:
        if rule["offered_by"] is None:
            continue
        ids = set()
        for value in rule["offered_by"]:
            try:
                ids.add(resolve_device(value, names))
            except InvalidDeviceID as exc:
                errors.append(f"{rule['label']}.match.offered_by: {exc}")
        rule["offered_by"] = ids


def _any_pattern(patterns, text):
    return patterns is None or any(fnmatch.fnmatchcase(text or "", pattern) for pattern in patterns)


def address_ip(address):
    """The IP address of a pending device's address (``192.0.2.1:22000``, ``[2001:db8::1]:22000``, ``tcp://…``),
    or None."""
    host = (address or "").split("://", 1)[-1]
    if host.startswith("["):
        host = host[1:].partition("]")[0]
    elif host.count(":") == 1:
        host = host.partition(":")[0]
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        return None


def first_device_rule(rules, device_id, pending):
    """The first rule matching the pending device ``device_id`` (``pending``: its ``{name, address, time}``)."""
    for rule in rules:
        if rule["device_id"] is not None and device_id not in rule["device_id"]:
            continue
        if not _any_pattern(rule["name"], pending.get("name")):
            continue
        if rule["address"] is not None:
            ip = address_ip(pending.get("address"))
            if ip is None or not any(ip in network for network in rule["address"]):
                continue
        return rule
    return None


def first_folder_rule(rules, folder_id, label, device_id):
    """The first rule matching the offer of folder ``folder_id`` (labelled ``label``) by ``device_id``."""
    for rule in rules:
        if not _any_pattern(rule["id"], folder_id) or not _any_pattern(rule["label_patterns"], label):
            continue
        if rule["offered_by"] is not None and device_id not in rule["offered_by"]:
            continue
        return rule
    return None


def sanitize_path(name):
    """Syncthing's fs.SanitizePath: a folder label or ID made safe as one path element ("" when nothing is left)."""
    out, previous = [], " "
    for char in name or "":
        # Go's unicode.IsPrint and Python's isprintable agree: only the ASCII space counts among the spaces
        if char in _DISALLOWED or not char.isprintable() or char == "\ufffd":
            char = " "
        if not (char == " " and previous == " "):
            out.append(char)
        previous = char
    path = "".join(out).strip()
    if path.partition(".")[0].upper() in _RESERVED:
        path = "-" + path
    return path


def expand_tilde(path, tilde):
    """``path`` with a leading ``~`` replaced by ``tilde`` (the home Syncthing reports), normalised."""
    if path == "~" or path.startswith("~/"):
        path = tilde + path[1:]
    return posixpath.normpath(path)


def auto_accept_path(template, tilde, folder_id, label, taken, exists):
    """The path Syncthing's auto-accept would give a new folder (lib/model/model.go, handleAutoAccepts): the folder
    template's path joined with the sanitized label, else the sanitized ID, the first whose place is free.

    ``template`` is ``defaults.folder.path`` (kept as written, ``~`` included, as Syncthing stores it); ``tilde``
    the home it stands for; ``taken`` the expanded paths of configured folders and of folders accepted before in
    this task; ``exists(expanded path)`` whether something is there on the Syncthing host. Returns
    ``(path, None)``, or ``(None, reason)`` when no alternative is free or the template has no path.
    """
    if not template:
        return None, (
            "no path was given and the folder template's path (defaults.folder.path) is empty, so Syncthing's "
            "auto-accept would have nowhere to put it: give settings.path, or set defaults.folder.path"
        )
    base = expand_tilde(template, tilde)
    alternatives = [name for name in (sanitize_path(label), sanitize_path(folder_id)) if name]
    if not alternatives:
        return None, "neither its label nor its ID leaves a usable folder name; give settings.path"
    for name in alternatives:
        full = posixpath.normpath(posixpath.join(base, name))
        if full in taken or exists(full):
            continue
        return posixpath.join(template, name), None
    return None, "every path Syncthing's auto-accept would try ({}) is taken; give settings.path".format(
        ", ".join(posixpath.join(template, name) for name in alternatives)
    )
