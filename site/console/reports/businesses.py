"""Businesses: online now, newly online per month, by category and area,
selling online or taking cards, stale storefronts.

A business is **online** while one of its storefront pages is live
(``wagtailcore_page.live``); each business counts once whatever the number of
its language versions. It went **online** when its first storefront page was
first published (``MIN(first_published_at)`` over its pages).
"""

import datetime as dt

from django.conf import settings
from django.db.models import Count, F, Max, Min, OuterRef, Q, Subquery
from django.utils import timezone

from businesses.models import Business, BusinessCategory, BusinessPage
from shop.models import Product
from tourism.models import Area

from ..period import Period, add_months
from .common import fill_months, month_of, names_by_key, percent

CARD_CODE = "credit_card"


def live_storefronts(area_key=None):
    pages = BusinessPage.objects.live()
    if area_key is not None:
        pages = pages.filter(area__translation_key=area_key)
    return pages


def online_now(area_key=None) -> int:
    """Businesses with a live storefront.

    SQL: ``SELECT COUNT(DISTINCT bp.business_id) FROM businesses_businesspage bp
    JOIN wagtailcore_page p ON p.id = bp.page_ptr_id [JOIN tourism_area a ON a.id = bp.area_id]
    WHERE p.live [AND a.translation_key = :area]``.
    """
    return live_storefronts(area_key).aggregate(n=Count("business", distinct=True))["n"]


def new_per_month(period: Period, area_key=None) -> list[dict]:
    """Businesses that went online per month of the period: {month, count}.

    SQL: ``SELECT date_trunc('month', first AT TIME ZONE 'Asia/Tokyo') AS month, COUNT(*)
    FROM (SELECT b.id, (SELECT MIN(p.first_published_at) FROM businesses_businesspage bp
    JOIN wagtailcore_page p ON p.id = bp.page_ptr_id WHERE bp.business_id = b.id) AS first
    FROM businesses_business b) t WHERE first >= :since AND first < :until
    [AND id IN (businesses with a storefront in :area)] GROUP BY month ORDER BY month``.
    """
    first = (
        BusinessPage.objects.filter(business=OuterRef("pk"), first_published_at__isnull=False)
        .order_by("first_published_at")
        .values("first_published_at")[:1]
    )
    businesses = Business.objects.annotate(first=Subquery(first)).filter(
        first__gte=period.since, first__lt=period.until
    )
    if area_key is not None:
        businesses = businesses.filter(
            pk__in=BusinessPage.objects.filter(area__translation_key=area_key).values("business")
        )
    rows = (
        businesses.annotate(month=month_of("first"))
        .values("month")
        .annotate(count=Count("pk"))
        .order_by("month")
    )
    found = {row["month"]: row for row in rows}
    return fill_months(found, period.months(), lambda month: {"month": month, "count": 0})


def _online_by(field, model, name, area_key):
    rows = list(
        live_storefronts(area_key)
        .values(key=F(field))
        .annotate(count=Count("business", distinct=True))
        .order_by("-count", "key")
    )
    names = names_by_key(model, [row["key"] for row in rows])
    return [{name: names.get(row["key"], "—"), "count": row["count"]} for row in rows]


def by_category(area_key=None) -> list[dict]:
    """Businesses online now per category: {category, count}, most first.

    SQL: ``SELECT c.translation_key, COUNT(DISTINCT bp.business_id) FROM live storefronts bp
    JOIN businesses_businesscategory c ON c.id = bp.category_id GROUP BY c.translation_key``.
    """
    return _online_by("category__translation_key", BusinessCategory, "category", area_key)


def by_area(area_key=None) -> list[dict]:
    """Businesses online now per area: {area, count}, most first.

    SQL: ``SELECT a.translation_key, COUNT(DISTINCT bp.business_id) FROM live storefronts bp
    JOIN tourism_area a ON a.id = bp.area_id GROUP BY a.translation_key``.
    """
    return _online_by("area__translation_key", Area, "area", area_key)


def selling(area_key=None) -> dict:
    """Of the businesses online now: {online, sells_online, cards_in_store,
    cards_online, takes_cards} and the shares in percent (``*_share``).

    - sells online: has a shop profile and at least one published product;
    - cards in store: a live storefront lists "Credit cards" among its payment methods;
    - cards online: sells online and its shop accepts cards;
    - takes cards: either of the two.

    SQL: ``SELECT COUNT(*), COUNT(*) FILTER (WHERE id IN (SELECT business_id FROM
    shop_shopprofile) AND id IN (SELECT business_id FROM shop_product WHERE status =
    'published')), ... FROM businesses_business WHERE id IN (live storefronts' business_id)``.
    """
    online_ids = live_storefronts(area_key).values("business")
    sells = Q(shop__isnull=False) & Q(pk__in=Product.objects.published().values("business"))
    in_store = Q(
        pk__in=BusinessPage.objects.live()
        .filter(payment_methods__code=CARD_CODE)
        .values("business")
    )
    online_card = sells & Q(shop__accepts_card=True)
    counts = Business.objects.filter(pk__in=online_ids).aggregate(
        online=Count("pk"),
        sells_online=Count("pk", filter=sells),
        cards_in_store=Count("pk", filter=in_store),
        cards_online=Count("pk", filter=online_card),
        takes_cards=Count("pk", filter=in_store | online_card),
    )
    for key in ("sells_online", "cards_in_store", "cards_online", "takes_cards"):
        counts[f"{key}_share"] = percent(counts[key], counts["online"])
    return counts


def stale_storefronts(months: int, area_key=None, now: dt.datetime | None = None) -> list[dict]:
    """Online businesses whose storefront has not been published for ``months``
    months: {business_id, business, page_id, last_published, days}, oldest first.
    ``last_published`` is the latest publication of any language version.

    SQL: ``SELECT bp.business_id, b.name, MAX(p.last_published_at) AS last
    FROM live storefronts bp JOIN businesses_business b ON b.id = bp.business_id
    GROUP BY bp.business_id, b.name HAVING MAX(p.last_published_at) < :now − months
    ORDER BY last``.
    """
    now = now or timezone.now()
    local = timezone.localtime(now)
    cutoff = add_months(local.date().replace(day=1), -months)
    cutoff = local.replace(
        year=cutoff.year, month=cutoff.month, day=min(local.day, _days_in(cutoff))
    )
    rows = (
        live_storefronts(area_key)
        .values("business_id", "business__name")
        .annotate(
            last_published=Max("last_published_at"),
            page_id=Min("pk", filter=Q(locale__language_code=settings.LANGUAGE_CODE)),
        )
        .filter(last_published__lt=cutoff)
        .order_by("last_published", "business__name")
    )
    return [
        {
            "business_id": row["business_id"],
            "business": row["business__name"],
            "page_id": row["page_id"],
            "last_published": row["last_published"],
            "days": (now - row["last_published"]).days,
        }
        for row in rows
    ]


def _days_in(month: dt.date) -> int:
    return (add_months(month, 1) - month).days
