# Copyright (c) 2026, syncthing.rest contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every suite's session loads tests/realserver.py: the real-server options, fixtures and helpers, in one place."""

pytest_plugins = ["realserver"]
