"""The City console in the Wagtail admin: its URLs and a menu item for city staff."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import urls
from .access import is_city_staff


@hooks.register("register_admin_urls")
def register_console_urls():
    return [path("city/", include(urls, namespace="city_console"))]


class ConsoleMenuItem(MenuItem):
    def is_shown(self, request):
        return is_city_staff(request.user)


@hooks.register("register_admin_menu_item")
def register_console_menu_item():
    return ConsoleMenuItem(
        _("City console"), reverse("city_console:index"), icon_name="site", order=120
    )
