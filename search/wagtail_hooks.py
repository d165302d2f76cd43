"""Search analytics for city staff live in the City console's Search section
(machikado.console: top searches, searches with no result, click-through by
kind, with charts and exports). The admin's Reports menu links there too, so
staff find it where Wagtail keeps its reports."""

from django.urls import reverse
from django.utils.translation import gettext_lazy
from wagtail import hooks

from machikado.console.wagtail_hooks import ConsoleMenuItem


@hooks.register("register_reports_menu_item")
def register_search_report_menu_item():
    return ConsoleMenuItem(
        gettext_lazy("Searches"),
        reverse("city_console:section", args=["search"]),
        name="searches",
        icon_name="search",
        order=900,
    )
