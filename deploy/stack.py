"""N ``ui.serve`` processes on local ports and HAProxy in front of them (``deploy/haproxy.cfg.in``).

The app processes listen on 127.0.0.1 only; HAProxy is the one public door. It checks each
process's ``/_stcore/health``, keeps a visitor on one process with a cookie (``PLANMAP_SRV``),
carries the websocket, hides Streamlit's operator endpoints and restricts framing.
"""
from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from string import Template

import paths

TEMPLATE = Path(__file__).with_name("haproxy.cfg.in")
COOKIE = "PLANMAP_SRV"


def haproxy() -> Path | None:
    """Debian's HAProxy (``make proxy`` installs it), or None."""
    found = shutil.which("haproxy") or ("/usr/sbin/haproxy" if Path("/usr/sbin/haproxy").exists() else None)
    return Path(found) if found else None


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


def render(port: int, backends: list[int], bind: str = "0.0.0.0") -> str:
    """The HAProxy configuration for app processes on ``backends`` (local ports), public on ``bind:port``.

    >>> text = render(8501, [9001, 9002])
    >>> "bind 0.0.0.0:8501" in text and "server app2 127.0.0.1:9002 check cookie app2" in text
    True
    """
    servers = "\n".join(f"    server app{i} 127.0.0.1:{p} check cookie app{i}" for i, p in enumerate(backends, 1))
    return Template(TEMPLATE.read_text(encoding="utf-8")).substitute(bind=bind, port=port, servers=servers)


def _die_with_parent() -> None:
    """In a child before exec: get SIGTERM if the process that started us dies (Linux), so a killed
    launcher leaves no orphans."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as response:
            return response.status == 200
    except OSError:
        return False


class Stack:
    """``with Stack(2) as stack: stack.url`` — the app processes and the balancer, stopped on exit.

    ``database`` is handed to every process (``PLANMAP_DB``); ``extra`` are Streamlit options for
    each; ``quiet`` sends their output to /dev/null (tests, bench) instead of the terminal.
    """

    def __init__(self, processes: int = 2, port: int | None = None, bind: str = "127.0.0.1",
                 database: Path | None = None, extra: list[str] | None = None, quiet: bool = True):
        if processes < 1:
            raise ValueError("need at least one app process")
        self.processes, self.bind = processes, bind
        self.port = port or free_port()
        self.database = Path(database or paths.DATABASE)
        self.extra, self.quiet = list(extra or []), quiet
        self.backends: list[int] = []
        self.apps: list[subprocess.Popen] = []
        self.proxy: subprocess.Popen | None = None
        self._dir: tempfile.TemporaryDirectory | None = None

    @property
    def url(self) -> str:
        host = "127.0.0.1" if self.bind in ("0.0.0.0", "") else self.bind
        return f"http://{host}:{self.port}"

    def backend_urls(self) -> list[str]:
        return [f"http://127.0.0.1:{p}" for p in self.backends]

    def start(self, timeout: float = 90) -> "Stack":
        binary = haproxy()
        if binary is None:
            raise RuntimeError("HAProxy is not installed: run `make proxy` (apt-get install haproxy)")
        from ingest.build import build, needs_build

        if needs_build(self.database):  # once here, not in N processes at the same time
            build(self.database)
        output = subprocess.DEVNULL if self.quiet else None
        # One cookie secret for all processes, so anything Streamlit signs is valid on each.
        env = {**os.environ, "PLANMAP_DB": str(self.database), "STREAMLIT_SERVER_COOKIE_SECRET": secrets.token_hex(16)}
        self.backends = [free_port() for _ in range(self.processes)]
        try:
            for port in self.backends:
                self.apps.append(subprocess.Popen(
                    [sys.executable, "-m", "ui.serve", "--server.port", str(port), "--server.address", "127.0.0.1",
                     "--server.headless", "true", "--server.enableAgentApi", "false", *self.extra],
                    cwd=paths.ROOT, env=env, stdout=output, stderr=output, preexec_fn=_die_with_parent))
            deadline = time.monotonic() + timeout
            while not all(_healthy(url) for url in self.backend_urls()):
                if any(app.poll() is not None for app in self.apps):
                    raise RuntimeError("an app process exited while starting")
                if time.monotonic() > deadline:
                    raise RuntimeError("the app processes did not start")
                time.sleep(0.25)
            self._dir = tempfile.TemporaryDirectory(prefix="planmap-haproxy-")
            config = Path(self._dir.name) / "haproxy.cfg"
            config.write_text(render(self.port, self.backends, self.bind), encoding="utf-8")
            check = subprocess.run([str(binary), "-c", "-f", str(config)], capture_output=True, text=True)
            if check.returncode:
                raise RuntimeError(f"HAProxy refused its configuration: {check.stderr.strip()[-500:]}")
            self.proxy = subprocess.Popen([str(binary), "-db", "-f", str(config)], stdout=output, stderr=output,
                                          preexec_fn=_die_with_parent)
            while not _healthy(self.url):
                if self.proxy.poll() is not None:
                    raise RuntimeError(f"HAProxy exited (is port {self.port} free?)")
                if time.monotonic() > deadline:
                    raise RuntimeError("HAProxy did not answer")
                time.sleep(0.1)
        except BaseException:
            self.stop()
            raise
        return self

    def pids(self) -> list[int]:
        return [app.pid for app in self.apps]

    def wait(self) -> int:
        """Block until any process exits (then stop the rest); its exit code."""
        children = [*self.apps, *([self.proxy] if self.proxy else [])]
        while True:
            for child in children:
                if child.poll() is not None:
                    return child.returncode
            time.sleep(0.5)

    def stop(self) -> None:
        children = [*([self.proxy] if self.proxy else []), *self.apps]
        for child in children:
            if child.poll() is None:
                child.terminate()
        for child in children:
            try:
                child.wait(timeout=15)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
        self.apps, self.proxy = [], None
        if self._dir:
            self._dir.cleanup()
            self._dir = None

    def __enter__(self) -> "Stack":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
