# Copyright (c) 2026, syncthing.rest contributors
# SPDX-License-Identifier: GPL-3.0-or-later
import pytest

from ansible_collections.syncthing.rest.plugins.module_utils._device_names import (
    UnknownDevice,
    names_to_ids,
    resolve_device,
)
from ansible_collections.syncthing.rest.plugins.module_utils.device_id import (
    LOCAL_DEVICE_ID,
    InvalidDeviceID,
    device_id_from_bytes,
    is_valid_device_id,
    luhn32,
    normalize_device_id,
    short_id,
)

DOCS_ID = "MFZWI3D-BONSGYC-YLTMRWG-C43ENR5-QXGZDMM-FZWI3DP-BONSGYY-LTMRWAD"
OLD_52 = "MFZWI3DBONSGYYLTMRWGC43ENRQXGZDMMFZWI3DBONSGYYLTMRWA"


@pytest.mark.parametrize(
    "given",
    [
        DOCS_ID,
        DOCS_ID.lower(),
        DOCS_ID.replace("-", ""),
        DOCS_ID.replace("-", " "),
        "  " + DOCS_ID + "  ",
        OLD_52,
        OLD_52.lower(),
        DOCS_ID.replace("O", "0").replace("I", "1").replace("B", "8"),
    ],
)
def test_accepted_forms_normalise_to_canonical(given):
    assert normalize_device_id(given) == DOCS_ID


def test_local_device_id_is_valid():
    assert normalize_device_id(LOCAL_DEVICE_ID) == LOCAL_DEVICE_ID
    assert device_id_from_bytes(b"\xff" * 32) == LOCAL_DEVICE_ID


def test_check_digit_of_each_group():
    compact = DOCS_ID.replace("-", "")
    for index in range(4):
        group = compact[index * 14 : index * 14 + 13]
        assert luhn32(group) == compact[index * 14 + 13]


@pytest.mark.parametrize("position", range(56))
def test_any_single_corrupted_character_is_refused(position):
    compact = list(DOCS_ID.replace("-", ""))
    compact[position] = "A" if compact[position] != "A" else "C"
    with pytest.raises(InvalidDeviceID, match="check digit incorrect"):
        normalize_device_id("".join(compact))


@pytest.mark.parametrize(
    "given, reason",
    [
        (DOCS_ID[:-1], "incorrect length"),
        (DOCS_ID + "A", "incorrect length"),
        ("", "incorrect length"),
        ("MFZWI3D-BONSGYC-YLTMRWG-C43ENR5-QXGZDMM-FZWI3DP-BONSGYY-LTMRWA!", "invalid character"),
        ("not a device id", "invalid character|incorrect length"),
    ],
)
def test_invalid_ids_say_why(given, reason):
    with pytest.raises(InvalidDeviceID, match=reason):
        normalize_device_id(given)
    assert not is_valid_device_id(given)


def test_non_string_is_refused():
    with pytest.raises(InvalidDeviceID, match="must be a string"):
        normalize_device_id(12)


def test_short_id():
    assert short_id(DOCS_ID.lower()) == "MFZWI3D"


def test_device_id_from_bytes_roundtrip():
    raw = bytes(range(32))
    assert normalize_device_id(device_id_from_bytes(raw)) == device_id_from_bytes(raw)
    with pytest.raises(InvalidDeviceID):
        device_id_from_bytes(b"short")


PEER_ID = "AIR6LPZ-7K4PTTV-UXQSMUU-CPQ5YWH-OEDFIIQ-JUG777G-2YQXXR5-YD6AWQR"
NAMES = names_to_ids([(DOCS_ID, "nas"), (PEER_ID, "laptop"), (LOCAL_DEVICE_ID, "laptop"), (OLD_52, "")])


def test_names_to_ids_skips_empty_names():
    assert names_to_ids([(DOCS_ID, "nas"), (OLD_52, "")]) == {"nas": {DOCS_ID}}
    assert NAMES["laptop"] == {PEER_ID, LOCAL_DEVICE_ID}


@pytest.mark.parametrize("given", [DOCS_ID, DOCS_ID.lower().replace("-", ""), OLD_52, "nas"])
def test_resolve_device_takes_an_id_in_any_form_or_a_name(given):
    assert resolve_device(given, NAMES) == DOCS_ID


def test_resolve_device_an_id_wins_over_a_device_named_like_one():
    assert resolve_device(PEER_ID.lower(), names_to_ids([(DOCS_ID, PEER_ID.lower())])) == PEER_ID


def test_resolve_device_refuses_an_ambiguous_name_naming_every_match():
    with pytest.raises(InvalidDeviceID) as caught:
        resolve_device("laptop", NAMES)
    assert not isinstance(caught.value, UnknownDevice)
    assert str(caught.value) == "device name 'laptop' is ambiguous, it matches {}, {}; use the device ID".format(
        *sorted([PEER_ID, LOCAL_DEVICE_ID])
    )


@pytest.mark.parametrize(
    "given, reason, unknown",
    [
        ("desktop", "incorrect length", True),
        ("NAS", "incorrect length", True),
        # a mistyped ID: no device added later can make it valid, so it is never just "unknown"
        (DOCS_ID[:-1] + "E", "check digit incorrect", False),
        (DOCS_ID.replace("-", "").lower()[:-1] + "e", "check digit incorrect", False),
    ],
)
def test_resolve_device_refuses_what_is_neither_an_id_nor_a_name(given, reason, unknown):
    with pytest.raises(InvalidDeviceID, match=reason) as caught:
        resolve_device(given, NAMES)
    assert isinstance(caught.value, UnknownDevice) is unknown
    assert str(caught.value).startswith(f"{given!r} is neither a valid device ID (")
    assert str(caught.value).endswith(") nor the name of a configured device")
