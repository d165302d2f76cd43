"""The owner's admin home: their storefronts first, with what to do next."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

from .models import BusinessPage
from .models.business import businesses_of


class MyStorefrontsPanel(Component):
    name = "my_storefronts"
    template_name = "businesses/admin/my_storefronts_panel.html"
    order = 50  # before Wagtail's own panels

    def __init__(self, storefronts):
        self.storefronts = storefronts

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["storefronts"] = self.storefronts
        context["heading"] = _("Your storefront")
        return context


def my_storefronts_panel(user):
    """The panel for a member of one or more businesses, or None."""
    pages = list(
        BusinessPage.objects.filter(business__in=businesses_of(user))
        .select_related("locale", "business")
        .order_by("business__name", "locale__language_code")
    )
    return MyStorefrontsPanel(pages) if pages else None
