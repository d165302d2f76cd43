"""Tourism pages go through wagtail-localize: text is offered to translators,
codes and readings are copied as they are."""

import datetime as dt

import pytest
from wagtail.models import Locale
from wagtail_localize.fields import SynchronizedField, get_translatable_fields
from wagtail_localize.models import TranslationSource

from tests.tourism.factories import make_event
from tourism.models import AttractionPage, EventPage


def synchronized_names(model):
    return {
        f.field_name for f in get_translatable_fields(model) if isinstance(f, SynchronizedField)
    }


def test_codes_and_readings_are_copied_not_translated():
    assert {"name_kana", "postal_code", "phone", "opendata_id"} <= synchronized_names(
        AttractionPage
    )
    assert {"repeat_weekdays", "contact_phone", "opendata_id"} <= synchronized_names(EventPage)


@pytest.mark.django_db
def test_a_weekly_event_translates_through_wagtail_localize():
    event = make_event(
        "朝市",
        start_date=dt.date(2027, 1, 9),
        repeat="weekly",
        repeat_weekdays=[5, 6],
        opendata_id="E000123",
    )
    source, _ = TranslationSource.get_or_create_from_instance(event)

    translated, _ = source.create_or_update_translation(
        Locale.objects.get(language_code="en"), publish=False, fallback=True
    )

    translated = EventPage.objects.get(pk=translated.pk)
    assert translated.repeat_weekdays == [5, 6]
    assert translated.opendata_id == "E000123"
    assert translated.translation_key == event.translation_key
