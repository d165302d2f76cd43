"""Visitors: page views per day, per kind of page, top pages, languages.

From the aggregate counters ``machikado_pageviewcount`` (one row per day,
kind, page or product id and language, with its number of views; no cookie
or personal data). ``day`` is an Asia/Tokyo date. With an area, only pages
that belong to it count: storefronts, attractions, events, model courses and
area pages whose area matches, and products of businesses in it.
"""

from django.apps import apps
from django.db.models import Q, Sum
from django.utils import translation
from wagtail.models import Page

from ..period import Period
from .common import percent

TOP = 20
#: Page kinds whose pages carry an area, with the model holding the area.
AREA_MODELS = {
    "shop": "businesses.BusinessPage",
    "attraction": "tourism.AttractionPage",
    "event": "tourism.EventPage",
    "course": "tourism.ModelCoursePage",
    "area": "tourism.AreaPage",
}


def model():
    try:
        return apps.get_model("machikado", "PageViewCount")
    except LookupError:
        return None


def available() -> bool:
    return model() is not None


def counters(period: Period, area_key=None):
    """The counters of the period (and area)."""
    rows = model().objects.filter(day__gte=period.start, day__lte=period.end)
    if area_key is not None:
        in_area = Q()
        for kind, name in AREA_MODELS.items():
            pages = apps.get_model(name).objects.filter(area__translation_key=area_key)
            in_area |= Q(kind=kind, object_id__in=pages.values("pk"))
        Product = apps.get_model("shop", "Product")
        BusinessPage = apps.get_model("businesses", "BusinessPage")
        businesses = BusinessPage.objects.filter(area__translation_key=area_key).values("business")
        products = Product.objects.filter(business__in=businesses).values("pk")
        in_area |= Q(kind="product", object_id__in=products)
        rows = rows.filter(in_area)
    return rows


def per_day(period: Period, area_key=None) -> list[dict]:
    """Views per day of the period, zeros included: {day, views}.

    SQL: ``SELECT day, SUM(views) FROM machikado_pageviewcount
    WHERE day BETWEEN :start AND :end GROUP BY day ORDER BY day``.
    """
    rows = counters(period, area_key).values("day").annotate(views=Sum("views")).order_by("day")
    found = {row["day"]: row["views"] for row in rows}
    return [{"day": day, "views": found.get(day, 0)} for day in period.days()]


def _labels():
    return dict(model().KIND_CHOICES)


def per_kind(period: Period, area_key=None) -> list[dict]:
    """Views per kind of page: {kind, label, views, share}, most first.

    SQL: ``SELECT kind, SUM(views) FROM machikado_pageviewcount
    WHERE day BETWEEN :start AND :end GROUP BY kind ORDER BY SUM(views) DESC``.
    """
    rows = list(
        counters(period, area_key)
        .values("kind")
        .annotate(views=Sum("views"))
        .order_by("-views", "kind")
    )
    total = sum(row["views"] for row in rows)
    labels = _labels()
    return [
        {
            **row,
            "label": str(labels.get(row["kind"], row["kind"])),
            "share": percent(row["views"], total),
        }
        for row in rows
    ]


def top_pages(period: Period, area_key=None, limit: int | None = TOP) -> list[dict]:
    """The most viewed pages and products: {kind, label, object_id, title, url, views}.

    SQL: ``SELECT kind, object_id, SUM(views) FROM machikado_pageviewcount
    WHERE day BETWEEN :start AND :end GROUP BY kind, object_id
    ORDER BY SUM(views) DESC LIMIT 20``; titles from wagtailcore_page (pages)
    and shop_product (products).
    """
    rows = (
        counters(period, area_key)
        .values("kind", "object_id")
        .annotate(views=Sum("views"))
        .order_by("-views", "kind", "object_id")
    )
    if limit is not None:
        rows = rows[:limit]
    rows = list(rows)
    Product = apps.get_model("shop", "Product")
    product_ids = {r["object_id"] for r in rows if r["kind"] == "product"}
    page_ids = {
        r["object_id"] for r in rows if r["kind"] not in ("product", "search") and r["object_id"]
    }
    pages = (
        dict(Page.objects.filter(pk__in=page_ids).values_list("pk", "title")) if page_ids else {}
    )
    products = (
        dict(Product.objects.filter(pk__in=product_ids).values_list("pk", "title"))
        if product_ids
        else {}
    )
    labels = _labels()
    result = []
    for row in rows:
        if row["kind"] == "product":
            title = products.get(row["object_id"], f"#{row['object_id']}")
        elif row["kind"] == "search":
            title = str(labels.get("search", "search"))
        else:
            title = pages.get(row["object_id"], f"#{row['object_id']}")
        result.append({**row, "label": str(labels.get(row["kind"], row["kind"])), "title": title})
    return result


def languages(period: Period, area_key=None) -> list[dict]:
    """Views per language of the page viewed: {language, label, views, share}, most first.

    SQL: ``SELECT language, SUM(views) FROM machikado_pageviewcount
    WHERE day BETWEEN :start AND :end GROUP BY language ORDER BY SUM(views) DESC``.
    """
    rows = list(
        counters(period, area_key)
        .values("language")
        .annotate(views=Sum("views"))
        .order_by("-views", "language")
    )
    total = sum(row["views"] for row in rows)
    return [
        {**row, "label": _language_name(row["language"]), "share": percent(row["views"], total)}
        for row in rows
    ]


def _language_name(code) -> str:
    try:
        return str(translation.get_language_info(code)["name_translated"])
    except KeyError:
        return code
