"""Japanese consumption tax on tax-included prices.

Prices are shown and stored tax-included (総額表示). An invoice (適格請求書)
states, per tax rate, the total of the items at that rate and the tax in it,
rounded once per rate per invoice, never per line. Rounding is down
(切り捨て), the common practice.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

STANDARD, REDUCED = "standard", "reduced"
RATES = {STANDARD: 10, REDUCED: 8}
TAX_CLASS_CHOICES = [
    (STANDARD, _("Standard rate 10%")),
    (REDUCED, _("Reduced rate 8% (food, non-alcoholic drinks)")),
]


@dataclass(frozen=True)
class RateTotal:
    rate: int  # percent
    total: int  # tax-included yen at this rate
    tax: int  # the consumption tax contained in `total`

    @property
    def net(self) -> int:
        return self.total - self.tax


def tax_included_in(total: int, rate: int) -> int:
    """The tax contained in a tax-included amount, rounded down."""
    return total * rate // (100 + rate)


def totals_by_rate(amounts: Iterable[tuple[int, int]]) -> list[RateTotal]:
    """(rate, tax-included amount) pairs → one RateTotal per rate, highest rate first.

    Shipping is taxed at the standard rate; pass it as (10, fee).
    """
    sums: dict[int, int] = {}
    for rate, amount in amounts:
        sums[rate] = sums.get(rate, 0) + amount
    return [
        RateTotal(rate=rate, total=total, tax=tax_included_in(total, rate))
        for rate, total in sorted(sums.items(), reverse=True)
    ]


def combine(per_invoice: Iterable[list[RateTotal]]) -> list[RateTotal]:
    """Add up several invoices' per-rate totals (each already rounded once)."""
    sums: dict[int, tuple[int, int]] = {}
    for rate_totals in per_invoice:
        for rt in rate_totals:
            total, tax = sums.get(rt.rate, (0, 0))
            sums[rt.rate] = (total + rt.total, tax + rt.tax)
    return [
        RateTotal(rate=rate, total=total, tax=tax)
        for rate, (total, tax) in sorted(sums.items(), reverse=True)
    ]
