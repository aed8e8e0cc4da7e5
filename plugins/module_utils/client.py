# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""SyncthingClient: a Python client for every endpoint of the Syncthing REST API.

Public API (semver). Usable from plain Python, outside Ansible::

    from ansible_collections.syncthing.rest.plugins.module_utils.client import SyncthingClient
    client = SyncthingClient("my-api-key", "http://127.0.0.1:8384")
    print(client.get_version()["version"])

Every method returns the decoded JSON answer (``None`` for an empty body) and has type hints; its
docstring names the endpoint, the answer's shape and the errors particular to it. Errors raise a
subclass of ``SyncthingError`` whose message names the method, path, status and the server's
text, and never contains the API key:

- ``SyncthingAuthError``: 401 or 403 (the API key is refused; 1.x ``/rest/debug`` without ``gui.debugging``);
- ``SyncthingNotFoundError``: 404 (unknown route, folder, device or file; an endpoint newer than the server);
- ``SyncthingHTTPError``: any other HTTP error status (400, 500, 501, …), a redirect, an answer that is not JSON;
  the two above derive from it;
- ``SyncthingConnectionError``: the server cannot be reached; ``SyncthingTimeoutError`` (no answer in time) and
  ``SyncthingTLSError`` (certificate, TLS/HTTP mix-up) derive from it, and ``SyncthingMigrationError``: Syncthing 2.x
  is still migrating a 1.x database on its first start (a temporary server answers ``*** Database migration in
  progress ***``; nothing was done; try again later), and ``SyncthingAnswerLostError``: a GUI write (``put_gui``,
  ``patch_gui``) whose answer was lost and whose read-back did not show it applied (``applied``: False, or None when
  unknown);
- ``SyncthingValidationError``: input refused before anything is sent (``new_ignores``);
- ``SyncthingMissingLibraryError``: the constructor, when ``requests`` is not installed.

The 27 calls of the Python binding this client grew from (``get_version`` … ``get_folder_statistics``,
see docs/client.md) keep that binding's documented positional order, keyword names and argument
shapes, e.g. ``get_completion(device, folder)`` and ``new_ignores(folder, {"ignore": [...]})``.

Layout: the transport (session, retries, error mapping, the server's version and its one endpoint,
``get_version``) is ``_transport.py``, the errors ``_errors.py``, the endpoint methods ``_endpoints_system.py``,
``_endpoints_config.py`` (which falls back to the system endpoints' /rest/system/config through the functions it
imports from there) and ``_endpoints_db.py``; each builds on the transport alone. This module composes them and is
the only public import path.
"""

from ansible_collections.syncthing.rest.plugins.module_utils._endpoints_config import ConfigEndpoints
from ansible_collections.syncthing.rest.plugins.module_utils._endpoints_db import DatabaseEndpoints
from ansible_collections.syncthing.rest.plugins.module_utils._endpoints_system import SystemEndpoints
from ansible_collections.syncthing.rest.plugins.module_utils._errors import (
    SyncthingAnswerLostError,
    SyncthingAuthError,
    SyncthingConnectionError,
    SyncthingError,
    SyncthingHTTPError,
    SyncthingMigrationError,
    SyncthingMissingLibraryError,
    SyncthingNotFoundError,
    SyncthingTimeoutError,
    SyncthingTLSError,
    SyncthingValidationError,
    parse_version,
)
from ansible_collections.syncthing.rest.plugins.module_utils._transport import (
    DEFAULT_TIMEOUT,
    DEFAULT_URL,
    EVENTS_TIMEOUT_MARGIN,
    MASK,
    REQUESTS_IMPORT_ERROR,
    IgnoreLines,
    JSONObject,
    QueryParams,
    TimeoutSeconds,
    Version,
)

__all__ = [
    "DEFAULT_TIMEOUT",
    "DEFAULT_URL",
    "EVENTS_TIMEOUT_MARGIN",
    "MASK",
    "REQUESTS_IMPORT_ERROR",
    "IgnoreLines",
    "JSONObject",
    "QueryParams",
    "SyncthingAnswerLostError",
    "SyncthingAuthError",
    "SyncthingClient",
    "SyncthingConnectionError",
    "SyncthingError",
    "SyncthingHTTPError",
    "SyncthingMigrationError",
    "SyncthingMissingLibraryError",
    "SyncthingNotFoundError",
    "SyncthingTLSError",
    "SyncthingTimeoutError",
    "SyncthingValidationError",
    "TimeoutSeconds",
    "Version",
    "parse_version",
]


class SyncthingClient(SystemEndpoints, ConfigEndpoints, DatabaseEndpoints):
    """A client for one Syncthing instance, over one keep-alive ``requests.Session``.

    ``SyncthingClient(api_key, api_url="http://127.0.0.1:8384", *, verify=True, timeout=30, retries=5,
    backoff=0.25, session=None)``; nothing is sent until the first call.

    :param api_key: the GUI/API key (``gui.apiKey`` or ``STGUIAPIKEY``).
    :param api_url: base URL of the GUI/API, default ``http://127.0.0.1:8384``.
    :param verify: TLS verification: ``True``, ``False`` or the path of a CA bundle/certificate.
    :param timeout: seconds per request, or ``(connect, read)`` seconds.
    :param retries: how many times a GET is retried after a connection error (writes never are).
    :param backoff: first pause between retries in seconds (doubles each time).
    :param session: a ``requests.Session`` to use instead of a new one; its ``X-API-Key`` and ``User-Agent``
        headers are set.
    :raises SyncthingMissingLibraryError: when the Python library ``requests`` is not installed.

    Attributes besides the parameters: ``request_count`` (requests sent, retries included) and ``write_count``
    (requests other than GET that the server accepted).
    """
