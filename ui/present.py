"""Presentation mode's controls: the step heading, ◀ / ▶ buttons and the keyboard's ← / →.

The buttons move the step in a callback (``state.step_by``), so each is enabled for the step actually
shown. The arrow keys click those same buttons: a small script in the page (``st.html`` with
JavaScript) listens for keydown in the parent document, so keys and buttons can never disagree.
"""
from __future__ import annotations

import streamlit as st

from .i18n import t
from .state import seed_widget, step_by
from .text import esc, show

__all__ = ["stepper", "arrow_keys"]

KEY = "layouts_step"


def stepper(parts, layout_name: str, url: dict) -> str:
    """Heading and buttons for the current step of ``parts``; returns the current component's id."""
    steps = list(parts["entity_id"])
    seed_widget(KEY, url, "step", 1)
    step = min(max(int(st.session_state.get(KEY, 1)), 1), len(steps))
    st.session_state[KEY] = step
    row = parts[parts["entity_id"] == steps[step - 1]].iloc[0]
    show(f'<div class="planmap-caption">{esc(layout_name)} — {esc(t("step", i=step, n=len(steps)))}</div>')
    show(f'<h3 class="planmap-name">{esc(row.group_label)} · {esc(row["name"])}</h3>')
    prev_col, next_col = st.columns(2)
    prev_col.button(t("prev"), key="layouts_prev", disabled=step <= 1, width="stretch",
                    on_click=step_by, args=(KEY, -1))
    next_col.button(t("next"), key="layouts_next", disabled=step >= len(steps), width="stretch",
                    on_click=step_by, args=(KEY, 1))
    arrow_keys("layouts_prev", "layouts_next")
    st.caption(t("keys_hint"))
    return steps[step - 1]


_SCRIPT = """<script>
(() => {
  const root = window.parent && window.parent.document ? window.parent : window;
  const doc = root.document;
  if (root.__planmapArrowKeys) return;  // one listener per browser tab
  root.__planmapArrowKeys = true;
  doc.addEventListener("keydown", (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey || event.defaultPrevented) return;
    const target = event.target;
    const tag = target && target.tagName ? target.tagName.toLowerCase() : "";
    if (tag === "input" || tag === "textarea" || tag === "select" || (target && target.isContentEditable)) return;
    const which = event.key === "ArrowLeft" ? "PREV" : event.key === "ArrowRight" ? "NEXT" : null;
    if (!which) return;
    const button = doc.querySelector(`.st-key-${which === "PREV" ? "%(prev)s" : "%(next)s"} button`);
    if (!button || button.disabled) return;
    event.preventDefault();
    button.click();
  });
})();
</script>"""


def arrow_keys(prev_key: str, next_key: str) -> None:
    """← and → click the buttons keyed ``prev_key`` and ``next_key`` (keys are code, never visitor text)."""
    if not (prev_key.replace("_", "").isalnum() and next_key.replace("_", "").isalnum()):
        raise ValueError("button keys must be plain identifiers")
    st.html(_SCRIPT % {"prev": prev_key, "next": next_key}, unsafe_allow_javascript=True)
