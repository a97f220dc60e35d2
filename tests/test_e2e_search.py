"""End to end (headless Chromium, network limited to localhost): place search on every map page,
presentation mode by keyboard and on a projector, the map on a phone. Screenshots in artifacts/e2e/."""
from __future__ import annotations

import re

import duckdb
import pytest

import queries

from .test_e2e import Session, browser, server  # noqa: F401 (fixtures)

PHONE = {"width": 390, "height": 844, "has_touch": True, "is_mobile": True}
LAYOUT = "layouts?d=370104&l=lay-003-0005&p=1"  # 两核三区、三纵三横: 11 steps


@pytest.fixture(scope="module")
def yaoshan(db_path):
    with duckdb.connect(str(db_path), read_only=True) as con:
        row = queries.run_query(con, "search_entities", text="药山").iloc[0]
    assert row["name"] == "药山" and row["lon"] == row["lon"]  # the exact name comes first, located
    return row


def _map(page):
    return next(frame for frame in page.frames if "streamlit_folium" in frame.url)


def _view(page) -> tuple[float, float, int]:
    return tuple(_map(page).evaluate("() => { const c = window.map.getCenter();"
                                     " return [c.lat, c.lng, window.map.getZoom()]; }"))


def _search(session: Session, text: str, pick: str) -> None:
    box = session.page.get_by_placeholder(re.compile("搜索地点"))
    box.click()
    box.press_sequentially(text, delay=60)
    session.page.get_by_test_id("stSelectbox").filter(has_text="个结果").first.click(timeout=30000)  # the matches
    session.page.get_by_role("option").filter(has_text=pick).first.click(timeout=30000)


@pytest.mark.parametrize("path", ["", "layouts", "projects", "facilities"])
def test_search_flies_to_the_place_and_opens_its_detail(browser, server, yaoshan, path):  # noqa: F811
    session = Session(browser, server).open(path)
    assert session.features() > 0
    _search(session, "药山", "药山 · 地点")
    main = session.page.get_by_test_id("stMain")
    main.get_by_role("heading", level=4, name="药山", exact=True).wait_for(timeout=30000)
    assert main.locator(".planmap-quote").first.inner_text() == yaoshan["quote"]
    for _ in range(60):  # the map moves after the page's run
        lat, lon, zoom = _view(session.page)
        if abs(lat - yaoshan["lat"]) < 0.003 and abs(lon - yaoshan["lon"]) < 0.003:
            break
        session.page.wait_for_timeout(500)
    assert abs(lat - yaoshan["lat"]) < 0.003 and abs(lon - yaoshan["lon"]) < 0.003, (lat, lon)
    assert zoom >= 13
    assert _map(session.page).locator(".planmap-search-label", has_text="药山").count() == 1
    session.page.wait_for_url(re.compile(r"find=%E8%8D%AF%E5%B1%B1.*sel=plc-000-0119|sel=plc-000-0119.*find="))
    heading = main.get_by_role("heading", level=4, name="药山", exact=True).bounding_box()
    assert heading["y"] + heading["height"] <= 720  # the detail opens where it is seen at 1280×720
    session.shot(f"search_{path or 'overview'}_1280x720")
    session.close()


def test_search_link_reopens_the_place(browser, server, yaoshan):  # noqa: F811
    session = Session(browser, server).open("facilities?find=%E8%8D%AF%E5%B1%B1&sel=plc-000-0119")
    session.page.get_by_test_id("stMain").get_by_role("heading", level=4, name="药山", exact=True).wait_for(
        timeout=30000)
    session.close()


def test_unlocated_match_says_so_with_its_citation(browser, server):  # noqa: F811
    session = Session(browser, server).open("projects")
    assert session.features() > 0
    _search(session, "上药山东总部", "未定位")  # a project the documents name but do not place
    main = session.page.get_by_test_id("stMain")
    main.get_by_text("此条目未定位").wait_for(timeout=30000)
    assert re.search(r"（00\d）.*行", main.locator(".planmap-caption", has_text="出处").first.inner_text())
    session.close()


def test_presentation_steps_by_keyboard_and_fits_a_projector(browser, server):  # noqa: F811
    session = Session(browser, server).open(LAYOUT)
    page = session.page
    page.get_by_text("第 1 / 11 项").wait_for(timeout=30000)
    assert session.features() > 0
    page.get_by_test_id("stMain").get_by_role("heading", level=3).first.click()  # focus the page, not the map
    page.keyboard.press("ArrowRight")
    page.get_by_text("第 2 / 11 项").wait_for(timeout=30000)
    page.wait_for_url("**step=2**", timeout=30000)
    page.keyboard.press("ArrowRight")
    page.get_by_text("第 3 / 11 项").wait_for(timeout=30000)
    page.keyboard.press("ArrowLeft")
    page.get_by_text("第 2 / 11 项").wait_for(timeout=30000)
    name = page.get_by_test_id("stMain").get_by_role("heading", level=3).first.inner_text().strip()
    label = _map(page).locator(".planmap-focus-label", has_text=name.split("·")[-1].strip())
    label.wait_for(timeout=30000)
    for _ in range(20):  # the previous step's label goes with its layer
        if _map(page).locator(".planmap-focus-label").count() == 1:
            break
        page.wait_for_timeout(250)
    assert _map(page).locator(".planmap-focus-label").count() == 1
    assert label.evaluate("e => Math.max(...[e, ...e.querySelectorAll('*')].map("
                          "x => parseFloat(getComputedStyle(x).fontSize)))") >= 28  # readable on a projector
    frame_box = page.locator("iframe[title*='streamlit_folium']").bounding_box()
    quote = page.locator(".planmap-quote").first.bounding_box()
    assert frame_box["y"] + frame_box["height"] <= 720 and quote["y"] + quote["height"] <= 720
    session.close()


def test_phone_one_finger_swipe_over_the_map_scrolls_the_page(browser, server):  # noqa: F811
    session = Session(browser, server, **PHONE).open("layouts?d=370104&l=lay-003-0005")
    page = session.page
    assert session.features() > 0
    frame = page.locator("iframe[title*='streamlit_folium']")
    frame.evaluate("e => e.scrollIntoView({block: 'center'})")
    page.wait_for_timeout(500)
    _map(page).wait_for_function("() => window.map && window.map.getContainer()", timeout=30000)
    scrolled = "() => document.querySelector('[data-testid=stMain]').scrollTop"
    before, view = page.evaluate(scrolled), _view(page)
    box = frame.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    cdp = session.context.new_cdp_session(page)  # one finger: touch start, twenty small moves down, end
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]})
    for i in range(1, 21):
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": x, "y": y + 12 * i}]})
        page.wait_for_timeout(30)
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    page.wait_for_timeout(800)
    assert page.evaluate(scrolled) < before - 100  # the page moved (up: the finger went down)
    assert _view(page) == view  # the map did not
    session.close()


def test_phone_projects_map_on_the_first_two_screens(browser, server):  # noqa: F811
    session = Session(browser, server, **PHONE).open("projects")
    page = session.page
    assert session.features() > 0
    assert not page.locator(".st-key-p_filters").is_visible()  # folded behind one switch
    assert page.locator(".st-key-p_filters_switch").is_visible()
    frame = page.locator("iframe[title*='streamlit_folium']").bounding_box()
    assert frame["y"] < 2 * 844
    page.locator(".st-key-p_filters_switch").get_by_text("筛选").click()
    page.locator(".st-key-p_filters_open").get_by_text("街道").first.wait_for(timeout=30000)
    session.close()
