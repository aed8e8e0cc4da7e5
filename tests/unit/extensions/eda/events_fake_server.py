# Copyright (c) 2026, syncthing.rest contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""A fake Syncthing event API on loopback, for the event source's unit tests.

It keeps Syncthing's rules (lib/events, lib/api getEvents): one buffered subscription per event mask, created on
the first request with that mask (the default and disk masks exist from the start); IDs per subscription from 1;
``since`` returns the buffered events with a greater ID, or blocks until there is one or ``timeout`` passes;
``limit`` keeps the last n; a small buffer drops the oldest. ``restart()`` starts the numbering again, ``down()``
cuts every long-poll and refuses connections, ``migrating`` answers 200 with 2.x's migration text.
"""

import http.server
import json
import threading
import time
import urllib.parse

DEVICE_ID = "MFZWI3D-BONSGYC-YLTMRWG-C43ENR5-QXGZDMM-FZWI3DP-BONSGYY-LTMRWAD"
DEFAULT = "default"
DISK = "disk"
DISK_TYPES = ("LocalChangeDetected", "RemoteChangeDetected")


class _Subscription:
    def __init__(self, types, size):
        self.types = types  # None: the default mask
        self.size = size
        self.buf = []
        self.next_id = 1

    def wants(self, event_type):
        if self.types == DISK:
            return event_type in DISK_TYPES
        if self.types is None:
            return event_type not in DISK_TYPES
        return event_type in self.types


class FakeSyncthing:
    """``with FakeSyncthing(api_key) as server``: ``server.url``, ``emit(type, data)``, ``restart()``,
    ``down()``/``up()``, ``requests`` (every request's path and query)."""

    def __init__(self, api_key, buffer_size=1000):
        self.api_key = api_key
        self.buffer_size = buffer_size
        self.cond = threading.Condition()
        self.requests = []
        self.migrating = False
        self.global_id = 0
        self.alive = False
        self.generation = 0
        self._subs = {}
        self._reset()
        self.httpd = None
        self.port = None

    # ------------------------------------------------------------------ control

    def _reset(self):
        self._subs = {DEFAULT: _Subscription(None, self.buffer_size), DISK: _Subscription(DISK, self.buffer_size)}
        self.global_id = 0

    def __enter__(self):
        self.up()
        return self

    def __exit__(self, *exc):
        self.down()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def up(self):
        server = http.server.ThreadingHTTPServer(("127.0.0.1", self.port or 0), _handler(self))
        server.daemon_threads = True
        self.httpd = server
        self.port = server.server_address[1]
        with self.cond:
            self.alive = True
            self.generation += 1
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    def down(self):
        """Stop answering: every waiting long-poll is cut without an answer, new connections are refused."""
        with self.cond:
            self.alive = False
            self.cond.notify_all()
        if self.httpd:
            self.httpd.shutdown()
            self.httpd.server_close()
            self.httpd = None

    def restart(self, emit_while_down=(), downtime=0.0):
        """A new process: down (for ``downtime`` seconds), the event numbering from 1 again (buffers empty), up."""
        self.down()
        time.sleep(downtime)
        with self.cond:
            self._reset()
        for event_type, data in emit_while_down:
            self.emit(event_type, data)
        self.up()

    def emit(self, event_type, data=None, count=1):
        """Add ``count`` events of a type at once (waiting long-polls wake up after the last)."""
        with self.cond:
            for _dummy in range(count):
                self.global_id += 1
                for sub in self._subs.values():
                    if sub.wants(event_type):
                        event = {
                            "id": sub.next_id,
                            "globalID": self.global_id,
                            "time": "2026-01-01T00:00:00.000000000Z",
                            "type": event_type,
                            "data": data,
                        }
                        sub.next_id += 1
                        sub.buf = ([*sub.buf, event])[-sub.size :]
            self.cond.notify_all()

    def subscription(self, key):
        with self.cond:
            if key not in self._subs:
                self._subs[key] = _Subscription(set(key.split(",")), self.buffer_size)
            return self._subs[key]

    def wait_for_request(self, count, timeout=10):
        """Wait until at least ``count`` requests have arrived."""
        deadline = time.time() + timeout
        while len(self.requests) < count and time.time() < deadline:
            time.sleep(0.01)
        return len(self.requests) >= count

    # ------------------------------------------------------------------ the events endpoint

    def answer(self, path, query):
        """(status, body) for one events request; None when the long-poll was cut by down()."""
        key = DISK if path == "/rest/events/disk" else (query.get("events") or DEFAULT)
        sub = self.subscription(key)
        since = int(query.get("since") or 0)
        timeout = float(query.get("timeout") or 60)
        deadline = time.time() + timeout
        generation = self.generation
        with self.cond:
            while sub.next_id - 1 <= since:
                left = deadline - time.time()
                if not self.alive or self.generation != generation:
                    return None
                if left <= 0:
                    return 200, []
                self.cond.wait(min(left, 0.05))
            events = [event for event in sub.buf if event["id"] > since]
        limit = int(query.get("limit") or 0)
        if limit:
            events = events[-limit:]
        return 200, events


def _handler(server):
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format, *args):  # pylint: disable=redefined-builtin
            pass

        def do_GET(self):
            parts = urllib.parse.urlsplit(self.path)
            query = dict(urllib.parse.parse_qsl(parts.query))
            server.requests.append({"path": parts.path, "query": query})
            if self.headers.get("X-API-Key") != server.api_key:
                return self._send(403, b"CSRF Error\n", "text/plain; charset=utf-8")
            if server.migrating:
                return self._send(200, b"*** Database migration in progress ***\n", "text/plain; charset=utf-8")
            if parts.path not in ("/rest/events", "/rest/events/disk"):
                return self._send(404, b"404 page not found\n", "text/plain; charset=utf-8")
            answer = server.answer(parts.path, query)
            if answer is None:  # cut: the process went away mid-poll
                self.close_connection = True
                self.connection.close()
                return None
            status, body = answer
            return self._send(status, json.dumps(body).encode(), "application/json; charset=utf-8")

        def _send(self, status, body, content_type):
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("X-Syncthing-ID", DEVICE_ID)
            self.send_header("X-Syncthing-Version", "v2.1.3")
            self.end_headers()
            self.wfile.write(body)
            return None

    return Handler
