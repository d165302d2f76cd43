"""Keep wagtail-localize's copy of a source page current.

wagtail-localize reads a page's text into its TranslationSource when the
page is first submitted for translation, and again only when an editor
clicks "Sync translated pages". Until then its translation editor and its
Translations report still show the old text as fully translated. Here every
publish of a page that has translations refreshes that copy, so the report
("Waiting for translations") and each translation's progress show at once
which translations the change left out of date. The translated pages
themselves do not change until their translation is published again.
"""

from wagtail.signals import page_published


def refresh_translation_sources(sender, instance, **kwargs):
    from wagtail_localize.models import TranslationSource

    source = TranslationSource.objects.filter(
        object_id=instance.translation_key, locale_id=instance.locale_id
    ).first()
    if source is not None and source.translations.filter(enabled=True).exists():
        source.update_from_db()


def connect():
    page_published.connect(
        refresh_translation_sources, dispatch_uid="machikado.refresh_translation_sources"
    )
