"""The console's filters: a GET form (date range, area, months for "stale")."""

import datetime as dt
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from tourism.models import Area

from .period import Period

MAX_DAYS = 366 * 10 + 3
DEFAULT_STALE_MONTHS = 6


@dataclass(frozen=True)
class Filters:
    period: Period
    area: Area | None = None  # the source-language (Japanese) area
    stale_months: int = DEFAULT_STALE_MONTHS

    @property
    def area_key(self):
        """The area's translation key: pages in every language share it."""
        return self.area.translation_key if self.area else None

    def query_string(self) -> str:
        from urllib.parse import urlencode

        params = {
            "start": self.period.start.isoformat(),
            "end": self.period.end.isoformat(),
            "stale_months": self.stale_months,
        }
        if self.area:
            params["area"] = self.area.pk
        return urlencode(params)


class AreaChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.localized.name


class FilterForm(forms.Form):
    start = forms.DateField(
        label=_("Start date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("End date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    area = AreaChoiceField(
        label=_("Area"),
        required=False,
        queryset=Area.objects.none(),
        empty_label=_("All areas"),
    )
    stale_months = forms.IntegerField(
        label=_("Stale after (months)"),
        required=False,
        min_value=1,
        max_value=60,
        help_text=_("Storefronts not updated for this many months count as stale."),
    )

    def __init__(self, data=None, *, today: dt.date | None = None):
        # Only our own fields: other GET parameters (e.g. Wagtail's) are ignored.
        data = {key: data.get(key) for key in self.base_fields if data and key in data} or None
        if data is not None:
            data.setdefault("stale_months", str(DEFAULT_STALE_MONTHS))
        super().__init__(data)
        self.default = Period.default(today)
        self.fields["area"].queryset = Area.objects.filter(
            locale__language_code=settings.LANGUAGE_CODE
        ).select_related("locale")
        if not self.is_bound:
            self.initial = {
                "start": self.default.start,
                "end": self.default.end,
                "stale_months": DEFAULT_STALE_MONTHS,
            }

    def clean(self):
        cleaned = super().clean()
        start = cleaned.get("start")
        end = cleaned.get("end")
        if "start" in cleaned and start is None:
            cleaned["start"] = start = self.default.start if end is None else end.replace(day=1)
        if "end" in cleaned and end is None:
            cleaned["end"] = end = max(self.default.end, start) if start else self.default.end
        if start and end:
            if end < start:
                self.add_error("end", _("The end date must not be before the start date."))
            elif (end - start).days > MAX_DAYS:
                self.add_error("end", _("Choose a range of at most ten years."))
        return cleaned

    def filters(self) -> Filters:
        """The valid filters, or the defaults when the form is unbound or invalid."""
        if self.is_bound and self.is_valid():
            data = self.cleaned_data
            return Filters(
                period=Period(data["start"], data["end"]),
                area=data["area"],
                stale_months=data["stale_months"] or DEFAULT_STALE_MONTHS,
            )
        return Filters(period=self.default)
