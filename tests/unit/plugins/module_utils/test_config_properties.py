# Copyright (c) 2026, syncthing.rest contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Property tests of the config compare/merge: idempotent merge, no change against itself, no drift from defaults."""

import copy

from hypothesis import given, settings
from hypothesis import strategies as st

from ansible_collections.syncthing.rest.plugins.module_utils._config_compare import changed_keys, differs
from ansible_collections.syncthing.rest.plugins.module_utils._config_plan import build_plan
from ansible_collections.syncthing.rest.plugins.module_utils._config_validate import normalize
from ansible_collections.syncthing.rest.plugins.module_utils._merge import deep_merge
from ansible_collections.syncthing.rest.tests.unit.plugins.module_utils.config_fixture import MY_ID, sample_config

KEYS = st.text(alphabet="abcdefgh", min_size=1, max_size=3)
SCALARS = st.none() | st.booleans() | st.integers(-5, 5) | st.floats(allow_nan=False, width=32) | st.text(max_size=4)
JSON = st.recursive(
    SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(KEYS, inner, max_size=3), max_leaves=12
)
OBJECTS = st.dictionaries(KEYS, JSON, max_size=4)
CONFIG = sample_config()


@st.composite
def with_server_extras(draw, value):
    """``value`` with keys added at every object level, as a server adds defaults the task did not give."""
    if isinstance(value, dict):
        out = {key: draw(with_server_extras(item)) for key, item in value.items()}
        for key, item in draw(
            st.dictionaries(st.text(alphabet="xyz", min_size=1, max_size=3), JSON, max_size=2)
        ).items():
            out.setdefault("srv_" + key, item)
        return out
    if isinstance(value, list):
        return [draw(with_server_extras(item)) for item in value]
    return value


@given(JSON)
def test_a_value_never_differs_from_itself(value):
    assert not differs(value, copy.deepcopy(value))


@given(OBJECTS, OBJECTS)
def test_merge_is_idempotent_and_keeps_what_was_given(base, given_fields):
    merged = deep_merge(base, given_fields)
    assert deep_merge(merged, given_fields) == merged
    assert not differs(given_fields, merged)
    assert changed_keys(given_fields, merged, MY_ID) == []


@given(OBJECTS, st.data())
def test_server_added_defaults_never_count_as_drift(want, data):
    have = data.draw(with_server_extras(want))
    assert not differs(want, have)
    assert changed_keys(want, have, MY_ID) == []


def _subset(draw, obj, skip=()):
    keys = sorted(key for key in obj if key not in skip)
    chosen = draw(st.lists(st.sampled_from(keys), unique=True, max_size=len(keys)))
    return {key: copy.deepcopy(obj[key]) for key in chosen}


@settings(max_examples=60)
@given(st.data())
def test_the_config_compared_with_parts_of_itself_has_no_change(data):
    """Any part of the server's own objects, given back as a task, plans no write."""
    folder = data.draw(st.sampled_from(CONFIG["folders"]))
    device = data.draw(st.sampled_from(CONFIG["devices"]))
    params = {
        "folders": [dict(_subset(data.draw, folder), id=folder["id"])],
        "devices": [dict(_subset(data.draw, device), deviceID=device["deviceID"])],
        "options": _subset(data.draw, CONFIG["options"]),
        "gui": _subset(data.draw, CONFIG["gui"], skip=("apiKey", "password")),
        "ldap": _subset(data.draw, CONFIG["ldap"]),
    }
    plan = build_plan(CONFIG, normalize(params, CONFIG, MY_ID), MY_ID)
    assert not plan.changed, plan.diff()
    assert plan.result == CONFIG


@settings(max_examples=60)
@given(st.text(max_size=8), st.integers(0, 10**6), st.integers(0, 10**5), st.booleans())
def test_applying_a_plan_then_planning_again_has_no_change(label, rescan, kbps, paused):
    params = {
        "folders": [
            {"id": "docs", "label": label, "rescanIntervalS": rescan},
            {"id": "new", "path": "/srv/new", "paused": paused},
        ],
        "options": {"maxSendKbps": kbps},
    }
    first = build_plan(CONFIG, normalize(params, CONFIG, MY_ID), MY_ID)
    second = build_plan(first.result, normalize(params, first.result, MY_ID), MY_ID)
    assert not second.changed, second.diff()
    assert second.result == first.result
