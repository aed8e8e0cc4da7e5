# Copyright (c) 2026, syncthing.rest contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""The ignore lines Syncthing refuses (its lib/ignore parser and glob lexer), found offline.

The same lines are sent to real servers in tests/reliability/test_corner_reports.py, which proves each verdict.
"""

import pytest

from ansible_collections.syncthing.rest.plugins.module_utils._ignore_rules import problems

# refused by 1.19.2, 1.29.5 and 2.1.3 alike (what each says: tests/reliability/test_corner_reports.py)
REFUSED = [
    "[abc",
    "a[",
    "[a-]",
    "[]",
    "[!]",
    "[z-a]",
    "[a-z0-9]",
    "(?i)[Z-a]",
    "!",
    "(?i)",
    "!(?d)",
    "(?i)!",
    "(?d)",
    "(?d)(?i)!",
    "#include",
]
ACCEPTED = [
    "{a,b",
    "a\\",
    "{}",
    "(?i)(?i)x",
    "!!x",
    "**/",
    "a{b{c}}",
    "a]",
    "a}",
    "{a",
    "[-a]",
    "\\",
    "a\\b",
    "*\\",
    "{a,{b,c}}",
    "[\\]]",
    "[^a]",
    "x/**",
    "/",
    "//x",
    "[Z-a]",
    "[a-a]",
    "[!a-z]",
    "[--a]",
    "#escape=ab",
    "(?d)!x",
    "#include more.txt",
    "*.tmp",
    "// comment",
    "",
    "\\[abc",
]
# refused from 2.0 only (the #escape= line)
ESCAPES = [["#escape=ab"], ["x", "#escape=|"], ["#escape=|", "#escape=|"], ["#escaped"]]


@pytest.mark.parametrize("line", REFUSED)
def test_refused_everywhere(line):
    for version in ((1, 19, 2), (2, 1, 3)):
        assert len(problems([line], version)) == 1, (line, version)


@pytest.mark.parametrize("line", ACCEPTED)
def test_accepted_on_1x(line):
    assert problems([line], (1, 29, 5)) == []


@pytest.mark.parametrize("lines", ESCAPES)
def test_escape_lines_from_2_0(lines):
    assert problems(lines, (1, 29, 5)) == []
    assert len(problems(lines, (2, 1, 3))) == 1


def test_an_escape_character_applies_to_the_lines_after_it():
    assert problems(["#escape=|", "|[x", "[a|]]", "// [", "#include x"], (2, 1, 3)) == []
    assert problems(["#escape = |", "a[|]"], (2, 1, 3)) == [
        "line 2 'a[|]': a character class '[' is not closed with ']'"
    ]


def test_messages_name_the_line_and_the_reason():
    assert problems(["ok", "[z-a]", "ok", "#include  "], (2, 1, 3)) == [
        "line 2 '[z-a]': the range 'z-a' ends before it starts",
        "line 4 '#include  ': an #include line names the file to include, as in '#include more-ignores.txt'",
    ]
    assert problems(["[a-z0-9]"]) == [
        "line 1 '[a-z0-9]': a character class holds one range ('a-z') and then must close with ']'"
    ]
