# Copyright (c) 2026, syncthing.rest contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Validation and normalisation of syncthing_config input (pure, no HTTP)."""

import pytest

from ansible_collections.syncthing.rest.plugins.module_utils._config_check import unknown_field
from ansible_collections.syncthing.rest.plugins.module_utils._config_validate import normalize
from ansible_collections.syncthing.rest.plugins.module_utils.client import SyncthingValidationError
from ansible_collections.syncthing.rest.tests.unit.plugins.module_utils.config_fixture import (
    MY_ID,
    OTHER,
    PEER,
    empty_config,
    module_params,
    sample_config,
)

params = module_params


def refused(config=None, **kwargs):
    with pytest.raises(SyncthingValidationError) as info:
        normalize(params(**kwargs), config or sample_config(), MY_ID)
    return str(info.value)


def test_device_ids_are_normalised_from_any_case_and_dashes():
    raw = PEER.replace("-", "").lower()
    desired = normalize(params(devices=[{"deviceID": raw, "name": "p"}]), empty_config(), MY_ID)
    assert desired.devices.present == {PEER: {"deviceID": PEER, "name": "p"}}


def test_bad_check_digit_is_refused():
    bad = PEER[:-1] + ("A" if PEER[-1] != "A" else "B")
    message = refused(devices=[{"deviceID": bad}])
    assert "devices[0]" in message and "check digit incorrect" in message


def test_unknown_field_names_the_nearest_known_fields():
    message = refused(folders=[{"id": "docs", "rescanInterval": 5}])
    assert "unknown field 'rescanInterval'" in message
    assert "did you mean 'rescanIntervalS'" in message


def test_unknown_field_with_wrong_case_suggests_the_right_case():
    assert "did you mean 'maxSendKbps'" in unknown_field("options", "maxsendkbps", ["maxSendKbps", "maxRecvKbps"])


def test_unknown_field_without_near_match_lists_known_fields():
    assert "known fields: a, b" in unknown_field("x", "zzzzzz", ["b", "a"])


def test_unknown_nested_field_is_refused_but_versioning_params_are_free():
    message = refused(folders=[{"id": "docs", "versioning": {"typ": "simple"}}])
    assert "folders[0] (id 'docs').versioning: unknown field 'typ'" in message
    desired = normalize(
        params(folders=[{"id": "docs", "versioning": {"type": "simple", "params": {"keep": 5}}}]),
        sample_config(),
        MY_ID,
    )
    assert desired.folders.present["docs"]["versioning"] == {"type": "simple", "params": {"keep": "5"}}


@pytest.mark.parametrize(
    "section, field, value",
    [
        ("folders", "type", "sendOnly"),
        ("folders", "order", "biggest"),
        ("folders", "blockPullOrder", "sequential"),
        ("folders", "copyRangeMethod", "fast"),
        ("devices", "compression", "yes please"),
    ],
)
def test_bad_enum_values_are_refused(section, field, value):
    item = {"id": "docs"} if section == "folders" else {"deviceID": PEER}
    item[field] = value
    message = refused(**{section: [item]})
    assert f"invalid value {value!r}" in message and "expected one of" in message


def test_bad_enums_in_sections_and_nested_objects():
    assert "ldap.transport: invalid value 'ssl' (Syncthing would silently store 'plain' instead)" in refused(
        ldap={"transport": "ssl"}
    )
    assert "gui.authMode: invalid value 'basic' (Syncthing would silently store 'static' instead)" in refused(
        gui={"authMode": "basic"}
    )
    assert "type: invalid value 'sendOnly' (Syncthing would silently store 'sendreceive' instead)" in refused(
        folders=[{"id": "docs", "type": "sendOnly"}]
    )


def test_unknown_versioning_type_gives_the_true_reason_per_version():
    message = refused(folders=[{"id": "docs", "versioning": {"type": "weekly"}}])
    assert "versioning.type: 'weekly' is not a versioning type Syncthing has" in message
    assert "refuses the write from 1.26.0 on" in message and "silently" not in message
    with pytest.raises(SyncthingValidationError) as info:
        normalize(
            params(folders=[{"id": "docs", "versioning": {"type": "weekly"}}]), sample_config(), MY_ID, (1, 19, 2)
        )
    assert "Syncthing 1.19.2 would store it and then crash applying it" in str(info.value)


@pytest.mark.parametrize(
    "unit, meaning",
    [
        ("GiB", "by its first letter only, as GB (powers of 1000: 'GiB' would mean GB)"),
        ("gb", "by its first letter only, as GB"),
        ("KB", "by its first letter only, as kB"),
        ("bogus", "as bytes"),
        ("", "as bytes"),
        ("percent%", "as a percentage"),
    ],
)
def test_disk_free_units_syncthing_does_not_know_are_refused_for_the_true_reason(unit, meaning):
    for kwargs, label in (
        ({"folders": [{"id": "docs", "minDiskFree": {"value": 5, "unit": unit}}]}, "minDiskFree.unit"),
        ({"options": {"minHomeDiskFree": {"value": 5, "unit": unit}}}, "options.minHomeDiskFree.unit"),
        ({"defaults": {"folder": {"minDiskFree": {"unit": unit}}}}, "defaults.folder.minDiskFree.unit"),
    ):
        message = refused(**kwargs)
        assert f"{label}: {unit!r} is not a unit Syncthing understands ('%', 'kB', 'MB', 'GB', 'TB')" in message
        assert "it would store it as given and read the value " + meaning in message
        assert "silently replace" not in message


@pytest.mark.parametrize("unit", ["%", "kB", "MB", "GB", "TB"])
def test_disk_free_units_syncthing_knows_are_accepted(unit):
    desired = normalize(
        params(
            folders=[{"id": "docs", "minDiskFree": {"value": 5, "unit": unit}}],
            options={"minHomeDiskFree": {"unit": unit}},
        ),
        sample_config(),
        MY_ID,
    )
    assert desired.folders.present["docs"]["minDiskFree"]["unit"] == unit


def test_fractions_are_refused_where_syncthing_stores_integers():
    message = refused(folders=[{"id": "docs", "rescanIntervalS": 1.5}])
    assert "rescanIntervalS: 1.5 is not a whole number; Syncthing stores this field as an integer" in message
    desired = normalize(
        params(
            folders=[{"id": "docs", "rescanIntervalS": 60.0, "fsWatcherDelayS": 0.5, "minDiskFree": {"value": 2.5}}]
        ),
        sample_config(),
        MY_ID,
    )
    assert desired.folders.present["docs"]["rescanIntervalS"] == 60 and isinstance(
        desired.folders.present["docs"]["rescanIntervalS"], int
    )
    assert (
        desired.folders.present["docs"]["fsWatcherDelayS"] == 0.5
        and desired.folders.present["docs"]["minDiskFree"]["value"] == 2.5
    )


def test_a_fractional_watcher_delay_needs_1_23_3():
    with pytest.raises(SyncthingValidationError) as info:
        normalize(params(folders=[{"id": "docs", "fsWatcherDelayS": 0.5}]), sample_config(), MY_ID, (1, 19, 2))
    assert "fsWatcherDelayS: 0.5 is not a whole number; Syncthing 1.19.2 stores this delay in whole seconds" in str(
        info.value
    )
    assert normalize(params(folders=[{"id": "docs", "fsWatcherDelayS": 0.5}]), sample_config(), MY_ID, (1, 23, 3))
    assert normalize(params(folders=[{"id": "docs", "fsWatcherDelayS": 2}]), sample_config(), MY_ID, (1, 19, 2))


def test_every_problem_is_reported_at_once():
    message = refused(devices=[{"deviceID": "nope"}], options={"maxSendKbs": 1}, folders=[{"id": "new"}])
    assert "devices[0]" in message and "maxSendKbs" in message and "a new folder needs a path" in message


def test_duplicates_are_refused():
    assert "listed twice" in refused(devices=[{"deviceID": PEER}, {"deviceID": PEER.lower()}])
    assert "listed twice" in refused(folders=[{"id": "docs"}, {"id": "docs"}])
    assert "listed twice" in refused(folders=[{"id": "docs", "devices": [PEER, "peer"]}])


def test_values_are_coerced_to_the_servers_types():
    desired = normalize(
        params(folders=[{"id": "docs", "rescanIntervalS": "60", "paused": "yes", "label": 2024}]),
        sample_config(),
        MY_ID,
    )
    assert desired.folders.present["docs"] == {"id": "docs", "rescanIntervalS": 60, "paused": True, "label": "2024"}
    assert "expected a number" in refused(folders=[{"id": "docs", "rescanIntervalS": "often"}])
    assert "expected a boolean" in refused(options={"relaysEnabled": "maybe"})
    assert "expected a list" in refused(options={"listenAddresses": "default"})


def test_folder_devices_accept_ids_names_and_objects():
    desired = normalize(
        params(
            folders=[
                {
                    "id": "docs",
                    "devices": [PEER.lower().replace("-", ""), "other", {"deviceID": "vm", "encryptionPassword": "pw"}],
                }
            ]
        ),
        sample_config(),
        MY_ID,
    )
    assert desired.folders.present["docs"]["devices"] == [
        {"deviceID": PEER},
        {"deviceID": OTHER},
        {"deviceID": MY_ID, "encryptionPassword": "pw"},
    ]


def test_folder_device_names_can_come_from_the_same_task():
    desired = normalize(
        params(devices=[{"deviceID": PEER, "name": "nas"}], folders=[{"id": "new", "path": "/x", "devices": ["nas"]}]),
        empty_config(),
        MY_ID,
    )
    assert desired.folders.present["new"]["devices"] == [{"deviceID": PEER}]


def test_unknown_and_ambiguous_device_names_are_refused():
    assert "neither a valid device ID" in refused(folders=[{"id": "docs", "devices": ["nobody"]}])
    config = sample_config()
    config["devices"][2]["name"] = "other"
    message = refused(config=config, folders=[{"id": "docs", "devices": ["other"]}])
    assert "ambiguous" in message and OTHER in message and PEER in message


def test_folder_devices_must_be_configured_and_not_removed():
    assert "is not configured" in refused(config=empty_config(), folders=[{"id": "x", "path": "/x", "devices": [PEER]}])
    assert "is not configured" in refused(
        folders=[{"id": "docs", "devices": [PEER]}], devices=[{"deviceID": PEER, "state": "absent"}]
    )
    assert "is not configured" in refused(folders=[{"id": "docs", "devices": [PEER]}], purge_devices=True)


def test_the_local_device_cannot_be_removed():
    assert "local device cannot be removed" in refused(devices=[{"deviceID": MY_ID, "state": "absent"}])


def test_required_keys():
    assert "id is required" in refused(folders=[{"label": "x"}])
    assert "deviceID is required" in refused(devices=[{"name": "x"}])
    assert "state must be" in refused(folders=[{"id": "docs", "state": "gone"}])


def test_empty_api_key_is_refused():
    assert "lock this tool out" in refused(gui={"apiKey": ""})


def test_defaults_are_validated_against_the_templates():
    assert "defaults.folder: unknown field 'rescanInterval'" in refused(defaults={"folder": {"rescanInterval": 1}})
    assert "defaults.device.compression: invalid value" in refused(defaults={"device": {"compression": "max"}})
    assert "cannot be set on a template" in refused(defaults={"folder": {"id": "x"}})
    desired = normalize(
        params(defaults={"folder": {"devices": ["peer"]}, "device": None, "ignores": ["a"]}), sample_config(), MY_ID
    )
    assert desired.defaults == {"folder": {"devices": [{"deviceID": PEER}]}, "ignores": ["a"]}


def test_defaults_need_a_server_that_has_them():
    config = empty_config()
    del config["defaults"]["ignores"]
    assert "need 1.19" in refused(config=config, defaults={"ignores": ["x"]})
    del config["defaults"]
    assert "need 1.14" in refused(config=config, defaults={"folder": {"paused": True}})


def test_absent_items_need_only_their_id():
    desired = normalize(
        params(folders=[{"id": "docs", "state": "absent"}], devices=[{"deviceID": PEER.lower(), "state": "absent"}]),
        sample_config(),
        MY_ID,
    )
    assert desired.folders.absent == ["docs"] and desired.devices.absent == [PEER]
    assert desired.folders.present == {} and desired.devices.present == {}


def test_the_empty_device_id_is_refused():
    assert "empty device ID" in refused(devices=[{"deviceID": "a" * 56}])


@pytest.mark.parametrize(
    "options,expected",
    [
        ({"maxSendKbps": 10**26}, "options.maxSendKbps: 100000000000000000000000000 is out of range"),
        ({"maxSendKbps": -(2**63) - 1}, "is out of range; Syncthing stores this field as a 64-bit integer"),
        ({"maxRecvKbps": float("inf")}, "options.maxRecvKbps: inf is not a finite number"),
        ({"maxRecvKbps": "-inf"}, "options.maxRecvKbps: '-inf' is not a finite number"),
        ({"maxRecvKbps": float("nan")}, "options.maxRecvKbps: nan is not a finite number"),
        ({"minHomeDiskFree": {"value": float("inf"), "unit": "%"}}, "minHomeDiskFree.value: inf is not a finite"),
    ],
)
def test_numbers_syncthing_cannot_parse_are_refused_not_crashed_on(options, expected):
    """A field report: such values went through, and Syncthing refused the write after earlier ones of the task."""
    assert expected in refused(options=options)


def test_the_64_bit_limits_themselves_are_accepted():
    desired = normalize(params(options={"maxSendKbps": 2**63 - 1, "maxRecvKbps": -(2**63)}), sample_config(), MY_ID)
    assert desired.options == {"maxSendKbps": 2**63 - 1, "maxRecvKbps": -(2**63)}


def test_a_nan_watcher_delay_is_refused_without_a_crash_in_the_value_rules():
    message = refused(folders=[{"id": "docs", "fsWatcherDelayS": float("nan")}])
    assert "fsWatcherDelayS: nan is not a finite number" in message


def test_list_items_are_strings_where_syncthing_stores_strings():
    message = refused(devices=[{"deviceID": PEER, "addresses": ["tcp://a:22000", None, ["x"]]}])
    assert f"devices[0] ({PEER[:7]}).addresses[1]: expected a string, got None" in message
    assert "addresses[2]: expected a string, got ['x']" in message
    desired = normalize(params(devices=[{"deviceID": PEER, "addresses": [22000]}]), empty_config(), MY_ID)
    assert desired.devices.present[PEER]["addresses"] == ["22000"]


def test_list_items_are_objects_where_syncthing_stores_objects():
    message = refused(folders=[{"id": "docs", "xattrFilter": {"entries": ["user.*"]}}])
    assert "folders[0] (id 'docs').xattrFilter.entries[0]: expected an object (dict), got 'user.*'" in message
    entries = [{"match": "user.*", "permit": True}]
    desired = normalize(params(folders=[{"id": "docs", "xattrFilter": {"entries": entries}}]), sample_config(), MY_ID)
    assert desired.folders.present["docs"]["xattrFilter"] == {"entries": entries}


def test_an_existing_folder_cannot_get_an_empty_path():
    assert "folders[0] (id 'docs').path: a folder's path cannot be empty" in refused(
        folders=[{"id": "docs", "path": ""}]
    )
