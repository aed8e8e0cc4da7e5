# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""nox entry point: the sessions are configured in antsibull-nox.toml (make nox runs them)."""

import antsibull_nox

antsibull_nox.load_antsibull_nox_toml()
