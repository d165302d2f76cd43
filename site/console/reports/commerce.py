"""Commerce: orders, gross sales, refunds, by month, area, category and business.

Definitions (shown in the console too):

- A **paid order** is an order whose money the shop has received: status
  paid, preparing, shipped, ready for pickup, completed or refunded — except
  pay-at-the-store orders, which are paid only once completed (or refunded
  after that). Pending, cancelled and failed orders never count.
- An order is dated by when it was placed (``shop_order.created_at``, Asia/Tokyo).
- **Gross sales** of an order = the money received: the items the customer
  kept, plus shipping unless the whole order was refunded, plus what was
  refunded later (so items cancelled *before* payment are not sales).
  Tax included, in yen.
- **Refunds** = ``shop_order.refunded_amount`` (money given back), counted in
  the period of the order. **Net sales** = gross sales − refunds.
- **Average order** = gross sales ÷ paid orders.
- **Area / category** of an order = those of its business's storefront (the
  Japanese page; areas and categories match across languages by translation key).

The SQL every figure comes from (PostgreSQL; SQLite is the same)::

    WITH paid AS (
      SELECT o.id, o.business_id, o.created_at, o.refunded_amount,
             COALESCE((SELECT SUM(l.unit_price * (l.quantity - l.cancelled_quantity))
                       FROM shop_orderline l WHERE l.order_id = o.id), 0)
             + CASE WHEN o.status = 'refunded' THEN 0 ELSE o.shipping_fee END
             + o.refunded_amount AS received
      FROM shop_order o JOIN shop_ordergroup g ON g.id = o.group_id
      WHERE (o.status IN ('completed', 'refunded')
             OR (o.status IN ('paid', 'preparing', 'shipped', 'ready')
                 AND g.payment_method <> 'store'))
        AND o.created_at >= :since AND o.created_at < :until
        -- with an area:
        AND o.business_id IN (SELECT bp.business_id FROM businesses_businesspage bp
                              JOIN tourism_area a ON a.id = bp.area_id
                              WHERE a.translation_key = :area)
    )
    SELECT COUNT(*) AS orders, SUM(received) AS gross,
           SUM(refunded_amount) AS refunds, SUM(received) - SUM(refunded_amount) AS net
    FROM paid;
"""

from django.conf import settings
from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from businesses.models import BusinessCategory, BusinessPage
from shop.models import Order, OrderGroup, OrderLine
from tourism.models import Area

from ..period import Period
from .common import change, fill_months, month_of, names_by_key

#: Statuses that mean the money was received (pay-at-the-store: see STORE_PAID).
PAID_STATUSES = (Order.PAID, Order.PREPARING, Order.SHIPPED, Order.READY)
SETTLED_STATUSES = (Order.COMPLETED, Order.REFUNDED)

PAID_ORDER = Q(status__in=SETTLED_STATUSES) | (
    Q(status__in=PAID_STATUSES) & ~Q(group__payment_method=OrderGroup.PAY_AT_STORE)
)


def _kept_items():
    lines = (
        OrderLine.objects.filter(order=OuterRef("pk"))
        .values("order")
        .annotate(kept=Sum(F("unit_price") * (F("quantity") - F("cancelled_quantity"))))
        .values("kept")[:1]
    )
    return Coalesce(Subquery(lines, output_field=IntegerField()), Value(0))


def received():
    """The money received for one order (see the module docstring)."""
    shipping = Case(
        When(status=Order.REFUNDED, then=Value(0)),
        default=F("shipping_fee"),
        output_field=IntegerField(),
    )
    return _kept_items() + shipping + F("refunded_amount")


def storefront_value(field: str, outer: str = "business"):
    """A value of the business's storefront, the source-language page first."""
    pages = (
        BusinessPage.objects.filter(business=OuterRef(outer))
        .annotate(
            source=Case(
                When(locale__language_code=settings.LANGUAGE_CODE, then=Value(0)),
                default=Value(1),
            )
        )
        .order_by("source", "pk")
        .values(field)[:1]
    )
    return Subquery(pages)


def businesses_in_area(area_key):
    return BusinessPage.objects.filter(area__translation_key=area_key).values("business_id")


def paid_orders(period: Period | None = None, area_key=None):
    """Paid orders with their money received (``received``), as a queryset."""
    orders = Order.objects.filter(PAID_ORDER)
    if period is not None:
        orders = orders.filter(created_at__gte=period.since, created_at__lt=period.until)
    if area_key is not None:
        orders = orders.filter(business_id__in=businesses_in_area(area_key))
    return orders.annotate(received=received())


FIGURES = {
    "orders": Count("pk"),
    "gross": Coalesce(Sum("received"), Value(0)),
    "refunds": Coalesce(Sum("refunded_amount"), Value(0)),
}


def _complete(row: dict) -> dict:
    row["net"] = row["gross"] - row["refunds"]
    row["average"] = round(row["gross"] / row["orders"]) if row["orders"] else None
    return row


def summary(period: Period, area_key=None) -> dict:
    """{orders, gross, refunds, net, average} of the paid orders placed in the period.

    SQL: the module docstring's query (one row).
    """
    return _complete(paid_orders(period, area_key).aggregate(**FIGURES))


def growth(period: Period, area_key=None) -> dict:
    """The period against the same dates one year earlier:
    {"current": summary, "previous": summary, "last_year": Period,
    "change": {figure: percent or None}} (None when last year's figure is 0).

    SQL: the module docstring's query twice, for :since/:until and for the
    same dates minus one year; change = (current − previous) × 100 / previous,
    rounded to one decimal.
    """
    last_year = period.last_year()
    current = summary(period, area_key)
    previous = summary(last_year, area_key)
    return {
        "current": current,
        "previous": previous,
        "last_year": last_year,
        "change": {
            key: change(current[key] or 0, previous[key] or 0)
            for key in ("orders", "gross", "refunds", "net", "average")
        },
    }


def _empty_month(month):
    return {"month": month, "orders": 0, "gross": 0, "refunds": 0, "net": 0, "average": None}


def by_month(period: Period, area_key=None) -> list[dict]:
    """One row per calendar month of the period (zeros included):
    {month, orders, gross, refunds, net, average}.

    SQL: the module docstring's CTE, then
    ``SELECT date_trunc('month', created_at AT TIME ZONE 'Asia/Tokyo') AS month,
    COUNT(*), SUM(received), SUM(refunded_amount) FROM paid GROUP BY month ORDER BY month``.
    """
    rows = (
        paid_orders(period, area_key)
        .annotate(month=month_of("created_at"))
        .values("month")
        .annotate(**FIGURES)
        .order_by("month")
    )
    found = {row["month"]: _complete(row) for row in rows}
    return fill_months(found, period.months(), _empty_month)


def by_month_with_last_year(period: Period, area_key=None) -> list[dict]:
    """by_month of the period, each month with the same month a year earlier:
    {month, gross, orders, gross_last_year, orders_last_year, change} (change of gross in %).

    SQL: by_month's query for the period and for the same dates minus one year.
    """
    current = by_month(period, area_key)
    previous = by_month(period.last_year(), area_key)
    before = {(row["month"].year + 1, row["month"].month): row for row in previous}
    rows = []
    for row in current:
        last = before.get((row["month"].year, row["month"].month)) or _empty_month(None)
        rows.append(
            {
                "month": row["month"],
                "orders": row["orders"],
                "gross": row["gross"],
                "orders_last_year": last["orders"],
                "gross_last_year": last["gross"],
                "change": change(row["gross"], last["gross"]),
            }
        )
    return rows


def by_area(period: Period, area_key=None) -> list[dict]:
    """Per area of the businesses' storefronts, biggest gross first:
    {area_key, area, orders, gross, refunds, net, average}.

    SQL: the CTE plus ``(SELECT a.translation_key FROM businesses_businesspage bp
    JOIN tourism_area a ON a.id = bp.area_id WHERE bp.business_id = paid.business_id
    ORDER BY (locale is Japanese) DESC, bp.page_ptr_id LIMIT 1) AS area_key``,
    grouped by area_key; names from tourism_area by translation key.
    """
    return _grouped(period, area_key, "area__translation_key", Area, "area")


def by_category(period: Period, area_key=None) -> list[dict]:
    """Per business category of the storefronts, biggest gross first:
    {category_key, category, orders, gross, refunds, net, average}.

    SQL: like by_area with businesses_businesscategory instead of tourism_area.
    """
    return _grouped(period, area_key, "category__translation_key", BusinessCategory, "category")


def _grouped(period, area_key, field, model, name):
    rows = list(
        paid_orders(period, area_key)
        .annotate(key=storefront_value(field))
        .values("key")
        .annotate(**FIGURES)
        .order_by("-gross", "key")
    )
    names = names_by_key(model, [row["key"] for row in rows])
    result = []
    for row in rows:
        key = row.pop("key")
        result.append(_complete({f"{name}_key": key, name: names.get(key, "—"), **row}))
    return result


def by_business(period: Period, area_key=None) -> list[dict]:
    """Per business, biggest gross first: {business_id, business, orders,
    gross, refunds, net, average}.

    SQL: the CTE joined to businesses_business, ``GROUP BY business_id, name
    ORDER BY SUM(received) DESC``.
    """
    rows = (
        paid_orders(period, area_key)
        .values("business_id", "business__name")
        .annotate(**FIGURES)
        .order_by("-gross", "business__name")
    )
    return [_complete({"business": row.pop("business__name"), **row}) for row in rows]
