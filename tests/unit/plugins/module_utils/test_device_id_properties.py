# Copyright (c) 2026, syncthing.rest contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Property tests: every spelling of a valid device ID normalises to one canonical form; corruption is refused."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ansible_collections.syncthing.rest.plugins.module_utils.device_id import (
    ALPHABET,
    InvalidDeviceID,
    device_id_from_bytes,
    is_valid_device_id,
    normalize_device_id,
)

RAW = st.binary(min_size=32, max_size=32)
LOOKALIKE = {"O": "0", "I": "1", "B": "8"}


@st.composite
def spelled(draw, chars):
    """``chars`` in any case, with look-alike digits, dashes/spaces anywhere, maybe '=' padding."""
    out = []
    for char in chars:
        if char in LOOKALIKE and draw(st.booleans()):
            char = LOOKALIKE[char]
        if draw(st.booleans()):
            char = char.lower()
        out.append(char + draw(st.sampled_from(["", "", "", "-", " "])))
    return "".join(out) + draw(st.sampled_from(["", "", "===="]))


def _plain(canonical):
    return canonical.replace("-", "")


def _without_check_digits(canonical):
    chars = _plain(canonical)
    return "".join(chars[i : i + 13] for i in range(0, 56, 14))


@given(RAW, st.data())
def test_any_spelling_normalises_to_the_canonical_form(raw, data):
    canonical = device_id_from_bytes(raw)
    assert normalize_device_id(canonical) == canonical
    assert normalize_device_id(data.draw(spelled(_plain(canonical)))) == canonical


@given(RAW, st.data())
def test_the_old_52_character_form_gets_its_check_digits(raw, data):
    canonical = device_id_from_bytes(raw)
    assert normalize_device_id(data.draw(spelled(_without_check_digits(canonical)))) == canonical


@given(RAW, st.integers(0, 55), st.sampled_from(ALPHABET), st.booleans())
def test_any_single_character_substitution_is_refused(raw, position, replacement, lower):
    chars = _plain(device_id_from_bytes(raw))
    if replacement == chars[position]:
        replacement = ALPHABET[(ALPHABET.index(replacement) + 1) % 32]
    corrupt = chars[:position] + replacement + chars[position + 1 :]
    corrupt = corrupt.lower() if lower else corrupt
    with pytest.raises(InvalidDeviceID, match="check digit incorrect"):
        normalize_device_id(corrupt)
    assert not is_valid_device_id(corrupt)


@given(RAW, st.integers(0, 55), st.sampled_from("9!#%+_/\\.,\u00e9\u00df"))
def test_a_character_outside_the_alphabet_is_refused(raw, position, bad):
    chars = _plain(device_id_from_bytes(raw))
    # 'ß' upper-cases to 'SS', which changes the length instead
    with pytest.raises(InvalidDeviceID, match=r"invalid character|incorrect length"):
        normalize_device_id(chars[:position] + bad + chars[position + 1 :])


@given(RAW, st.integers(0, 55))
def test_a_dropped_or_doubled_character_is_refused(raw, position):
    chars = _plain(device_id_from_bytes(raw))
    for broken in (chars[:position] + chars[position + 1 :], chars[:position] + chars[position] + chars[position:]):
        with pytest.raises(InvalidDeviceID, match="incorrect length"):
            normalize_device_id(broken)


@given(st.text(max_size=70))
def test_normalising_is_idempotent_or_refuses(text):
    try:
        canonical = normalize_device_id(text)
    except InvalidDeviceID:
        assert not is_valid_device_id(text)
        return
    assert normalize_device_id(canonical) == canonical
    assert len(canonical) == 63 and canonical.count("-") == 7
