"""``python -m lab.standin --root DIR --port N``: serve an EDGAR-shaped tree until Ctrl-C."""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Sequence
from pathlib import Path

from lab.standin.server import StandinServer


def main(argv: Sequence[str] | None = None) -> int:
    """Parse options, serve, print the URL; returns the exit code."""
    parser = argparse.ArgumentParser(prog="python -m lab.standin", description=__doc__)
    parser.add_argument("--root", type=Path, required=True, help="directory laid out like EDGAR")
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (0 = any free)")
    parser.add_argument("--no-user-agent-check", action="store_true",
                        help="serve requests that declare no contact e-mail")
    parser.add_argument("--sec-behaviours", action="store_true",
                        help="also throttle at 10 req/s (600 s block), 403 unpublished indexes, "
                             "gzip and 304 like SEC")
    args = parser.parse_args(argv)
    if not args.root.is_dir():
        parser.error(f"--root {args.root} is not a directory; write one with EdgarTree first")
    make = StandinServer.with_sec_behaviours if args.sec_behaviours else StandinServer
    with make(args.root, port=args.port,
              require_user_agent=not args.no_user_agent_check) as server:
        print(f"EDGAR stand-in at {server.url} serving {args.root}  (Ctrl-C to stop)", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            server.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
