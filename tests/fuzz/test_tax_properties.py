"""Properties of shop/tax.py: the consumption tax inside tax-included yen."""

from hypothesis import given, settings
from hypothesis import strategies as st

from shop import tax

RATES = st.sampled_from(sorted(tax.RATES.values()))  # 8 and 10
YEN = st.integers(min_value=0, max_value=10**9)
AMOUNTS = st.lists(st.tuples(RATES, st.integers(min_value=0, max_value=10**7)), max_size=30)

FAST = settings(max_examples=100, deadline=None, derandomize=True, database=None)


def test_the_rates_are_ten_and_eight_percent():
    assert tax.RATES == {tax.STANDARD: 10, tax.REDUCED: 8}


@FAST
@given(YEN, RATES)
def test_tax_is_the_rounded_down_share_of_the_total(total, rate):
    t = tax.tax_included_in(total, rate)
    assert 0 <= t <= total
    # Rounded down: t is the largest whole yen with t * (100 + rate) <= total * rate.
    assert t * (100 + rate) <= total * rate < (t + 1) * (100 + rate)
    # So net (price before tax) carries the tax back to at least the total.
    net = total - t
    assert net * rate // 100 <= t + 1
    assert net + t == total


@FAST
@given(YEN, YEN, RATES)
def test_tax_is_monotonic_and_superadditive_within_a_rate(a, b, rate):
    """Adding yen never lowers the tax; rounding once over a sum gives at
    least the sum of per-line rounded taxes, and at most one yen per extra line more."""
    ta, tb, tab = (tax.tax_included_in(x, rate) for x in (a, b, a + b))
    assert tax.tax_included_in(max(a, b), rate) >= tax.tax_included_in(min(a, b), rate)
    assert ta + tb <= tab <= ta + tb + 1


@FAST
@given(AMOUNTS)
def test_totals_by_rate_once_per_rate(amounts):
    totals = tax.totals_by_rate(amounts)
    rates = [rt.rate for rt in totals]
    assert rates == sorted(set(rates), reverse=True)  # one per rate, highest first
    assert set(rates) == {rate for rate, _amount in amounts}
    for rt in totals:
        assert rt.total == sum(amount for rate, amount in amounts if rate == rt.rate)
        assert rt.tax == tax.tax_included_in(rt.total, rt.rate)  # rounded once per rate
        assert rt.net + rt.tax == rt.total
        assert 0 <= rt.tax <= rt.total
    assert sum(rt.total for rt in totals) == sum(amount for _rate, amount in amounts)
    # Never more tax than rounding line by line could give plus one yen per line.
    per_line = sum(tax.tax_included_in(amount, rate) for rate, amount in amounts)
    assert per_line <= sum(rt.tax for rt in totals) <= per_line + len(amounts)


@FAST
@given(AMOUNTS)
def test_totals_do_not_depend_on_line_order(amounts):
    assert tax.totals_by_rate(amounts) == tax.totals_by_rate(list(reversed(amounts)))


@FAST
@given(st.lists(AMOUNTS, max_size=5))
def test_combine_adds_invoices_without_rounding_again(invoices):
    per_invoice = [tax.totals_by_rate(amounts) for amounts in invoices]
    combined = tax.combine(per_invoice)
    for rt in combined:
        same_rate = [r for invoice in per_invoice for r in invoice if r.rate == rt.rate]
        assert rt.total == sum(r.total for r in same_rate)
        assert rt.tax == sum(r.tax for r in same_rate)  # each invoice's own rounding kept
        assert rt.net + rt.tax == rt.total
    assert [rt.rate for rt in combined] == sorted({rt.rate for rt in combined}, reverse=True)
    # Combining one invoice is the identity.
    for invoice in per_invoice:
        assert tax.combine([invoice]) == invoice
