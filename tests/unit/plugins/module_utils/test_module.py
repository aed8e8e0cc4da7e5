# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""_module.py: connection options from options, environment and config.xml; the API key never in output."""

import os

import pytest
from responses import matchers

from ansible_collections.syncthing.rest.plugins.module_utils import _module
from ansible_collections.syncthing.rest.plugins.module_utils.client import SyncthingClient
from ansible_collections.syncthing.rest.plugins.modules import syncthing_info
from ansible_collections.syncthing.rest.tests.unit.plugins.modules.utils import (
    KEY,
    URL,
    fail_module,
    run_module,
    run_module_output,
    warnings_given,
)

ENV = ("SYNCTHING_URL", "SYNCTHING_API_KEY", "STGUIAPIKEY", "STHOMEDIR", "STCONFDIR")
CONFIG_XML = """<configuration version="37">
    <gui enabled="true" tls="{tls}" debugging="false">
        <address>{address}</address>
        <apikey>{key}</apikey>
        <theme>default</theme>
    </gui>
</configuration>
"""


@pytest.fixture(autouse=True)
def clean_env(monkeypatch, tmp_path):
    """No Syncthing variables, and a HOME without any Syncthing config."""
    for name in ENV:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))


def write_config(folder, address="127.0.0.1:8384", tls="false", key=KEY):
    os.makedirs(str(folder), exist_ok=True)
    path = os.path.join(str(folder), "config.xml")
    with open(path, "w") as handle:
        handle.write(CONFIG_XML.format(address=address, tls=tls, key=key))
    return path


def version_call(mocked, url=URL, key=KEY):
    mocked.add(
        "GET",
        url + "/rest/system/version",
        json={"version": "v1.29.5"},
        match=[matchers.header_matcher({"X-API-Key": key})],
    )


def gather_version(args):
    return run_module(syncthing_info.main, dict({"gather": ["version"]}, **args), connection=False)


def test_options_win(mocked, monkeypatch):
    monkeypatch.setenv("SYNCTHING_URL", "http://elsewhere:1")
    monkeypatch.setenv("SYNCTHING_API_KEY", "other")
    version_call(mocked)
    assert gather_version({"url": URL, "api_key": KEY})["version"]["version"] == "v1.29.5"


def test_env_syncthing_url_and_api_key(mocked, monkeypatch):
    monkeypatch.setenv("SYNCTHING_URL", URL)
    monkeypatch.setenv("SYNCTHING_API_KEY", KEY)
    monkeypatch.setenv("STGUIAPIKEY", "second-choice")
    version_call(mocked)
    gather_version({})


def test_env_stguiapikey(mocked, monkeypatch):
    monkeypatch.setenv("SYNCTHING_URL", URL)
    monkeypatch.setenv("STGUIAPIKEY", KEY)
    version_call(mocked)
    gather_version({})


@pytest.mark.parametrize(
    "address, tls, url",
    [
        ("127.0.0.1:8385", "false", "http://127.0.0.1:8385"),
        ("0.0.0.0:8386", "false", "http://127.0.0.1:8386"),
        ("0.0.0.0:8387", "true", "https://127.0.0.1:8387"),
        ("[::]:8388", "false", "http://[::1]:8388"),
        ("localhost:8389", "TRUE", "https://localhost:8389"),
    ],
)
def test_config_xml_from_home_option(mocked, tmp_path, address, tls, url):
    write_config(tmp_path / "st", address=address, tls=tls)
    version_call(mocked, url=url)
    gather_version({"home": str(tmp_path / "st")})


def test_url_option_with_key_from_config_xml(mocked, tmp_path):
    write_config(tmp_path / "st", address="127.0.0.1:9999", key="key-from-xml")
    version_call(mocked, key="key-from-xml")
    gather_version({"home": str(tmp_path / "st"), "url": URL})


@pytest.mark.parametrize("variable", ["STHOMEDIR", "STCONFDIR"])
def test_config_xml_from_environment(mocked, monkeypatch, tmp_path, variable):
    write_config(tmp_path / variable, address="127.0.0.1:8390")
    monkeypatch.setenv(variable, str(tmp_path / variable))
    version_call(mocked, url="http://127.0.0.1:8390")
    gather_version({})


def test_sthomedir_comes_before_stconfdir(mocked, monkeypatch, tmp_path):
    write_config(tmp_path / "a", address="127.0.0.1:8391")
    write_config(tmp_path / "b", address="127.0.0.1:8392")
    monkeypatch.setenv("STHOMEDIR", str(tmp_path / "a"))
    monkeypatch.setenv("STCONFDIR", str(tmp_path / "b"))
    version_call(mocked, url="http://127.0.0.1:8391")
    gather_version({})


@pytest.mark.parametrize("where, port", [(".local/state/syncthing", 8393), (".config/syncthing", 8394)])
def test_config_xml_in_home_folders(mocked, tmp_path, where, port):
    write_config(tmp_path / "home" / where, address=f"127.0.0.1:{port}")
    version_call(mocked, url=f"http://127.0.0.1:{port}")
    gather_version({})


def test_state_folder_comes_before_config_folder(mocked, tmp_path):
    write_config(tmp_path / "home" / ".local/state/syncthing", address="127.0.0.1:8395")
    write_config(tmp_path / "home" / ".config/syncthing", address="127.0.0.1:8396")
    version_call(mocked, url="http://127.0.0.1:8395")
    gather_version({})


def test_no_api_key_is_a_clear_failure(mocked, tmp_path):
    result = fail_module(syncthing_info.main, {"gather": ["version"], "url": URL}, connection=False)
    assert result["msg"].startswith("No API key: set the api_key option or SYNCTHING_API_KEY/STGUIAPIKEY")
    assert os.path.join(str(tmp_path), "home", ".config/syncthing") in result["msg"]


def test_config_xml_without_key_is_a_clear_failure(mocked, tmp_path):
    write_config(tmp_path / "st", key="")
    result = fail_module(syncthing_info.main, {"gather": ["version"], "home": str(tmp_path / "st")}, connection=False)
    assert result["msg"].startswith("No API key") and str(tmp_path / "st") in result["msg"]


def test_unreadable_config_xml_is_a_clear_failure(mocked, tmp_path):
    os.makedirs(str(tmp_path / "st"))
    (tmp_path / "st" / "config.xml").write_text("<configuration")
    result = fail_module(syncthing_info.main, {"gather": ["version"], "home": str(tmp_path / "st")}, connection=False)
    assert result["msg"].startswith("cannot read %s" % (tmp_path / "st" / "config.xml"))


def test_discovered_key_never_in_output(mocked, tmp_path, capsys):
    """The key read from config.xml is filtered from everything the module prints, like a no_log option."""
    write_config(tmp_path / "st", address="st.test:8384")
    mocked.add("GET", URL + "/rest/system/version", json={"version": "v1.29.5", "extra": "echo " + KEY})
    rc, out, result = run_module_output(
        syncthing_info.main, {"gather": ["version"], "home": str(tmp_path / "st")}, capsys
    )
    assert rc == 0 and KEY not in out
    assert result["version"]["version"] == "v1.29.5"


def test_key_never_in_failure_output(mocked, capsys):
    mocked.add("GET", URL + "/rest/system/version", status=403, body="CSRF Error " + KEY)
    rc, out, result = run_module_output(
        syncthing_info.main, {"gather": ["version"], "url": URL, "api_key": KEY}, capsys
    )
    assert rc == 1 and result["failed"] is True and KEY not in out
    assert "HTTP 403" in result["msg"]


def test_ca_path_is_used_for_verification(tmp_path):
    module = _module.SyncthingModule.__new__(_module.SyncthingModule)
    module._client_class = SyncthingClient
    module.params = {
        "url": URL,
        "api_key": KEY,
        "home": None,
        "validate_certs": True,
        "ca_path": "/ca.pem",
        "timeout": 5,
    }
    client = module._build_client()
    assert client.verify == "/ca.pem" and client.timeout == 5
    module.params.update(validate_certs=False)
    assert module._build_client().verify is False


def test_mask_secrets_nested():
    value = {
        "gui": {"apiKey": KEY, "password": ""},
        "folders": [{"devices": [{"encryptionPassword": "x"}]}],
        "ldap": {"bindPassword": "y"},
        "label": "apiKey",
    }
    assert _module.mask_secrets(value) == {
        "gui": {"apiKey": "********", "password": ""},
        "folders": [{"devices": [{"encryptionPassword": "********"}]}],
        "ldap": {"bindPassword": "********"},
        "label": "apiKey",
    }


def one_path_main():
    """A module whose helper returns a plain result holding secrets and a diff, and warns."""

    def helper(client, params, check_mode, warn):
        warn("the helper warns through st.warn")
        return {
            "changed": True,
            "config": {"gui": {"apiKey": "an-api-key", "password": "pl41n-s3cret"}},
            "diff": {"before": {}, "after": {"folders": {"f": {"devices": [{"encryptionPassword": "s3cret"}]}}}},
        }

    _module.SyncthingModule({}, client_class=SyncthingClient, supports_check_mode=True).run(helper)


@pytest.mark.parametrize("diff_mode", [False, True])
def test_one_path_masks_secrets_and_returns_diff_only_in_diff_mode(capsys, diff_mode):
    args = {"url": URL, "api_key": KEY, "_ansible_diff": diff_mode}
    rc, out, result = run_module_output(one_path_main, args, capsys)
    assert rc == 0 and "pl41n-s3cret" not in out and "an-api-key" not in out and "s3cret" not in out
    assert result["config"]["gui"] == {"apiKey": "********", "password": "********"}
    assert "the helper warns through st.warn" in warnings_given()
    if diff_mode:
        assert result["diff"]["after"]["folders"]["f"]["devices"] == [{"encryptionPassword": "********"}]
    else:
        assert "diff" not in result
