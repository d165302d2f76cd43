"""The console's sections: reports turned into titled tables, figures and
charts. Pages and exports build the same sections, so what is exported is what
is shown."""

import inspect
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import charts
from .filters import Filters
from .reports import approvals as approvals_report
from .reports import businesses as businesses_report
from .reports import commerce as commerce_report
from .reports import health as health_report
from .reports import search as search_report
from .reports import visitors as visitors_report
from .tables import (
    BOOL,
    CHANGE,
    DATE,
    DATETIME,
    DECIMAL,
    INT,
    MONTH,
    PERCENT,
    ROW,
    YEN,
    Column,
    Figure,
    Section,
    Table,
)

SHOWN_ROWS = 100  # longer lists are complete in the exports


def doc(function) -> str:
    """The report function's docstring (its SQL), with its module's when it
    refers to it (the commerce reports share one base query)."""
    text = inspect.getdoc(function) or ""
    if "module docstring" in text:
        module = inspect.getmodule(function)
        text = f"{text}\n\n{inspect.getdoc(module)}"
    return text


def _url(name, *args) -> str:
    return reverse(name, args=args)


# -- approvals -----------------------------------------------------------------------


def approvals(filters: Filters, now=None) -> Section:
    now = now or timezone.now()
    applications = approvals_report.pending_applications(now)
    for row in applications:
        row["url"] = _url("business_applications:inspect", row["id"])
    pages = approvals_report.pages_in_moderation(now)
    for row in pages:
        row["url"] = _url("wagtailadmin_pages:edit", row["page_id"])
    section = Section(
        "approvals",
        _("Approvals"),
        _("What waits for the city, oldest first. The queue is not filtered by date or area."),
        area_applies=False,
        period_applies=False,
    )
    section.figures = [
        Figure(_("Applications pending"), len(applications)),
        Figure(_("Pages awaiting moderation"), len(pages)),
        Figure(
            _("Oldest waiting (days)"),
            max([r["age_days"] for r in applications + pages], default=None),
        ),
    ]
    section.tables = [
        Table(
            "applications",
            _("Business applications awaiting review"),
            [
                Column("business", _("Business"), link="url"),
                Column("category", _("Category")),
                Column("area", _("Area")),
                Column("submitted_at", _("Submitted"), DATETIME),
                Column("age_days", _("Waiting (days)"), INT),
                Column("possible_duplicate", _("Possible duplicate"), BOOL),
            ],
            applications,
            query=doc(approvals_report.pending_applications),
            empty=_("No application is waiting."),
        ),
        Table(
            "pages",
            _("Pages awaiting moderation"),
            [
                Column("title", _("Page"), link="url"),
                Column("kind", _("Kind")),
                Column("language", _("Language")),
                Column("task", _("Task")),
                Column("requested_by", _("Submitted by")),
                Column("submitted_at", _("Submitted"), DATETIME),
                Column("age_days", _("Waiting (days)"), INT),
            ],
            pages,
            description=_("Pages in the “City approval” workflow (in progress)."),
            query=doc(approvals_report.pages_in_moderation),
            empty=_("No page is waiting."),
        ),
    ]
    section.notes = [
        _(
            "Products are not moderated: a shop publishes its own products, and they "
            "show only while its storefront is live. There is no product queue."
        )
    ]
    return section


# -- businesses ----------------------------------------------------------------------


def businesses(filters: Filters, now=None) -> Section:
    key, period = filters.area_key, filters.period
    online = businesses_report.online_now(key)
    new = businesses_report.new_per_month(period, key)
    categories = businesses_report.by_category(key)
    areas = businesses_report.by_area(key)
    selling = businesses_report.selling(key)
    stale = _stale_rows(filters, now)
    section = Section(
        "businesses", _("Businesses"), _("Businesses with a live storefront (“online”).")
    )
    section.figures = [
        Figure(_("Online now"), online),
        Figure(_("Newly online in the period"), sum(r["count"] for r in new)),
        Figure(_("Sell online"), selling["sells_online_share"], PERCENT),
        Figure(_("Take cards"), selling["takes_cards_share"], PERCENT),
        Figure(_("Stale storefronts"), len(stale)),
    ]
    new_table = Table(
        "new-per-month",
        _("Businesses newly online per month"),
        [Column("month", _("Month"), MONTH), Column("count", _("Businesses"), INT)],
        new,
        description=_("Dated by the first publication of their storefront."),
        query=doc(businesses_report.new_per_month),
    )
    new_table.chart = charts.column_chart(
        new_table.title,
        _("Columns per month; the numbers are in the table next to the chart."),
        [r["month"].strftime("%Y-%m") for r in new],
        [charts.Series(_("Businesses"), [r["count"] for r in new])],
        table_id=new_table.id,
    )
    category_table = Table(
        "by-category",
        _("Businesses online by category"),
        [Column("category", _("Category")), Column("count", _("Businesses"), INT)],
        categories,
        query=doc(businesses_report.by_category),
    )
    category_table.chart = _bars(category_table, "category", "count")
    area_table = Table(
        "by-area",
        _("Businesses online by area"),
        [Column("area", _("Area")), Column("count", _("Businesses"), INT)],
        areas,
        query=doc(businesses_report.by_area),
    )
    area_table.chart = _bars(area_table, "area", "count")
    measures = [
        ("sells_online", _("Sell online (published products)")),
        ("takes_cards", _("Take cards (in the shop or online)")),
        ("cards_in_store", _("Take cards in the shop")),
        ("cards_online", _("Take cards online")),
    ]
    selling_rows = [
        {"measure": label, "count": selling[k], "share": selling[f"{k}_share"]}
        for k, label in measures
    ]
    selling_table = Table(
        "selling",
        _("Selling online and taking cards"),
        [
            Column("measure", _("Businesses online that…")),
            Column("count", _("Businesses"), INT),
            Column("share", _("Share of businesses online"), PERCENT),
        ],
        selling_rows,
        description=_("Shares of the %(count)s businesses online now.") % {"count": online},
        query=doc(businesses_report.selling),
    )
    selling_table.chart = _bars(selling_table, "measure", "share", unit="%")
    section.tables = [
        new_table,
        category_table,
        area_table,
        selling_table,
        _stale_table(stale, filters),
    ]
    section.notes = [
        _(
            "“Online now” and the breakdowns are as of today; the date range applies to newly online businesses."
        )
    ]
    return section


def _stale_rows(filters, now):
    rows = businesses_report.stale_storefronts(filters.stale_months, filters.area_key, now)
    for row in rows:
        row["url"] = _url("wagtailadmin_pages:edit", row["page_id"]) if row["page_id"] else ""
    return rows


def _stale_table(rows, filters) -> Table:
    return Table(
        "stale",
        _("Storefronts not updated for %(months)s months") % {"months": filters.stale_months},
        [
            Column("business", _("Business"), link="url"),
            Column("last_published", _("Last published"), DATETIME),
            Column("days", _("Days since"), INT),
        ],
        rows,
        description=_("Live storefronts whose latest publication (any language) is older."),
        query=doc(businesses_report.stale_storefronts),
        empty=_("Every storefront was updated recently."),
    )


def _bars(table: Table, label_key, value_key, unit="") -> charts.Chart:
    return charts.bar_chart(
        table.title,
        _("Horizontal bars, one per row of the table next to the chart, with their values."),
        [(row[label_key], row[value_key]) for row in table.rows],
        unit=unit,
        table_id=table.id,
    )


# -- commerce ------------------------------------------------------------------------

MONEY_COLUMNS = [
    ("orders", gettext_lazy("Paid orders"), INT),
    ("gross", gettext_lazy("Gross sales"), YEN),
    ("refunds", gettext_lazy("Refunds"), YEN),
    ("net", gettext_lazy("Net sales"), YEN),
    ("average", gettext_lazy("Average order"), YEN),
]


def _money_columns():
    return [Column(key, label, kind) for key, label, kind in MONEY_COLUMNS]


def commerce_definition() -> str:
    return _(
        "Paid orders: orders whose money the shop has received — status paid, preparing, "
        "shipped, ready for pickup, completed or refunded; pay-at-the-store orders only once "
        "completed (or refunded after that). Pending and cancelled orders never count. "
        "Orders are dated when placed (Japan time). Gross sales: the money received per "
        "order (items kept, shipping, and what was refunded later; tax included). Refunds: "
        "money given back, in the period of the order. Net sales = gross − refunds. "
        "Average order = gross sales ÷ paid orders."
    )


def commerce(filters: Filters, now=None) -> Section:
    key, period = filters.area_key, filters.period
    growth = commerce_report.growth(period, key)
    months = commerce_report.by_month_with_last_year(period, key)
    monthly = commerce_report.by_month(period, key)
    areas = commerce_report.by_area(period, key)
    categories = commerce_report.by_category(period, key)
    businesses = commerce_report.by_business(period, key)
    current, change = growth["current"], growth["change"]
    section = Section("commerce", _("Commerce"), commerce_definition())
    section.figures = [
        Figure(label, current[k], kind, note=_growth_note(change[k]))
        for k, label, kind in MONEY_COLUMNS
    ]
    last = growth["last_year"]
    growth_rows = [
        {
            "measure": label,
            "current": current[k],
            "previous": growth["previous"][k],
            "change": change[k],
            "kind": kind,
        }
        for k, label, kind in MONEY_COLUMNS
    ]
    growth_table = Table(
        "growth",
        _("Against the same period last year (%(start)s – %(end)s)")
        % {"start": last.start.isoformat(), "end": last.end.isoformat()},
        [
            Column("measure", _("Measure")),
            Column("current", _("This period"), ROW),
            Column("previous", _("Same period last year"), ROW),
            Column("change", _("Change"), CHANGE),
        ],
        growth_rows,
        description=_(
            "Change = (this period − last year) ÷ last year; “—” when last year is zero."
        ),
        query=doc(commerce_report.growth),
    )
    month_table = Table(
        "by-month",
        _("Sales per month"),
        [Column("month", _("Month"), MONTH), *_money_columns()],
        monthly,
        query=doc(commerce_report.by_month),
    )
    month_table.chart = charts.column_chart(
        _("Gross sales per month, against the same month last year"),
        _(
            "Two columns per month: this period (hatched one way) and a year earlier (hatched the other way)."
        ),
        [r["month"].strftime("%Y-%m") for r in months],
        [
            charts.Series(_("This period"), [r["gross"] for r in months]),
            charts.Series(_("A year earlier"), [r["gross_last_year"] for r in months]),
        ],
        unit="¥",
        table_id="table-by-month-growth",
    )
    month_growth = Table(
        "by-month-growth",
        _("Gross sales per month against last year"),
        [
            Column("month", _("Month"), MONTH),
            Column("gross", _("Gross sales"), YEN),
            Column("gross_last_year", _("A year earlier"), YEN),
            Column("change", _("Change"), CHANGE),
            Column("orders", _("Paid orders"), INT),
            Column("orders_last_year", _("Paid orders a year earlier"), INT),
        ],
        months,
        query=doc(commerce_report.by_month_with_last_year),
    )
    month_growth.chart = month_table.chart
    month_table.chart = None
    area_table = Table(
        "by-area",
        _("Sales by area"),
        [Column("area", _("Area")), *_money_columns()],
        areas,
        query=doc(commerce_report.by_area),
    )
    area_table.chart = _bars(area_table, "area", "gross", unit="¥")
    category_table = Table(
        "by-category",
        _("Sales by category"),
        [Column("category", _("Category")), *_money_columns()],
        categories,
        query=doc(commerce_report.by_category),
    )
    category_table.chart = _bars(category_table, "category", "gross", unit="¥")
    for row in businesses:
        row["url"] = _url("business_members:edit", row["business_id"])
    business_table = Table(
        "by-business",
        _("Sales per business"),
        [Column("business", _("Business"), link="url"), *_money_columns()],
        businesses,
        query=doc(commerce_report.by_business),
    )
    section.tables = [
        growth_table,
        month_growth,
        month_table,
        area_table,
        category_table,
        business_table,
    ]
    return section


def _growth_note(value) -> str:
    if value is None:
        return _("no figure last year")
    return _("%(change)s against last year") % {"change": f"{value:+.1f}%"}


# -- visitors ------------------------------------------------------------------------


def visitors(filters: Filters, now=None) -> Section:
    section = Section(
        "visitors",
        _("Visitors"),
        _(
            "Page views counted without cookies or personal data: one counter per day, "
            "page and language."
        ),
    )
    if not visitors_report.available():
        section.notes = [_("Page views are not counted yet on this installation.")]
        return section
    key, period = filters.area_key, filters.period
    days = visitors_report.per_day(period, key)
    kinds = visitors_report.per_kind(period, key)
    pages = visitors_report.top_pages(period, key)
    languages = visitors_report.languages(period, key)
    for row in pages:
        if row["kind"] not in ("product", "search") and row["object_id"]:
            row["url"] = _url("wagtailadmin_pages:edit", row["object_id"])
    section.figures = [
        Figure(_("Page views"), sum(r["views"] for r in days)),
        Figure(
            _("Average per day"),
            round(sum(r["views"] for r in days) / len(days), 1) if days else None,
            DECIMAL,
        ),
    ]
    day_table = Table(
        "per-day",
        _("Page views per day"),
        [Column("day", _("Day"), DATE), Column("views", _("Page views"), INT)],
        days,
        query=doc(visitors_report.per_day),
    )
    day_table.chart = charts.line_chart(
        day_table.title,
        _("A line of daily page views; the numbers are in the table next to the chart."),
        [r["day"].isoformat() for r in days],
        [charts.Series(_("Page views"), [r["views"] for r in days])],
        table_id=day_table.id,
    )
    kind_table = Table(
        "per-kind",
        _("Page views per kind of page"),
        [
            Column("label", _("Kind")),
            Column("views", _("Page views"), INT),
            Column("share", _("Share"), PERCENT),
        ],
        kinds,
        query=doc(visitors_report.per_kind),
    )
    kind_table.chart = _bars(kind_table, "label", "views")
    page_table = Table(
        "top-pages",
        _("Most viewed pages"),
        [
            Column("title", _("Page"), link="url"),
            Column("label", _("Kind")),
            Column("views", _("Page views"), INT),
        ],
        pages,
        query=doc(visitors_report.top_pages),
    )
    language_table = Table(
        "languages",
        _("Visitors' languages"),
        [
            Column("label", _("Language")),
            Column("views", _("Page views"), INT),
            Column("share", _("Share"), PERCENT),
        ],
        languages,
        description=_("The language of the pages viewed."),
        query=doc(visitors_report.languages),
    )
    language_table.chart = _bars(language_table, "label", "views")
    section.tables = [day_table, kind_table, page_table, language_table]
    return section


# -- search --------------------------------------------------------------------------


def search(filters: Filters, now=None) -> Section:
    period = filters.period
    totals = search_report.totals(period)
    top = search_report.top_queries(period)
    empty = search_report.no_results(period)
    kinds = search_report.clicks_by_kind(period)
    section = Section(
        "search",
        _("Search"),
        _("What visitors searched for on the site (no personal data is recorded)."),
        area_applies=False,
    )
    section.figures = [
        Figure(_("Searches"), totals["searches"]),
        Figure(_("Without a result"), totals["no_result_share"], PERCENT),
        Figure(_("Click-through"), totals["click_through"], PERCENT),
    ]
    total_table = Table(
        "totals",
        _("Searches"),
        [
            Column("measure", _("Measure")),
            Column("count", _("Searches"), INT),
            Column("share", _("Share"), PERCENT),
        ],
        [
            {"measure": _("All searches"), "count": totals["searches"], "share": None},
            {
                "measure": _("Without a result"),
                "count": totals["no_result"],
                "share": totals["no_result_share"],
            },
            {
                "measure": _("With a result opened"),
                "count": totals["with_click"],
                "share": totals["click_through"],
            },
        ],
        query=doc(search_report.totals),
    )
    top_table = Table(
        "top-queries",
        _("Top queries"),
        [
            Column("query", _("Query")),
            Column("searches", _("Searches"), INT),
            Column("average_results", _("Average results"), DECIMAL),
            Column("clicks", _("Results opened"), INT),
        ],
        top,
        query=doc(search_report.top_queries),
    )
    top_table.chart = _bars(top_table, "query", "searches")
    empty_table = Table(
        "no-results",
        _("Queries with no result"),
        [
            Column("query", _("Query")),
            Column("searches", _("Searches"), INT),
            Column("last", _("Last searched"), DATETIME),
        ],
        empty,
        query=doc(search_report.no_results),
        empty=_("Every search found something."),
    )
    for row in kinds:
        row["label"] = kind_label(row["kind"])
    kind_table = Table(
        "clicks-by-kind",
        _("Click-through by kind of result"),
        [
            Column("label", _("Kind")),
            Column("clicks", _("Results opened"), INT),
            Column("searches", _("Searches with one opened"), INT),
            Column("click_through", _("Click-through"), PERCENT),
            Column("average_position", _("Average position"), DECIMAL),
        ],
        kinds,
        description=_("Click-through: searches with a result of that kind opened ÷ all searches."),
        query=doc(search_report.clicks_by_kind),
    )
    kind_table.chart = _bars(kind_table, "label", "click_through", unit="%")
    section.tables = [total_table, top_table, empty_table, kind_table]
    section.notes = [_("Searches are not tied to an area: the area filter does not apply here.")]
    return section


def kind_label(kind) -> str:
    labels = {
        "shop": _("Shops"),
        "product": _("Products"),
        "attraction": _("Attractions"),
        "event": _("Events"),
        "course": _("Model courses"),
    }
    return str(labels.get(kind, kind))


# -- content health ------------------------------------------------------------------


def health(filters: Filters, now=None) -> Section:
    now = now or timezone.now()
    events = health_report.past_featured_events(now)
    for row in events:
        row["url"] = _url("wagtailadmin_pages:edit", row["home_id"])
        row["event_url"] = _url("wagtailadmin_pages:edit", row["event_id"])
    attractions = health_report.attractions_without_english(filters.area_key)
    for row in attractions:
        row["url"] = _url("wagtailadmin_pages:edit", row["page_id"])
    images = health_report.images_without_alt_text()
    for row in images["images"]:
        row["url"] = _url("wagtailimages:edit", row["id"])
    stale = _stale_rows(filters, now)
    section = Section(
        "health",
        _("Content health"),
        _(
            "Content to fix: past events still featured, missing translations and alt text, stale storefronts."
        ),
        period_applies=False,
    )
    section.figures = [
        Figure(_("Past events featured"), len(events)),
        Figure(_("Attractions without English"), len(attractions)),
        Figure(_("Images without alt text"), images["count"]),
        Figure(_("Stale storefronts"), len(stale)),
    ]
    image_table = Table(
        "images-without-alt",
        _("Images without alt text"),
        [
            Column("title", _("Image"), link="url"),
            Column("collection", _("Collection")),
            Column("created_at", _("Uploaded"), DATETIME),
        ],
        images["images"],
        description=_(
            "%(count)s of %(total)s images have an empty description, which Wagtail uses as their alt text."
        )
        % {"count": images["count"], "total": images["total"]},
        query=doc(health_report.images_without_alt_text),
        empty=_("Every image has alt text."),
    )
    section.tables = [
        Table(
            "past-featured-events",
            _("Featured events already over"),
            [
                Column("event", _("Event"), link="event_url"),
                Column("home_language", _("Tourism home (language)"), link="url"),
                Column("last_end", _("Last occurrence ended"), DATETIME),
            ],
            events,
            query=doc(health_report.past_featured_events),
            empty=_("No past event is featured."),
        ),
        Table(
            "attractions-without-english",
            _("Attractions without an English version"),
            [Column("title", _("Attraction"), link="url"), Column("area", _("Area"))],
            attractions,
            description=_("Live Japanese attractions with no live English page."),
            query=doc(health_report.attractions_without_english),
            empty=_("Every attraction has an English version."),
        ),
        image_table,
        _stale_table(stale, filters),
    ]
    section.notes = [_("The area filter applies to attractions and storefronts.")]
    return section


@dataclass(frozen=True)
class SectionEntry:
    slug: str
    label: str
    build: object
    icon: str


SECTIONS = [
    SectionEntry("approvals", gettext_lazy("Approvals"), approvals, "tasks"),
    SectionEntry("businesses", gettext_lazy("Businesses"), businesses, "group"),
    SectionEntry("commerce", gettext_lazy("Commerce"), commerce, "form"),
    SectionEntry("visitors", gettext_lazy("Visitors"), visitors, "view"),
    SectionEntry("search", gettext_lazy("Search"), search, "search"),
    SectionEntry("health", gettext_lazy("Content health"), health, "warning"),
]
BY_SLUG = {entry.slug: entry for entry in SECTIONS}
