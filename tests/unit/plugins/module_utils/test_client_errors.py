# Copyright (c) 2026, syncthing.rest contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""SyncthingClient error mapping: the right subclass, a useful message, never the API key."""

import socket
import threading

import pytest
import requests

from ansible_collections.syncthing.rest.plugins.module_utils import _transport as transport_module
from ansible_collections.syncthing.rest.plugins.module_utils.client import (
    SyncthingAuthError,
    SyncthingClient,
    SyncthingConnectionError,
    SyncthingError,
    SyncthingHTTPError,
    SyncthingMissingLibraryError,
    SyncthingNotFoundError,
    SyncthingTimeoutError,
    SyncthingTLSError,
)


def _all_text(exc):
    return " ".join(str(part) for part in (exc, exc.message, exc.text, exc.args))


@pytest.mark.parametrize(
    "status, body, cls",
    [
        (401, "Not Authorized", SyncthingAuthError),
        (403, "CSRF Error", SyncthingAuthError),
        (403, "Host check error", SyncthingAuthError),
        (404, "No folder with given ID", SyncthingNotFoundError),
        (405, "Method Not Allowed", SyncthingHTTPError),
        (500, "folder nope does not exist", SyncthingHTTPError),
        (501, "upgrade unsupported", SyncthingHTTPError),
    ],
)
def test_http_status_maps_to_subclass(mocked, client, status, body, cls):
    mocked.get(client.api_url + "/rest/db/ignores", status=status, body=body)
    with pytest.raises(cls) as info:
        client.get_ignores("nope")
    exc = info.value
    assert exc.__class__ is cls
    assert isinstance(exc, SyncthingHTTPError) and isinstance(exc, SyncthingError)
    assert (exc.method, exc.path, exc.status, exc.text) == ("GET", "/rest/db/ignores", status, body)
    message = str(exc)
    assert message.startswith(f"GET /rest/db/ignores failed: HTTP {status} ")
    hint = " [the API key was not accepted: check api_key]" if body in ("Not Authorized", "CSRF Error") else ""
    assert message.endswith(": " + body + hint)


def test_write_error_names_method_and_path(mocked, client):
    mocked.get(client.api_url + "/rest/system/version", json={"version": "v2.1.3"})
    mocked.patch(client.api_url + "/rest/config/folders/f1", status=404, body="No folder with given ID")
    with pytest.raises(
        SyncthingNotFoundError, match=r"^PATCH /rest/config/folders/f1 failed: HTTP 404 Not Found: No folder"
    ):
        client.patch_folder("f1", {"paused": True})


def test_error_without_text_says_so(mocked, client):
    mocked.post(client.api_url + "/rest/db/scan", status=500, body="")
    with pytest.raises(SyncthingHTTPError, match=r"HTTP 500 Internal Server Error: \(no text\)$"):
        client.scan("f1")


def test_error_keeps_server_text_verbatim(mocked, client):
    mocked.get(client.api_url + "/rest/system/status", status=500, body="two  spaces")
    with pytest.raises(SyncthingHTTPError, match=r"two  spaces$"):
        client.get_status()


@pytest.mark.parametrize("status", [401, 403, 404, 500])
def test_api_key_echoed_by_server_is_masked(mocked, client, status):
    mocked.get(
        client.api_url + "/rest/system/status",
        status=status,
        body=f"bad key {client.api_key} (X-API-Key: {client.api_key})",
    )
    with pytest.raises(SyncthingHTTPError) as info:
        client.get_status()
    assert client.api_key not in _all_text(info.value)
    assert "bad key ******** (X-API-Key: ********)" in str(info.value)


def test_api_key_in_connection_error_text_is_masked(mocked, client):
    mocked.post(
        client.api_url + "/rest/system/restart",
        body=requests.exceptions.ConnectionError(f"reset while sending {client.api_key}"),
    )
    with pytest.raises(SyncthingConnectionError) as info:
        client.restart()
    assert client.api_key not in _all_text(info.value)
    assert "POST /rest/system/restart failed" in str(info.value)


def test_non_json_answer_is_a_clear_error(mocked, client):
    mocked.get(
        client.api_url + "/rest/system/version", body="<html>a router login page</html>", content_type="text/html"
    )
    with pytest.raises(SyncthingHTTPError) as info:
        client.get_version()
    message = str(info.value)
    assert message.startswith("GET /rest/system/version failed: HTTP 200")
    assert "not JSON" in message and client.api_url in message and "router login page" in message


def _closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_refused_connection_is_a_connection_error():
    client = SyncthingClient("k" * 32, f"http://127.0.0.1:{_closed_port()}", retries=1, backoff=0)
    with pytest.raises(SyncthingConnectionError) as info:
        client.get_status()
    exc = info.value
    assert exc.__class__ is SyncthingConnectionError
    assert str(exc).startswith("GET /rest/system/status failed: cannot connect to http://127.0.0.1:")
    assert exc.status is None and "k" * 32 not in _all_text(exc)


def test_timeout_is_a_timeout_error():
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)  # accepts the TCP connection into the backlog, never answers
        client = SyncthingClient("key", f"http://127.0.0.1:{server.getsockname()[1]}", timeout=0.3, retries=3)
        with pytest.raises(SyncthingTimeoutError) as info:
            client.get_status()
    assert isinstance(info.value, SyncthingConnectionError)
    assert str(info.value).startswith("GET /rest/system/status failed: no answer from http://127.0.0.1:")
    assert "within 0.3s" in str(info.value)
    assert client.request_count == 1, "a timeout is not retried"


def test_mocked_read_timeout_is_a_timeout_error(mocked, client):
    mocked.get(client.api_url + "/rest/db/status", body=requests.exceptions.ReadTimeout("read timed out"))
    with pytest.raises(SyncthingTimeoutError, match=r"^GET /rest/db/status failed: no answer"):
        client.get_folder_status("f1")


@pytest.fixture
def plain_http_server():
    """A loopback server that answers every connection with plain HTTP (no TLS)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(5)
    server.settimeout(0.1)
    stop = threading.Event()

    def serve():
        while not stop.is_set():
            try:
                conn, _dummy = server.accept()
            except OSError:
                continue
            with conn:
                conn.settimeout(2)
                conn.recv(1024)
                conn.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    stop.set()
    thread.join(5)
    server.close()


def test_https_to_plain_http_is_a_tls_error(plain_http_server):
    client = SyncthingClient("key", f"https://127.0.0.1:{plain_http_server}", timeout=5, retries=3, backoff=0)
    with pytest.raises(SyncthingTLSError) as info:
        client.get_status()
    assert isinstance(info.value, SyncthingConnectionError)
    assert str(info.value).startswith("GET /rest/system/status failed: TLS error talking to https://127.0.0.1:")
    assert client.request_count == 1, "a TLS failure is not retried"


def test_mocked_certificate_failure_is_a_tls_error(mocked, client):
    mocked.get(
        client.api_url + "/rest/system/ping",
        body=requests.exceptions.SSLError("certificate verify failed: self-signed certificate"),
    )
    with pytest.raises(SyncthingTLSError, match="certificate verify failed"):
        client.get_ping()


def test_missing_requests_library(monkeypatch):
    monkeypatch.setattr(transport_module, "requests", None)
    with pytest.raises(SyncthingMissingLibraryError) as info:
        SyncthingClient("key")
    assert isinstance(info.value, SyncthingError)
    assert "'requests' is required" in str(info.value) and "pip install requests" in str(info.value)


def _gui_answer_lost(mocked, client, stored_theme):
    mocked.patch(client.api_url + "/rest/config/gui", body=requests.exceptions.ConnectionError("Connection aborted."))
    mocked.get(client.api_url + "/rest/config/gui", json={"theme": stored_theme, "address": "127.0.0.1:8384"})


def test_gui_write_whose_answer_is_lost_to_the_listener_restart_is_read_back(mocked, client):
    _gui_answer_lost(mocked, client, stored_theme="dark")
    assert client.patch_gui({"theme": "dark", "password": "not-compared"}) is None
    assert [call.request.method for call in mocked.calls] == ["PATCH", "GET"]
    assert client.write_count == 1  # it landed


def test_gui_write_whose_answer_is_lost_and_not_stored_raises(mocked, client):
    _gui_answer_lost(mocked, client, stored_theme="light")
    with pytest.raises(SyncthingConnectionError, match="PATCH /rest/config/gui failed") as info:
        client.patch_gui({"theme": "dark"})
    assert [call.request.method for call in mocked.calls] == ["PATCH", "GET"]
    assert info.value.applied is False and client.write_count == 0


def test_gui_password_only_write_whose_answer_is_lost_raises_without_reading(mocked, client):
    mocked.patch(client.api_url + "/rest/config/gui", body=requests.exceptions.ConnectionError("Connection aborted."))
    with pytest.raises(SyncthingConnectionError) as info:
        client.patch_gui({"password": "secret"})
    assert [call.request.method for call in mocked.calls] == ["PATCH"]
    assert info.value.applied is None  # unknown


def test_certificate_failure_gives_the_options_that_fix_it_not_urllib3s_text(mocked, client):
    raw = (
        "HTTPSConnectionPool(host='127.0.0.1', port=8384): Max retries exceeded with url: /rest/system/ping (Caused by "
        "SSLError(SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: "
        "self-signed certificate (_ssl.c:1006)')))"
    )
    mocked.get(client.api_url + "/rest/system/ping", body=requests.exceptions.SSLError(raw))
    with pytest.raises(SyncthingTLSError) as info:
        client.get_ping()
    assert str(info.value) == (
        f"GET /rest/system/ping failed: TLS error talking to {client.api_url}: the server's certificate was not "
        "accepted (certificate verify failed: self-signed certificate); give the CA certificate that signed it (for "
        "Syncthing's own certificate: its https-cert.pem, with a url naming the host the certificate names) with "
        "ca_path, or set validate_certs=false"
    )
