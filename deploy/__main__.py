"""``python -m deploy [--processes 2] [--port 8501] [--bind 0.0.0.0]`` (``make serve N=2``).

Starts N app processes on free local ports and HAProxy in front of them on ``--port``, prints
where, and runs until Ctrl-C (or SIGTERM), which stops every process it started.
"""
from __future__ import annotations

import argparse
import signal
import sys

from .stack import Stack


def _interrupt(*_) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m deploy")
    parser.add_argument("--processes", "-n", type=int, default=2, help="app processes (default 2)")
    parser.add_argument("--port", type=int, default=8501, help="the balancer's public port (default 8501)")
    parser.add_argument("--bind", default="0.0.0.0", help="the balancer's address (default all interfaces)")
    args = parser.parse_args(argv)
    if args.processes < 1:
        parser.error("--processes must be at least 1")
    signal.signal(signal.SIGINT, signal.default_int_handler)  # even when started in the background
    signal.signal(signal.SIGTERM, _interrupt)
    stack = Stack(args.processes, port=args.port, bind=args.bind, quiet=False)
    try:
        stack.start()
        print(f"PlanMap: {args.processes} app processes (127.0.0.1:{', '.join(map(str, stack.backends))}) "
              f"behind HAProxy on http://{args.bind}:{args.port} — Ctrl-C stops them all", flush=True)
        code = stack.wait()
        print(f"a process exited ({code}); stopping the others", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    except RuntimeError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    finally:
        stack.stop()


if __name__ == "__main__":
    sys.exit(main())
