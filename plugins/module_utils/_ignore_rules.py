# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The ignore lines Syncthing refuses, found before anything is sent (its lib/ignore parser and glob lexer).

A refused POST /rest/db/ignores leaves an "invalid pattern" entry in Syncthing's error list, which can only be
cleared with all other errors; so every refusal that can be known offline is found here. What only Syncthing can
tell (an ``#include`` of a file that is not there) is left to it.

Note that this module util is PRIVATE to the collection. It can have breaking changes at any time.
"""

from ansible_collections.syncthing.rest.plugins.module_utils import _versions as versions

# the prefixes of a pattern, each allowed once, in any order
PREFIXES = ("!", "(?i)", "(?d)")
ESCAPE_PREFIX = "#escape"


def problems(lines, version=None):
    """Why Syncthing ``version`` would refuse ignore file ``lines`` (stripped), as messages; empty when it would not.

    Mirrors lib/ignore's parseIgnoreFile: comments and blank lines are skipped, a repeated line is read once,
    ``#include`` needs a file name, and from 2.0 an ``#escape=X`` line must come first, once, with one character.
    """
    found = []
    escape = "\\"
    escape_seen = has_patterns = False
    seen = set()
    for number, line in enumerate(lines, 1):
        where = f"line {number} {line!r}"
        if versions.at_least(version, versions.IGNORE_ESCAPE_LINE) and line.startswith(ESCAPE_PREFIX):
            if escape_seen:
                found.append(f"{where}: a second #escape= line (Syncthing allows one)")
            elif has_patterns:
                found.append(f"{where}: an #escape= line must come before every pattern")
            else:
                escape_seen = True
                rest = line[len(ESCAPE_PREFIX) :].strip()
                char = rest[1:].strip() if rest.startswith("=") else ""
                if len(char) != 1:
                    found.append(f"{where}: an #escape= line names exactly one character, as in '#escape=|'")
                else:
                    escape = char
            continue
        if line in seen or not line or line.startswith("//"):
            continue
        seen.add(line)
        if escape != "\\":
            line = line.replace(escape, "\\").replace("\\\\", "\\" + escape)
        if line.startswith("#include"):
            parts = line.split(" ", 1)
            if len(parts) != 2 or not parts[1].strip():
                found.append(f"{where}: an #include line names the file to include, as in '#include more-ignores.txt'")
            continue
        problem = pattern_problem(line)
        if problem:
            found.append(f"{where}: {problem}")
        else:
            has_patterns = True
    return found


def pattern_problem(line):
    """Why Syncthing cannot parse one pattern line (prefixes, then its glob), or None."""
    folded = False
    seen = set()
    while True:
        prefix = next((prefix for prefix in PREFIXES if line.startswith(prefix) and prefix not in seen), None)
        if prefix is None:
            break
        seen.add(prefix)
        folded = folded or prefix == "(?i)"
        line = line[len(prefix) :]
    if not line:
        return "no pattern after its prefixes (!, (?i), (?d))"
    return glob_problem(line.lower() if folded else line)


def glob_problem(pattern):
    """Why Syncthing's glob lexer refuses ``pattern``, or None: only character classes (``[...]``) can be wrong.

    A class holds text up to ``]`` (``\\`` escapes a character) or one range ``lo-hi`` then ``]``; after ``[``
    an optional ``!`` negates. Braces and a trailing ``\\`` are accepted.
    """
    index, size = 0, len(pattern)
    while index < size:
        char = pattern[index]
        index += 1
        if char == "\\":
            index += 1
        elif char == "[":
            index, problem = _class_end(pattern, index)
            if problem:
                return problem
    return None


def _class_end(pattern, index):
    """Read a character class from just after its ``[``; return ``(index after it, problem or None)``."""
    size = len(pattern)
    if index < size and pattern[index] == "!":
        index += 1
    if index >= size:
        return index, "a character class '[' is not closed with ']'"
    if index + 1 < size and pattern[index + 1] == "-":
        low = pattern[index]
        if index + 2 >= size:
            return index, "a character class '[' is not closed with ']'"
        high = pattern[index + 2]
        if index + 3 >= size:
            return index, "a character class '[' is not closed with ']'"
        if pattern[index + 3] != "]":
            return index, f"a character class holds one range ('{low}-{high}') and then must close with ']'"
        if high < low:
            return index, f"the range '{low}-{high}' ends before it starts"
        return index + 4, None
    text = 0
    while index < size and pattern[index] != "]":
        index += 2 if pattern[index] == "\\" else 1
        text += 1
    if index >= size:
        return index, "a character class '[' is not closed with ']'"
    if not text:
        return index, "a character class '[]' holds no character"
    return index + 1, None
