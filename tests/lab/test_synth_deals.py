"""Synthetic trusts as EDGAR filings: identities, documents, the 8-K/A restatement."""

from __future__ import annotations

import re
from datetime import timedelta
from functools import cache

from lab.synth.deals import SyntheticTrust, synthetic_trusts
from lab.synth.simulate import simulate

ACCESSION = re.compile(r"^0009999999-\d\d-\d{6}$")


@cache
def trusts() -> tuple[SyntheticTrust, ...]:
    return tuple(synthetic_trusts())


def test_two_trusts_of_twenty_four_months_plus_one_amendment_each() -> None:
    one, two = trusts()
    assert (one.cik, two.cik) == (1900001, 1900002)
    assert one.company == "ABSDW SYNTHETIC HOME EQUITY TRUST 2004-1"
    assert (one.file_number, two.file_number) == ("333-990001-01", "333-990002-01")
    for trust in (one, two):
        forms = [f.form for f in trust.filings]
        assert forms.count("8-K") == 24 and forms.count("8-K/A") == 1
        assert len({f.period for f in trust.filings}) == 24
        filed = [f.filed_date for f in trust.filings]
        assert filed == sorted(filed)
        for f in trust.filings:
            assert f.period == f.truth.distribution_date
            assert f.period + timedelta(days=2) < f.filed_date
            assert f.form == "8-K/A" or f.filed_date <= f.period + timedelta(days=10)
    accessions = [f.accession for t in trusts() for f in t.filings]
    assert len(set(accessions)) == len(accessions) == 50
    assert all(ACCESSION.match(a) for a in accessions)


def test_seed_style_and_two_document_style_alternate() -> None:
    one, two = trusts()
    (doc,) = one.filings[0].documents
    kind, name, _, text = doc
    assert (kind, name) == ("8-K", "asa041he_feb04.txt")
    assert text.startswith("UNITED STATES") and "\n                   EX-99.1\n\n<TABLE>" in text
    cover, exhibit = two.filings[0].documents
    assert (cover[0], exhibit[0]) == ("8-K", "EX-99.1")
    assert "<TABLE>" not in cover[3] and "333-990002-01" in cover[3]
    assert exhibit[3].startswith("<TABLE>\n<CAPTION>\nABSDW Synthetic Securitization LLC.")
    assert exhibit[3].count("<TABLE>") == 19


def test_amendment_restates_one_number_and_carries_the_simulated_truth() -> None:
    for trust in trusts():
        amendment = next(f for f in trust.filings if f.form == "8-K/A")
        original = next(f for f in trust.filings if f.accession == amendment.amends)
        assert original.form == "8-K" and original.period == amendment.period
        assert original.filed_date < amendment.filed_date
        assert original.accession < amendment.accession
        truth = {r.distribution_date: r for r in simulate(trust.spec)}[amendment.period]
        assert amendment.truth == truth != original.truth
        changed = [(a, b) for a, b in zip(original.truth.delinquencies, truth.delinquencies,
                                          strict=True) if a != b]
        assert len(changed) == 1
        (wrong, right), = changed
        assert wrong.balance is not None and right.balance is not None
        assert wrong.balance - right.balance == 9000
        assert "Form 8-K/A" in amendment.documents[0][3]
        printed = f"{wrong.balance:,.2f}"
        assert printed in "".join(d[3] for d in original.documents)
        assert printed not in "".join(d[3] for d in amendment.documents)


def test_generation_is_deterministic() -> None:
    again = synthetic_trusts()
    assert [f.documents for t in again for f in t.filings] == [
        f.documents for t in trusts() for f in t.filings]
    other = synthetic_trusts(1, months=3, seed=8)
    assert other[0].filings[0].documents != trusts()[0].filings[0].documents


def test_short_runs_have_no_amendment_and_three_months_have_one() -> None:
    assert [f.form for f in synthetic_trusts(1, months=1)[0].filings] == ["8-K"]
    assert [f.form for f in synthetic_trusts(1, months=2)[0].filings] == ["8-K", "8-K"]
    assert sorted(f.form for f in synthetic_trusts(1, months=3)[0].filings) == [
        "8-K", "8-K", "8-K", "8-K/A"]
