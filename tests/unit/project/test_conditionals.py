# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every conditional in the project's YAML is a string: an unquoted ``- x == 'a: b'`` is read by YAML as a
mapping, which ansible-core 2.18 treats as true (an assertion that cannot fail) and 2.21 refuses."""

import glob
import os

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
CONDITIONALS = ("that", "when", "failed_when", "changed_when", "until")


def mapping_conditionals(node, found):
    """Collect (keyword, item) for each conditional of ``node`` that YAML read as a mapping."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in CONDITIONALS:
                found.extend(
                    (key, item) for item in (value if isinstance(value, list) else [value]) if isinstance(item, dict)
                )
            mapping_conditionals(value, found)
    elif isinstance(node, list):
        for item in node:
            mapping_conditionals(item, found)
    return found


def yaml_files():
    for pattern in ("roles/**/*.yml", "examples/**/*.yml", "tests/**/*.yml", "extensions/**/*.yml"):
        for path in glob.glob(os.path.join(ROOT, pattern), recursive=True):
            if "/tests/output/" not in path:
                yield path


def test_every_conditional_is_a_string():
    bad = []
    for path in yaml_files():
        with open(path) as handle:
            try:
                documents = list(yaml.safe_load_all(handle))
            except yaml.YAMLError:
                continue  # not plain YAML (templates); yamllint checks the syntax
        for key, item in mapping_conditionals(documents, []):
            bad.append(f"{os.path.relpath(path, ROOT)}: {key}: {item} (quote the whole expression)")
    assert not bad, "\n".join(bad)


def test_the_check_finds_an_unquoted_colon():
    task = yaml.safe_load("- assert:\n    that:\n      - x.msg == 'device: gone'\n")
    assert mapping_conditionals(task, []) == [("that", {"x.msg == 'device": "gone'"})]
