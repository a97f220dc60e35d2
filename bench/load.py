"""Load test: many concurrent sessions over Streamlit's websocket protocol, changing filters and layouts.

``python -m bench.load [--sessions 50] [--seconds 60] [--think 5] [--processes N | --url URL]``
starts the real server (as ``make run`` does; with ``--processes N``, N of them behind HAProxy as
``make serve`` does), opens every session and loads its page (the ramp-up, reported on its own),
then holds them all for ``--seconds`` while each changes a filter or a layout, reads the result
for ``--think`` seconds on average, and changes again. It prints JSON lines: errors, rerun
p50/p95, server CPU per rerun (all app processes and the balancer) and server memory growth
per session, with the load generator's own CPU share (it runs on the same machine).

The sessions are a third each on Projects (district, status, category), Facilities (district,
street) and Layouts (layout, presentation mode); each change sends the full widget state, as
the browser does.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import sys
import time

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

import paths

from .browser import _rss_mb, start_server

# page -> the widgets a visitor changes there (user keys; selectboxes pick among the options shown)
CONTROLS = {
    "projects": ["p_district", "p_status", "p_category"],
    "facilities": ["f_district", "f_street"],
    "layouts": ["layouts_layout", "layouts_present"],
}


class Client:
    def __init__(self, url: str, page: str):
        self.url, self.page = url.replace("http", "ws") + "/_stcore/stream", page
        self.widgets: dict[str, tuple[str, str, list[str]]] = {}  # key -> (widget id, kind, options)
        self.values: dict[str, str | bool] = {}  # key -> value sent
        self.sent: list[tuple[str, str | bool, list[str]]] = []  # (key, value, the options shown then)
        self.errors = 0
        self.first: list[float] = []
        self.latencies: list[float] = []

    def _note(self, element) -> None:
        which = element.WhichOneof("type")
        if which not in ("selectbox", "checkbox"):
            return
        widget = getattr(element, which)
        for key in CONTROLS[self.page]:
            if widget.id.endswith(key):
                self.widgets[key] = (widget.id, which, list(widget.options) if which == "selectbox" else [])

    async def _run(self, ws) -> float:
        message = BackMsg()
        state = message.rerun_script
        state.page_name = self.page
        for key, value in self.values.items():
            if key in self.widgets:
                widget = state.widget_states.widgets.add()
                widget.id = self.widgets[key][0]
                if isinstance(value, bool):
                    widget.bool_value = value
                else:
                    widget.string_value = value
        started = time.perf_counter()
        await ws.send(message.SerializeToString())
        while True:
            forward = ForwardMsg()
            forward.ParseFromString(await asyncio.wait_for(ws.recv(), timeout=120))
            kind = forward.WhichOneof("type")
            if kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
                if forward.delta.new_element.WhichOneof("type") == "exception":
                    self.errors += 1
                self._note(forward.delta.new_element)
            elif kind == "script_finished":
                return (time.perf_counter() - started) * 1000

    def _change(self, rng: random.Random) -> None:
        key = rng.choice([k for k in CONTROLS[self.page] if k in self.widgets])
        _id, kind, options = self.widgets[key]
        if kind == "checkbox":
            self.values[key] = not self.values.get(key, False)
        else:
            self.values[key] = rng.choice(options)
        self.sent.append((key, self.values[key], options))

    async def session(self, loaded: asyncio.Event, ready: list, start: asyncio.Event, seconds: float,
                      rng: random.Random, think: float) -> None:
        try:
            async with websockets.connect(self.url, subprotocols=["streamlit"], max_size=2**26) as ws:
                self.first.append(await self._run(ws))
                ready.append(self)
                if len(ready) == ready[0]:
                    loaded.set()
                await start.wait()
                await asyncio.sleep(rng.uniform(0, think))  # arrivals spread, not in lockstep
                deadline = time.perf_counter() + seconds
                while time.perf_counter() < deadline:
                    self._change(rng)
                    self.latencies.append(await self._run(ws))
                    await asyncio.sleep(rng.uniform(0.5, 1.5) * think)  # a person reading the result
        except Exception:  # noqa: BLE001 - a dropped or failed session is an error to count
            self.errors += 1
            ready.append(self)
            if len(ready) == ready[0]:
                loaded.set()


async def _load(url: str, sessions: int, seconds: float, think: float, on_loaded=None) -> list[Client]:
    """Open ``sessions`` clients, wait until every page has loaded, call ``on_loaded()``, then hold them."""
    rng = random.Random(0)
    pages = list(CONTROLS)
    clients = [Client(url, pages[i % len(pages)]) for i in range(sessions)]
    loaded, start, ready = asyncio.Event(), asyncio.Event(), [sessions]
    tasks = [asyncio.create_task(c.session(loaded, ready, start, seconds, random.Random(rng.random()), think))
             for c in clients]
    await loaded.wait()
    if on_loaded:
        on_loaded()
    start.set()
    await asyncio.gather(*tasks)
    return clients


def _cpu_seconds(pid: int) -> float:
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[int(q * (len(ordered) - 1))] if ordered else float("nan")


def _start(args):
    """``(url, app pids, stop)``: one process as ``make run`` starts it, N behind HAProxy, or ``--url``."""
    options = ["--server.enableXsrfProtection", "false"]
    if args.url:
        return args.url.rstrip("/"), [], lambda: None
    if args.processes:
        from deploy.stack import Stack

        stack = Stack(args.processes, extra=options).start()
        return stack.url, stack.pids() + [stack.proxy.pid], stack.stop
    process, url = start_server(paths.DATABASE, extra=options)

    def stop():
        process.terminate()
        process.wait(timeout=30)
    return url, [process.pid], stop


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load")
    parser.add_argument("--sessions", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--think", type=float, default=5.0,
                        help="mean seconds a visitor reads a result before the next change (default 5)")
    target = parser.add_mutually_exclusive_group()
    target.add_argument("--processes", type=int, default=0,
                        help="start N app processes behind HAProxy (deploy.stack) and load the balancer")
    target.add_argument("--url", help="load a server or balancer that is already running (no CPU or memory "
                                      "figures)")
    args = parser.parse_args(argv)
    url, pids, stop = _start(args)
    marks = {}
    cpu_of = lambda: sum(_cpu_seconds(pid) for pid in pids)  # noqa: E731
    rss_of = lambda: sum(_rss_mb(pid) for pid in pids)  # noqa: E731
    try:
        # one visit per page and process warms the caches (round robin spreads new connections)
        asyncio.run(_load(url, len(CONTROLS) * max(args.processes, 1) * 2, 3, 1))
        before = rss_of()
        ramp = time.perf_counter()

        def loaded():
            marks.update(ramp_s=time.perf_counter() - ramp, cpu=cpu_of(), own=time.process_time(),
                         t=time.perf_counter())

        clients = asyncio.run(_load(url, args.sessions, args.seconds, args.think, loaded))
        cpu, held = cpu_of() - marks["cpu"], time.perf_counter() - marks["t"]
        own = time.process_time() - marks["own"]
        after = rss_of()
    finally:
        stop()
    latencies = [x for c in clients for x in c.latencies]
    first = [x for c in clients for x in c.first]
    for record in [
        {"metric": "load_sessions", "value": args.sessions, "unit": "sessions", "seconds": args.seconds,
         "think_s": args.think, "processes": args.processes or 1, "balancer": bool(args.processes or args.url)},
        {"metric": "load_errors", "value": sum(c.errors for c in clients), "unit": "errors"},
        {"metric": "load_rampup_s", "value": round(marks["ramp_s"], 1), "unit": "s",
         "first_load_p50_ms": round(statistics.median(first)), "first_load_p95_ms": round(percentile(first, .95))},
        {"metric": "load_reruns", "value": len(latencies), "unit": "reruns",
         "per_s": round(len(latencies) / held, 1)},
        {"metric": "load_rerun_p50_ms", "value": round(statistics.median(latencies), 1) if latencies else None,
         "unit": "ms"},
        {"metric": "load_rerun_p95_ms", "value": round(percentile(latencies, .95), 1), "unit": "ms"},
        {"metric": "load_server_cpu_ms_per_rerun", "value": round(1000 * cpu / max(len(latencies), 1), 1) if pids
         else None, "unit": "ms", "server_cpu_share": round(cpu / held, 2) if pids else None,
         "load_client_cpu_share": round(own / held, 2), "machine_cpus": os.cpu_count(),
         "loadavg_1min": round(os.getloadavg()[0], 2)},
        {"metric": "load_rss_growth_mb_per_session", "value": round((after - before) / args.sessions, 2) if pids
         else None, "unit": "MB", "baseline": round(before, 1), "after": round(after, 1)},
    ]:
        print(json.dumps(record))
    return 0


if __name__ == "__main__":
    sys.exit(main())
