# Copyright (c) 2026, syncthing.rest contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""The client never follows redirects (the API key would go along), names a refused key and a non-Syncthing server."""

import pytest

from ansible_collections.syncthing.rest.plugins.module_utils.client import (
    SyncthingAuthError,
    SyncthingHTTPError,
    SyncthingNotFoundError,
    SyncthingTLSError,
)

URL = "http://st.test:8384"  # the client fixture's address
HTTPS = "https://st.test:8384"


@pytest.mark.parametrize("method", ["GET", "PATCH"])
def test_https_redirect_is_a_tls_error_naming_the_https_url(mocked, client, method):
    mocked.add(
        method,
        URL + "/rest/config/options",
        status=307,
        headers={"Location": HTTPS + "/rest/config/options"},
        body="<a>Temporary Redirect</a>",
    )
    with pytest.raises(SyncthingTLSError) as info:
        client.request(method, "/rest/config/options", body={} if method == "PATCH" else None)
    message = str(info.value)
    assert "HTTP 307" in message and "useTLS" in message
    assert f"use url={HTTPS} " in message
    assert len(mocked.calls) == 1


def test_other_redirect_is_not_followed_and_never_carries_the_key(mocked, client):
    mocked.add("GET", URL + "/rest/system/version", status=302, headers={"Location": "http://elsewhere.test/x"})
    with pytest.raises(SyncthingHTTPError) as info:
        client.get_version()
    assert "http://elsewhere.test/x" in str(info.value) and "not followed" in str(info.value)
    assert [call.request.url for call in mocked.calls] == [URL + "/rest/system/version"]
    assert client.api_key not in str(info.value)


def test_error_without_syncthing_header_names_a_foreign_server(mocked, client):
    mocked.add(
        "GET", URL + "/rest/system/version", status=404, body="<html>" + "x" * 500 + "</html>", content_type="text/html"
    )
    with pytest.raises(SyncthingNotFoundError) as info:
        client.get_version()
    message = str(info.value)
    assert message.endswith(f"[no X-Syncthing-Version header: is {URL} the address of Syncthing's GUI/API?]")
    assert info.value.text.startswith("<html>")


def test_syncthing_error_keeps_its_text(mocked, client):
    mocked.add(
        "GET", URL + "/rest/db/status", status=404, body="no such folder\n", headers={"X-Syncthing-Version": "v1.29.5"}
    )
    with pytest.raises(SyncthingNotFoundError) as info:
        client.get_folder_status("nope")
    assert str(info.value).endswith("no such folder")


@pytest.mark.parametrize("status,body", [(403, "CSRF Error\n"), (401, "Not Authorized\n"), (403, "Forbidden\n")])
def test_refused_api_key_is_named(mocked, client, status, body):
    mocked.add("GET", URL + "/rest/system/version", status=status, body=body)
    with pytest.raises(SyncthingAuthError) as info:
        client.get_version()
    assert str(info.value).endswith(f"{body.strip()} [the API key was not accepted: check api_key]")
    assert info.value.text == body


def test_host_check_error_is_kept_as_is(mocked, client):
    mocked.add("GET", URL + "/rest/system/version", status=403, body="Host check error\n")
    with pytest.raises(SyncthingAuthError) as info:
        client.get_version()
    assert str(info.value).endswith("Host check error")
