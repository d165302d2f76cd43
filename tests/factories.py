"""Test data built through the same services the product uses."""

import datetime as dt
import io
import itertools
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Locale

from businesses.models import (
    BusinessApplication,
    BusinessCategory,
    BusinessDirectoryPage,
    BusinessPage,
)
from businesses.services.owner_access import (
    add_member,
    create_business,
    sync_storefront_permissions,
)
from machikado.setup import CITY_STAFF_GROUP
from tourism.models import Area

_counter = itertools.count(1)
PASSWORD = "correct-horse-battery"


def make_user(username=None, *, staff=False, superuser=False, **fields):
    username = username or f"user{next(_counter)}"
    User = get_user_model()
    if superuser:
        user = User.objects.create_superuser(username, f"{username}@example.jp", PASSWORD)
    else:
        user = User.objects.create_user(username, f"{username}@example.jp", PASSWORD, **fields)
    if staff:
        user.groups.add(Group.objects.get(name=CITY_STAFF_GROUP))
    return user


def make_area(name="鬼石", slug="onishi", name_en="Onishi"):
    ja = Locale.objects.get(language_code="ja")
    area = Area.objects.create(
        locale=ja, name=name, slug=slug, latitude=Decimal("36.2"), longitude=Decimal("139.06")
    )
    translated = area.copy_for_translation(Locale.objects.get(language_code="en"))
    translated.name = name_en
    translated.save()
    return area


def category(slug="restaurant"):
    return BusinessCategory.objects.get(locale__language_code="ja", slug=slug)


def make_image(title="photo", collection=None, size=(64, 48), color=(200, 80, 40)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, color).save(buffer, format="PNG")
    buffer.seek(0)
    image = get_image_model()(title=title, file=ImageFile(buffer, name=f"{title}.png"))
    if collection is not None:
        image.collection = collection
    image.save()
    return image


def directory(language="ja"):
    return BusinessDirectoryPage.objects.get(locale__language_code=language)


def make_storefront(name="喫茶まちかど", *, owner=None, area=None, publish=True, **fields):
    """A business with its members group, collection and a storefront page
    (Japanese, plus its English translation), as approval would make it."""
    business = create_business(name, "きっさまちかど")
    if owner is not None:
        add_member(business, owner)
    values = dict(
        title=name,
        name_kana="きっさまちかど",
        business=business,
        category=category(),
        area=area or Area.objects.filter(locale__language_code="ja").first() or make_area(),
        summary="駅前の小さな喫茶店。",
        postal_code="375-0024",
        prefecture="群馬県",
        city="藤岡市",
        street="藤岡1-2-3",
        phone="0274-22-1211",
        latitude=Decimal("36.258"),
        longitude=Decimal("139.075"),
    )
    values.update(fields)
    values.setdefault("live", publish)  # add_child() would otherwise make a live page
    page = directory().add_child(instance=BusinessPage(**values))
    revision = page.save_revision()
    if publish:
        revision.publish()
    translation = page.copy_for_translation(Locale.objects.get(language_code="en"))
    translation.title = f"{name} (en)"
    rev = translation.save_revision()
    if publish:
        rev.publish()
    sync_storefront_permissions(business)
    page.refresh_from_db()
    return page


def application_data(**overrides):
    data = {
        "business_name": "藤岡酒造",
        "business_name_kana": "ふじおかしゅぞう",
        "category": category("sake-brewery").pk,
        "area": Area.objects.filter(locale__language_code="ja").first().pk,
        "licence_number": "関酒 第123号",
        "postal_code": "３７５－００２４",
        "prefecture": "群馬県",
        "city": "藤岡市",
        "street": "藤岡100",
        "phone": "0274-22-9999",
        "description": "明治創業の酒蔵です。",
        "contact_name": "藤岡 太郎",
        "contact_name_kana": "ふじおか たろう",
        "contact_email": "taro@fujioka-shuzo.example.jp",
        "accepted_terms": "on",
    }
    data.update(overrides)
    return data


def pending_application(**overrides):
    from businesses.forms import BusinessApplicationForm
    from businesses.services.submit_application import submit_application

    form = BusinessApplicationForm(application_data(**overrides))
    assert form.is_valid(), form.errors
    application = form.save(commit=False)
    return submit_application(application)


TOKYO_TZ = dt.timezone(dt.timedelta(hours=9))
__all__ = ["BusinessApplication"]


# -- shop ----------------------------------------------------------------------

LEGAL = {
    "legal_name": "株式会社まちかど",
    "representative": "山田 花子",
    "legal_postal_code": "370-0000",
    "legal_address": "群馬県藤岡市中栗須1-1",
    "legal_phone": "0274-00-0000",
    "legal_email": "shop@example.jp",
    "delivery_time": "ご入金確認後3営業日以内に発送",
    "returns_policy": "商品到着後7日以内、未開封に限ります。",
}


def make_shop_profile(business, **fields):
    from shop.models import ShopProfile

    values = {**LEGAL, "accepts_card": True, "shipping_fee": 800, **fields}
    profile, _created = ShopProfile.objects.update_or_create(business=business, defaults=values)
    return profile


def make_product(
    business,
    title="ほうじ茶",
    *,
    price=1000,
    stock=10,
    track_stock=True,
    options=None,
    published=True,
    tax_class="reduced",
    **fields,
):
    """A product with one variant per option name (one unnamed variant by default)."""
    from shop.models import Product, Variant

    if not hasattr(business, "shop"):
        make_shop_profile(business)
    product = Product.objects.create(
        business=business,
        title=title,
        title_en=fields.pop("title_en", f"{title} (en)"),
        tax_class=tax_class,
        status=Product.PUBLISHED if published else Product.DRAFT,
        **fields,
    )
    for position, name in enumerate(options or [""]):
        Variant.objects.create(
            product=product,
            name=name,
            name_en=name,
            price=price,
            stock=stock,
            track_stock=track_stock,
            sort_order=position,
        )
    return product


CUSTOMER = {
    "name": "観光 太郎",
    "email": "taro@example.com",
    "phone": "090-1234-5678",
    "postal_code": "375-0024",
    "prefecture": "群馬県",
    "city": "藤岡市",
    "street": "藤岡1-2-3",
}
