# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""gui.password: recognising a bcrypt hash and deciding whether the given password must be sent.

Note that this module util is PRIVATE to the collection. It can have breaking changes at any time.
"""

import re

BCRYPT_HASH = re.compile(r"^\$2[aby]\$\d+\$.{50,}")


def import_bcrypt():
    """The bcrypt module, or None when it is not installed.

    Imported only when a plaintext password is compared with a stored hash, not when the module starts.
    """
    try:
        import bcrypt
    except ImportError:
        return None
    return bcrypt


def is_hash(password):
    """True for a bcrypt hash as Syncthing recognises one (lib/config/guiconfiguration.go)."""
    return bool(BCRYPT_HASH.match(password or ""))


def password_differs(given, stored, update_password):
    """Decide whether gui.password must be sent. Returns (send, warning).

    ``on_create`` never replaces a stored password, whatever form (plaintext or hash) the given one has.
    """
    if update_password == "on_create" and stored:
        return False, None
    if is_hash(given):
        return given != stored, None
    if given == stored:
        return False, None
    if not stored:
        return True, None
    if not BCRYPT_HASH.match(stored):
        return True, None
    bcrypt = import_bcrypt()
    if bcrypt is None:
        return True, (
            "gui.password: the Python library bcrypt is not available, so the password cannot be compared "
            "with the stored hash and is sent on every run; install bcrypt or use update_password=on_create"
        )
    try:
        return not bcrypt.checkpw(given.encode("utf-8"), stored.encode("utf-8")), None
    except ValueError:
        return True, None
