from django.db.models import Prefetch
from wagtail.images import get_image_model


def renditions_prefetch(lookup, *filter_specs):
    """Prefetch these renditions the way Wagtail's prefetch_renditions() does,
    so each {% image %} tag finds its rendition without a query."""
    rendition_model = get_image_model().get_rendition_model()
    return Prefetch(
        lookup,
        queryset=rendition_model.objects.filter(filter_spec__in=filter_specs),
        to_attr="prefetched_renditions",
    )
