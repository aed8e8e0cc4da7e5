# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""A Syncthing GUI/API on a Unix socket: ``url: unix:///run/syncthing/gui.sock`` (gui.address ``/path``, as NixOS
sets it).

requests speaks HTTP over TCP only; the transport for a socket comes from the Python library requests-unixsocket2
(or its predecessor requests-unixsocket: both provide the module ``requests_unixsocket``), imported only when a
socket URL is used, so that no other task pays for it.

Note that this module util is PRIVATE to the collection. It can have breaking changes at any time.
"""

from urllib.parse import quote

from ansible_collections.syncthing.rest.plugins.module_utils._errors import SyncthingMissingLibraryError

SCHEME = "unix://"
LIBRARY = "requests-unixsocket2"


def is_socket_url(url):
    """True for ``unix:///path`` (and ``unixs://``, which url_problem refuses)."""
    return (url or "").startswith((SCHEME, "unixs://"))


def url_problem(url):
    """Why ``url`` (``unix:///absolute/path.sock``) cannot be used, or None."""
    if url.startswith("unixs://"):
        return (
            "a GUI on a Unix socket with TLS (gui.useTLS or unixs://) is not supported: the socket transport speaks "
            "plain HTTP; turn useTLS off for a socket GUI (the socket's file permissions guard it)"
        )
    path = url[len(SCHEME) :]
    if not path.startswith("/") or path.rstrip("/") != path or "?" in path or "#" in path:
        return "give the absolute path of the socket after unix://, for example unix:///run/syncthing/gui.sock"
    return None


def mount(session, url):
    """Mount the Unix-socket transport on ``session``; return the base URL requests is given for ``url``.

    Raises SyncthingMissingLibraryError (naming the library to install) when requests_unixsocket is missing.
    """
    try:
        from requests_unixsocket import UnixAdapter
    except ImportError:
        raise SyncthingMissingLibraryError(
            f"url {url} is a Unix socket, which needs the Python library {LIBRARY!r} (or 'requests-unixsocket') "
            f"where the module runs; install it with 'pip install {LIBRARY}'",
            library=LIBRARY,
        ) from None
    session.mount("http+unix://", UnixAdapter())
    return "http+unix://" + quote(url[len(SCHEME) :], safe="")
