"""Stored occurrences follow the live page: publish, draft, unpublish, refresh."""

import datetime as dt

import pytest
from django.core.management import call_command
from wagtail.models import Locale

from tests.tourism.factories import make_attraction, make_event, translate
from tourism.models import EventOccurrence
from tourism.recurrence import TOKYO
from tourism.services.occurrences import refresh_all, sync_occurrences, upcoming

D = dt.date
NOW = dt.datetime(2026, 11, 28, 12, 0, tzinfo=TOKYO)


def dates_of(event):
    return [o.start.astimezone(TOKYO).date() for o in event.occurrences.all()]


def ja():
    return Locale.objects.get(language_code="ja")


@pytest.mark.django_db
def test_publishing_stores_occurrences_without_the_exceptions():
    event = make_event(
        start_date=D(2026, 12, 1),
        repeat="daily",
        repeat_until=D(2026, 12, 4),
        exceptions=[D(2026, 12, 3)],
    )
    assert dates_of(event) == [D(2026, 12, 1), D(2026, 12, 2), D(2026, 12, 4)]


@pytest.mark.django_db
def test_a_draft_changes_nothing_until_it_is_published():
    event = make_event(start_date=D(2026, 12, 5))
    event.start_date = D(2026, 12, 20)
    revision = event.save_revision()
    assert dates_of(event) == [D(2026, 12, 5)]
    revision.publish()
    assert dates_of(event) == [D(2026, 12, 20)]


@pytest.mark.django_db
def test_unpublished_and_unpublished_pages_have_no_occurrences():
    draft = make_event(publish=False)
    assert not EventOccurrence.objects.filter(event=draft).exists()
    event = make_event()
    assert event.occurrences.count() == 1
    event.unpublish()
    assert not EventOccurrence.objects.filter(event=event).exists()


@pytest.mark.django_db
def test_refresh_extends_open_rules_to_the_horizon(settings):
    settings.TOURISM_OCCURRENCE_HORIZON_DAYS = 30
    event = make_event(start_date=D(2026, 11, 1), repeat="weekly")
    sync_occurrences(event, today=D(2026, 11, 1))
    assert max(dates_of(event)) == D(2026, 11, 29)
    assert refresh_all(today=D(2026, 12, 1)) == (1, 9)
    assert max(dates_of(event)) == D(2026, 12, 27)
    settings.TOURISM_OCCURRENCE_HORIZON_DAYS = 400
    call_command("tourism_refresh_occurrences", verbosity=0)
    assert max(dates_of(event)) > D(2027, 12, 1)


@pytest.mark.django_db
def test_upcoming_filters_and_drops_what_has_ended():
    hall = make_attraction("公会堂")
    ended = make_event(
        "終わった", start_date=D(2026, 11, 28), start_time=dt.time(9), end_time=dt.time(11)
    )
    today = make_event(
        "今日", start_date=D(2026, 11, 28), start_time=dt.time(11), end_time=dt.time(13)
    )
    make_event("公会堂で", start_date=D(2026, 12, 5), venue_page=hall, price=0)
    cancelled = make_event("中止", start_date=D(2026, 12, 6), status="cancelled", category="market")

    def titles(**kwargs):
        return [o.event.title for o in upcoming(ja(), now=NOW, **kwargs)]

    assert ended.occurrences.exists()
    assert titles() == ["今日", "公会堂で", "中止"]
    assert titles(venue=hall) == ["公会堂で"]
    assert titles(venue=translate(hall, "en", title="Hall")) == ["公会堂で"]
    assert titles(free=True) == ["公会堂で"]
    assert titles(category="market") == ["中止"]
    assert titles(start=D(2026, 12, 1), end=D(2026, 12, 6)) == ["公会堂で"]
    assert titles(limit=1) == ["今日"]
    assert today.occurrences.get().end > NOW
    assert cancelled.status == "cancelled"


@pytest.mark.django_db
def test_publishing_in_the_admin_stores_the_edited_dates_and_exceptions(client):
    """The admin's publish saves the page and then its inline rows; the
    occurrences follow both (and saving a draft changes nothing)."""
    from wagtail.test.utils.form_data import querydict_from_html

    from tests.factories import make_user

    event = make_event(start_date=D(2027, 6, 1))
    client.force_login(make_user("editor", superuser=True))

    def form():
        html = client.get(f"/admin/pages/{event.pk}/edit/").content.decode()
        data = querydict_from_html(html, form_id="page-edit-form")
        data.setdefault("body-count", "0")
        return data

    data = form()
    data.update(repeat="daily", repeat_until="2027-06-05", **{"exceptions-TOTAL_FORMS": "1"})
    data.update(
        {
            "exceptions-0-date": "2027-06-03",
            "exceptions-0-note": "",
            "exceptions-0-id": "",
            "exceptions-0-ORDER": "1",
            "exceptions-0-DELETE": "",
        }
    )
    response = client.post(f"/admin/pages/{event.pk}/edit/", data)  # save draft
    assert response.status_code == 302, response.context["form"].errors
    assert dates_of(event) == [D(2027, 6, 1)]
    data = form()  # the draft, as the editor sees it again
    data["action-publish"] = "action-publish"
    response = client.post(f"/admin/pages/{event.pk}/edit/", data)
    assert response.status_code == 302, response.context["form"].errors
    assert dates_of(event) == [D(2027, 6, 1), D(2027, 6, 2), D(2027, 6, 4), D(2027, 6, 5)]


@pytest.mark.django_db
def test_upcoming_leaves_out_events_in_a_private_section():
    from wagtail.models import PageViewRestriction

    secret = make_event("関係者向け", start_date=D(2026, 12, 5))
    make_event("公開", start_date=D(2026, 12, 5))
    PageViewRestriction.objects.create(page=secret, restriction_type="login")
    assert [o.event.title for o in upcoming(ja(), now=NOW)] == ["公開"]
