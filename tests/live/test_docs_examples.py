# Copyright (c) 2026, syncthing.rest contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Run every Python example of docs/client.md against a real server."""

import os
import re

import pytest

DOC = os.path.join(os.path.dirname(__file__), "..", "..", "docs", "client.md")


def examples():
    with open(DOC) as handle:
        return re.findall(r"```python\n(.*?)```", handle.read(), re.S)


@pytest.mark.parametrize("index", range(len(examples())))
def test_docs_example_runs(node, monkeypatch, capsys, index):
    monkeypatch.setenv("SYNCTHING_URL", node["url"])
    monkeypatch.setenv("SYNCTHING_API_KEY", node["api_key"])
    exec(compile(examples()[index], f"docs/client.md example {index}", "exec"), {})
    out = capsys.readouterr().out
    assert out.strip()
    assert node["api_key"] not in out
