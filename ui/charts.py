"""Indicator tables and charts: numbers parsed from the cells as written, nothing guessed."""
from __future__ import annotations

import altair as alt
import pandas as pd

from ingest.extract.indicators import parse_number

from .i18n import district_label, t


def _text(value) -> str:
    return "" if value is None or value != value else str(value)


def mark_binding(frame: pd.DataFrame):
    """约束性 rows shaded and flagged (a constraint the government must meet)."""
    from .i18n import COLUMNS, _pick

    frame = frame.assign(nature=[f"■ {n}" if n == "约束性" else _text(n) for n in frame["nature"]])
    frame = frame.assign(**{c: [_text(v) for v in frame[c]] for c in frame.columns if c != "line"})
    nature = _pick(COLUMNS, "nature")
    frame = frame.rename(columns={c: _pick(COLUMNS, c) for c in frame.columns})
    return frame.style.apply(lambda row: ["background-color:#fdecea" if "约束性" in str(row[nature]) else ""
                                          for _ in row], axis=1)


def growth(table: pd.DataFrame) -> alt.Chart:
    """Percentage change base → target where both cells are plain numbers of the same kind."""
    rows = []
    for row in table.itertuples():
        base, target = parse_number(row.base_value), parse_number(row.target_value)
        cumulative = _text(row.base_value).startswith("[") or _text(row.target_value).startswith("[")
        if base and target is not None and not cumulative and row.unit != "%":
            rows.append({"indicator": row.name, "change": round((target / base - 1) * 100, 1),
                         "nature": _text(row.nature) or "—"})
    frame = pd.DataFrame(rows, columns=["indicator", "change", "nature"])
    return alt.Chart(frame).mark_bar().encode(
        x=alt.X("change:Q", title="%"), y=alt.Y("indicator:N", sort="-x", title=None),
        color=alt.Color("nature:N", scale=alt.Scale(domain=["预期性", "约束性", "—"],
                                                    range=["#4c78a8", "#d62728", "#aaaaaa"]), title=t("status")),
        tooltip=["indicator", "change", "nature"]).properties(height=max(120, 24 * len(frame)))


def comparison(rows: pd.DataFrame) -> pd.DataFrame:
    """``indicator_comparison`` laid out for reading: one row per indicator, "base → target" per district."""
    codes = ("370103", "370104", "370105")
    cells = rows.assign(cell=[f"{_text(b) or '—'} → {_text(g) or '—'}"
                              for b, g in zip(rows["base_value"], rows["target_value"])])
    wide = cells.pivot(index=["indicator", "unit"], columns="district_code", values="cell")
    wide = wide.reindex(columns=list(codes)).astype(object).fillna("")  # no match: an empty column
    wide.columns = [district_label(c) for c in wide.columns]
    return wide.reset_index().rename(columns={"indicator": t("indicators"), "unit": t("unit")})
