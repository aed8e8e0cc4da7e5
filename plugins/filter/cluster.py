# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Filters of the role syncthing.rest.cluster: who pairs with whom and what each host shares.

Pure functions of the inventory and the role's variables (no I/O); documented in cluster_plan.yml and
cluster_keep_shares.yml beside this file.
"""

import copy
from typing import Any, Dict

from ansible.module_utils.common.text.converters import to_text

# Keys of a cluster_folders item that belong to the role, not to Syncthing's folder object.
ROLE_KEYS = ("hosts", "ignores", "encryption_password")
# Keys a host's cluster_folder_overrides may not change.
NOT_OVERRIDABLE = ("id", "hosts", "devices", "encryption_password")
ENCRYPTED = "receiveencrypted"


def _names(value, label, errors):
    """A list of host or group names (a single name is accepted)."""
    if value is None:
        return []
    if isinstance(value, str):
        return [to_text(value)]
    if isinstance(value, (list, tuple)) and all(isinstance(item, str) for item in value):
        return [to_text(item) for item in value]
    errors.append(f"{label} must be a list of inventory host or group names, not {value!r}")
    return []


def _expand(names, label, nodes, groups, errors):
    """Host and group names -> the cluster hosts they stand for, in cluster order (refusing unknown ones)."""
    found = set()
    inventory = set((groups or {}).get("all") or [])
    for name in names:
        if name in nodes:
            found.add(name)
        elif name in (groups or {}):
            outside = [host for host in groups[name] if host not in nodes]
            if outside:
                errors.append(
                    "{}: group {} includes {}, not in cluster_hosts (not in this play, or failed before "
                    "its device ID was read)".format(label, name, ", ".join(sorted(outside)))
                )
            found.update(host for host in groups[name] if host in nodes)
        elif name in inventory:
            errors.append(
                f"{label}: host {name} is not in cluster_hosts (not in this play, or failed before its device ID "
                "was read)"
            )
        else:
            errors.append(f"{label}: {name} is neither an inventory host nor a group")
    return [host for host in nodes if host in found]


def _check_folder(index, folder, errors):
    """The folder item's own shape; returns its id (or None when unusable)."""
    if not isinstance(folder, dict):
        errors.append(
            f"cluster_folders[{index}] must be a dict (a Syncthing folder plus hosts, ignores, "
            f"encryption_password), not {folder!r}"
        )
        return None
    folder_id = folder.get("id")
    if not folder_id or not isinstance(folder_id, str):
        errors.append(f"cluster_folders[{index}] has no id")
        return None
    if "devices" in folder:
        errors.append(
            f"cluster_folders[{folder_id}]: devices is computed by the role; list the members in hosts (host or "
            "group names)"
        )
    if folder.get("type") == ENCRYPTED:
        errors.append(
            f"cluster_folders[{folder_id}]: type receiveencrypted is set by the role on untrusted members; mark "
            "such hosts with the host variable cluster_untrusted: true"
        )
    ignores = folder.get("ignores")
    if ignores is not None and not (isinstance(ignores, list) and all(isinstance(x, str) for x in ignores)):
        errors.append(f"cluster_folders[{folder_id}]: ignores must be a list of lines")
    return folder_id


def _membership(folders, nodes, groups, errors):
    """{folder id: [member hosts]} in cluster order; folders without hosts are shared by every host."""
    members = {}
    for index, folder in enumerate(folders):
        folder_id = _check_folder(index, folder, errors)
        if folder_id is None:
            continue
        if folder_id in members:
            errors.append(f"cluster_folders: the id {folder_id} is given twice")
            continue
        label = f"cluster_folders[{folder_id}].hosts"
        if "hosts" in folder and folder["hosts"] is not None:
            members[folder_id] = _expand(_names(folder["hosts"], label, errors), label, nodes, groups, errors)
            if not members[folder_id] and not any(label in error for error in errors):
                errors.append(f"{label} names no host")
        else:
            members[folder_id] = list(nodes)
        untrusted = [host for host in members[folder_id] if nodes[host].get("untrusted")]
        if untrusted and not folder.get("encryption_password"):
            errors.append(
                "cluster_folders[{}]: {} {} untrusted (cluster_untrusted), so the folder needs an "
                "encryption_password".format(folder_id, ", ".join(untrusted), "is" if len(untrusted) == 1 else "are")
            )
    return members


def _shares(host, members, hubs, topology):
    """{folder id: [hosts this host shares it with]} for the folders this host is a member of."""
    shares = {}
    for folder_id, hosts in members.items():
        if host not in hosts:
            continue
        if topology == "hub" and host not in hubs:
            shares[folder_id] = [other for other in hosts if other in hubs and other != host]
        else:
            shares[folder_id] = [other for other in hosts if other != host]
    return shares


def _check_overrides(host, overrides, folder_ids, untrusted, errors):
    if overrides is None:
        return {}
    if not isinstance(overrides, dict):
        errors.append(f"cluster_folder_overrides of {host} must be a dict {{folder id: {{field: value}}}}")
        return {}
    for folder_id, fields in overrides.items():
        label = f"cluster_folder_overrides[{folder_id}] of {host}"
        if folder_id not in folder_ids:
            errors.append(f"{label}: no folder of cluster_folders has this id")
        elif not isinstance(fields, dict):
            errors.append(f"{label} must be a dict of folder fields")
        else:
            bad = sorted(key for key in fields if key in NOT_OVERRIDABLE)
            if bad:
                errors.append("{}: {} cannot be overridden per host".format(label, ", ".join(bad)))
            kind = fields.get("type")
            if untrusted and kind not in (None, ENCRYPTED):
                errors.append(
                    f"{label}: type {kind} is not possible on an untrusted host (its folders are receiveencrypted)"
                )
            if not untrusted and kind == ENCRYPTED:
                errors.append(
                    f"{label}: type receiveencrypted is for untrusted hosts; set cluster_untrusted: true on "
                    f"{host} instead"
                )
    return overrides


def _check_failed_hosts(exclusive, failed_hosts, errors):
    """With cluster_exclusive, the peers of a host whose device ID is unknown would unpair it: refuse."""
    if not exclusive or not failed_hosts:
        return
    names = ", ".join(sorted(to_text(host) for host in failed_hosts))
    if len(failed_hosts) == 1:
        its, it, ids_were = "its", "it", "device ID was"
    else:
        its, it, ids_were = "their", "them", "device IDs were"
    errors.append(
        f"cluster_exclusive: {names} failed before {its} {ids_were} read, so {its} peers would unpair {it}; "
        f"bring {it} back, or leave {it} out of the play (for example with --limit) to remove {it} on purpose"
    )


def cluster_plan(
    host,
    nodes,
    folders=None,
    groups=None,
    topology="mesh",
    hubs=None,
    overrides=None,
    exclusive=False,
    failed_hosts=None,
):
    """What ``host`` must configure so that the cluster described by the role's variables comes about.

    ``nodes``: {inventory host: {deviceID, name, addresses, untrusted}} for every host of cluster_hosts, in
    cluster order. ``groups``: the inventory's groups (the magic variable). ``overrides``: this host's
    cluster_folder_overrides. ``exclusive``: cluster_exclusive. ``failed_hosts``: the hosts of the play that
    failed before the plan is computed, so before their device IDs were read. Returns a dict; ``errors``
    lists every reason the definition cannot work (the rest is then incomplete and must not be applied).
    """
    errors = []
    nodes = nodes or {}
    folders = folders or []
    if host not in nodes:
        errors.append(f"{host} is not in cluster_hosts")
    _check_failed_hosts(exclusive, failed_hosts, errors)
    if not isinstance(folders, list):
        errors.append("cluster_folders must be a list")
        folders = []
    if topology not in ("mesh", "hub"):
        errors.append(f"cluster_topology must be mesh or hub, not {topology!r}")
    members = _membership(folders, nodes, groups, errors)
    hub_hosts = []
    if topology == "hub":
        hub_hosts = _expand(_names(hubs, "cluster_hubs", errors), "cluster_hubs", nodes, groups, errors)
        if not hub_hosts and not any(error.startswith("cluster_hubs") for error in errors):
            errors.append("cluster_topology hub needs cluster_hubs (hosts or groups)")
        for folder_id, hosts in members.items():
            if hub_hosts and hosts and not set(hosts) & set(hub_hosts):
                errors.append(
                    f"cluster_folders[{folder_id}]: no hub (cluster_hubs) is a member, so with cluster_topology "
                    "hub its members would reach no one"
                )
    me = nodes.get(host) or {}
    untrusted = bool(me.get("untrusted"))
    overrides = _check_overrides(host, overrides, members, untrusted, errors)
    plan: Dict[str, Any] = {
        "errors": errors,
        "untrusted": untrusted,
        "peers": [],
        "devices": [],
        "folders": [],
        "new_folders": [],
        "ignores": [],
        "wait": [],
        "cluster_device_ids": [node["deviceID"] for node in nodes.values()],
    }
    if errors:
        return plan
    shares = _shares(host, members, hub_hosts, topology)
    if folders:
        peers = {peer for hosts in shares.values() for peer in hosts}
    elif topology == "hub" and host not in hub_hosts:
        peers = set(hub_hosts) - {host}
    else:
        peers = set(nodes) - {host}
    plan["peers"] = [peer for peer in nodes if peer in peers]
    for peer in plan["peers"]:
        node = nodes[peer]
        plan["devices"].append(
            {
                "deviceID": node["deviceID"],
                "name": node["name"],
                "addresses": list(node["addresses"]),
                "untrusted": bool(node.get("untrusted")) and not untrusted,
            }
        )
    for folder in folders:
        folder_id = folder["id"]
        if folder_id not in shares:
            continue
        obj = {key: copy.deepcopy(value) for key, value in folder.items() if key not in ROLE_KEYS}
        own = dict((overrides or {}).get(folder_id) or {})
        ignores = own.pop("ignores", folder.get("ignores"))
        obj.update(copy.deepcopy(own))
        if untrusted:
            obj["type"] = ENCRYPTED
        password = folder.get("encryption_password") or ""
        devices = []
        for peer in shares[folder_id]:
            encrypted = nodes[peer].get("untrusted") and not untrusted
            devices.append(
                {"deviceID": nodes[peer]["deviceID"], "encryptionPassword": to_text(password) if encrypted else ""}
            )
        plan["new_folders"].append(dict(obj, devices=[]))
        plan["folders"].append(dict(obj, devices=devices))
        # an untrusted host stores what it is sent: ignore patterns belong to the trusted members
        if ignores is not None and not untrusted:
            plan["ignores"].append({"id": folder_id, "patterns": list(ignores)})
        # what untrusted hosts report about their peers' completion is not reliable (upstream #7533)
        plan["wait"].append({"id": folder_id, "devices": [] if untrusted else [d["deviceID"] for d in devices]})
    return plan


def cluster_keep_shares(folders, before, cluster_device_ids):
    """``folders`` (the plan's) with the devices outside the cluster that currently share them kept.

    ``before``: what syncthing_config reported as the folders' current values (its diff's ``before.folders``,
    {folder id: {devices: [...]}}); a device that is not a cluster host's stays in the folder's device list.
    Used when cluster_exclusive is false.
    """
    cluster = set(cluster_device_ids or [])
    out = []
    for folder in folders or []:
        current = ((before or {}).get(folder["id"]) or {}).get("devices") or []
        keep = [
            {"deviceID": entry["deviceID"]}
            for entry in current
            if isinstance(entry, dict) and entry.get("deviceID") and entry["deviceID"] not in cluster
        ]
        out.append(dict(folder, devices=list(folder.get("devices") or []) + keep) if keep else folder)
    return out


class FilterModule:
    """The role syncthing.rest.cluster's membership computation."""

    def filters(self):
        return {"cluster_plan": cluster_plan, "cluster_keep_shares": cluster_keep_shares}
