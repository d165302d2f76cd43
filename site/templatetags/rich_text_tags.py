from django import template

from ..rich_text import sanitise

register = template.Library()


@register.filter
def sanitise_rich_text(html):
    """Used by the override of wagtailcore/shared/richtext.html."""
    return sanitise(str(html) if html is not None else "")
