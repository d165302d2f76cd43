"""The admin's open data import: upload a CSV, see the report, nothing written on errors."""

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .importer import import_file
from .spec import EVENTS, TOURISM_FACILITIES


def listing_for(dataset):
    from tourism.models import AttractionIndexPage, EventIndexPage

    model = AttractionIndexPage if dataset is TOURISM_FACILITIES else EventIndexPage
    return model.objects.filter(locale__language_code="ja").first()


def can_import(user, dataset) -> bool:
    """Who may publish pages under the Japanese listing may import into it."""
    listing = listing_for(dataset)
    return bool(
        user.is_authenticated
        and listing is not None
        and listing.permissions_for_user(user).can_publish_subpage()
    )


def can_import_any(user) -> bool:
    return any(can_import(user, dataset) for dataset in (TOURISM_FACILITIES, EVENTS))


class ImportForm(forms.Form):
    dataset = forms.ChoiceField(
        label=gettext_lazy("Dataset"),
        choices=[
            (TOURISM_FACILITIES.slug, gettext_lazy("Attractions (観光施設一覧)")),
            (EVENTS.slug, gettext_lazy("Events (イベント一覧)")),
        ],
        widget=forms.RadioSelect,
    )
    file = forms.FileField(
        label=gettext_lazy("CSV file"),
        help_text=gettext_lazy("UTF-8 or Shift_JIS, with the standard's columns in its order."),
    )
    dry_run = forms.BooleanField(
        label=gettext_lazy("Only check the file (write nothing)"), required=False
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.OPENDATA_IMPORT_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _("The file is larger than %(limit)s.") % {"limit": filesizeformat(limit)}
            )
        return upload


def import_view(request):
    if not can_import_any(request.user):
        raise PermissionDenied
    report = None
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            dataset = {d.slug: d for d in (TOURISM_FACILITIES, EVENTS)}[
                form.cleaned_data["dataset"]
            ]
            if not can_import(request.user, dataset):
                raise PermissionDenied
            report = import_file(
                dataset,
                form.cleaned_data["file"].read(),
                user=request.user,
                dry_run=form.cleaned_data["dry_run"],
            )
    else:
        form = ImportForm(initial={"dataset": TOURISM_FACILITIES.slug})
    return render(
        request,
        "tourism/opendata/admin_import.html",
        {"form": form, "report": report, "header_icon": "upload"},
    )
