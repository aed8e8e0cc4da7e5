# Copyright (c) 2026, syncthing.rest contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""The event source's in-file DOCUMENTATION and EXAMPLES (ansible-doc does not know event sources).

tests/events/test_rulebook_schema.py also checks each example against ansible-rulebook's own rulebook schema.
"""

import importlib.util
import os

import pytest
import yaml

COLL = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))))
PLUGIN = os.path.join(COLL, "extensions", "eda", "plugins", "event_source", "events.py")
TYPES = {"str": str, "path": str, "bool": bool, "int": int, "float": (int, float), "list": list}


def _plugin():
    spec = importlib.util.spec_from_file_location("syncthing_rest_events_docs", PLUGIN)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


events = _plugin()
DOC = yaml.safe_load(events.DOCUMENTATION)
EXAMPLES = yaml.safe_load(events.EXAMPLES)


def test_documentation_is_yaml_with_the_usual_keys():
    assert isinstance(DOC, dict)
    assert DOC["short_description"] and DOC["description"] and DOC["requirements"]
    assert isinstance(DOC["options"], dict)


def test_every_argument_is_documented_and_nothing_else():
    assert set(DOC["options"]) == set(events.OPTIONS)


@pytest.mark.parametrize("name", events.OPTIONS)
def test_each_argument_has_a_description_a_type_and_its_real_default(name, monkeypatch):
    option = DOC["options"][name]
    assert option["description"] and all(isinstance(line, str) for line in option["description"])
    assert option["type"] in TYPES
    assert "default" in option, f"{name}: no default documented"
    default = option["default"]
    if default is not None:
        assert isinstance(default, TYPES[option["type"]])
    if option["type"] == "list":
        assert option["elements"] == "str"
    # what the source really uses when the argument is not given (no environment variables set)
    for variable in ("SYNCTHING_URL", "SYNCTHING_API_KEY", "STGUIAPIKEY"):
        monkeypatch.delenv(variable, raising=False)
    assert events.settings({})[name] == default
    if "choices" in option:
        assert default in option["choices"]


def test_the_default_event_types_are_known_to_syncthing():
    assert set(DOC["options"]["events"]["default"]) <= events.KNOWN_EVENTS


def test_every_example_is_a_source_entry_with_documented_valid_arguments():
    assert isinstance(EXAMPLES, list) and len(EXAMPLES) >= 2
    for entry in EXAMPLES:
        assert isinstance(entry, dict) and list(entry) == ["syncthing.rest.events"], entry
        args = entry["syncthing.rest.events"]
        assert set(args) <= set(DOC["options"]), set(args) - set(DOC["options"])
        for name, value in args.items():
            option = DOC["options"][name]
            templated = isinstance(value, str) and "{{" in value
            assert templated or isinstance(value, TYPES[option["type"]]), (name, value)
            assert value in option.get("choices", [value])
        events.settings(args)  # the source accepts it
