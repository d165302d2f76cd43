"""Listings of areas and model courses for their index pages' templates.

(The index page models live in tourism/models/indexes.py; these tags keep
the listings' code with their presenters.)
"""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def area_listing(context, index):
    """{% area_listing page as listing %}: listing.areas, listing.map."""
    from ..presenters.areas import area_listing as build

    return build(index, context.get("request"))


@register.simple_tag(takes_context=True)
def course_listing(context, index):
    """{% course_listing page as listing %}: listing.courses (each with stop_count, duration)."""
    from ..presenters.courses import course_listing as build

    return build(index, context.get("request"))
