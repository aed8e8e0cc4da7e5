# Copyright (c) 2026, syncthing.rest contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Rows of the table of config fields (plugins/module_utils/_config_fields.py), checked against what real servers
store: the module runs as users run it (ansible ad hoc), twice, and what Syncthing stored is read back through
plain HTTP, never trusting what was sent."""

import requests
from reliab_helpers import adhoc, assert_clean_failure, conn_env


def stored_gui(node):
    answer = requests.get(node["url"] + "/rest/config/gui", headers={"X-API-Key": node["api_key"]}, timeout=60)
    assert answer.status_code == 200, answer.text
    return answer.json()


def test_gui_session_cookie_path_is_stored_normalised_and_settles(fresh):
    """2.x trims the cookie path and adds a leading /; the module predicts it, so a second run changes nothing.
    1.x has no such field: the task is refused as an unknown field and nothing is written."""
    env = conn_env(fresh)
    task = {"gui": {"sessionCookiePath": " st-rows "}}
    if "sessionCookiePath" not in stored_gui(fresh):
        before = stored_gui(fresh)
        assert_clean_failure(adhoc("syncthing_config", task, env=env), r"gui: unknown field 'sessionCookiePath'")
        assert stored_gui(fresh) == before
        return
    first = adhoc("syncthing_config", task, env=env)
    assert first.rc == 0 and first.result["changed"] is True, first
    assert first.result["config"]["gui"]["sessionCookiePath"] == "/st-rows"
    assert stored_gui(fresh)["sessionCookiePath"] == "/st-rows"
    second = adhoc("syncthing_config", task, env=env)
    assert second.rc == 0 and second.result["changed"] is False, second
