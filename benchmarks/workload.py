# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The desired states the benchmarks converge to: N folders, N/10 devices, and long ignore files.

Every contender gets the same objects. The uri-loop and whole-config playbooks compare
``current | combine(desired) == current``, so their folders list the shared devices the way the server
stores them (sorted as the server sorts them, every entry complete); the collection takes plain device IDs.
"""

import hashlib
import os

BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"


def device_ids(count, device_id_from_bytes):
    """``count`` valid, deterministic device IDs."""
    return [device_id_from_bytes(hashlib.sha256(b"bench-device-%d" % i).digest()) for i in range(count)]


def config_state(size, local_id, data_dir, device_id_from_bytes, changed=False):
    """Return {contender: {"bench_devices": [...], "bench_folders": [...]}} for ``size`` folders.

    With ``changed``, folder 0 has another label (the one-field change).
    """
    remotes = device_ids(max(1, size // 10), device_id_from_bytes)
    devices = [{"deviceID": dev, "name": f"bench-device-{i:d}"} for i, dev in enumerate(remotes)]
    ours, full = [], []
    for i in range(size):
        folder_id = f"bench-{i:04d}"
        folder = {
            "id": folder_id,
            "label": f"Folder {i:d}{' (changed)' if changed and i == 0 else ''}",
            "path": os.path.join(data_dir, folder_id),
            "type": "sendreceive",
            "rescanIntervalS": 3600,
            "fsWatcherEnabled": False,
        }
        remote = remotes[i % len(remotes)]
        ours.append(dict(folder, devices=[remote]))
        full.append(dict(folder, devices=[_share(dev) for dev in sorted((local_id, remote), key=_binary_order)]))
    return {
        "ours": {"bench_devices": devices, "bench_folders": ours},
        "uri": {"bench_devices": devices, "bench_folders": full},
        "whole": {"bench_devices": devices, "bench_folders": full},
    }


def _binary_order(device_id):
    """The server sorts a folder's devices by their 32 bytes, i.e. base32 order (A-Z before 2-7)."""
    chars = device_id.replace("-", "")
    return [BASE32.index(char) for i, char in enumerate(chars) if i % 14 != 13]


def _share(device_id):
    return {"deviceID": device_id, "introducedBy": "", "encryptionPassword": ""}


def ignore_patterns(count, changed=False):
    """``count`` ignore lines; with ``changed`` the last one differs."""
    lines = [f"/generated/dir-{i:05d}/**/*.tmp" for i in range(count)]
    if changed:
        lines[-1] = "/generated/changed/*.bak"
    return lines
