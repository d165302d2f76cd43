"""The shop in the Wagtail admin.

Each part keeps to its own section; permission policies are registered at the
top, before any viewset asks the registry for them.
"""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet
from wagtail.permissions import register_permission_policy

from .models import Product, ShopProfile
from .permissions import BusinessMemberPermissionPolicy

# == Catalogue and shop settings =================================================

register_permission_policy(Product, BusinessMemberPermissionPolicy(Product), exact_class=True)
register_permission_policy(
    ShopProfile,
    # The settings are made on the first visit and never deleted by owners.
    BusinessMemberPermissionPolicy(ShopProfile, member_actions={"change", "view"}),
    exact_class=True,
)


class ShopSettingsMenuItem(MenuItem):
    def is_shown(self, request):
        from .permissions import shop_settings_policy

        return shop_settings_policy().user_has_any_permission(request.user, ["change"])


class ShopSettingsViewSet(ViewSet):
    name = "shop_settings"
    url_prefix = "shop-settings"
    icon = "cog"
    menu_label = _("Shop settings")
    menu_order = 175
    add_to_admin_menu = True
    menu_item_class = ShopSettingsMenuItem

    def get_urlpatterns(self):
        from . import admin_catalogue

        index = self.construct_view(
            admin_catalogue.ShopSettingsIndexView,
            index_url_name=self.get_url_name("index"),
            index_results_url_name=self.get_url_name("index_results"),
            header_icon=self.icon,
        )
        results = self.construct_view(
            admin_catalogue.ShopSettingsIndexView,
            index_url_name=self.get_url_name("index"),
            index_results_url_name=self.get_url_name("index_results"),
            results_only=True,
        )
        edit = self.construct_view(
            admin_catalogue.ShopSettingsEditView,
            panel=admin_catalogue.SHOP_SETTINGS_PANELS,
            header_icon=self.icon,
        )
        return [
            path("", index, name="index"),
            path("results/", results, name="index_results"),
            path("<int:business_id>/", edit, name="edit"),
        ]


@hooks.register("register_admin_viewset")
def register_catalogue_viewsets():
    from .admin_catalogue import ProductViewSet

    return [ProductViewSet(), ShopSettingsViewSet()]


# Payouts and orders register their own hooks; importing them here is what
# makes Wagtail (which loads each app's wagtail_hooks) see them, once the
# permission policies above exist.
from . import admin_orders, admin_payouts  # noqa: E402, F401
