"""A real HTTP server on 127.0.0.1 that answers like EDGAR from an ``EdgarTree`` directory.

Both SEC hosts are served on one port because their paths never collide: www.sec.gov's
``/Archives/...`` (and later ``/cgi-bin/...``) and data.sec.gov's ``/submissions/...``. A
request goes through the behaviours (``messages.Behaviour``: User-Agent gate now; rate limit,
gzip, faults later), then the routing table (longest matching path prefix wins), and is logged
with the server clock so tests can count and time what a client did.
"""

from __future__ import annotations

import socket
import struct
import sys
import threading
import time
from collections.abc import Callable, Iterable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit

from lab.standin.atom import BrowseEdgar
from lab.standin.behaviours import ConditionalGet, Gzip, RateLimit, UnpublishedIndex
from lab.standin.faults import TruncatedBody
from lab.standin.messages import Behaviour, Request, RequestRecord, Response, UserAgentGate
from lab.standin.pages import not_found_html
from lab.standin.static import StaticFiles, data_host_files
from lab.standin.tree import EdgarTree

__all__ = ["Handler", "StandinServer"]

Handler = Callable[[Request], Response]


class _QuietServer(ThreadingHTTPServer):
    """A client that hangs up mid-answer (a killed sync, a reset fault) is not a server error:
    no traceback on stderr for it; anything else is still printed."""

    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


class StandinServer:
    """Serve ``root`` over HTTP in a background thread; a context manager.

    ``port=0`` picks a free port (read it from ``url``). ``clock`` stamps requests (inject a
    fake one to test time-based behaviours). ``behaviours`` run after the User-Agent gate.
    """

    def __init__(
        self,
        root: Path,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        require_user_agent: bool = True,
        behaviours: Iterable[Behaviour] = (),
        clock: Callable[[], float] = time.monotonic,
        tree: EdgarTree | None = None,
    ) -> None:
        self.root = Path(root)
        self.host, self.port = host, port
        self.clock = clock
        self.behaviours: list[Behaviour] = [UserAgentGate()] if require_user_agent else []
        self.behaviours.extend(behaviours)
        self.routes: dict[str, Handler] = {
            "/Archives/": StaticFiles(self.root),
            "/submissions/": data_host_files(self.root),
        }
        if tree is not None:  # browse-edgar answers from the filings, not from files
            self.routes["/cgi-bin/browse-edgar"] = BrowseEdgar(tree.all_filings, tree.full_size)
        self.rate_limiter: RateLimit | None = next(
            (b for b in self.behaviours if isinstance(b, RateLimit)), None)
        self._log: list[RequestRecord] = []
        self._lock = threading.Lock()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @classmethod
    def with_sec_behaviours(
        cls, root: Path, *, tree: EdgarTree | None = None, rate_limit: int | None = 10,
        block_seconds: float = 600.0, throttle_status: int = 403, gzip: bool = True,
        conditional: bool = True, unpublished_403: bool = True,
        faults: Iterable[Behaviour] = (), **kwargs: Any,
    ) -> StandinServer:
        """A server with SEC's behaviours switched on (each can be turned off or tuned).

        Order matters: the rate limit counts every request first; ``faults`` (latency, 5xx,
        resets) come next; ``TruncatedBody`` faults are moved last so they cut the final
        (possibly gzipped) bytes. ``rate_limiter`` is the ``RateLimit`` (or None) to read
        ``violations`` and ``blocked_requests`` from.
        """
        chain: list[Behaviour] = []
        limiter = RateLimit(rate_limit, block_seconds, throttle_status) if rate_limit else None
        if limiter is not None:
            chain.append(limiter)
        faults = list(faults)
        chain += [f for f in faults if not isinstance(f, TruncatedBody)]
        if unpublished_403:
            chain.append(UnpublishedIndex(root))
        if conditional:
            chain.append(ConditionalGet(root))
        if gzip:
            chain.append(Gzip())
        chain += [f for f in faults if isinstance(f, TruncatedBody)]
        return cls(root, behaviours=chain, tree=tree, **kwargs)

    # ------------------------------------------------------------------ routing

    def add_route(self, prefix: str, handler: Handler) -> None:
        """Serve paths starting with ``prefix`` (e.g. ``/cgi-bin/browse-edgar``) by ``handler``."""
        self.routes[prefix] = handler

    def route(self, request: Request) -> Response:
        """The routed response, before any ``after`` hook; unknown paths get www's 404."""
        matches = [p for p in self.routes if request.path.startswith(p)]
        if not matches:
            return Response(404, not_found_html(request.path), "text/html")
        return self.routes[max(matches, key=len)](request)

    def handle(self, request: Request) -> Response:
        """Behaviours, then routing: everything the server does for one request, no sockets."""
        for behaviour in self.behaviours:
            early = behaviour.before(request)
            if early is not None:
                return early
        response = self.route(request)
        for behaviour in self.behaviours:
            response = behaviour.after(request, response)
        return response

    # ------------------------------------------------------------------ request log

    def record(self, entry: RequestRecord) -> None:
        with self._lock:
            self._log.append(entry)

    @property
    def requests(self) -> list[RequestRecord]:
        """A snapshot of every request answered so far, in arrival order."""
        with self._lock:
            return list(self._log)

    def clear_requests(self) -> None:
        with self._lock:
            self._log.clear()

    # ------------------------------------------------------------------ lifecycle

    @property
    def url(self) -> str:
        """``http://127.0.0.1:PORT`` (valid once started)."""
        if self._httpd is None:
            raise RuntimeError("the stand-in is not running; call start() or use `with`")
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    def start(self) -> StandinServer:
        """Bind and serve in a daemon thread; returns self."""
        if self._httpd is not None:
            return self
        httpd = _QuietServer((self.host, self.port), _RequestHandler)
        httpd.daemon_threads = True
        httpd.standin = self  # type: ignore[attr-defined]
        self._httpd = httpd
        self._thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.02},
                                        name=f"edgar-standin-{self.url}", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and release the port; idempotent."""
        httpd, thread = self._httpd, self._thread
        if httpd is None:
            return
        httpd.shutdown()
        httpd.server_close()
        if thread is not None:
            thread.join()
        self._httpd = self._thread = None

    def wait(self) -> None:
        """Block until stopped (Ctrl-C in the calling thread still interrupts)."""
        while self._thread is not None and self._thread.is_alive():
            self._thread.join(0.5)

    def __enter__(self) -> StandinServer:
        return self.start()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()


class _RequestHandler(BaseHTTPRequestHandler):
    """Adapts ``http.server`` to ``StandinServer.handle``; keep-alive like SEC's servers."""

    protocol_version = "HTTP/1.1"
    server_version = "EDGAR-standin"
    sys_version = ""
    timeout = 30  # idle keep-alive connections are closed, so stop() is never held up
    disable_nagle_algorithm = True  # headers and body go out as separate writes

    def do_GET(self) -> None:
        self._serve()

    def do_HEAD(self) -> None:
        self._serve()

    def _serve(self) -> None:
        standin: StandinServer = self.server.standin  # type: ignore[attr-defined]
        target = urlsplit(self.path)
        request = Request(self.command, target.path or "/", target.query,
                          {k.lower(): v for k, v in self.headers.items()}, standin.clock(),
                          self.client_address[0])
        try:
            response = standin.handle(request)
        except Exception:  # a broken handler must answer 500, not hang the client
            response = Response(500, b"Internal Server Error\n", "text/plain")
        standin.record(RequestRecord(request.time, request.method, self.path, response.status,
                                     request.user_agent))
        self._write(response)

    def _write(self, response: Response) -> None:
        if response.reset:
            self._reset()
            return
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        length = response.declared_length
        if length is not None or not response.truncated:
            self.send_header("Content-Length",
                             str(len(response.body) if length is None else length))
        for name, value in response.headers.items():
            self.send_header(name, value)
        if response.truncated:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(response.body)
        if response.truncated:  # the client sees the connection end where the body stops
            self.wfile.flush()
            self.close_connection = True

    def _reset(self) -> None:
        """Close with RST (SO_LINGER 0) so the client sees "connection reset by peer"."""
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.close_connection = True
        self.connection.close()

    def log_message(self, format: str, *args: object) -> None:
        """Silent: the request log is ``StandinServer.requests``, not stderr."""
