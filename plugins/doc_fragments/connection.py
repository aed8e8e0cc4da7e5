# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later


class ModuleDocFragment:
    """Connection options shared by every syncthing.rest module."""

    DOCUMENTATION = r"""
options:
  url:
    description:
      - Base URL of the Syncthing GUI/REST API, for example V(http://127.0.0.1:8384).
      - It starts with V(http://) or V(https://) and ends before the C(/rest) part (a reverse proxy's path prefix is
        kept). A password in it is never shown.
      - A GUI that listens on a Unix socket (its C(gui.address) is a path, as NixOS sets it) is given as
        V(unix:///run/syncthing/gui.sock); this needs the Python library C(requests-unixsocket2) (or
        C(requests-unixsocket)) where the module runs, and a GUI without TLS on that socket.
      - If not set, the environment variable E(SYNCTHING_URL) is used.
      - Otherwise the GUI address (and C(tls) setting) is read from the local C(config.xml) when one is
        found (see O(home)), else V(http://127.0.0.1:8384). An address found there is checked like a given one.
    type: str
  api_key:
    description:
      - The API key (C(gui.apiKey) in the config, or the C(STGUIAPIKEY) given to Syncthing).
      - If not set, the environment variables E(SYNCTHING_API_KEY), then E(STGUIAPIKEY) are used.
      - Otherwise it is read from the local C(config.xml) when one is found (see O(home)), so a task that
        runs on the Syncthing host needs no connection options at all.
    type: str
  home:
    description:
      - Syncthing's configuration folder, where C(config.xml) is read from to discover O(url) and O(api_key).
      - Default is the first of E(STHOMEDIR), E(STCONFDIR), C(~/.local/state/syncthing) and
        C(~/.config/syncthing) that holds a C(config.xml).
    type: path
  validate_certs:
    description:
      - Verify the server's TLS certificate when O(url) uses HTTPS.
      - Syncthing's GUI certificate is self-signed; prefer O(ca_path) pointing at its C(https-cert.pem)
        over turning verification off.
    type: bool
    default: true
  ca_path:
    description:
      - A CA bundle or certificate file to verify the server's TLS certificate against.
    type: path
  timeout:
    description:
      - Seconds to wait for each request to answer; more than 0, at most 10**9.
    type: float
    default: 30
requirements:
  - requests
  - requests-unixsocket2 (only for a O(url) on a Unix socket)
notes:
  - Reads (GET) are retried for a few seconds on connection errors, so a task right after a Syncthing
    restart still succeeds, but never for longer than O(timeout); writes are never retried.
  - The API key is never printed, also not in error messages.
"""
