"""The published storefront: a bounded number of queries whatever the gallery
size, JSON-LD and OpenGraph, the StreamField blocks and their validation."""

import datetime as dt
import html as html_lib
import json
import re
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.utils import translation
from wagtail import blocks as wagtail_blocks
from wagtail.models import Locale

from businesses.blocks import MapBlock, StorefrontBodyBlock, VideoBlock
from businesses.hours import HOLIDAYS_OWN_HOURS, PUBLIC_HOLIDAY
from businesses.models import (
    BusinessCategory,
    BusinessGalleryImage,
    BusinessPage,
    OpeningPeriod,
    PaymentMethod,
    SpecialOpeningDay,
)
from businesses.video import parse_video_url
from tests import factories

STOREFRONT_QUERY_BUDGET = 35
DIRECTORY_QUERY_BUDGET = 30


# -- helpers -----------------------------------------------------------------------------


def publish(page, **fields):
    page = BusinessPage.objects.get(pk=page.pk)
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return BusinessPage.objects.get(pk=page.pk)


def image_block(image, alt="写真"):
    return {"image": image.pk, "alt_text": alt, "decorative": False}


def storefront_with_images(name, count):
    """A storefront with a hero image, ``count`` gallery photos and a body
    holding a figure and a gallery block of ``count`` images."""
    page = factories.make_storefront(name, hero_image=factories.make_image(f"{name}-hero"))
    images = [factories.make_image(f"{name}-{i}") for i in range(count)]
    for index, image in enumerate(images):
        BusinessGalleryImage.objects.create(
            page=page, image=image, caption=f"写真{index}", sort_order=index
        )
    body = [
        {"type": "paragraph", "value": "<p>ようこそ</p>"},
        {"type": "image", "value": {"image": image_block(images[0]), "caption": "店内"}},
        {
            "type": "gallery",
            "value": {"heading": "季節の品", "images": [image_block(i) for i in images]},
        },
    ]
    return publish(page, body=json.dumps(body))


def count_queries(client, url, django_assert_max_num_queries, budget):
    client.get(url)  # renders every rendition once
    cache.clear()  # renditions must come from the database in bulk, not from the cache
    with django_assert_max_num_queries(budget) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries), response.content.decode()


def json_ld_of(html):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


def meta(html, prop):
    match = re.search(rf'<meta (?:property|name)="{re.escape(prop)}" content="([^"]*)"', html)
    return html_lib.unescape(match.group(1)) if match else None


# -- query budget -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_storefront_query_count_does_not_grow_with_the_gallery(
    client, area, django_assert_max_num_queries
):
    small = storefront_with_images("小さな店", 1)
    large = storefront_with_images("大きな店", 30)

    small_count, small_html = count_queries(
        client, small.url, django_assert_max_num_queries, STOREFRONT_QUERY_BUDGET
    )
    large_count, large_html = count_queries(
        client, large.url, django_assert_max_num_queries, STOREFRONT_QUERY_BUDGET
    )

    assert small_count == large_count
    # Both galleries are on the page: 30 photos plus 30 body gallery images plus the figure.
    assert large_html.count('class="gallery"') == 2
    assert len(re.findall(r"<img[^>]+fill-480x360", large_html)) == 60
    assert len(re.findall(r"<img[^>]+fill-480x360", small_html)) == 2
    assert "写真29" in large_html


@pytest.mark.django_db
def test_directory_query_count_does_not_grow_with_the_storefronts(
    client, area, django_assert_max_num_queries
):
    for index in range(3):
        factories.make_storefront(f"店{index}", hero_image=factories.make_image(f"hero{index}"))
    few, few_html = count_queries(
        client, "/ja/shops/", django_assert_max_num_queries, DIRECTORY_QUERY_BUDGET
    )
    assert few_html.count('class="card"') == 3

    for index in range(3, 20):
        factories.make_storefront(f"店{index}", hero_image=factories.make_image(f"hero{index}"))
    many, many_html = count_queries(
        client, "/ja/shops/", django_assert_max_num_queries, DIRECTORY_QUERY_BUDGET
    )
    assert many_html.count('class="card"') == 20
    assert many == few

    en_few, en_html = count_queries(
        client, "/en/shops/", django_assert_max_num_queries, DIRECTORY_QUERY_BUDGET
    )
    assert en_html.count('class="card"') == 20


# -- JSON-LD and OpenGraph ---------------------------------------------------------------------


@pytest.mark.django_db
def test_json_ld_describes_the_business(client, storefront1):
    cafe = (
        BusinessCategory.objects.filter(locale__language_code="ja")
        .exclude(schema_type="Restaurant")
        .first()
    )
    page = BusinessPage.objects.get(pk=storefront1.pk)
    page.category = cafe
    page.building = "まちかどビル2F"
    page.website = "https://kissa.example.jp/"
    page.instagram_url = "https://www.instagram.com/kissa_machikado/"
    page.holiday_rule = HOLIDAYS_OWN_HOURS
    page.hero_image = factories.make_image("hero")
    page.opening_periods = [
        OpeningPeriod(weekday=0, opens=dt.time(10), closes=dt.time(18)),
        OpeningPeriod(weekday=4, opens=dt.time(18), closes=dt.time(2)),
        OpeningPeriod(weekday=PUBLIC_HOLIDAY, opens=dt.time(11), closes=dt.time(15)),
    ]
    page.special_days = [
        SpecialOpeningDay(date=dt.date(2026, 12, 31), closed=True),
        SpecialOpeningDay(
            date=dt.date(2026, 12, 30), closed=False, opens=dt.time(9), closes=dt.time(13)
        ),
    ]
    page.save_revision().publish()
    page = BusinessPage.objects.get(pk=page.pk)
    page.payment_methods.set(PaymentMethod.objects.filter(code__in=["cash", "credit_card"]))
    page.save_revision().publish()

    html = client.get(page.url).content.decode()
    data = json_ld_of(html)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == cafe.schema_type
    assert data["name"] == "喫茶まちかど"
    assert data["alternateName"] == "きっさまちかど"
    assert data["url"] == page.full_url  # the Site's address, as in the canonical link
    assert data["telephone"] == "0274-22-1211"
    assert data["address"] == {
        "@type": "PostalAddress",
        "postalCode": "375-0024",
        "addressRegion": "群馬県",
        "addressLocality": "藤岡市",
        "streetAddress": "藤岡1-2-3 まちかどビル2F",
        "addressCountry": "JP",
    }
    assert data["geo"] == {"@type": "GeoCoordinates", "latitude": 36.258, "longitude": 139.075}
    specs = data["openingHoursSpecification"]
    assert {
        "@type": "OpeningHoursSpecification",
        "dayOfWeek": "https://schema.org/Friday",
        "opens": "18:00",
        "closes": "02:00",
    } in specs
    assert {
        "@type": "OpeningHoursSpecification",
        "dayOfWeek": "https://schema.org/PublicHolidays",
        "opens": "11:00",
        "closes": "15:00",
    } in specs
    special = [s for s in specs if "validFrom" in s]
    assert special == [
        {
            "@type": "OpeningHoursSpecification",
            "validFrom": "2026-12-30",
            "validThrough": "2026-12-30",
            "opens": "09:00",
            "closes": "13:00",
        },
        {
            "@type": "OpeningHoursSpecification",
            "validFrom": "2026-12-31",
            "validThrough": "2026-12-31",
            "opens": "00:00",
            "closes": "00:00",
        },
    ]
    with translation.override("ja"):
        methods = [str(m) for m in PaymentMethod.objects.filter(code__in=["cash", "credit_card"])]
    assert data["paymentAccepted"] == ", ".join(methods)
    assert data["sameAs"] == [
        "https://kissa.example.jp/",
        "https://www.instagram.com/kissa_machikado/",
    ]
    assert data["image"].startswith("http://testserver/") and "fill-1200x630" in data["image"]

    # OpenGraph
    assert meta(html, "og:title") == "喫茶まちかど"
    assert meta(html, "og:description") == "駅前の小さな喫茶店。"
    assert meta(html, "og:url") == page.full_url
    assert meta(html, "og:locale") == "ja_JP"
    assert meta(html, "og:type") == "business.business"
    assert meta(html, "og:image").startswith("http://testserver/") and "fill-1200x630" in meta(
        html, "og:image"
    )
    assert meta(html, "description") == "駅前の小さな喫茶店。"


@pytest.mark.django_db
def test_json_ld_cannot_be_broken_out_of(client, storefront1):
    page = publish(storefront1, summary="</script><script>alert(1)</script>")
    html = client.get(page.url).content.decode()
    assert "<script>alert(1)" not in html
    assert json_ld_of(html)["description"] == "</script><script>alert(1)</script>"


@pytest.mark.django_db
def test_english_storefront_has_english_og_locale_and_closed_holiday_spec(client, storefront1):
    publish(storefront1, holiday_rule="closed")
    english = storefront1.get_translation(Locale.objects.get(language_code="en"))
    english = publish(english, holiday_rule="closed")
    html = client.get(english.url).content.decode()
    assert meta(html, "og:locale") == "en_US"
    assert {
        "@type": "OpeningHoursSpecification",
        "dayOfWeek": "https://schema.org/PublicHolidays",
        "opens": "00:00",
        "closes": "00:00",
    } in json_ld_of(html)["openingHoursSpecification"]


# -- StreamField blocks: rendering through a published page ------------------------------------


@pytest.mark.django_db
def test_body_blocks_render_on_the_published_page(client, storefront1):
    photo = factories.make_image("inside")
    body = [
        {"type": "paragraph", "value": "<p>自家焙煎の<b>珈琲</b>です。</p>"},
        {
            "type": "image",
            "value": {"image": image_block(photo, "窓際の席"), "caption": "店内の様子"},
        },
        {
            "type": "gallery",
            "value": {"heading": "季節のケーキ", "images": [image_block(photo, "苺のケーキ")]},
        },
        {
            "type": "price_list",
            "value": {
                "heading": "メニュー",
                "items": [
                    {"name": "ブレンド珈琲", "description": "深煎り", "price": 550, "note": ""},
                    {
                        "name": "季節のケーキセット",
                        "description": "",
                        "price": 1200,
                        "note": "数量限定",
                    },
                    {"name": "お冷や", "description": "", "price": None, "note": ""},
                ],
            },
        },
        {
            "type": "faq",
            "value": {
                "heading": "よくある質問",
                "questions": [
                    {"question": "予約はできますか？", "answer": "<p>お電話でどうぞ。</p>"}
                ],
            },
        },
        {
            "type": "map",
            "value": {
                "label": "お店の場所",
                "latitude": "36.258000",
                "longitude": "139.075000",
                "zoom": 17,
            },
        },
        {
            "type": "video",
            "value": {
                "url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
                "title": "お店の紹介動画",
            },
        },
        {"type": "video", "value": {"url": "https://vimeo.com/76979871", "title": "焙煎の様子"}},
    ]
    page = publish(storefront1, body=json.dumps(body))
    html = client.get(page.url).content.decode()

    assert "自家焙煎の<b>珈琲</b>です。" in html
    assert re.search(
        r'<figure class="figure"><picture><source[^>]+><img[^>]+alt="窓際の席"[^>]*></picture>'
        r"<figcaption>店内の様子</figcaption>",
        html,
    )
    assert re.search(
        r'<section class="block-gallery"><h2>季節のケーキ</h2><ul class="gallery"><li><picture>'
        r'<source[^>]+type="image/webp"><img[^>]+alt="苺のケーキ"',
        html,
    )

    price_list = re.search(r'<section class="price-list">.*?</section>', html, re.S).group(0)
    assert "<h2>メニュー</h2>" in price_list
    assert "¥550" in price_list and "¥1,200" in price_list and "数量限定" in price_list
    assert '<th scope="row">お冷や</th><td></td>' in price_list  # no price, no "¥0"

    assert "<details><summary>予約はできますか？</summary>" in html
    assert "お電話でどうぞ。" in html

    assert (
        "https://www.openstreetmap.org/?mlat=36.258000&amp;mlon=139.075000#map=17/36.258000/139.075000"
        in html
    )
    assert "(36.258000, 139.075000)" in html

    assert re.search(
        r'<iframe src="https://www\.youtube-nocookie\.com/embed/dQw4w9WgXcQ" title="お店の紹介動画"',
        html,
    )
    assert re.search(
        r'<iframe src="https://player\.vimeo\.com/video/76979871\?dnt=1" title="焙煎の様子"', html
    )
    assert "youtube.com/watch" not in html


def test_yen_filter_formats_tax_included_prices():
    from machikado.templatetags.machikado_tags import yen

    assert yen(1200) == "¥1,200"
    assert yen(0) == "¥0"
    assert yen(1234567) == "¥1,234,567"
    assert yen(None) == ""


# -- StreamField blocks: validation -------------------------------------------------------


def clean_video(url, title="紹介動画"):
    block = VideoBlock()
    return block.clean(block.to_python({"url": url, "title": title}))


@pytest.mark.parametrize(
    ("url", "provider", "video_id"),
    [
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "youtube", "dQw4w9WgXcQ"),
        ("https://youtube.com/watch?v=dQw4w9WgXcQ&t=42s", "youtube", "dQw4w9WgXcQ"),
        ("https://m.youtube.com/watch?v=dQw4w9WgXcQ", "youtube", "dQw4w9WgXcQ"),
        ("https://youtu.be/dQw4w9WgXcQ", "youtube", "dQw4w9WgXcQ"),
        ("https://www.youtube.com/shorts/dQw4w9WgXcQ", "youtube", "dQw4w9WgXcQ"),
        ("https://www.youtube.com/embed/dQw4w9WgXcQ", "youtube", "dQw4w9WgXcQ"),
        ("https://WWW.YOUTUBE.COM/watch?v=dQw4w9WgXcQ", "youtube", "dQw4w9WgXcQ"),
        ("https://vimeo.com/76979871", "vimeo", "76979871"),
        ("https://player.vimeo.com/video/76979871", "vimeo", "76979871"),
    ],
)
def test_video_urls_from_youtube_and_vimeo_are_accepted(url, provider, video_id):
    video = parse_video_url(url)
    assert (video.provider, video.video_id) == (provider, video_id)
    value = clean_video(url)
    assert value["url"] == url


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript://www.youtube.com/%0aalert(1)",
        "data:text/html,<script>alert(1)</script>",
        "https://example.com/watch?v=dQw4w9WgXcQ",
        "https://www.dailymotion.com/video/x7tgad0",
        "https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ",
        "https://www.youtube.com.evil.example/embed/dQw4w9WgXcQ",
        "https://evilyoutube.com/watch?v=dQw4w9WgXcQ",
        "https://youtube.evil.example/watch?v=dQw4w9WgXcQ",
        "https://www.youtube.com@evil.example/watch?v=dQw4w9WgXcQ",
        "https://evil.example/https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://vimeo.com.evil.example/76979871",
        'https://www.youtube.com/watch?v="><script>',
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ/../../x",
        "https://vimeo.com/channels/staffpicks/../../../evil",
        "ftp://youtube.com/watch?v=dQw4w9WgXcQ",
    ],
)
def test_video_block_rejects_other_hosts_and_schemes(url):
    assert parse_video_url(url) is None
    with pytest.raises(wagtail_blocks.StructBlockValidationError) as error:
        clean_video(url)
    assert "url" in error.value.block_errors


def test_video_block_requires_a_title():
    with pytest.raises(wagtail_blocks.StructBlockValidationError) as error:
        clean_video("https://youtu.be/dQw4w9WgXcQ", title="")
    assert "title" in error.value.block_errors


def test_video_provider_allowlist_comes_from_settings(settings):
    settings.MACHIKADO_VIDEO_PROVIDERS = ["vimeo"]
    assert parse_video_url("https://youtu.be/dQw4w9WgXcQ") is None
    assert parse_video_url("https://vimeo.com/76979871") is not None


def clean_map(latitude, longitude):
    block = MapBlock()
    return block.clean(
        block.to_python(
            {
                "label": "お店",
                "latitude": Decimal(latitude),
                "longitude": Decimal(longitude),
                "zoom": 16,
            }
        )
    )


@pytest.mark.parametrize(
    ("latitude", "longitude"),
    [
        ("36.258", "139.075"),  # Fujioka
        ("26.212", "127.679"),  # Naha
        ("43.062", "141.354"),  # Sapporo
        ("34.203", "129.288"),  # Tsushima
        ("27.094", "142.191"),  # Chichijima, Ogasawara
        ("24.468", "122.995"),  # Yonaguni
    ],
)
def test_map_block_accepts_points_in_japan(latitude, longitude):
    value = clean_map(latitude, longitude)
    assert value["latitude"] == Decimal(latitude)


@pytest.mark.parametrize(
    ("latitude", "longitude"),
    [
        ("48.8566", "2.3522"),  # Paris
        ("-33.8688", "151.2093"),  # Sydney
        ("37.5665", "126.9780"),  # Seoul: inside a box around Japan
        ("35.1796", "129.0756"),  # Busan, across the strait from Tsushima
        ("33.4996", "126.5312"),  # Jeju
        ("43.1155", "131.8855"),  # Vladivostok
        ("25.0330", "121.5654"),  # Taipei
        ("46.6400", "142.7800"),  # Korsakov, Sakhalin
    ],
)
def test_map_block_rejects_points_outside_japan(latitude, longitude):
    with pytest.raises(wagtail_blocks.StructBlockValidationError):
        clean_map(latitude, longitude)


def test_body_stream_validates_its_children():
    block = StorefrontBodyBlock()
    value = block.to_python(
        [
            {
                "type": "video",
                "value": {
                    "url": "https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ",
                    "title": "x",
                },
            }
        ]
    )
    with pytest.raises(wagtail_blocks.StreamBlockValidationError):
        block.clean(value)
