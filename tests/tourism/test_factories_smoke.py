import datetime as dt

import pytest

from tests.tourism.factories import make_attraction, make_course, make_event, translate
from tourism.models import AttractionPage, EventPage


@pytest.mark.django_db
def test_tourism_pages_can_be_made_published_and_translated():
    temple = make_attraction("桜山寺", name_kana="さくらやまでら")
    make_event("桜まつり", start_date=dt.date(2027, 4, 3))
    course = make_course("桜山さんぽ", stops=[(temple, 45, 10, "walk"), (temple, 30, None, "")])
    english = translate(temple, "en", title="Sakurayama Temple")

    assert AttractionPage.objects.live().filter(locale__language_code="ja").get() == temple
    assert EventPage.objects.live().get().start_date == dt.date(2027, 4, 3)
    assert [s.stay_minutes for s in course.stops.all()] == [45, 30]
    assert english.live and english.translation_key == temple.translation_key
    assert english.url.startswith("/en/visit/attractions/")
