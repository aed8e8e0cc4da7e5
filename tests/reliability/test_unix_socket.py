# Copyright (c) 2026, syncthing.rest contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""A Syncthing GUI/API on a Unix socket (gui address "/path/gui.sock", as NixOS sets it), on real servers.

The socket transport is the optional library requests-unixsocket2; ``make unixsocket-lib`` installs it apart from
.venv (into $UNIXSOCKET_LIB), and these tests put it on the modules' path only where they mean to.
"""

import os
import re
import sys

import pytest
from realserver import client_for
from reliab_helpers import adhoc, assert_clean_failure

LIB = os.environ.get("UNIXSOCKET_LIB", "")


@pytest.fixture(scope="module")
def lib_env():
    """The environment that lets the modules (and this process) import requests_unixsocket."""
    if not os.path.isdir(os.path.join(LIB, "requests_unixsocket")):
        pytest.fail(f"requests-unixsocket2 is not installed in UNIXSOCKET_LIB={LIB!r}: run make unixsocket-lib")
    if LIB not in sys.path:
        sys.path.append(LIB)
    return {"PYTHONPATH": os.pathsep.join(part for part in (os.environ.get("PYTHONPATH"), LIB) if part)}


@pytest.fixture
def socket_node(nodes, version):
    node = nodes.start(version, "sock", gui_socket=True)
    yield node
    nodes.stop(node)


def test_a_unix_socket_url_works_and_a_change_is_idempotent(socket_node, lib_env):
    url = socket_node["url"]
    assert url.startswith("unix:///") and os.path.exists(url[len("unix://") :])
    env = dict(lib_env, SYNCTHING_URL=url, SYNCTHING_API_KEY=socket_node["api_key"])
    run = adhoc("syncthing_info", {"gather": ["version", "status"]}, env=env)
    assert run.rc == 0 and run.result["status"]["myID"] == socket_node["device_id"], run
    assert run.result["version"]["version"].startswith("v" + socket_node["version"]), run
    for changed in (True, False):
        run = adhoc("syncthing_config", {"options": {"maxRecvKbps": 777}}, env=env)
        assert run.rc == 0 and run.result["changed"] is changed, run
    assert client_for(socket_node).get_options()["maxRecvKbps"] == 777


def test_discovery_from_config_xml_finds_the_socket(socket_node, lib_env):
    """No url, no api_key: both come from config.xml, whose GUI address is the socket's path."""
    env = dict(lib_env, STHOMEDIR=socket_node["home"])
    run = adhoc("syncthing_info", {"gather": ["status"]}, env=env)
    assert run.rc == 0 and run.result["status"]["myID"] == socket_node["device_id"], run


def test_without_the_library_the_error_names_it(socket_node):
    env = {"SYNCTHING_URL": socket_node["url"], "SYNCTHING_API_KEY": socket_node["api_key"]}
    run = adhoc("syncthing_info", {"gather": ["status"]}, env=env)
    assert_clean_failure(
        run,
        rf"^url {socket_node['url']} is a Unix socket, which needs the Python library 'requests-unixsocket2' \(or "
        r"'requests-unixsocket'\) where the module runs; install it with 'pip install requests-unixsocket2'$",
    )


def test_bad_socket_urls_and_a_missing_socket_get_clear_errors(socket_node, lib_env):
    key = {"SYNCTHING_API_KEY": socket_node["api_key"]}
    run = adhoc("syncthing_info", {"gather": ["status"]}, env=dict(lib_env, SYNCTHING_URL="unix://gui.sock", **key))
    assert_clean_failure(run, r"^url: 'unix://gui.sock': give the absolute path of the socket after unix://")
    gone = socket_node["url"] + ".gone"
    run = adhoc("syncthing_info", {"gather": ["status"], "timeout": 1}, env=dict(lib_env, SYNCTHING_URL=gone, **key))
    assert_clean_failure(run, rf"cannot connect to {gone}: is Syncthing running at {gone}\? \(\[Errno 2\]")


def test_a_discovered_socket_address_with_tls_is_checked_like_a_given_url(socket_node, lib_env, tmp_path):
    """config.xml says useTLS on the socket: refused naming config.xml (before: a nonsense http:///path:8384 URL)."""
    with open(os.path.join(socket_node["home"], "config.xml")) as handle:
        text = handle.read()
    home = tmp_path / "home"
    home.mkdir()
    with_tls = re.sub(r'(<gui [^>]*)tls="false"', r'\1tls="true"', text, count=1)
    assert with_tls != text
    (home / "config.xml").write_text(with_tls)
    run = adhoc("syncthing_info", {"gather": ["status"]}, env=dict(lib_env, STHOMEDIR=str(home)))
    assert_clean_failure(
        run,
        r"^url: 'unixs:///.*gui\.sock': a GUI on a Unix socket with TLS .* is not supported: .*\(the GUI address in "
        rf"{home}/config\.xml\); set the url option to an address this module can use$",
    )
