# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The errors of SyncthingClient, and parse_version (no dependency on requests).

Note that this module util is PRIVATE to the collection. It can have breaking changes at any time.
"""

import re
from typing import Optional, Tuple


class SyncthingError(Exception):
    """Base of every error the client raises.

    Attributes: ``message`` (also ``str(exc)``; never contains the API key), ``method`` and ``path`` of the
    request (``"GET"``, ``"/rest/system/status"``), ``status`` (the HTTP status; None when there was no
    answer) and ``text`` (the server's answer, API key masked; empty or None when there was none).
    """

    def __init__(
        self,
        message: str,
        method: Optional[str] = None,
        path: Optional[str] = None,
        status: Optional[int] = None,
        text: Optional[str] = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.method = method
        self.path = path
        self.status = status
        self.text = text


class SyncthingValidationError(SyncthingError):
    """Input that must not be sent to the server (bad device ID, unknown field, bad value)."""


class SyncthingRolledBackError(SyncthingValidationError):
    """Input the server refused only after accepting it, which the task then put back as it was: nothing changed."""


class SyncthingMissingLibraryError(SyncthingError):
    """A Python library the task needs is not installed: ``requests``, or the one named in ``library``."""

    def __init__(self, message: str, library: str = "requests") -> None:
        super().__init__(message)
        self.library = library


class SyncthingHTTPError(SyncthingError):
    """The server answered with an HTTP error status (400, 405, 500, 501, 503, …), a redirect, or not JSON."""


class SyncthingAuthError(SyncthingHTTPError):
    """401 or 403: wrong or missing API key, CSRF error, host check."""


class SyncthingNotFoundError(SyncthingHTTPError):
    """404: unknown route, folder, device or file."""


class SyncthingConnectionError(SyncthingError):
    """The server could not be reached (refused, DNS, reset)."""


class SyncthingAnswerLostError(SyncthingConnectionError):
    """A write whose answer never came and that the client read back itself (a GUI write, whose listener restarts):
    ``applied`` is False when the read-back shows the write was not applied, None when it could not be read back
    (the outcome is unknown)."""

    applied: Optional[bool] = None


class SyncthingTimeoutError(SyncthingConnectionError):
    """The server did not answer in time."""


class SyncthingTLSError(SyncthingConnectionError):
    """TLS failed: untrusted or mismatched certificate, or a TLS/plain-HTTP mix-up."""


class SyncthingMigrationError(SyncthingConnectionError):
    """Syncthing 2.x is still migrating a 1.x database: the API is not there yet, try again later.

    From 2.0.3, when the migration on the first start of 2.x takes longer than 5 s, a temporary server on the GUI
    address answers every request with ``200 OK`` and the plain text ``*** Database migration in progress ***``
    (plus the log so far); nothing a request asks is done. Waits treat it like an unreachable server.
    """


MIGRATION_BANNER = b"*** Database migration in progress ***"


def migration_error(method, path, text):
    """The SyncthingMigrationError for an answer of the temporary migration server (``text``: its answer, already
    scrubbed of secrets), naming its last log line."""
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    last = f" (its log: {lines[-1][:200]})" if len(lines) > 1 else ""
    message = (
        f"{method} {path} failed: Syncthing is migrating its database to the 2.x format{last}; its API answers once "
        "the migration is done (minutes for a large database): wait for it, or try again later"
    )
    return SyncthingMigrationError(message, method=method, path=path, status=200, text=text)


def parse_version(text: Optional[str]) -> Optional[Tuple[int, int, int]]:
    """Return ``(major, minor, patch)`` from a Syncthing version string such as ``v1.19.2-ds1``, or None."""
    match = re.search(r"(\d+)\.(\d+)\.(\d+)", text or "")
    if not match:
        return None
    major, minor, patch = (int(part) for part in match.groups())
    return major, minor, patch
