# Copyright (c) 2026, syncthing.rest contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every route Syncthing 2.1.3 serves, and the ones 1.x served that 2.0 removed, has a client method.

The routes are those registered in Syncthing 2.1.3's ``lib/api/api.go`` and ``lib/api/confighandler.go`` (read for
issue 26), plus 1.x's ``/rest/system/debug``, ``/rest/debug/peerCompletion`` and ``/rest/debug/httpmetrics``. A route
counts as covered when a case of ``test_client_endpoints.CASES`` sends it: a new route of a later release is added
here first, and this test fails until a method and its case exist (CONTRIBUTING, "A new REST endpoint").
"""

import re

import pytest

from ansible_collections.syncthing.rest.tests.unit.plugins.module_utils.test_client_endpoints import CASES

ID = ":id"
ROUTES = [
    ("GET", "/rest/cluster/pending/devices"),
    ("DELETE", "/rest/cluster/pending/devices"),
    ("GET", "/rest/cluster/pending/folders"),
    ("DELETE", "/rest/cluster/pending/folders"),
    ("GET", "/rest/config"),
    ("PUT", "/rest/config"),
    ("GET", "/rest/config/insync"),
    ("GET", "/rest/config/restart-required"),
    ("GET", "/rest/config/folders"),
    ("PUT", "/rest/config/folders"),
    ("POST", "/rest/config/folders"),
    ("GET", "/rest/config/devices"),
    ("PUT", "/rest/config/devices"),
    ("POST", "/rest/config/devices"),
    *(
        (method, "/rest/config/" + kind + "/" + ID)
        for kind in ("folders", "devices")
        for method in ("GET", "PUT", "PATCH", "DELETE")
    ),
    *((method, "/rest/config/defaults/" + kind) for kind in ("folder", "device") for method in ("GET", "PUT", "PATCH")),
    ("GET", "/rest/config/defaults/ignores"),
    ("PUT", "/rest/config/defaults/ignores"),
    *(
        (method, "/rest/config/" + section)
        for section in ("options", "ldap", "gui")
        for method in ("GET", "PUT", "PATCH")
    ),
    ("GET", "/rest/system/config"),
    ("POST", "/rest/system/config"),
    ("GET", "/rest/system/config/insync"),
    ("GET", "/rest/db/completion"),
    ("GET", "/rest/db/file"),
    ("GET", "/rest/db/ignores"),
    ("POST", "/rest/db/ignores"),
    ("GET", "/rest/db/need"),
    ("GET", "/rest/db/remoteneed"),
    ("GET", "/rest/db/localchanged"),
    ("GET", "/rest/db/status"),
    ("GET", "/rest/db/browse"),
    ("POST", "/rest/db/prio"),
    ("POST", "/rest/db/override"),
    ("POST", "/rest/db/revert"),
    ("POST", "/rest/db/scan"),
    ("GET", "/rest/folder/versions"),
    ("POST", "/rest/folder/versions"),
    ("GET", "/rest/folder/errors"),
    ("GET", "/rest/folder/pullerrors"),
    ("GET", "/rest/events"),
    ("GET", "/rest/events/disk"),
    ("GET", "/rest/noauth/health"),
    ("POST", "/rest/noauth/auth/password"),
    ("POST", "/rest/noauth/auth/logout"),
    ("GET", "/rest/stats/device"),
    ("GET", "/rest/stats/folder"),
    ("GET", "/rest/svc/deviceid"),
    ("GET", "/rest/svc/lang"),
    ("GET", "/rest/svc/report"),
    ("GET", "/rest/svc/random/string"),
    ("GET", "/rest/system/browse"),
    ("GET", "/rest/system/connections"),
    ("GET", "/rest/system/discovery"),
    ("GET", "/rest/system/error"),
    ("POST", "/rest/system/error"),
    ("POST", "/rest/system/error/clear"),
    ("GET", "/rest/system/paths"),
    ("GET", "/rest/system/ping"),
    ("POST", "/rest/system/ping"),
    ("GET", "/rest/system/status"),
    ("GET", "/rest/system/upgrade"),
    ("POST", "/rest/system/upgrade"),
    ("GET", "/rest/system/version"),
    ("GET", "/rest/system/loglevels"),
    ("POST", "/rest/system/loglevels"),
    ("GET", "/rest/system/log"),
    ("GET", "/rest/system/log.txt"),
    ("POST", "/rest/system/reset"),
    ("POST", "/rest/system/restart"),
    ("POST", "/rest/system/shutdown"),
    ("POST", "/rest/system/pause"),
    ("POST", "/rest/system/resume"),
    ("GET", "/rest/debug/cpuprof"),
    ("GET", "/rest/debug/heapprof"),
    ("GET", "/rest/debug/support"),
    ("GET", "/rest/debug/file"),
    ("GET", "/qr/"),
    ("GET", "/meta.js"),
    ("GET", "/metrics"),
    # 1.x only (removed in 2.0.0)
    ("GET", "/rest/system/debug"),
    ("POST", "/rest/system/debug"),
    ("GET", "/rest/debug/peerCompletion"),
    ("GET", "/rest/debug/httpmetrics"),
]


def _route(method, path):
    """A request as a route: the object ID of /rest/config/{folders,devices}/{id} becomes ``:id``."""
    return method, re.sub(r"^(/rest/config/(?:folders|devices)/)[^/]+$", r"\1" + ID, path)


SENT = {_route(exchange.method, exchange.path) for case in CASES for exchange in case.exchanges}


@pytest.mark.parametrize("route", ROUTES, ids=[" ".join(route) for route in ROUTES])
def test_every_route_has_a_method_with_a_case(route):
    assert route in SENT


def test_the_cases_send_no_route_syncthing_does_not_serve():
    assert {route for route in SENT if route[1] != "/rest/x"} <= set(ROUTES)
