"""What a storefront template needs, computed in one place."""

import json

from django.utils import timezone

from .hours import TOKYO, now_in_tokyo


def storefront_context(page, request) -> dict:
    now = now_in_tokyo()
    schedule = page.schedule
    return {
        "open_now": schedule.is_open_at(now),
        "week": schedule.week_from(now.date()),
        "gallery": list(page.gallery()),
        "payment_methods": list(page.payment_methods.all()),
        "spoken_languages": list(page.spoken_languages.all()),
        "category": page.category.localized,
        "area": page.area.localized,
        "json_ld": json_ld(page, request),
    }


def json_ld(page, request) -> str:
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
    days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    specs = [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": f"https://schema.org/{days[p.weekday]}",
            "opens": p.opens.strftime("%H:%M"),
            "closes": p.closes.strftime("%H:%M"),
        }
        for p in page.schedule.periods
        if p.weekday < 7
    ]
    for special in page.schedule.special_days:
        spec = {
            "@type": "OpeningHoursSpecification",
            "validFrom": special.date.isoformat(),
            "validThrough": special.date.isoformat(),
        }
        if special.closed:
            spec.update(opens="00:00", closes="00:00")
        else:
            spec.update(opens=special.opens.strftime("%H:%M"), closes=special.closes.strftime("%H:%M"))
        specs.append(spec)
    if specs:
        data["openingHoursSpecification"] = specs
    methods = [str(m) for m in page.payment_methods.all()]
    if methods:
        data["paymentAccepted"] = ", ".join(methods)
    links = [page.website] + [url for _label, url in page.social_links()]
    if any(links):
        data["sameAs"] = [url for url in links if url]
    if page.hero_image:
        data["image"] = request.build_absolute_uri(page.hero_image.get_rendition("fill-1200x630").url)
    data["dateModified"] = timezone.localtime(page.last_published_at or timezone.now(), TOKYO).isoformat()
    return to_script_json(data)


def to_script_json(data) -> str:
    """JSON safe to place inside <script>: no sequence can close the element."""
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
