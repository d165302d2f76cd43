"""Consumption tax on tax-included yen: table tests for shop/tax.py and the
receipt's per-rate totals (rounded down, once per rate per receipt)."""

import pytest

from shop import tax
from shop.receipts import ReceiptLine, rate_totals
from shop.tax import RateTotal


@pytest.mark.parametrize(
    "total,rate,expected",
    [
        (0, 10, 0),
        (1, 8, 0),
        (1, 10, 0),
        (100, 8, 7),  # 7.40…
        (108, 8, 8),  # exact
        (109, 10, 9),  # 9.90… rounds down, never up
        (110, 10, 10),
        (150, 10, 13),  # 13.63…
        (999, 8, 74),  # 7992 / 108 = 74 exactly
        (1080, 8, 80),
        (1100, 10, 100),
        (3240, 8, 240),
        (123456, 10, 11223),  # 11223.27…
        (123456, 8, 9144),  # 9144.88…
    ],
)
def test_tax_included_in(total, rate, expected):
    assert tax.tax_included_in(total, rate) == expected


@pytest.mark.parametrize(
    "amounts,expected",
    [
        ([], []),
        # mixed rates, highest rate first
        (
            [(8, 1080), (10, 1100), (8, 540)],
            [RateTotal(10, 1100, 100), RateTotal(8, 1620, 120)],
        ),
        # shipping is passed at the standard rate and joins the 10% goods
        (
            [(8, 3240), (10, 800)],
            [RateTotal(10, 800, 72), RateTotal(8, 3240, 240)],
        ),
        (
            [(10, 2200), (8, 1080), (10, 800)],
            [RateTotal(10, 3000, 272), RateTotal(8, 1080, 80)],
        ),
        # many small lines: per line would be 10 × 7 = 70; per rate it is 74
        ([(8, 100)] * 10, [RateTotal(8, 1000, 74)]),
        # 3 × 13 = 39 per line; 40 per rate
        ([(10, 150)] * 3, [RateTotal(10, 450, 40)]),
        # both at once
        (
            [(8, 100)] * 10 + [(10, 150)] * 3,
            [RateTotal(10, 450, 40), RateTotal(8, 1000, 74)],
        ),
    ],
)
def test_totals_by_rate(amounts, expected):
    assert tax.totals_by_rate(amounts) == expected


def test_per_rate_rounding_differs_from_per_line():
    """The reason for rounding once per rate: the sum of rounded lines is less."""
    lines = [(8, 100)] * 10
    per_line = sum(tax.tax_included_in(amount, rate) for rate, amount in lines)
    (per_rate,) = tax.totals_by_rate(lines)
    assert (per_line, per_rate.tax) == (70, 74)
    assert per_rate.net == 926


def test_rates():
    assert tax.RATES == {"standard": 10, "reduced": 8}


def line(price, quantity, rate, cancelled=0):
    return ReceiptLine("x", price, quantity, cancelled, rate)


@pytest.mark.parametrize(
    "lines,shipping,expected",
    [
        # shipping at 10% even when every item is reduced
        ([line(1080, 3, 8)], 800, [RateTotal(10, 800, 72), RateTotal(8, 3240, 240)]),
        # no shipping (free, pickup, or taken back with the last item)
        ([line(1080, 3, 8)], 0, [RateTotal(8, 3240, 240)]),
        # quantities kept after cancellations; fully cancelled lines add nothing
        (
            [line(1100, 1, 10, cancelled=1), line(500, 0, 8, cancelled=2)],
            0,
            [RateTotal(10, 1100, 100)],
        ),
        # twelve ¥100 reduced lines: 88 per rate (7 × 12 = 84 per line)
        ([line(100, 1, 8)] * 12, 0, [RateTotal(8, 1200, 88)]),
    ],
)
def test_receipt_rate_totals(lines, shipping, expected):
    assert rate_totals(lines, shipping) == expected


def test_combining_invoices_adds_their_rounded_per_rate_totals():
    from shop.tax import RateTotal, combine, totals_by_rate

    cafe = totals_by_rate([(8, 1001), (10, 800)])  # 74 (rounded down) + 72
    brewery = totals_by_rate([(10, 1001)])  # 91
    assert combine([cafe, brewery]) == [
        RateTotal(rate=10, total=1801, tax=72 + 91),
        RateTotal(rate=8, total=1001, tax=74),
    ]
    assert combine([]) == []
