# Copyright (c) 2026, syncthing.rest contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""The option every real-server suite shares: which Syncthing versions to run against (make passes the matrix)."""


def pytest_addoption(parser):
    parser.addoption("--versions", default="1.19.2 1.29.5", help="Syncthing versions to test against (space-separated)")
