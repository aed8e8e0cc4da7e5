# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The transport of SyncthingClient: one requests.Session, retries, error mapping, the server's version.

The endpoint methods live in the _endpoints_*.py mixins; client.py composes them into SyncthingClient.

Note that this module util is PRIVATE to the collection. It can have breaking changes at any time.
"""

import json
import re
import time
import traceback
from typing import Any, Dict, List, Optional, Sequence, Tuple, Union
from urllib.parse import quote

from ansible_collections.syncthing.rest.plugins.module_utils import _versions as versions
from ansible_collections.syncthing.rest.plugins.module_utils._errors import (
    MIGRATION_BANNER,
    SyncthingAuthError,
    SyncthingConnectionError,
    SyncthingError,
    SyncthingHTTPError,
    SyncthingMissingLibraryError,
    SyncthingNotFoundError,
    SyncthingTimeoutError,
    SyncthingTLSError,
    SyncthingValidationError,
    migration_error,
    parse_version,
)

REQUESTS_IMPORT_ERROR: Optional[str]
try:
    import requests
    from requests import exceptions as _rexc
except ImportError:  # pragma: no cover - exercised by the missing-requests test
    requests = None  # type: ignore[assignment]  # the constructor checks it: SyncthingMissingLibraryError
    REQUESTS_IMPORT_ERROR = traceback.format_exc()
else:
    REQUESTS_IMPORT_ERROR = None

DEFAULT_URL = "http://127.0.0.1:8384"
DEFAULT_TIMEOUT = 30
EVENTS_TIMEOUT_MARGIN = 15
MASK = "********"
# the clock of the retry budget (tests replace ``time.sleep``; the budget counts the time that really passed)
_monotonic = time.monotonic

JSONObject = Dict[str, Any]
# new_ignores: an ignore object as get_ignores returns it ({"ignore": [...], ...}) or the lines themselves
IgnoreLines = Union[JSONObject, Sequence[str]]
# query parameters: a dict, or (name, value) pairs for a repeated name (scan's sub)
QueryParams = Union[Dict[str, Any], List[Tuple[str, Any]], None]
# seconds: one number for connect and read, or (connect, read) as requests takes it
TimeoutSeconds = Union[float, Tuple[float, float]]
# Syncthing's version as parse_version reads it: (major, minor, patch)
Version = Tuple[int, int, int]


def _header_safe_key(api_key):
    """The API key as it can go into the X-API-Key header: surrounding whitespace (a key read from a file ends in
    a line break) dropped; None is ""; any other character a header cannot carry raises SyncthingValidationError,
    without showing the key."""
    if api_key is None:
        return ""
    if not isinstance(api_key, str):
        raise SyncthingValidationError(f"api_key must be a string, not {type(api_key).__name__}")
    key = api_key.strip()
    if not all(" " <= char < "\x7f" for char in key):
        raise SyncthingValidationError(
            "api_key contains a character an HTTP header cannot carry (a line break or another control character, "
            "or a non-ASCII character); Syncthing's API keys are plain ASCII"
        )
    return key


def ignore_lines(ignores, method):
    """The lines of an ignore object (``{"ignore": [...]}``, as get_ignores returns it) or of a list of lines;
    any other shape raises SyncthingValidationError naming ``method``."""
    if isinstance(ignores, dict):
        if "ignore" not in ignores:
            raise SyncthingValidationError(
                f"{method}: an ignore object needs the key 'ignore' (as get_ignores returns it), got keys {sorted(ignores)}"
            )
        ignores = ignores["ignore"] or []
    if isinstance(ignores, (str, bytes)) or not hasattr(ignores, "__iter__"):
        raise SyncthingValidationError(
            f"{method}: give the lines as a list or as an ignore object {{'ignore': [lines]}}, not {type(ignores).__name__}"
        )
    lines = list(ignores)
    bad = [line for line in lines if not isinstance(line, str)]
    if bad:
        raise SyncthingValidationError(f"{method}: every ignore line must be a string, got {bad[0]!r}")
    broken = [line for line in lines if "\n" in line or "\r" in line]
    if broken:
        raise SyncthingValidationError(
            f"{method}: an ignore line cannot contain a line break (Syncthing would split it in two), got {broken[0]!r}"
        )
    return lines


def _split_user_info(url):
    """``(scheme://, user info, host and the rest)`` of ``url``, also without a scheme; the user info is None
    when there is none."""
    head, at, rest = (url or "").rpartition("@")
    scheme, sep, user_info = head.rpartition("://")
    if not at or "/" in user_info:
        return "", None, url
    return scheme + sep, user_info, rest


def url_password(url):
    """The password in the user info of ``url`` (``http://user:password@host``, also without a scheme), or None."""
    user_info = _split_user_info(url)[1]
    return (user_info or "").partition(":")[2] or None


def url_without_user_info(url):
    """``url`` with its user info (user and password) masked, for messages."""
    start, user_info, rest = _split_user_info(url)
    return url if user_info is None else f"{start}{MASK}@{rest}"


def _q(value):
    return quote(value, safe="")


class SyncthingTransport:
    """The transport every endpoint mixin builds on; see SyncthingClient for the parameters."""

    def __init__(
        self,
        api_key: str,
        api_url: str = DEFAULT_URL,
        *,
        verify: Union[bool, str] = True,
        timeout: TimeoutSeconds = DEFAULT_TIMEOUT,
        retries: int = 5,
        backoff: float = 0.25,
        session: Optional["requests.Session"] = None,
    ) -> None:
        """Set up the session (``X-API-Key`` and ``User-Agent`` headers); sends nothing yet.

        Raises SyncthingMissingLibraryError when the Python library ``requests`` is not installed.
        """
        if requests is None:
            raise SyncthingMissingLibraryError(
                "The Python library 'requests' is required by the Syncthing client; install it with 'pip install requests'."
            )
        self.api_key = _header_safe_key(api_key)
        self.api_url = (api_url or DEFAULT_URL).rstrip("/")
        self.verify = verify
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.session = session or requests.Session()
        # the URL requests is given: the same, but for a Unix socket (unix:///path, through _unix_socket)
        self._base_url = self.api_url
        if self.api_url.startswith("unix"):
            from ansible_collections.syncthing.rest.plugins.module_utils import _unix_socket

            self._base_url = _unix_socket.mount(self.session, self.api_url)
        self.session.headers["X-API-Key"] = self.api_key
        self.session.headers["User-Agent"] = "syncthing.rest"
        self.request_count = 0
        self.write_count = 0
        self._secrets = [secret for secret in (self.api_key, url_password(self.api_url)) if secret]
        self._server_version: Optional[Version] = None
        self.device_id: Optional[str] = None

    # ------------------------------------------------------------------ transport

    def _scrub(self, text):
        text = "" if text is None else str(text)
        for secret in self._secrets:
            text = text.replace(secret, MASK)
        return text

    def _fail(self, cls, method, path, status=None, text=None, reason=None):
        where = f"{method} {path}"
        if status is not None:
            detail = self._scrub(text).strip() or "(no text)"
            status_text = " ".join(str(part) for part in (status, self._scrub(reason).strip()) if part != "")
            message = f"{where} failed: HTTP {status_text}: {detail}"
        else:
            message = f"{where} failed: {self._scrub(reason)}"
        return cls(message, method=method, path=path, status=status, text=self._scrub(text))

    def request(
        self,
        method: str,
        path: str,
        params: QueryParams = None,
        body: Any = None,
        data: Union[str, bytes, None] = None,
        timeout: Optional[TimeoutSeconds] = None,
        raw: Union[bool, str] = False,
        headers: Optional[Dict[str, str]] = None,
    ) -> Any:
        """Send ``method path`` (e.g. ``"GET", "/rest/system/status"``) and return the answer.

        ``body`` is sent as JSON, ``data`` as it is. Returns the decoded JSON (None for an empty body), the text
        with ``raw=True``, the bytes with ``raw="bytes"``. ``timeout`` (seconds) replaces the client's for this
        call. GETs are retried on connection errors (a restarting server); writes are never retried.
        Raises SyncthingAuthError (401, 403), SyncthingNotFoundError (404), SyncthingHTTPError (any other
        status >= 400, a redirect, an answer that is not JSON), SyncthingMigrationError (2.x still migrating its
        database: its temporary server answered, nothing was done), SyncthingTLSError (certificate, TLS/HTTP mix-up,
        a redirect to https), SyncthingTimeoutError (no answer in time), SyncthingConnectionError (unreachable).
        """
        url = self._base_url + path
        kwargs: Dict[str, Any] = {
            "params": params,
            "verify": self.verify,
            "timeout": timeout or self.timeout,
            "headers": headers,
        }
        if body is not None:
            kwargs["data"] = json.dumps(body)
            kwargs["headers"] = dict(headers or {}, **{"Content-Type": "application/json"})
        elif data is not None:
            kwargs["data"] = data.encode("utf-8") if isinstance(data, str) else data
        attempts = 1 + (self.retries if method == "GET" else 0)
        pause = self.backoff
        started = _monotonic()
        # errors below are raised 'from None': their message carries the scrubbed text of the cause, while the raw
        # requests exception may hold the API key (see _scrub) and would be printed in a traceback
        for attempt in range(attempts):
            try:
                self.request_count += 1
                response = self.session.request(method, url, allow_redirects=False, **kwargs)
                break
            except _rexc.SSLError as exc:
                raise self._fail(SyncthingTLSError, method, path, reason=_tls_problem(self.api_url, exc)) from None
            except _rexc.Timeout as exc:
                raise self._fail(
                    SyncthingTimeoutError,
                    method,
                    path,
                    reason="no answer from {} within {}s ({})".format(self.api_url, kwargs["timeout"], exc),
                ) from None
            except _rexc.RequestException as exc:
                # retried while the pauses stay within the task's time budget (its timeout)
                spent = _monotonic() - started
                if (
                    attempt + 1 < attempts
                    and isinstance(exc, _rexc.ConnectionError)
                    and spent + pause <= _budget(kwargs["timeout"])
                ):
                    time.sleep(pause)
                    pause *= 2
                    continue
                raise self._fail(
                    SyncthingConnectionError, method, path, reason=_unreachable(self.api_url, exc, attempt + 1, spent)
                ) from None
        self._note_server(response)
        if 300 <= response.status_code < 400:
            raise self._redirected(method, path, response)
        if response.status_code >= 400:
            cls = SyncthingHTTPError
            if response.status_code in (401, 403):
                cls = SyncthingAuthError
            elif response.status_code == 404:
                cls = SyncthingNotFoundError
            error = self._fail(cls, method, path, response.status_code, response.text, response.reason)
            raise _hinted(error, self._hint(cls, response, path))
        if response.content.startswith(MIGRATION_BANNER) and "X-Syncthing-Version" not in response.headers:
            raise migration_error(method, path, self._scrub(response.text[:2000]))
        if method != "GET":
            self.write_count += 1
        if raw:
            return response.content if raw == "bytes" else response.text
        if not response.content.strip():
            return None
        try:
            return response.json()
        except ValueError:
            raise self._fail(
                SyncthingHTTPError,
                method,
                path,
                response.status_code,
                response.text[:200],
                f"answer is not JSON; is {self.api_url} a Syncthing server?",
            ) from None

    def _hint(self, cls, response, path):
        """A hint for refused credentials, an endpoint this server's version does not serve, or an answer that does
        not come from Syncthing (text/html, no header)."""
        text = response.text.strip()
        if cls is SyncthingAuthError and path == "/rest/noauth/auth/password":
            return "[the user name or password was not accepted]"
        missing = versions.endpoint_missing(path, self._server_version) if cls is SyncthingNotFoundError else None
        if missing:
            return f"[{missing}]"
        if cls is SyncthingAuthError and text in ("CSRF Error", "Forbidden", "Not Authorized"):
            return "[the API key was not accepted: check api_key]"
        foreign = "X-Syncthing-Version" not in response.headers and "text/plain" not in response.headers.get(
            "Content-Type", ""
        )
        if cls is not SyncthingAuthError and foreign:
            return f"[no X-Syncthing-Version header: is {self.api_url} the address of Syncthing's GUI/API?]"
        return None

    def _redirected(self, method, path, response):
        """Redirects are not followed (the API key header would go along); say where it pointed."""
        location = self._scrub(response.headers.get("Location")) or "(no Location)"
        if location.startswith("https://") and self.api_url.startswith("http://"):
            base = "https://" + location[len("https://") :].split("/", 1)[0]
            text = (
                f"the server redirects to {location}: Syncthing's GUI/API requires HTTPS (gui.useTLS is on); use url={base} "
                "(with ca_path for its certificate, or validate_certs=false)"
            )
            return self._fail(SyncthingTLSError, method, path, response.status_code, text, response.reason)
        text = f"the server redirects to {location}, which is not followed; set url to the API's own address"
        return self._fail(SyncthingHTTPError, method, path, response.status_code, text, response.reason)

    def _note_server(self, response):
        """Remember the server's version and device ID from the headers every Syncthing answer carries."""
        if self._server_version is None:
            version = parse_version(response.headers.get("X-Syncthing-Version"))
            if version:
                self._server_version = version
        if self.device_id is None:
            self.device_id = response.headers.get("X-Syncthing-ID") or None

    def get(self, path: str, params: QueryParams = None, **kwargs: Any) -> Any:
        """``request("GET", path, params, …)``: retried on connection errors; answer and errors as request."""
        return self.request("GET", path, params=params, **kwargs)

    def post(self, path: str, params: QueryParams = None, body: Any = None, **kwargs: Any) -> Any:
        """``request("POST", path, params, body, …)``: never retried; answer and errors as request."""
        return self.request("POST", path, params=params, body=body, **kwargs)

    def put(self, path: str, body: Any, params: QueryParams = None) -> Any:
        """``request("PUT", path, params, body)``: never retried; answer and errors as request."""
        return self.request("PUT", path, params=params, body=body)

    def patch(self, path: str, body: Any) -> Any:
        """``request("PATCH", path, body=body)``: never retried; answer and errors as request."""
        return self.request("PATCH", path, body=body)

    def delete(self, path: str, params: QueryParams = None) -> Any:
        """``request("DELETE", path, params)``: never retried; answer and errors as request."""
        return self.request("DELETE", path, params=params)

    def get_version(self) -> JSONObject:
        """GET /rest/system/version: ``{version, codename, longVersion, os, arch, …}``.

        The one endpoint the transport owns (as the server's version comes from it): see server_version.
        """
        return self.get("/rest/system/version")

    def server_version(self) -> Version:
        """Return the server's version as a tuple ``(major, minor, patch)``, read once and cached.

        Any answer's ``X-Syncthing-Version`` header fills the cache, so this rarely costs a request
        (GET /rest/system/version when it does). Raises SyncthingError when the version cannot be read,
        and the errors of request.
        """
        version = self._server_version
        if version is None:
            text = (self.get_version() or {}).get("version")
            version = parse_version(text)
            if version is None:
                raise SyncthingError(
                    f"GET /rest/system/version failed: cannot read a version from {self._scrub(text)!r}",
                    method="GET",
                    path="/rest/system/version",
                )
            self._server_version = version
        return version

    def at_least(self, *version: int) -> bool:
        """True when the server is at least the given version, e.g. ``at_least(1, 12)``: ``_versions.at_least``
        on server_version, so never for an unknown version (it is read first; when it cannot be, SyncthingError)."""
        return versions.at_least(self.server_version(), tuple(version))


def _budget(timeout):
    """The seconds a request may spend on retries: its timeout (the larger part of a (connect, read) pair)."""
    return max(timeout) if isinstance(timeout, tuple) else timeout


def _unreachable(url, exc, attempts, seconds):
    """Why ``url`` could not be reached, with the question a user needs: the socket's reason, not urllib3's text."""
    found = re.search(r"\[Errno -?\d+\][^'\")]*", str(exc))
    # an OSError shown as its repr, as a Unix socket's transport shows it: FileNotFoundError(2, 'No such file …')
    code = re.search(r"\w*Error\((-?\d+), '([^']*)'\)", str(exc))
    reason = found.group(0).strip() if found else f"[Errno {code.group(1)}] {code.group(2)}" if code else str(exc)
    tries = f"; {attempts} attempts in {seconds:.1f}s" if attempts > 1 else ""
    return f"cannot connect to {url}: is Syncthing running at {url}? ({reason}{tries})"


def _tls_problem(url, exc):
    """A TLS failure talking to ``url``; a certificate that failed verification gets the options that fix it."""
    text = str(exc)
    found = re.search(r"certificate verify failed: (.*?)\s*(\(_ssl\.c|['\")]|$)", text)
    if found:
        return (
            f"TLS error talking to {url}: the server's certificate was not accepted (certificate verify failed: "
            f"{found.group(1).rstrip('.')}); give the CA certificate that signed it (for Syncthing's own certificate: "
            "its https-cert.pem, with a url naming the host the certificate names) with ca_path, or set "
            "validate_certs=false"
        )
    found = re.search(r"\[SSL[^\]]*\][^'\")]*", text)
    return f"TLS error talking to {url}: {found.group(0).strip() if found else text}"


def _hinted(error, hint):
    """``error`` with ``hint`` added to its message (the server's text in ``error.text`` stays as it was)."""
    if hint:
        error.message = f"{error.message} {hint}"
        error.args = (error.message,)
    return error


def _one_of(method, *named, required=False):
    """The value of a parameter given under one of its names (the binding's name, then aliases), or None.

    ``named`` are ``(name, value)`` pairs; None means not given. Two names at once is a TypeError, as is
    a required parameter given under none of them.
    """
    given = [(name, value) for name, value in named if value is not None]
    if len(given) > 1:
        raise TypeError(
            "{}() got the same argument twice: {}".format(method, ", ".join(repr(name) for name, dummy in given))
        )
    if not given:
        if required:
            raise TypeError(f"{method}() missing required argument: {named[0][0]!r}")
        return None
    return given[0][1]


def _params(**kwargs):
    """Query parameters without the ones left as None."""
    return {key: value for key, value in kwargs.items() if value is not None}


def _csv(value):
    if value is None or isinstance(value, str):
        return value
    return ",".join(value)
