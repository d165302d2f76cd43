"""Owners' catalogue and shop settings in the Wagtail admin.

Every view asks the shop's permission policy (``shop.permissions``): an
owner lists, opens, edits and deletes only their own businesses' products
(another business's product is a 404), city staff all of them.
"""

import django_filters
from django.db.models import Count, Max, Min, Q, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.usage import UsageView
from wagtail.admin.viewsets.model import ModelViewSet

from businesses.models import Business, BusinessPage

from .forms import ProductForm, ShopProfileForm
from .models import Product, ShopProfile
from .permissions import product_policy, shop_settings_policy
from .services.catalogue import PUBLISH_HELP, missing_legal_fields

# -- products ----------------------------------------------------------------


def _businesses_for_filter(request):
    if request is None:
        return Business.objects.none()
    ids = product_policy().business_ids_for(request.user, ["change"])
    return Business.objects.all() if ids is None else Business.objects.filter(pk__in=ids)


class ProductFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"), choices=Product.STATUS_CHOICES, empty_label=None
    )
    business = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Business"), queryset=_businesses_for_filter
    )

    class Meta:
        model = Product
        fields = ["status", "business"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["status"].extra["empty_label"] = gettext_lazy("All")
        ids = product_policy().business_ids_for(self.request.user, ["change"])
        if ids is not None and len(ids) < 2:
            del self.filters["business"]


def yen(amount) -> str:
    return f"¥{amount:,}"


def price_range(product) -> str:
    if product.min_price is None:
        return "—"
    if product.min_price == product.max_price:
        return yen(product.min_price)
    return f"{yen(product.min_price)}–{yen(product.max_price)}"


def stock_summary(product) -> str:
    if not product.option_count:
        return "—"
    tracked = product.tracked_stock
    if product.untracked_options == product.option_count:
        return _("Unlimited")
    if product.untracked_options:
        return _("%(count)s + unlimited") % {"count": tracked or 0}
    if not tracked:
        return _("Sold out")
    return str(tracked)


def scoped_products(user, actions=("change",)):
    """The products the user may act on: their businesses', or all for staff."""
    return product_policy().instances_user_has_any_permission_for(user, list(actions))


class ProductIndexView(generic.IndexView):
    filterset_class = ProductFilterSet
    search_fields = ["title", "title_en"]
    search_backend_name = None  # plain ORM filtering, also once products are indexed
    default_ordering = "title"
    paginate_by = 50

    def get_base_queryset(self):
        # Everything the listing shows comes in this one query, whatever the
        # number of products or options.
        return (
            scoped_products(self.request.user, ["add", "change", "delete", "view"])
            .select_related("business")
            .annotate(
                option_count=Count("variants"),
                tracked_stock=Sum("variants__stock", filter=Q(variants__track_stock=True)),
                untracked_options=Count("variants", filter=Q(variants__track_stock=False)),
                min_price=Min("variants__price"),
                max_price=Max("variants__price"),
            )
        )

    @cached_property
    def shows_business(self):
        ids = product_policy().business_ids_for(self.request.user, ["change"])
        return ids is None or len(ids) > 1

    @cached_property
    def columns(self):
        columns = [
            self._get_title_column("title", column_class=TitleColumn),
            Column("title_en", label=gettext_lazy("Title (English)"), sort_key="title_en"),
        ]
        if self.shows_business:
            columns.append(
                Column("business", label=gettext_lazy("Business"), sort_key="business__name_kana")
            )
        columns += [
            StatusTagColumn(
                "status",
                label=gettext_lazy("Status"),
                accessor="get_status_display",
                primary=lambda product: product.status == Product.PUBLISHED,
                sort_key="status",
            ),
            Column("price", label=gettext_lazy("Price (tax included)"), accessor=price_range),
            Column(
                "stock",
                label=gettext_lazy("In stock"),
                accessor=stock_summary,
                sort_key="tracked_stock",
            ),
            DateColumn("updated_at", label=gettext_lazy("Updated"), sort_key="updated_at"),
        ]
        return columns


class ProductEditView(generic.EditView):
    def get_queryset(self):
        return scoped_products(self.request.user, ["change"])


class ProductDeleteView(generic.DeleteView):
    def get_queryset(self):
        return scoped_products(self.request.user, ["delete"])


class ProductHistoryView(HistoryView):
    def get_base_object_queryset(self):
        return scoped_products(self.request.user, ["add", "change", "delete"])


class ProductUsageView(UsageView):
    def get_base_object_queryset(self):
        return scoped_products(self.request.user, ["change"])


class ProductViewSet(ModelViewSet):
    model = Product
    name = "products"
    icon = "tag"
    menu_label = gettext_lazy("Products")
    menu_order = 170
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = False
    index_view_class = ProductIndexView
    edit_view_class = ProductEditView
    delete_view_class = ProductDeleteView
    history_view_class = ProductHistoryView
    usage_view_class = ProductUsageView

    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("business"),
                    FieldPanel("title"),
                    FieldPanel("description"),
                ],
                heading=gettext_lazy("Japanese"),
            ),
            ObjectList(
                [FieldPanel("title_en"), FieldPanel("description_en")],
                heading=gettext_lazy("English"),
            ),
            ObjectList(
                [
                    InlinePanel(
                        "images",
                        heading=gettext_lazy("Images"),
                        label=gettext_lazy("Image"),
                        panels=[FieldPanel("image")],
                    )
                ],
                heading=gettext_lazy("Images"),
            ),
            ObjectList(
                [
                    InlinePanel(
                        "variants",
                        heading=gettext_lazy("Options and prices"),
                        label=gettext_lazy("Option"),
                        min_num=1,
                        help_text=gettext_lazy(
                            "Each option (size, flavour ...) has its own price and stock. "
                            "A product without options has one option with an empty name."
                        ),
                        panels=[
                            FieldRowPanel([FieldPanel("name"), FieldPanel("name_en")]),
                            FieldRowPanel([FieldPanel("sku"), FieldPanel("price")]),
                            FieldRowPanel([FieldPanel("track_stock"), FieldPanel("stock")]),
                        ],
                    ),
                    FieldPanel("tax_class"),
                ],
                heading=gettext_lazy("Options and prices"),
            ),
            ObjectList(
                [
                    MultiFieldPanel(
                        [FieldPanel("ships"), FieldPanel("pickup"), FieldPanel("eticket")],
                        heading=gettext_lazy("How customers receive it"),
                    ),
                    FieldPanel("status", help_text=PUBLISH_HELP),
                ],
                heading=gettext_lazy("Delivery and status"),
            ),
        ],
        base_form_class=ProductForm,
    )


# -- shop settings -------------------------------------------------------------


def shop_settings_url(business_id) -> str:
    return reverse("shop_settings:edit", args=[business_id])


def managed_businesses(user):
    ids = shop_settings_policy().business_ids_for(user, ["change"])
    return Business.objects.all() if ids is None else Business.objects.filter(pk__in=ids)


class ShopSettingsIndexView(generic.IndexView):
    """The businesses whose shop settings the user may edit; an owner of a
    single business goes straight to its settings."""

    model = Business
    any_permission_required = ["change"]
    page_title = gettext_lazy("Shop settings")
    search_fields = ["name", "name_kana"]
    search_backend_name = None
    default_ordering = "name_kana"
    paginate_by = 50

    @cached_property
    def permission_policy(self):
        return shop_settings_policy()

    def get(self, request, *args, **kwargs):
        if not self.results_only:
            ids = self.permission_policy.business_ids_for(request.user, ["change"])
            if ids is not None and len(ids) == 1:
                return redirect(shop_settings_url(next(iter(ids))))
        return super().get(request, *args, **kwargs)

    def get_base_queryset(self):
        return managed_businesses(self.request.user).select_related("shop")

    def get_edit_url(self, instance):
        return shop_settings_url(instance.pk)

    def get_list_buttons(self, instance):
        return []

    @cached_property
    def columns(self):
        return [
            self._get_title_column("name", column_class=TitleColumn),
            Column("name_kana", label=gettext_lazy("Reading"), sort_key="name_kana"),
            Column(
                "legal_notice",
                label=gettext_lazy("Legal notice"),
                accessor=lambda business: (
                    _("Missing: %(fields)s")
                    % {"fields": _(", ").join(missing_legal_fields(_profile_or_none(business)))}
                    if missing_legal_fields(_profile_or_none(business))
                    else _("Complete")
                ),
            ),
        ]


def _profile_or_none(business):
    try:
        return business.shop
    except ShopProfile.DoesNotExist:
        return None


class ShopSettingsEditView(generic.EditView):
    """One business's ShopProfile, made on the first visit."""

    model = ShopProfile
    permission_required = "change"
    page_title = gettext_lazy("Shop settings")
    template_name = "shop/admin/catalogue_shop_settings.html"
    success_message = gettext_lazy("Shop settings of %(object)s saved.")
    index_url_name = "shop_settings:index"
    edit_url_name = "shop_settings:edit"

    def get_object(self, queryset=None):
        business = get_object_or_404(Business, pk=self.kwargs["business_id"])
        if not self.permission_policy.user_has_permission_for_instance(
            self.request.user, "change", ShopProfile(business=business)
        ):
            raise Http404
        profile, _created = ShopProfile.objects.get_or_create(business=business)
        return profile

    def get_edit_url(self):
        return shop_settings_url(self.object.business_id)

    def get_success_url(self):
        return self.get_edit_url()

    def get_success_buttons(self):
        return []

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.request.method != "POST":
            kwargs["initial"] = {**storefront_defaults(self.object), **kwargs.get("initial", {})}
        return kwargs

    def get_breadcrumbs_items(self):
        items = [{"url": reverse(self.index_url_name), "label": _("Shop settings")}]
        items.append({"url": "", "label": str(self.object.business)})
        return self.breadcrumbs_items + items

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["missing_legal_fields"] = missing_legal_fields(self.object)
        context["legal_notice_url"] = reverse(
            "shop:legal", kwargs={"business_id": self.object.business_id}
        )
        context["storefront_live"] = self.object.business.pages.filter(live=True).exists()
        return context


def storefront_defaults(profile) -> dict:
    """Suggestions for empty legal fields from the business and its Japanese
    storefront; saved only when the owner saves the form."""
    page = (
        BusinessPage.objects.filter(business_id=profile.business_id, locale__language_code="ja")
        .order_by("pk")
        .first()
    )
    suggestions = {"legal_name": profile.business.name}
    if page is not None:
        suggestions.update(
            legal_postal_code=page.postal_code,
            legal_address=f"{page.prefecture}{page.city}{page.street}"
            + (f" {page.building}" if getattr(page, "building", "") else ""),
            legal_phone=page.phone,
        )
    return {
        name: value for name, value in suggestions.items() if value and not getattr(profile, name)
    }


SHOP_SETTINGS_PANELS = ObjectList(
    [
        MultiFieldPanel(
            [
                FieldPanel("accepts_card"),
                FieldPanel("accepts_pay_at_store"),
                FieldPanel("accepts_bank_transfer"),
                FieldPanel("bank_transfer_details"),
            ],
            heading=gettext_lazy("Payment methods"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("shipping_fee"), FieldPanel("free_shipping_from")]),
                FieldPanel("pickup_instructions"),
            ],
            heading=gettext_lazy("Shipping and pickup"),
        ),
        MultiFieldPanel(
            [FieldPanel("registration_number")],
            heading=gettext_lazy("Invoice (qualified invoice issuer)"),
        ),
        MultiFieldPanel(
            [
                HelpPanel(
                    gettext_lazy(
                        "Shown on your shop's legal notice (特定商取引法に基づく表記). "
                        "Products can be published once all of these are filled in; "
                        "only “other costs” may stay empty."
                    )
                ),
                FieldPanel("legal_name"),
                FieldPanel("representative"),
                FieldRowPanel([FieldPanel("legal_postal_code"), FieldPanel("legal_phone")]),
                FieldPanel("legal_address"),
                FieldPanel("legal_email"),
                FieldPanel("delivery_time"),
                FieldPanel("returns_policy"),
                FieldPanel("extra_costs"),
            ],
            heading=gettext_lazy("Legal notice (特定商取引法)"),
        ),
    ],
    base_form_class=ShopProfileForm,
).bind_to_model(ShopProfile)
