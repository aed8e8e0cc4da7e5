# Copyright (c) 2026, syncthing.rest contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""The shipped rulebooks and every EXAMPLES entry of the event source, checked by ansible-rulebook itself: its
rulebook JSON schema and its rulebook parser (in the events virtualenv)."""

import glob
import json
import os
import subprocess

import yaml
from events_rulebook import eda_venv
from realserver import COLL, collections_path

CHECK = """
import json, sys
from ansible_rulebook.rules_parser import parse_rule_sets
from ansible_rulebook.validators import Validate
for rulebook in json.load(sys.stdin):
    Validate.rulebook(rulebook)
    parse_rule_sets(rulebook)
print("valid")
"""


def _check(rulebooks):
    bin_dir = os.path.join(eda_venv(), "bin")
    env = dict(os.environ, PATH=bin_dir + os.pathsep + os.environ["PATH"], ANSIBLE_COLLECTIONS_PATH=collections_path())
    proc = subprocess.run(
        [os.path.join(bin_dir, "python"), "-c", CHECK],
        env=env,
        input=json.dumps(rulebooks),
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0 and proc.stdout.strip() == "valid", proc.stdout + proc.stderr


def _plugin_examples():
    path = os.path.join(COLL, "extensions", "eda", "plugins", "event_source", "events.py")
    with open(path) as handle:
        source = handle.read()
    text = source.split('EXAMPLES = r"""', 1)[1].split('"""', 1)[0]
    return yaml.safe_load(text)


def test_each_example_is_a_valid_rulebook_source():
    examples = _plugin_examples()
    assert examples
    rulebooks = [
        [
            {
                "name": "example",
                "hosts": "all",
                "sources": [example],
                "rules": [{"name": "r", "condition": 'event.syncthing.type == "ConfigSaved"', "action": {"debug": {}}}],
            }
        ]
        for example in examples
    ]
    _check(rulebooks)


def test_the_shipped_rulebooks_are_valid():
    paths = sorted(glob.glob(os.path.join(COLL, "extensions", "eda", "rulebooks", "*.yml")))
    assert len(paths) == 3
    rulebooks = []
    for path in paths:
        with open(path) as handle:
            rulebooks.append(yaml.safe_load(handle))
    _check(rulebooks)
    for rulebook in rulebooks:
        for action in (rule["action"] for ruleset in rulebook for rule in ruleset["rules"]):
            playbook = action.get("run_playbook", {}).get("name")
            assert playbook is None or os.path.isfile(os.path.join(COLL, playbook)), playbook
