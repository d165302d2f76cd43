"""/<lang>/opendata/ lists the datasets; /opendata/<dataset>.csv|.json serve them."""

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import condition, require_safe

from . import export
from .spec import DATASETS, EVENTS, TOURISM_FACILITIES

DESCRIPTIONS = {
    TOURISM_FACILITIES.slug: _(
        "Attractions: sights, temples and shrines, museums, parks, onsen ..."
    ),
    EVENTS.slug: _("Events: festivals, markets, exhibitions and workshops, one row per event."),
}
FORMATS = {
    "csv": "text/csv; charset=utf-8; header=present",
    "json": "application/json; charset=utf-8",
}
CACHE_SECONDS = 600


@require_safe
def index(request):
    datasets = [
        {
            "dataset": dataset,
            "description": DESCRIPTIONS[dataset.slug],
            "rows": export.count_for(dataset),
            "updated": export.last_modified(dataset),
            "csv_url": reverse("opendata:opendata_file", args=[dataset.slug, "csv"]),
            "json_url": reverse("opendata:opendata_file", args=[dataset.slug, "json"]),
        }
        for dataset in DATASETS.values()
    ]
    return render(
        request,
        "tourism/opendata/index.html",
        {
            "datasets": datasets,
            "license_name": settings.OPENDATA_LICENSE_NAME,
            "license_url": settings.OPENDATA_LICENSE_URL,
            "municipality_name": settings.OPENDATA_MUNICIPALITY_NAME,
            "municipality_code": settings.OPENDATA_MUNICIPALITY_CODE,
        },
    )


def _dataset(slug):
    try:
        return DATASETS[slug]
    except KeyError:
        raise Http404 from None


def _last_modified(request, dataset, fmt):
    return export.last_modified(_dataset(dataset))


@require_safe
@condition(last_modified_func=_last_modified)
def data_file(request, dataset, fmt):
    spec = _dataset(dataset)
    if fmt not in FORMATS:
        raise Http404
    context = export.Context(base_url=request.build_absolute_uri("/"))
    rows = export.rows_for(spec, context)
    body = export.to_csv(spec, rows) if fmt == "csv" else export.to_json(spec, rows)
    response = HttpResponse(body, content_type=FORMATS[fmt])
    filename = f"{settings.OPENDATA_MUNICIPALITY_CODE}_{spec.slug}.{fmt}"
    disposition = "attachment" if fmt == "csv" else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"
    response["Access-Control-Allow-Origin"] = "*"
    return response
