"""Text from the documents is text: escaping for every place a name, quote or note is shown.

Streamlit renders labels, captions and most widget options as Markdown, with links, images,
``$…$`` maths, ``:colour[…]`` / ``:material/…:`` shortcodes and typographic replacements
(``--`` becomes a dash). A name is data, so it never goes through Markdown's text processing:
running text is shown as an escaped HTML block (:func:`show`, which Markdown passes through
untouched), and where only a Markdown label is possible (widget options, link labels) it is
escaped with :func:`md`.
"""
from __future__ import annotations

import html
import re
import string

import streamlit as st

__all__ = ["md", "esc", "show"]

_PUNCTUATION = re.compile("([" + re.escape(string.punctuation.replace(":", "")) + "])")
_COLON = "&#58;"  # Streamlit rewrites ``:name:`` shortcodes in the source, before Markdown or HTML parsing


def _text(value) -> str:
    return "" if value is None or value != value else " ".join(str(value).splitlines())


def esc(value) -> str:
    """``value`` as HTML text (``None``/NaN → ""; line breaks → spaces; a colon as a character reference).

    >>> esc('<img src=x onerror="a()"> -- $x$ :red[a]')
    '&lt;img src=x onerror=&quot;a()&quot;&gt; -- $x$ &#58;red[a]'
    """
    return html.escape(_text(value)).replace(":", _COLON)


def show(markup: str) -> None:
    """Show one HTML block built from :func:`esc`-escaped data (it must start with a block tag such as
    ``<div>`` or ``<h4>`` and hold no blank line, so Markdown leaves it alone)."""
    st.markdown(markup, unsafe_allow_html=True)


def md(value) -> str:
    """Escape ``value`` for a Markdown-only label: it shows as text, never as a link, image, maths or
    shortcode. Every ASCII punctuation mark is backslash-escaped (CommonMark allows that for all of
    them) and a colon becomes a character reference, so ``:name:`` shortcodes never form.

    >>> print(md("![x](http://e/p.png) $a$ :red[b] <i>"))
    \\!\\[x\\]\\(http&#58;\\/\\/e\\/p\\.png\\) \\$a\\$ &#58;red\\[b\\] \\<i\\>
    >>> md(None), md(float("nan")), md("黄河")
    ('', '', '黄河')
    """
    return _PUNCTUATION.sub(r"\\\1", _text(value)).replace(":", _COLON)
