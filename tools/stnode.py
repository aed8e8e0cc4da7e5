#!/usr/bin/env python
# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Start and stop throw-away, hermetic Syncthing nodes on loopback (tests, demo, benchmarks).

A node never talks to anything but 127.0.0.1: discovery, relays, NAT, usage reporting, crash
reporting and upgrade checks are all off before its first start. Each node lives in its own home
folder under DIR; DIR/nodes.json remembers the nodes started there so that `stop` can stop them by PID.

Examples:
  stnode.py versions                                        the Syncthing binaries found (JSON)
  stnode.py available 1.19.2 2.1.3                          those of these versions that are installed
  stnode.py start --version 1.29.5 --dir /tmp/st --name a   start a node; prints it as JSON (url, api_key, ...)
  stnode.py start --version 2.1.3 --dir /tmp/st --name b --gui-port 8384 --listen-port 22000
  stnode.py start --version 2.1.3 --dir /tmp/st --name c --gui-socket /tmp/st/c.sock   GUI on a Unix socket
  stnode.py stop --dir /tmp/st                              stop every node started under /tmp/st

Binaries: tools/install-syncthing.sh caches them as $ST_DIR/<version>/syncthing (ST_DIR defaults to
/var/cache/syncthing-rest); $SYNCTHING_BINARIES may list more (colon-separated paths).
"""

import argparse
import glob
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import xml.etree.ElementTree as ET

ST_DIR = os.environ.get("ST_DIR", "/var/cache/syncthing-rest")
STATE_FILE = "nodes.json"


def binaries():
    """Map each Syncthing version ('1.19.2') to its binary: those tools/install-syncthing.sh cached under
    $ST_DIR/<version>/syncthing, then any listed in $SYNCTHING_BINARIES (colon-separated paths)."""
    found = {}
    extra = os.environ.get("SYNCTHING_BINARIES", "")
    cached = sorted(glob.glob(os.path.join(ST_DIR, "*", "syncthing")))
    for path in cached + [p for p in extra.split(":") if p]:
        if os.access(path, os.X_OK):
            out = subprocess.run([path, "--version"], capture_output=True, text=True, check=False).stdout
            match = re.search(r"v(\d+\.\d+\.\d+)", out)
            if match:
                found.setdefault(match.group(1), path)
    return found


def binary_for(version):
    """Return the binary for a version ('1.19.2', '1.19' or 'latest')."""
    found = binaries()
    if version == "latest" and found:
        version = max(found, key=lambda v: tuple(int(x) for x in v.split(".")))
    for full, path in found.items():
        if full == version or full.startswith(version + "."):
            return full, path
    raise SystemExit(
        "Syncthing {} is not installed (found: {}); run tools/install-syncthing.sh".format(
            version, sorted(found) or "none"
        )
    )


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _set(parent, tag, text):
    node = parent.find(tag)
    if node is None:
        node = ET.SubElement(parent, tag)
    node.text = text


def make_hermetic(config_xml, gui_port, listen_port, api_key, gui_socket=None):
    """Rewrite a generated config.xml so the node stays on loopback and never phones home.

    ``gui_socket``: serve the GUI on this Unix socket (an absolute path) instead of 127.0.0.1:``gui_port``.
    """
    tree = ET.parse(config_xml)
    root = tree.getroot()
    gui = root.find("gui")
    gui.set("tls", "false")
    _set(gui, "address", gui_socket or f"127.0.0.1:{gui_port}")
    _set(gui, "apikey", api_key)
    options = root.find("options")
    for tag in ("listenAddress", "globalAnnounceServer", "stunServer"):
        for node in options.findall(tag):
            options.remove(node)
    ET.SubElement(options, "listenAddress").text = f"tcp://127.0.0.1:{listen_port}"
    for tag, value in (
        ("globalAnnounceEnabled", "false"),
        ("localAnnounceEnabled", "false"),
        ("relaysEnabled", "false"),
        ("natEnabled", "false"),
        ("crashReportingEnabled", "false"),
        ("urAccepted", "-1"),
        ("autoUpgradeIntervalH", "0"),
        ("startBrowser", "false"),
        ("stunKeepaliveStartS", "0"),
        ("stunKeepaliveMinS", "0"),
        # 2.x checks for releases on POST /rest/system/upgrade even under STNOUPGRADE
        ("releasesURL", "http://127.0.0.1:9/meta.json"),
    ):
        _set(options, tag, value)
    tree.write(config_xml)


def _env():
    env = dict(os.environ)
    env.update({"STNOUPGRADE": "1", "STNODEFAULTFOLDER": "1", "STMONITORED": "", "HOME": env.get("HOME", "/root")})
    env.pop("STMONITORED")
    for name in ("STGUIADDRESS", "STGUIAPIKEY", "STHOMEDIR", "STCONFDIR", "STDATADIR"):
        env.pop(name, None)
    return env


def start(
    version,
    home,
    name="node",
    api_key=None,
    monitor=True,
    gui_port=None,
    listen_port=None,
    env=None,
    gui_socket=None,
    wait=True,
):
    """Generate (first time) and serve a node; return its description once the API answers.

    ``gui_port`` and ``listen_port`` (on 127.0.0.1) default to free ports. ``env``: more environment for Syncthing
    (for example STGUIADDRESS, which overrides the GUI address). ``gui_socket``: serve the GUI on this Unix socket
    path instead of a port (the node's ``url`` is then ``unix://<path>``). With ``wait=False`` the description
    comes back at once, its ``device_id`` None (a 2.x node migrating a 1.x home answers late).
    """
    full, path = binary_for(version)
    os.makedirs(home, exist_ok=True)
    config_xml = os.path.join(home, "config.xml")
    api_key = api_key or f"st-test-key-{name}-{os.urandom(6).hex()}"
    if not os.path.exists(config_xml):
        # 2.x creates no default folder and has no flag for it
        no_default = ["--no-default-folder"] if int(full.split(".")[0]) < 2 else []
        subprocess.run([path, "generate", "--home=" + home, *no_default], check=True, capture_output=True, env=_env())
    gui_port, listen_port = gui_port or free_port(), listen_port or free_port()
    make_hermetic(config_xml, gui_port, listen_port, api_key, gui_socket)
    args = [path, "serve", "--home=" + home, "--no-browser"]
    if not monitor:
        args.append("--no-restart")
    keeper = subprocess.Popen(
        [sys.executable, os.path.abspath(__file__), "keep", "--log", os.path.join(home, "syncthing.log"), "--", *args],
        stdout=subprocess.PIPE,
        env=dict(_env(), **(env or {})),
        start_new_session=True,
    )
    pid = int(keeper.stdout.readline())
    keeper.stdout.close()
    node = {
        "name": name,
        "version": full,
        "binary": path,
        "home": home,
        "pid": pid,
        "url": f"unix://{gui_socket}" if gui_socket else f"http://127.0.0.1:{gui_port}",
        "api_key": api_key,
        "listen": f"tcp://127.0.0.1:{listen_port}",
    }
    if env:
        node["env"] = dict(env)
    node["device_id"] = wait_ready(node, pid) if wait else None
    return node


def keep(args, log_path):
    """Run Syncthing under this process and reap it and every process it leaves behind.

    The keeper is a child subreaper: Syncthing's monitor and its child are reaped here when they stop,
    instead of lingering as zombies under an init that does not reap (as in containers).
    """
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
    except (OSError, AttributeError):
        pass
    with open(log_path, "ab") as log:
        proc = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    sys.stdout.write(f"{proc.pid}\n")
    sys.stdout.flush()
    os.close(1)
    while True:
        try:
            os.wait()
        except ChildProcessError:
            return 0
        except InterruptedError:
            continue


class _UnixHTTPConnection(http.client.HTTPConnection):
    """HTTP over a Unix socket (a GUI whose address is a socket path)."""

    def __init__(self, path, timeout):
        super().__init__("localhost", timeout=timeout)
        self.path = path

    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(self.timeout)
        self.sock.connect(self.path)


def _status(node, timeout):
    """GET /rest/system/status of a node, over TCP or its Unix socket; the decoded answer."""
    headers = {"X-API-Key": node["api_key"]}
    if node["url"].startswith("unix://"):
        connection = _UnixHTTPConnection(node["url"][len("unix://") :], timeout)
        try:
            connection.request("GET", "/rest/system/status", headers=headers)
            response = connection.getresponse()
            if response.status != 200:
                raise OSError(f"HTTP {response.status}")
            return json.load(response)
        finally:
            connection.close()
    request = urllib.request.Request(node["url"] + "/rest/system/status", headers=headers)
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return json.load(response)


def wait_ready(node, pid=None, timeout=60):
    """Wait until the node's API answers; return its device ID."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        if pid is not None and not alive(pid):
            raise RuntimeError("syncthing {} exited early; see {}/syncthing.log".format(node["name"], node["home"]))
        try:
            return _status(node, 2)["myID"]
        except (OSError, ValueError, http.client.HTTPException):
            time.sleep(0.2)
    raise RuntimeError(f"syncthing {node['name']} did not answer within {timeout}s")


def _children(pid):
    kids = []
    for stat in glob.glob("/proc/[0-9]*/stat"):
        try:
            with open(stat) as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            kid = int(stat.split("/")[2])
            kids.append(kid)
            kids.extend(_children(kid))
    return kids


def alive(pid):
    """Whether process ``pid`` runs (a zombie waiting to be reaped does not)."""
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def stop(node, timeout=20):
    """Stop the node's process (and the child a monitor process started) by PID."""
    pids = [node["pid"], *_children(node["pid"])]
    for pid in pids:
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    deadline = time.time() + timeout
    for pid in pids:
        while alive(pid) and time.time() < deadline:
            try:
                os.waitpid(pid, os.WNOHANG)
            except ChildProcessError:
                pass
            time.sleep(0.1)
        if alive(pid):
            os.kill(pid, signal.SIGKILL)


class NodeSet:
    """Nodes started on demand under one temporary folder; stop_all() stops each by PID and removes the folder.

    Each node gets ``root`` (its own folder), ``home`` (``root/home``) and an empty ``data`` folder.
    ``before_start(home)`` may prepare the home (for example a TLS certificate) before the first start.
    """

    def __init__(self, prefix="st-nodes-"):
        self.root = tempfile.mkdtemp(prefix=prefix)
        self.started = []
        self.count = 0

    def start(self, version, name, before_start=None, monitor=True, gui_socket=None, **options):
        """Start a node; ``options`` as ``start`` takes them (``env``, ``gui_port``). ``gui_socket=True`` puts the GUI
        on a Unix socket in the node's folder."""
        self.count += 1
        root = os.path.join(self.root, f"{name}-{version}-{self.count}")
        home = os.path.join(root, "home")
        if before_start:
            os.makedirs(home)
            before_start(home)
        if gui_socket is True:
            gui_socket = os.path.join(root, "gui.sock")
        node = start(version, home, name=name, monitor=monitor, gui_socket=gui_socket, **options)
        node["root"] = root
        node["data"] = os.path.join(root, "data")
        os.makedirs(node["data"], exist_ok=True)
        self.started.append(node)
        return node

    def stop(self, node):
        stop(node)

    def start_again(self, node, monitor=True):
        """Start a node stopped with stop() again: same home, ports and API key, so its URL, listen address and
        device ID stay what they were (its PID is updated in place)."""
        again = start(
            node["version"],
            node["home"],
            name=node["name"],
            api_key=node["api_key"],
            monitor=monitor,
            gui_port=None if node["url"].startswith("unix://") else int(node["url"].rsplit(":", 1)[1]),
            listen_port=int(node["listen"].rsplit(":", 1)[1]),
            env=node.get("env"),
            gui_socket=node["url"][len("unix://") :] if node["url"].startswith("unix://") else None,
        )
        node["pid"] = again["pid"]
        return node

    def stop_all(self):
        for node in self.started:
            stop(node)
        shutil.rmtree(self.root, ignore_errors=True)


def _state(directory):
    path = os.path.join(directory, STATE_FILE)
    if os.path.exists(path):
        with open(path) as handle:
            return json.load(handle)
    return []


def main(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n", 1)[0],
        epilog=__doc__.split("\n\n", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    start_p = sub.add_parser("start", help="start a node under DIR and print it as JSON")
    start_p.add_argument("--version", default="latest", help="Syncthing version: 1.29.5, 1.29 or latest (default)")
    start_p.add_argument("--dir", required=True, help="folder holding the nodes (created if missing)")
    start_p.add_argument("--name", default="node", help="node name, also its home folder DIR/NAME (default: node)")
    start_p.add_argument("--gui-port", type=int, help="GUI/API port on 127.0.0.1 (default: a free port)")
    start_p.add_argument("--gui-socket", help="serve the GUI/API on this Unix socket path instead of a port")
    start_p.add_argument("--listen-port", type=int, help="sync protocol port on 127.0.0.1 (default: a free port)")
    start_p.add_argument("--api-key", help="API key (default: a random one)")
    stop_p = sub.add_parser("stop", help="stop every node started under DIR, by PID")
    stop_p.add_argument("--dir", required=True, help="the folder given to start")
    sub.add_parser("versions", help="list the Syncthing versions found and their binaries (JSON)")
    avail_p = sub.add_parser("available", help="print those of the given versions that are installed")
    avail_p.add_argument("wanted", nargs="*", metavar="VERSION")
    keep_p = sub.add_parser("keep", help="internal: run and reap one Syncthing process")
    keep_p.add_argument("--log", required=True)
    keep_p.add_argument("serve", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    if args.command == "keep":
        return keep([arg for arg in args.serve if arg != "--"], args.log)
    if args.command == "versions":
        print(json.dumps(binaries(), indent=2))
    elif args.command == "available":
        found = binaries()
        print(" ".join(v for v in args.wanted if v in found))
    elif args.command == "start":
        os.makedirs(args.dir, exist_ok=True)
        nodes = _state(args.dir)
        node = start(
            args.version,
            os.path.join(os.path.abspath(args.dir), args.name),
            args.name,
            api_key=args.api_key,
            gui_port=args.gui_port,
            listen_port=args.listen_port,
            gui_socket=args.gui_socket and os.path.abspath(args.gui_socket),
        )
        nodes.append(node)
        with open(os.path.join(args.dir, STATE_FILE), "w") as handle:
            json.dump(nodes, handle, indent=2)
        print(json.dumps(node, indent=2))
    else:
        for node in _state(args.dir):
            stop(node)
        if os.path.exists(os.path.join(args.dir, STATE_FILE)):
            os.remove(os.path.join(args.dir, STATE_FILE))
    return 0


if __name__ == "__main__":
    sys.exit(main())
