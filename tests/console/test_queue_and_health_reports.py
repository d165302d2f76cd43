"""Approvals queue and content health against hand-built content."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import WorkflowState

from businesses.models import BusinessApplication
from machikado.console.reports import approvals, health
from tests.factories import make_image, make_storefront, make_user, pending_application
from tests.tourism.factories import make_attraction, make_event, tourism_home, translate
from tourism.models import TourismFeature

from .data import NOW, at


def _submitted(application, when):
    BusinessApplication.objects.filter(pk=application.pk).update(submitted_at=when)


def _moderate(page, user, when):
    page.save_revision(user=user)
    state = page.get_workflow().start(page, user)
    WorkflowState.objects.filter(pk=state.pk).update(created_at=when)
    return state


@pytest.mark.django_db
def test_pending_applications_oldest_first_with_age():
    from tests.factories import make_area

    make_area()
    newer = pending_application(business_name="新しい店")
    older = pending_application(business_name="古い店", contact_email="old@example.jp")
    done = pending_application(business_name="承認済み", contact_email="done@example.jp")
    _submitted(newer, at(2026, 11, 20))
    _submitted(older, at(2026, 11, 1, 9))
    BusinessApplication.objects.filter(pk=done.pk).update(status="approved")
    rows = approvals.pending_applications(NOW)
    assert [(r["business"], r["age_days"]) for r in rows] == [("古い店", 27), ("新しい店", 8)]
    assert rows[0]["id"] == older.pk
    assert rows[0]["category"] == "酒蔵"


@pytest.mark.django_db
def test_pages_in_moderation(area):
    owner = make_user("mod-owner")
    page = make_storefront("審査中の店", owner=owner, area=area)
    other = make_storefront("もう一つ", area=area)
    _moderate(page, owner, at(2026, 11, 18))
    state = _moderate(other, owner, at(2026, 11, 25))
    WorkflowState.objects.filter(pk=state.pk).update(status=WorkflowState.STATUS_CANCELLED)
    rows = approvals.pages_in_moderation(NOW)
    assert len(rows) == 1
    row = rows[0]
    assert (row["page_id"], row["title"], row["language"], row["age_days"]) == (
        page.pk, "審査中の店", "ja", 10,
    )  # fmt: skip
    assert row["kind"] == "店舗ページ"  # the storefront model's name, in the active language
    assert row["task"] == "City staff review"
    assert row["requested_by"] == "mod-owner"
    assert approvals.products_in_moderation() == []


@pytest.mark.django_db
def test_past_featured_events():
    past = make_event("終わった祭り", start_date=dt.date(2025, 5, 1), end_date=dt.date(2025, 5, 2))
    future = make_event("これからの祭り", start_date=dt.date(2027, 1, 10))
    assert past.occurrences.exists() and future.occurrences.exists()
    home = tourism_home("ja")
    TourismFeature.objects.create(page=home, featured=past, sort_order=0)
    TourismFeature.objects.create(page=home, featured=future, sort_order=1)
    rows = health.past_featured_events(NOW)
    assert [(r["event"], r["home_language"], r["event_id"]) for r in rows] == [
        ("終わった祭り", "ja", past.pk)
    ]
    assert rows[0]["last_end"] == past.occurrences.order_by("-end").first().end
    assert health.past_featured_events(at(2025, 4, 30)) == []


@pytest.mark.django_db
def test_attractions_without_english(area):
    translated = make_attraction("翻訳済みの寺")
    translate(translated, "en", title="Translated temple")
    make_attraction("英語のない滝", area=area)
    draft = make_attraction("英語が下書きの山")
    translate(draft, "en", publish=False, title="Draft mountain")
    make_attraction("非公開の寺", publish=False)
    rows = health.attractions_without_english()
    assert [r["title"] for r in rows] == sorted(["英語のない滝", "英語が下書きの山"])
    assert [r["title"] for r in health.attractions_without_english(area.translation_key)] == [
        "英語のない滝"
    ]


@pytest.mark.django_db
def test_images_without_alt_text():
    first = make_image("first")
    make_image("second")
    described = make_image("third")
    described.description = "茶畑の風景"
    described.save()
    figures = health.images_without_alt_text()
    assert (figures["count"], figures["total"]) == (2, 3)
    assert [i["title"] for i in figures["images"]] == ["first", "second"]
    assert figures["images"][0]["id"] == first.pk
    assert len(health.images_without_alt_text(limit=1)["images"]) == 1


@pytest.mark.django_db
def test_health_queries_do_not_grow(area):
    def run():
        with CaptureQueriesContext(connection) as queries:
            health.past_featured_events(NOW)
            health.attractions_without_english()
            health.images_without_alt_text()
            approvals.pending_applications(NOW)
        return len(queries)

    make_image("one")
    make_attraction("一つ目")
    before = run()
    for n in range(4):
        make_image(f"more{n}")
        make_attraction(f"追加{n}")
    assert len(health.attractions_without_english()) == 5
    assert run() == before
