"""Search: what visitors look for, what finds nothing, what they open.

From the analytics tables of the discovery search (search_searchlog: one row
per search typed, empty browsing not logged; search_searchclick: one row per
result opened, with its kind and position). No personal data is stored.
Searches are dated by ``created_at`` (Asia/Tokyo); clicks count with their search.
"""

from django.db.models import Avg, Count, IntegerField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from search.models import SearchClick, SearchLog

from ..period import Period
from .common import percent

TOP = 20


def _searches(period: Period):
    return SearchLog.objects.filter(created_at__gte=period.since, created_at__lt=period.until)


def _clicks_per_search():
    clicks = (
        SearchClick.objects.filter(search=OuterRef("pk"))
        .values("search")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    return Coalesce(Subquery(clicks, output_field=IntegerField()), Value(0))


def top_queries(period: Period, limit: int | None = TOP) -> list[dict]:
    """The most frequent queries: {query, searches, average_results, clicks}.

    SQL (clicks counted per search in a subquery, so a search with several
    clicks does not weigh more in the average)::

        SELECT s.query, COUNT(*), AVG(s.results),
               SUM((SELECT COUNT(*) FROM search_searchclick c WHERE c.search_id = s.id))
        FROM search_searchlog s WHERE s.created_at >= :since AND s.created_at < :until
        GROUP BY s.query ORDER BY COUNT(*) DESC, s.query LIMIT 20
    """
    rows = (
        _searches(period)
        .annotate(click_count=_clicks_per_search())
        .values("query")
        .annotate(
            searches=Count("pk"),
            average_results=Avg("results"),
            clicks=Sum("click_count"),
        )
        .order_by("-searches", "query")
    )
    if limit is not None:
        rows = rows[:limit]
    return [{**row, "average_results": round(row["average_results"] or 0, 1)} for row in rows]


def no_results(period: Period, limit: int | None = TOP) -> list[dict]:
    """Queries that found nothing: {query, searches, last}, most frequent first.

    SQL: ``SELECT query, COUNT(*), MAX(created_at) FROM search_searchlog
    WHERE results = 0 AND created_at >= :since AND created_at < :until
    GROUP BY query ORDER BY COUNT(*) DESC, query LIMIT 20``.
    """
    from django.db.models import Max

    rows = (
        _searches(period)
        .filter(results=0)
        .values("query")
        .annotate(searches=Count("pk"), last=Max("created_at"))
        .order_by("-searches", "query")
    )
    if limit is not None:
        rows = rows[:limit]
    return list(rows)


def totals(period: Period) -> dict:
    """{searches, with_results, with_click, no_result_share, click_through}
    (shares in percent of all searches).

    SQL: ``SELECT COUNT(*), COUNT(*) FILTER (WHERE results > 0),
    COUNT(*) FILTER (WHERE EXISTS (SELECT 1 FROM search_searchclick c WHERE c.search_id = s.id))
    FROM search_searchlog s WHERE created_at in the period``.
    """
    counts = _searches(period).aggregate(
        searches=Count("pk", distinct=True),
        no_result=Count("pk", filter=Q(results=0), distinct=True),
        with_click=Count("pk", filter=Q(clicks__isnull=False), distinct=True),
    )
    counts["no_result_share"] = percent(counts["no_result"], counts["searches"])
    counts["click_through"] = percent(counts["with_click"], counts["searches"])
    return counts


def clicks_by_kind(period: Period) -> list[dict]:
    """Per kind of result opened: {kind, clicks, searches, click_through,
    average_position}; click_through = searches of the period with a click on
    that kind ÷ all searches of the period, in percent.

    SQL: ``SELECT c.kind, COUNT(*), COUNT(DISTINCT c.search_id), AVG(c.position)
    FROM search_searchclick c JOIN search_searchlog s ON s.id = c.search_id
    WHERE s.created_at in the period GROUP BY c.kind ORDER BY COUNT(*) DESC``.
    """
    all_searches = _searches(period).count()
    rows = (
        SearchClick.objects.filter(
            search__created_at__gte=period.since, search__created_at__lt=period.until
        )
        .values("kind")
        .annotate(
            clicks=Count("pk"),
            searches=Count("search", distinct=True),
            average_position=Avg("position"),
        )
        .order_by("-clicks", "kind")
    )
    return [
        {
            **row,
            "click_through": percent(row["searches"], all_searches),
            "average_position": round(row["average_position"] or 0, 1),
        }
        for row in rows
    ]
