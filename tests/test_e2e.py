"""End to end: the real server driven in headless Chromium with the network limited to localhost.

Screenshots (projector 1280×720 and phone 390×844) are saved to artifacts/e2e/.
"""
from __future__ import annotations

import time
from pathlib import Path

import duckdb
import pytest

import paths
import queries
from bench.browser import CHROMIUM, launch, start_server

from .conftest import need, planted_database

ROOT = Path(__file__).resolve().parent.parent
SHOTS = paths.ARTIFACTS / "e2e"
BASE_FEATURES = None  # districts + schematic lines, counted from the database


@pytest.fixture(scope="module")
def server(db_path):
    need(CHROMIUM.exists(), "Debian's chromium is not installed (apt-get install chromium)")
    need((ROOT / "static" / "vendor" / "leaflet" / "leaflet.js").exists(),
          "Leaflet assets missing: run `make install` (npm ci copies them to static/vendor)")
    process, url = start_server(db_path)
    yield url
    process.terminate()
    process.wait(timeout=20)


@pytest.fixture(scope="module")
def browser():
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        instance = launch(p)
        yield instance
        instance.close()


class Session:
    """A browser page whose network is limited to the app's own server."""

    def __init__(self, browser, server, width=1280, height=720, **options):
        self.context = browser.new_context(viewport={"width": width, "height": height}, **options)
        self.blocked: list[str] = []
        self.errors: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.server = server

    def _route(self, route):
        if route.request.url.startswith(self.server):
            return route.continue_()
        self.blocked.append(route.request.url)
        return route.abort()

    def open(self, path: str):
        self.page.goto(f"{self.server}/{path}")
        self.page.wait_for_selector("h1, h2, h3", timeout=60000)
        return self

    def features(self, expected: int | None = None, timeout: float = 45) -> int:
        """Leaflet vector features painted in the map iframe (several points on one spot are one circle
        with their count); waits until ``expected`` when given."""
        deadline = time.time() + timeout
        count = -1
        while time.time() < deadline:
            count = sum(frame.locator("path.leaflet-interactive").count() for frame in self.page.frames
                        if "streamlit_folium" in frame.url)
            if count > 0 and (expected is None or count == expected):
                return count
            self.page.wait_for_timeout(500)
        return count

    def shot(self, name: str) -> None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        self.page.wait_for_timeout(800)
        self.page.screenshot(path=str(SHOTS / f"{name}.png"))

    def close(self):
        assert self.blocked == [], f"requests left localhost: {self.blocked[:5]}"
        assert self.errors == [], self.errors[:3]
        self.context.close()


@pytest.fixture(scope="module")
def facts(db_path):
    with duckdb.connect(str(db_path), read_only=True) as con:
        from geo.layers import around_study_area, district_layer, wkt_layer
        base = len(around_study_area(district_layer())) + len(around_study_area(wkt_layer(
            queries.run_query(con, "lines"))))  # our vector basemap
        # one marker per spot: several entities on one coordinate are one badge with their count
        located = lambda frame: len(frame.dropna(subset=["lon"]).drop_duplicates(["lon", "lat"]))  # noqa: E731
        projects = queries.run_query(con, "projects_filtered", district_code=None, street_code=None, category=None,
                                     status=None, year=None, doc_id=None, text=None,
                                     programmes=False, completed_later=False)
        yaoshan = queries.run_query(con, "projects_filtered", district_code=None, street_code="370105013000",
                                    category=None, status=None, year=None, doc_id=None, text=None,
                                    programmes=False, completed_later=False)
        huaiyin = projects[projects["district_code"] == "370104"]
        headline = sum(len(queries.run_query(con, "layout_component_geometries", layout_id=row.entity_id))
                       for row in queries.run_query(con, "headline_layouts").itertuples())
        parks = queries.run_query(con, "facilities_filtered", family="park", district_code=None, street_code=None,
                                  kind=None)
        return {"base": base, "projects": located(projects), "yaoshan": located(yaoshan), "parks": located(parks),
                "yaoshan_rows": len(yaoshan), "huaiyin": located(huaiyin), "headline": headline}


def test_overview_paints_the_headline_layouts(browser, server, facts):
    session = Session(browser, server).open("")
    assert session.features(facts["base"] + facts["headline"]) == facts["base"] + facts["headline"]
    session.shot("overview_1280x720")
    session.close()


def test_unticking_the_last_facility_type_clears_its_points(browser, server, facts):
    session = Session(browser, server).open("facilities?f=park")
    assert session.features(facts["base"] + facts["parks"]) == facts["base"] + facts["parks"]
    session.page.get_by_test_id("stMain").get_by_role("button", name="公园").click()
    assert session.features(facts["base"]) == facts["base"]  # the map keeps no stale layer
    session.close()


def test_projects_map_and_filter_change(browser, server, facts):
    session = Session(browser, server).open("projects")
    assert session.features(facts["base"] + facts["projects"]) == facts["base"] + facts["projects"]
    session.shot("projects_1280x720")
    session.page.get_by_test_id("stMain").get_by_test_id("stSelectbox").first.click()
    session.page.get_by_role("option", name="槐荫区").click()
    assert session.features(facts["base"] + facts["huaiyin"]) == facts["base"] + facts["huaiyin"]
    session.page.wait_for_url("**d=370104**", timeout=30000)
    session.close()


def test_shared_url_restores_the_street_view(browser, server, facts):
    session = Session(browser, server).open("projects?s=370105013000")
    assert session.features(facts["base"] + facts["yaoshan"]) == facts["base"] + facts["yaoshan"]
    session.page.get_by_text(f"共 {facts['yaoshan_rows']} 项").wait_for(timeout=30000)
    session.shot("projects_yaoshan_1280x720")
    session.close()


def test_presentation_mode_steps(browser, server):
    session = Session(browser, server).open("layouts?d=370104&l=lay-003-0005&p=1")
    session.page.get_by_text("第 1 / 11 项").wait_for(timeout=30000)
    assert session.features() > 0
    session.shot("layouts_presentation_step1_1280x720")
    session.page.get_by_role("button", name="下一个 ▶").click()
    session.page.get_by_text("第 2 / 11 项").wait_for(timeout=30000)
    session.page.wait_for_url("**step=2**", timeout=30000)
    session.shot("layouts_presentation_step2_1280x720")
    session.close()


@pytest.mark.parametrize("path", ["facilities", "indicators", "sources", "layouts"])
def test_other_pages_render_offline(browser, server, path):
    session = Session(browser, server).open(path)
    if path in ("facilities", "layouts"):
        assert session.features() > 0
    session.shot(f"{path}_1280x720")
    session.close()


@pytest.mark.parametrize("path", ["", "projects", "layouts?d=370104&l=lay-003-0005&p=1"])
def test_phone_size(browser, server, path):
    session = Session(browser, server, width=390, height=844).open(path)
    if path:
        assert session.features() > 0
    session.shot(f"{(path or 'overview').split('?')[0]}_390x844")
    session.close()


HOSTILE = ['<img src=x onerror="window.__xss=1">', "<script>window.__xss=2</script>",
           "\"><svg onload=window.__xss=3>", "' OR 1=1; DROP TABLE projects; --",
           "![px](http://203.0.113.9/pixel.png)", "[详情](http://203.0.113.9/x) **粗**", "投资$x^2$亿 $y$",
           ":material/home: :red[红色] :smile:", '=HYPERLINK("http://203.0.113.9","详情")']


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory, db_path):
    """The app on a copy of the database holding projects whose names are HTML/JS/SQL."""
    target = planted_database(db_path, tmp_path_factory.mktemp("hostile") / "planmap.duckdb", HOSTILE, 1 / 200)
    need(CHROMIUM.exists(), "Debian's chromium is not installed")
    process, url = start_server(target)
    yield url
    process.terminate()
    process.wait(timeout=20)


def _xss_fired(page) -> list:
    return [frame.evaluate("() => window.__xss || null") for frame in page.frames]


def test_hostile_names_render_inert_everywhere(browser, hostile_server):
    session = Session(browser, hostile_server).open("projects?s=370105013000&sel=syn-000000")
    assert session.features() > 0
    frames = [f for f in session.page.frames if "streamlit_folium" in f.url]
    for path in frames[0].locator("path.leaflet-interactive").all()[-len(HOSTILE) - 2:]:
        path.hover(force=True)  # tooltips
        session.page.wait_for_timeout(150)
    session.page.wait_for_timeout(1000)
    body = session.page.inner_text("body")
    assert '<img src=x onerror="window.__xss=1">' in body  # the detail panel shows the name as text
    assert all(value is None for value in _xss_fired(session.page)), _xss_fired(session.page)
    session.shot("hostile_names_1280x720")
    for index, name in enumerate(HOSTILE):  # each name in the detail panel: the same text, nothing more
        page = Session(browser, hostile_server).open(f"projects?s=370105013000&sel=syn-{index:06d}").page
        page.get_by_test_id("stMain").get_by_role("heading", level=4).first.wait_for(timeout=30000)
        heading = page.get_by_test_id("stMain").get_by_role("heading", level=4).first.inner_text()
        assert heading == name
        main = page.get_by_test_id("stMain")
        assert main.locator("img[src*='203.0.113.9'], a[href*='203.0.113.9'], .katex, strong:text('粗')").count() == 0
        assert main.locator("[data-testid=stIconMaterial]:text('home')").count() == 0
        page.context.close()
    for name in ("facilities", "layouts", ""):
        other = Session(browser, hostile_server).open(name)
        other.page.wait_for_timeout(1500)
        assert all(value is None for value in _xss_fired(other.page))
        other.close()
    session.close()


def test_filtered_csv_download_is_named_after_the_view_and_matches_the_table(browser, server, facts, db_path):
    import csv
    import datetime as dt
    import io

    session = Session(browser, server).open("projects?s=370105013000&st=planned")
    session.page.get_by_text("共 ").first.wait_for(timeout=30000)
    with session.page.expect_download(timeout=60000) as info:
        session.page.get_by_role("button", name="下载 CSV").click()
    download = info.value
    assert download.suggested_filename == f"项目_药山街道_规划_{dt.date.today().isoformat()}.csv"
    table = list(csv.DictReader(io.StringIO(Path(download.path()).read_text(encoding="utf-8-sig"))))
    with duckdb.connect(str(db_path), read_only=True) as con:
        expected = queries.run_query(con, "projects_filtered", district_code=None, street_code="370105013000",
                                     category=None, status="planned", year=None, doc_id=None, text=None,
                                     programmes=False, completed_later=False)
    assert sorted(row["编号"] for row in table) == sorted(expected["entity_id"])
    assert {row["状态"] for row in table} == {"规划"} and {row["状态（代码）"] for row in table} == {"planned"}
    assert {"名称", "街道", "类别", "文件", "行", "原文", "经度 (WGS-84)"} <= set(table[0])
    session.close()


def test_share_link_opened_as_localhost_uses_the_network_address(browser, db_path):
    """A phone in the room cannot open localhost: the share panel puts this machine's address in the link."""
    import ipaddress
    import re

    from ui.share import lan_addresses

    need(bool(lan_addresses()), "this machine has no non-loopback IPv4 address")
    process, url = start_server(db_path, ["--server.address", "0.0.0.0"])
    try:
        session = Session(browser, url.replace("127.0.0.1", "localhost")).open("projects?s=370105013000")
        session.page.get_by_text("分享此视图").click()
        code = session.page.get_by_test_id("stSidebar").locator("code").first
        code.wait_for(timeout=30000)
        link = code.inner_text()
        host = re.match(r"https?://([^/:]+)", link).group(1)
        assert not ipaddress.ip_address(host).is_loopback and host in lan_addresses()
        assert link.endswith("projects?s=370105013000") and f":{url.rsplit(':', 1)[1]}/" in link
        assert session.page.get_by_text("局域网地址").count() == 1
        session.close()
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_an_online_basemap_that_cannot_load_says_so_on_the_map(browser, server):
    """Offline (every request outside localhost is aborted), OpenStreetMap tiles fail: the map says so."""
    session = Session(browser, server).open("projects?base=osm")
    frame = next(f for f in session.page.frames if "streamlit_folium" in f.url) if session.features() else None
    notice = frame.locator(".planmap-tile-error")
    notice.wait_for(timeout=30000)
    assert "在线底图无法加载" in notice.inner_text()
    session.blocked.clear()  # the tile requests were meant to be blocked here
    session.close()
