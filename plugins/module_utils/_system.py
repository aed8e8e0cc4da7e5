# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The commands of syncthing_system, each reporting an honest ``changed`` and honouring check mode.

Note that this module util is PRIVATE to the collection. It can have breaking changes at any time.
"""

from ansible_collections.syncthing.rest.plugins.module_utils import _folder_health, _override
from ansible_collections.syncthing.rest.plugins.module_utils._device_names import names_to_ids, resolve_device
from ansible_collections.syncthing.rest.plugins.module_utils._errors import (
    SyncthingError,
    SyncthingValidationError,
)
from ansible_collections.syncthing.rest.plugins.module_utils._upgrade import upgrade_status
from ansible_collections.syncthing.rest.plugins.module_utils._wait import after_migration, wait_restarted
from ansible_collections.syncthing.rest.plugins.module_utils.device_id import InvalidDeviceID

COMMANDS = (
    "restart",
    "shutdown",
    "reset_database",
    "upgrade",
    "clear_errors",
    "log_error",
    "pause",
    "resume",
    "override",
    "revert",
)
# options that only mean something with some commands
OPTION_COMMANDS = {
    "folder": ("reset_database", "override", "revert"),
    "device": ("pause", "resume"),
    "error_message": ("log_error",),
}


class SystemCommand:
    """Runs one ``command`` with the module's options against a client."""

    def __init__(self, client, params, check_mode=False):
        self.client = client
        self.params = params
        self.check_mode = check_mode

    def run(self):
        command = self.params["command"]
        for option, commands in sorted(OPTION_COMMANDS.items()):
            if self.params.get(option) is not None and command not in commands:
                raise SyncthingValidationError(
                    "option {} is only used with command {}, not with {}".format(option, " or ".join(commands), command)
                )
        result = getattr(self, "cmd_" + command)()
        result["command"] = command
        return result

    def _config(self):
        """The whole config (the client falls back to the deprecated endpoint before 1.12)."""
        return self.client.get_config()

    def _restarting(self, post, maybe=False, wait=None):
        """Send a command that restarts Syncthing; with ``wait``, return once a new process answers.

        With ``maybe``, an empty answer means the server decided not to restart (nothing changed).
        """
        if self.check_mode:
            return {"changed": True}
        wait = self.params["wait"] if wait is None else wait
        # a task that waits also waits out a 2.x database migration at its start
        before = after_migration(self.client.get_status, self.params["wait_timeout"]) if wait else None
        answer = post()
        result = {"changed": bool(answer) or not maybe, "response": answer}
        if before is not None and result["changed"]:
            status = wait_restarted(self.client, before, self.params["wait_timeout"])
            result.update(start_time_before=before.get("startTime"), start_time=status.get("startTime"))
        return result

    def cmd_restart(self):
        return self._restarting(self.client.restart)

    def cmd_shutdown(self):
        if not self.check_mode:
            self.client.shutdown()
        return {"changed": True}

    def cmd_reset_database(self):
        """Reset all folders' index, or one folder's; running folders are paused around it, as Syncthing requires."""
        folder = self.params["folder"]
        folders = {item["id"]: item for item in self._config().get("folders") or []}
        if folder is not None and folder not in folders:
            raise SyncthingValidationError(_folder_health.not_configured(folder, folders))
        running = [
            key for key in ([folder] if folder is not None else sorted(folders)) if not folders[key].get("paused")
        ]
        _folder_health.require_usable(
            _folder_health.statuses_of(self.client, running),
            "to reset the database of",
            "After a reset Syncthing creates the folder's directory and marker again at the next start, so a missing "
            "or unmounted folder would become an empty folder it trusts.",
        )
        if not self.check_mode:
            self._set_paused(folders, running, True)
        try:
            # folders paused here are resumed after the restart, so then the restart is always waited for
            result = self._restarting(lambda: self.client.reset(folder), wait=self.params["wait"] or bool(running))
        except SyncthingError:
            self._set_paused(folders, running, False)
            raise
        if not self.check_mode:
            self._set_paused(folders, running, False)
        result.update(folder=folder, paused_for_reset=running)
        return result

    def _set_paused(self, folders, keys, paused):
        """Pause or resume folders by PUTting their complete objects (partial PATCH is unsafe on 1.29.6-2.1.1)."""
        for key in keys:
            item = dict(folders[key])
            item["paused"] = paused
            self.client.put_folder(item)

    def cmd_upgrade(self):
        """Upgrade only when a newer release exists; builds that cannot upgrade report that, unchanged."""
        info = upgrade_status(self.client)
        if not info["supported"]:
            return {
                "changed": False,
                "upgrade": info,
                "msg": "this Syncthing build cannot upgrade itself: {}".format(info["message"]),
            }
        if not info.get("newer"):
            return {"changed": False, "upgrade": info}
        if self.check_mode:
            return {"changed": True, "upgrade": info}
        result = self._restarting(self.client.upgrade, maybe=True)
        result["upgrade"] = info
        return result

    def cmd_clear_errors(self):
        errors = self.client.get_errors()["errors"]
        if errors and not self.check_mode:
            self.client.clear_errors()
        return {"changed": bool(errors), "errors": errors}

    def cmd_log_error(self):
        if not self.check_mode:
            self.client.new_error(self.params["error_message"])
        return {"changed": True}

    def cmd_override(self):
        return _override.run_command(self.client, "override", self.params, self.check_mode)

    def cmd_revert(self):
        return _override.run_command(self.client, "revert", self.params, self.check_mode)

    def cmd_pause(self):
        return self._pause(True)

    def cmd_resume(self):
        return self._pause(False)

    def _pause(self, paused):
        """Pause or resume one device (by ID or name) or all; only peers in the other state count as a change.

        The node's own device is never one of them: Syncthing does not connect to itself, so pausing it means
        nothing (a pause of all devices still flips its flag, which changes nothing either).
        """
        config = self._config()
        my_id = self.client.device_id or self.client.get_status()["myID"]
        peers = [item for item in config.get("devices") or [] if item["deviceID"] != my_id]
        device = self.params["device"]
        if device is not None:
            device = self._resolve(device, config, my_id)
            peers = [item for item in peers if item["deviceID"] == device]
        changing = [item["deviceID"] for item in peers if bool(item.get("paused")) != paused]
        if changing and not self.check_mode:
            (self.client.pause if paused else self.client.resume)(device)
        return {"changed": bool(changing), "devices": changing, "device": device}

    @staticmethod
    def _resolve(value, config, my_id):
        """The canonical ID of ``device`` (an ID or a configured device's name: ``device_id.resolve_device``);
        a value that is neither, a name several devices carry, or this node's own ID raises
        SyncthingValidationError."""
        devices = config.get("devices") or []
        names = names_to_ids((item.get("deviceID"), item.get("name")) for item in devices)
        try:
            device = resolve_device(value, names)
        except InvalidDeviceID as exc:  # UnknownDevice too
            raise SyncthingValidationError(f"device: {exc}") from None
        if device == my_id:
            raise SyncthingValidationError(
                f"device: {device} is this node's own device ID; Syncthing pauses and resumes its peers, not itself"
            )
        if not any(item["deviceID"] == device for item in devices):
            raise SyncthingValidationError(f"device: {device} is not configured")
        return device


def run(client, params, check_mode=False, warn=None):
    """syncthing_system: run ``params['command']``."""
    return SystemCommand(client, params, check_mode).run()
