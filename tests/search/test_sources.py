"""Document builders over real pages and products (search/sources/)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, PageViewRestriction

from businesses.models import OpeningPeriod, PaymentMethod, SpecialOpeningDay, SpokenLanguage
from search import sources
from search.documents import KINDS
from tests import factories
from tests.tourism import factories as tourism
from tourism.models import AttractionPage, EventPage

pytestmark = pytest.mark.django_db

TOKYO = dt.timezone(dt.timedelta(hours=9))
# A Tuesday, 10:30 in Tokyo (no public holiday).
NOW = dt.datetime(2026, 6, 9, 10, 30, tzinfo=TOKYO)


def by_id(documents):
    return {document.id: document for document in documents}


def storefront(name="喫茶まちかど", **fields):
    page = factories.make_storefront(name, **fields)
    return page, page.get_translation(Locale.objects.get(language_code="en"))


def open_weekdays(page, opens=dt.time(9), closes=dt.time(18)):
    for weekday in range(5):
        OpeningPeriod.objects.create(page=page, weekday=weekday, opens=opens, closes=closes)


# -- shops -----------------------------------------------------------------------


def test_a_live_storefront_has_a_document_per_language(area):
    ja, en = storefront(body=[("paragraph", "<p>自家焙煎の<b>珈琲</b>と手作りケーキ。</p>")])
    ja.payment_methods.add(*PaymentMethod.objects.filter(code__in=["cash", "credit_card"]))
    ja.spoken_languages.add(SpokenLanguage.objects.get(code="en"))
    ja.step_free_entrance = True
    ja.save()
    en.payment_methods.set(ja.payment_methods.all())
    en.spoken_languages.set(ja.spoken_languages.all())
    en.step_free_entrance = True
    en.save()
    open_weekdays(ja)

    documents = by_id(sources.documents_for(ja, now=NOW))
    document = documents[f"shop-{ja.pk}"]
    assert document.kind == "shop" and document.language == "ja"
    assert document.group == f"shop-{ja.translation_key}"
    assert document.title == "喫茶まちかど"
    assert document.title_kana == "きっさまちかど"
    assert document.url == f"/ja/shops/{ja.slug}/"
    assert document.summary == "駅前の小さな喫茶店。"
    assert document.body == "自家焙煎の珈琲と手作りケーキ。"
    assert (document.category, document.category_label) == ("restaurant", "飲食店")
    assert (document.area, document.area_label) == ("onishi", "鬼石")
    assert (document.latitude, document.longitude) == (36.258, 139.075)
    assert document.takes_cards and document.barrier_free
    assert {"現金", "クレジットカード", "段差のない入口"} <= set(document.tags)  # in Japanese
    assert document.price is None
    assert document.translated_to == ["en"]
    # Open 9:00-18:00 on weekdays: today (Tuesday) and the next week.
    assert (
        dt.datetime(2026, 6, 9, 9, tzinfo=TOKYO),
        dt.datetime(2026, 6, 9, 18, tzinfo=TOKYO),
    ) in [(start, end) for start, end in document.opening]
    assert len(document.opening) == 6  # Tue-Fri this week, Mon-Tue next week
    assert all(start.utcoffset() is not None for start, _end in document.opening)

    english = sources.documents_for(en, now=NOW)[0]
    assert english.id == f"shop-{en.pk}" and english.language == "en"
    assert english.group == document.group
    assert english.url == f"/en/shops/{en.slug}/"
    assert english.category_label == "Restaurant"
    assert english.area_label == "Onishi"
    assert english.translated_to == []
    assert "Credit cards" in english.tags
    assert "step-free entrance" in english.tags
    assert "English" in english.tags


def test_category_labels_follow_the_document_language(area):
    ja, en = storefront()
    ja_doc = sources.documents_for(ja)[0]
    en_doc = sources.documents_for(en)[0]
    assert ja_doc.category == en_doc.category == "restaurant"
    assert ja_doc.category_label != en_doc.category_label


def test_drafts_private_and_unpublished_storefronts_have_no_document(area):
    draft, draft_en = storefront("下書きの店", publish=False)
    assert sources.documents_for(draft) == []
    assert sources.documents_for(draft_en) == []
    assert sources.document_ids_for(draft) == [f"shop-{draft.pk}"]

    private, _en = storefront("会員の店")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    assert sources.documents_for(private) == []

    gone, gone_en = storefront("閉店した店")
    gone_en.unpublish()
    assert sources.documents_for(gone_en) == []
    assert sources.documents_for(gone)[0].translated_to == []


def test_temporary_closure_and_overnight_hours(area):
    ja, _en = storefront()
    OpeningPeriod.objects.create(
        page=ja, weekday=1, opens=dt.time(18), closes=dt.time(2)
    )  # Tuesday night
    OpeningPeriod.objects.create(
        page=ja, weekday=2, opens=dt.time(18), closes=dt.time(0)
    )  # Wednesday
    document = sources.documents_for(ja, now=NOW)[0]
    assert (
        dt.datetime(2026, 6, 9, 18, tzinfo=TOKYO),
        dt.datetime(2026, 6, 10, 2, tzinfo=TOKYO),
    ) in document.opening
    assert (
        dt.datetime(2026, 6, 10, 18, tzinfo=TOKYO),
        dt.datetime(2026, 6, 11, 0, tzinfo=TOKYO),
    ) in document.opening

    ja.temporarily_closed = True
    ja.closed_until = dt.date(2026, 6, 12)
    ja.save()
    document = sources.documents_for(ja, now=NOW)[0]
    assert all(start.date() > dt.date(2026, 6, 12) for start, _end in document.opening)
    assert document.opening  # open again the next Tuesday


def test_opening_agrees_with_is_open_at(area):
    ja, _en = storefront()
    OpeningPeriod.objects.create(page=ja, weekday=5, opens=dt.time(22), closes=dt.time(3))
    open_weekdays(ja, dt.time(11), dt.time(14))
    SpecialOpeningDay.objects.create(page=ja, date=dt.date(2026, 6, 11), closed=True)
    page = type(ja).objects.get(pk=ja.pk)
    document = sources.documents_for(page, now=NOW)[0]
    moment = NOW.replace(hour=0, minute=30)
    while moment < NOW + dt.timedelta(days=7):
        inside = any(start <= moment < end for start, end in document.opening)
        assert inside == page.is_open_at(moment), moment
        moment += dt.timedelta(minutes=30)


# -- products ----------------------------------------------------------------------


def test_a_product_on_sale_has_a_japanese_and_an_english_document(area):
    ja, en = storefront()
    product = factories.make_product(
        ja.business,
        "ほうじ茶",
        title_en="Roasted green tea",
        price=1200,
        options=["100g", "200g"],
        description="<p>香ばしい<b>ほうじ茶</b>です。</p>",
    )
    product.variants.filter(name="200g").update(price=2000, name_en="200 g")
    make_image_for(product)

    documents = by_id(sources.documents_for(product))
    assert set(documents) == {f"product-{product.pk}-ja", f"product-{product.pk}-en"}
    japanese = documents[f"product-{product.pk}-ja"]
    english = documents[f"product-{product.pk}-en"]
    assert japanese.title == "ほうじ茶" and english.title == "Roasted green tea"
    assert japanese.url == f"/ja/products/{product.pk}/"
    assert english.url == f"/en/products/{product.pk}/"
    assert japanese.group == english.group == f"product-{product.pk}"
    assert japanese.summary == "香ばしいほうじ茶です。"
    # No English description: the Japanese one, as the product page shows it.
    assert english.summary == "香ばしいほうじ茶です。"
    assert japanese.price == english.price == 1200
    assert japanese.translated_to == ["en"]
    assert english.translated_to == []
    assert "喫茶まちかど" in japanese.tags and "200g" in japanese.tags
    assert "200 g" in english.tags and en.title in english.tags
    assert (japanese.latitude, japanese.longitude) == (36.258, 139.075)
    assert japanese.category == "restaurant" and english.category_label == "Restaurant"
    assert japanese.area == "onishi" and english.area_label == "Onishi"
    assert japanese.takes_cards  # the shop profile accepts cards
    assert japanese.image_url.endswith(".png") and "fill-480x320" in japanese.image_url


def make_image_for(product):
    from shop.models import ProductImage

    ProductImage.objects.create(product=product, image=factories.make_image("tea"))


def test_products_without_an_english_title_fall_back_to_japanese(area):
    ja, _en = storefront()
    product = factories.make_product(ja.business, "柚子ジャム", title_en="")
    factories.make_shop_profile(ja.business, accepts_card=False)
    documents = sources.documents_for(product)
    assert [d.id for d in documents] == [f"product-{product.pk}-ja"]
    assert documents[0].translated_to == []
    assert documents[0].takes_cards is False
    assert sources.document_ids_for(product) == [
        f"product-{product.pk}-ja",
        f"product-{product.pk}-en",
    ]


def test_products_not_on_sale_have_no_document(area):
    ja, en = storefront()
    draft = factories.make_product(ja.business, "試作品", published=False)
    assert sources.documents_for(draft) == []
    product = factories.make_product(ja.business, "ほうじ茶")
    ja.unpublish()
    en.unpublish()
    assert sources.documents_for(product) == []


# -- tourism -----------------------------------------------------------------------------


def test_an_attraction_document(area):
    attraction = tourism.make_attraction(
        "桜山公園",
        name_kana="さくらやまこうえん",
        category="park",
        area=area,
        admission_fee=0,
        step_free=True,
        best_in_spring=True,
        access_train="JR八高線 群馬藤岡駅からバス",
        body=[
            ("heading", "冬桜《ふゆざくら》"),
            ("paragraph", "<p>十一月から十二月に咲く冬桜。</p>"),
        ],
        hours=[dict(from_month=4, to_month=11, days="daily", opens=dt.time(9), closes=dt.time(17))],
        closures=[dict(start_date=dt.date(2026, 6, 10))],
    )
    english = tourism.translate(attraction, "en", title="Sakurayama Park")
    document = sources.documents_for(attraction, now=NOW)[0]
    assert document.id == f"attraction-{attraction.pk}"
    assert document.category == "park" and document.category_label
    assert document.price == 0 and document.barrier_free
    assert document.body.startswith("冬桜 十一月から十二月に咲く冬桜。")
    assert "JR八高線" in document.body
    assert document.area == "onishi"
    assert document.translated_to == ["en"]
    days = {start.date() for start, _end in document.opening}
    assert dt.date(2026, 6, 9) in days and dt.date(2026, 6, 10) not in days  # closed that day

    english_doc = sources.documents_for(english, now=NOW)[0]
    assert english_doc.title == "Sakurayama Park"
    assert english_doc.category_label == "Park or garden"
    assert {"Spring", "Free", "step-free access"} <= set(english_doc.tags)
    assert english_doc.url.startswith("/en/")


def test_an_event_document_takes_its_venue_point_and_occurrences(area):
    venue = tourism.make_attraction("桜山公園", area=area, step_free=True)
    event = tourism.make_event(
        "冬桜まつり",
        venue_page=venue,
        start_date=dt.date(2026, 6, 13),
        repeat="weekly",
        repeat_until=dt.date(2026, 6, 27),
        price=500,
        latitude=None,
        longitude=None,
    )
    document = sources.documents_for(event, now=NOW)[0]
    assert document.kind == "event" and document.price == 500
    assert (document.latitude, document.longitude) == (36.2, 139.06)
    assert document.area == "onishi" and document.barrier_free
    assert [start.date() for start, _end in document.occurrences] == [
        dt.date(2026, 6, 13),
        dt.date(2026, 6, 20),
        dt.date(2026, 6, 27),
    ]
    assert "桜山公園" in document.tags and "桜山公園" in document.body
    later = sources.documents_for(event, now=dt.datetime(2026, 6, 21, tzinfo=TOKYO))[0]
    assert len(later.occurrences) == 1  # the ones that ended are left out

    EventPage.objects.filter(pk=event.pk).update(status=EventPage.CANCELLED)
    cancelled = sources.documents_for(EventPage.objects.get(pk=event.pk), now=NOW)[0]
    assert cancelled.occurrences == []


def test_a_course_document(area):
    first, _en = storefront(step_free_entrance=True)
    second = tourism.make_attraction("桜山公園", step_free=True, latitude=Decimal("36.21"))
    course = tourism.make_course(
        "冬桜さんぽ",
        area=area,
        season="winter",
        stops=[(first, 30, 10, "walk"), (second, 60, None, "")],
    )
    document = sources.documents_for(course)[0]
    assert document.kind == "course"
    assert (document.latitude, document.longitude) == (36.258, 139.075)  # the first stop
    assert document.barrier_free
    assert {"喫茶まちかど", "桜山公園"} <= set(document.tags)
    AttractionPage.objects.filter(pk=second.pk).update(step_free=False)
    assert not sources.documents_for(course)[0].barrier_free


# -- streaming -------------------------------------------------------------------------


def make_everything(n, area):
    for i in range(n):
        page, _en = storefront(f"店{i}")
        open_weekdays(page)
        page.payment_methods.add(PaymentMethod.objects.get(code="cash"))
        product = factories.make_product(page.business, f"品{i}", options=["小", "大"])
        make_image_for(product)
        attraction = tourism.make_attraction(hours=[dict(opens=dt.time(9), closes=dt.time(17))])
        tourism.make_event(venue_page=attraction)
        tourism.make_course(stops=[(page, 30, 5, "walk"), (attraction, 60, None, "")])


def queries_per_chunk(kind, chunk_size):
    """The query count of each chunk of one kind, the run's one-time lookups
    (categories, areas, private sections, site roots) done beforehand."""
    context = sources.BuildContext(NOW)
    context.categories, context.areas, context.private_q, context.multiple_sites  # noqa: B018
    chunks = sources.source(kind).chunks(context, chunk_size)
    counts = []
    while True:
        with CaptureQueriesContext(connection) as queries:
            chunk = next(chunks, None)
        if chunk is None:
            return counts
        counts.append(len(queries))


def test_iter_documents_streams_everything_with_bounded_queries(
    area, django_assert_max_num_queries
):
    make_everything(4, area)
    documents = list(sources.iter_documents(chunk_size=3, now=NOW))
    counts = {kind: sum(1 for d in documents if d.kind == kind) for kind in KINDS}
    assert counts == {"shop": 8, "product": 8, "attraction": 4, "event": 4, "course": 4}
    assert sources.count_documents() == len(documents)
    assert len({d.id for d in documents}) == len(documents)
    # Renditions exist now (the first run made them). Each chunk of a kind
    # costs the same whether it holds one object or all of them.
    # (A chunk without Japanese pages or pictures skips those look-ups.)
    for kind, most in {"shop": 7, "product": 5, "attraction": 5, "event": 6, "course": 6}.items():
        one_by_one = queries_per_chunk(kind, 1)
        all_at_once = queries_per_chunk(kind, 50)
        assert len(one_by_one) == counts[kind] // (2 if kind == "product" else 1), kind
        assert len(all_at_once) == 1, kind
        assert max(one_by_one) == all_at_once[0] <= most, (kind, one_by_one, all_at_once)
    with django_assert_max_num_queries(7 + 4):  # plus the one-time lookups
        next(sources.iter_chunks(chunk_size=500, now=NOW))
