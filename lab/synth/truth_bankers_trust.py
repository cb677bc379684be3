"""What a Bankers Trust statement prints of a simulated month: its options and its truth.

The simulator produces one pool; Bankers Trust home-equity statements print a fixed-rate and
an adjustable-rate group. Rather than change the shared simulator, :func:`split_groups` splits
the simulated pool *exactly*: GROUP II takes a fixed share of every loan count (rounded down)
and amount (to the cent), GROUP I the rest, so each group's roll-forward and loan count hold
to the cent and the groups add up to the deal the classes were paid from. Both groups carry the
pool's coupon and remaining term (the split is of amounts, not of loans with their own rates).
Delinquency cells split by whole loans (GROUP II takes the share of a cell's loans, rounded
down, and their pro-rata balance), then the day buckets collapse to what missed-payment
counting prints: 30-59 (1 payment), 60-89 (2), 90+ (3 or more); foreclosure, REO and bankruptcy
also print their current loans.

:func:`printed_truth` is the contract the ``bankers_trust`` parser is tested against: dates and
series; per class the CUSIP, rate, original / beginning / ending balance, principal, interest,
total, realized loss and deferred interest (``accretion``); per printed group the balances,
loan counts, scheduled and unscheduled principal, realized loss, coupon, remaining term and
its description; the delinquency cells; PREPAYMENTS and LIQUIDATION PROCEEDS as items.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from lab.synth.money import ZERO, cents
from parsers.model import Delinquency, Pool, Report, ReportItem, Tranche

__all__ = ["COLLATERAL_SECTION", "GROUP_II_SHARE", "GroupFacts", "RenderOptions", "class_label",
           "printed_groups", "printed_tranches", "printed_truth", "split_groups"]

COLLATERAL_SECTION = "collateral information"
GROUP_II_SHARE = Decimal("0.4")
REMIC_TIERS = ("REMIC I", "REMIC II")
_LIQUIDATIONS = ("certificate account", "Liquidations, Insurance Proceeds, Reserve Funds")
_OPEN_BUCKETS = ("90-119", "120-149", "150-179", "180+")
_AMOUNTS = ("ending_balance", "scheduled_principal", "unscheduled_principal", "realized_loss")


@dataclass(frozen=True)
class RenderOptions:
    """Noise toggles of the Bankers Trust renderer; the defaults are a clean two-group statement.

    ``header_lines`` wraps column headers over 1, 2 or 3 lines; ``markup`` wraps every table in
    ``<TABLE>/<CAPTION>/<S> <C>``; ``page_break`` (None, ``"formfeed"`` or ``"numbered"``
    footers ``Page 2 of 4``) starts new pages after ``break_after`` rows of the class table and
    of the factor table and before the collateral section, each repeating the page header and the
    open table's title and column headers; ``remic_tiers`` adds zero "REMIC I" / "REMIC II" rows
    to both class tables; ``rate_space`` prints ``6.750000 %`` (else ``6.750000%``); ``groups``
    prints GROUP I alone or GROUP I (FIXED) and GROUP II (ADJUSTABLE); ``print_total`` adds the
    deal's "TOTAL ALL GROUPS" blocks; ``deutsche`` names Deutsche Bank as trustee.
    """

    header_lines: int = 3
    markup: bool = False
    page_break: str | None = None
    break_after: int = 3
    remic_tiers: bool = False
    rate_space: bool = True
    groups: int = 2
    print_total: bool = False
    deutsche: bool = False

    def __post_init__(self) -> None:
        if self.header_lines not in (1, 2, 3) or self.groups not in (1, 2):
            raise ValueError("header_lines must be 1-3 and groups 1 or 2")
        if self.page_break not in (None, "formfeed", "numbered") or self.break_after < 1:
            raise ValueError("page_break must be None, 'formfeed' or 'numbered'; break_after >= 1")


@dataclass(frozen=True)
class GroupFacts:
    """One printed collateral group: its pool, delinquency cells and liquidation proceeds."""

    name: str
    description: str | None
    pool: Pool
    cells: dict[tuple[str, str], tuple[int, Decimal]]
    liquidation: Decimal


def class_label(name: str) -> str:
    """Bankers Trust prints class names hyphenated: ``A1`` -> ``A-1`` (``RX`` stays)."""
    return re.sub(r"^([A-Z]+)(\d+)$", r"\1-\2", name)


def split_groups(total: Pool, cells: dict[tuple[str, str], tuple[int, Decimal]],
                 liquidation: Decimal, count: int) -> list[GroupFacts]:
    """The deal pool as ``count`` printed groups that add up to it exactly."""
    whole = GroupFacts("GROUP I", "FIXED", total, cells, liquidation)
    if count == 1:
        return [whole]
    second = _share(whole, GROUP_II_SHARE)
    return [_rest(whole, second), second]


def _share(whole: GroupFacts, share: Decimal) -> GroupFacts:
    p = whole.pool
    amounts = {name: cents(getattr(p, name) * share) for name in _AMOUNTS}
    ending_count, payoffs = int(p.ending_loan_count * share), int(p.payoff_count * share)  # type: ignore[operator]
    pool = Pool("GROUP II", beginning_balance=sum(amounts.values(), ZERO),
                ending_balance=amounts["ending_balance"],
                beginning_loan_count=ending_count + payoffs, ending_loan_count=ending_count,
                scheduled_principal=amounts["scheduled_principal"],
                unscheduled_principal=amounts["unscheduled_principal"], payoff_count=payoffs,
                realized_loss=amounts["realized_loss"], wac=p.wac, wam=p.wam)
    cells = {key: _cell_share(n, balance, share) for key, (n, balance) in whole.cells.items()}
    liquidation = min(cents(whole.liquidation * share), amounts["unscheduled_principal"])
    return GroupFacts("GROUP II", "ADJUSTABLE", pool, cells, liquidation)


def _cell_share(loans: int, balance: Decimal, share: Decimal) -> tuple[int, Decimal]:
    taken = int(loans * share)
    return taken, cents(balance * taken / loans) if loans else ZERO


def _rest(whole: GroupFacts, part: GroupFacts) -> GroupFacts:
    p, q = whole.pool, part.pool
    names = (*_AMOUNTS, "beginning_balance", "beginning_loan_count", "ending_loan_count",
             "payoff_count")
    pool = Pool("GROUP I", wac=p.wac, wam=p.wam)
    for name in names:
        setattr(pool, name, getattr(p, name) - getattr(q, name))
    cells = {k: (n - part.cells[k][0], b - part.cells[k][1]) for k, (n, b) in whole.cells.items()}
    return GroupFacts("GROUP I", "FIXED", pool, cells, whole.liquidation - part.liquidation)


def printed_groups(report: Report, options: RenderOptions) -> list[GroupFacts]:
    """The collateral groups the statement prints, in printed order."""
    total = next(p for p in report.pools if p.pool == "total")
    cells: dict[tuple[str, str], tuple[int, Decimal]] = {
        (d.status, d.bucket): (d.loan_count or 0, d.balance or ZERO)
        for d in report.delinquencies if d.pool == "total"}
    liquidation = next((i.amount for i in report.items
                        if (i.section, i.label) == _LIQUIDATIONS and i.amount is not None), ZERO)
    groups = split_groups(total, cells, liquidation, options.groups)
    if options.print_total:
        groups.append(GroupFacts("total", None, total, cells, liquidation))
    return [GroupFacts(g.name, g.description, g.pool, _collapse(g.cells), g.liquidation)
            for g in groups]


def _collapse(cells: dict[tuple[str, str], tuple[int, Decimal]]
              ) -> dict[tuple[str, str], tuple[int, Decimal]]:
    """Day buckets -> missed-payment buckets: 90-119 ... 180+ add up to 90+."""
    out: dict[tuple[str, str], tuple[int, Decimal]] = {}
    for (status, bucket), (n, balance) in cells.items():
        key = (status, "90+" if bucket in _OPEN_BUCKETS else bucket)
        had = out.get(key, (0, ZERO))
        out[key] = (had[0] + n, had[1] + balance)
    return out


def printed_tranches(report: Report, options: RenderOptions) -> list[Tranche]:
    """Class rows as printed: hyphenated names, this layout's columns, REMIC tiers last."""
    rows = [Tranche(class_label(t.class_name), cusip=t.cusip,
                    pass_through_rate=t.pass_through_rate, original_balance=t.original_balance,
                    beginning_balance=t.beginning_balance,
                    interest_distribution=t.interest_distribution,
                    principal_distribution=t.principal_distribution,
                    realized_loss=t.realized_loss, ending_balance=t.ending_balance,
                    total_distribution=t.total_distribution, accretion=t.accretion)
            for t in report.tranches]
    tiers = [Tranche(name, original_balance=ZERO, beginning_balance=ZERO,
                     interest_distribution=ZERO, principal_distribution=ZERO,
                     realized_loss=ZERO, ending_balance=ZERO, total_distribution=ZERO,
                     accretion=ZERO) for name in REMIC_TIERS] if options.remic_tiers else []
    return rows + tiers


def printed_truth(report: Report, options: RenderOptions | None = None) -> Report:
    """The month as the statement rendered with ``options`` prints it (a new Report)."""
    opts = options or RenderOptions()
    groups = printed_groups(report, opts)
    pools = [Pool(g.name, beginning_balance=g.pool.beginning_balance,
                  ending_balance=g.pool.ending_balance,
                  beginning_loan_count=g.pool.beginning_loan_count,
                  ending_loan_count=g.pool.ending_loan_count,
                  scheduled_principal=g.pool.scheduled_principal,
                  unscheduled_principal=g.pool.unscheduled_principal,
                  realized_loss=g.pool.realized_loss, wac=g.pool.wac, wam=g.pool.wam,
                  collateral_description=g.description) for g in groups]
    cells = [Delinquency(g.name, status, bucket, n, balance)  # type: ignore[arg-type]
             for g in groups for (status, bucket), (n, balance) in g.cells.items()]
    items = [item for g in groups for item in (
        ReportItem(COLLATERAL_SECTION, "PREPAYMENTS",
                   (g.pool.unscheduled_principal or ZERO) - g.liquidation, subject=g.name),
        ReportItem(COLLATERAL_SECTION, "LIQUIDATION PROCEEDS", g.liquidation, subject=g.name))]
    return Report(distribution_date=report.distribution_date, record_date=report.record_date,
                  series=report.series, tranches=printed_tranches(report, opts), pools=pools,
                  delinquencies=cells, items=items)
