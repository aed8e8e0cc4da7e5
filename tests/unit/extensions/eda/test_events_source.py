# Copyright (c) 2026, syncthing.rest contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""The event source syncthing.rest.events against a fake Syncthing event API (events_fake_server.py)."""

import asyncio
import importlib.util
import logging
import os

import pytest

from ansible_collections.syncthing.rest.tests.unit.extensions.eda.events_fake_server import DEVICE_ID, FakeSyncthing

COLL = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))))
PLUGIN = os.path.join(COLL, "extensions", "eda", "plugins", "event_source", "events.py")
KEY = "events-unit-test-key-5e3cr3t"


def load_plugin():
    """The source as ansible-rulebook loads it: from its file, outside Ansible's plugin loader."""
    spec = importlib.util.spec_from_file_location("syncthing_rest_events_under_test", PLUGIN)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


events = load_plugin()


class Sleeps:
    """The source's backoff sleep, recorded; ``on_sleep(n)`` runs before the n-th pause (1-based) returns."""

    def __init__(self, on_sleep=None):
        self.pauses = []
        self.on_sleep = on_sleep

    async def __call__(self, seconds):
        self.pauses.append(seconds)
        if self.on_sleep:
            self.on_sleep(len(self.pauses))
        await asyncio.sleep(0.01)


def source_for(server, sleep=None, **args):
    params = events.settings(dict({"url": server.url, "api_key": KEY, "poll_timeout": 1}, **args))
    return events.EventSource(params, sleep=sleep or Sleeps())


def polling(server, requests):
    """Block (in the test's helper thread) until the source has sent ``requests`` requests."""
    assert server.wait_for_request(requests)


def types(sent):
    return [event["syncthing"]["type"] for event in sent]


def ids(sent):
    return [event["syncthing"]["id"] for event in sent]


def test_filter_is_sent_to_the_server_and_the_event_shape():
    with FakeSyncthing(KEY) as server:
        source = source_for(server, events=["ConfigSaved", "FolderErrors"], host="node-a")

        async def scenario():
            queue = asyncio.Queue()
            task = asyncio.ensure_future(source.run(queue))
            await asyncio.get_running_loop().run_in_executor(None, polling, server, 2)
            server.emit("StateChanged", {"folder": "f"})
            server.emit("ConfigSaved", {"version": 37})
            server.emit("FolderErrors", {"folder": "f", "errors": [{"path": "a", "error": "denied"}]})
            got = [await asyncio.wait_for(queue.get(), 10) for dummy in range(2)]
            task.cancel()
            return got

        sent = asyncio.run(scenario())
    assert types(sent) == ["ConfigSaved", "FolderErrors"]
    first = sent[0]
    assert first["meta"] == {"hosts": ["node-a"]}
    assert first["syncthing"]["device_id"] == DEVICE_ID
    assert first["syncthing"]["data"] == {"version": 37}
    assert set(first["syncthing"]) == {"id", "globalID", "time", "type", "data", "device_id"}
    polls = [request["query"] for request in server.requests]
    assert {query["events"] for query in polls} == {"ConfigSaved,FolderErrors"}
    # the first request asks for the newest ID without waiting, then long-polls of poll_timeout seconds
    assert polls[0] == {"events": "ConfigSaved,FolderErrors", "since": "0", "limit": "1", "timeout": "0"}
    assert polls[1]["timeout"] == "1" and "limit" not in polls[1]


def test_since_now_skips_what_happened_before_and_since_all_sends_the_buffer_first():
    with FakeSyncthing(KEY) as server:
        server.emit("ConfigSaved", count=3)  # before the source starts; the default mask buffers them
        now = asyncio.run(_first_events(server, since="now", events=[], then=("FolderErrors", 1), count=1))
        everything = asyncio.run(_first_events(server, since="all", events=[], then=None, count=4))
    assert types(now) == ["FolderErrors"] and ids(now) == [4]
    assert ids(everything) == [1, 2, 3, 4]


async def _first_events(server, since, events, then, count):
    source = source_for(server, since=since, events=events)
    queue = asyncio.Queue()
    task = asyncio.ensure_future(source.run(queue))
    await asyncio.sleep(0.3)
    if then:
        server.emit(*then)
    got = [await asyncio.wait_for(queue.get(), 10) for dummy in range(count)]
    task.cancel()
    return got


def test_restart_sends_one_events_missed_and_carries_on_from_the_new_numbering():
    with FakeSyncthing(KEY) as server:
        requests_before = []

        def during(sent):
            if len(sent) == 3:  # events 1..3 seen; Syncthing restarts, an edit happens while it starts
                requests_before.append(len(server.requests))
                server.restart(emit_while_down=[("ConfigSaved", {"while": "down"})])
                server.wait_for_request(requests_before[0] + 2)
                server.emit("ConfigSaved", {"after": "restart"})

        source = source_for(server, host="n1")

        async def scenario():
            queue = asyncio.Queue()
            task = asyncio.ensure_future(source.run(queue))
            await asyncio.get_running_loop().run_in_executor(None, polling, server, 2)
            server.emit("ConfigSaved", count=3)
            sent = []
            while len(sent) < 5:
                sent.append(await asyncio.wait_for(queue.get(), 10))
                if len(sent) == 3:
                    await asyncio.get_running_loop().run_in_executor(None, during, sent)
            await asyncio.sleep(1.5)
            extra = [queue.get_nowait() for dummy in range(queue.qsize())]
            task.cancel()
            return sent, extra

        sent, extra = asyncio.run(scenario())
    assert extra == []
    assert types(sent) == ["ConfigSaved"] * 3 + ["EventsMissed", "ConfigSaved"]
    missed = sent[3]["syncthing"]
    assert missed["data"]["reason"] == "restarted" and missed["data"]["lastSeenID"] == 3
    assert missed["device_id"] == DEVICE_ID and sent[3]["meta"] == {"hosts": ["n1"]}
    # the new process numbers from 1 again: its first event after the source's probe is delivered, once
    assert sent[4]["syncthing"]["data"] == {"after": "restart"} and sent[4]["syncthing"]["id"] == 1


def test_gap_sends_one_events_missed_then_the_events_still_buffered():
    with FakeSyncthing(KEY, buffer_size=3) as server:

        async def scenario():
            source = source_for(server)
            queue = asyncio.Queue()
            task = asyncio.ensure_future(source.run(queue))
            await asyncio.get_running_loop().run_in_executor(None, polling, server, 2)
            server.emit("ConfigSaved")
            first = await asyncio.wait_for(queue.get(), 10)
            server.emit("ConfigSaved", count=10)  # at once: the buffer of 3 drops 7 of them
            rest = [await asyncio.wait_for(queue.get(), 10) for dummy in range(4)]
            await asyncio.sleep(0.5)
            assert queue.empty()
            task.cancel()
            return [first, *rest]

        sent = asyncio.run(scenario())
    assert types(sent) == ["ConfigSaved", "EventsMissed", "ConfigSaved", "ConfigSaved", "ConfigSaved"]
    assert sent[1]["syncthing"]["data"] == {"reason": "gap", "lastSeenID": 1, "nextID": 9, "missed": 7}
    assert ids(sent)[2:] == [9, 10, 11]


def test_server_away_and_back_sends_reconnected_without_duplicates(caplog):
    caplog.set_level(logging.DEBUG)
    with FakeSyncthing(KEY) as server:
        sleeps = Sleeps(on_sleep=lambda n: server.up() if n == 3 else None)

        async def scenario():
            source = source_for(server, sleep=sleeps)
            queue = asyncio.Queue()
            task = asyncio.ensure_future(source.run(queue))
            await asyncio.get_running_loop().run_in_executor(None, polling, server, 2)
            server.emit("ConfigSaved", count=2)
            sent = [await asyncio.wait_for(queue.get(), 10) for dummy in range(2)]
            server.down()  # a network blip: same process, same numbering
            sent.append(await asyncio.wait_for(queue.get(), 10))
            server.emit("ConfigSaved")
            sent.append(await asyncio.wait_for(queue.get(), 10))
            await asyncio.sleep(0.5)
            assert queue.empty()
            task.cancel()
            return sent

        sent = asyncio.run(scenario())
    assert types(sent) == ["ConfigSaved", "ConfigSaved", "EventsMissed", "ConfigSaved"]
    assert sent[2]["syncthing"]["data"]["reason"] == "reconnected"
    assert ids(sent) == [1, 2, None, 3]
    assert sleeps.pauses == [0.5, 1.0, 2.0]
    warnings = [
        r.getMessage() for r in caplog.records if r.levelno == logging.WARNING and "not answering" in r.getMessage()
    ]
    assert len(warnings) == 1, warnings


def test_backoff_is_capped_and_warns_once(caplog):
    caplog.set_level(logging.DEBUG)
    with FakeSyncthing(KEY) as server:
        server.down()  # away from the start: the source waits for it quietly
        sleeps = Sleeps(on_sleep=lambda n: server.up() if n == 10 else None)

        async def scenario():
            source = source_for(server, sleep=sleeps)
            queue = asyncio.Queue()
            task = asyncio.ensure_future(source.run(queue))
            await asyncio.get_running_loop().run_in_executor(None, polling, server, 2)
            server.emit("ConfigSaved")
            got = await asyncio.wait_for(queue.get(), 10)
            task.cancel()
            return got

        got = asyncio.run(scenario())
    assert got["syncthing"]["type"] == "ConfigSaved"  # nothing was missed: the source had not started yet
    assert sleeps.pauses == [0.5, 1, 2, 4, 8, 16, 30, 30, 30, 30]
    warnings = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert len([m for m in warnings if "not answering" in m]) == 1
    assert len([m for m in warnings if "answers again after" in m]) == 1


def test_database_migration_text_means_not_ready_yet():
    with FakeSyncthing(KEY) as server:
        server.migrating = True

        def ready(n):
            if n == 2:
                server.migrating = False

        sleeps = Sleeps(on_sleep=ready)

        async def scenario():
            source = source_for(server, sleep=sleeps)
            queue = asyncio.Queue()
            task = asyncio.ensure_future(source.run(queue))
            await asyncio.get_running_loop().run_in_executor(None, polling, server, 4)
            server.emit("ConfigSaved")
            got = await asyncio.wait_for(queue.get(), 10)
            task.cancel()
            return got

        got = asyncio.run(scenario())
    assert got["syncthing"]["type"] == "ConfigSaved"
    assert sleeps.pauses == [0.5, 1.0]


def test_refused_api_key_stops_the_source_with_a_clear_message(caplog):
    caplog.set_level(logging.DEBUG)
    with FakeSyncthing("another-key") as server:
        sleeps = Sleeps()
        with pytest.raises(events.EventSourceError) as info:
            asyncio.run(events.main(_Queue(), {"url": server.url, "api_key": KEY}))
        source = source_for(server, sleep=sleeps)
        with pytest.raises(events.EventSourceError):
            asyncio.run(source.run(_Queue()))
    message = str(info.value)
    assert "403" in message and "API key was not accepted" in message and server.url in message
    assert sleeps.pauses == [] and len(server.requests) == 2  # no retry loop
    _assert_no_secret(caplog, message)


def test_api_key_changed_mid_run_stops_the_source(caplog):
    caplog.set_level(logging.DEBUG)
    with FakeSyncthing(KEY) as server:

        async def scenario():
            source = source_for(server)
            queue = asyncio.Queue()
            task = asyncio.ensure_future(source.run(queue))
            await asyncio.get_running_loop().run_in_executor(None, polling, server, 2)
            server.api_key = "rotated-key"
            server.down()
            server.up()
            with pytest.raises(events.EventSourceError) as info:
                await asyncio.wait_for(task, 10)
            return str(info.value)

        message = asyncio.run(scenario())
    assert "API key was not accepted" in message
    _assert_no_secret(caplog, message)


def test_tls_error_stops_the_source():
    with FakeSyncthing(KEY) as server:
        https = server.url.replace("http://", "https://")
        with pytest.raises(events.EventSourceError) as info:
            asyncio.run(events.main(_Queue(), {"url": https, "api_key": KEY}))
    assert "TLS" in str(info.value)


def test_not_syncthing_stops_the_source():
    with FakeSyncthing(KEY) as server:
        with pytest.raises(events.EventSourceError) as info:
            asyncio.run(events.main(_Queue(), {"url": server.url + "/prefix", "api_key": KEY}))
    assert "404" in str(info.value)


def test_disk_follows_the_disk_endpoint():
    with FakeSyncthing(KEY) as server:

        async def scenario():
            source = source_for(server, disk=True)
            queue = asyncio.Queue()
            task = asyncio.ensure_future(source.run(queue))
            await asyncio.get_running_loop().run_in_executor(None, polling, server, 2)
            server.emit("ConfigSaved")
            server.emit("LocalChangeDetected", {"path": "a"})
            got = await asyncio.wait_for(queue.get(), 10)
            task.cancel()
            return got

        got = asyncio.run(scenario())
    assert got["syncthing"]["type"] == "LocalChangeDetected"
    assert {request["path"] for request in server.requests} == {"/rest/events/disk"}
    assert all("events" not in request["query"] for request in server.requests)


def test_no_secret_in_logs_or_events_at_any_level(caplog):
    caplog.set_level(logging.DEBUG)
    with FakeSyncthing(KEY) as server:
        sleeps = Sleeps(on_sleep=lambda n: server.up() if n == 2 else None)

        async def scenario():
            source = source_for(server, sleep=sleeps, host="h")
            queue = asyncio.Queue()
            task = asyncio.ensure_future(source.run(queue))
            await asyncio.get_running_loop().run_in_executor(None, polling, server, 2)
            server.emit("ConfigSaved", {"gui": {"apiKey": KEY, "password": "$2a$10$hash"}, "version": 52})
            sent = [await asyncio.wait_for(queue.get(), 10)]
            server.down()
            sent.append(await asyncio.wait_for(queue.get(), 10))
            task.cancel()
            return sent

        sent = asyncio.run(scenario())
    assert sent[0]["syncthing"]["data"] == {"gui": {"apiKey": "********", "password": "********"}, "version": 52}
    _assert_no_secret(caplog, repr(sent))


def _assert_no_secret(caplog, *texts):
    logged = [record.getMessage() for record in caplog.records]
    assert logged, "nothing was logged"
    for text in logged + list(texts):
        assert KEY not in text


class _Queue:
    async def put(self, event):
        raise AssertionError(f"no event expected: {event}")


# ---------------------------------------------------------------------- arguments


def test_arguments_are_checked_and_every_problem_named():
    with pytest.raises(events.EventSourceError) as info:
        events.settings(
            {"api_key": KEY, "bogus": 1, "since": "yesterday", "poll_timeout": 0, "url": "ftp://x", "events": ["a,b"]}
        )
    message = str(info.value)
    for part in ("unknown argument(s) bogus", "since: must be now or all", "poll_timeout: must be 1 to 3600"):
        assert part in message
    assert (
        "url: 'ftp://x' is not an http:// or https:// URL" in message and "'a,b' is not an event type name" in message
    )
    assert KEY not in message


def test_wrong_types_are_named():
    with pytest.raises(events.EventSourceError) as info:
        events.settings({"disk": "maybe", "poll_timeout": "ten", "events": 5, "host": ["x"]})
    message = str(info.value)
    for part in ("disk: 'maybe' is not a boolean", "poll_timeout: 'ten' is not a number", "events: 5", "host: list"):
        assert part in message


def test_events_and_disk_together_are_refused():
    with pytest.raises(events.EventSourceError, match="events: cannot be given with disk: true"):
        events.settings({"disk": True, "events": ["ConfigSaved"]})


def test_defaults_and_templated_strings():
    params = events.settings({"validate_certs": "false", "poll_timeout": "30", "timeout": "2.5", "events": "A, B"})
    assert params["validate_certs"] is False and params["poll_timeout"] == 30 and params["timeout"] == 2.5
    assert params["events"] == ["A", "B"]
    defaults = events.settings({})
    assert defaults["events"] == events.DEFAULT_EVENTS and defaults["since"] == "now" and defaults["disk"] is False
    assert defaults["poll_timeout"] == 60 and defaults["timeout"] == 30 and defaults["validate_certs"] is True


def test_environment_and_config_xml_discovery(monkeypatch, tmp_path):
    monkeypatch.setenv("SYNCTHING_URL", "http://127.0.0.1:9")
    monkeypatch.setenv("STGUIAPIKEY", KEY)
    source = events.EventSource(events.settings({}))
    assert source.client.api_url == "http://127.0.0.1:9" and source.client.api_key == KEY
    monkeypatch.delenv("SYNCTHING_URL")
    monkeypatch.delenv("STGUIAPIKEY")
    monkeypatch.delenv("SYNCTHING_API_KEY", raising=False)
    (tmp_path / "config.xml").write_text(
        '<configuration><gui tls="true"><address>0.0.0.0:8385</address><apikey>from-xml</apikey></gui></configuration>'
    )
    source = events.EventSource(events.settings({"home": str(tmp_path), "ca_path": "/ca.pem"}))
    assert source.client.api_url == "https://127.0.0.1:8385" and source.client.api_key == "from-xml"
    assert source.client.verify == "/ca.pem" and source.client.retries == 0


def test_no_api_key_anywhere_is_a_clear_error(monkeypatch, tmp_path):
    for name in ("SYNCTHING_API_KEY", "STGUIAPIKEY", "STHOMEDIR", "STCONFDIR"):
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(events.EventSourceError, match="No API key"):
        asyncio.run(events.main(_Queue(), {"home": str(tmp_path)}))


def test_unknown_event_type_is_warned_about(caplog):
    with FakeSyncthing(KEY) as server:

        async def scenario():
            source = source_for(server, events=["ConfigSaved", "ConfigSavd"])
            task = asyncio.ensure_future(source.run(asyncio.Queue()))
            await asyncio.sleep(0.3)
            task.cancel()

        asyncio.run(scenario())
    assert any("ConfigSavd" in record.getMessage() for record in caplog.records if record.levelno == logging.WARNING)


def test_restart_while_the_rulebook_held_the_source_back_is_noticed(monkeypatch):
    # the source is not inside a long-poll when Syncthing restarts (the rulebook took long to take an event), so no
    # poll is cut; the source checks the server's newest ID after such a stall
    monkeypatch.setattr(events, "STALL", 0.1)
    with FakeSyncthing(KEY) as server:

        class SlowQueue(asyncio.Queue):
            async def put(self, item):
                await super().put(item)
                if self.qsize() == 1:
                    await asyncio.get_running_loop().run_in_executor(None, lambda: server.restart(downtime=0.3))

        async def scenario():
            source = source_for(server)
            queue = SlowQueue()
            task = asyncio.ensure_future(source.run(queue))
            await asyncio.get_running_loop().run_in_executor(None, polling, server, 2)
            server.emit("ConfigSaved")
            first = await asyncio.wait_for(queue.get(), 10)
            missed = await asyncio.wait_for(queue.get(), 10)
            await asyncio.get_running_loop().run_in_executor(None, polling, server, len(server.requests) + 1)
            server.emit("ConfigSaved", {"after": "restart"})
            after = await asyncio.wait_for(queue.get(), 10)
            task.cancel()
            return [first, missed, after]

        sent = asyncio.run(scenario())
    assert types(sent) == ["ConfigSaved", "EventsMissed", "ConfigSaved"]
    assert sent[1]["syncthing"]["data"] == {"reason": "restarted", "lastSeenID": 1, "newestID": 0}
    assert sent[2]["syncthing"]["id"] == 1 and sent[2]["syncthing"]["data"] == {"after": "restart"}
