"""A small set of search documents for the web tests (indexed directly with
get_engine().index(...))."""

import datetime as dt
import zoneinfo

from search.documents import SearchDocument

TOKYO = zoneinfo.ZoneInfo("Asia/Tokyo")


def at(*args):
    return dt.datetime(*args, tzinfo=TOKYO)


def doc(id, kind, language, title, **fields):
    values = dict(
        id=id,
        kind=kind,
        language=language,
        group=fields.pop("group", id.rsplit("-", 1)[0] if language != "ja" else id),
        title=title,
        url=fields.pop("url", f"/{language}/{id}/"),
    )
    values.update(fields)
    return SearchDocument(**values)


def sample_documents():
    """Dates relative to the real now (the views use it): the shop is open
    now, the festival is at the end of this weekend (Sunday 23:00–24:00)."""
    from django.utils import timezone

    from search.params import date_preset

    now = timezone.now()
    weekend_end = date_preset("weekend", now).end
    soba = dict(
        category="restaurant",
        area="onishi",
        latitude=36.2,
        longitude=139.06,
        takes_cards=True,
        opening=[(now - dt.timedelta(hours=2), now + dt.timedelta(hours=2))],
    )
    return [
        doc(
            "shop-1",
            "shop",
            "ja",
            "藤岡そば処",
            title_kana="ふじおかそばどころ",
            summary="手打ちそばの店。",
            category_label="飲食店",
            area_label="鬼石",
            price=900,
            translated_to=["en"],
            **soba,
        ),
        doc(
            "shop-2",
            "shop",
            "en",
            "Fujioka Soba House",
            group="shop-1",
            summary="Hand-made soba noodles.",
            category_label="Restaurant",
            area_label="Onishi",
            price=900,
            **soba,
        ),
        doc(
            "attraction-3",
            "attraction",
            "ja",
            "冬桜の寺",
            title_kana="ふゆざくらのてら",
            summary="冬に咲く桜で知られる寺。",
            category="temple_shrine",
            category_label="寺社",
            area="onishi",
            area_label="鬼石",
            price=0,
            latitude=36.18,
            longitude=139.08,
            barrier_free=True,
        ),
        doc(
            "event-4",
            "event",
            "ja",
            "桜山まつり",
            summary="冬桜の季節の祭り。",
            category="festival",
            category_label="祭り",
            area="sakurayama",
            area_label="桜山",
            price=0,
            latitude=36.17,
            longitude=139.1,
            occurrences=[
                (weekend_end - dt.timedelta(hours=1), weekend_end),
            ],
        ),
    ]


def many_documents(count, language="en"):
    return [
        doc(
            f"product-{n}-{language}",
            "product",
            language,
            f"Soba gift box {n:03d}",
            group=f"product-{n}",
            summary="Dried soba noodles to take home.",
            price=1500 + n,
            category="food",
            category_label="Food",
        )
        for n in range(count)
    ]
