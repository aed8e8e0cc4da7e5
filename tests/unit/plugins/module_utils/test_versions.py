# Copyright (c) 2026, syncthing.rest contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""_versions: the one comparison of versions, and the client's at_least built on it."""

import pytest

from ansible_collections.syncthing.rest.plugins.module_utils import _versions as versions
from ansible_collections.syncthing.rest.plugins.module_utils.client import SyncthingError


@pytest.mark.parametrize(
    "version, threshold, expected",
    [
        ((1, 29, 5), (1, 12, 0), True),
        ((1, 12, 0), (1, 12, 0), True),
        ((1, 11, 9), (1, 12, 0), False),
        ((1, 12, 0), (1, 12), True),  # a threshold may leave out the patch level
        ([2, 1, 3], (2, 1, 3), True),  # a list as JSON gives it
        (None, (2, 0, 0), True),  # unknown: the newest behaviour
    ],
)
def test_at_least(version, threshold, expected):
    assert versions.at_least(version, threshold) is expected


def test_the_clients_at_least_reads_the_version_instead_of_taking_it_as_unknown(mocked, client):
    mocked.get(client.api_url + "/rest/system/version", json={"version": "v1.19.2"})
    assert client.at_least(1, 19) and not client.at_least(2)
    assert len(mocked.calls) == 1  # read once, then cached


def test_the_clients_at_least_raises_when_the_version_cannot_be_read(mocked, client):
    mocked.get(client.api_url + "/rest/system/version", json={"version": "unknown-dev"})
    with pytest.raises(SyncthingError, match="cannot read a version from 'unknown-dev'"):
        client.at_least(1, 12)


@pytest.mark.parametrize(
    "version, resets",
    [
        ((1, 19, 2), False),
        ((1, 29, 5), False),
        ((1, 29, 6), True),  # versions.FOLDER_PATCH_RESETS
        ((2, 1, 1), True),
        ((2, 1, 2), False),  # versions.FOLDER_PATCH_FIXED
        ((2, 1, 3), False),
        (None, False),  # unknown: the newest behaviour
    ],
)
def test_folder_patch_resets_fields_from_1_29_6_to_2_1_1(version, resets):
    assert versions.folder_patch_resets_fields(version) is resets


@pytest.mark.parametrize("path", ["/rest/config/defaults/folder", "/rest/config/defaults/device"])
def test_the_templates_need_1_14(path):
    assert versions.endpoint_missing(path, (1, 13, 0)) == (
        f"{path} needs Syncthing 1.14.0 or later; this server is 1.13.0"
    )
    assert versions.endpoint_missing(path, (1, 14, 0)) is None
