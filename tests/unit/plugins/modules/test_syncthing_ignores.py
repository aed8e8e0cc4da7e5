# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""syncthing_ignores end to end with mocked servers: the exact requests, in order, and the results."""

import pytest
import responses
from responses import matchers
from responses.registries import OrderedRegistry

from ansible_collections.syncthing.rest.plugins.modules import syncthing_ignores
from ansible_collections.syncthing.rest.tests.unit.plugins.modules.utils import run_main

URL = "http://st.test:8384"
KEY = "unit-test-api-key-0123456789"
IGNORES = URL + "/rest/db/ignores"
DEFAULTS = URL + "/rest/config/defaults/ignores"
FOLDERS = URL + "/rest/config/folders"


def headers(version="v1.29.5"):
    return {"X-Syncthing-Version": version}


@pytest.fixture
def server():
    """A mocked server whose registered answers must all be asked for, in the order registered."""
    with responses.RequestsMock(assert_all_requests_are_fired=True, registry=OrderedRegistry) as rsps:
        yield rsps


def run_module(capsys, check_mode=False, diff=False, **args):
    """Run the module with these options (plus url/api_key); return its JSON result."""
    args = dict(url=URL, api_key=KEY, **args)
    if check_mode:
        args["_ansible_check_mode"] = True
    if diff:
        args["_ansible_diff"] = True
    return run_main(capsys, syncthing_ignores.main, args)


def warnings(result):
    """The warning texts of a result (ansible-core 2.19 wraps each one in a WarningSummary)."""
    return [item["event"]["msg"] if isinstance(item, dict) else item for item in result.get("warnings", [])]


def sent(lines):
    """Matchers for the exact query and body of one POST /rest/db/ignores?folder=f1."""
    return [
        matchers.query_param_matcher({"folder": "f1"}),
        matchers.json_params_matcher({"ignore": lines}),
        matchers.header_matcher({"X-API-Key": KEY, "Content-Type": "application/json"}),
    ]


def get_ignores(server, lines, expanded=None, error=None, status=200, version="v1.29.5", folder_type="sendreceive"):
    """GET /rest/db/ignores?folder=f1; an answer without lines (and without error) is followed by the folder's
    config read: a receiveencrypted folder answers no lines, and is refused."""
    body = {"ignore": lines, "expanded": expanded, "error": error}
    server.add(
        responses.GET,
        IGNORES,
        json=body,
        status=status,
        headers=headers(version),
        match=[matchers.query_param_matcher({"folder": "f1"}), matchers.header_matcher({"X-API-Key": KEY})],
    )
    if status == 200 and not lines and not error:
        server.add(responses.GET, FOLDERS + "/f1", json={"id": "f1", "type": folder_type}, headers=headers(version))


def folder_status(server, state="idle", error=""):
    """GET /rest/db/status?folder=f1: asked before every write (a folder whose path is missing is refused)."""
    server.add(
        responses.GET,
        URL + "/rest/db/status",
        json={"state": state, "error": error, "sequence": 3},
        headers=headers(),
        match=[matchers.query_param_matcher({"folder": "f1"})],
    )


def post_ignores(server, lines, answer_lines=None, expanded=None, error=None):
    answer = {"ignore": lines if answer_lines is None else answer_lines, "expanded": expanded or [], "error": error}
    if not getattr(server, "status_asked", False):
        folder_status(server)
        server.status_asked = True
    server.add(responses.POST, IGNORES, json=answer, headers=headers(), match=sent(lines))


def test_present_appends_missing_lines_once(server, capsys):
    get_ignores(server, ["// c", "a"], ["a", "**/a"])
    post_ignores(server, ["// c", "a", "!b", "c"], expanded=["a", "!b", "c"])
    result = run_module(capsys, folder="f1", patterns=["a", "!b", "c"], diff=True)
    assert result["changed"] is True
    assert result["ignore"] == ["// c", "a", "!b", "c"]
    assert result["expanded"] == ["a", "!b", "c"]
    assert result["diff"]["before"] == "// c\na\n"
    assert result["diff"]["after"] == "// c\na\n!b\nc\n"
    assert result["diff"]["before_header"] == "folder f1: .stignore"
    assert len(server.calls) == 3  # read, folder health, write


def test_nothing_to_change_reads_once_and_writes_nothing(server, capsys):
    get_ignores(server, ["a", "!b"], ["a", "!b"])
    result = run_module(capsys, folder="f1", patterns=["!b", " a "])
    assert result == {"changed": False, "ignore": ["a", "!b"], "expanded": ["a", "!b"]}
    assert len(server.calls) == 1


def test_null_lists_of_a_missing_file_are_empty(server, capsys):
    get_ignores(server, None, None)
    result = run_module(capsys, folder="f1", patterns=["x"], state="absent")
    assert (result["changed"], result["ignore"], result["expanded"]) == (False, [], [])


def test_absent_removes_lines(server, capsys):
    get_ignores(server, ["a", "// keep", "b", "a"])
    post_ignores(server, ["// keep", "b"])
    result = run_module(capsys, folder="f1", patterns=["a"], state="absent")
    assert result["changed"] is True
    assert result["ignore"] == ["// keep", "b"]


def test_exclusive_sets_the_file_in_order(server, capsys):
    get_ignores(server, ["*", "!keep", "// c"])
    post_ignores(server, ["!keep", "*"])
    result = run_module(capsys, folder="f1", patterns=["!keep", "*"], exclusive=True)
    assert result["ignore"] == ["!keep", "*"]


def test_exclusive_empty_deletes_the_file(server, capsys):
    get_ignores(server, ["a"])
    folder_status(server)
    server.add(responses.POST, IGNORES, json={"ignore": None, "expanded": None, "error": None}, match=sent([]))
    result = run_module(capsys, folder="f1", patterns=[], exclusive=True)
    assert (result["changed"], result["ignore"], result["expanded"]) == (True, [], [])


def test_check_mode_reads_and_predicts_without_writing(server, capsys):
    get_ignores(server, ["a"], ["a"])
    folder_status(server)
    result = run_module(capsys, check_mode=True, diff=True, folder="f1", patterns=["b"])
    assert result["changed"] is True
    assert result["ignore"] == ["a", "b"]
    assert result["expanded"] == ["a"]
    assert result["diff"]["after"] == "a\nb\n"
    assert len(server.calls) == 2


MISSING_INCLUDE = "parse error: failed to load include file nope.txt: file not found"


def error_list(server, messages):
    server.add(
        responses.GET,
        URL + "/rest/system/error",
        json={"errors": [{"when": "2026-01-01T00:00:00Z", "message": text, "level": 3} for text in messages]},
        headers=headers(),
    )


def test_rejected_pattern_puts_the_old_lines_back_and_fails_naming_the_error_list_entry(server, capsys):
    """Only Syncthing can tell that an included file is missing; its refusal leaves an entry in its error list."""
    get_ignores(server, ["a", "// c"], ["a"])
    post_ignores(server, ["a", "// c", "#include nope.txt"], expanded=[], error=MISSING_INCLUDE)
    post_ignores(server, ["a", "// c"], expanded=["a"])
    error_list(server, ["older problem", f"Loading ignores: {MISSING_INCLUDE}"])
    result = run_module(capsys, folder="f1", patterns=["#include nope.txt"])
    assert result["failed"] is True
    assert result["msg"] == (
        f"Syncthing rejected the ignore patterns for folder 'f1': {MISSING_INCLUDE}. The previous patterns were put "
        "back; nothing was changed. Syncthing's error list (its GUI's notices, GET /rest/system/error) now holds an "
        "entry for it, which it can only clear together with all other errors (syncthing_system "
        "command=clear_errors)."
    )
    assert len(server.calls) == 5


def test_rejected_pattern_on_a_missing_file_deletes_it_again(server, capsys):
    get_ignores(server, None, None)
    post_ignores(server, ["#include nope.txt"], expanded=[], error=MISSING_INCLUDE)
    server.add(responses.POST, IGNORES, json={"ignore": None, "expanded": None, "error": None}, match=sent([]))
    error_list(server, [])
    result = run_module(capsys, folder="f1", patterns=["#include nope.txt"])
    assert result["msg"].endswith("The previous patterns were put back; nothing was changed.")


def test_failed_restore_says_so(server, capsys):
    get_ignores(server, ["a"])
    post_ignores(server, ["a", "#include nope.txt"], error="invalid pattern")
    server.add(responses.POST, IGNORES, status=500, body="disk full", match=sent(["a"]))
    result = run_module(capsys, folder="f1", patterns=["#include nope.txt"])
    assert result["msg"].startswith(
        "Syncthing rejected the ignore patterns for folder 'f1': invalid pattern. "
        "Putting the previous patterns back failed too: POST /rest/db/ignores failed: HTTP 500"
    )
    assert "disk full" in result["msg"]


@pytest.mark.parametrize("check_mode", [False, True])
def test_a_pattern_syncthing_would_refuse_is_refused_before_sending_also_in_check_mode(server, capsys, check_mode):
    get_ignores(server, ["a", "[ok]"], ["a"])
    result = run_module(capsys, check_mode=check_mode, folder="f1", patterns=["(?i)!", "[bad"])
    assert result["failed"] is True and result.get("changed") is False
    assert result["msg"] == (
        "Syncthing would refuse these ignore patterns for folder f1: .stignore: line 3 '(?i)!': no pattern after its "
        "prefixes (!, (?i), (?d)); line 4 '[bad': a character class '[' is not closed with ']'; nothing was sent"
    )
    assert len(server.calls) == 1


@pytest.mark.parametrize("folder_type", ["receiveencrypted"])
@pytest.mark.parametrize("check_mode", [False, True])
def test_a_receiveencrypted_folder_is_refused_in_every_mode(server, capsys, check_mode, folder_type):
    get_ignores(server, None, None, folder_type=folder_type)
    result = run_module(capsys, check_mode=check_mode, folder="f1", patterns=["*.tmp"])
    assert result["failed"] is True and result.get("changed") is False
    assert result["msg"].startswith(
        "Folder 'f1' is of type receiveencrypted (an untrusted device's encrypted copy): Syncthing applies no ignore "
        "patterns there"
    )
    assert len(server.calls) == 2


def test_unknown_folder_new_servers_error_field(server, capsys):
    get_ignores(server, None, None, error="folder nope does not exist")
    server.add(
        responses.GET,
        FOLDERS,
        json=[{"id": "other"}],
        headers=headers(),
        match=[matchers.header_matcher({"X-API-Key": KEY})],
    )
    result = run_module(capsys, folder="f1", patterns=["a"])
    assert result["msg"] == "Folder 'f1' does not exist on this Syncthing (server said: folder nope does not exist)"
    assert len(server.calls) == 2


def test_unknown_folder_old_servers_500(server, capsys):
    server.add(
        responses.GET,
        IGNORES,
        status=500,
        body="folder f1 does not exist\n",
        headers=headers("v1.19.2"),
        match=[matchers.query_param_matcher({"folder": "f1"})],
    )
    server.add(responses.GET, FOLDERS, json=[], headers=headers("v1.19.2"))
    result = run_module(capsys, folder="f1", patterns=["a"])
    assert result["msg"] == "Folder 'f1' does not exist on this Syncthing (server said: folder f1 does not exist)"


def test_other_500_of_an_existing_folder_is_passed_on(server, capsys):
    server.add(responses.GET, IGNORES, status=500, body="permission denied", headers=headers("v1.19.2"))
    server.add(responses.GET, FOLDERS, json=[{"id": "f1"}], headers=headers("v1.19.2"))
    result = run_module(capsys, folder="f1", patterns=["a"])
    assert result["msg"] == "GET /rest/db/ignores failed: HTTP 500 Internal Server Error: permission denied"


def test_unreadable_file_of_an_existing_folder_is_not_taken_as_empty(server, capsys):
    get_ignores(server, None, None, error="open .stignore: permission denied")
    server.add(responses.GET, FOLDERS, json=[{"id": "f1"}], headers=headers())
    result = run_module(capsys, folder="f1", patterns=["a"])
    assert result["msg"] == (
        "Cannot read the ignore patterns of folder 'f1': open .stignore: permission denied; nothing was changed"
    )
    assert len(server.calls) == 2


def test_a_broken_current_file_warns_and_a_fixing_write_is_kept(server, capsys):
    error = "parse error: failed to load include file x: file not found"
    get_ignores(server, ["a", "#include x"], [], error=error)
    server.add(responses.GET, FOLDERS, json=[{"id": "f1"}], headers=headers())
    post_ignores(server, ["a"], expanded=["a"])
    result = run_module(capsys, folder="f1", patterns=["a"], exclusive=True)
    assert result["changed"] is True
    assert warnings(result) == ["Syncthing reports a problem with the current ignore patterns of folder 'f1': " + error]


def test_defaults_template(server, capsys):
    server.add(
        responses.GET,
        DEFAULTS,
        json={"lines": ["x"]},
        headers=headers(),
        match=[matchers.header_matcher({"X-API-Key": KEY})],
    )
    server.add(
        responses.PUT,
        DEFAULTS,
        body="",
        headers=headers(),
        match=[
            matchers.json_params_matcher({"lines": ["x", "(?d).DS_Store"]}),
            matchers.header_matcher({"X-API-Key": KEY, "Content-Type": "application/json"}),
        ],
    )
    result = run_module(capsys, defaults=True, patterns=["(?d).DS_Store"], diff=True)
    assert result["changed"] is True
    assert result["ignore"] == ["x", "(?d).DS_Store"]
    assert "expanded" not in result
    assert result["diff"]["before_header"] == "default ignore patterns"


def test_defaults_template_unchanged_and_check_mode(server, capsys):
    server.add(responses.GET, DEFAULTS, json={"lines": ["x"]})
    server.add(responses.GET, DEFAULTS, json={"lines": None})
    assert run_module(capsys, defaults=True, patterns=["x"])["changed"] is False
    result = run_module(capsys, check_mode=True, defaults=True, patterns=["x"])
    assert (result["changed"], result["ignore"]) == (True, ["x"])
    assert len(server.calls) == 2


def test_defaults_on_an_old_server(server, capsys):
    server.add(responses.GET, DEFAULTS, status=404, body="404 page not found\n", headers=headers("v1.18.0"))
    result = run_module(capsys, defaults=True, patterns=["x"])
    assert result["msg"].startswith(
        "defaults=true needs Syncthing 1.19.0 or later (the default ignore patterns "
        "were added there); this server runs 1.18.0 (GET /rest/config/defaults/ignores "
        "failed: HTTP 404"
    )


@pytest.mark.parametrize(
    "args, message",
    [
        ({"patterns": ["a"]}, "Give the folder whose ignore patterns to manage, or defaults=true"),
        ({"folder": "f1", "defaults": True, "patterns": ["a"]}, "Give either folder or defaults=true, not both"),
        (
            {"folder": "f1", "patterns": ["a"], "state": "absent", "exclusive": True},
            "exclusive=true only works with state=present",
        ),
        ({"folder": "f1", "patterns": ["a\nb"]}, "patterns[0] 'a\\nb' contains a line break"),
    ],
)
def test_bad_options_fail_before_any_request(server, capsys, args, message):
    result = run_module(capsys, **args)
    assert result["failed"] is True
    assert message in result["msg"]
    assert len(server.calls) == 0


@pytest.mark.parametrize("check_mode", [False, True])
def test_a_folder_whose_path_is_missing_is_refused_and_nothing_is_written(server, capsys, check_mode):
    """Syncthing would re-create the missing directory to hold .stignore (field report)."""
    get_ignores(server, None, None)
    folder_status(server, state="error", error="folder path missing")
    result = run_module(capsys, check_mode=check_mode, folder="f1", patterns=["*.tmp"])
    assert result["failed"] is True
    assert (
        "Refusing writing the ignore patterns of this folder: folder 'f1' is in state error: folder path missing"
        in result["msg"]
    )
    assert "re-create a missing folder directory" in result["msg"] and "Nothing was changed" in result["msg"]
    assert [call.request.method for call in server.calls] == ["GET", "GET", "GET"]


def test_a_folder_with_a_broken_ignore_file_can_still_be_fixed(server, capsys):
    get_ignores(server, ["[bad"], [], error="parse error")
    server.add(responses.GET, FOLDERS, json=[{"id": "f1"}], headers=headers())
    folder_status(server, state="error", error="loading ignores: parse error")
    server.add(responses.POST, IGNORES, json={"ignore": ["ok"], "expanded": ["ok"], "error": None}, match=sent(["ok"]))
    result = run_module(capsys, folder="f1", patterns=["ok"], exclusive=True)
    assert result["changed"] is True and result["ignore"] == ["ok"]


def test_check_mode_compares_a_folder_not_created_yet_with_an_empty_file(server, capsys):
    """A provisioning play under --check: the task that would create the folder wrote nothing."""
    get_ignores(server, None, None, error="folder f1 does not exist")
    server.add(responses.GET, FOLDERS, json=[{"id": "other"}], headers=headers())
    result = run_module(capsys, check_mode=True, diff=True, folder="f1", patterns=["*.tmp"])
    assert result["changed"] is True and result["ignore"] == ["*.tmp"]
    assert result["diff"]["before"] == "" and result["diff"]["after"] == "*.tmp\n"
    assert any("check mode: folder 'f1' is not configured (yet)" in text for text in warnings(result))
    assert [call.request.method for call in server.calls] == ["GET", "GET"]
