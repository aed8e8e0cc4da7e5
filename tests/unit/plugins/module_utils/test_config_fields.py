# Copyright (c) 2026, syncthing.rest contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""The table of config fields: well formed, and each row's rule applied by the phases (one test per new row)."""

import pytest

from ansible_collections.syncthing.rest.plugins.module_utils._config_fields import FIELDS, ROWS
from ansible_collections.syncthing.rest.plugins.module_utils._config_plan import build_plan
from ansible_collections.syncthing.rest.plugins.module_utils._config_validate import normalize
from ansible_collections.syncthing.rest.plugins.module_utils._errors import SyncthingValidationError
from ansible_collections.syncthing.rest.tests.unit.plugins.module_utils.config_fixture import (
    MY_ID,
    module_params,
    sample_config,
)


def test_each_field_has_one_row():
    assert len(ROWS) == len(FIELDS)


@pytest.mark.parametrize("row", [row for row in FIELDS if row.enum], ids=lambda row: ".".join(row.key))
def test_an_enum_row_names_the_value_syncthing_falls_back_to(row):
    assert row.fallback in row.enum


@pytest.mark.parametrize("row", FIELDS, ids=lambda row: ".".join(row.key))
def test_a_row_is_well_formed(row):
    assert row.kind in ("folder", "device", "options", "gui", "ldap", "folderdevice", "observed")
    assert row.path and all(isinstance(part, str) for part in row.path)
    assert row.shape in ("", "objects", "map")
    assert row.fallback is None or row.enum
    assert row.since is None or row.until is None or row.since < row.until


def converge_twice(section, given, stored_before):
    """Plan ``given`` against a config storing ``stored_before``; then plan it again against the result."""
    config = sample_config()
    config[section].update(stored_before)
    first = build_plan(config, normalize(module_params(**{section: given}), config, MY_ID), MY_ID)
    second = build_plan(first.result, normalize(module_params(**{section: given}), first.result, MY_ID), MY_ID)
    return first, second


@pytest.mark.parametrize(
    "given, stored",
    [
        ("app", "/app"),
        (" /app\t", "/app"),
        ("\u3000app\n", "/app"),
        ("/", "/"),
        ("   ", "   "),  # only white space: Syncthing keeps it as given
        ("", ""),
        ("\x1capp", "/\x1capp"),  # not white space to Go, though Python's str.strip() would trim it
    ],
)
def test_gui_session_cookie_path_is_normalised_as_syncthing_2_stores_it(given, stored):
    first, second = converge_twice("gui", {"sessionCookiePath": given}, {"sessionCookiePath": "/old"})
    assert first.changed and first.sections["gui"]["sessionCookiePath"] == stored
    assert first.result["gui"]["sessionCookiePath"] == stored
    assert not second.changed


def test_gui_session_cookie_path_stored_as_given_is_no_change():
    first, _second = converge_twice("gui", {"sessionCookiePath": "app"}, {"sessionCookiePath": "/app"})
    assert not first.changed


@pytest.mark.parametrize(
    "section, field, lifetime",
    [
        ("folders", "pullerDelayS", "it was added in Syncthing 2.0.0"),
        ("folders", "weakHashThresholdPct", "it was removed in Syncthing 2.0.0"),
        ("options", "cacheIgnoredFiles", "it was removed in Syncthing 2.1.3"),
    ],
)
def test_an_unknown_field_with_a_known_lifetime_says_which_versions_have_it(section, field, lifetime):
    config = sample_config()
    for obj in config["folders"] + [config["defaults"]["folder"]]:
        obj.pop(field, None)
    config["options"].pop(field, None)
    given = [{"id": "docs", field: 1}] if section == "folders" else {field: 1}
    with pytest.raises(SyncthingValidationError) as info:
        normalize(module_params(**{section: given}), config, MY_ID)
    assert f"unknown field {field!r}" in str(info.value) and lifetime in str(info.value)


def test_an_unknown_field_without_a_row_gets_the_nearest_names():
    with pytest.raises(SyncthingValidationError) as info:
        normalize(module_params(options={"listenAdresses": ["default"]}), sample_config(), MY_ID)
    assert "did you mean 'listenAddresses'?" in str(info.value)
