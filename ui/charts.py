"""Indicator tables and charts: numbers parsed from the cells as written, nothing guessed; every figure with
its document, line and the verbatim quote(s) that contain it."""
from __future__ import annotations

import altair as alt
import pandas as pd

from ingest.extract.indicators import parse_number

from .i18n import COLUMNS, _pick, district_label, lang, nature_label, t
from .text import md

BINDING_SHADE = "background-color:#fdecea"


def _text(value) -> str:
    return "" if value is None or pd.isna(value) else str(value)


def _header(key: str) -> str:
    return _pick(COLUMNS, key)


def cite(doc_id, line, quote, value_line=None, value_quote=None) -> str:
    """'001 行 597：“地区生产总值（亿元）” “1059.6 1486.1 7 预期性”' (the second quote's line when it differs)."""
    colon = "：" if lang() == 0 else ": "
    text = f"{doc_id} {t('line')} {line}{colon}“{quote}”"
    if _text(value_quote):
        if _text(value_line) and int(value_line) != int(line):
            text += f"; {t('line')} {int(value_line)}{colon}“{value_quote}”"
        else:
            text += f" “{value_quote}”"
    return text


def _evidence(frame: pd.DataFrame) -> list[str]:
    return [cite(r.doc_id, r.line, r.quote, r.value_line, r.value_quote) for r in frame.itertuples()]


def column_widths() -> dict:
    """Wide enough to read a whole citation (document, line, both quotes) and a full indicator name."""
    import streamlit as st

    wide = st.column_config.TextColumn(width=600)
    name = st.column_config.TextColumn(width=230)
    return {_header("evidence"): wide, _header("name"): name, _header("indicator"): name,
            _header("category"): st.column_config.TextColumn(width=110)}


def documents_note(*frames: pd.DataFrame) -> str:
    """'Evidence: … Documents: 001 <title>; 003 <title>' for the documents the frames cite."""
    title = "title" if lang() == 0 else "title_en"
    seen = {}
    for frame in frames:
        for row in frame.itertuples():
            seen.setdefault(row.doc_id, getattr(row, title))
    return t("evidence_note") + "; ".join(f"{d} {seen[d]}" for d in sorted(seen))


def nature_note() -> str:
    """预期性 / 约束性 explained with the 纲要's own definitions, where the table shows them."""
    return (f"■ **{nature_label('约束性')}**：{t('nature_binding_def')}  \n**{nature_label('预期性')}**：{t('nature_expected_def')}"
            f"  \n{t('nature_source')}") if lang() == 0 else (
        f"■ **{nature_label('约束性')}**: {t('nature_binding_def')}  \n**{nature_label('预期性')}**: "
        f"{t('nature_expected_def')}  \n{t('nature_source')}")


def _cell_note(issue) -> str:
    """Reviewer notes on lost cells are English working notes: shown as such in English, flagged in Chinese."""
    if not _text(issue):
        return ""
    return "⚠ 原表单元格合并或提取缺失" if lang() == 0 else f"⚠ {issue}"


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    """Cells shown by ``st.table`` are Markdown: escaped, so "[10]", "-" or "#限额以上" read as written."""
    return frame.apply(lambda column: [md(v) for v in column])


def district_table(rows: pd.DataFrame):
    """One district's plan indicators for ``st.table`` (every citation readable in full): name, unit, 2020, 2025
    target, growth, nature, cell note (when any), evidence; 约束性 rows shaded."""
    frame = pd.DataFrame({
        _header("name"): [_text(v) for v in rows["name"]],
        _header("unit"): [_text(v) for v in rows["unit"]],
        _header("base_2020"): [_text(v) for v in rows["base_value"]],
        _header("target_2025"): [_text(v) for v in rows["target_value"]],
        _header("growth"): [_text(v) for v in rows["growth"]],
        _header("nature"): [f"■ {nature_label(n)}" if n == "约束性" else nature_label(_text(n) or None)
                            for n in rows["nature"]],
        _header("cell_issue"): [_cell_note(v) for v in rows["cell_issue"]],
        _header("evidence"): _evidence(rows),
    })
    if not frame[_header("cell_issue")].any():
        frame = frame.drop(columns=_header("cell_issue"))
    binding = [n == "约束性" for n in rows["nature"]]
    return _plain(frame).style.apply(lambda row: [BINDING_SHADE if binding[row.name] else "" for _ in row], axis=1)


def growth(table: pd.DataFrame) -> alt.Chart:
    """Percentage change base → target where both cells are plain numbers of the same kind, as horizontal bars
    with every indicator's name on the axis (none dropped for overlap) and the value at the bar's end."""
    rows = []
    for row in table.itertuples():
        base, target = parse_number(row.base_value), parse_number(row.target_value)
        cumulative = _text(row.base_value).startswith("[") or _text(row.target_value).startswith("[")
        if base and target is not None and not cumulative and row.unit != "%":
            rows.append({"indicator": f"{row.name}（{row.unit}）" if row.unit else row.name,
                         "change": round((target / base - 1) * 100, 1),
                         "nature": nature_label(_text(row.nature) or None) or "—"})
    frame = pd.DataFrame(rows, columns=["indicator", "change", "nature"])
    domain = [nature_label("预期性"), nature_label("约束性"), "—"]
    y = alt.Y("indicator:N", sort="-x", title=None,
              axis=alt.Axis(labelLimit=0, labelOverlap=False, labelFontSize=12, labelPadding=6))
    base = alt.Chart(frame).encode(y=y, x=alt.X("change:Q", title="%"))
    bars = base.mark_bar().encode(
        color=alt.Color("nature:N", scale=alt.Scale(domain=domain, range=["#4c78a8", "#d62728", "#aaaaaa"]),
                        title=_header("nature")),
        tooltip=[alt.Tooltip("indicator:N", title=_header("indicator")), alt.Tooltip("change:Q", title="%"),
                 alt.Tooltip("nature:N", title=_header("nature"))])
    labels = base.mark_text(align="left", dx=4, fontSize=12).encode(text=alt.Text("change:Q", format="+.1f"))
    return (bars + labels).properties(height=max(120, 30 * len(frame)))


def comparison(rows: pd.DataFrame) -> pd.DataFrame:
    """``indicator_comparison`` laid out for reading: one row per indicator and unit, "2020 → 2025" per district
    ("（正文）" when the figure comes from the text), and a stated absence where a district has no such indicator."""
    codes = ("370103", "370104", "370105")
    in_text = f"（{t('in_text')}）" if lang() == 0 else f" ({t('in_text')})"
    cells = rows.assign(cell=[f"{_text(b) or '—'} → {_text(g) or '—'}" + (in_text if ref == "prose" else "")
                              for b, g, ref in zip(rows["base_value"], rows["target_value"], rows["table_ref"])])
    wide = cells.pivot(index=["indicator", "unit"], columns="district_code", values="cell")
    wide = wide.reindex(columns=list(codes)).astype(object).fillna(t("no_such_indicator"))
    wide.columns = [district_label(c) for c in wide.columns]
    written = rows.groupby(["indicator", "unit"])["name"].first()  # the name as the first district writes it
    wide.index = [written[key] for key in wide.index]
    return wide.rename_axis(_header("indicator")).reset_index().assign(
        **{_header("unit"): [unit for _, unit in written.index]})[
        [_header("indicator"), _header("unit"), *[district_label(c) for c in codes]]]


def comparison_evidence(rows: pd.DataFrame) -> pd.DataFrame:
    """Where each compared figure comes from (for ``st.table``)."""
    return _plain(pd.DataFrame({
        _header("indicator"): list(rows["name"]), _header("unit"): list(rows["unit"]),
        t("district"): [district_label(c) for c in rows["district_code"]], _header("evidence"): _evidence(rows)}))


def targets(rows: pd.DataFrame) -> pd.DataFrame:
    """2024 targets with the 2023 result beside them, each column labelled as what it is (for ``st.table``)."""
    return _plain(pd.DataFrame({
        _header("name"): [_text(v) for v in rows["name"]], _header("unit"): [_text(v) for v in rows["unit"]],
        t("target_2024"): [_text(v) for v in rows["target_value"]],
        t("result_2023"): [_text(v) if _text(y) == "2023" else "" for v, y in zip(rows["base_value"], rows["base_year"])],
        _header("nature"): [nature_label(_text(n) or None) for n in rows["nature"]],
        _header("evidence"): _evidence(rows)}))


def prose(rows: pd.DataFrame) -> pd.DataFrame:
    """Figures stated in the text: year and value as written, with their evidence."""
    def dated(year, value) -> str:
        value = _text(value)
        return f"{year}: {value}" if value and _text(year) else value
    return pd.DataFrame({
        _header("category"): [_text(v) for v in rows["category"]], _header("name"): [_text(v) for v in rows["name"]],
        _header("unit"): [_text(v) for v in rows["unit"]],
        _header("result"): [dated(y, v) for y, v in zip(rows["base_year"], rows["base_value"])],
        _header("target_value"): [dated(y, v) for y, v in zip(rows["target_year"], rows["target_value"])],
        _header("growth"): [_text(v) for v in rows["growth"]], _header("evidence"): _evidence(rows)})
