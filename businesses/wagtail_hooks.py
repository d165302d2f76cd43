from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import StatusFlagColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from tourism.models import Area

from . import admin_views
from .forms import BusinessForm
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
    list_display = [
        "business_name", "category", "status",
        StatusFlagColumn("possible_duplicate", label=_("Duplicate?"), true_label=_("Possible duplicate")),
        "submitted_at",
    ]  # fmt: skip
    # Filters (pending first) come from admin_views.ApplicationFilterSet.
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
    add_view_class = admin_views.BusinessCreateView
    edit_view_class = admin_views.BusinessEditView
    # Members are listed with remove boxes and invited by e-mail (see
    # forms.BusinessForm and services.membership), never picked from all users.
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("name_kana"),
            MultiFieldPanel(
                [FieldPanel("remove_members"), FieldPanel("invite_email")],
                heading=_("Members"),
            ),
        ],
        base_form_class=BusinessForm,
    )


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
    actions.register_action("machikado.business.add_member", _("Add member"),
                            _("Member added"))  # fmt: skip
    actions.register_action("machikado.business.remove_member", _("Remove member"),
                            _("Member removed"))  # fmt: skip


@hooks.register("construct_homepage_panels")
def add_my_storefronts_panel(request, panels):
    from .admin_panels import my_storefronts_panel

    panel = my_storefronts_panel(request.user)
    if panel is not None:
        panels.insert(0, panel)
