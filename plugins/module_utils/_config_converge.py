# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Converge with syncthing_config: one config read, the plan from ``_config_plan``, and the writes it needs.

Note that this module util is PRIVATE to the collection. It can have breaking changes at any time.
"""

from urllib.parse import urlsplit, urlunsplit

from ansible_collections.syncthing.rest.plugins.module_utils import _config_evaluate, _config_restart, _config_writes
from ansible_collections.syncthing.rest.plugins.module_utils._endpoints_config import ConfigEndpoints
from ansible_collections.syncthing.rest.plugins.module_utils._endpoints_system import SystemEndpoints
from ansible_collections.syncthing.rest.plugins.module_utils._errors import SyncthingError


class ConfigClient(SystemEndpoints, ConfigEndpoints):
    """What syncthing_config talks to Syncthing through: SyncthingClient without the database endpoints.

    The module never calls them, and AnsiballZ ships and compiles every module_util a module imports, on every
    task. The system endpoints stay: the config endpoints fall back to their pre-1.12 routes.
    """


def read_config(client):
    """``GET /rest/config`` once; the local device ID comes from that answer's X-Syncthing-ID header."""
    config = client.get_config()
    return config, client.device_id or client.get_status()["myID"]


def write(client, plan, warn, config):
    """Send the plan's writes (``_config_writes``): in order, none sent again, read back when an answer never comes,
    rolled back to ``config`` (as read) when Syncthing refuses a later one."""
    _config_writes.send_all(client, _config_writes.plan_writes(client, plan), warn, config)


def gui_override(client, config, plan):
    """Where Syncthing's GUI listens when STGUIADDRESS or --gui-address overrides gui.address (its status says so,
    ``guiAddressOverridden``/``guiAddressUsed``), or None; asked only when the task changes the address or TLS."""
    old_gui, new_gui = config.get("gui") or {}, plan.sections.get("gui") or {}
    if all(new_gui.get(key, old_gui.get(key)) == old_gui.get(key) for key in ("address", "useTLS")):
        return None
    status = client.get_status()
    return (status.get("guiAddressUsed") or "?") if status.get("guiAddressOverridden") else None


def follow_gui(client, config, plan, warn, override=None):
    """After a gui write, return a client that still reaches the server (new address or API key), or None.

    ``override`` (see gui_override): the address Syncthing keeps listening on whatever gui.address says.
    """
    old_gui, new_gui = config.get("gui") or {}, plan.sections.get("gui") or plan.result.get("gui") or {}
    url = reconnect_url(client.api_url, old_gui, new_gui)
    if override is not None:
        url = client.api_url
        warn(
            "gui.address and useTLS are stored, but Syncthing's GUI address is overridden from outside (STGUIADDRESS "
            f"or --gui-address), so it keeps listening on {override}; the stored values take effect once Syncthing "
            "runs without the override"
        )
    api_key = client.api_key
    if new_gui.get("apiKey") and new_gui.get("apiKey") != old_gui.get("apiKey"):
        api_key = new_gui["apiKey"]
    if url is None:
        warn("The GUI now listens on {!r}, which this module cannot follow".format(new_gui.get("address")))
        return None
    if url == client.api_url and api_key == client.api_key:
        return client
    if url != client.api_url:
        warn(f"The Syncthing GUI/API moved: use url={url} from now on")
    if api_key != client.api_key:
        warn("The Syncthing API key changed: use the new gui.apiKey from now on")
    return type(client)(api_key, url, verify=client.verify, timeout=client.timeout)


def run(client, params, check_mode=False, warn=None):
    """syncthing_config: converge to ``params`` (the module's options); return the result (secrets not yet masked).

    Warnings go to ``warn(message)``. No read-back: the result is computed from the plan, which refuses or
    normalises every value Syncthing would store differently (``_config_value_rules``). Only options fields
    tagged ``restart`` can need a restart (reference §6.3), so the server is asked only after an options write.
    With ``restart: if_required`` Syncthing is asked in every case and restarted once when it needs it
    (``_config_restart``). Raises SyncthingValidationError for bad input (nothing written), other SyncthingErrors
    for HTTP failures.
    """
    config, my_id = read_config(client)
    return converge(client, params, config, my_id, check_mode, warn)


def converge(client, params, config, my_id, check_mode=False, warn=None):
    """``run`` on a config already read (``config``, the local device ID ``my_id``): for modules that read it
    themselves and converge the part they decide on (syncthing_pending)."""
    warn = warn or (lambda message: None)
    version = client.server_version()
    outcome = _config_evaluate.evaluate(params, config, my_id, version)
    plan, result = outcome.plan, outcome.result
    for warning in plan.warnings:
        warn(warning)
    restart = params.get("restart") == "if_required"
    timeout = params.get("wait_timeout") or 120
    if not plan.changed or check_mode:
        if restart:
            return _config_restart.restart_if_required(client, result, config, plan, version, check_mode, timeout)
        return result
    override = gui_override(client, config, plan) if "gui" in plan.sections else None
    write(client, plan, warn, config)
    if "gui" in plan.sections:
        client = follow_gui(client, config, plan, warn, override)
    if "options" not in plan.sections and not restart:
        return result
    if client is None:
        warn("The config was written, but whether Syncthing needs a restart cannot be asked at its new GUI address")
        return result
    if restart:
        return _config_restart.restart_if_required(client, result, config, plan, version, check_mode, timeout)
    try:
        result["restart_required"] = client.requires_restart(version)
    except SyncthingError as exc:
        warn(f"The config was written, but asking whether Syncthing needs a restart failed: {exc}")
    return result


def reconnect_url(url, old_gui, new_gui):
    """The URL to reach the API after a GUI change, or None when the new listener cannot be followed.

    Keeps the host of ``url``; takes the new port, and https when useTLS is turned on.
    """
    parts = urlsplit(url)
    scheme = "https" if new_gui.get("useTLS") and not old_gui.get("useTLS") else parts.scheme
    address = new_gui.get("address", "")
    if address == old_gui.get("address", ""):
        return urlunsplit((scheme, parts.netloc, parts.path, "", ""))
    if address.startswith(("/", "unix")):
        return None
    port = urlsplit(address).port if "://" in address else address.rpartition(":")[2]
    host = parts.hostname or "127.0.0.1"
    if ":" in host:
        host = f"[{host}]"
    return urlunsplit((scheme, f"{host}:{port or 8384}", parts.path, "", ""))
