"""``make serve``: two app processes behind HAProxy (deploy/), driven over HTTP and in headless Chromium.

Checks the health check, the hidden operator endpoints, the framing headers, a page that renders
through the balancer over its websocket, cookie affinity that spreads browsers over both processes,
downloads and exports through it, and the per-visitor export limit.
"""
from __future__ import annotations

import asyncio
import csv
import io
import time
import urllib.error
import urllib.request

import duckdb
import pytest

import queries
from bench.browser import CHROMIUM, launch
from deploy.stack import COOKIE, Stack, haproxy

from .conftest import need

HTML_EXPORT = "下载独立 HTML（离线可用）"  # ui/i18n.py's export_html, the cheaper export


@pytest.fixture(scope="module")
def stack(db_path):
    need(haproxy() is not None, "HAProxy is not installed: run `make proxy` (apt-get install haproxy)")
    with Stack(2, database=db_path) as running:
        yield running


def _get(url: str) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def test_health_check_answers_through_the_balancer(stack):
    status, headers, body = _get(f"{stack.url}/_stcore/health")
    assert (status, body) == (200, b"ok")
    assert f"{COOKIE}=app" in headers.get("set-cookie", "")  # the balancer answered, not an app process


def test_app_processes_listen_on_loopback_only(stack):
    listening = {}
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in open(table).read().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            if state == "0A":  # LISTEN
                address, port = local.rsplit(":", 1)
                listening.setdefault(int(port, 16), set()).add(address)
    for port in stack.backends:
        assert listening[port] == {"0100007F"}, port  # 127.0.0.1, not 0.0.0.0 or ::


@pytest.mark.parametrize("path", ["/_stcore/metrics", "/_stcore/metrics?families=session_events",
                                  "/%5Fstcore/metrics", "/_stcore/%6detrics", "//_stcore//metrics",
                                  "/_STCORE/METRICS", "/_stcore/agent/openapi.json"])
def test_operator_endpoints_are_not_public(stack, path):
    status, _headers, body = _get(f"{stack.url}{path}")
    assert status == 404 and b"session" not in body


def test_metrics_are_there_behind_the_balancer(stack):
    """The app process does serve its metrics: the balancer is what keeps them private."""
    status, _headers, body = _get(f"{stack.backend_urls()[0]}/_stcore/metrics")
    assert status == 200 and b"session" in body


def _connects(backend: str) -> int:
    """Sessions an app process has seen (its own metrics, read directly on its local port)."""
    text = _get(f"{backend}/_stcore/metrics")[2].decode()
    return int(next(line.split()[-1] for line in text.splitlines()
                    if line.startswith('session_events_total{type="connect"}')))


def test_load_harness_sessions_spread_over_both_processes(stack):
    """``bench.load --processes N`` measures through this balancer: its websocket sessions get answers
    with no errors, and new sessions are shared between the processes."""
    from bench import load

    before = [_connects(b) for b in stack.backend_urls()]
    clients = asyncio.run(load._load(stack.url, 6, 3, 0.3))
    after = [_connects(b) for b in stack.backend_urls()]
    assert all(c.errors == 0 and len(c.latencies) >= 2 for c in clients), [(c.page, c.errors) for c in clients]
    assert sum(after) - sum(before) == 6 and all(a - b >= 2 for a, b in zip(after, before)), (before, after)


@pytest.mark.parametrize("path", ["/", "/projects", "/_stcore/health", "/_stcore/host-config"])
def test_only_the_app_may_frame_itself(stack, path):
    status, headers, _body = _get(f"{stack.url}{path}")
    assert status == 200
    assert headers["x-frame-options"] == "SAMEORIGIN"
    assert headers["content-security-policy"] == "frame-ancestors 'self'"
    assert headers["x-content-type-options"] == "nosniff"


@pytest.fixture(scope="module")
def browser():
    need(CHROMIUM.exists(), "Debian's chromium is not installed (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        need(False, "the playwright client is not installed (requirements.txt)")
    with sync_playwright() as p:
        instance = launch(p)
        yield instance
        instance.close()


class Visitor:
    """A browser context (its own cookies) whose network is limited to the balancer."""

    def __init__(self, browser, stack):
        self.context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
        self.blocked: list[str] = []
        self.context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(stack.url)
                           else (self.blocked.append(route.request.url), route.abort()))
        self.page = self.context.new_page()
        self.sockets: list[str] = []
        self.page.on("websocket", lambda ws: self.sockets.append(ws.url))
        self.stack = stack

    def open(self, path: str) -> "Visitor":
        self.page.goto(f"{self.stack.url}/{path}")
        self.page.wait_for_selector("h1, h2", timeout=60000)
        return self

    def backend(self) -> str:
        return next(c["value"] for c in self.context.cookies() if c["name"] == COOKIE)

    def painted(self, timeout_ms: int = 45000) -> int:
        """Leaflet features in the map component's iframe (a same-origin frame the headers must allow)."""
        waited = 0
        while waited < timeout_ms:
            count = sum(frame.locator("path.leaflet-interactive").count() for frame in self.page.frames
                        if "streamlit_folium" in frame.url)
            if count:
                return count
            self.page.wait_for_timeout(500)
            waited += 500
        return 0

    def download(self, label: str) -> bytes:
        with self.page.expect_download(timeout=60000) as info:
            self.page.get_by_test_id("stMain").get_by_role("button", name=label).click()
        return open(info.value.path(), "rb").read()

    def close(self) -> None:
        assert self.blocked == [], self.blocked[:3]
        self.context.close()


def test_pages_render_through_the_balancer_and_visitors_spread_over_both_processes(browser, stack):
    visitors, backends = [], set()
    for _ in range(4):  # round robin: two fresh visitors in a row land on different processes
        visitor = Visitor(browser, stack).open("projects")
        assert visitor.painted() > 0  # the page ran: its websocket works through the balancer
        assert visitor.sockets and all(url.startswith(stack.url.replace("http", "ws")) for url in visitor.sockets)
        backends.add(visitor.backend())
        visitors.append(visitor)
        if len(backends) == 2:
            break
    assert backends == {"app1", "app2"}
    for visitor in visitors:
        visitor.page.reload()  # the cookie keeps a visitor on its process
        visitor.page.wait_for_selector("h1, h2", timeout=60000)
        assert visitor.painted() > 0
        visitor.close()


def test_downloads_and_exports_work_through_the_balancer(browser, stack, db_path):
    with duckdb.connect(str(db_path), read_only=True) as con:
        projects = queries.run_query(con, "projects_filtered", district_code=None, street_code=None, category=None,
                                     status=None, year=None, doc_id=None, text=None,
                                     programmes=False, completed_later=False)
    visitor = Visitor(browser, stack).open("projects")
    assert visitor.painted() > 0
    rows = list(csv.DictReader(io.StringIO(visitor.download("下载 CSV").decode("utf-8-sig"))))
    assert len(rows) == len(projects) and {r["编号"] for r in rows} == set(projects["entity_id"])  # 编号: ID
    visitor.page.get_by_text("导出地图").click()
    assert visitor.download("下载 PNG（含标题、图例、来源）")[:8] == b"\x89PNG\r\n\x1a\n"
    visitor.close()


def test_exports_are_limited_per_visitor_with_a_message(browser, stack):
    from ui.export import EXPORTS_PER_MINUTE

    visitor = Visitor(browser, stack).open("layouts")
    assert visitor.painted() > 0
    visitor.page.get_by_text("导出地图").click()
    for _ in range(EXPORTS_PER_MINUTE):
        assert b"L.map" in visitor.download(HTML_EXPORT)
    notice = visitor.page.get_by_text(f"每位访问者每分钟最多导出 {EXPORTS_PER_MINUTE} 次")
    notice.wait_for(timeout=30000)
    with pytest.raises(Exception, match="Timeout"):  # one more is refused: no file
        with visitor.page.expect_download(timeout=8000):
            visitor.page.get_by_test_id("stMain").get_by_role("button", name=HTML_EXPORT).click()
    other = Visitor(browser, stack).open("layouts")  # another visitor has its own budget
    other.page.get_by_text("导出地图").click()
    assert b"L.map" in other.download(HTML_EXPORT)
    assert other.page.get_by_text("每位访问者每分钟最多导出").count() == 0
    other.close()
    visitor.close()


def test_health_checks_take_a_stopped_process_out(db_path):
    """A process that stops is taken out of rotation: every new visitor is answered by the other."""
    need(haproxy() is not None, "HAProxy is not installed")
    with Stack(2, database=db_path) as running:
        running.apps[1].terminate()
        running.apps[1].wait(timeout=20)
        answered = []
        for _ in range(40):  # until the health check has marked it down (2 failed checks, 2 s apart)
            status, headers, _body = _get(f"{running.url}/_stcore/health")
            answered.append((status, headers.get("set-cookie", "").split(";")[0]))
            if answered[-3:] == [(200, f"{COOKIE}=app1")] * 3:
                break
            time.sleep(0.5)
        assert answered[-3:] == [(200, f"{COOKIE}=app1")] * 3, answered
