"""One rule per identifier: the same value is accepted or refused whichever stage checks it."""

import re

import pytest

from absdw.config import load_settings
from foundation.errors import ConfigError, InvalidIdentifier
from foundation.identifiers import (
    accession_digits,
    check_base_url,
    check_cik,
    check_file_number,
    check_user_agent,
    is_accession,
    normalize_accession,
)


def test_accession_round_trips_between_dashed_and_bare_digits() -> None:
    assert normalize_accession("000105640403002432") == "0001056404-03-002432"
    assert normalize_accession("0001056404-03-002432") == "0001056404-03-002432"
    assert accession_digits("0001056404-03-002432") == "000105640403002432"
    assert is_accession("0001056404-03-002432") and not is_accession("000105640403002432")


@pytest.mark.parametrize(
    "bad",
    ["", "0001056404-03-00243", "0001056404_03_002432", "00010564040300243x", "../../etc/passwd",
     "0001056404-03-002432/..", "/0001056404-03-002432", " 0001056404-03-002432"],
)
def test_any_other_accession_is_refused_with_the_expected_shape(bad: str) -> None:
    with pytest.raises(InvalidIdentifier, match=r"##########-##-######"):
        normalize_accession(bad)


@pytest.mark.parametrize("cik", [0, -5, 10**10, True, 1.5, "1268747", None])
def test_ciks_must_be_positive_integers_of_at_most_ten_digits(cik: object) -> None:
    with pytest.raises(InvalidIdentifier, match="invalid CIK"):
        check_cik(cik)


@pytest.mark.parametrize("number", ["333-106175", "333-106175-06", " 33-7063 "])
def test_file_numbers_are_shelf_serial_and_optional_series(number: str) -> None:
    assert check_file_number(number) == number.strip()


@pytest.mark.parametrize("number", ["", "333106175", "333-106175-06-1", "a-1", 333])
def test_anything_else_is_not_a_file_number(number: object) -> None:
    with pytest.raises(InvalidIdentifier, match="invalid SEC file number"):
        check_file_number(number)


@pytest.mark.parametrize("ua", ["", "absdw", "absdw/0.1 (+https://example.com)", "me@localhost",
                                "Bob bob@corp.c1", "Bob bob@example.c"])
def test_a_user_agent_without_a_contact_email_is_refused_with_the_remedy(ua: str) -> None:
    with pytest.raises(InvalidIdentifier,
                       match=re.escape('ABSDW_USER_AGENT="Your Name your.email@example.com"')):
        check_user_agent(ua)


@pytest.mark.parametrize("ua", ["Jane Analyst jane@example.com", "Acme <ops@acme.co.uk>",
                                "absdw bob+sec@mail.example.org"])
def test_a_name_and_a_contact_email_pass(ua: str) -> None:
    assert check_user_agent(f" {ua} ") == ua


@pytest.mark.parametrize("ua", ["Bob bob@corp.c1", "Jane Analyst jane@example.com"])
def test_configuration_and_crawler_agree_on_the_user_agent(ua: str) -> None:
    """The rule that once disagreed: config accepted ``bob@corp.c1``, the crawler refused it."""
    from crawler import EdgarClient, Endpoints, RateLimiter

    settings = load_settings({"user_agent": ua}, env={})
    try:
        EdgarClient(ua, Endpoints(), limiter=RateLimiter()).close()
        crawler_accepts = True
    except ConfigError:
        crawler_accepts = False
    try:
        settings.require_user_agent()
        config_accepts = True
    except ConfigError:
        config_accepts = False
    assert config_accepts == crawler_accepts


@pytest.mark.parametrize("url", ["ftp://x", "www.sec.gov", "https://", "https://a b"])
def test_base_urls_must_be_http_with_a_host(url: str) -> None:
    with pytest.raises(InvalidIdentifier, match="base URL"):
        check_base_url(url)


def test_a_base_url_loses_its_trailing_slash() -> None:
    assert check_base_url("http://127.0.0.1:8080/") == "http://127.0.0.1:8080"
