# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""A counting reverse proxy on loopback: forwards every request to one Syncthing node and tallies it.

Every contender (the collection, uri loops, whole-config playbooks) talks to the proxy, so the same
counting applies to all of them. Counts are kept per method and per path template
(``/rest/config/folders/{id}``), with the bytes sent and received.
"""

import collections
import http.client
import http.server
import re
import threading
import urllib.parse

HOP_BY_HOP = {
    "connection",
    "keep-alive",
    "proxy-connection",
    "transfer-encoding",
    "te",
    "trailer",
    "upgrade",
    "host",
    "content-length",
}
TEMPLATES = [
    (re.compile(r"^/rest/config/(folders|devices)/[^/]+$"), r"/rest/config/\1/{id}"),
]


def path_template(path):
    """Return the path without its query, with object IDs replaced by ``{id}``."""
    path = urllib.parse.urlsplit(path).path
    for pattern, repl in TEMPLATES:
        path = pattern.sub(repl, path)
    return path


class Tally:
    """Thread-safe request counts and byte totals."""

    def __init__(self):
        self.lock = threading.Lock()
        self.counts = collections.Counter()
        self.bytes_up = 0
        self.bytes_down = 0
        self.largest = collections.Counter()

    def add(self, method, path, up, down):
        key = (method, path_template(path))
        with self.lock:
            self.counts[key] += 1
            self.bytes_up += up
            self.bytes_down += down
            self.largest[key] = max(self.largest[key], up, down)

    def reset(self):
        with self.lock:
            self.counts.clear()
            self.largest.clear()
            self.bytes_up = self.bytes_down = 0

    def snapshot(self):
        """Counts as a plain dict: {"by_method": {...}, "by_path": {"GET /rest/config": n}, bytes}."""
        with self.lock:
            by_method = collections.Counter()
            for (method, _path), count in self.counts.items():
                by_method[method] += count
            return {
                "by_method": dict(sorted(by_method.items())),
                "by_path": {"{} {}".format(*key): count for key, count in sorted(self.counts.items())},
                "largest": {"{} {}".format(*key): size for key, size in sorted(self.largest.items())},
                "bytes_up": self.bytes_up,
                "bytes_down": self.bytes_down,
            }


def _handler(upstream, tally):
    parts = urllib.parse.urlsplit(upstream)

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        local = threading.local()

        def log_message(self, format, *args):  # pylint: disable=redefined-builtin
            """Quiet: the tally is the log."""

        def _connection(self):
            conn = getattr(self.local, "conn", None)
            if conn is None:
                conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=600)
                self.local.conn = conn
            return conn

        def _forward(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else None
            headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
            headers["Host"] = parts.netloc
            for attempt in (1, 2):
                conn = self._connection()
                try:
                    conn.request(self.command, self.path, body=body, headers=headers)
                    response = conn.getresponse()
                    data = response.read()
                    break
                except (http.client.HTTPException, OSError):
                    conn.close()
                    self.local.conn = None
                    if attempt == 2:
                        self.send_error(502, "upstream failed")
                        return
            tally.add(self.command, self.path, length, len(data))
            self.send_response(response.status, response.reason)
            for key, value in response.getheaders():
                if key.lower() not in HOP_BY_HOP:
                    self.send_header(key, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(data)

        do_GET = do_PUT = do_POST = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = _forward

    return Handler


class CountingProxy:
    """``with CountingProxy("http://127.0.0.1:8384") as proxy: proxy.url, proxy.tally``."""

    def __init__(self, upstream):
        self.tally = Tally()
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _handler(upstream, self.tally))
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]:d}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
