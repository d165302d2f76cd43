"""What a storefront template needs, computed in one place."""

import datetime as dt
import json

from django.utils import timezone
from django.utils.translation import pgettext

from machikado.images import prefetch_renditions

from . import hours
from .hours import TOKYO, now_in_tokyo, to_tokyo

# Renditions the storefront template asks for, by where the image appears.
HERO_RENDITION = "fill-1200x500"
OG_RENDITION = "fill-1200x630"
FIGURE_RENDITION = "width-800"
BODY_GALLERY_RENDITION = "fill-480x360"

SCHEMA_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def storefront_context(page, request, now: dt.datetime | None = None) -> dict:
    """Everything the storefront template shows. ``now`` (default: the
    current time) decides "open now" and the first day of the week table."""
    now = to_tokyo(now) if now is not None else now_in_tokyo()
    today = now.date()
    schedule = page.schedule
    payment_methods = list(page.payment_methods.all())
    prefetch_page_renditions(page)
    return {
        "now": now,
        "open_now": schedule.is_open_at(now),
        "closed_temporarily": schedule.is_closed_temporarily(today),
        "week": schedule.week_from(today),
        # Translators: date format (Django "date" filter) of a row in the opening hours table.
        "week_day_format": pgettext("opening hours row", "D n/j"),
        "gallery": list(page.gallery()),
        "payment_methods": payment_methods,
        "spoken_languages": list(page.spoken_languages.all()),
        "category": page.category.localized,
        "area": page.area.localized,
        "json_ld": json_ld(page, request, payment_methods=payment_methods),
        **tourism_links(page),
    }


def tourism_links(page) -> dict:
    """Nearby attractions (by distance) and the model courses that include
    this storefront, in the visitor's language: a fixed number of queries."""
    from tourism.presenters.areas import attractions_near
    from tourism.presenters.courses import courses_including
    from tourism.presenters.languages import visitor_locales

    locales = visitor_locales()
    return {
        "nearby_attractions": attractions_near(page, locales),
        "courses_including": courses_including(page, locales),
    }


def body_images(page):
    """(image, rendition spec) for each image in the page's StreamField body."""
    found = []
    for block in page.body:
        if block.block_type == "image" and block.value.get("image"):
            found.append((block.value["image"], FIGURE_RENDITION))
        elif block.block_type == "gallery":
            found.extend(
                (image, BODY_GALLERY_RENDITION) for image in block.value["images"] if image
            )
    return found


def prefetch_page_renditions(page):
    """Load the renditions of the hero image and every body image in one
    query, so the template's {% image %} tags need none, however many
    images the page has (a rendition not made yet is created on first use)."""
    wanted = body_images(page)
    if page.hero_image_id and page.hero_image:
        wanted += [(page.hero_image, HERO_RENDITION), (page.hero_image, OG_RENDITION)]
    prefetch_renditions(wanted)


def opening_hours_specification(page) -> list[dict]:
    schedule = page.schedule
    specs = []
    for period in sorted(schedule.periods, key=lambda p: (p.weekday, p.opens)):
        if period.weekday == hours.PUBLIC_HOLIDAY:
            if page.holiday_rule != hours.HOLIDAYS_OWN_HOURS:
                continue
            day = "https://schema.org/PublicHolidays"
        else:
            day = f"https://schema.org/{SCHEMA_DAYS[period.weekday]}"
        specs.append(
            {
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": day,
                "opens": period.opens.strftime("%H:%M"),
                "closes": period.closes.strftime("%H:%M"),
            }
        )
    if page.holiday_rule == hours.HOLIDAYS_CLOSED:
        # schema.org: opening and closing at 00:00 means closed all day.
        specs.append(
            {
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": "https://schema.org/PublicHolidays",
                "opens": "00:00",
                "closes": "00:00",
            }
        )
    for special in sorted(schedule.special_days, key=lambda s: s.date):
        spec = {
            "@type": "OpeningHoursSpecification",
            "validFrom": special.date.isoformat(),
            "validThrough": special.date.isoformat(),
        }
        if special.closed or special.opens is None or special.closes is None:
            spec.update(opens="00:00", closes="00:00")
        else:
            spec.update(
                opens=special.opens.strftime("%H:%M"), closes=special.closes.strftime("%H:%M")
            )
        specs.append(spec)
    return specs


def json_ld(page, request, payment_methods=None) -> str:
    """schema.org LocalBusiness (or the category's subtype) as a JSON string."""
    category = page.category
    data = {
        "@context": "https://schema.org",
        "@type": category.schema_type,
        "name": page.title,
        "url": page.get_full_url(request),
        "description": page.summary,
        "telephone": page.phone,
        "address": {
            "@type": "PostalAddress",
            "postalCode": page.postal_code,
            "addressRegion": page.prefecture,
            "addressLocality": page.city,
            "streetAddress": f"{page.street} {page.building}".strip(),
            "addressCountry": "JP",
        },
    }
    if page.name_kana:
        data["alternateName"] = page.name_kana
    if page.latitude is not None and page.longitude is not None:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(page.latitude),
            "longitude": float(page.longitude),
        }
    specs = opening_hours_specification(page)
    if specs:
        data["openingHoursSpecification"] = specs
    if payment_methods is None:
        payment_methods = list(page.payment_methods.all())
    methods = [str(m) for m in payment_methods]
    if methods:
        data["paymentAccepted"] = ", ".join(methods)
    links = [page.website] + [url for _label, url in page.social_links()]
    if any(links):
        data["sameAs"] = [url for url in links if url]
    if page.hero_image:
        data["image"] = request.build_absolute_uri(page.hero_image.get_rendition(OG_RENDITION).url)
    data["dateModified"] = timezone.localtime(
        page.last_published_at or timezone.now(), TOKYO
    ).isoformat()
    return to_script_json(data)


def to_script_json(data) -> str:
    """JSON safe to place inside <script>: no sequence can close the element."""
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
