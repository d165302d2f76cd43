"""A report of searches for city staff (Reports → Searches in the Wagtail
admin): top searches, searches with no result and click-through by kind over
a date range (the last 30 days by default). Counted in the database, a fixed
handful of queries whatever the traffic. Owners get 403."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.conf import settings
from django.db.models import Avg, Count, Max, Q
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from machikado.setup import CITY_STAFF_GROUP
from search.models import SearchClick, SearchLog
from search.params import TOKYO
from search.presenters import kind_badges

REPORT_ROWS = 25
DEFAULT_DAYS = 30
MAX_DAYS = 366


def is_city_staff(user) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.groups.filter(name=CITY_STAFF_GROUP).exists()


class PeriodForm(forms.Form):
    start = forms.DateField(
        label=gettext_lazy("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=gettext_lazy("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    language = forms.ChoiceField(label=gettext_lazy("Language"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [("", _("All languages")), *settings.LANGUAGES]

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end < start:
                self.add_error("end", _("The end date must not be before the start date."))
            elif (end - start).days >= MAX_DAYS:
                self.add_error("end", _("Choose a range of at most one year."))
        return data


def period(form: PeriodForm) -> tuple[dt.date, dt.date, str]:
    today = timezone.localtime(timezone.now(), TOKYO).date()
    start, end, language = today - dt.timedelta(days=DEFAULT_DAYS - 1), today, ""
    if form.is_valid():
        end = form.cleaned_data["end"] or end
        start = form.cleaned_data["start"] or end - dt.timedelta(days=DEFAULT_DAYS - 1)
        language = form.cleaned_data["language"]
    return start, end, language


def report_data(start: dt.date, end: dt.date, language: str = "") -> dict:
    """Every figure of the report, in five queries."""
    since = dt.datetime.combine(start, dt.time(0), tzinfo=TOKYO)
    until = dt.datetime.combine(end + dt.timedelta(days=1), dt.time(0), tzinfo=TOKYO)
    logs = SearchLog.objects.filter(created_at__gte=since, created_at__lt=until)
    clicks = SearchClick.objects.filter(created_at__gte=since, created_at__lt=until)
    if language:
        logs = logs.filter(language=language)
        clicks = clicks.filter(search__language=language)

    totals = logs.aggregate(
        searches=Count("id"),
        no_result=Count("id", filter=Q(results=0)),
    )
    clicked = logs.filter(clicks__isnull=False).values("id").distinct().count()
    top = list(
        logs.values("query")
        .annotate(searches=Count("id"), results=Avg("results"), last=Max("created_at"))
        .order_by("-searches", "query")[:REPORT_ROWS]
    )
    empty = list(
        logs.filter(results=0)
        .values("query")
        .annotate(searches=Count("id"), last=Max("created_at"))
        .order_by("-searches", "query")[:REPORT_ROWS]
    )
    by_kind = list(
        clicks.values("kind")
        .annotate(clicks=Count("id"), position=Avg("position"))
        .order_by("-clicks", "kind")
    )
    total_clicks = sum(row["clicks"] for row in by_kind)
    for row in by_kind:
        row["share"] = round(100 * row["clicks"] / total_clicks) if total_clicks else 0
    searches = totals["searches"]
    return {
        "searches": searches,
        "no_result": totals["no_result"],
        "clicked": clicked,
        "click_rate": round(100 * clicked / searches) if searches else 0,
        "no_result_rate": round(100 * totals["no_result"] / searches) if searches else 0,
        "top": top,
        "empty": empty,
        "by_kind": by_kind,
        "total_clicks": total_clicks,
    }


def search_report(request):
    if not is_city_staff(request.user):
        return TemplateResponse(
            request,
            "search/admin/forbidden.html",
            {"page_title": _("Searches")},
            status=403,
        )
    form = PeriodForm(request.GET or None)
    start, end, language = period(form)
    data = report_data(start, end, language)
    labels = kind_badges()
    for row in data["by_kind"]:
        row["label"] = labels.get(row["kind"], row["kind"])
    context = {
        "page_title": _("Searches"),
        "header_icon": "search",
        "form": form,
        "start": start,
        "end": end,
        **data,
    }
    return TemplateResponse(request, "search/admin/report.html", context)


@hooks.register("register_admin_urls")
def register_search_report_url():
    return [path("reports/searches/", search_report, name="search_report")]


class SearchReportMenuItem(MenuItem):
    def is_shown(self, request):
        return is_city_staff(request.user)


@hooks.register("register_reports_menu_item")
def register_search_report_menu_item():
    return SearchReportMenuItem(
        gettext_lazy("Searches"),
        reverse("search_report"),
        name="searches",
        icon_name="search",
        order=900,
    )
