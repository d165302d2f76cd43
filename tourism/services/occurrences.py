"""Stored occurrences of event pages, and the queries listings use.

An EventPage's dates and repeat rule are expanded (tourism.recurrence) into
EventOccurrence rows whenever the page is saved in full (publishing writes
the page with its exception rows) or unpublished, and daily by
``manage.py tourism_refresh_occurrences`` so open-ended rules keep reaching
TOURISM_OCCURRENCE_HORIZON_DAYS ahead. Only live pages have occurrences, so
every listing is a plain date-range query.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from wagtail.models import PageViewRestriction

from ..models import EventOccurrence, EventPage
from ..recurrence import TOKYO, EventDates, horizon, occurrences


def sync_occurrences(event, *, today=None):
    """Rewrite the occurrences of one event page; returns how many it has."""
    with transaction.atomic():
        EventOccurrence.objects.filter(event_id=event.pk).delete()
        if not event.live:
            return 0
        rows = [
            EventOccurrence(event_id=event.pk, start=o.start, end=o.end, all_day=o.all_day)
            for o in occurrences(EventDates.of(event), until=horizon(today))
        ]
        EventOccurrence.objects.bulk_create(rows)
        return len(rows)


def refresh_all(*, today=None):
    """Re-expand every live event (the daily job); returns (events, occurrences)."""
    events = EventPage.objects.live().prefetch_related("exceptions")
    count = total = 0
    for event in events.iterator(chunk_size=200):
        total += sync_occurrences(event, today=today)
        count += 1
    return count, total


def upcoming(
    locale,
    *,
    start=None,
    end=None,
    venue=None,
    category=None,
    area=None,
    free=None,
    limit=None,
    now=None,
):
    """Occurrences of live events in ``locale`` that have not ended (end > now), soonest first.

    start/end (aware datetimes or dates, Tokyo) keep those overlapping the
    range; venue is a page (any language version matches); area an Area (any
    language version); free=True keeps price 0. Cancelled and postponed events
    stay in (their ``event.status`` says so). Each row has its ``event``
    (with area) loaded in the same query.
    """
    now = now or timezone.now()
    since = max(_aware(start), now) if start else now
    rows = EventOccurrence.objects.filter(
        event__live=True, event__locale=locale, end__gt=since
    ).select_related("event", "event__area", "event__locale")
    for path in PageViewRestriction.objects.values_list("page__path", flat=True):
        rows = rows.exclude(event__path__startswith=path)  # private sections stay private
    if end:
        rows = rows.filter(start__lt=_aware(end))
    if venue is not None:
        rows = rows.filter(event__venue_page__translation_key=venue.translation_key)
    if category:
        rows = rows.filter(event__category=category)
    if area is not None:
        rows = rows.filter(event__area__translation_key=area.translation_key)
    if free:
        rows = rows.filter(event__price=0)
    rows = rows.order_by("start", "event_id")
    return rows[:limit] if limit else rows


def _aware(value):
    """A date means midnight in Tokyo; datetimes pass through."""
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime.combine(value, dt.time(0), TOKYO)
