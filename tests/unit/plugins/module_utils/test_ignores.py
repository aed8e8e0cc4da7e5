# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The pure line logic of syncthing_ignores: normalising, present/absent/exclusive, file text, option checks."""

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from ansible_collections.syncthing.rest.plugins.module_utils._ignores import (
    desired_lines,
    file_text,
    normalize_patterns,
    parse_task,
)
from ansible_collections.syncthing.rest.plugins.module_utils.client import SyncthingValidationError

CURRENT = ["// managed elsewhere", "", "#include .stglobalignore", "*.tmp", "!keep.tmp"]


def test_normalize_strips_like_syncthing():
    assert normalize_patterns([" a ", "b\t", "  ", "#include   x"]) == ["a", "b", "", "#include   x"]


@pytest.mark.parametrize("line", ["a\nb", "a\r", "\n"])
def test_normalize_refuses_line_breaks(line):
    with pytest.raises(SyncthingValidationError, match=r"patterns\[1\] .* contains a line break"):
        normalize_patterns(["ok", line])


def test_present_appends_missing_lines_in_given_order():
    assert desired_lines(CURRENT, ["z", "*.tmp", "!y", "a"]) == [*CURRENT, "z", "!y", "a"]


def test_present_keeps_existing_lines_where_they_are():
    # both lines exist, in the other order: present does not reorder (exclusive does)
    assert desired_lines(["*", "!keep"], ["!keep", "*"]) == ["*", "!keep"]


def test_present_appends_a_repeated_line_once_and_skips_blank_lines():
    assert desired_lines([], ["// section", "", "a", "", "a", "b"]) == ["// section", "a", "b"]


def test_present_appends_comments_and_includes_once():
    assert desired_lines(["a"], ["// why", "#include more"]) == ["a", "// why", "#include more"]
    assert desired_lines(["a", "// why", "#include more"], ["// why", "#include more"]) == [
        "a",
        "// why",
        "#include more",
    ]


def test_absent_removes_every_copy_and_keeps_the_rest():
    current = ["a", "// c", "b", "", "a", "#include x"]
    assert desired_lines(current, ["a", "missing"], "absent") == ["// c", "b", "", "#include x"]


def test_absent_ignores_blank_lines_in_patterns():
    assert desired_lines(["a", "", "b"], ["", "b"], "absent") == ["a", ""]


def test_exclusive_is_exactly_patterns_in_order():
    assert desired_lines(CURRENT, ["!keep.tmp", "", "*.tmp"], exclusive=True) == ["!keep.tmp", "", "*.tmp"]
    assert desired_lines(CURRENT, [], exclusive=True) == []


def test_exclusive_with_absent_is_refused():
    with pytest.raises(SyncthingValidationError, match="exclusive=true only works with state=present"):
        desired_lines(CURRENT, ["a"], "absent", True)


def test_file_text_ends_each_line_with_a_newline():
    assert file_text(["a", "", "!b"]) == "a\n\n!b\n"
    assert file_text([]) == ""


def _params(**kwargs):
    params = {"folder": None, "defaults": False, "patterns": [], "state": "present", "exclusive": False}
    params.update(kwargs)
    return params


def test_parse_task_returns_folder_patterns_state_exclusive():
    assert parse_task(_params(folder="f", patterns=[" a "], state="absent")) == ("f", ["a"], "absent", False)
    assert parse_task(_params(defaults=True, patterns=["x"], exclusive=True)) == (None, ["x"], "present", True)


@pytest.mark.parametrize(
    "params, message",
    [
        (_params(), "Give the folder whose ignore patterns to manage, or defaults=true"),
        (_params(folder="f", defaults=True), "Give either folder or defaults=true, not both"),
        (_params(folder="f", state="absent", exclusive=True), "exclusive=true only works with state=present"),
        (_params(folder="f", patterns=["a\nb"]), "contains a line break"),
    ],
)
def test_parse_task_refuses_bad_options(params, message):
    with pytest.raises(SyncthingValidationError, match=message):
        parse_task(params)


lines = st.lists(st.sampled_from(["a", "!a", "b", "// c", "", "#include x", "*.tmp"]), max_size=8)


@given(current=lines, patterns=lines, state=st.sampled_from(["present", "absent"]), exclusive=st.booleans())
def test_a_second_run_changes_nothing(current, patterns, state, exclusive):
    assume(not (exclusive and state == "absent"))
    once = desired_lines(current, patterns, state, exclusive)
    assert desired_lines(once, patterns, state, exclusive) == once


@given(current=lines, patterns=lines)
def test_present_only_adds_and_absent_only_removes(current, patterns):
    present = desired_lines(current, patterns, "present")
    assert present[: len(current)] == current
    assert all(line in present for line in patterns if line)
    absent = desired_lines(current, patterns, "absent")
    assert not any(line in absent for line in patterns if line)
    assert [line for line in current if line in absent] == absent
