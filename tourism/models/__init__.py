"""Tourism content: areas, attractions, events and model courses.

Each kind is a Wagtail page (translated with wagtail-localize) under one
tourism home per language; the Area snippet stays the shared taxonomy that
storefronts and tourism pages point at.
"""

from .area_pages import AreaHighlight, AreaPage
from .areas import Area, latitude_field, longitude_field
from .attractions import AttractionClosure, AttractionHours, AttractionImage, AttractionPage
from .courses import CourseStop, ModelCoursePage
from .events import EventException, EventOccurrence, EventPage
from .indexes import (
    AreaIndexPage,
    AttractionIndexPage,
    CourseIndexPage,
    EventIndexPage,
    TourismFeature,
    TourismHomePage,
)

__all__ = [
    "Area",
    "AreaHighlight",
    "AreaIndexPage",
    "AreaPage",
    "AttractionClosure",
    "AttractionHours",
    "AttractionImage",
    "AttractionIndexPage",
    "AttractionPage",
    "CourseIndexPage",
    "CourseStop",
    "EventException",
    "EventIndexPage",
    "EventOccurrence",
    "EventPage",
    "ModelCoursePage",
    "TourismFeature",
    "TourismHomePage",
    "latitude_field",
    "longitude_field",
]
