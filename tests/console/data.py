"""Hand-computable data for the console tests, built through the real services
(checkout, fulfilment, workflows); only timestamps are moved to fixed dates."""

import datetime as dt
from zoneinfo import ZoneInfo

from businesses.models import BusinessPage, PaymentMethod
from shop.models import Order, OrderGroup
from shop.services import fulfilment
from tests.factories import category, make_area, make_storefront, make_user
from tests.shop.orders import mark_card_paid, open_shop, place, product

TOKYO = ZoneInfo("Asia/Tokyo")
NOW = dt.datetime(2026, 11, 28, 12, 0, tzinfo=TOKYO)


def at(year, month, day, hour=12, minute=0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=TOKYO)


def dated(group, when):
    """Move a checkout and its orders to a placement time."""
    OrderGroup.objects.filter(pk=group.pk).update(created_at=when)
    Order.objects.filter(group=group).update(created_at=when)
    return group


def order_of(group):
    return group.orders.select_related("group", "business").get()


class Shops:
    """Two shops in two areas and categories:

    - shop1 (area 鬼石/Onishi, restaurant): tea ¥1,000, shipped (fee ¥800);
    - shop2 (area 藤岡/Fujioka, cafe): cake ¥500, store pickup (no fee).
    """

    def __init__(self):
        self.onishi = make_area("鬼石", "onishi", "Onishi")
        self.fujioka = make_area("藤岡", "fujioka", "Fujioka")
        self.owner1 = make_user("console-owner1")
        self.owner2 = make_user("console-owner2")
        self.page1 = make_storefront("喫茶まちかど", owner=self.owner1, area=self.onishi)
        self.page2 = make_storefront(
            "藤岡ケーキ",
            owner=self.owner2,
            area=self.fujioka,
            category=category("cafe"),
            phone="0274-23-0000",
        )
        self.shop1, self.shop2 = self.page1.business, self.page2.business
        open_shop(self.shop1, shipping_fee=800)
        open_shop(self.shop2, accepts_card=False, shipping_fee=800)
        self.tea = product(self.shop1, "ほうじ茶", price=1000, stock=50)
        self.cake = product(self.shop2, "ケーキ", price=500, stock=50, fulfilment=Order.PICKUP)

    # -- orders -----------------------------------------------------------------------

    def card(self, item, quantity, when, paid=True):
        group = place([(item, quantity)], OrderGroup.CARD, fulfilment=self._fulfil(item))
        if paid:
            mark_card_paid(group)
        return dated(group, when)

    def bank(self, item, quantity, when, *, paid=True):
        group = place([(item, quantity)], OrderGroup.BANK_TRANSFER, fulfilment=self._fulfil(item))
        if paid:
            fulfilment.confirm_payment(order_of(group), self._owner(item))
        return dated(group, when)

    def store(self, item, quantity, when, *, cancel_before=0, complete=True):
        group = place([(item, quantity)], OrderGroup.PAY_AT_STORE, fulfilment=self._fulfil(item))
        order = order_of(group)
        owner = self._owner(item)
        if cancel_before:
            line = order.lines.get()
            fulfilment.cancel(order, owner, {line.pk: cancel_before})
        if complete:
            for status in (Order.PREPARING, Order.READY, Order.COMPLETED):
                fulfilment.change_status(order_of(group), status, owner)
        else:
            fulfilment.change_status(order_of(group), Order.PREPARING, owner)
        return dated(group, when)

    def refund(self, group, quantities=None):
        order = order_of(group)
        line = order.lines.get()
        owner = order.business.group.user_set.get()
        return fulfilment.cancel(
            order, owner, None if quantities is None else {line.pk: quantities}
        )

    def _fulfil(self, item):
        method = Order.PICKUP if item.pickup else Order.SHIPPING
        return {item.business_id: method}

    def _owner(self, item):
        return self.owner1 if item.business_id == self.shop1.pk else self.owner2


def commerce_orders(shops: Shops):
    """The orders of the commerce tests (period 2026-03-01 – 2026-04-30):

    this period:
      O1 shop1 card 2 tea, 2026-03-10: ¥2,000 + ¥800 = ¥2,800
      O8 shop1 card 1 tea, 2026-03-01 00:30 JST (still February in UTC): ¥1,800
      O2 shop1 bank 1 tea, 2026-04-05, paid then refunded in full: received ¥1,800, refunds ¥1,800
      O3 shop2 store 3 cakes, 2026-04-20, 1 cancelled before payment, completed: ¥1,000
    not counted:
      O4 shop2 store 2 cakes, 2026-04-21, preparing (not paid at the store yet)
      O5 shop1 card 1 tea, 2026-04-22, payment pending
      O9 shop1 card 1 tea, 2026-02-28 23:30 JST: before the period
    the same period last year (2025-03-01 – 2025-04-30):
      O6 shop1 bank 2 tea, 2025-04-15, paid, 1 refunded after: received ¥2,800, refunds ¥1,000
      O7 shop2 store 2 cakes, 2025-03-20, completed: ¥1,000
    """
    s = shops
    s.card(s.tea, 2, at(2026, 3, 10))
    s.card(s.tea, 1, at(2026, 3, 1, 0, 30))
    o2 = s.bank(s.tea, 1, at(2026, 4, 5))
    s.refund(o2)
    s.store(s.cake, 3, at(2026, 4, 20), cancel_before=1)
    s.store(s.cake, 2, at(2026, 4, 21), complete=False)
    s.card(s.tea, 1, at(2026, 4, 22), paid=False)
    s.card(s.tea, 1, at(2026, 2, 28, 23, 30))
    o6 = s.bank(s.tea, 2, at(2025, 4, 15))
    s.refund(o6, 1)
    s.store(s.cake, 2, at(2025, 3, 20))


def credit_card():
    return PaymentMethod.objects.get(code="credit_card")


def set_published(page, first=None, last=None):
    values = {}
    if first is not None:
        values["first_published_at"] = first
    if last is not None:
        values["last_published_at"] = last
    BusinessPage.objects.filter(pk=page.pk).update(**values)
