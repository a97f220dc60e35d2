"""The share control: the current view's link and its QR code (works offline)."""
from __future__ import annotations

import base64
import html
import io
import ipaddress
import os
import socket
from urllib.parse import urlencode, urlsplit, urlunsplit

import segno
import streamlit as st

from .i18n import t


PUBLIC_URL_ENV = "PLANMAP_PUBLIC_URL"  # e.g. https://planmap.example.org/ behind a proxy


def lan_addresses() -> list[str]:
    """This machine's IPv4 addresses other than loopback, private (LAN) ones first (Linux ioctl; no traffic)."""
    import fcntl
    import struct

    found = []
    for _index, name in socket.if_nameindex():
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            try:  # SIOCGIFADDR
                packed = fcntl.ioctl(probe.fileno(), 0x8915, struct.pack("256s", name[:15].encode()))
            except OSError:
                continue
        address = ipaddress.ip_address(socket.inet_ntoa(packed[20:24]))
        if not (address.is_loopback or address.is_link_local or address.is_unspecified):
            found.append(address)
    return [str(a) for a in sorted(set(found), key=lambda a: (not a.is_private, str(a)))]


def _loopback(host: str) -> bool:
    try:
        return host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def shared_base(url: str, public: str | None, lan: list[str]) -> tuple[str, str]:
    """The base another device can open, and which kind it is: ``public`` (configured), ``lan`` (this
    machine's network address in place of localhost), ``as_opened`` or ``local_only``.

    >>> shared_base("http://localhost:8501/projects", None, ["192.168.1.20"])
    ('http://192.168.1.20:8501/projects', 'lan')
    >>> shared_base("http://localhost:8501/projects", "https://map.example.org/", ["192.168.1.20"])
    ('https://map.example.org/projects', 'public')
    >>> shared_base("http://10.0.0.5:8501/", None, ["192.168.1.20"]), shared_base("http://127.0.0.1:8501/", None, [])
    (('http://10.0.0.5:8501/', 'as_opened'), ('http://127.0.0.1:8501/', 'local_only'))
    """
    parts = urlsplit(url)
    if public:
        root = urlsplit(public)
        path = root.path.rstrip("/") + (parts.path if parts.path.startswith("/") else "/" + parts.path)
        return urlunsplit((root.scheme, root.netloc, path, "", "")), "public"
    if not _loopback(parts.hostname or "localhost"):
        return urlunsplit((parts.scheme, parts.netloc, parts.path, "", "")), "as_opened"
    if not lan:
        return urlunsplit((parts.scheme, parts.netloc, parts.path, "", "")), "local_only"
    netloc = lan[0] + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme, netloc, parts.path, "", "")), "lan"


def current_link() -> tuple[str, str]:
    """The view's link as another device can open it, and the kind of base it uses (see shared_base)."""
    opened = str(getattr(st.context, "url", "") or "").split("?")[0] or "http://localhost:8501/"
    bound = str(st.get_option("server.address") or "")  # a server listening on loopback only is local only
    base, kind = shared_base(opened, os.environ.get(PUBLIC_URL_ENV), [] if _loopback(bound) else _lan())
    query = urlencode({k: st.query_params.get(k) for k in st.query_params})
    return (f"{base}?{query}" if query else base), kind


@st.cache_data(show_spinner=False, ttl=300)
def _lan() -> list[str]:
    return lan_addresses()


@st.cache_data(show_spinner=False, max_entries=512)
def qr_png(link: str) -> bytes:
    buffer = io.BytesIO()
    segno.make(link, error="m").save(buffer, kind="png", scale=5, border=2)
    return buffer.getvalue()


def qr_img(link: str) -> str:
    """The QR code as an inline image (~0.5 KB): no media file registered and cleaned up per rerun."""
    data = base64.b64encode(qr_png(link)).decode("ascii")
    return f'<img src="data:image/png;base64,{data}" width="180" alt="QR: {html.escape(link)}">'



def render() -> None:
    with st.sidebar.expander(t("share"), icon=":material/share:"):
        link, kind = current_link()
        st.caption(t("share_help"))
        st.code(link, language=None)
        st.caption(t(f"share_{kind}"))
        if st.toggle(t("show_qr"), key="share_qr"):  # encoded only when asked for: ~8% of a rerun under load
            st.markdown(qr_img(link), unsafe_allow_html=True)
