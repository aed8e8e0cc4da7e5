# Copyright (c) 2026, syncthing.rest contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Bad input against a real server: a failed task with a message naming the problem, nothing written.

Each case runs one module (ansible ad hoc, JSON arguments, connection from the environment) against the
shared node, then compares config.xml and every .stignore byte for byte with the snapshot taken before.
"""

import os
import re

import pytest
from reliab_helpers import adhoc, assert_clean_failure, conn_env, snapshot

GOOD = "MFZWI3D-BONSGYC-YLTMRWG-C43ENR5-QXGZDMM-FZWI3DP-BONSGYY-LTMRWAD"
CORRUPT = GOOD[:-1] + "E"  # last check digit wrong
UNKNOWN_FOLDER = "no-such-folder"


# id: (module, args(node) -> dict, regex the message must match); "_env" replaces the connection environment
CASES = {
    # device IDs
    "device-malformed": (
        "syncthing_config",
        lambda n: {"devices": [{"deviceID": "NOT-A-DEVICE"}]},
        r"devices\[0\]: device ID 'NOT-A-DEVICE' has an incorrect length",
    ),
    "device-check-digit": (
        "syncthing_config",
        lambda n: {"devices": [{"deviceID": CORRUPT}]},
        r"check digit incorrect in group 4",
    ),
    "device-bad-character": (
        "syncthing_config",
        lambda n: {"devices": [{"deviceID": GOOD[:-1] + "9"}]},
        r"invalid character '9'",
    ),
    "device-lowercase-corrupt": (
        "syncthing_config",
        lambda n: {"devices": [{"deviceID": CORRUPT.lower().replace("-", "")}]},
        r"check digit incorrect",
    ),
    "device-missing-id": ("syncthing_config", lambda n: {"devices": [{"name": "nameless"}]}, r"deviceID is required"),
    "device-empty-id": (
        "syncthing_config",
        lambda n: {"devices": [{"deviceID": "-".join(["AAAAAAA"] * 8)}]},
        r"empty device ID",
    ),
    "device-listed-twice": (
        "syncthing_config",
        lambda n: {"devices": [{"deviceID": GOOD}, {"deviceID": GOOD.lower().replace("-", "")}]},
        r"listed twice",
    ),
    "local-device-removed": (
        "syncthing_config",
        lambda n: {"devices": [{"deviceID": n["device_id"], "state": "absent"}]},
        r"local device cannot be removed",
    ),
    "folder-device-corrupt": (
        "syncthing_config",
        lambda n: {"folders": [{"id": "outside", "devices": [CORRUPT]}]},
        r"neither a valid device ID \(.*check digit incorrect.*\) nor the name",
    ),
    "folder-device-unconfigured": (
        "syncthing_config",
        lambda n: {"folders": [{"id": "outside", "devices": [GOOD]}]},
        rf"device {GOOD} is not configured",
    ),
    # unknown field names, with a suggestion
    "unknown-folder-field": (
        "syncthing_config",
        lambda n: {"folders": [{"id": "outside", "rescanIntervalSecs": 5}]},
        r"unknown field 'rescanIntervalSecs'.*did you mean 'rescanIntervalS'",
    ),
    "unknown-option": (
        "syncthing_config",
        lambda n: {"options": {"maxSendKbp": 5}},
        r"options: unknown field 'maxSendKbp'.*did you mean 'maxSendKbps'",
    ),
    "unknown-option-case": (
        "syncthing_config",
        lambda n: {"options": {"MaxSendKbps": 5}},
        r"unknown field 'MaxSendKbps'.*did you mean 'maxSendKbps'",
    ),
    "unknown-gui-field": (
        "syncthing_config",
        lambda n: {"gui": {"adress": "127.0.0.1:1"}},
        r"gui: unknown field 'adress'.*did you mean 'address'",
    ),
    "unknown-device-field": (
        "syncthing_config",
        lambda n: {"devices": [{"deviceID": n["peer"], "adresses": ["dynamic"]}]},
        r"unknown field 'adresses'.*did you mean 'addresses'",
    ),
    "unknown-nested-field": (
        "syncthing_config",
        lambda n: {"folders": [{"id": "outside", "versioning": {"typ": "simple"}}]},
        r"versioning: unknown field 'typ'.*did you mean 'type'",
    ),
    "unknown-ldap-field": (
        "syncthing_config",
        lambda n: {"ldap": {"adress": "ldap.example:389"}},
        r"ldap: unknown field 'adress'.*did you mean 'address'",
    ),
    # invalid enum values (Syncthing would coerce them silently)
    # values Syncthing refuses only when it parses them (a 400 after earlier writes of the task had gone through)
    "number-beyond-64-bits-after-a-change": (
        "syncthing_config",
        lambda n: {"folders": [{"id": "outside", "label": "relabelled"}], "options": {"maxSendKbps": 10**26}},
        r"options\.maxSendKbps: 100000000000000000000000000 is out of range; Syncthing stores this field as a 64-bit",
    ),
    "number-infinite": (
        "syncthing_config",
        lambda n: {"options": {"maxRecvKbps": "inf"}},
        r"options\.maxRecvKbps: 'inf' is not a finite number",
    ),
    "number-nan-watcher-delay": (
        "syncthing_config",
        lambda n: {"folders": [{"id": "outside", "fsWatcherDelayS": "nan"}]},
        r"fsWatcherDelayS: 'nan' is not a finite number",
    ),
    "list-item-null": (
        "syncthing_config",
        lambda n: {"devices": [{"deviceID": GOOD, "addresses": [None]}]},
        r"addresses\[0\]: expected a string, got None",
    ),
    "folder-path-emptied": (
        "syncthing_config",
        lambda n: {"folders": [{"id": "outside", "path": ""}]},
        r"path: a folder's path cannot be empty",
    ),
    # options in seconds and the URL, checked before anything is sent
    "timeout-zero": ("syncthing_info", lambda n: {"timeout": 0}, r"timeout: must be greater than 0 seconds, got 0"),
    "timeout-infinite": ("syncthing_info", lambda n: {"timeout": "inf"}, r"timeout: inf is not a number of seconds"),
    "scan-wait-timeout-negative": (
        "syncthing_folder_scan",
        lambda n: {"folder": "outside", "wait_timeout": -1},
        r"wait_timeout: must be greater than 0 seconds, got -1",
    ),
    "scan-delay-negative": (
        "syncthing_folder_scan",
        lambda n: {"folder": "outside", "delay": -5},
        r"delay: must be 0 or more seconds, got -5",
    ),
    "url-without-scheme": (
        "syncthing_info",
        lambda n: {"url": n["url"].split("://", 1)[1]},
        r"is not an http:// or https:// URL",
    ),
    "url-ending-in-rest": ("syncthing_info", lambda n: {"url": n["url"] + "/rest"}, r"ends in /rest"),
    "enum-folder-type": (
        "syncthing_config",
        lambda n: {"folders": [{"id": "outside", "type": "sendOnly"}]},
        r"type: invalid value 'sendOnly'.*expected one of: 'sendreceive', 'sendonly'",
    ),
    "enum-compression": (
        "syncthing_config",
        lambda n: {"devices": [{"deviceID": n["peer"], "compression": "sometimes"}]},
        r"compression: invalid value 'sometimes'",
    ),
    "enum-versioning": (
        "syncthing_config",
        lambda n: {"folders": [{"id": "outside", "versioning": {"type": "hourly"}}]},
        r"versioning.type: 'hourly' is not a versioning type Syncthing has",
    ),
    "enum-authmode": (
        "syncthing_config",
        lambda n: {"gui": {"authMode": "kerberos"}},
        r"gui.authMode: invalid value 'kerberos'",
    ),
    "enum-ldap-transport": (
        "syncthing_config",
        lambda n: {"ldap": {"transport": "ssl"}},
        r"ldap.transport: invalid value 'ssl'",
    ),
    "enum-disk-unit": (
        "syncthing_config",
        lambda n: {"folders": [{"id": "outside", "minDiskFree": {"value": 1, "unit": "PB"}}]},
        r"minDiskFree.unit: 'PB' is not a unit Syncthing understands",
    ),
    # wrong types
    "type-number": (
        "syncthing_config",
        lambda n: {"options": {"maxSendKbps": "fast"}},
        r"options.maxSendKbps: expected a number, got 'fast'",
    ),
    "type-bool": (
        "syncthing_config",
        lambda n: {"options": {"relaysEnabled": "maybe"}},
        r"options.relaysEnabled: expected a boolean, got 'maybe'",
    ),
    "type-list": (
        "syncthing_config",
        lambda n: {"devices": [{"deviceID": n["peer"], "addresses": "tcp://127.0.0.1:2"}]},
        r"addresses: expected a list",
    ),
    "type-object": (
        "syncthing_config",
        lambda n: {"folders": [{"id": "outside", "versioning": "simple"}]},
        r"versioning: expected an object",
    ),
    "type-null": (
        "syncthing_config",
        lambda n: {"options": {"maxSendKbps": None}},
        r"maxSendKbps: a value is required",
    ),
    "type-folders-not-objects": ("syncthing_config", lambda n: {"folders": ["outside"]}, r"folders"),
    "type-unknown-option": ("syncthing_config", lambda n: {"folderz": []}, r"Unsupported parameters.*folderz"),
    "bad-update-password": (
        "syncthing_config",
        lambda n: {"gui": {"password": "x"}, "update_password": "sometimes"},
        r"update_password must be one of",
    ),
    # folders
    "folder-missing-path": (
        "syncthing_config",
        lambda n: {"folders": [{"id": "new-without-path"}]},
        r"'new-without-path'\): a new folder needs a path",
    ),
    "folder-missing-id": (
        "syncthing_config",
        lambda n: {"folders": [{"path": os.path.join(n["data"], "x")}]},
        r"folders\[0\]: id is required",
    ),
    "folder-id-twice": (
        "syncthing_config",
        lambda n: {
            "folders": [
                {"id": "dup", "path": os.path.join(n["data"], "d1")},
                {"id": "dup", "path": os.path.join(n["data"], "d2")},
            ]
        },
        r"folder ID 'dup' is listed twice",
    ),
    "folder-bad-state": (
        "syncthing_config",
        lambda n: {"folders": [{"id": "outside", "state": "gone"}]},
        r"state must be 'present' or 'absent', got 'gone'",
    ),
    "empty-api-key": ("syncthing_config", lambda n: {"gui": {"apiKey": ""}}, r"empty API key"),
    "template-with-id": (
        "syncthing_config",
        lambda n: {"defaults": {"folder": {"id": "x"}}},
        r"id cannot be set on a template",
    ),
    "valid-and-invalid-mixed": (
        "syncthing_config",
        lambda n: {
            "folders": [{"id": "would-be-new", "path": os.path.join(n["data"], "new")}],
            "devices": [{"deviceID": GOOD}],
            "options": {"maxSendKbps": 5, "bogusOption": 1},
        },
        r"nothing was changed: options: unknown field 'bogusOption'",
    ),
    # ignores
    "ignores-unknown-folder": (
        "syncthing_ignores",
        lambda n: {"folder": UNKNOWN_FOLDER, "patterns": ["*.x"]},
        rf"[Ff]older '{UNKNOWN_FOLDER}' does not exist",
    ),
    "ignores-invalid-pattern": (
        "syncthing_ignores",
        lambda n: {"folder": "ign", "patterns": ["[bad"]},
        r"Syncthing would refuse these ignore patterns .*'\[bad': a character class .*; nothing was sent",
    ),
    "ignores-folder-and-defaults": (
        "syncthing_ignores",
        lambda n: {"folder": "ign", "defaults": True, "patterns": ["x"]},
        r"either folder or defaults=true, not both",
    ),
    "ignores-no-folder": ("syncthing_ignores", lambda n: {"patterns": ["x"]}, r"Give the folder"),
    "ignores-exclusive-absent": (
        "syncthing_ignores",
        lambda n: {"folder": "ign", "patterns": ["x"], "state": "absent", "exclusive": True},
        r"exclusive=true only works with state=present",
    ),
    "ignores-line-break": ("syncthing_ignores", lambda n: {"folder": "ign", "patterns": ["a\nb"]}, r"line break"),
    # connection
    "wrong-api-key": (
        "syncthing_config",
        lambda n: {"api_key": "wrong-key", "options": {"maxSendKbps": 5}},
        r"HTTP 40[13].*the API key was not accepted",
    ),
    "no-api-key": (
        "syncthing_ignores",
        lambda n: {"home": n["empty_home"], "folder": "ign", "patterns": ["x"], "_env": {"SYNCTHING_URL": n["url"]}},
        r"No API key: set the api_key option .*looked in: {}".format("{empty_home}"),
    ),
}

# the modules of the other helper; they run when present in the tree
LATER = {
    "scan-unknown-folder": ("syncthing_folder_scan", lambda n: {"folder": UNKNOWN_FOLDER}, UNKNOWN_FOLDER),
    "scan-bad-device": (
        "syncthing_folder_scan",
        lambda n: {"folder": "outside", "wait_in_sync": True, "devices": [CORRUPT]},
        r"check digit incorrect",
    ),
    "reset-unknown-folder": (
        "syncthing_system",
        lambda n: {"command": "reset_database", "folder": UNKNOWN_FOLDER},
        UNKNOWN_FOLDER,
    ),
    "pause-bad-device": (
        "syncthing_system",
        lambda n: {"command": "pause", "device": CORRUPT},
        r"check digit incorrect",
    ),
    "system-bad-command": ("syncthing_system", lambda n: {"command": "reboot"}, r"value of command must be one of"),
    "info-bad-gather": ("syncthing_info", lambda n: {"gather": ["verison"]}, r"gather"),
}
MODULES = os.path.join(os.path.dirname(__file__), "..", "..", "plugins", "modules")
CASES.update((key, value) for key, value in LATER.items() if os.path.exists(os.path.join(MODULES, value[0] + ".py")))


@pytest.fixture(scope="session")
def empty_home(nodes):
    path = os.path.join(nodes.root, "empty-home")
    os.makedirs(path, exist_ok=True)
    return path


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_fails_clearly_and_writes_nothing(node, empty_home, case):
    module, make_args, pattern = CASES[case]
    node = dict(node, empty_home=empty_home)
    args = make_args(node)
    env = args.pop("_env", None) or conn_env(node)
    before = snapshot(node["root"])
    run = adhoc(module, args, env=env)
    assert_clean_failure(run, pattern.replace("{empty_home}", re.escape(empty_home)))
    assert snapshot(node["root"]) == before, f"{case} changed a file on disk"
    assert node["api_key"] not in run.text
