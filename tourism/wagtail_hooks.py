from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from .opendata import admin_views


@hooks.register("register_admin_urls")
def register_opendata_urls():
    return [path("opendata/import/", admin_views.import_view, name="opendata_import")]


class OpenDataMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.can_import_any(request.user)


class PublicDatasetsMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.can_import_any(request.user)


class OpenDataSubmenu(SubmenuMenuItem):
    def is_shown(self, request):
        return admin_views.can_import_any(request.user)


@hooks.register("register_admin_menu_item")
def register_opendata_menu():
    menu = Menu(
        items=[
            OpenDataMenuItem(
                _("Import CSV"), reverse("opendata_import"), icon_name="upload", order=100
            ),
            PublicDatasetsMenuItem(_("Public datasets"), "/opendata/", icon_name="link", order=200),
        ]
    )
    return OpenDataSubmenu(_("Open data"), menu, icon_name="table", order=900)
