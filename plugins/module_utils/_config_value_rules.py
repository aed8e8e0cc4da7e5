# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Value rules: the ranges Syncthing enforces and what its ``prepare()`` does to a config it stores.

Syncthing clamps or replaces some values silently when it saves the config (reference §5.1/§5.2,
``lib/config/*configuration.go`` of 1.19 and 1.29). syncthing_config does not read the config back
after writing, so it refuses the values that would be changed (the task would report a change on
every run) and normalises the harmless ones the same way the server does.

Note that this module util is PRIVATE to the collection. It can have breaking changes at any time.
"""

import math
import posixpath
import re
import time
from datetime import datetime, timedelta

from ansible_collections.syncthing.rest.plugins.module_utils import _versions as versions
from ansible_collections.syncthing.rest.plugins.module_utils._merge import Keyed

MAX_INTERVAL_S = 31536000
MAX_CONCURRENT_WRITES = 256
MIN_RECONNECT_S = 5
MARKER_NAME = ".stfolder"
WEAK_HASH_DEFAULT = 25
GUI_PASSWORD_NOTICE = "authenticationUserAndPassword"
# The units Syncthing's GUI offers for minDiskFree / minHomeDiskFree (lib/config/size.go).
DISK_FREE_UNITS = ("%", "kB", "MB", "GB", "TB")
# Every integer of the config is a Go int: 64 bits on the platforms Syncthing ships for, except 32-bit ones.
INT_RANGE = (-(2**63), 2**63 - 1)
# A folder path Syncthing does not resolve against its own working directory: absolute (POSIX, a Windows drive or
# UNC path) or under the home folder ("~" alone or followed by a separator; "~user" is not expanded).
ABSOLUTE_PATH = re.compile(r"^(/|\\\\|[A-Za-z]:[\\/]|~$|~[\\/])")
# Lists of observed items Syncthing keeps as a set: its key, the fields of an item, and what a new item left out
# gets (the time: now, as Syncthing records an observation).
OBSERVED_FOLDER_KEYS = ("id", "label", "time")
# bcrypt, which Syncthing hashes the GUI password with, reads at most this many bytes.
BCRYPT_MAX_BYTES = 72
# What Go's strings.TrimSpace trims (unicode.IsSpace); Python's str.strip() also trims \x1c-\x1f.
GO_SPACE = "\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
RFC3339 = re.compile(r"^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$")


PRIORITY_PAIRS = (
    ("connectionPriorityQuicLan", "connectionPriorityQuicWan"),
    ("connectionPriorityTcpLan", "connectionPriorityTcpWan"),
)


def is_number(value):
    """A number these rules can compare (not a boolean, infinity or NaN, which validation refuses on its own)."""
    if isinstance(value, float):
        return math.isfinite(value)
    return isinstance(value, int) and not isinstance(value, bool)


def check_no_kcp(addresses, label, errors, version=None):
    """Addresses of the removed KCP protocol, which Syncthing silently drops."""
    for address in addresses if isinstance(addresses, list) else []:
        if isinstance(address, str) and address.startswith("kcp"):
            errors.append(f"{label}: {address!r} uses the removed KCP protocol (Syncthing would silently drop it)")


def check_watcher_delay(delay, label, errors, version=None):
    """fsWatcherDelayS: whole seconds before FRACTIONAL_WATCHER_DELAY; more than 0 (else Syncthing sets 10 and turns
    the watcher off) and at least 0.01 (else Syncthing raises it)."""
    if not is_number(delay):
        return
    if delay != int(delay) and not versions.at_least(version, versions.FRACTIONAL_WATCHER_DELAY):
        errors.append(
            f"{label}: {delay!r} is not a whole number; Syncthing {versions.version_text(version)} stores this delay in whole seconds "
            f"and would refuse the write (fractions need {versions.version_text(versions.FRACTIONAL_WATCHER_DELAY)} or later)"
        )
    elif delay <= 0:
        errors.append(
            f"{label}: {delay!r} must be greater than 0 (Syncthing would silently set it to 10 and "
            "turn the watcher off); to turn the watcher off use fsWatcherEnabled: false"
        )
    elif delay < 0.01:
        errors.append(f"{label}: {delay!r} is below the minimum 0.01 (Syncthing would silently raise it)")


def check_folder_path(path, label, errors, version=None):
    """A relative path is resolved against Syncthing's working directory, wherever that is: refuse it."""
    if not isinstance(path, str) or path == "":
        return
    if not ABSOLUTE_PATH.match(path):
        errors.append(
            f"{label}: {path!r} is a relative path; Syncthing would resolve it against its own working directory. "
            "Give an absolute path, or one starting with ~/ (Syncthing's home folder)"
        )
    elif path.startswith("~") and not posixpath.normpath(path.replace("\\", "/")).startswith("~"):
        errors.append(
            f"{label}: {path!r} leaves the home folder with '..'; Syncthing cleans the path before it expands ~, so "
            "it would become a relative path under its own working directory. Give an absolute path"
        )


def check_type_change(before, after, label, errors):
    """A change of a configured folder's type that Syncthing refuses when it commits the config (after earlier
    writes of the task have landed): to or from receiveencrypted (upstream ``model.VerifyConfiguration``)."""
    if before != after and "receiveencrypted" in (before, after):
        errors.append(
            f"{label}.type: {before!r} cannot be changed to {after!r}; Syncthing refuses to change a folder's type "
            "to or from receiveencrypted. Remove the folder and add it again with the new type (its data must be "
            "synced again)"
        )


def check_disk_free_unit(unit, label, errors, version=None):
    """minDiskFree / minHomeDiskFree unit: Syncthing stores any unit text as given, but reads only a few."""
    if not isinstance(unit, str) or unit in DISK_FREE_UNITS:
        return
    known = ", ".join(repr(item) for item in DISK_FREE_UNITS)
    first = unit[:1]
    if "%" in unit:
        meaning = "as a percentage"
    elif first in "kKmMgGtT" and first:
        meaning = "by its first letter only, as {}B (powers of 1000: 'GiB' would mean GB)".format(
            {"k": "k", "m": "M", "g": "G", "t": "T"}[first.lower()]
        )
    else:
        meaning = "as bytes"
    errors.append(
        f"{label}: {unit!r} is not a unit Syncthing understands ({known}); it would store it as given and read the "
        f"value {meaning}"
    )


def check_versioning_type(value, label, errors, version=None):
    """versioning.type is free text on the server; only the known versioners work."""
    known = ("", "simple", "staggered", "trashcan", "external")
    if not isinstance(value, str) or value in known:
        return
    if not versions.at_least(version, versions.VERSIONING_TYPE_CHECKED):
        consequence = f"Syncthing {versions.version_text(version)} would store it and then crash applying it"
    else:
        since = versions.version_text(versions.VERSIONING_TYPE_CHECKED)
        consequence = f"Syncthing refuses the write from {since} on (older versions store it and crash applying it)"
    errors.append(
        "{}: {!r} is not a versioning type Syncthing has ({}); expected one of: {}".format(
            label, value, consequence, ", ".join(repr(item) for item in known)
        )
    )


def observed_time(value, label, errors):
    """An RFC 3339 time as Syncthing (Go) writes it back: fraction without trailing zeros, a zero offset as Z."""
    match = RFC3339.match(value) if isinstance(value, str) else None
    if match is None:
        errors.append(
            f"{label}: {value!r} is not an RFC 3339 time such as 2026-01-31T12:00:00Z (Syncthing would refuse the "
            "config)"
        )
        return value
    seconds, fraction, offset = match.groups()
    try:
        datetime.strptime(seconds, "%Y-%m-%dT%H:%M:%S")
    except ValueError:
        errors.append(f"{label}: {value!r} is not a valid date and time")
        return value
    fraction = (fraction or "").rstrip("0")
    if offset in ("+00:00", "-00:00"):
        offset = "Z"
    return seconds + ("." + fraction if fraction else "") + offset


def observed_folders(items, label, errors):
    """A device's ignoredFolders as Syncthing keeps them: one item per folder ID, in its own order (by time), times
    as it writes them back. Returns a Keyed list (compared by ``id``, in any order); an item without a time keeps
    the stored one (a new one gets now). Anything but a list comes back as it is (validation refused it)."""
    if not isinstance(items, list):
        return items
    out, seen = [], set()
    for index, item in enumerate(items):
        where = f"{label}[{index}]"
        if not isinstance(item, dict):
            continue  # refused by validation (an object list)
        unknown = sorted(str(key) for key in item if key not in OBSERVED_FOLDER_KEYS)
        if unknown:
            errors.append(
                "{}: unknown field {} (Syncthing would silently ignore it); known fields: {}".format(
                    where, ", ".join(repr(key) for key in unknown), ", ".join(OBSERVED_FOLDER_KEYS)
                )
            )
            continue
        if not isinstance(item.get("id"), str) or not item["id"]:
            errors.append(f"{where}.id: the folder ID is required (a non-empty string)")
            continue
        if item["id"] in seen:
            errors.append(
                f"{where}: folder {item['id']!r} is listed twice (Syncthing would silently keep only the later one)"
            )
            continue
        seen.add(item["id"])
        item = dict(item)
        if "label" in item and not isinstance(item["label"], str):
            errors.append(f"{where}.label: expected a string, got {item['label']!r}")
        if "time" in item:
            item["time"] = observed_time(item["time"], where + ".time", errors)
        out.append(item)
    return Keyed(out, "id", {"label": "", "time": now_rfc3339()})


def time_order(value):
    """A sort key for an RFC 3339 time (the instant, whatever its offset); unreadable times sort first."""
    match = RFC3339.match(value) if isinstance(value, str) else None
    if match is None:
        return (datetime.min, 0)
    seconds, fraction, offset = match.groups()
    try:
        instant = datetime.strptime(seconds, "%Y-%m-%dT%H:%M:%S")
    except ValueError:
        return (datetime.min, 0)
    if offset != "Z":
        sign = -1 if offset[0] == "+" else 1
        instant += sign * timedelta(hours=int(offset[1:3]), minutes=int(offset[4:6]))
    return (instant, int((fraction or "0").ljust(9, "0")))


def now_rfc3339():
    """The current time, UTC, whole seconds, as Syncthing writes it."""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def check_gui_address(address, label, errors, version=None):
    """Refuse a GUI address Syncthing cannot listen on, which it refuses when it commits the config (upstream
    ``api.VerifyConfiguration``: a TCP address must resolve, host:port)."""
    if isinstance(address, str) and not address.startswith("/"):
        problem = tcp_address_problem(address)
        if problem:
            errors.append(
                f"{label}: {address!r} is not an address Syncthing can listen on ({problem}); give host:port "
                "such as 127.0.0.1:8384 or [::1]:8384, or a Unix socket path starting with /"
            )


def check_gui_password(password, label, errors, version=None):
    """Refuse a GUI password bcrypt cannot hash (longer than it reads)."""
    if isinstance(password, str) and len(password.encode("utf-8")) > BCRYPT_MAX_BYTES:
        errors.append(
            f"{label}: longer than {BCRYPT_MAX_BYTES} bytes; Syncthing hashes it with bcrypt, which takes at most "
            f"{BCRYPT_MAX_BYTES}: recent versions refuse the write, older ones silently ignore the rest"
        )


def tcp_address_problem(address):
    """What Go's ``net.ResolveTCPAddr`` would refuse in ``host:port`` without a DNS lookup, or None."""
    if address.startswith("["):
        end = address.find("]")
        if end < 0:
            return "missing ']'"
        host, rest = address[1:end], address[end + 1 :]
        if not rest.startswith(":"):
            return "missing port"
        port = rest[1:]
        if ":" not in host and not host:
            return "empty brackets"
    else:
        if "/" in address or "]" in address:
            return "not host:port (no scheme or path)"
        host, sep, port = address.rpartition(":")
        if not sep:
            return "missing port"
        if ":" in host:
            return "too many colons; put an IPv6 address in brackets"
    if port == "":
        return "no port: Syncthing would pick a random one, which this module cannot follow"
    if not port.isdigit():
        return f"the port {port!r} is not a number"
    if int(port) > 65535:
        return f"the port {port} is out of range (0 to 65535)"
    return None


def check_api_key(api_key, label, errors, version=None):
    """An empty API key makes Syncthing generate a random one: refuse it."""
    if api_key == "":
        errors.append(f"{label}: an empty API key makes Syncthing generate a random one and lock this tool out")


def cookie_path(path, label=None, errors=None):
    """gui.sessionCookiePath as Syncthing 2.x stores it (``GUIConfiguration.prepare``): white space trimmed
    (Go's ``strings.TrimSpace``) and a leading ``/`` added; a value of white space only is stored as given."""
    if not isinstance(path, str):
        return path
    trimmed = path.strip(GO_SPACE)
    if not trimmed:
        return path
    return trimmed if trimmed.startswith("/") else "/" + trimmed


def unique_trimmed(values, label=None, errors=None):
    """Syncthing's UniqueTrimmedStrings: spaces trimmed, duplicates dropped, order kept (a list of strings; any
    other value comes back as it is)."""
    if not isinstance(values, list) or not all(isinstance(item, str) for item in values):
        return values
    seen, out = set(), []
    for value in values:
        value = value.strip(" ")
        if value not in seen:
            seen.add(value)
            out.append(value)
    return out


def check_merged_options(want, merged, errors):
    """Rules that depend on the resulting options object (given fields over the stored ones)."""
    for lan, wan in PRIORITY_PAIRS:
        if (
            (lan in want or wan in want)
            and is_number(merged.get(lan))
            and is_number(merged.get(wan))
            and merged[wan] <= merged[lan]
        ):
            errors.append(
                f"options.{wan}: {merged[wan]!r} must be higher than options.{lan} ({merged[lan]!r}) (Syncthing would silently set it to {merged[lan] + 1!r})"
            )
    if (
        ("urAccepted" in want or "urUniqueId" in want)
        and is_number(merged.get("urAccepted"))
        and merged["urAccepted"] > 0
        and merged.get("urUniqueId") == ""
    ):
        errors.append(
            "options.urUniqueId: usage reporting (urAccepted > 0) needs a urUniqueId; with an empty one "
            "Syncthing silently generates a random one (from 1.28 when it stores the config, before that "
            "at its next start), so give one"
        )


def encrypted_folder(folder, version=None):
    """True for a receiveencrypted folder (Syncthing forces some of its fields)."""
    return folder.get("type") == "receiveencrypted"


def untrusted_device(device, version=None):
    """True for an untrusted device on a version that forces some of its fields (UNTRUSTED_RULES)."""
    return bool(device.get("untrusted")) and versions.at_least(version, versions.UNTRUSTED_RULES)


def observed_order(item):
    """Where Syncthing puts an observed item (ignoredFolders): by its time."""
    return time_order(item.get("time"))


def untrusted_sharing(folder, untrusted, label, errors):
    """A folder is shared with an untrusted device only with an encryptionPassword (or as receiveencrypted)."""
    if folder.get("type") == "receiveencrypted":
        return
    for entry in folder.get("devices") or []:
        if entry.get("deviceID") in untrusted and not entry.get("encryptionPassword"):
            errors.append(
                "{}: device {} is untrusted, so the folder must be shared with it with an "
                "encryptionPassword (Syncthing would silently unshare it)".format(label, entry["deviceID"])
            )
