# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""syncthing_pending's rules: checks, first match, and the path Syncthing's auto-accept would choose."""

import ipaddress

import pytest

from ansible_collections.syncthing.rest.plugins.module_utils import _pending_rules as rules

A = "MFZWI3D-BONSGYC-YLTMRWG-C43ENR5-QXGZDMM-FZWI3DP-BONSGYY-LTMRWAD"
B = "AIR6LPZ-7K4PTTV-UXQSMUU-CPQ5YWH-OEDFIIQ-JUG777G-2YQXXR5-YD6AWQR"


@pytest.mark.parametrize(
    "name, sanitized",
    [
        # upstream lib/fs/util_test.go, TestSanitizePath (Go reads the invalid byte "\xff" as U+FFFD)
        ("", ""),
        ("foo", "foo"),
        ("\\*/foo\\?/bar[{!@$%^&*#()}]", "foo bar ()"),
        ("Räksmörgås", "Räksmörgås"),
        ("Räk \\/ smörgås", "Räk smörgås"),
        ("هذا هو *\x07?اسم الملف", "هذا هو اسم الملف"),
        ("../foo.txt", ".. foo.txt"),
        ("  \t \n filename in  \t space\r", "filename in space"),
        ("你\ufffd好", "你 好"),
        ("\x00 foo", "foo"),
        # ours, from the same rules (including the Windows reserved names)
        ("Photos", "Photos"),
        ("  spaced  out  ", "spaced out"),
        ("a/b\\c", "a b c"),
        ("Holiday: Photos", "Holiday Photos"),
        ("#%&!@$^[]{};'", ""),
        ('<>:"|?*', ""),
        ("tab\there\x00nul", "tab here nul"),
        ("non\u00a0breaking", "non breaking"),
        ("\ufffdreplaced", "replaced"),
        ("Ünïcödé 写真", "Ünïcödé 写真"),
        ("CON", "-CON"),
        ("nul.txt", "-nul.txt"),
        ("com9.a.b", "-com9.a.b"),
        ("CONSOLE", "CONSOLE"),
    ],
)
def test_sanitize_path_as_syncthing(name, sanitized):
    assert rules.sanitize_path(name) == sanitized


@pytest.mark.parametrize(
    "address, ip",
    [
        ("192.0.2.7:22000", "192.0.2.7"),
        ("tcp://192.0.2.7:22000", "192.0.2.7"),
        ("[2001:db8::1]:22000", "2001:db8::1"),
        ("quic://[2001:db8::1]:22000", "2001:db8::1"),
        ("2001:db8::1", "2001:db8::1"),
        ("relay://relay.example:22067", None),
        ("", None),
    ],
)
def test_address_ip(address, ip):
    assert rules.address_ip(address) == (ipaddress.ip_address(ip) if ip else None)


def test_device_rules_are_checked_with_every_problem_named():
    errors = []
    rules.device_rules(
        [
            {"match": {"device_id": ["nope"]}, "action": "accept", "settings": None},
            {"match": {"address": ["10.0.0.0/33"]}, "action": "ignore", "settings": {"name": "x"}},
            {"match": None, "action": "accept", "settings": {"deviceID": A}},
        ],
        errors,
    )
    assert errors[0].startswith("devices[0].match.device_id: ")
    assert errors[1:] == [
        "devices[1].match.address: '10.0.0.0/33' is not a network in CIDR form (like 192.0.2.0/24)",
        "devices[1]: settings are only used with action accept, not ignore",
        "devices[2]: settings cannot set deviceID; it is the pending entry's own",
    ]


def test_first_matching_device_rule_wins_and_every_key_must_match():
    compiled = rules.device_rules(
        [
            {"match": {"name": ["office-*"], "address": ["192.0.2.0/24"]}, "action": "accept"},
            {"match": {"device_id": [A.lower().replace("-", "")]}, "action": "ignore"},
            {"match": None, "action": "dismiss"},
        ],
        [],
    )
    office = {"name": "office-3", "address": "192.0.2.9:22000"}
    assert rules.first_device_rule(compiled, A, office)["action"] == "accept"
    assert rules.first_device_rule(compiled, A, dict(office, address="198.51.100.1:22000"))["action"] == "ignore"
    assert rules.first_device_rule(compiled, B, dict(office, name="Office-3"))["action"] == "dismiss"  # case counts


def test_folder_rules_match_id_label_and_offering_device():
    errors = []
    compiled = rules.folder_rules(
        [
            {"match": {"id": ["photos-*"], "offered_by": ["nas"]}, "action": "accept"},
            {"match": {"label": ["*Junk*"]}, "action": "ignore"},
        ],
        errors,
    )
    rules.resolve_offered_by(compiled, {"nas": {A}}, errors)
    assert errors == []
    assert rules.first_folder_rule(compiled, "photos-1", "", A)["action"] == "accept"
    assert rules.first_folder_rule(compiled, "photos-1", "", B) is None
    assert rules.first_folder_rule(compiled, "x", "Old Junk", B)["action"] == "ignore"


def test_offered_by_names_an_unknown_device():
    errors = []
    compiled = rules.folder_rules([{"match": {"offered_by": ["ghost"]}, "action": "accept"}], errors)
    rules.resolve_offered_by(compiled, {}, errors)
    assert len(errors) == 1 and errors[0].startswith(
        "folders[0].match.offered_by: 'ghost' is neither a valid device ID"
    )


def test_folder_settings_cannot_choose_id_or_devices():
    errors = []
    rules.folder_rules([{"action": "accept", "settings": {"id": "x", "devices": []}}], errors)
    assert errors == [
        "folders[0]: settings cannot set id; it is the pending entry's own",
        "folders[0]: settings cannot set devices; an accepted folder is shared with the devices offering it",
    ]


def test_auto_accept_path_takes_the_label_then_the_id():
    never = set().__contains__
    assert rules.auto_accept_path("~", "/home/st", "p1", "Holiday: Photos", set(), never) == (
        "~/Holiday Photos",
        None,
    )
    assert rules.auto_accept_path("/srv/sync/", "/home/st", "p1", "", set(), never) == ("/srv/sync/p1", None)
    # taken on disk (on the Syncthing host) or by a configured folder: the next alternative
    on_disk = {"/home/st/Holiday Photos"}.__contains__
    assert rules.auto_accept_path("~", "/home/st", "p1", "Holiday: Photos", set(), on_disk) == ("~/p1", None)
    assert rules.auto_accept_path("~", "/home/st", "p1", "Photos", {"/home/st/Photos"}, never) == ("~/p1", None)


def test_auto_accept_path_refusals():
    never = set().__contains__
    path, reason = rules.auto_accept_path("", "/home/st", "p1", "Photos", set(), never)
    assert path is None and "defaults.folder.path) is empty" in reason
    path, reason = rules.auto_accept_path("~", "/home/st", "p1", "P", {"/home/st/P", "/home/st/p1"}, never)
    assert (
        path is None
        and reason == "every path Syncthing's auto-accept would try (~/P, ~/p1) is taken; give settings.path"
    )
    path, reason = rules.auto_accept_path("~", "/home/st", "::", "//", set(), never)
    assert path is None and "neither its label nor its ID" in reason


def test_expand_tilde():
    assert rules.expand_tilde("~", "/home/st") == "/home/st"
    assert rules.expand_tilde("~/a/../b/", "/home/st") == "/home/st/b"
    assert rules.expand_tilde("/srv/~x", "/home/st") == "/srv/~x"
