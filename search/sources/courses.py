"""Model courses: one document per live language version.

A course has no point of its own: its document takes the first stop that
has one, so "near here" finds courses starting nearby. It is barrier-free
when every stop has step-free access. Its stops' names (in the document's
language, else Japanese) are tags, with the season and the ways to travel.
"""

from __future__ import annotations

from django.db.models import Prefetch

from search.documents import SearchDocument
from tourism.models import CourseStop, ModelCoursePage

from .base import BuildContext, join_text, label, point, stream_text
from .pages import PageSource, in_language, step_free, venue_pages


class CourseSource(PageSource):
    kind = "course"
    model = ModelCoursePage

    def prefetches(self, context: BuildContext) -> list:
        stops = CourseStop.objects.select_related("stop").order_by("sort_order", "pk")
        return [Prefetch("stops", queryset=stops)]

    def lookups(self, pages, context: BuildContext) -> dict:
        keys = {stop.stop.translation_key for page in pages for stop in page.stops.all()}
        return {"stops": venue_pages(keys, context)}

    def fill(self, document: SearchDocument, page, context: BuildContext, extra: dict) -> None:
        stops = [
            in_language(extra["stops"], stop.stop.translation_key, document.language)
            for stop in page.stops.all()
        ]
        live_stops = [stop for stop in stops if stop is not None]
        modes = {stop.travel_mode for stop in page.stops.all() if stop.travel_mode}
        document.body = join_text(stream_text(page.body), page.accessibility_notes)
        self.area(document, page.area_id, context)
        for stop in live_stops:
            latitude, longitude = point(stop)
            if latitude is not None:
                document.latitude, document.longitude = latitude, longitude
                break
        document.barrier_free = bool(live_stops) and all(step_free(s) for s in live_stops)
        tags = [stop.title for stop in live_stops]
        tags.append(label(ModelCoursePage.SEASONS, page.season))
        tags += [label(CourseStop.MODES, mode) for mode in sorted(modes)]
        document.tags = [str(tag) for tag in tags if tag]
