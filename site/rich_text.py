"""Rich text is sanitised in one place: where Wagtail renders it.

Every front-end rendering of rich text (the |richtext filter, RichText values
of RichTextBlock, {% include_block %}) goes through the template
wagtailcore/shared/richtext.html, which this project overrides
(site/templates/wagtailcore/shared/richtext.html) to pass the expanded HTML
through `sanitise()`.

Input from the admin is already limited per field: Draftail's converter keeps
only each field's features and checks link URLs. Rich text can still arrive
another way (the ORM, an import, a fixture, a translation), so the output is
cleaned as well, against the union of the features the project uses.
"""

import nh3
from django.utils.safestring import SafeString, mark_safe

# Features used by the project's fields: h2, h3, bold, italic, ol, ul, link
# (businesses/blocks.py, tourism/blocks.py, shop/models/catalogue.py, intros).
TAGS = {"p", "br", "h2", "h3", "b", "strong", "i", "em", "ul", "ol", "li", "a"}
ATTRIBUTES = {
    "a": {"href"},
    # Draftail's block keys (harmless, kept so the output matches Wagtail's).
    "p": {"data-block-key"},
    "h2": {"data-block-key"},
    "h3": {"data-block-key"},
    "li": {"data-block-key"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def sanitise(html: str) -> SafeString:
    """HTML with only the allowed tags, attributes and link schemes; the
    contents of <script> and <style> are dropped, the rest is escaped text."""
    cleaned = nh3.clean(
        html or "",
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )
    return mark_safe(cleaned)  # noqa: S308 - nh3 output
