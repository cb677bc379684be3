"""The load phase: each stored filing is read once, parsed once, and committed by the record
contract; what cannot be trusted is quarantined with a reason, never loaded as facts."""

from __future__ import annotations

from pathlib import Path

from absdw.config import load_settings
from absdw.pipeline import load_stored
from crawler import FileNumberCache, RawStore
from warehouse import query

REAL = Path(__file__).resolve().parents[1] / "fixtures" / "real"
AAMES = REAL / "aames-1998-c-0001011438-98-000429.txt"
AAMES_CIK, AAMES_ACCESSION = 913951, "0001011438-98-000429"


def _home(tmp_path: Path):
    return load_settings({"home": tmp_path / "home"}, env={}, cwd=tmp_path)


def test_a_real_filing_loads_with_its_series_and_teaches_the_file_number_cache(
        tmp_path: Path) -> None:
    settings = _home(tmp_path)
    RawStore(settings.raw_dir).put(AAMES_CIK, AAMES_ACCESSION, AAMES.read_bytes())
    summary = load_stored(settings)
    assert (summary.loaded, summary.quarantined) == (1, [])
    assert query(settings.warehouse_dir, "SELECT series, distribution_date::VARCHAR, "
                 "parse_status FROM filings")[1] == [("1998-C", "1998-12-15", "ok")]
    hit = FileNumberCache(settings.file_number_cache).get("033-70636")
    assert hit is not None and hit.ciks == (AAMES_CIK,)


def test_a_submission_naming_another_accession_is_quarantined_not_loaded(
        tmp_path: Path) -> None:
    """Fetched as one accession, its header names another: it is not the filing EDGAR listed,
    and committing it under either accession would skip the real one later."""
    settings = _home(tmp_path)
    fetched_as = "0001011438-98-000999"
    RawStore(settings.raw_dir).put(AAMES_CIK, fetched_as, AAMES.read_bytes())
    summary = load_stored(settings)
    [(accession, reason)] = summary.quarantined
    assert accession == fetched_as and AAMES_ACCESSION in reason and "absdw sync" in reason
    _, rows = query(settings.warehouse_dir, "SELECT accession, parse_status, "
                    "(SELECT count(*) FROM tranches_history) FROM filings")
    assert rows == [(fetched_as, "quarantined", 0)]
    assert not settings.file_number_cache.exists()  # an untrusted header teaches nothing
