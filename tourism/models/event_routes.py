"""Routes of the event pages: listing, month calendar and iCal feeds.

Mixins (RoutablePageMixin, no database columns) for EventIndexPage and
EventPage; the work is done in tourism.presenters and tourism.ical.
"""

from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

CALENDAR_TEMPLATE = "tourism/event_calendar.html"


class EventIndexRoutes(RoutablePageMixin):
    """/events/ (list with filters), /events/calendar/<y>/<m>/, /events/ical/."""

    @path("")
    def listing(self, request):
        from ..presenters.event_listing import listing_context

        return self.render(request, context_overrides=listing_context(self, request))

    @path("calendar/")
    def this_month(self, request):
        today = timezone.localdate()
        return self.calendar(request, today.year, today.month)

    @path("calendar/<int:year>/<int:month>/")
    def calendar(self, request, year, month):
        from ..presenters.event_listing import calendar_context, local_today, month_in_range

        if not month_in_range(year, month, local_today()):
            raise Http404(_("No calendar for this month."))
        context = calendar_context(self, request, year, month)
        return self.render(request, template=CALENDAR_TEMPLATE, context_overrides=context)

    @path("ical/")
    def ical(self, request):
        from ..ical import calendar_for
        from ..presenters.events import venues_for
        from .events import EventPage

        events = list(
            EventPage.objects.live()
            .public()
            .filter(locale=self.locale, occurrences__end__gt=timezone.now())
            .distinct()
            .select_related("locale", "venue_page")
            .prefetch_related("exceptions")
            .order_by("start_date", "pk")
        )
        body = calendar_for(events, venues_for(events), request, name=self.title)
        return _ical_response(body, "events.ics")


class EventPageRoutes(RoutablePageMixin):
    """The event page and its own .ics file at ical/."""

    @path("ical/")
    def ical(self, request):
        from ..ical import calendar_for
        from ..presenters.events import venue_of

        body = calendar_for([self], {self.pk: venue_of(self)}, request, name=self.title)
        return _ical_response(body, f"{self.slug}.ics")


def _ical_response(body, filename):
    from ..ical import CONTENT_TYPE

    response = HttpResponse(body, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
