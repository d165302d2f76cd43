"""Receipt data for one shop order: a qualified invoice (適格請求書).

It states the seller and their registration number (T + 13 digits), the date,
the buyer, the items with quantities and tax-included amounts (reduced-rate
items marked ※), the total per tax rate and the consumption tax in it, rounded
once per rate per receipt (shop/tax.py), and the grand total. Shipping is taxed
at the standard rate.

Cancelled or refunded quantities are netted out: the receipt shows what the
customer finally bought and paid, per rate (a receipt after a refund replaces
the earlier one, which the tax agency allows for netted amounts per rate).
"""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import tax
from .notifications import line_title
from .services.fulfilment import money_received

REDUCED_RATE = tax.RATES[tax.REDUCED]
STANDARD_RATE = tax.RATES[tax.STANDARD]


@dataclass(frozen=True)
class ReceiptLine:
    title: str
    unit_price: int
    quantity: int  # bought and kept
    cancelled_quantity: int
    tax_rate: int

    @property
    def amount(self) -> int:
        return self.unit_price * self.quantity

    @property
    def reduced(self) -> bool:
        return self.tax_rate == REDUCED_RATE


@dataclass(frozen=True)
class Receipt:
    number: str
    issued: date
    order_date: date
    paid_at: object  # datetime or None
    seller_name: str
    seller_address: str
    seller_phone: str
    registration_number: str
    buyer_name: str
    payment_method: str
    fulfilment: str
    status: str
    status_code: str
    lines: list[ReceiptLine]
    shipping_fee: int
    rates: list[tax.RateTotal]
    total: int
    refunded_amount: int

    @property
    def qualified(self) -> bool:
        """A qualified invoice needs the seller's registration number."""
        return bool(self.registration_number)

    @property
    def has_reduced(self) -> bool:
        return any(line.reduced and line.quantity for line in self.lines)

    @property
    def has_cancellations(self) -> bool:
        return any(line.cancelled_quantity for line in self.lines)

    @property
    def tax_total(self) -> int:
        return sum(rate.tax for rate in self.rates)

    @property
    def rate_rows(self) -> list[tuple[str, tax.RateTotal]]:
        return [(rate_label(rate.rate), rate) for rate in self.rates]


def rate_label(rate: int) -> str:
    if rate == REDUCED_RATE:
        return _("%(rate)d%% (reduced rate ※)") % {"rate": rate}
    return _("%(rate)d%%") % {"rate": rate}


def rate_totals(lines: list[ReceiptLine], shipping_fee: int) -> list[tax.RateTotal]:
    """Totals and tax per rate: items at their rates, shipping at the standard rate."""
    amounts = [(line.tax_rate, line.amount) for line in lines if line.quantity]
    if shipping_fee:
        amounts.append((STANDARD_RATE, shipping_fee))
    return tax.totals_by_rate(amounts)


def available(order) -> bool:
    """A receipt exists once the customer has paid the order."""
    return money_received(order)


def build(order, lines=None, issued: date | None = None) -> Receipt:
    """The receipt of `order` in the active language. `order.group`,
    `order.business` (and its `shop` profile) should be loaded with it."""
    lines = list(order.lines.all()) if lines is None else lines
    receipt_lines = [
        ReceiptLine(
            title=line_title(line),
            unit_price=line.unit_price,
            quantity=line.active_quantity,
            cancelled_quantity=line.cancelled_quantity,
            tax_rate=line.tax_rate,
        )
        for line in lines
    ]
    remains = any(line.quantity for line in receipt_lines)
    shipping = order.shipping_fee if remains else 0
    rates = rate_totals(receipt_lines, shipping)
    profile = getattr(order.business, "shop", None)
    group = order.group
    address = ""
    if profile and profile.legal_address:
        address = f"〒{profile.legal_postal_code} {profile.legal_address}".strip()
    return Receipt(
        number=order.number,
        issued=issued or timezone.localdate(),
        order_date=timezone.localdate(order.created_at),
        paid_at=group.paid_at,
        seller_name=(profile.legal_name if profile and profile.legal_name else order.business.name),
        seller_address=address,
        seller_phone=profile.legal_phone if profile else "",
        registration_number=profile.registration_number if profile else "",
        buyer_name=group.name,
        payment_method=str(group.get_payment_method_display()),
        fulfilment=str(order.get_fulfilment_display()),
        status=str(order.get_status_display()),
        status_code=order.status,
        lines=receipt_lines,
        shipping_fee=shipping,
        rates=rates,
        total=sum(rate.total for rate in rates),
        refunded_amount=order.refunded_amount,
    )


def build_in(language: str, order, lines=None) -> Receipt:
    with translation.override(language):
        return build(order, lines)
