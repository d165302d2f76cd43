"""Orders in the Wagtail admin: /admin/shop-orders/.

Owners see their own businesses' orders only, city staff see every order
(``shop.view_order``) and change none; superusers do everything. Others'
orders are 404s. The list filters by status, date, fulfilment and payment
method and searches order numbers and customer names; its CSV export keeps
the same filters. The detail page shows the customer, delivery, lines, totals
and tax per rate, payment and history, and offers the next steps of the status
flow, the tracking number, cancellations and refunds as POST forms; the
services in ``shop.services.fulfilment`` decide and refuse.

CSV export: one row per order line, plus one row for the shipping fee of an
order, so the "amount" column adds up to the sales (after cancellations and
refunds); order columns repeat on each row. UTF-8 with a byte-order mark so
Excel reads Japanese; text cells that could start a formula are prefixed
with an apostrophe.
"""

import csv
import re

import django_filters
from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.widgets.button import Button
from wagtail.log_actions import LogFormatter
from wagtail.models import ModelLogEntry

from businesses.models import Business

from . import receipts
from .models import Order, OrderGroup, OrderLine
from .notifications import line_title
from .services import fulfilment
from .services.errors import ShopError
from .services.fulfilment import ORDER_POLICY
from .views.receipts import render_receipt

NAMESPACE = "shop_orders"
ICON = "list-ul"


def url(name, *args):
    return reverse(f"{NAMESPACE}:{name}", args=args)


def _yen(value) -> str:
    return f"¥{int(value):,}"


# -- the list ---------------------------------------------------------------------


def _visible_businesses(user):
    ids = ORDER_POLICY.business_ids_for(user, ["view"])
    if ids is None:
        return Business.objects.filter(orders__isnull=False).distinct()
    return Business.objects.filter(pk__in=ids)


class OrderFilterSet(WagtailFilterSet):
    status = django_filters.MultipleChoiceFilter(
        label=gettext_lazy("Status"),
        choices=Order.STATUS_CHOICES,
        widget=forms.CheckboxSelectMultiple,
    )
    created_at = django_filters.DateFromToRangeFilter(
        label=gettext_lazy("Order date"), widget=DateRangePickerWidget
    )
    fulfilment = django_filters.ChoiceFilter(
        label=gettext_lazy("Delivery"),
        choices=Order.FULFILMENT_CHOICES,
        empty_label=gettext_lazy("All"),
        widget=forms.RadioSelect,
    )
    payment_method = django_filters.ChoiceFilter(
        label=gettext_lazy("Payment method"),
        field_name="group__payment_method",
        choices=OrderGroup.PAYMENT_CHOICES,
        empty_label=gettext_lazy("All"),
        widget=forms.RadioSelect,
    )
    business = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Shop"), queryset=Business.objects.none()
    )

    class Meta:
        model = Order
        fields = ["status", "created_at", "fulfilment", "payment_method", "business"]

    def __init__(self, data=None, *args, request=None, **kwargs):
        super().__init__(data, *args, request=request, **kwargs)
        ids = ORDER_POLICY.business_ids_for(request.user, ["view"]) if request else frozenset()
        if ids is not None and len(ids) < 2:
            del self.filters["business"]  # one shop: nothing to choose
        else:
            self.filters["business"].queryset = _visible_businesses(request.user)


_NUMBER = re.compile(r"(?:MK)?-?0*(\d+)(?:-(\d+))?", re.IGNORECASE)


def _formula_safe(value) -> str:
    """Keep spreadsheet programs from running a cell as a formula."""
    text = "" if value is None else str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


class _Echo:
    def write(self, value):
        return value


class OrderIndexView(IndexView):
    model = Order
    permission_policy = ORDER_POLICY
    any_permission_required = ["view"]
    filterset_class = OrderFilterSet
    search_fields = ["group__name"]  # see search_queryset
    default_ordering = "-created_at"
    paginate_by = 50
    page_title = gettext_lazy("Orders")
    header_icon = ICON

    def get_base_queryset(self):
        return fulfilment.visible_orders(self.request.user).select_related("group", "business")

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        query = self.search_query.strip()
        condition = Q(group__name__icontains=query) | Q(group__email__iexact=query)
        number = _NUMBER.fullmatch(query.replace(" ", ""))
        if number and number[2]:
            condition |= Q(group_id=int(number[1]), pk=int(number[2]))
        elif number:
            condition |= Q(group_id=int(number[1]))
        return queryset.filter(condition)

    @cached_property
    def shows_shop(self) -> bool:
        ids = ORDER_POLICY.business_ids_for(self.request.user, ["view"])
        return ids is None or len(ids) > 1

    @cached_property
    def columns(self):
        columns = [
            TitleColumn(
                "number",
                label=gettext_lazy("Order"),
                get_url=lambda order: url("detail", order.pk),
                sort_key="pk",
            ),
            DateColumn("created_at", label=gettext_lazy("Ordered"), sort_key="created_at"),
            Column("customer", label=gettext_lazy("Customer"), accessor="group.name"),
        ]
        if self.shows_shop:
            columns.append(Column("shop", label=gettext_lazy("Shop"), accessor="business.name"))
        columns += [
            Column(
                "fulfilment",
                label=gettext_lazy("Delivery"),
                accessor="get_fulfilment_display",
            ),
            Column(
                "payment",
                label=gettext_lazy("Payment"),
                accessor="group.get_payment_method_display",
            ),
            Column(
                "status",
                label=gettext_lazy("Status"),
                accessor="get_status_display",
                sort_key="status",
            ),
            Column(
                "total",
                label=gettext_lazy("Total"),
                accessor=lambda order: _yen(order.total),
                sort_key="total",
            ),
        ]
        return columns

    def get_list_more_buttons(self, instance):
        return []

    @cached_property
    def header_more_buttons(self):
        return [
            Button(
                gettext_lazy("Download CSV"),
                url=self.get_export_url(self.FORMAT_CSV),
                icon_name="download",
                priority=100,
            )
        ]

    FORMATS = ("csv",)

    def as_spreadsheet(self, queryset, spreadsheet_format):
        filename = f"orders-{timezone.localdate():%Y%m%d}.csv"
        response = StreamingHttpResponse(
            self.csv_rows(queryset), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    def csv_rows(self, queryset):
        writer = csv.writer(_Echo())
        yield "\ufeff" + writer.writerow(csv_headings())
        orders = queryset.prefetch_related(Prefetch("lines", queryset=OrderLine.objects.all()))
        for order in orders.iterator(chunk_size=200):
            for row in csv_order_rows(order):
                yield writer.writerow(row)


def csv_headings() -> list[str]:
    return [
        _("Order"),
        _("Ordered"),
        _("Shop"),
        _("Status"),
        _("Payment method"),
        _("Payment status"),
        _("Delivery"),
        _("Customer"),
        _("E-mail"),
        _("Phone"),
        _("Postal code"),
        _("Address"),
        _("Tracking number"),
        _("Item"),
        _("Tax rate (%)"),
        _("Unit price"),
        _("Quantity"),
        _("Cancelled quantity"),
        _("Amount"),
    ]


def csv_order_rows(order):
    group = order.group
    address = " ".join(
        part for part in (group.prefecture, group.city, group.street, group.building) if part
    )
    head = [
        order.number,
        timezone.localtime(order.created_at).strftime("%Y-%m-%d %H:%M"),
        _formula_safe(order.business.name),
        order.get_status_display(),
        group.get_payment_method_display(),
        group.get_status_display(),
        order.get_fulfilment_display(),
        _formula_safe(group.name),
        _formula_safe(group.email),
        _formula_safe(group.phone),
        group.postal_code,
        _formula_safe(address),
        _formula_safe(order.tracking_number),
    ]
    lines = list(order.lines.all())
    for line in lines:
        yield head + [
            _formula_safe(line_title(line)),
            line.tax_rate,
            line.unit_price,
            line.quantity,
            line.cancelled_quantity,
            line.amount,
        ]
    if order.shipping_fee:
        remains = any(line.active_quantity for line in lines)
        yield head + [
            _("Shipping fee"),
            receipts.STANDARD_RATE,
            order.shipping_fee,
            1,
            0 if remains else 1,
            order.shipping_fee if remains else 0,
        ]


# -- one order ------------------------------------------------------------------------


def _order_for(request, pk, *, manage=False):
    """The order if the user may see it (else 404); with manage, also change
    it (else 403: staff may look but not act)."""
    order = get_object_or_404(
        fulfilment.visible_orders(request.user).select_related("group", "business__shop"),
        pk=pk,
    )
    if manage and not fulfilment.may_manage(request.user, order):
        raise PermissionDenied
    return order


STEP_LABELS = {
    Order.PAID: gettext_lazy("Confirm the bank transfer was received"),
    Order.PREPARING: gettext_lazy("Start preparing"),
    Order.SHIPPED: gettext_lazy("Mark as shipped"),
    Order.READY: gettext_lazy("Mark as ready for pickup"),
}


def step_label(order, to) -> str:
    if to == Order.COMPLETED:
        if order.group.payment_method == OrderGroup.PAY_AT_STORE:
            return _("Paid and picked up: complete")
        return _("Mark as completed")
    return str(STEP_LABELS[to])


class OrderDetailView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "shop/admin/orders_detail.html"
    header_icon = ICON

    def dispatch(self, request, pk):
        self.order = _order_for(request, pk)
        return super().dispatch(request, pk)

    def get_page_title(self):
        return _("Order %(number)s") % {"number": self.order.number}

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": url("index"), "label": _("Orders")},
            {"url": "", "label": self.order.number},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        order = self.order
        group = order.group
        lines = list(order.lines.all())
        can_manage = fulfilment.may_manage(self.request.user, order)
        paid = fulfilment.money_received(order)
        steps = []
        if can_manage:
            steps = [(to, step_label(order, to)) for to in fulfilment.next_statuses(order)]
        can_cancel = (
            can_manage
            and order.status not in (Order.CANCELLED, Order.REFUNDED)
            and not (group.payment_method == OrderGroup.CARD and not paid)
        )
        history = (
            ModelLogEntry.objects.for_instance(order)
            .select_related("user")
            .order_by("-timestamp", "-pk")
        )
        context.update(
            order=order,
            group=group,
            language_name=dict(settings.LANGUAGES).get(group.language, group.language),
            lines=[(line, line_title(line)) for line in lines],
            receipt=receipts.build(order, lines),
            amount_due=fulfilment.amount_due(order, lines),
            paid=paid,
            can_manage=can_manage,
            steps=steps,
            can_cancel=can_cancel,
            can_edit_tracking=can_manage
            and order.fulfilment == Order.SHIPPING
            and order.status in (Order.SHIPPED, Order.COMPLETED),
            refunds=list(order.refunds.select_related("created_by")),
            history=history,
            profile=getattr(order.business, "shop", None),
            receipt_available=receipts.available(order),
            public_receipt_url=reverse(
                "shop:receipt", kwargs={"uuid": group.uuid, "order_id": order.pk}
            ),
        )
        return context


def _parse_quantities(post) -> dict[int, int]:
    quantities = {}
    for key, value in post.items():
        if not key.startswith("cancel-"):
            continue
        try:
            line_id = int(key.removeprefix("cancel-"))
            quantity = int(value or 0)
        except ValueError as error:
            raise ShopError(_("Enter whole numbers of items to cancel.")) from error
        quantities[line_id] = quantity
    return quantities


@require_POST
def change_status(request, pk):
    order = _order_for(request, pk, manage=True)
    to = request.POST.get("to", "")
    try:
        fulfilment.change_status(
            order, to, request.user, tracking_number=request.POST.get("tracking_number", "")
        )
    except ShopError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Order %(number)s is now “%(status)s”. The customer has been told.")
            % {"number": order.number, "status": order.get_status_display()},
        )
    return redirect(url("detail", order.pk))


@require_POST
def set_tracking(request, pk):
    order = _order_for(request, pk, manage=True)
    try:
        fulfilment.set_tracking_number(order, request.POST.get("tracking_number", ""), request.user)
    except ShopError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Tracking number saved. The customer has been told."))
    return redirect(url("detail", order.pk))


@require_POST
def cancel(request, pk):
    order = _order_for(request, pk, manage=True)
    reason = request.POST.get("reason", "")[:300]
    try:
        quantities = None if request.POST.get("whole") else _parse_quantities(request.POST)
        result = fulfilment.cancel(order, request.user, quantities, reason=reason)
    except ShopError as error:
        messages.error(request, str(error))
    else:
        if result.refund:
            message = _("Refunded %(amount)s; stock restored. The customer has been told.") % {
                "amount": _yen(result.refund.amount)
            }
            if result.refund.stripe_refund == "":
                message += " " + _("Return the money to the customer yourself.")
        else:
            message = _("Cancelled; stock restored. The customer has been told.")
        messages.success(request, message)
    return redirect(url("detail", order.pk))


def _document_language(request) -> str:
    language = request.GET.get("language", "")
    codes = [code for code, _name in settings.LANGUAGES]
    return language if language in codes else translation.get_language()


def _language_links(name, order):
    return [
        (code, label, url(name, order.pk) + f"?language={code}")
        for code, label in settings.LANGUAGES
    ]


@require_safe
def receipt(request, pk):
    order = _order_for(request, pk)
    if not receipts.available(order):
        raise Http404
    language = _document_language(request)
    with translation.override(language):
        response = render_receipt(
            request,
            order,
            back_url=url("detail", order.pk),
            language_links=_language_links("receipt", order),
        )
        response.render()
    return response


@require_safe
def packing_slip(request, pk):
    order = _order_for(request, pk)
    language = _document_language(request)
    with translation.override(language):
        lines = list(order.lines.all())
        response = TemplateResponse(
            request,
            "shop/admin/orders_packing_slip.html",
            {
                "order": order,
                "group": order.group,
                "lines": [(line_title(line), line) for line in lines if line.active_quantity],
                "profile": getattr(order.business, "shop", None),
                "back_url": url("detail", order.pk),
                "language_links": _language_links("packing_slip", order),
            },
        )
        response.render()
    return response


# -- registration ---------------------------------------------------------------------


class OrdersMenuItem(MenuItem):
    def is_shown(self, request):
        return ORDER_POLICY.user_has_permission(request.user, "view")


class OrderViewSet(ViewSet):
    name = NAMESPACE
    url_prefix = "shop-orders"
    icon = ICON
    menu_label = gettext_lazy("Orders")
    menu_order = 170
    add_to_admin_menu = True
    menu_item_class = OrdersMenuItem

    def get_urlpatterns(self):
        index_kwargs = {
            "index_url_name": self.get_url_name("index"),
            "index_results_url_name": self.get_url_name("index_results"),
        }
        return [
            path("", OrderIndexView.as_view(**index_kwargs), name="index"),
            path(
                "results/",
                OrderIndexView.as_view(**index_kwargs, results_only=True),
                name="index_results",
            ),
            path("<int:pk>/", OrderDetailView.as_view(), name="detail"),
            path("<int:pk>/status/", change_status, name="status"),
            path("<int:pk>/tracking/", set_tracking, name="tracking"),
            path("<int:pk>/cancel/", cancel, name="cancel"),
            path("<int:pk>/receipt/", receipt, name="receipt"),
            path("<int:pk>/packing-slip/", packing_slip, name="packing_slip"),
        ]


@hooks.register("register_admin_viewset")
def register_order_viewset():
    return OrderViewSet()


def _status_label(status) -> str:
    return str(dict(Order.STATUS_CHOICES).get(status, status))


class StatusChangedFormatter(LogFormatter):
    label = gettext_lazy("Change order status")

    def format_message(self, log_entry):
        data = log_entry.data or {}
        message = _("Status changed from “%(from)s” to “%(to)s”") % {
            "from": _status_label(data.get("from")),
            "to": _status_label(data.get("to")),
        }
        if data.get("to") == Order.SHIPPED and data.get("tracking_number"):
            message += " " + _("(tracking number %(number)s)") % {"number": data["tracking_number"]}
        return message


class TrackingFormatter(LogFormatter):
    label = gettext_lazy("Set tracking number")

    def format_message(self, log_entry):
        return _("Tracking number set to “%(number)s”") % {
            "number": (log_entry.data or {}).get("tracking_number", "")
        }


def _taken_back(data) -> str:
    items = ", ".join(f"{line['title']} × {line['quantity']}" for line in data.get("lines", []))
    if data.get("shipping"):
        items = ", ".join(filter(None, [items, _("shipping")]))
    return items


class CancelFormatter(LogFormatter):
    label = gettext_lazy("Cancel order items")

    def format_message(self, log_entry):
        return _("Cancelled: %(items)s") % {"items": _taken_back(log_entry.data or {})}


class RefundFormatter(LogFormatter):
    label = gettext_lazy("Refund order items")

    def format_message(self, log_entry):
        data = log_entry.data or {}
        return _("Refunded %(amount)s: %(items)s") % {
            "amount": _yen(data.get("amount", 0)),
            "items": _taken_back(data),
        }


@hooks.register("register_log_actions")
def register_order_log_actions(actions):
    actions.register_action(fulfilment.LOG_STATUS)(StatusChangedFormatter)
    actions.register_action(fulfilment.LOG_TRACKING)(TrackingFormatter)
    actions.register_action(fulfilment.LOG_CANCEL)(CancelFormatter)
    actions.register_action(fulfilment.LOG_REFUND)(RefundFormatter)
