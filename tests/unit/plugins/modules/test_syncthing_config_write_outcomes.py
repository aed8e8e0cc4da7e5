# Copyright (c) 2026, syncthing.rest contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""syncthing_config when a write is refused or its answer never comes: what landed is read back and said."""

import pytest
import requests
import responses
from ansible.module_utils.common import warnings as ansible_warnings
from responses import matchers

from ansible_collections.syncthing.rest.plugins.module_utils import _config_writes
from ansible_collections.syncthing.rest.tests.unit.plugins.module_utils.config_fixture import sample_config
from ansible_collections.syncthing.rest.tests.unit.plugins.modules.test_syncthing_config import (
    HEADERS,
    URL,
    get_config,
    methods,
    run_module,
    warnings_of,
)


@pytest.fixture(autouse=True)
def no_pause_and_fresh_warnings(monkeypatch):
    monkeypatch.setattr(_config_writes, "READ_BACK_PAUSE", 0)
    # AnsibleModule keeps warnings in a process-wide registry: start each test without any
    monkeypatch.setattr(ansible_warnings, "_global_warnings", type(ansible_warnings._global_warnings)())


def relabelled(config, label="Docs 2"):
    return dict(config, folders=[dict(config["folders"][0], label=label), *config["folders"][1:]])


def refused_options(mocked, capsys, roll_back_status):
    config = sample_config()
    get_config(mocked, config)
    mocked.add(responses.PUT, URL + "/rest/config/folders", body="", headers=HEADERS)
    mocked.add(responses.PATCH, URL + "/rest/config/options", body="boom: cannot save", status=500, headers=HEADERS)
    mocked.add(
        responses.PUT,
        URL + "/rest/config",
        body="" if roll_back_status == 200 else "no",
        status=roll_back_status,
        headers=HEADERS,
        match=[matchers.json_params_matcher(config)],
    )
    result = run_module(
        capsys, folders=[{"id": "docs", "label": "Docs 2"}], options={"maxSendKbps": 7}, gui={"theme": "dark"}
    )
    assert ("PATCH", "/rest/config/gui") not in methods(mocked)
    assert methods(mocked)[-1] == ("PUT", "/rest/config")
    return result


def test_a_refused_later_write_rolls_back_what_was_applied_before_it(mocked, capsys):
    result = refused_options(mocked, capsys, 200)
    assert result["failed"] is True and result.get("changed", False) is False
    assert result["msg"].startswith(
        "Writing options was refused: PATCH /rest/config/options failed: HTTP 500 Internal Server Error: boom: "
        "cannot save. The writes applied before it (folders 'docs' (PUT /rest/config/folders)) were rolled back"
    )
    assert result["msg"].endswith("nothing was changed")


def test_a_failed_roll_back_names_what_stayed_applied(mocked, capsys):
    result = refused_options(mocked, capsys, 500)
    assert result["failed"] is True and result["changed"] is True
    assert "Writing options was refused: PATCH /rest/config/options failed: HTTP 500" in result["msg"]
    assert "Applied before it: folders 'docs' (PUT /rest/config/folders)." in result["msg"]
    assert "Not sent: gui." in result["msg"]
    assert "Rolling them back failed too: PUT /rest/config failed: HTTP 500" in result["msg"]


def test_a_write_without_an_answer_that_landed_is_a_change(mocked, capsys):
    config = sample_config()
    get_config(mocked, config)
    mocked.add(responses.PUT, URL + "/rest/config/folders", body=requests.exceptions.ReadTimeout("read timed out"))
    get_config(mocked, relabelled(config))
    result = run_module(capsys, folders=[{"id": "docs", "label": "Docs 2"}])
    assert "failed" not in result and result["changed"] is True
    assert methods(mocked) == [("GET", "/rest/config"), ("PUT", "/rest/config/folders"), ("GET", "/rest/config")]
    assert any("reading the config back shows it was applied" in text for text in warnings_of(result))


def test_a_write_without_an_answer_that_did_not_land_says_so(mocked, capsys):
    config = sample_config()
    get_config(mocked, config)
    mocked.add(responses.PUT, URL + "/rest/config/folders", body=requests.exceptions.ReadTimeout("read timed out"))
    for _attempt in range(_config_writes.READ_BACK_ATTEMPTS):
        get_config(mocked, config)
    result = run_module(capsys, folders=[{"id": "docs", "label": "Docs 2"}])
    assert result["failed"] is True and result["changed"] is False
    assert "got no answer, and reading the config back shows it was not applied" in result["msg"]
    assert [call[0] for call in methods(mocked)].count("PUT") == 1  # never sent again


def test_a_write_without_an_answer_and_no_read_back_is_unknown_and_may_have_changed(mocked, capsys):
    config = sample_config()
    get_config(mocked, config)
    mocked.add(responses.PUT, URL + "/rest/config/folders", body=requests.exceptions.ReadTimeout("read timed out"))
    mocked.add(responses.GET, URL + "/rest/config", body="gone", status=500, headers=HEADERS)
    result = run_module(capsys, folders=[{"id": "docs", "label": "Docs 2"}])
    assert result["failed"] is True and result["changed"] is True
    assert "its outcome is unknown" in result["msg"]


def test_a_whole_config_write_without_an_answer_is_read_back(mocked, capsys):
    config = sample_config()
    config["folders"].append(dict(config["folders"][0], id="a/b"))
    get_config(mocked, config)
    mocked.add(responses.PUT, URL + "/rest/config", body=requests.exceptions.ConnectionError("reset by peer"))
    get_config(mocked, dict(config, folders=config["folders"][:-1]))
    result = run_module(capsys, folders=[{"id": "a/b", "state": "absent"}])
    assert "failed" not in result and result["changed"] is True
    assert result["folders"]["removed"] == ["a/b"]


def lost_gui_write(mocked, capsys, stored_gui):
    """A gui write whose answer never comes; the GUI read back holds ``stored_gui`` (None: it cannot be read)."""
    config = sample_config()
    get_config(mocked, config)
    mocked.add(responses.PATCH, URL + "/rest/config/gui", body=requests.exceptions.ConnectionError("reset by peer"))
    if stored_gui is None:
        mocked.add(responses.GET, URL + "/rest/config/gui", body="gone", status=500, headers=HEADERS)
    else:
        mocked.add(responses.GET, URL + "/rest/config/gui", json=dict(config["gui"], **stored_gui), headers=HEADERS)
    return run_module(capsys, gui={"theme": "black"})


def test_a_gui_write_without_an_answer_is_read_back_once_by_the_client(mocked, capsys):
    result = lost_gui_write(mocked, capsys, {"theme": "black"})
    assert "failed" not in result and result["changed"] is True
    assert methods(mocked) == [("GET", "/rest/config"), ("PATCH", "/rest/config/gui"), ("GET", "/rest/config/gui")]


def test_a_gui_write_without_an_answer_that_did_not_land_says_so_without_a_second_read_back(mocked, capsys):
    result = lost_gui_write(mocked, capsys, {"theme": "light"})
    assert result["failed"] is True and result.get("changed", False) is False
    assert "Writing gui got no answer, and reading the config back shows it was not applied" in result["msg"]
    assert methods(mocked) == [("GET", "/rest/config"), ("PATCH", "/rest/config/gui"), ("GET", "/rest/config/gui")]


def test_a_gui_write_without_an_answer_and_no_read_back_is_unknown(mocked, capsys):
    result = lost_gui_write(mocked, capsys, None)
    assert result["failed"] is True and result["changed"] is True
    assert "Writing gui got no answer and its outcome is unknown" in result["msg"]
    assert methods(mocked) == [("GET", "/rest/config"), ("PATCH", "/rest/config/gui"), ("GET", "/rest/config/gui")]
