"""The real server in headless Chromium: time to first painted map, payload per page, server memory."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = {"overview": "", "layouts": "layouts", "projects": "projects", "facilities": "facilities",
         "indicators": "indicators", "sources": "sources"}


def start_server(database: Path, extra: list[str] | None = None) -> tuple[subprocess.Popen, str]:
    """The app on a free local port, as ``make run`` starts it; returns ``(process, base url)``."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen([sys.executable, "-m", "ui.serve", "--server.port", str(port),
                                "--server.headless", "true", "--server.address", "127.0.0.1", *(extra or [])], cwd=ROOT,
                               env={**{k: v for k, v in os.environ.items() if k != "PLANMAP_RAISE_ERRORS"},
                                    "PLANMAP_DB": str(database)}, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(240):
        try:
            urllib.request.urlopen(f"{url}/_stcore/health", timeout=1)
            return process, url
        except OSError:
            time.sleep(0.25)
    process.kill()
    raise RuntimeError("server did not start")


CHROMIUM = Path("/usr/bin/chromium")  # Debian's package; never a browser download
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


def launch(playwright):
    """Headless Debian Chromium with the flags a closed network needs (the bench and the e2e tests)."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _painted(page, timeout: float = 60) -> float:
    """Seconds until the map iframe shows more than 30 vector features (basemap + data)."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if any(frame.locator("path.leaflet-interactive").count() > 30 for frame in page.frames
               if "streamlit_folium" in frame.url):
            return time.perf_counter() - started
        page.wait_for_timeout(50)
    raise RuntimeError("map was not painted")


def run(database: Path):
    from playwright.sync_api import sync_playwright

    process, url = start_server(database)
    try:
        with sync_playwright() as p:
            browser = launch(p)
            context = browser.new_context(viewport={"width": 1280, "height": 720})
            context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(url) else r.abort())
            page = context.new_page()
            started = time.perf_counter()
            page.goto(f"{url}/projects")
            cold = (time.perf_counter() - started) + _painted(page)
            yield {"metric": "first_map_cold_s", "value": round(cold, 2), "unit": "s"}
            reload, warm = [], []
            for _ in range(3):
                started = time.perf_counter()
                page.goto(f"{url}/projects")
                reload.append((time.perf_counter() - started) + _painted(page))
            for _ in range(3):  # the app is open: go to another page and back through the navigation
                page.get_by_test_id("stSidebarNav").get_by_text("资料来源").click()
                page.get_by_text("按章节查看").wait_for()
                started = time.perf_counter()
                page.get_by_test_id("stSidebarNav").get_by_text("项目").click()
                _painted(page)
                warm.append(time.perf_counter() - started)  # from the click to the painted map
            yield {"metric": "first_map_warm_s", "value": round(sorted(warm)[1], 2), "unit": "s",
                   "note": "app open, caches warm: navigate to Projects until its features are painted"}
            yield {"metric": "first_map_reload_s", "value": round(sorted(reload)[1], 2), "unit": "s",
                   "note": "full browser reload of /projects (Streamlit frontend boots again)"}
            rss_start = _rss_mb(process.pid)
            for name, path in PAGES.items():
                fresh = browser.new_context(viewport={"width": 1280, "height": 720})
                fresh.route("**/*", lambda r: r.continue_() if r.request.url.startswith(url) else r.abort())
                tab = fresh.new_page()
                received = {"ws": 0, "static": 0}
                tab.on("websocket", lambda ws: ws.on("framereceived", lambda payload: received.__setitem__(
                    "ws", received["ws"] + len(payload))))
                tab.on("response", lambda response: received.__setitem__(
                    "static", received["static"] + int(response.headers.get("content-length", "0") or 0)))
                tab.goto(f"{url}/{path}")
                tab.wait_for_timeout(6000)
                yield {"metric": f"payload_kb_{name}", "value": round(received["ws"] / 1024, 1), "unit": "KB",
                       "note": "the page's data: websocket frames of its default view (map, tables, widgets)"}
                if name == "overview":
                    yield {"metric": "static_kb_first_visit", "value": round(received["static"] / 1024, 1),
                           "unit": "KB", "note": "Streamlit frontend, component and Leaflet files (cacheable)"}
                fresh.close()
            yield {"metric": "server_rss_mb", "value": round(_rss_mb(process.pid), 1), "unit": "MB",
                   "baseline": round(rss_start, 1)}
            browser.close()
    finally:
        process.terminate()
        process.wait(timeout=20)
