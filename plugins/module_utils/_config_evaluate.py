# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The pure core of syncthing_config: from the task's options and the config read, what to write and what to return.

No HTTP: ``evaluate`` runs the phases (validate, plan, result) that ``_config_converge`` then acts on, and that
``benchmarks/plan_scaling.py`` times.

Note that this module util is PRIVATE to the collection. It can have breaking changes at any time.
"""

from typing import Any, Dict, NamedTuple

from ansible_collections.syncthing.rest.plugins.module_utils import _config_plan, _config_result, _config_validate
from ansible_collections.syncthing.rest.plugins.module_utils._config_desired import Desired, Fields, Version


class Outcome(NamedTuple):
    """What one task comes to: ``desired`` (validated), ``plan`` (a ``_config_plan.Plan``: the writes, warnings
    and the config as stored after them) and ``result`` (the module's result before any write, secrets not yet
    masked: ``changed``, the summaries, ``restart_required``/``restarted`` False, ``diff`` and, unless
    ``return_config`` is ``none``, ``config``)."""

    desired: Desired
    plan: _config_plan.Plan
    result: Dict[str, Any]


def evaluate(params: Fields, config: Fields, my_id: str, version: Version = None) -> Outcome:
    """Validate ``params`` (syncthing_config's options) against ``config`` (as read from ``GET /rest/config``),
    plan the writes, and build the result. ``version``: the server's version tuple (None: the newest rules).

    Raises SyncthingValidationError listing every problem (nothing is written then).
    """
    desired = _config_validate.normalize(params, config, my_id, version)
    plan = _config_plan.build_plan(config, desired, my_id, version)
    result: Dict[str, Any] = {
        "changed": plan.changed,
        "folders": plan.summary["folders"],
        "devices": plan.summary["devices"],
        "remote_ignored_devices": plan.summary["remote_ignored_devices"],
        "restart_required": False,
        "restarted": False,
        "diff": plan.diff(),
    }
    view = params.get("return_config") or "changed"
    if view == "managed":
        result["config"] = _config_result.managed(plan.result, desired)
    elif view == "changed":
        result["config"] = _config_result.changed(plan.result, plan, desired)
    return Outcome(desired, plan, result)
