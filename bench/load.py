"""Load test: many concurrent sessions over Streamlit's websocket protocol, changing filters and layouts.

``python -m bench.load [--sessions 50] [--seconds 60]`` starts the real server, opens the sessions,
and prints JSON lines: errors, rerun p50/p95 and server memory growth per session.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import sys
import time

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

import paths

from .browser import _rss_mb, start_server

CHANGES = {
    "projects": ("p_district", ["天桥区", "市中区", "槐荫区", "全部三区"]),
    "facilities": ("f_district", ["天桥区", "市中区", "槐荫区", "全部三区"]),
}


class Client:
    def __init__(self, url: str, page: str):
        self.url, self.page = url.replace("http", "ws") + "/_stcore/stream", page
        self.widget_id: str | None = None
        self.errors = 0
        self.latencies: list[float] = []

    async def _run(self, ws, widget_value: str | None = None) -> None:
        message = BackMsg()
        state = message.rerun_script
        state.page_name = self.page
        if widget_value is not None and self.widget_id:
            widget = state.widget_states.widgets.add()
            widget.id = self.widget_id
            widget.string_value = widget_value
        started = time.perf_counter()
        await ws.send(message.SerializeToString())
        while True:
            data = await asyncio.wait_for(ws.recv(), timeout=60)
            forward = ForwardMsg()
            forward.ParseFromString(data)
            kind = forward.WhichOneof("type")
            if kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
                element = forward.delta.new_element
                which = element.WhichOneof("type")
                if which == "exception":
                    self.errors += 1
                elif which == "selectbox" and element.selectbox.id.endswith(CHANGES[self.page][0]):
                    self.widget_id = element.selectbox.id
            elif kind == "script_finished":
                self.latencies.append((time.perf_counter() - started) * 1000)
                return

    async def session(self, seconds: float, rng: random.Random, think: float = 1.0) -> None:
        try:
            async with websockets.connect(self.url, subprotocols=["streamlit"], max_size=2**26) as ws:
                await self._run(ws)
                self.latencies.clear()  # the first run builds the page; measure the changes
                deadline = time.perf_counter() + seconds
                while time.perf_counter() < deadline:
                    await self._run(ws, rng.choice(CHANGES[self.page][1]))
                    await asyncio.sleep(rng.uniform(0.5, 1.5) * think)  # a person reading the result
        except Exception:  # noqa: BLE001 - a dropped or failed session is an error to count
            self.errors += 1


async def _load(url: str, sessions: int, seconds: float, think: float = 1.0) -> list[Client]:
    rng = random.Random(0)
    clients = [Client(url, "projects" if i % 2 == 0 else "facilities") for i in range(sessions)]
    await asyncio.gather(*(c.session(seconds, random.Random(rng.random()), think) for c in clients))
    return clients


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load")
    parser.add_argument("--sessions", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--think", type=float, default=1.0,
                        help="mean seconds a user waits between changes (default 1: a change every second)")
    args = parser.parse_args(argv)
    process, url = start_server(paths.DATABASE, extra=["--server.enableXsrfProtection", "false"])
    try:
        asyncio.run(_load(url, 1, 3))  # warm the caches with one session
        before = _rss_mb(process.pid)
        clients = asyncio.run(_load(url, args.sessions, args.seconds, args.think))
        after = _rss_mb(process.pid)
    finally:
        process.terminate()
        process.wait(timeout=30)
    latencies = sorted(x for c in clients for x in c.latencies)
    p95 = latencies[int(0.95 * (len(latencies) - 1))] if latencies else float("nan")
    for record in [
        {"metric": "load_sessions", "value": args.sessions, "unit": "sessions", "seconds": args.seconds,
         "think_s": args.think},
        {"metric": "load_errors", "value": sum(c.errors for c in clients), "unit": "errors"},
        {"metric": "load_reruns", "value": len(latencies), "unit": "reruns"},
        {"metric": "load_rerun_p50_ms", "value": round(statistics.median(latencies), 1) if latencies else None,
         "unit": "ms"},
        {"metric": "load_rerun_p95_ms", "value": round(p95, 1), "unit": "ms"},
        {"metric": "load_rss_growth_mb_per_session", "value": round((after - before) / args.sessions, 2),
         "unit": "MB", "baseline": round(before, 1), "after": round(after, 1)},
    ]:
        print(json.dumps(record))
    return 0


if __name__ == "__main__":
    sys.exit(main())
