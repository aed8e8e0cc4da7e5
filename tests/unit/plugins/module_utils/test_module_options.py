# Copyright (c) 2026, syncthing.rest contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""The options every module shares, checked before anything is sent: the URL and the options given in seconds."""

import pytest

from ansible_collections.syncthing.rest.plugins.module_utils import _module, _transport
from ansible_collections.syncthing.rest.plugins.modules import syncthing_folder_scan, syncthing_info
from ansible_collections.syncthing.rest.tests.unit.plugins.modules.utils import KEY, URL, run_main


@pytest.mark.parametrize(
    "args,message",
    [
        ({"timeout": 0}, "timeout: must be greater than 0 seconds, got 0.0"),
        ({"timeout": -1}, "timeout: must be greater than 0 seconds, got -1.0"),
        ({"timeout": "inf"}, "timeout: inf is not a number of seconds this module can wait (at most 1000000000)"),
        ({"timeout": "nan"}, "timeout: nan is not a number of seconds this module can wait"),
        ({"timeout": 1e10}, "timeout: 10000000000.0 is not a number of seconds this module can wait"),
        ({"url": "127.0.0.1:8384"}, "url: '127.0.0.1:8384' is not an http:// or https:// URL"),
        ({"url": "localhost:8384"}, "url: 'localhost:8384' is not an http:// or https:// URL"),
        ({"url": "ftp://st.test"}, "url: 'ftp://st.test' is not an http:// or https:// URL"),
        ({"url": URL + "/rest/"}, "ends in /rest; give the address of Syncthing's GUI"),
    ],
)
def test_bad_connection_options_fail_before_any_request(mocked, capsys, args, message):
    result = run_main(capsys, syncthing_info.main, dict({"url": URL, "api_key": KEY, "gather": ["version"]}, **args))
    assert result["failed"] is True and message in result["msg"]
    assert not mocked.calls


def test_a_path_prefix_before_the_api_is_a_url_like_any_other():
    assert _module.option_problems({"url": "https://host.test/syncthing/"}) == []


@pytest.mark.parametrize(
    "args,message",
    [
        ({"wait_timeout": 0}, "wait_timeout: must be greater than 0 seconds, got 0"),
        ({"wait_timeout": -1}, "wait_timeout: must be greater than 0 seconds, got -1"),
        ({"wait_timeout": 10**12}, "wait_timeout: 1000000000000 is not a number of seconds this module can wait"),
        ({"delay": -5}, "delay: must be 0 or more seconds, got -5"),
    ],
)
def test_bad_seconds_fail_before_any_scan(mocked, capsys, args, message):
    result = run_main(capsys, syncthing_folder_scan.main, dict({"url": URL, "api_key": KEY, "folder": "docs"}, **args))
    assert result["failed"] is True and message in result["msg"]
    assert not mocked.calls


def test_a_delay_of_zero_is_allowed():
    assert _module.option_problems({"delay": 0, "timeout": 0.5, "wait_timeout": 1}) == []


def test_a_password_in_the_url_is_never_shown(mocked, capsys, monkeypatch):
    """A field report: the password of http://user:password@host was printed in the "cannot connect" message."""
    monkeypatch.setattr(_transport.time, "sleep", lambda seconds: None)  # the retries of an unreachable server
    url = "http://admin:pw-in-the-url@st.test:1"
    result = run_main(
        capsys, syncthing_info.main, {"url": url, "api_key": KEY, "gather": ["version"]}, secrets=(KEY, "pw-in-the-url")
    )
    assert result["failed"] is True and "cannot connect to http://admin:********@st.test:1" in result["msg"]


@pytest.mark.parametrize(
    "params,hidden",
    [
        ({"gui": {"password": ["in-a-list"]}}, {"in-a-list"}),
        ({"gui": {"password": {"x": "in-a-dict"}}}, {"in-a-dict"}),
        ({"folders": [{"devices": [{"encryptionPassword": 123456789}]}]}, {"123456789"}),
        ({"gui": {"password": [None, True, ""]}}, set()),
    ],
)
def test_secrets_given_in_the_wrong_shape_are_still_hidden(params, hidden):
    """A field report: the "expected a string, got [...]" message showed such a password."""
    assert _module.secret_values(params) == hidden


@pytest.mark.parametrize(
    "url,shown",
    [
        ("admin:pw-in-the-url@127.0.0.1:8384", "'********@127.0.0.1:8384' is not an http:// or https:// URL"),
        ("http://admin:pw-in-the-url@st.test:8384/rest", "'http://********@st.test:8384/rest' ends in /rest"),
    ],
)
def test_a_bad_url_is_shown_without_its_password(mocked, capsys, url, shown):
    result = run_main(
        capsys, syncthing_info.main, {"url": url, "api_key": KEY, "gather": ["version"]}, secrets=(KEY, "pw-in-the-url")
    )
    assert result["failed"] is True and shown in result["msg"]


@pytest.mark.parametrize(
    "url, problem",
    [
        ("unix:///run/syncthing/gui.sock", None),
        ("unix://gui.sock", "give the absolute path of the socket after unix://"),
        ("unix:///run/syncthing/", "give the absolute path of the socket after unix://"),
        (
            "unixs:///run/syncthing/gui.sock",
            "a GUI on a Unix socket with TLS (gui.useTLS or unixs://) is not supported",
        ),
        ("ftp://host", "is not an http:// or https:// URL (for example http://127.0.0.1:8384), nor a Unix socket"),
    ],
)
def test_unix_socket_urls(url, problem):
    found = _module.url_problem(url)
    assert (found is None) if problem is None else (problem in found and found.startswith(f"url: {url!r}")), found


@pytest.mark.parametrize(
    "address, tls, url",
    [("/run/syncthing/gui.sock", False, "unix:///run/syncthing/gui.sock"), ("/x.sock", True, "unixs:///x.sock")],
)
def test_a_gui_on_a_socket_is_discovered_as_a_unix_url(address, tls, url):
    assert _module.gui_url(address, tls) == url
