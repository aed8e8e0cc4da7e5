# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Offline normalisation and validation of Syncthing device IDs.

Public API (semver): ``normalize_device_id``, ``is_valid_device_id``, ``short_id``, ``device_id_from_bytes``,
``device_id_from_certificate``, ``luhn32`` and ``InvalidDeviceID``. Mirrors Syncthing's ``lib/protocol/deviceid.go``.

The modules' rule for options that take a device ID or a configured device's name (``resolve_device``) is
private to the collection: ``_device_names.py``.
"""

import base64
import binascii
import hashlib
import re

ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
LOCAL_DEVICE_ID = "7777777-777777N-7777777-777777N-7777777-777777N-7777777-77777Q4"
_LOOKALIKES = {"0": "O", "1": "I", "8": "B"}


class InvalidDeviceID(ValueError):
    """A device ID that Syncthing would refuse; the message says why."""


def luhn32(group):
    """Return Syncthing's check character for a group of base32 characters."""
    factor = 1
    total = 0
    for char in group:
        index = ALPHABET.find(char)
        if index < 0:
            raise InvalidDeviceID(f"invalid character {char!r}")
        addend = factor * index
        factor = 2 if factor == 1 else 1
        total += addend // 32 + addend % 32
    return ALPHABET[(32 - total % 32) % 32]


def _clean(value):
    text = value.replace("=", "").upper()
    for lookalike, letter in _LOOKALIKES.items():
        text = text.replace(lookalike, letter)
    return text.replace("-", "").replace(" ", "")


def _dashed(chars56):
    return "-".join(chars56[i : i + 7] for i in range(0, 56, 7))


def _with_check_digits(chars52):
    groups = [chars52[i : i + 13] for i in range(0, 52, 13)]
    return "".join(group + luhn32(group) for group in groups)


def normalize_device_id(value):
    """Return the canonical form (``XXXXXXX-…``, 63 chars) of a device ID, or raise InvalidDeviceID.

    Accepts any case, with or without dashes or spaces, the look-alikes 0/1/8 for O/I/B,
    and the old 52-character form without check digits.
    """
    if not isinstance(value, str):
        raise InvalidDeviceID(f"device ID must be a string, got {type(value).__name__}")
    text = _clean(value)
    for char in text:
        if char not in ALPHABET:
            raise InvalidDeviceID(f"device ID {value!r} contains the invalid character {char!r}")
    if len(text) == 56:
        for index in range(4):
            group = text[index * 14 : index * 14 + 13]
            if luhn32(group) != text[index * 14 + 13]:
                raise InvalidDeviceID(f"device ID {value!r}: check digit incorrect in group {index + 1}")
        return _dashed(text)
    if len(text) == 52:
        _decode(text)
        return _dashed(_with_check_digits(text))
    raise InvalidDeviceID(
        f"device ID {value!r} has an incorrect length ({len(text)} characters without dashes; expected 56)"
    )


def _decode(chars52):
    try:
        raw = base64.b32decode(chars52 + "====")
    except (TypeError, ValueError) as exc:
        raise InvalidDeviceID(f"device ID does not decode: {exc}") from exc
    if len(raw) != 32:
        raise InvalidDeviceID("device ID does not decode to 32 bytes")
    return raw


def is_valid_device_id(value):
    """Return True when ``value`` is a device ID Syncthing accepts."""
    try:
        normalize_device_id(value)
    except InvalidDeviceID:
        return False
    return True


def device_id_from_bytes(raw):
    """Return the canonical device ID for 32 raw bytes (the SHA-256 of a certificate)."""
    if len(raw) != 32:
        raise InvalidDeviceID(f"a device ID is made from 32 bytes, got {len(raw)}")
    chars52 = base64.b32encode(raw).decode("ascii").rstrip("=")
    return _dashed(_with_check_digits(chars52))


_PEM_CERTIFICATE = re.compile(r"-----BEGIN CERTIFICATE-----\s*(.*?)\s*-----END CERTIFICATE-----", re.S)


def device_id_from_certificate(pem):
    """Return the canonical device ID of a certificate given as PEM text (``cert.pem`` of a Syncthing home).

    The ID is the SHA-256 of the certificate's DER bytes, in base32 with check digits, as Syncthing computes
    it. The first ``CERTIFICATE`` block is used (a key or other blocks around it are skipped). Raises
    InvalidDeviceID when ``pem`` holds no certificate block or its base64 does not decode.
    """
    if isinstance(pem, bytes):
        pem = pem.decode("ascii", "replace")
    if not isinstance(pem, str):
        raise InvalidDeviceID(f"a certificate in PEM text is needed, not {type(pem).__name__}")
    match = _PEM_CERTIFICATE.search(pem)
    if not match:
        raise InvalidDeviceID(
            "no '-----BEGIN CERTIFICATE-----' block found: give the certificate's PEM text (cert.pem), "
            "not its path, a key or a request"
        )
    try:
        der = base64.b64decode("".join(match.group(1).split()), validate=True)
    except (binascii.Error, ValueError):
        raise InvalidDeviceID("the CERTIFICATE block is not valid base64") from None
    if not der.startswith(b"\x30"):
        raise InvalidDeviceID("the CERTIFICATE block does not hold a DER certificate")
    return device_id_from_bytes(hashlib.sha256(der).digest())


def short_id(value):
    """Return the 7-character short ID (first group) of a device ID."""
    return normalize_device_id(value)[:7]
