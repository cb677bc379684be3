"""A response body read whole, or refused: a short, slow or oversized body is never taken for
a complete one.

httpx decodes gzip without checking that the stream reached its end, and accepts a body that
stops when the connection closes; a partial EDGAR submission stored in the immutable raw store
would then load with rows missing and never be repaired. So the body is read raw and checked:

* **length**: as many bytes as ``Content-Length`` announced (h11 already refuses fewer on a
  kept-alive connection; this also covers a connection closed early);
* **encoding**: ``gzip`` / ``deflate`` decoded here, chunk by chunk, and the stream must
  reach its end marker;
* **size**: at most ``max_bytes`` after decoding (a decompression bomb stops at the limit);
* **speed**: a total deadline per request and a minimum transfer rate after a grace period,
  so a server dripping a byte a second cannot stall a sync (httpx's read timeout only bounds
  the wait for each next byte).

The decoded bytes go to a sink as they arrive (:func:`stream_body`): a list for a document
kept in memory (:func:`read_body`), a file for one streamed to disk. Every refusal but the
size is :class:`~crawler.errors.BodyIncomplete` or :class:`~crawler.errors.RequestFailed`:
transient, retried, never stored.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from crawler.errors import BodyIncomplete, RequestFailed, RequestRejected, ResponseTooLarge

__all__ = ["BodyLimits", "decode", "read_body", "stream_body"]

#: Where decoded bytes go as they arrive.
Sink = Callable[[bytes], object]


@dataclass(frozen=True)
class BodyLimits:
    """What one body may cost: bytes after decoding, seconds in all, and the slowest average
    rate (bytes/s) tolerated once ``grace`` seconds have passed."""

    max_bytes: int = 50_000_000
    deadline: float = 3_600.0
    min_rate: float = 2_000.0
    grace: float = 30.0


def read_body(chunks: Iterable[bytes], headers: dict[str, str], url: str, limits: BodyLimits,
              clock: Callable[[], float], started: float) -> bytes:
    """The decoded body of raw ``chunks`` (``httpx.Response.iter_raw()``), or an error."""
    parts: list[bytes] = []
    stream_body(chunks, headers, url, limits, clock, started, parts.append)
    return b"".join(parts)


def stream_body(chunks: Iterable[bytes], headers: dict[str, str], url: str,
                limits: BodyLimits, clock: Callable[[], float], started: float,
                sink: Sink) -> int:
    """Decode raw ``chunks`` into ``sink`` as they arrive, checking everything above;
    returns the decoded size. On an error the sink has received part of the body only."""
    declared = headers.get("content-length", "")
    encoding = headers.get("content-encoding", "identity").strip().lower() or "identity"
    if declared.isdigit() and encoding == "identity" and int(declared) > limits.max_bytes:
        raise _too_large(url, f"Content-Length {declared}", limits.max_bytes)
    decoder = _Decoder(encoding, url, limits.max_bytes, sink)
    received = 0
    for chunk in chunks:
        received += len(chunk)
        decoder.feed(chunk)
        _check_pace(url, received, clock() - started, limits)
    if declared.isdigit() and received != int(declared):
        raise BodyIncomplete(f"GET {url}: body cut short, {received:,} of the {int(declared):,} "
                             "bytes announced; retrying", url=url)
    decoder.finish(received)
    return decoder.size


def decode(data: bytes, encoding: str, url: str, max_bytes: int) -> bytes:
    """``data`` decoded per its Content-Encoding, refused when the stream is cut short or
    decodes to more than ``max_bytes``."""
    parts: list[bytes] = []
    decoder = _Decoder(encoding, url, max_bytes, parts.append)
    decoder.feed(data)
    decoder.finish(len(data))
    return b"".join(parts)


class _Decoder:
    """Content-Encoding decoding, one chunk at a time, bounded by ``max_bytes``."""

    def __init__(self, encoding: str, url: str, max_bytes: int, sink: Sink) -> None:
        if encoding not in ("identity", "gzip", "x-gzip", "deflate"):
            raise RequestRejected(f"GET {url}: unsupported Content-Encoding {encoding!r}",
                                  url=url)
        self.encoding, self.url, self.max_bytes, self.sink = encoding, url, max_bytes, sink
        self.name = "gzip" if encoding in ("gzip", "x-gzip") else encoding
        self.stream: zlib._Decompress | None = None
        self.size = 0

    def feed(self, data: bytes) -> None:
        if self.encoding == "identity":
            self._emit(data)
            return
        if self.stream is None:
            self.stream = self._open(data)
        try:
            self._inflate(data)
        except zlib.error as exc:
            raise BodyIncomplete(f"GET {self.url}: {self.name} body is corrupt ({exc}); "
                                 "retrying", url=self.url) from None

    def _open(self, first: bytes) -> zlib._Decompress:
        if self.name == "gzip":
            return zlib.decompressobj(16 + zlib.MAX_WBITS)
        # deflate is zlib-wrapped, as the RFC says; some servers send it raw
        return zlib.decompressobj(zlib.MAX_WBITS if first[:1] == b"\x78" else -zlib.MAX_WBITS)

    def _inflate(self, data: bytes) -> None:
        assert self.stream is not None
        pending = data
        while True:
            if self.stream.eof:
                rest = self.stream.unused_data
                if not rest.strip(b"\x00") or self.name != "gzip":
                    return
                self.stream = zlib.decompressobj(16 + zlib.MAX_WBITS)  # another gzip member
                pending = rest
            piece = self.stream.decompress(pending, self.max_bytes + 1 - self.size)
            self._emit(piece)
            pending = self.stream.unconsumed_tail
            if not piece and not pending:
                return

    def _emit(self, piece: bytes) -> None:
        self.size += len(piece)
        if self.size > self.max_bytes:
            what = "received" if self.encoding == "identity" else "once decoded"
            raise _too_large(self.url, f"more than {self.max_bytes:,} bytes {what}",
                             self.max_bytes)
        if piece:
            self.sink(piece)

    def finish(self, received: int) -> None:
        if self.stream is not None and not self.stream.eof:
            raise BodyIncomplete(f"GET {self.url}: {self.name} stream cut short (no end "
                                 f"marker after {received:,} bytes); retrying", url=self.url)


def _check_pace(url: str, received: int, elapsed: float, limits: BodyLimits) -> None:
    if elapsed > limits.deadline:
        raise RequestFailed(f"GET {url}: still downloading after {elapsed:.0f} s (deadline "
                            f"{limits.deadline:.0f} s, {received:,} bytes so far)", url=url)
    if elapsed > limits.grace and received / elapsed < limits.min_rate:
        raise RequestFailed(f"GET {url}: {received:,} bytes in {elapsed:.0f} s is below "
                            f"{limits.min_rate:,.0f} bytes/s; the server is stalling", url=url)


def _too_large(url: str, seen: str, max_bytes: int) -> ResponseTooLarge:
    return ResponseTooLarge(
        f"GET {url}: {seen} exceeds the limit of {max_bytes:,} bytes; if the document is "
        "genuinely that large, raise edgar.max_bytes (ABSDW_MAX_BYTES)", url=url)
