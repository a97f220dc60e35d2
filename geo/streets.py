"""Which 街道 an entity is in, and on what basis: the text, an official 社区/村, or a clear position.

There are no 街道 boundaries offline, only the 48 seats (one point per 街道, estimated)
and the official 社区/村 of each 街道 (NBS 2023, ``data/reference/communities.csv``).
Each entity gets its 街道 from the first basis that gives one:

1. ``text``: the 街道 the text states (``street_codes``), all of them;
2. ``community``: the 街道 of every official 社区/村 its name or sentence names, as a
   reviewer accepted in ``data/review/community_matches.csv``;
3. ``gazetteer``: the reviewed gazetteer places it at a 街道 itself (its anchor is a 街道 seat,
   mostly ``inherited_street``: only its 街道 is known; the location row says why);
4. ``position``: its point is clearly inside one 街道's area — see :func:`street_by_position`;
5. ``none``: otherwise. Never a guess.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .gazetteer import haversine_m

__all__ = ["BASES", "SITE_METHODS", "MAX_SEAT_DISTANCE_M", "Decision", "decide_by_position", "street_by_position",
           "assign_streets", "nearest_seat_in_district"]

BASES = ("text", "community", "gazetteer", "position", "none")
SITE_METHODS = {"landmark", "inherited_place", "manual"}
"""Points that stand for a site. A river or road section or the centre of a zone's members is not
inside one 街道, whatever its precision."""
MAX_SEAT_DISTANCE_M = 1500
"""A point farther than this from its nearest seat may be in an area no nearby seat describes
(a neighbouring district's 街道, whose seats we do not have, or a 街道 whose seat is off-centre)."""


@dataclass(frozen=True)
class Decision:
    """The position rule's inputs and outcome for one point."""

    nearest: str            # street code of the nearest seat
    second: str             # street code of the second-nearest seat
    d1: float               # metres to the nearest seat
    d2: float               # metres to the second-nearest seat
    margin: float           # (d2 - d1) / 2: how far the point can move before another seat is nearer
    street_code: str | None  # the 街道, or None when the point cannot decide
    reason: str


def decide_by_position(lon: float, lat: float, precision_m: float, seats: dict[str, dict],
                       district_code: str | None = None) -> Decision:
    """Apply the position rule to one point.

    ``seats`` maps street code → {lon, lat, district_code}. The nearest seat's 街道 is taken only when

    * the point's whole uncertainty disk is nearer to that seat than to any other: ``precision_m`` is
      smaller than the decision margin ``(d2 - d1) / 2`` (moving the point by r changes d2 - d1 by at
      most 2r);
    * the seat is within :data:`MAX_SEAT_DISTANCE_M` of the point;
    * the seat is in ``district_code`` (the district whose polygon holds the point, and the entity's).

    >>> seats = {"A": {"lon": 117.0, "lat": 36.70, "district_code": "x"},
    ...          "B": {"lon": 117.0, "lat": 36.72, "district_code": "x"}}
    >>> decide_by_position(117.0, 36.702, 300, seats, "x").street_code   # 222 m from A, margin 889 m
    'A'
    >>> decide_by_position(117.0, 36.708, 300, seats, "x").street_code is None   # margin 222 m < 300 m
    True
    """
    ranked = sorted((haversine_m(lon, lat, s["lon"], s["lat"]), code) for code, s in seats.items())
    (d1, nearest), (d2, second) = ranked[0], ranked[1]
    margin = (d2 - d1) / 2
    if seats[nearest].get("district_code") != district_code:
        street, reason = None, "the nearest seat is in another district than the point"
    elif precision_m >= margin:
        street, reason = None, f"precision {precision_m:.0f} m ≥ decision margin {margin:.0f} m"
    elif d1 > MAX_SEAT_DISTANCE_M:
        street, reason = None, f"nearest seat {d1:.0f} m away (> {MAX_SEAT_DISTANCE_M} m)"
    else:
        street, reason = nearest, (f"{d1:.0f} m from its seat, decision margin {margin:.0f} m > "
                                   f"precision {precision_m:.0f} m")
    return Decision(nearest, second, d1, d2, margin, street, reason)


def street_by_position(location: dict, seats: dict[str, dict], entity_district: str | None) -> Decision | None:
    """The position rule for a resolved location (``geo.gazetteer.resolve_locations`` row), or None when
    the location is not a site point (unlocated, a line section, a zone centre) or lies in another district
    than the entity's."""
    if location.get("lon") is None or location.get("located_by") not in SITE_METHODS:
        return None
    district = location.get("point_district_code")
    if district is None or (entity_district and entity_district != district):
        return None
    return decide_by_position(location["lon"], location["lat"], location.get("precision_m") or 0, seats, district)


def assign_streets(entities: Iterable[dict], locations: dict[str, dict], seats: dict[str, dict],
                   community_streets: dict[str, list[tuple[str, str]]], street_codes: set[str]) -> list[dict]:
    """Every entity's 街道 with its basis: one row per (entity, 街道), or one row with ``street_code`` None
    and basis ``none``.

    ``entities``: dicts with entity_id, family, district_code and street_codes (';'-separated, may be empty);
    ``locations``: entity_id → resolved location; ``seats``: street code → {lon, lat, district_code};
    ``community_streets``: entity_id → [(street code, note)] from accepted matches; ``street_codes``: the 48.
    Columns: entity_id, family, street_code, basis, note.
    """
    rows: list[dict] = []
    for entity in entities:
        eid = entity["entity_id"]
        location = locations.get(eid) or {}
        stated = [c.strip() for c in (entity.get("street_codes") or "").split(";") if c.strip()]
        if stated:
            found = [(code, "text", "as the text states") for code in stated]
        elif community_streets.get(eid):
            found = [(code, "community", note) for code, note in community_streets[eid]]
        elif location.get("lon") is not None and location.get("anchor_id") in street_codes:
            found = [(location["anchor_id"], "gazetteer", "the reviewed location is this 街道 (see its basis)")]
        else:
            decision = street_by_position(location, seats, entity.get("district_code"))
            if decision is not None and decision.street_code:
                found = [(decision.street_code, "position", decision.reason)]
            else:
                reason = decision.reason if decision is not None else (
                    "unlocated" if location.get("lon") is None else
                    f"located by {location.get('located_by')}: not a site point")
                found = [(None, "none", reason)]
        seen: set[str | None] = set()
        for code, basis, note in found:
            if code not in seen:
                seen.add(code)
                rows.append({"entity_id": eid, "family": entity["family"], "street_code": code, "basis": basis,
                             "note": note})
    return rows


def nearest_seat_in_district(lon: float, lat: float, district_code: str, seats: dict[str, dict]) -> str | None:
    """The rule this module replaces (kept to measure it): the nearest seat in the point's district,
    whatever the precision."""
    own = [(haversine_m(lon, lat, s["lon"], s["lat"]), code) for code, s in seats.items()
           if s.get("district_code") == district_code]
    return min(own)[1] if own else None
