# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Ignore patterns (.stignore lines) of a folder or of the default-ignores template.

Note that this module util is PRIVATE to the collection. It can have breaking changes at any time.
"""

from ansible_collections.syncthing.rest.plugins.module_utils import _folder_health, _ignore_rules
from ansible_collections.syncthing.rest.plugins.module_utils import _versions as versions
from ansible_collections.syncthing.rest.plugins.module_utils._errors import (
    SyncthingError,
    SyncthingHTTPError,
    SyncthingNotFoundError,
    SyncthingRolledBackError,
    SyncthingValidationError,
)

# ---------------------------------------------------------------------- pure line logic


def normalize_patterns(patterns):
    """Strip each line as Syncthing does when it reads .stignore; refuse lines holding a line break."""
    lines = []
    for index, line in enumerate(patterns or []):
        line = "" if line is None else str(line)
        if "\n" in line or "\r" in line:
            raise SyncthingValidationError(
                f"patterns[{index}] {line!r} contains a line break; give each line of the ignore file as its own "
                "list item"
            )
        lines.append(line.strip())
    return lines


def desired_lines(current, patterns, state="present", exclusive=False):
    """Return the lines the ignore file should hold.

    ``exclusive``: exactly ``patterns``. ``present``: ``current`` plus each missing line of ``patterns``
    appended in order. ``absent``: ``current`` without any line of ``patterns``. Blank lines in
    ``patterns`` only count with ``exclusive``; comments and ``#include`` lines are lines like any other.
    """
    if exclusive:
        if state != "present":
            raise SyncthingValidationError("exclusive=true only works with state=present")
        return list(patterns)
    wanted = [line for line in patterns if line]
    if state == "absent":
        unwanted = set(wanted)
        return [line for line in current if line not in unwanted]
    result = list(current)
    seen = set(result)
    for line in wanted:
        if line not in seen:
            result.append(line)
            seen.add(line)
    return result


def file_text(lines):
    """The ignore file as text: each line followed by a newline."""
    return "".join(line + "\n" for line in lines)


# ---------------------------------------------------------------------- the two kinds of ignore file


class FolderIgnores:
    """The .stignore of one folder: GET/POST /rest/db/ignores."""

    has_expanded = True

    def __init__(self, client, folder):
        self.client = client
        self.folder = folder
        self.label = f"folder {folder}: .stignore"

    def read(self, warn):
        """Return ``(lines, expanded)``; an unknown folder or an unreadable file raises."""
        try:
            answer = self.client.get_ignores(self.folder)
        except SyncthingHTTPError as exc:
            # up to 1.27 an unknown folder is a 500 here
            if exc.status == 500:
                self._require_folder(exc.text)
            raise
        if answer["error"]:
            # from 1.28 an unknown folder is a 200 with an error field and no lines
            self._require_folder(answer["error"])
            if not answer["ignore"]:
                raise SyncthingError(
                    "Cannot read the ignore patterns of folder {!r}: {}; nothing was changed".format(
                        self.folder, answer["error"]
                    )
                )
            warn(
                "Syncthing reports a problem with the current ignore patterns of folder {!r}: {}".format(
                    self.folder, answer["error"]
                )
            )
        if not answer["ignore"]:
            # a receiveencrypted folder always answers no lines: only then is its type worth a request
            self._require_plain()
        return answer["ignore"], answer["expanded"]

    def _require_plain(self):
        """Refuse a receiveencrypted folder: Syncthing applies no ignore patterns there (it holds encrypted data it
        cannot read), so a .stignore written into it would only be one more file among the encrypted ones."""
        folder = self.client.get_folder(self.folder)  # before 1.12, the client reads it from the whole config
        if folder.get("type") == "receiveencrypted":
            raise SyncthingValidationError(
                f"Folder {self.folder!r} is of type receiveencrypted (an untrusted device's encrypted copy): Syncthing "
                "applies no ignore patterns there, so they belong on the trusted devices that share it; nothing was "
                "changed"
            )

    def _require_folder(self, server_text):
        """Raise a clear error when the folder is not in Syncthing's config (error path only)."""
        folders = self.client.get_folders()  # before 1.12, the client reads them from the whole config
        if not any(folder.get("id") == self.folder for folder in folders or []):
            raise SyncthingNotFoundError(
                "Folder {!r} does not exist on this Syncthing (server said: {})".format(
                    self.folder, (server_text or "").strip()
                )
            )

    def check_writable(self):
        """Refuse to write into a folder whose root Syncthing reports unusable (see _folder_health)."""
        _folder_health.require_usable(
            _folder_health.statuses_of(self.client, [self.folder]),
            "writing the ignore patterns of",
            "Syncthing would re-create a missing folder directory to hold .stignore and then report the folder "
            "marker missing.",
        )

    def write(self, lines, previous):
        """POST the lines; if Syncthing rejects them, POST ``previous`` back and raise. Return the answer."""
        answer = self.client.new_ignores(self.folder, lines)
        if not answer["error"]:
            return answer
        problem = "Syncthing rejected the ignore patterns for folder {!r}: {}".format(self.folder, answer["error"])
        try:
            restored = self.client.new_ignores(self.folder, previous)
        except SyncthingError as exc:
            raise SyncthingError(f"{problem}. Putting the previous patterns back failed too: {exc}") from exc
        if restored["ignore"] != list(previous):
            raise SyncthingError(
                "{}. Putting the previous patterns back did not work: the folder now has {!r}".format(
                    problem, restored["ignore"]
                )
            )
        raise SyncthingRolledBackError(
            f"{problem}. The previous patterns were put back; nothing was changed.{_error_list_note(self.client, answer)}"
        )


class DefaultIgnores:
    """The default-ignores template for new folders: GET/PUT /rest/config/defaults/ignores (1.19+)."""

    has_expanded = False

    def __init__(self, client):
        self.client = client
        self.label = "default ignore patterns"

    def read(self, warn):
        """Return ``(lines, None)``; servers before 1.19 raise a clear error."""
        try:
            answer = self.client.get_default_ignores()
        except SyncthingNotFoundError as exc:
            raise SyncthingError(
                f"defaults=true needs Syncthing {versions.version_text(versions.DEFAULT_IGNORES)} or later (the default ignore patterns were "
                f"added there); this server runs {_server(self.client)} ({exc})"
            ) from exc
        return list((answer or {}).get("lines") or []), None

    def check_writable(self):
        """The template belongs to no folder."""

    def write(self, lines, previous):
        """PUT the lines (Syncthing does not check the template's patterns); return them."""
        self.client.set_default_ignores(lines)
        return {"ignore": list(lines)}


def _error_list_note(client, answer):
    """A sentence saying that Syncthing's error list now holds an entry for the refused patterns, when it does.

    Syncthing can only clear all its errors at once, so the entry is left there for the user to see.
    """
    try:
        errors = client.get_errors()["errors"]
    except SyncthingError:
        return ""
    refused = (answer.get("error") or "").strip()
    if not any(refused and refused in (item.get("message") or "") for item in errors):
        return ""
    return (
        " Syncthing's error list (its GUI's notices, GET /rest/system/error) now holds an entry for it, which it can "
        "only clear together with all other errors (syncthing_system command=clear_errors)."
    )


def _server(client):
    try:
        return versions.version_text(client.server_version())
    except (SyncthingError, TypeError):
        return "an unknown version"


# ---------------------------------------------------------------------- the whole task


def parse_task(params):
    """Check the task's options before any request; return ``(target_name, patterns, state, exclusive)``."""
    patterns = normalize_patterns(params["patterns"])
    state, exclusive = params.get("state") or "present", bool(params.get("exclusive"))
    if params.get("defaults") and params.get("folder"):
        raise SyncthingValidationError("Give either folder or defaults=true, not both")
    if not params.get("defaults") and not params.get("folder"):
        raise SyncthingValidationError("Give the folder whose ignore patterns to manage, or defaults=true")
    if exclusive and state != "present":
        raise SyncthingValidationError("exclusive=true only works with state=present")
    return params.get("folder"), patterns, state, exclusive


def apply_ignores(client, task, check_mode=False, warn=None):
    """Read the ignore file once, compute the wanted lines, write only when they differ; return the result."""
    folder, patterns, state, exclusive = task
    warn = warn or (lambda message: None)
    target = FolderIgnores(client, folder) if folder else DefaultIgnores(client)
    try:
        before, expanded = target.read(warn)
        new_folder = False
    except SyncthingNotFoundError:
        if not (check_mode and folder):
            raise
        # a check-mode run: the task that would create the folder wrote nothing; predict from an empty file
        warn(
            f"check mode: folder {folder!r} is not configured (yet), so its ignore patterns are compared with an empty "
            "file; a task before this one that would create the folder did not write anything in check mode"
        )
        before, expanded, new_folder = [], None, True
    after = desired_lines(before, patterns, state, exclusive)
    changed = after != before
    if changed:
        # the version matters only to #escape lines (and a template's answer carries no version header)
        escapes = any(line.startswith(_ignore_rules.ESCAPE_PREFIX) for line in after)
        refused = _ignore_rules.problems(after, client.server_version() if escapes else None)
        if refused:
            raise SyncthingValidationError(
                "Syncthing would refuse these ignore patterns for {}: {}; nothing was sent".format(
                    target.label, "; ".join(refused)
                )
            )
    if changed and not new_folder:
        target.check_writable()
    if changed and not check_mode:
        answer = target.write(after, before)
        after = answer["ignore"]
        expanded = answer.get("expanded")
    result = {"changed": changed, "ignore": after}
    if target.has_expanded:
        result["expanded"] = expanded or []
    result["diff"] = {
        "before": file_text(before),
        "after": file_text(after),
        "before_header": target.label,
        "after_header": target.label,
    }
    return result


def run(client, params, check_mode=False, warn=None):
    """syncthing_ignores: check the options (no request), then read, compare and write the ignore file."""
    return apply_ignores(client, parse_task(params), check_mode, warn)
