"""EdgarClient against httpx.MockTransport: retries, Retry-After, 404, SEC's 403 pages, limits."""

import gzip
import re
from collections.abc import Callable, Iterator

import httpx
import pytest
import tenacity

from crawler.edgar import Endpoints
from crawler.errors import (
    ForeignHostError,
    NotFound,
    RequestFailed,
    RequestRejected,
    ResponseTooLarge,
    Throttled,
    UserAgentRefused,
)
from crawler.fetch import EdgarClient
from crawler.limiter import RateLimiter
from foundation.errors import InvalidIdentifier
from lab.fakes import FakeClock

UA = "Jane Analyst jane.analyst@example.com"
DOC = "https://www.sec.gov/Archives/edgar/data/1268747/000105640403002432/0001056404-03-002432.txt"
UA_PAGE = (b"<html><head><title>SEC.gov | Request Rate Threshold Exceeded</title></head><body>"
           b"<h1>Your Request Originates from an Undeclared Automated Tool</h1></body></html>")
THROTTLE_PAGE = (b"<html><head><title>SEC.gov | Request Rate Threshold Exceeded</title></head>"
                 b"<body><h1>Request Rate Threshold Exceeded</h1></body></html>")

Handler = Callable[[httpx.Request], httpx.Response]


class Recorder:
    """Serves a scripted sequence of responses and records every request it saw."""

    def __init__(self, *responses: httpx.Response | Exception) -> None:
        self.script = list(responses)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        step = self.script.pop(0) if len(self.script) > 1 else self.script[0]
        if isinstance(step, Exception):
            raise step
        return step


def make_client(handler: Handler, **kwargs: object) -> tuple[EdgarClient, list[float]]:
    """A client whose limiter runs on a fake clock and whose retry sleeps are recorded."""
    clock, sleeps = FakeClock(), list[float]()
    options: dict[str, object] = {
        "limiter": RateLimiter(4, clock=clock, sleep=clock.sleep),
        "transport": httpx.MockTransport(handler),
        "retry_wait": tenacity.wait_fixed(0.5),
        "sleep": sleeps.append,
    }
    options.update(kwargs)
    return EdgarClient(UA, Endpoints(), **options), sleeps  # type: ignore[arg-type]


@pytest.mark.parametrize("ua", ["", "absdw", "me@localhost", "Bob bob@corp.c1"])
def test_the_client_refuses_a_user_agent_without_contact_email_before_any_request(ua: str) -> None:
    remedy = re.escape('ABSDW_USER_AGENT="Your Name your.email@example.com"')
    with pytest.raises(InvalidIdentifier, match=remedy):
        EdgarClient(ua, Endpoints(), limiter=RateLimiter())


def test_get_returns_the_body_sends_sec_headers_and_counts() -> None:
    handler = Recorder(httpx.Response(200, content=b"<SEC-DOCUMENT>"))
    client, sleeps = make_client(handler)
    assert client.get(DOC) == b"<SEC-DOCUMENT>"
    (request,) = handler.requests
    assert request.headers["User-Agent"] == UA
    assert request.headers["Accept-Encoding"] == "gzip, deflate"
    assert request.headers["Host"] == "www.sec.gov"
    assert (client.stats.requests, client.stats.bytes, client.stats.retries) == (1, 14, 0)
    assert sleeps == []


def test_503_is_retried_until_success_and_every_attempt_waits_for_the_limiter() -> None:
    handler = Recorder(httpx.Response(503), httpx.Response(503), httpx.Response(200, content=b"ok"))
    clock = FakeClock()
    client, sleeps = make_client(handler, limiter=RateLimiter(4, clock=clock, sleep=clock.sleep))
    assert client.get(DOC) == b"ok"
    assert len(handler.requests) == 3
    assert sleeps == [0.5, 0.5]
    assert clock.now == pytest.approx(0.5, abs=1e-5)  # 3 tokens at 4/s: slots 0, 0.25, 0.5
    assert (client.stats.requests, client.stats.retries) == (3, 2)


def test_persistent_5xx_gives_up_after_five_attempts_as_transient() -> None:
    handler = Recorder(httpx.Response(502))
    client, sleeps = make_client(handler)
    with pytest.raises(RequestFailed, match="after 5 attempts") as info:
        client.get(DOC)
    assert info.value.url == DOC
    assert len(handler.requests) == 5
    assert len(sleeps) == 4


def test_network_errors_are_retried() -> None:
    handler = Recorder(httpx.ConnectError("refused"), httpx.ReadTimeout("slow"),
                       httpx.Response(200, content=b"ok"))
    client, _ = make_client(handler)
    assert client.get(DOC) == b"ok"
    assert len(handler.requests) == 3


def test_retry_after_is_honoured_when_longer_than_the_backoff() -> None:
    handler = Recorder(httpx.Response(429, headers={"Retry-After": "7"}),
                       httpx.Response(200, content=b"ok"))
    client, sleeps = make_client(handler)
    assert client.get(DOC) == b"ok"
    assert sleeps == [7.0]


def test_backoff_wins_over_a_shorter_retry_after_and_garbage_is_ignored() -> None:
    handler = Recorder(httpx.Response(503, headers={"Retry-After": "0.1"}),
                       httpx.Response(503, headers={"Retry-After": "Wed, 21 Oct 2015 07:28:00"}),
                       httpx.Response(200, content=b"ok"))
    client, sleeps = make_client(handler, retry_wait=tenacity.wait_fixed(3))
    assert client.get(DOC) == b"ok"
    assert sleeps == [3.0, 3.0]


def test_default_backoff_grows_exponentially_with_jitter() -> None:
    handler = Recorder(httpx.Response(500))
    client, sleeps = make_client(handler, retry_wait=tenacity.wait_exponential_jitter(1, 60, 2, 1))
    with pytest.raises(RequestFailed):
        client.get(DOC)
    assert [int(s) for s in sleeps] == [1, 2, 4, 8]  # base doubles; jitter adds < 1 s


def test_404_is_not_found_at_once_without_retry() -> None:
    handler = Recorder(httpx.Response(404, content=b"Not Found"))
    client, sleeps = make_client(handler)
    with pytest.raises(NotFound, match=r"0001056404-03-002432\.txt"):
        client.get(DOC)
    assert len(handler.requests) == 1
    assert sleeps == []


def test_sec_undeclared_tool_page_stops_with_a_user_agent_error() -> None:
    handler = Recorder(httpx.Response(403, content=UA_PAGE))
    client, sleeps = make_client(handler)
    with pytest.raises(UserAgentRefused, match="ABSDW_USER_AGENT"):
        client.get(DOC)
    assert (len(handler.requests), sleeps) == (1, [])


def test_sec_throttle_page_pauses_the_limiter_for_ten_minutes_then_resumes() -> None:
    handler = Recorder(httpx.Response(403, content=THROTTLE_PAGE), httpx.Response(200, content=b"ok"))
    clock = FakeClock()
    limiter = RateLimiter(4, clock=clock, sleep=clock.sleep)
    client, sleeps = make_client(handler, limiter=limiter)
    assert client.get(DOC) == b"ok"
    assert len(handler.requests) == 2
    assert sleeps == []  # no backoff sleep: the limiter held the retry back
    assert clock.now == pytest.approx(600.0, abs=1e-3)  # the retry left when the pause ended
    assert (limiter.blocked_seconds, client.stats.throttled) == (600.0, 1)


@pytest.mark.parametrize("response", [
    httpx.Response(429, content=THROTTLE_PAGE),
    httpx.Response(429, content=b"Too Many Requests"),  # 429 without Retry-After: SEC's block
    httpx.Response(403, content=b"<p>You have exceeded the rate limit.</p>"),
])
def test_a_persisting_throttle_stops_after_three_pauses_of_the_configured_length(
        response: httpx.Response) -> None:
    handler = Recorder(response)
    clock = FakeClock()
    limiter = RateLimiter(4, clock=clock, sleep=clock.sleep)
    client, _ = make_client(handler, limiter=limiter, throttle_pause=30.0)
    with pytest.raises(Throttled, match="stops for 30 s") as info:
        client.get(DOC)
    assert info.value.retry_after == 30.0
    assert len(handler.requests) == 3
    assert limiter.paused_until() == pytest.approx(90.0, abs=1e-3)  # paused again after the 3rd
    assert client.stats.throttled == 3


def test_a_403_access_denied_from_the_archive_store_is_not_found_not_a_block() -> None:
    body = (b'<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code>'
            b"<Message>Access Denied</Message><RequestId>1</RequestId></Error>")
    handler = Recorder(httpx.Response(403, content=body))
    client, sleeps = make_client(handler)
    with pytest.raises(NotFound, match="weekend, holiday"):
        client.get("https://www.sec.gov/Archives/edgar/daily-index/2024/QTR1/form.20240106.idx")
    assert (len(handler.requests), sleeps, client.stats.throttled) == (1, [], 0)


@pytest.mark.parametrize("status", [400, 401, 403, 405])
def test_other_4xx_are_terminal(status: int) -> None:
    handler = Recorder(httpx.Response(status, content=b"no"))
    client, _ = make_client(handler)
    with pytest.raises(RequestRejected) as info:
        client.get(DOC)
    assert info.value.status == status
    assert len(handler.requests) == 1


def test_redirect_within_the_endpoints_is_followed_through_the_limiter() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.host == "www.sec.gov":
            return httpx.Response(301, headers={"Location": "https://data.sec.gov/moved.json"})
        return httpx.Response(200, content=b"{}")

    client, _ = make_client(handler)
    assert client.get(DOC) == b"{}"
    assert client.stats.requests == 2


def test_redirect_to_a_foreign_host_is_refused_before_it_is_requested() -> None:
    hosts: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        hosts.append(request.url.host)
        return httpx.Response(302, headers={"Location": "https://evil.example/steal"})

    client, _ = make_client(handler)
    with pytest.raises(ForeignHostError, match=r"evil\.example"):
        client.get(DOC)
    assert hosts == ["www.sec.gov"]


def test_a_foreign_url_is_never_requested() -> None:
    handler = Recorder(httpx.Response(200))
    client, _ = make_client(handler)
    with pytest.raises(ForeignHostError):
        client.get("http://www.sec.gov/Archives/x.txt")  # http, not the configured https
    assert handler.requests == []


def test_endless_redirects_are_terminal() -> None:
    handler = Recorder(httpx.Response(301, headers={"Location": DOC}))
    client, _ = make_client(handler)
    with pytest.raises(RequestRejected, match="too many redirects"):
        client.get(DOC)


def test_declared_oversize_body_is_refused() -> None:
    handler = Recorder(httpx.Response(200, content=b"x" * 101))
    client, _ = make_client(handler, max_bytes=100)
    with pytest.raises(ResponseTooLarge, match="Content-Length 101 exceeds the limit of 100"):
        client.get(DOC)


def test_undeclared_oversize_stream_is_cut_off() -> None:
    served: list[int] = []

    def chunks() -> Iterator[bytes]:
        for _ in range(10):
            served.append(1)
            yield b"x" * 40

    handler = Recorder(httpx.Response(200, content=chunks()))
    client, _ = make_client(handler, max_bytes=100)
    with pytest.raises(ResponseTooLarge, match="limit of 100"):
        client.get(DOC)
    assert len(served) == 3  # stopped reading at 120 bytes, not after all 400
    assert client.stats.bytes == 0


def test_gzip_bodies_are_decoded_and_the_limit_applies_to_decoded_bytes() -> None:
    text = b"<SEC-DOCUMENT>" + b"0" * 5000
    packed = gzip.compress(text)
    handler = Recorder(httpx.Response(200, content=packed, headers={"Content-Encoding": "gzip"}))
    client, _ = make_client(handler)
    assert client.get(DOC) == text
    assert client.stats.bytes == len(text)
    small, _ = make_client(handler, max_bytes=len(packed) + 10)
    with pytest.raises(ResponseTooLarge):
        small.get(DOC)
