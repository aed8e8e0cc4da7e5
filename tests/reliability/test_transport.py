# Copyright (c) 2026, syncthing.rest contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Transport failures (refused, foreign server, slow server, TLS, useTLS redirect) and what does pass with TLS."""

import os
import socket
import subprocess
import sys
import threading
import time

import pytest
from realserver import client_for
from reliab_helpers import adhoc, assert_clean_failure, conn_env, snapshot

TASK = ("syncthing_ignores", {"folder": "ign", "patterns": ["*.never"]})


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def http_server(tmp_path):
    """A plain python http.server on loopback: not Syncthing."""
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"],
        cwd=str(tmp_path),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.time() + 10
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.1)
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    proc.wait(10)


@pytest.fixture
def silent_server():
    """Accepts connections on loopback and never answers (a slow endpoint)."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    held, stop = [], threading.Event()

    def serve():
        sock.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(sock.accept()[0])
            except OSError:
                pass

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    stop.set()
    thread.join(5)
    for conn in held:
        conn.close()
    sock.close()


def _fails(node, pattern, max_seconds=None, **env):
    before = snapshot(node["root"])
    module, args = TASK
    run = adhoc(module, args, env=conn_env(node, **env))
    assert_clean_failure(run, pattern)
    assert snapshot(node["root"]) == before
    assert node["api_key"] not in run.text
    if max_seconds:
        assert run.elapsed < max_seconds, run.elapsed
    return run


def _passes(node, extra, **env):
    module, args = TASK
    run = adhoc(module, dict(args, state="absent", **extra), env=conn_env(node, **env))
    assert run.result["_status"] == "ok", run
    assert run.result["changed"] is False
    return run


def test_refused_port(node):
    _fails(node, r"cannot connect to http://127.0.0.1:9.*(refused|Connection)", SYNCTHING_URL="http://127.0.0.1:9")


def test_not_a_syncthing_server(node, http_server):
    _fails(
        node,
        rf"HTTP 404.*no X-Syncthing-Version header: is {http_server} the address of Syncthing's GUI/API\?",
        SYNCTHING_URL=http_server,
    )


def test_slow_server_short_timeout(node, silent_server):
    run = adhoc(TASK[0], dict(TASK[1], timeout=0.5), env=conn_env(node, SYNCTHING_URL=silent_server))
    assert_clean_failure(run, rf"no answer from {silent_server} within 0.5s")
    assert run.elapsed < 30


def test_https_untrusted_certificate(node):
    _fails(
        node,
        r"TLS error talking to https://.*certificate verify failed",
        SYNCTHING_URL=node["url"].replace("http://", "https://"),
    )


def test_https_own_certificate_by_ip_is_a_name_mismatch(node):
    """Syncthing's own https-cert.pem names the host (os.Hostname()), never 127.0.0.1."""
    run = adhoc(
        TASK[0],
        dict(TASK[1], ca_path=os.path.join(node["home"], "https-cert.pem")),
        env=conn_env(node, SYNCTHING_URL=node["url"].replace("http://", "https://")),
    )
    assert_clean_failure(run, r"TLS error.*(IP address mismatch|not valid for '127.0.0.1')")


def _cert_names(cert):
    text = subprocess.run(
        ["openssl", "x509", "-in", cert, "-noout", "-ext", "subjectAltName"], capture_output=True, text=True, check=True
    ).stdout
    return [part.split(":", 1)[1] for part in text.replace(",", " ").split() if part.startswith("DNS:")]


def test_https_own_certificate_by_its_host_name_meets_the_host_check(node):
    """The name in Syncthing's own certificate verifies, but a GUI on loopback refuses that Host header.

    So Syncthing's own certificate cannot pass verification on a loopback GUI (without insecureSkipHostcheck);
    a certificate made for 127.0.0.1/localhost can (see tls_node).
    """
    cert = os.path.join(node["home"], "https-cert.pem")
    names = [name for name in _cert_names(cert) if _resolves_to_loopback(name)]
    if not names:
        pytest.skip(f"the certificate's names ({_cert_names(cert)}) do not resolve to 127.0.0.1 here")
    url = node["url"].replace("http://127.0.0.1", "https://" + names[0])
    run = adhoc(TASK[0], dict(TASK[1], ca_path=cert), env=conn_env(node, SYNCTHING_URL=url))
    assert_clean_failure(run, r"HTTP 403 Forbidden: Host check error")


def _resolves_to_loopback(name):
    try:
        return socket.gethostbyname(name) == "127.0.0.1"
    except OSError:
        return False


def test_https_validate_certs_false_passes(node):
    _passes(node, {"validate_certs": False}, SYNCTHING_URL=node["url"].replace("http://", "https://"))


@pytest.fixture(scope="module")
def tls_node(nodes, version, tmp_path_factory):
    """A node whose GUI certificate (https-cert.pem/https-key.pem) is made for 127.0.0.1 and localhost; useTLS on."""

    def install_cert(home):
        subprocess.run(
            [
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:P-256",
                "-nodes",
                "-days",
                "30",
                "-subj",
                "/CN=localhost",
                "-addext",
                "subjectAltName=IP:127.0.0.1,DNS:localhost",
                "-keyout",
                os.path.join(home, "https-key.pem"),
                "-out",
                os.path.join(home, "https-cert.pem"),
            ],
            check=True,
            capture_output=True,
        )

    node = nodes.start(version, "tls", before_start=install_cert)
    client_for(node).patch_gui({"useTLS": True})
    time.sleep(1.5)  # the GUI listener restarts after answering
    node["https"] = node["url"].replace("http://", "https://")
    node["ca"] = os.path.join(node["home"], "https-cert.pem")
    yield node
    nodes.stop(node)


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_https_with_ca_path_of_a_cert_for_loopback_passes(tls_node, host):
    url = tls_node["https"].replace("127.0.0.1", host)
    run = adhoc(
        "syncthing_config",
        {"ca_path": tls_node["ca"], "options": {"maxRecvKbps": 0}},
        env=conn_env(tls_node, SYNCTHING_URL=url),
    )
    assert run.result["_status"] == "ok", run
    assert run.result["changed"] is False


def test_http_url_against_use_tls_names_the_redirect(tls_node):
    before = snapshot(tls_node["root"])
    run = adhoc("syncthing_config", {"options": {"maxSendKbps": 5}}, env=conn_env(tls_node))
    assert_clean_failure(run, r"HTTP 307.*redirects to https://.*useTLS.*use url={} ".format(tls_node["https"]))
    assert snapshot(tls_node["root"]) == before
