from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from tourism.models import Area

from . import admin_views
from .models import Business, BusinessApplication, BusinessCategory


class BusinessApplicationViewSet(ModelViewSet):
    model = BusinessApplication
    icon = "form"
    menu_label = _("Applications")
    menu_order = 150
    add_to_admin_menu = True
    name = "business_applications"
    inspect_view_enabled = True
    copy_view_enabled = False
    index_view_class = admin_views.ApplicationIndexView
    inspect_view_class = admin_views.ApplicationInspectView
    list_display = ["business_name", "category", "status", "possible_duplicate", "submitted_at"]
    list_filter = ["status", "possible_duplicate"]
    search_fields = ["business_name", "business_name_kana", "contact_email", "phone"]
    ordering = ["submitted_at"]
    form_fields = [
        "business_name", "business_name_kana", "category", "area", "licence_number",
        "postal_code", "prefecture", "city", "street", "building", "phone", "website",
        "description", "contact_name", "contact_name_kana", "contact_email", "language",
    ]  # fmt: skip

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("<int:pk>/approve/", admin_views.approve, name="approve"),
            path("<int:pk>/reject/", admin_views.reject, name="reject"),
        ]


class BusinessViewSet(ModelViewSet):
    model = Business
    icon = "group"
    menu_label = _("Businesses")
    menu_order = 160
    add_to_admin_menu = True
    name = "business_members"
    copy_view_enabled = False
    list_display = ["name", "name_kana", "created_at"]
    search_fields = ["name", "name_kana"]
    form_fields = ["name", "name_kana"]


class CategoryViewSet(SnippetViewSet):
    model = BusinessCategory
    icon = "tag"
    menu_label = _("Business categories")
    list_display = ["name", "slug", "schema_type", "licence_label"]


class AreaViewSet(SnippetViewSet):
    model = Area
    icon = "site"
    menu_label = _("Areas")
    list_display = ["name", "name_kana", "slug"]


register_snippet(CategoryViewSet)
register_snippet(AreaViewSet)


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [BusinessApplicationViewSet(), BusinessViewSet()]


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action("machikado.application.approve", _("Approve application"),
                            _("Application approved"))  # fmt: skip
    actions.register_action("machikado.application.reject", _("Reject application"),
                            _("Application rejected"))  # fmt: skip
