"""The owners' dashboard on the Wagtail admin home: each business the user is
a member of, with its own orders, sales by month, top products and page views.

Only the businesses whose members group holds the user are read: every query
is filtered by their ids, so no other business's and no city-wide figure can
appear. The figures follow the City console's definitions
(``machikado.console.reports.commerce``: a paid order, the money received,
dated by when the order was placed in Asia/Tokyo), so an owner and the city
see the same numbers.

Queries: seven, whatever the number of orders, products or businesses —
businesses; orders per status; recent orders; paid orders per month; products
sold; storefront views per month; product-page views per month (each grouped
by business in the database).
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, F, IntegerField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce, TruncMonth
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component

from businesses.models import BusinessPage
from businesses.models.business import businesses_of

RECENT_ORDERS = 10
TOP_PRODUCTS = 5
MONTHS = 12


@dataclass
class BusinessFigures:
    business: object
    status_counts: list = field(default_factory=list)  # [{status, label, orders}]
    orders: int = 0
    recent_orders: list = field(default_factory=list)  # Order, newest first
    months: list = field(default_factory=list)  # [{month, orders, gross, refunds, net}]
    top_products: list = field(default_factory=list)  # [{title, quantity, sales}]
    views: list = field(default_factory=list)  # [{month, storefront, products}]
    sales_chart: object = None
    views_chart: object = None
    products_chart: object = None

    @property
    def gross(self) -> int:
        return sum(row["gross"] for row in self.months)

    @property
    def paid_orders(self) -> int:
        return sum(row["orders"] for row in self.months)

    @property
    def storefront_views(self) -> int:
        return sum(row["storefront"] for row in self.views)

    @property
    def product_views(self) -> int:
        return sum(row["products"] for row in self.views)


def period(today: dt.date | None = None):
    """The last twelve calendar months, this one included (Asia/Tokyo)."""
    from .console.period import Period

    return Period.default(today)


def figures_for(user, today: dt.date | None = None) -> list[BusinessFigures]:
    """The dashboard figures of each business the user belongs to ([] for none)."""
    from shop.models import Order, OrderLine, Product

    from .console.reports import commerce
    from .console.reports.common import month_of
    from .models import PageViewCount

    businesses = list(businesses_of(user).order_by("name", "pk"))
    if not businesses:
        return []
    ids = [business.pk for business in businesses]
    result = {business.pk: BusinessFigures(business) for business in businesses}
    span = period(today)
    months = span.months()

    # Orders per status (all time).
    labels = dict(Order.STATUS_CHOICES)
    for row in (
        Order.objects.filter(business_id__in=ids)
        .values("business_id", "status")
        .annotate(orders=Count("pk"))
        .order_by("business_id", "status")
    ):
        figures = result[row["business_id"]]
        figures.status_counts.append(
            {
                "status": row["status"],
                "label": labels.get(row["status"], row["status"]),
                "orders": row["orders"],
            }  # fmt: skip
        )
        figures.orders += row["orders"]
    order_of_statuses = [status for status, _label in Order.STATUS_CHOICES]
    for figures in result.values():
        figures.status_counts.sort(key=lambda row: order_of_statuses.index(row["status"]))

    # Recent orders: the newest across the user's businesses, then split.
    for order in (
        Order.objects.filter(business_id__in=ids)
        .select_related("group")
        .order_by("-created_at", "-pk")[: RECENT_ORDERS * len(ids)]
    ):
        figures = result[order.business_id]
        if len(figures.recent_orders) < RECENT_ORDERS:
            order.admin_url = reverse("shop_orders:detail", args=[order.pk])
            figures.recent_orders.append(order)

    # Paid orders per month (the console's definition of a paid order and its money).
    found = {}
    for row in (
        commerce.paid_orders(span)
        .filter(business_id__in=ids)
        .annotate(month=month_of("created_at"))
        .values("business_id", "month")
        .annotate(**commerce.FIGURES)
        .order_by("business_id", "month")
    ):
        found[(row["business_id"], row["month"])] = row
    for business_id, figures in result.items():
        for month in months:
            row = found.get((business_id, month), {})
            gross, refunds = row.get("gross", 0), row.get("refunds", 0)
            figures.months.append(
                {
                    "month": month,
                    "orders": row.get("orders", 0),
                    "gross": gross,
                    "refunds": refunds,
                    "net": gross - refunds,
                }  # fmt: skip
            )

    # Products sold in paid orders of the period: quantity kept and its amount.
    paid = (
        Order.objects.filter(commerce.PAID_ORDER, business_id__in=ids)
        .filter(created_at__gte=span.since, created_at__lt=span.until)
        .values("pk")
    )
    kept = F("quantity") - F("cancelled_quantity")
    for row in (
        OrderLine.objects.filter(order__in=paid)
        .values("order__business_id", "title")
        .annotate(sold=Sum(kept), sold_for=Sum(F("unit_price") * kept))
        .filter(sold__gt=0)
        .order_by("order__business_id", "-sold_for", "-sold", "title")
    ):
        figures = result[row["order__business_id"]]
        if len(figures.top_products) < TOP_PRODUCTS:
            figures.top_products.append(
                {"title": row["title"], "quantity": row["sold"], "sales": row["sold_for"]}
            )

    # Page views per month: the storefront (every language) and the product pages.
    views = {}
    counters = PageViewCount.objects.filter(day__gte=span.start, day__lte=span.end)
    for kind, owner_of, column in (
        (PageViewCount.SHOP, BusinessPage.objects.filter(business_id__in=ids), "storefront"),
        (PageViewCount.PRODUCT, Product.objects.filter(business_id__in=ids), "products"),
    ):
        owner = owner_of.filter(pk=OuterRef("object_id")).values("business_id")[:1]
        for row in (
            counters.filter(kind=kind, object_id__in=owner_of.values("pk"))
            .annotate(
                business=Subquery(owner, output_field=IntegerField()),
                month=TruncMonth("day"),
            )
            .values("business", "month")
            .annotate(views=Coalesce(Sum("views"), Value(0)))
            .order_by()
        ):
            month = row["month"]
            if isinstance(month, dt.datetime):  # pragma: no cover (backend-dependent)
                month = month.date()
            views[(row["business"], month, column)] = row["views"]
    for business_id, figures in result.items():
        for month in months:
            figures.views.append(
                {
                    "month": month,
                    "storefront": views.get((business_id, month, "storefront"), 0),
                    "products": views.get((business_id, month, "products"), 0),
                }
            )

    _add_charts(result.values())
    return list(result.values())


def _add_charts(all_figures):
    """Inline SVG charts from the City console's chart module (tables stay the source)."""
    from .console import charts

    for figures in all_figures:
        base = f"owner-{figures.business.pk}"
        labels = [row["month"].strftime("%Y-%m") for row in figures.months]
        figures.sales_chart = charts.column_chart(
            str(_("Sales by month")),
            str(_("Money received for paid orders in each of the last twelve months, in yen.")),
            labels,
            [charts.Series(str(_("Sales")), [row["gross"] for row in figures.months])],
            unit="¥",
            table_id=f"{base}-sales",
        )
        figures.views_chart = charts.column_chart(
            str(_("Page views by month")),
            str(_("Views of the storefront and of the product pages in each month.")),
            labels,
            [
                charts.Series(str(_("Storefront")), [row["storefront"] for row in figures.views]),
                charts.Series(str(_("Product pages")), [row["products"] for row in figures.views]),
            ],
            table_id=f"{base}-views",
        )
        if figures.top_products:
            figures.products_chart = charts.bar_chart(
                str(_("Top products")),
                str(_("Sales of the best-selling products in the last twelve months, in yen.")),
                [(row["title"], row["sales"]) for row in figures.top_products],
                unit="¥",
                table_id=f"{base}-products",
            )


class OwnerDashboardPanel(Component):
    name = "owner_dashboard"
    template_name = "machikado/admin/owner_dashboard_panel.html"
    order = 60  # after "Your storefront" (50), before Wagtail's own panels

    def __init__(self, figures, span):
        self.figures = figures
        self.span = span

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context.update(
            figures=self.figures,
            span=self.span,
            heading=_("Your shop's figures"),
            orders_url=reverse("shop_orders:index"),
        )
        return context


class CityConsoleLinkPanel(Component):
    name = "city_console_link"
    template_name = "machikado/admin/city_console_link_panel.html"
    order = 55

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["console_url"] = reverse("city_console:index")
        return context


def owner_dashboard_panel(user, today: dt.date | None = None):
    """The panel for a member of one or more businesses, or None."""
    figures = figures_for(user, today)
    if not figures:
        return None
    return OwnerDashboardPanel(figures, period(today))


@hooks.register("construct_homepage_panels")
def add_owner_panels(request, panels):
    """Owners: their own figures. City staff: a link to the City console
    (its figures are there, not on the home page)."""
    from .console.access import is_city_staff

    panel = owner_dashboard_panel(request.user)
    if panel is not None:
        panels.append(panel)
    if is_city_staff(request.user):
        panels.append(CityConsoleLinkPanel())
