"""Business categories have names in all five content languages."""

import pytest
from django.conf import settings
from django.utils import translation
from wagtail.models import Locale

from businesses.models import BusinessCategory
from machikado.setup import CATEGORY_TRANSLATIONS, DEFAULT_CATEGORIES, ensure_taxonomies

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name in settings.LANGUAGES]


def names(slug):
    return {
        category.locale.language_code: category.name
        for category in BusinessCategory.objects.filter(slug=slug).select_related("locale")
    }


def test_every_default_category_is_named_in_every_language():
    for slug, name_ja, name_en, *_rest in DEFAULT_CATEGORIES:
        assert names(slug) == {
            "ja": name_ja,
            "en": name_en,
            **CATEGORY_TRANSLATIONS[slug],
        }
        assert set(names(slug)) == set(LANGUAGES)


def test_korean_and_chinese_names_are_real_translations():
    assert names("cafe")["ko"] == "카페"
    assert names("restaurant")["zh-hans"] == "餐厅"
    assert names("restaurant")["zh-hant"] == "餐廳"


def test_missing_translations_are_added_and_staff_names_kept():
    cafe_ko = BusinessCategory.objects.get(slug="cafe", locale__language_code="ko")
    cafe_ko.name = "커피숍"
    cafe_ko.save()
    BusinessCategory.objects.filter(slug="inn", locale__language_code="zh-hant").delete()

    ensure_taxonomies()

    assert names("cafe")["ko"] == "커피숍"
    assert names("inn")["zh-hant"] == "住宿"
    assert BusinessCategory.objects.filter(
        locale=Locale.objects.get(language_code="ja")
    ).count() == len(DEFAULT_CATEGORIES)


def test_the_category_shows_in_the_visitors_language(client, storefront1):
    korean = storefront1.category.get_translation(Locale.objects.get(language_code="ko"))
    with translation.override("ja"):
        assert storefront1.category.localized.name == "飲食店"
    with translation.override("ko"):
        assert storefront1.category.localized.name == korean.name == "음식점"
