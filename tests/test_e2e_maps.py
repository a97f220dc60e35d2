"""Maps that explain themselves, in headless Chromium (network limited to localhost): every drawn
layout component named on the map with no hover, stacked points as one counted marker that opens
its list, 街道-seat locations drawn apart from sites, and an on-map legend whose symbols match
what is drawn. Screenshots go to artifacts/e2e/."""
from __future__ import annotations

import duckdb
import pytest

import queries
from geo.maps import shape_of

from .test_e2e import Session, browser, server  # noqa: F401 (fixtures)

DISTRICTS = ["370105", "370103", "370104"]
HUAIYIN = "370104"  # 槐荫区: 27 projects of the 济南国际医学科学中心 share its one point


def _map(session):
    assert session.features() > 0  # waits for the map to paint
    frames = [frame for frame in session.page.frames if "streamlit_folium" in frame.url]
    assert frames, "no map on the page"
    return frames[0]


def _visible_labels(frame, timeout_ms: int = 45000) -> list[dict]:
    """Labels the placement pass shows, with their boxes (waits until it has run)."""
    frame.wait_for_function("() => Array.from(document.querySelectorAll('.pm-label>span'))"
                            ".some(s => s.style.visibility === 'visible')", timeout=timeout_ms)
    frame.page.wait_for_timeout(1500)  # the pass re-runs once fonts and the frame settle
    return frame.evaluate("""() => {
      const box = document.querySelector('.leaflet-container').getBoundingClientRect();
      return Array.from(document.querySelectorAll('.pm-label>span'))
        .filter(s => getComputedStyle(s).visibility === 'visible')
        .map(s => { const r = s.getBoundingClientRect();
                    return {text: s.textContent, kind: s.parentNode.className, left: r.left, right: r.right,
                            top: r.top, bottom: r.bottom,
                            inside: r.left >= box.left && r.right <= box.right && r.top >= box.top && r.bottom <= box.bottom}; });
    }""")


def _overlap(a: dict, b: dict) -> float:
    width = min(a["right"], b["right"]) - max(a["left"], b["left"])
    height = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
    return max(width, 0) * max(height, 0)


@pytest.fixture(scope="module")
def default_layouts(db_path):
    """Each district's default layout (the Layouts page's first choice) and its drawn components."""
    with duckdb.connect(str(db_path), read_only=True) as con:
        out = {}
        for code in DISTRICTS:
            layout = queries.run_query(con, "layouts_with_geometry", district_code=code)["entity_id"].iloc[0]
            out[code] = queries.run_query(con, "layout_component_geometries", layout_id=layout)
        return out


@pytest.mark.parametrize("district", DISTRICTS)
def test_every_component_is_named_on_the_map_without_hover(browser, server, default_layouts, district):  # noqa: F811
    session = Session(browser, server).open(f"layouts?d={district}")
    labels = _visible_labels(_map(session))
    components = [label for label in labels if "pm-k-component" in label["kind"]]
    names = set(default_layouts[district]["name"])
    shown = {label["text"] for label in components if label["inside"]}
    assert names <= shown, f"not named on the map: {sorted(names - shown)}"
    for i, a in enumerate(labels):  # nothing piled up: no two shown labels share more than a sliver
        for b in labels[i + 1:]:
            smaller = min((a["right"] - a["left"]) * (a["bottom"] - a["top"]),
                          (b["right"] - b["left"]) * (b["bottom"] - b["top"]))
            assert _overlap(a, b) <= 0.15 * smaller, (a["text"], b["text"])
    assert any("pm-k-district" in label["kind"] for label in labels)  # the base map names where we are
    session.shot(f"layouts_labels_{district}_1280x720")
    session.close()


def test_legend_on_the_map_matches_the_drawing(browser, server, default_layouts):  # noqa: F811
    session = Session(browser, server).open("layouts?d=370104")
    frame = _map(session)
    frame.wait_for_selector(".planmap-legend", timeout=45000)
    entries = frame.evaluate("""() => Array.from(document.querySelectorAll('.planmap-legend details > span')).map(
      row => ({label: row.lastChild.textContent,
               shapes: Array.from(row.querySelectorAll('[data-shape]')).map(s => s.dataset.shape)}))""")
    parts = default_layouts["370104"]
    expected = {}
    for group, kind in zip(parts["group_label"], parts["geometry_type"]):
        expected.setdefault(group, set()).add(shape_of(kind))
    assert {e["label"]: set(e["shapes"]) for e in entries} == expected
    assert expected["三横"] == {"line"} and expected["两核"] == {"core"}  # the axis is a line, the cores points
    session.close()


def test_phone_legend_is_collapsed_and_opens(browser, server):  # noqa: F811
    session = Session(browser, server, width=390, height=844).open("layouts?d=370104")
    frame = _map(session)
    frame.wait_for_selector(".planmap-legend summary", timeout=45000)
    assert frame.evaluate("() => document.querySelector('.planmap-legend details').open") is False
    frame.locator(".planmap-legend summary").click()
    assert frame.evaluate("() => document.querySelector('.planmap-legend details').open") is True
    session.shot("layouts_legend_open_390x844")
    session.close()


def test_stacked_marker_shows_its_count_and_opens_the_list(browser, server, db_path):  # noqa: F811
    with duckdb.connect(str(db_path), read_only=True) as con:
        rows = queries.run_query(con, "projects_filtered", district_code=HUAIYIN, street_code=None, category=None,
                                 status=None, year=None, doc_id=None, text=None, programmes=False,
                                 completed_later=False).dropna(subset=["lon"])
    spots = rows.groupby(["lon", "lat"])["name"].apply(list)
    biggest = spots.loc[spots.map(len).idxmax()]
    assert len(biggest) > 5
    session = Session(browser, server).open(f"projects?d={HUAIYIN}")
    frame = _map(session)
    badge = frame.locator(".pm-count span", has_text=str(len(biggest))).first
    badge.wait_for(timeout=45000)
    assert frame.locator("path.pm-stack").count() == int((spots.map(len) > 1).sum())  # one per shared spot
    badge.click(force=True)  # the count is text on the circle; the click lands on the circle
    popup = frame.locator(".leaflet-popup-content")
    popup.wait_for(timeout=10000)
    assert popup.locator("li").count() == len(biggest)
    text = popup.inner_text()
    assert str(len(biggest)) in text and biggest[0] in text
    session.shot("projects_stack_open_1280x720")
    session.close()


def test_street_seat_locations_are_drawn_apart_and_explained(browser, server, db_path):  # noqa: F811
    with duckdb.connect(str(db_path), read_only=True) as con:
        seat_projects = con.execute(
            "SELECT count(*) FROM v_entities v JOIN entity_locations l USING (entity_id) JOIN anchors a "
            "ON a.anchor_id = l.anchor_id WHERE v.family = 'project' AND a.method = 'street_seat'").fetchone()[0]
    assert seat_projects > 0
    session = Session(browser, server).open("projects")
    frame = _map(session)
    frame.wait_for_selector("path[stroke-dasharray='2 3']", timeout=45000)  # the dotted 街道-seat ring
    legend = frame.locator(".planmap-legend").inner_text()
    assert "街道级" in legend and "同一位置" in legend
    session.close()
