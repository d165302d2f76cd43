"""``{% responsive_image image "card" class="card__image" alt="" loading="lazy" %}``

Renders a `<picture>`: a WebP `<source>` with a width-described `srcset`
and `sizes`, then an `<img>` of the fallback rendition (the image's own
format, JPEG/PNG) with its width, height and the given attributes (alt
defaults to the image's alt text, as with ``{% image %}``). The use names
and their specs are machikado.renditions.RESPONSIVE, where every spec is
made ahead of time; prefetch them with renditions.with_variants(fallback).
``sizes=`` overrides the use's sizes (a full-width hero: ``sizes="100vw"``).

Wagtail's ``{% picture %}`` needs a format filter on every spec, so its
fallback would be a second, re-encoded set of widths; this keeps one
fallback, which old browsers without WebP (the only ones that read it) get.
"""

from django import template
from django.forms.utils import flatatt
from django.utils.safestring import mark_safe
from wagtail.images.shortcuts import get_renditions_or_not_found

from machikado.renditions import RESPONSIVE

register = template.Library()


def width_srcset(renditions) -> str:
    """The srcset, "url 360w, url 720w": one candidate per distinct width
    (a small original gives the same width for several specs)."""
    seen = set()
    candidates = []
    for rendition in sorted(renditions, key=lambda r: r.width):
        if rendition.width and rendition.width not in seen:
            seen.add(rendition.width)
            candidates.append(f"{rendition.url} {rendition.width}w")
    return ", ".join(candidates)


@register.simple_tag
def responsive_image(image, use, **attrs):
    if not image:
        return ""
    responsive = RESPONSIVE[use]
    sizes = attrs.pop("sizes", None) or responsive.sizes
    renditions = get_renditions_or_not_found(image, responsive.specs)
    fallback = renditions[responsive.fallback]
    sources = [renditions[spec] for spec in responsive.sources]
    source = ""
    srcset = width_srcset(sources)
    if srcset:
        source = f"<source{flatatt({'type': 'image/webp', 'srcset': srcset, 'sizes': sizes})}>"
    return mark_safe(f"<picture>{source}{fallback.img_tag(attrs)}</picture>")  # noqa: S308 - flatatt escapes
