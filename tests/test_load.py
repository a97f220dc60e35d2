"""The load harness (``python -m bench.load``) against the real server, small: it must find every
control it changes, see each change answered, and count no errors. The 50-session figures are the
bench's job (README), not a timed assertion here."""
from __future__ import annotations

import asyncio

import pytest

from bench import load
from bench.browser import start_server


@pytest.fixture(scope="module")
def server(db_path):
    process, url = start_server(db_path, extra=["--server.enableXsrfProtection", "false"])
    yield url
    process.terminate()
    process.wait(timeout=20)


def test_sessions_change_filters_and_layouts_without_errors(server):
    clients = asyncio.run(load._load(server, 6, 4, 0.3))
    assert {c.page for c in clients} == set(load.CONTROLS)
    for client in clients:
        assert client.errors == 0, client.page
        assert set(client.widgets) == set(load.CONTROLS[client.page]), client.page  # every control found
        assert len(client.first) == 1 and len(client.latencies) >= 3, client.page
        for key, value, options in client.sent:  # each change picked what the page offered at the time
            assert isinstance(value, bool) if client.widgets[key][1] == "checkbox" else value in options


def test_a_broken_session_counts_as_an_error(server):
    clients = asyncio.run(load._load(server.replace("127.0.0.1", "127.0.0.1:1"), 2, 1, 0.1))
    assert all(c.errors == 1 and not c.latencies for c in clients)
