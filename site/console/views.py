"""The City console's admin views: staff only (see access.py), GET filters."""

from django.http import Http404, HttpResponseBadRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View

from . import exports
from .access import require_city_staff
from .filters import FilterForm
from .reports import approvals as approvals_report
from .reports import businesses as businesses_report
from .reports import commerce as commerce_report
from .reports import visitors as visitors_report
from .sections import BY_SLUG, SECTIONS, commerce_definition

try:
    from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
except ImportError:  # pragma: no cover
    from wagtail.admin.views.generic import WagtailAdminTemplateMixin


class StaffOnlyMixin:
    def dispatch(self, request, *args, **kwargs):
        require_city_staff(request.user)
        return super().dispatch(request, *args, **kwargs)


class ConsoleView(StaffOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    header_icon = "site"
    page_title = gettext_lazy("City console")
    section = None

    def get_breadcrumbs_items(self):
        items = [
            *self.breadcrumbs_items,
            {"url": reverse("city_console:index"), "label": _("City console")},
        ]
        if self.section is not None:
            items.append({"url": "", "label": self.section.title})
        return items

    def get_page_title(self):
        if self.section is not None:
            return f"{self.section.title} · {_('City console')}"
        return _("City console")

    def filter_form(self):
        return FilterForm(self.request.GET or None)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sections"] = [
            {
                "slug": e.slug,
                "label": e.label,
                "url": reverse("city_console:section", args=[e.slug]),
            }
            for e in SECTIONS
        ]
        context["current"] = self.section.slug if self.section is not None else ""
        return context


class IndexView(ConsoleView):
    """The headline KPIs of the period, and links to the sections."""

    template_name = "console/index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = self.filter_form()
        filters = form.filters()
        growth = commerce_report.growth(filters.period, filters.area_key)
        views = (
            sum(r["views"] for r in visitors_report.per_day(filters.period, filters.area_key))
            if visitors_report.available()
            else None
        )
        context.update(
            form=form,
            filters=filters,
            query_string=filters.query_string(),
            kpis=[
                (_("Applications pending"), len(approvals_report.pending_applications()), ""),
                (_("Pages awaiting moderation"), len(approvals_report.pages_in_moderation()), ""),
                (_("Businesses online now"), businesses_report.online_now(filters.area_key), ""),
                (
                    _("Businesses newly online"),
                    sum(
                        r["count"]
                        for r in businesses_report.new_per_month(filters.period, filters.area_key)
                    ),
                    "",
                ),
                (
                    _("Paid orders"),
                    growth["current"]["orders"],
                    _change(growth["change"]["orders"]),
                ),
                (
                    _("Gross sales"),
                    f"¥{growth['current']['gross']:,}",
                    _change(growth["change"]["gross"]),
                ),
                (_("Page views"), "—" if views is None else f"{views:,}", ""),
            ],
            definition=commerce_definition(),
        )
        return context


def _change(value):
    if value is None:
        return _("no figure last year")
    return _("%(change)s against the same period last year") % {"change": f"{value:+.1f}%"}


class SectionView(ConsoleView):
    template_name = "console/section.html"

    def dispatch(self, request, *args, **kwargs):
        entry = BY_SLUG.get(kwargs["section"])
        if entry is None:
            raise Http404
        self.entry = entry
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        self.form = self.filter_form()
        self.filters = self.form.filters()
        self.section = self.entry.build(self.filters, timezone.now())
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.filters.query_string()
        slug = self.section.slug
        context.update(
            form=self.form,
            filters=self.filters,
            section=self.section,
            query_string=query,
            exports=[
                {
                    "table": table,
                    "csv": reverse("city_console:export", args=[slug, table.slug, "csv"])
                    + "?"
                    + query,
                    "xlsx": reverse("city_console:export", args=[slug, table.slug, "xlsx"])
                    + "?"
                    + query,
                }
                for table in self.section.tables
            ],
            workbook_url=reverse("city_console:workbook", args=[slug]) + "?" + query,
            invalid=self.form.is_bound and not self.form.is_valid(),
        )
        return context


class ExportView(StaffOnlyMixin, View):
    """One table as CSV or Excel, or a whole section as an Excel workbook."""

    def get(self, request, section, table=None, format="xlsx"):
        entry = BY_SLUG.get(section)
        if entry is None or format not in ("csv", "xlsx"):
            raise Http404
        form = FilterForm(request.GET or None)
        if form.is_bound and not form.is_valid():
            errors = "; ".join(f"{k}: {' '.join(v)}" for k, v in form.errors.items())
            return HttpResponseBadRequest(errors, content_type="text/plain; charset=utf-8")
        filters = form.filters()
        built = entry.build(filters, timezone.now())
        chosen = None
        if table is not None:
            chosen = built.table(table)
            if chosen is None:
                raise Http404
        if format == "csv":
            if chosen is None:
                raise Http404
            return exports.csv_response(built, chosen, filters)
        return exports.xlsx_response(built, chosen, filters)
