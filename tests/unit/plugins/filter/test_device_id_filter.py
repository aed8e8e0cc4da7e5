# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The filter syncthing.rest.device_id and device_id_from_certificate: a certificate's device ID, offline."""

import re
import subprocess
import sys

import pytest

from ansible_collections.syncthing.rest.plugins.filter.device_id import FilterModule
from ansible_collections.syncthing.rest.plugins.module_utils.device_id import (
    InvalidDeviceID,
    device_id_from_certificate,
)

# cert.pem of a home made by `syncthing generate` (1.29.5), which printed "Device ID: <CERT_ID>"
CERT = """\
-----BEGIN CERTIFICATE-----
MIICHTCCAaKgAwIBAgIIKy3waAEccqYwCgYIKoZIzj0EAwIwSjESMBAGA1UEChMJ
U3luY3RoaW5nMSAwHgYDVQQLExdBdXRvbWF0aWNhbGx5IEdlbmVyYXRlZDESMBAG
A1UEAxMJc3luY3RoaW5nMB4XDTI2MTIwNjAwMDAwMFoXDTQ2MTIwMTAwMDAwMFow
SjESMBAGA1UEChMJU3luY3RoaW5nMSAwHgYDVQQLExdBdXRvbWF0aWNhbGx5IEdl
bmVyYXRlZDESMBAGA1UEAxMJc3luY3RoaW5nMHYwEAYHKoZIzj0CAQYFK4EEACID
YgAE3hkvaDEqR2gbDOSBpIoUHf5yIGrfUvGl4nZmKGuQ0cmKDygRNUF5EWsW313s
MbwVU//GIEu3D54VzLlylAAtWuM8jrBzvHwERze333EPXMPqrFED6eynvxf2SOrF
pL8mo1UwUzAOBgNVHQ8BAf8EBAMCBaAwHQYDVR0lBBYwFAYIKwYBBQUHAwEGCCsG
AQUFBwMCMAwGA1UdEwEB/wQCMAAwFAYDVR0RBA0wC4IJc3luY3RoaW5nMAoGCCqG
SM49BAMCA2kAMGYCMQDfVF0v4VYjrG1sORLn+ho259WDr63J9SPXR9QBMCZRESw5
zWbVvpytpu/eA4AEvp0CMQC9+rfbBYeJnM8MNGSgNFtnL1M6Q/Q2D5RZkjRCo4YF
wKjDuu+TBcPe/eOzRKL6J1k=
-----END CERTIFICATE-----
"""
CERT_ID = "3M5JXIU-QIWEFTM-COKPPC6-RBXCHCE-TLSZYJE-WCLHQ7Y-ASENDBB-LMKOGAH"
KEY_BLOCK = "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIDummyDummyDummy\n-----END EC PRIVATE KEY-----\n"

device_id = FilterModule().filters()["device_id"]


def test_the_id_syncthing_printed_for_its_certificate():
    assert device_id(CERT) == CERT_ID


@pytest.mark.parametrize(
    "text",
    [
        KEY_BLOCK + CERT,  # a key before it is skipped
        CERT + CERT.replace("MII", "MIJ"),  # only the first certificate counts
        "  " + CERT.replace("\n", "\r\n"),  # Windows line ends, leading blanks
        CERT.encode("ascii"),
    ],
)
def test_other_blocks_line_ends_and_bytes(text):
    assert device_id_from_certificate(text) == CERT_ID


@pytest.mark.parametrize(
    "text, message",
    [
        (
            "/var/lib/syncthing/cert.pem",
            "no '-----BEGIN CERTIFICATE-----' block found: give the certificate's PEM text",
        ),
        (KEY_BLOCK, "no '-----BEGIN CERTIFICATE-----' block found"),
        ("-----BEGIN CERTIFICATE-----\nnot*base64\n-----END CERTIFICATE-----", "is not valid base64"),
        ("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----", "does not hold a DER certificate"),
        (None, "a certificate in PEM text is needed, not NoneType"),
    ],
)
def test_what_is_not_a_certificate_fails_saying_why(text, message):
    with pytest.raises(InvalidDeviceID, match=re.escape(message)):
        device_id_from_certificate(text)


def test_the_filter_raises_an_ansible_filter_error_naming_itself():
    """In a process of its own: importing ansible.errors would change how the other unit tests see warnings."""
    code = (
        "from ansible_collections.syncthing.rest.plugins.filter.device_id import device_id\n"
        "try:\n    device_id('/var/lib/syncthing/cert.pem')\n"
        "except Exception as exc:\n"
        "    from ansible.errors import AnsibleFilterError\n"
        "    print(isinstance(exc, AnsibleFilterError), exc, sep='|')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    is_filter_error, message = out.strip().split("|", 1)
    assert is_filter_error == "True"
    assert message.startswith("syncthing.rest.device_id: no '-----BEGIN CERTIFICATE-----' block found")
