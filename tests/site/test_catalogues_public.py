"""UI catalogues in five languages: Japanese complete; Simplified Chinese,
Traditional Chinese and Korean complete for everything the public site shows.

**Public-site rule.** makemessages writes every place a msgid comes from as a
``#:`` reference. A msgid is *public* when at least one of its references is in
a file that is not admin-only. Admin-only files are exactly those matching
``ADMIN_ONLY`` below:

- templates under an ``admin/`` or ``wagtailadmin/`` directory (owner and staff
  screens under /admin/);
- ``admin.py`` modules and files named ``admin_*`` (Wagtail admin viewsets,
  panels and their templates, e.g. the open data import form),
  ``wagtail_hooks.py`` (admin menus, snippets, actions) and ``apps.py`` (app
  names shown in the admin);
- management commands (console output for operators);
- ``businesses/models/settings.py`` (the staff-only approval policy setting);
- ``tourism/opendata/importer.py`` (the import validation report, shown to
  staff in the admin action and to operators by the command).

Everything else is public: every other template (layouts, storefronts, the
directory, the application form and its e-mails, the shop's product, cart,
checkout, payment, confirmation, receipt and legal pages and customer e-mails,
the tourism pages), every view, form, presenter, template tag and service
module (their messages reach visitors), and the model modules (their labels are
form labels on the public application form and checkout; their choices —
categories, event status, seasons, payment and travel modes, order statuses —
are printed on public pages). A new template or module is therefore public by
default, and its strings fail this test until they are translated.
"""

import re
from fnmatch import fnmatch
from pathlib import Path

import polib
import pytest
from django.apps import apps
from django.conf import settings
from django.utils import translation
from wagtail.models import Locale

from tests import factories

CATALOGUES = Path(settings.LOCALE_PATHS[0])
PUBLIC_LANGUAGES = {"zh_Hans": "zh-hans", "zh_Hant": "zh-hant", "ko": "ko"}
ADMIN_ONLY = (
    "*/admin/*",
    "*/wagtailadmin/*",
    "admin.py",
    "*/admin.py",
    "*/admin_*",
    "*/wagtail_hooks.py",
    "*/apps.py",
    "*/management/commands/*",
    "businesses/models/settings.py",
    "tourism/opendata/importer.py",
)
PLACEHOLDER = re.compile(r"%\(\w+\)[sdi]|%[sdi]|%%|\{\{?\s*\w+\s*\}?\}")
TAG = re.compile(r"</?[a-zA-Z][^>]*>")


def po(folder):
    return polib.pofile(str(CATALOGUES / folder / "LC_MESSAGES" / "django.po"))


def is_public(path):
    return not any(fnmatch(path, pattern) for pattern in ADMIN_ONLY)


def public_entries(catalogue):
    return [
        entry
        for entry in catalogue
        if not entry.obsolete and any(is_public(path) for path, _line in entry.occurrences)
    ]


def texts(entry):
    return list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]


@pytest.fixture(scope="module")
def catalogues():
    return {folder: po(folder) for folder in ["ja", *PUBLIC_LANGUAGES]}


def test_the_public_rule_sorts_known_files():
    for public in (
        "site/templates/base.html",
        "businesses/templates/businesses/business_page.html",
        "businesses/templates/businesses/email/application_received.txt",
        "businesses/forms.py",
        "shop/templates/shop/cart.html",
        "shop/templates/shop/email/order_paid.txt",
        "shop/checkout_forms.py",
        "shop/views/legal.py",
        "tourism/models/events.py",
        "tourism/templates/tourism/includes/map.html",
    ):
        assert is_public(public), public
    for admin in (
        "shop/templates/shop/admin/orders_detail.html",
        "businesses/templates/businesses/admin/application_inspect.html",
        "shop/admin_orders.py",
        "tourism/templates/tourism/opendata/admin_import.html",
        "businesses/wagtail_hooks.py",
        "shop/apps.py",
        "businesses/models/settings.py",
    ):
        assert not is_public(admin), admin


def test_japanese_catalogue_is_complete(catalogues):
    ja = catalogues["ja"]
    assert [e.msgid for e in ja.untranslated_entries()] == []
    assert [e.msgid for e in ja.fuzzy_entries()] == []


@pytest.mark.parametrize("folder", PUBLIC_LANGUAGES)
def test_every_public_string_is_translated(catalogues, folder):
    catalogue = catalogues[folder]
    public = public_entries(catalogue)
    # The rule selects most of the catalogue (so it cannot quietly select nothing).
    assert len(public) > 0.7 * len([e for e in catalogue if not e.obsolete])
    missing = [
        (entry.msgid, sorted({path for path, _ in entry.occurrences}))
        for entry in public
        if not entry.translated() or "fuzzy" in entry.flags
    ]
    assert missing == []


@pytest.mark.parametrize("folder", PUBLIC_LANGUAGES)
def test_visitor_facing_choices_are_translated(catalogues, folder):
    """Choice labels of the content models (categories, statuses, seasons,
    modes) are printed on public pages."""
    translated = {
        (e.msgctxt, e.msgid)
        for e in catalogues[folder]
        if e.translated() and "fuzzy" not in e.flags
    }
    labels = set()
    with translation.override("en"):
        for app in ("businesses", "shop", "tourism"):
            for model in apps.get_app_config(app).get_models():
                for field in model._meta.get_fields():
                    for _value, label in getattr(field, "flatchoices", None) or []:
                        if not isinstance(label, str):  # lazy: a msgid of ours
                            labels.add(str(label))
    assert len(labels) > 40
    assert sorted(label for label in labels if (None, label) not in translated) == []


@pytest.mark.parametrize("folder", ["ja", *PUBLIC_LANGUAGES])
def test_translations_keep_placeholders_markup_and_one_plural_form(catalogues, folder):
    catalogue = catalogues[folder]
    assert catalogue.metadata["Plural-Forms"] == "nplurals=1; plural=0;"
    wrong = []
    for entry in catalogue.translated_entries():
        if entry.msgid_plural:
            assert sorted(entry.msgstr_plural) == [0], entry.msgid
        sources = [entry.msgid] + ([entry.msgid_plural] if entry.msgid_plural else [])
        for text in texts(entry):
            if all(
                sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(text))
                for source in sources
            ) or sorted(TAG.findall(entry.msgid)) != sorted(TAG.findall(text)):
                wrong.append((entry.msgid, text))
    assert wrong == []


@pytest.mark.parametrize("folder", ["ja", *PUBLIC_LANGUAGES])
def test_compiled_catalogues_match_the_po_files(catalogues, folder):
    """compilemessages (make messages / make catalogues) ran after the last edit."""
    compiled = {
        (e.msgctxt, e.msgid): e
        for e in polib.mofile(str(CATALOGUES / folder / "LC_MESSAGES" / "django.mo"))
    }
    stale = [
        entry.msgid
        for entry in catalogues[folder].translated_entries()
        if (found := compiled.get((entry.msgctxt, entry.msgid))) is None
        or texts(found) != texts(entry)
    ]
    assert stale == []


def test_gettext_reads_each_catalogue():
    expected = {
        "zh-hans": ("营业中", "购物车中有3件商品", "11月28日 星期六"),
        "zh-hant": ("營業中", "購物車中有3件商品", "11月28日 星期六"),
        "ko": ("영업 중", "장바구니에 3개", "11월 28일 (토요일)"),
    }
    import datetime as dt

    from django.utils.dateformat import format as date_format

    for language, (open_now, cart, day) in expected.items():
        with translation.override(language):
            assert translation.gettext("Open now") == open_now
            counted = translation.ngettext(
                "%(counter)s item in your cart", "%(counter)s items in your cart", 3
            )
            assert counted % {"counter": 3} == cart
            row = translation.pgettext("opening hours row", "D n/j")
            assert date_format(dt.date(2026, 11, 28), row) == day


# -- pages ---------------------------------------------------------------------------------------

UI = {
    "zh-hans": {
        "skip": "跳到主要内容",
        "cart": "购物车",
        "hours": "营业时间",
        "empty": "您的购物车是空的。",
        "plan": "规划行程",
        "calendar": "月历",
    },
    "zh-hant": {
        "skip": "跳到主要內容",
        "cart": "購物車",
        "hours": "營業時間",
        "empty": "您的購物車是空的。",
        "plan": "規劃行程",
        "calendar": "月曆",
    },
    "ko": {
        "skip": "본문 바로가기",
        "cart": "장바구니",
        "hours": "영업시간",
        "empty": "장바구니가 비어 있습니다.",
        "plan": "여행 계획",
        "calendar": "월간 캘린더",
    },
}


def storefront_in(page, language):
    """The storefront translated into a language, as staff would do it."""
    translated = page.copy_for_translation(Locale.objects.get(language_code=language))
    translated.save_revision().publish()
    translated.refresh_from_db()
    return translated


@pytest.mark.django_db
@pytest.mark.parametrize("language", UI)
def test_public_pages_show_the_interface_in_the_language(client, area, language):
    ui = UI[language]
    storefront = storefront_in(factories.make_storefront("喫茶まちかど", area=area), language)
    pages = {
        "home": f"/{language}/",
        "storefront": storefront.url,
        "tourism home": f"/{language}/visit/",
        "event listing": f"/{language}/visit/events/",
        "cart": f"/{language}/cart/",
    }
    shown = {}
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, (name, url, response.status_code)
        html = shown[name] = response.content.decode()
        lang = re.search(r"<html[^>]*\blang=\"([^\"]+)\"", html)
        assert lang and lang.group(1).lower() == language, (name, lang and lang.group(1))
        assert ui["skip"] in html, name
        assert f">{ui['cart']}" in html, name
        assert "Skip to main content" not in html, name
    assert ui["hours"] in shown["storefront"]
    assert ui["plan"] in shown["tourism home"]
    assert ui["calendar"] in shown["event listing"]
    assert ui["empty"] in shown["cart"]
