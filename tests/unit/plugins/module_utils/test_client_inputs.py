# Copyright (c) 2026, syncthing.rest contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""What the client refuses or cleans before sending anything (field reports of a client user), and login's hint."""

import pytest
from responses import matchers

from ansible_collections.syncthing.rest.plugins.module_utils.client import (
    SyncthingAuthError,
    SyncthingClient,
    SyncthingNotFoundError,
    SyncthingValidationError,
)
from ansible_collections.syncthing.rest.tests.unit.conftest import KEY, URL


@pytest.mark.parametrize("raw", [KEY + "\n", KEY + "\r\n", "  " + KEY + "\t"])
def test_a_key_read_from_a_file_is_sent_without_its_line_break(mocked, raw):
    """A field report: the key with its line break reached requests, which printed it in the error message."""
    mocked.add(
        "GET", URL + "/rest/system/ping", json={"ping": "pong"}, match=[matchers.header_matcher({"X-API-Key": KEY})]
    )
    assert SyncthingClient(raw, URL).get_ping() == {"ping": "pong"}


@pytest.mark.parametrize("raw", ["my-secret\nkey", "my-secret\tkey", "my-secret-k\u00e9y", "my-secret\x00key"])
def test_a_key_no_header_can_carry_is_refused_without_showing_it(raw):
    with pytest.raises(SyncthingValidationError) as info:
        SyncthingClient(raw, URL)
    assert "api_key contains a character an HTTP header cannot carry" in str(info.value)
    assert "my-secret" not in str(info.value)


def test_a_key_that_is_not_a_string_is_refused_by_type():
    with pytest.raises(SyncthingValidationError, match="api_key must be a string, not int"):
        SyncthingClient(12345, URL)


@pytest.mark.parametrize("lines", ["abc", None, 5, ["ok", 3]])
def test_default_ignores_are_checked_like_new_ignores(mocked, lines):
    """A field report: set_default_ignores("abc") stored the lines a, b and c."""
    with pytest.raises(SyncthingValidationError, match="set_default_ignores: "):
        SyncthingClient(KEY, URL).set_default_ignores(lines)
    assert not mocked.calls


def test_default_ignores_take_an_ignore_object_too(mocked):
    mocked.add(
        "PUT",
        URL + "/rest/config/defaults/ignores",
        body="",
        match=[matchers.json_params_matcher({"lines": ["*.tmp"]})],
    )
    assert SyncthingClient(KEY, URL).set_default_ignores({"ignore": ["*.tmp"]}) is None


def test_a_refused_login_names_the_credentials_not_the_api_key(mocked):
    mocked.add("POST", URL + "/rest/noauth/auth/password", status=403, body="Forbidden")
    with pytest.raises(SyncthingAuthError) as info:
        SyncthingClient("", URL).login("alice", "nope")
    assert "[the user name or password was not accepted]" in str(info.value)
    assert "api_key" not in str(info.value)


@pytest.mark.parametrize(
    "method,path,version,hint",
    [
        (
            "get_paths",
            "/rest/system/paths",
            "v1.19.2",
            "[/rest/system/paths needs Syncthing 1.21.0 or later; this server is 1.19.2]",
        ),
        (
            "get_health",
            "/rest/noauth/health",
            "v1.19.2",
            "[/rest/noauth/health needs Syncthing 1.22.1 or later; this server",
        ),
        (
            "get_loglevels",
            "/rest/system/loglevels",
            "v1.29.5",
            "[/rest/system/loglevels needs Syncthing 2.0.0 or later;",
        ),
        (
            "get_debug",
            "/rest/system/debug",
            "v2.1.3",
            "[Syncthing 2.0.0 removed /rest/system/debug; this server is 2.1.3]",
        ),
        (
            "get_peer_completion",
            "/rest/debug/peerCompletion",
            "v2.1.3",
            "[Syncthing 2.0.0 removed /rest/debug/peerCompletion;",
        ),
    ],
)
def test_a_404_from_a_version_without_the_endpoint_says_so(mocked, method, path, version, hint):
    """A field report: these were a bare 404 page not found, like an unknown folder."""
    mocked.add("GET", URL + path, status=404, body="404 page not found\n", headers={"X-Syncthing-Version": version})
    with pytest.raises(SyncthingNotFoundError) as info:
        getattr(SyncthingClient(KEY, URL), method)()
    assert hint in str(info.value)


def test_a_404_from_a_version_with_the_endpoint_has_no_version_hint(mocked):
    mocked.add(
        "GET",
        URL + "/rest/system/paths",
        status=404,
        body="404 page not found\n",
        headers={"X-Syncthing-Version": "v1.29.5"},
    )
    with pytest.raises(SyncthingNotFoundError) as info:
        SyncthingClient(KEY, URL).get_paths()
    assert "needs Syncthing" not in str(info.value) and "removed" not in str(info.value)


@pytest.mark.parametrize("method", ["new_ignores", "set_default_ignores"])
def test_an_ignore_line_with_a_line_break_is_refused(mocked, method):
    """A field report: Syncthing split such a line in two."""
    client = SyncthingClient(KEY, URL)
    args = ("f1", ["ok", "two\nlines"]) if method == "new_ignores" else (["ok", "two\r\nlines"],)
    with pytest.raises(SyncthingValidationError, match=f"{method}: an ignore line cannot contain a line break"):
        getattr(client, method)(*args)
    assert not mocked.calls
