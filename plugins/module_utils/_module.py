# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Shared module glue: connection options, config.xml discovery, errors turned into fail_json.

Note that this module util is PRIVATE to the collection. It can have breaking changes at any time.
"""

import math
import os
from typing import Any, Dict, Optional, Set
from urllib.parse import urlsplit

from ansible.module_utils.basic import AnsibleModule, env_fallback, missing_required_lib

from ansible_collections.syncthing.rest.plugins.module_utils._errors import (
    SyncthingError,
    SyncthingMissingLibraryError,
    SyncthingRolledBackError,
    SyncthingValidationError,
)
from ansible_collections.syncthing.rest.plugins.module_utils._transport import (
    DEFAULT_URL,
    MASK,
    REQUESTS_IMPORT_ERROR,
    url_password,
    url_without_user_info,
)
from ansible_collections.syncthing.rest.plugins.module_utils.device_id import InvalidDeviceID

CONNECTION_ARGUMENT_SPEC = {
    "url": {"type": "str", "fallback": (env_fallback, ["SYNCTHING_URL"])},
    "api_key": {"type": "str", "no_log": True, "fallback": (env_fallback, ["SYNCTHING_API_KEY", "STGUIAPIKEY"])},
    "home": {"type": "path"},
    "validate_certs": {"type": "bool", "default": True},
    "ca_path": {"type": "path"},
    "timeout": {"type": "float", "default": 30},
}

SECRET_KEYS = frozenset(("apiKey", "password", "encryptionPassword", "api_key", "bindPassword"))
# Options given in seconds. A timeout must be above 0 (urllib3 refuses 0), a delay may be 0; none may exceed
# MAX_SECONDS (about 31 years: a socket timeout must fit the platform's time_t).
TIMEOUT_OPTIONS = ("timeout", "wait_timeout")
DELAY_OPTIONS = ("delay",)
MAX_SECONDS = 10**9


def config_homes(home=None):
    """Folders that may hold Syncthing's config.xml, most specific first."""
    if home:
        return [home]
    candidates = [
        os.environ.get("STHOMEDIR"),
        os.environ.get("STCONFDIR"),
        os.path.expanduser("~/.local/state/syncthing"),
        os.path.expanduser("~/.config/syncthing"),
    ]
    return [path for path in candidates if path]


def read_local_config(home=None):
    """Return ``{url, api_key, path}`` from the first config.xml found, or None."""
    for folder in config_homes(home):
        path = os.path.join(folder, "config.xml")
        if os.path.isfile(path):
            return parse_config_xml(path)
    return None


def parse_config_xml(path):
    """Read the GUI address, TLS flag and API key from a config.xml."""
    import xml.etree.ElementTree as ET  # only here: most tasks never parse config.xml, so they never pay for it

    try:
        gui = ET.parse(path).getroot().find("gui")
    except (ET.ParseError, OSError) as exc:
        raise SyncthingError(f"cannot read {path}: {exc}") from exc
    if gui is None:
        return {"path": path, "url": None, "api_key": None}
    address = (gui.findtext("address") or "127.0.0.1:8384").strip()
    tls = (gui.get("tls") or "false").lower() == "true"
    return {"path": path, "url": gui_url(address, tls), "api_key": (gui.findtext("apikey") or "").strip() or None}


def gui_url(address, tls=False):
    """Turn a GUI listen address (``0.0.0.0:8384``, ``[::]:8384``, a URL, a Unix socket's path) into a URL to reach it
    locally (``unix:///path`` for a socket, ``unixs://`` with TLS, which url_problem refuses)."""
    if address.startswith("/"):
        return "{}://{}".format("unixs" if tls else "unix", address)
    if "://" in address:
        return address.rstrip("/")
    host, sep, port = address.rpartition(":")
    if not sep:
        host, port = address, "8384"
    if host in ("", "0.0.0.0"):
        host = "127.0.0.1"
    elif host in ("[::]", "::"):
        host = "[::1]"
    return "{}://{}:{}".format("https" if tls else "http", host, port)


def mask_secrets(value):
    """``value`` with every secret field (API key, passwords) masked.

    Containers that hold no secret are returned as they are, not copied (results can be megabytes).
    """
    if isinstance(value, dict):
        masked = None
        for key, item in value.items():
            if key in SECRET_KEYS and item:
                new = MASK
            elif isinstance(item, (dict, list)):
                new = mask_secrets(item)
            else:
                continue
            if new is not item:
                masked = dict(value) if masked is None else masked
                masked[key] = new
        return value if masked is None else masked
    if isinstance(value, list):
        listed = None
        for index, item in enumerate(value):
            new = mask_secrets(item) if isinstance(item, (dict, list)) else item
            if new is not item:
                listed = list(value) if listed is None else listed
                listed[index] = new
        return value if listed is None else listed
    return value


def secret_values(value):
    """Every non-empty string held under a secret key (API key, passwords), at any depth, also when the secret is
    given in the wrong shape (a list, a dict, a number), so that no error message can show it.

    One walk with one set: the arguments can be thousands of objects (1000 folders are 0.26 MB).
    """
    found: Set[str] = set()
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, dict):
            for key, sub in item.items():
                if key in SECRET_KEYS:
                    _add_texts(sub, found)
                elif isinstance(sub, (dict, list)):
                    pending.append(sub)
        elif isinstance(item, list):
            pending.extend(sub for sub in item if isinstance(sub, (dict, list)))
    return found


def _add_texts(value, found):
    """Add to ``found`` the non-empty strings in ``value`` (numbers as text), at any depth."""
    if isinstance(value, str):
        if value:
            found.add(value)
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        found.add(str(value))
    elif isinstance(value, (dict, list)):
        for item in value.values() if isinstance(value, dict) else value:
            _add_texts(item, found)


def url_problem(url):
    """Why ``url`` cannot be the address of Syncthing's GUI/API, as a message naming it; None when it can."""
    shown = url_without_user_info(url)
    if url.startswith(("unix://", "unixs://")):
        from ansible_collections.syncthing.rest.plugins.module_utils import _unix_socket

        problem = _unix_socket.url_problem(url)
        return problem and f"url: {shown!r}: {problem}"
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return (
            f"url: {shown!r} is not an http:// or https:// URL (for example http://127.0.0.1:8384), nor a Unix socket "
            "(unix:///run/syncthing/gui.sock)"
        )
    if parts.path.rstrip("/").endswith("/rest"):
        return (
            f"url: {shown!r} ends in /rest; give the address of Syncthing's GUI (for example "
            "http://127.0.0.1:8384), the module adds the /rest/... paths"
        )
    return None


def option_problems(params):
    """What is wrong with the connection URL and the options given in seconds, as messages (empty: nothing)."""
    problems = []
    url = params.get("url")
    if url and url_problem(url):
        problems.append(url_problem(url))
    for name in TIMEOUT_OPTIONS + DELAY_OPTIONS:
        value = params.get(name)
        if value is None:
            continue
        if (isinstance(value, float) and not math.isfinite(value)) or value > MAX_SECONDS:
            problems.append(
                f"{name}: {value!r} is not a number of seconds this module can wait (at most {MAX_SECONDS})"
            )
        elif name in TIMEOUT_OPTIONS and value <= 0:
            problems.append(f"{name}: must be greater than 0 seconds, got {value!r}")
        elif value < 0:
            problems.append(f"{name}: must be 0 or more seconds, got {value!r}")
    return problems


def connection_settings(params):
    """``(url, api_key, verify)`` for a client from the connection options (``url``, ``api_key``, ``home``,
    ``validate_certs``, ``ca_path``), with config.xml discovery for a missing URL or API key.

    Also used outside AnsibleModule (the event source). Raises SyncthingError when no API key is given or found.
    """
    url, api_key = params.get("url"), params.get("api_key")
    local: Optional[Dict[str, Any]] = None
    if not url or not api_key:
        local = read_local_config(params.get("home"))
    if not api_key:
        api_key = local and local["api_key"]
        if not api_key:
            raise SyncthingError(
                "No API key: set the api_key option or SYNCTHING_API_KEY/STGUIAPIKEY, or run the task on the "
                "Syncthing host with a readable config.xml (looked in: {})".format(
                    ", ".join(config_homes(params.get("home")))
                )
            )
    if not url:
        url = (local and local["url"]) or DEFAULT_URL
        problem = url_problem(url)
        if problem and local:
            # a discovered address is checked like a given url (the default address has no problem)
            raise SyncthingValidationError(
                "{} (the GUI address in {}); set the url option to an address this module can use".format(
                    problem, local["path"]
                )
            )
    verify = params.get("validate_certs", True)
    if verify and params.get("ca_path"):
        verify = params["ca_path"]
    return url, api_key, verify


class _AnsibleModule(AnsibleModule):
    """Registers secrets nested in dict options (gui.password, encryptionPassword) before argument validation,
    so that even a failed validation, which echoes the module arguments, hides them."""

    def _load_params(self):
        super()._load_params()
        self.no_log_values.update(secret_values(self.params))
        password = url_password(self.params.get("url"))
        if password:
            self.no_log_values.add(password)


class SyncthingModule:
    """An AnsibleModule with the connection options, a lazily built client and one error path.

    ``client_class`` builds the client: SyncthingClient, or the endpoint mixins a module needs (everything a module
    imports is shipped and compiled on every task, so syncthing_config leaves out the endpoints it never calls).
    """

    def __init__(self, argument_spec=None, *, client_class, **kwargs):
        spec = dict(CONNECTION_ARGUMENT_SPEC)
        spec.update(argument_spec or {})
        self.module = _AnsibleModule(argument_spec=spec, **kwargs)
        problems = option_problems(self.module.params)
        if problems:
            self.module.fail_json(msg="; ".join(problems))
        self.params = self.module.params
        self.check_mode = self.module.check_mode
        self.diff_mode = self.module._diff
        self.warn = self.module.warn
        self._client_class = client_class
        self._client = None

    @property
    def client(self):
        """The client for this task's connection options (built on first use)."""
        if self._client is None:
            self._client = self._build_client()
        return self._client

    def _build_client(self):
        url, api_key, verify = connection_settings(self.params)
        if api_key != self.params["api_key"]:
            self.module.no_log_values.add(api_key)  # read from config.xml: not registered as a module argument
        return self._client_class(api_key, url, verify=verify, timeout=self.params["timeout"])

    def run(self, helper):
        """Call ``helper(client, params, check_mode, warn)`` and exit with the plain result dict it returns.

        The one path of every module: secrets are masked here, ``diff`` is returned only in diff mode, and any
        SyncthingError (bad input, an HTTP error) or invalid device ID becomes ``fail_json``.
        """
        try:
            result = helper(self.client, self.params, self.check_mode, self.warn)
        except SyncthingMissingLibraryError as exc:
            if exc.library != "requests":
                self.module.fail_json(msg=str(exc))
            self.module.fail_json(msg=missing_required_lib("requests"), exception=REQUESTS_IMPORT_ERROR)
        except SyncthingRolledBackError as exc:
            self.module.fail_json(msg=str(exc))
        except SyncthingError as exc:
            self._fail_after_writes(str(exc))
        except InvalidDeviceID as exc:
            self._fail_after_writes(f"invalid device ID: {exc}")
        if not self.diff_mode:
            result.pop("diff", None)
        self.module.exit_json(**mask_secrets(result))

    def _fail_after_writes(self, msg):
        """fail_json, with changed=true when the server had accepted a write of this task before it failed."""
        self.module.fail_json(msg=msg, changed=bool(getattr(self._client, "write_count", 0)))
