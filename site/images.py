import copy

from django.db.models import Prefetch
from wagtail.images import get_image_model

from .renditions import with_variants


def renditions_prefetch(lookup, *filter_specs):
    """Prefetch these renditions the way Wagtail's prefetch_renditions() does,
    so each {% image %} tag finds its rendition without a query (with a
    responsive picture's WebP widths: renditions.with_variants)."""
    rendition_model = get_image_model().get_rendition_model()
    return Prefetch(
        lookup,
        queryset=rendition_model.objects.filter(filter_spec__in=with_variants(*filter_specs)),
        to_attr="prefetched_renditions",
    )


def prefetch_renditions(wanted):
    """Load the renditions of [(image, filter spec)] in one query (none when
    empty), so {% image %} tags on those images need no query."""
    wanted = [(image, spec) for image, spec in wanted if image is not None]
    if not wanted:
        return
    rendition_model = get_image_model().get_rendition_model()
    renditions = rendition_model.objects.filter(
        image_id__in={image.pk for image, _spec in wanted},
        filter_spec__in=with_variants(*{spec for _image, spec in wanted}),
    )
    by_image = {}
    for rendition in renditions:
        by_image.setdefault(rendition.image_id, []).append(rendition)
    for image, _spec in wanted:
        # Each rendition points back at this very image object: its alt text
        # (a block's contextual alt text) is read through rendition.image.
        image.prefetched_renditions = [
            _with_image(rendition, image) for rendition in by_image.get(image.pk, [])
        ]


def _with_image(rendition, image):
    rendition = copy.copy(rendition)
    rendition.image = image
    return rendition
