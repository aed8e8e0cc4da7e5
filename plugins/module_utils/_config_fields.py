# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The table of config fields: one row per field that has a rule, with everything known of it.

A field is named ``(kind, *path)``: ``kind`` is ``folder``, ``device``, ``options``, ``gui``, ``ldap``,
``folderdevice`` (an entry of a folder's ``devices``) or ``observed`` (an item of ``remoteIgnoredDevices``);
``path`` the keys below that object (``("folder", "versioning", "type")``). A field without a row takes its type
from the server's own value and has no other rule. The phases read the rows through ``ROWS``:
``_config_check.check_value`` (validate: type, enum, shape, then ``settle_given`` here: refuse, normalise),
``_config_plan`` (``refused_change`` here, for a change of a stored object). Where the facts come from:
``lib/config/*configuration.go`` ``prepare()`` of 1.19, 1.29 and 2.1 and the reference (§5, §8).

Note that this module util is PRIVATE to the collection. It can have breaking changes at any time.
"""

from typing import Any, Callable, Dict, List, NamedTuple, Optional, Tuple

from ansible_collections.syncthing.rest.plugins.module_utils import _config_value_rules as rules
from ansible_collections.syncthing.rest.plugins.module_utils._config_desired import Version

# check(value, label, errors, version): append a message to errors when Syncthing would not store the value
Check = Callable[[Any, Any, List[str], Version], None]
# normalise(value, label, errors): the value as Syncthing stores it (errors for what it cannot be made into)
Normalise = Callable[[Any, Any, List[str]], Any]
# change(before, after, label, errors): refuse a change of a stored object's field Syncthing refuses
Change = Callable[[Any, Any, str, List[str]], None]


class Limits(NamedTuple):
    """A number's range (None: open on that side) and the message for a value out of it: a format string with
    ``label``, ``value`` (a repr), ``low`` and ``high``, saying what Syncthing would do instead."""

    low: Optional[float]
    high: Optional[float]
    message: str

    def refuse(self, value: Any, label: Any, errors: List[str]) -> None:
        """Add the message to ``errors`` when the number ``value`` is out of range."""
        if not rules.is_number(value):
            return
        if (self.low is not None and value < self.low) or (self.high is not None and value > self.high):
            errors.append(self.message.format(label=label, value=repr(value), low=self.low, high=self.high))


class Forced(NamedTuple):
    """A value Syncthing forces on save in an object that is ``when(object, version)``; ``reason`` names such an
    object for the message refusing the opposite value given."""

    value: Any
    when: Callable[[Dict[str, Any], Version], bool]
    reason: str


CLAMPED = "{label}: {value} is out of range; allowed: {low} to {high} (Syncthing would silently clamp it)"


class Field(NamedTuple):
    """One config field and what is known of it (see the module docstring for ``kind`` and ``path``).

    - ``enum``: the values Syncthing knows; ``fallback``: what it silently stores instead of any other;
    - ``floating``: a float (every other number of the config is a 64-bit integer, a fraction a 400);
    - ``shape``: ``objects`` for a list of objects (other lists hold strings), ``map`` for a free-form map of
      strings replaced as a whole when given (``_merge.Whole``);
    - ``limits``: the range Syncthing clamps the value to (refused outside);
    - ``on_save``: ``(given, stored)`` pairs: Syncthing stores ``stored`` when it is given ``given`` (harmless,
      so the given value is normalised to it);
    - ``normalise``: the value as Syncthing stores it; ``check``: refusals beyond type, enum and range;
    - ``change``: refusals of a change of a stored object's value;
    - ``forced``: the value Syncthing forces on save, depending on the object (the opposite value given is
      refused); ``order``: the sort key of the items of a list Syncthing keeps in an order of its own;
    - ``since``/``until``: the first Syncthing version with the field, the first without (None: all).
    """

    kind: str
    path: Tuple[str, ...]
    enum: Tuple[str, ...] = ()
    fallback: Optional[str] = None
    floating: bool = False
    shape: str = ""
    limits: Optional[Limits] = None
    on_save: Tuple[Tuple[Any, Any], ...] = ()
    normalise: Optional[Normalise] = None
    check: Optional[Check] = None
    change: Optional[Change] = None
    forced: Optional[Forced] = None
    order: Optional[Callable[[Any], Any]] = None
    since: Version = None
    until: Version = None

    @property
    def key(self) -> Tuple[str, ...]:
        return (self.kind, *self.path)


FOLDER_TYPES = ("sendreceive", "sendonly", "receiveonly", "receiveencrypted")
FOLDER_ORDERS = ("random", "alphabetic", "smallestFirst", "largestFirst", "oldestFirst", "newestFirst")
COPY_RANGE_METHODS = ("standard", "ioctl", "copy_file_range", "sendfile", "duplicate_extents", "all")
NON_NEGATIVE = "{label}: {value} is negative; allowed: 0 (unlimited) or more (Syncthing would silently set it to 0)"

FIELDS = (
    # folders (and the folder template)
    Field("folder", ("path",), check=rules.check_folder_path),
    Field("folder", ("type",), enum=FOLDER_TYPES, fallback="sendreceive", change=rules.check_type_change),
    Field("folder", ("order",), enum=FOLDER_ORDERS, fallback="random"),
    Field("folder", ("blockPullOrder",), enum=("standard", "random", "inOrder"), fallback="standard"),
    Field("folder", ("copyRangeMethod",), enum=COPY_RANGE_METHODS, fallback="standard"),
    Field("folder", ("rescanIntervalS",), limits=Limits(0, rules.MAX_INTERVAL_S, CLAMPED)),
    Field("folder", ("fsWatcherDelayS",), floating=True, check=rules.check_watcher_delay),
    Field("folder", ("fsWatcherTimeoutS",), floating=True, since=(1, 28, 0)),
    Field("folder", ("pullerDelayS",), floating=True, since=(2, 0, 0)),
    Field("folder", ("minDiskFree", "value"), floating=True),
    Field("folder", ("minDiskFree", "unit"), check=rules.check_disk_free_unit),
    Field("folder", ("versioning", "type"), check=rules.check_versioning_type),
    Field("folder", ("versioning", "params"), shape="map"),
    Field("folder", ("versioning", "cleanupIntervalS"), limits=Limits(0, rules.MAX_INTERVAL_S, CLAMPED)),
    Field(
        "folder",
        ("maxConcurrentWrites",),
        limits=Limits(
            1,
            rules.MAX_CONCURRENT_WRITES,
            "{label}: {value} is out of range; allowed: {low} to {high} (Syncthing would silently replace it)",
        ),
    ),
    Field("folder", ("markerName",), on_save=(("", rules.MARKER_NAME),)),
    Field("folder", ("ignorePerms",), forced=Forced(True, rules.encrypted_folder, "a receiveencrypted folder")),
    Field(
        "folder",
        ("disableTempIndexes",),
        forced=Forced(True, rules.encrypted_folder, "a receiveencrypted folder"),
        until=(2, 0, 0),
    ),
    Field("folder", ("weakHashThresholdPct",), on_save=((0, rules.WEAK_HASH_DEFAULT),), until=(2, 0, 0)),
    Field("folder", ("xattrFilter",), since=(1, 22, 0)),
    Field("folder", ("xattrFilter", "entries"), shape="objects"),
    Field("folder", ("syncOwnership",), since=(1, 21, 0)),
    Field("folder", ("sendOwnership",), since=(1, 22, 0)),
    Field("folder", ("syncXattrs",), since=(1, 22, 0)),
    Field("folder", ("sendXattrs",), since=(1, 22, 0)),
    Field("folder", ("group",), since=(2, 1, 0)),
    Field("folder", ("blockIndexing",), since=(2, 1, 0)),
    # devices (and the device template)
    Field("device", ("compression",), enum=("metadata", "always", "never"), fallback="metadata"),
    Field("device", ("addresses",), on_save=(([], ["dynamic"]), ([""], ["dynamic"])), check=rules.check_no_kcp),
    Field("device", ("ignoredFolders",), shape="objects", normalise=rules.observed_folders, order=rules.observed_order),
    Field("device", ("numConnections",), since=(1, 25, 0)),
    Field("device", ("group",), since=(2, 1, 0)),
    Field("device", ("introducer",), forced=Forced(False, rules.untrusted_device, "an untrusted device")),
    Field("device", ("autoAcceptFolders",), forced=Forced(False, rules.untrusted_device, "an untrusted device")),
    # remoteIgnoredDevices items
    Field("observed", ("time",), normalise=rules.observed_time),
    # options
    Field("options", ("listenAddresses",), normalise=rules.unique_trimmed, check=rules.check_no_kcp),
    Field("options", ("globalAnnounceServers",), normalise=rules.unique_trimmed),
    Field("options", ("minHomeDiskFree", "value"), floating=True),
    Field("options", ("minHomeDiskFree", "unit"), check=rules.check_disk_free_unit),
    Field(
        "options",
        ("reconnectionIntervalS",),
        limits=Limits(
            rules.MIN_RECONNECT_S,
            None,
            "{label}: {value} is below the minimum {low} (Syncthing would silently raise it)",
        ),
    ),
    Field("options", ("auditEnabled",), since=(1, 30, 0)),
    Field("options", ("auditFile",), since=(1, 30, 0)),
    Field("options", ("insecureAllowOldTLSVersions",), until=(1, 30, 0)),
    Field("options", ("databaseTuning",), until=(2, 0, 0)),
    Field("options", ("cacheIgnoredFiles",), until=(2, 1, 3)),
    Field("options", ("connectionLimitEnough",), limits=Limits(0, None, NON_NEGATIVE)),
    Field("options", ("connectionLimitMax",), limits=Limits(0, None, NON_NEGATIVE)),
    # gui and ldap
    Field("gui", ("authMode",), enum=("static", "ldap"), fallback="static"),
    Field("gui", ("address",), check=rules.check_gui_address),
    Field("gui", ("password",), check=rules.check_gui_password),
    Field("gui", ("apiKey",), check=rules.check_api_key),
    Field("gui", ("sessionCookiePath",), normalise=rules.cookie_path),  # 2.x only
    Field("ldap", ("transport",), enum=("plain", "tls", "starttls"), fallback="plain"),
)

ROWS: Dict[Tuple[str, ...], Field] = {row.key: row for row in FIELDS}
# The rows the predict phase reads, per kind: top-level fields Syncthing forces or orders on save.
ON_SAVE: Dict[str, List[Field]] = {}
for _row in FIELDS:
    if (_row.forced is not None or _row.order is not None) and len(_row.path) == 1:
        ON_SAVE.setdefault(_row.kind, []).append(_row)


def settle_given(row: Field, value: Any, label: Any, errors: List[str], version: Version = None) -> Any:
    """The normalise phase of one given value (already of the right type): refuse what Syncthing would not store
    as given (range, checks), return it as Syncthing stores it (on-save replacements, normalisation)."""
    if row.limits is not None:
        row.limits.refuse(value, label, errors)
    if row.check is not None:
        row.check(value, label, errors, version)
    for given, stored in row.on_save:
        if value == given:
            return list(stored) if isinstance(stored, list) else stored
    if row.normalise is not None:
        return row.normalise(value, label, errors)
    return value


def predict_stored(
    kind: str, want: Dict[str, Any], merged: Dict[str, Any], label: str, errors: List[str], version: Version = None
) -> None:
    """The predict phase: apply to ``merged`` (a ``kind`` object to write: stored or template, overlaid with the
    given fields ``want``) what Syncthing does to it on save; refuse a given value it would override."""
    for row in ON_SAVE.get(kind, ()):
        key = row.path[0]
        if row.order is not None and isinstance(want.get(key), list):
            merged[key].sort(key=row.order)
        forced = row.forced
        if forced is None or key not in merged or not forced.when(merged, version):
            continue
        if want.get(key) is (not forced.value):
            errors.append(
                f"{label}.{key}: {_text(not forced.value)} is not possible for {forced.reason} (Syncthing would "
                f"silently set it to {_text(forced.value)})"
            )
        merged[key] = forced.value


def _text(value: Any) -> str:
    """A value as the config (JSON) writes it: true, false."""
    return "true" if value is True else "false" if value is False else repr(value)


def refused_change(
    kind: str, keys: List[str], have: Dict[str, Any], new: Dict[str, Any], label: str, errors: List[str]
) -> None:
    """The compare phase's refusals: changes of a stored ``kind`` object's ``keys`` Syncthing refuses to commit."""
    for key in keys:
        row = ROWS.get((kind, key))
        if row is not None and row.change is not None:
            row.change(have.get(key), new.get(key), label, errors)
