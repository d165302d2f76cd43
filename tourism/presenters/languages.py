"""Whose language a page is shown in: the visitor's when the page is
translated (and live), otherwise Japanese, the source language."""

from django.conf import settings
from django.utils import translation
from django.utils.functional import cached_property
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page


def default_locale():
    return Locale.get_default()


def prefer_language(rows, locale, item=lambda row: row):
    """Keep one row per page (translation key): the one in ``locale`` when there
    is one, else the other (the Japanese source). The order is kept.
    ``item(row)`` is the page of a row (e.g. ``Near.item``)."""
    chosen = {}
    for row in rows:
        page = item(row)
        current = chosen.get(page.translation_key)
        if current is None or (
            page.locale_id == locale.pk and item(current).locale_id != locale.pk
        ):
            chosen[page.translation_key] = row
    return [row for row in rows if chosen[item(row).translation_key] is row]


class Visitor:
    """Whose page this is: the visitor's locale and the source (default) locale,
    looked up in one query (``active, default = visitor`` unpacks them), and
    the site's private sections, looked up once however many lists use them."""

    def __init__(self):
        active_code = get_supported_content_language_variant(translation.get_language())
        default_code = get_supported_content_language_variant(settings.LANGUAGE_CODE)
        found = {
            locale.language_code: locale
            for locale in Locale.objects.filter(language_code__in={active_code, default_code})
        }
        self.default = found[default_code]
        self.active = found.get(active_code, self.default)

    def __iter__(self):
        return iter((self.active, self.default))

    def __getitem__(self, index):
        return (self.active, self.default)[index]

    @cached_property
    def private_q(self):
        return Page.objects.none().private_q()

    def public(self, queryset):
        """Like PageQuerySet.public(), without a query each time."""
        return queryset.exclude(self.private_q)


def visitor_locales():
    """The visitor's and the source locale, and what is public (see Visitor)."""
    return Visitor()


def in_visitor_language(queryset, locales=None):
    """The queryset's public pages, each in the visitor's language when
    translated (one query; give the queryset its select_related/prefetch_related)."""
    visitor = locales or visitor_locales()
    active, default = visitor
    queryset = visitor.public(queryset.filter(locale_id__in={active.pk, default.pk}))
    return prefer_language(queryset, active)
