"""Lists of storefronts: the directory with its filters, and cards elsewhere."""

from django.core.paginator import Paginator
from wagtail.models import Locale

from tourism.models import Area

from .models import BusinessCategory

PAGE_SIZE = 24


def localized_names(model, locale=None) -> dict:
    """Names of a translatable taxonomy in the active language by translation
    key: one query, instead of one ``.localized`` look-up per object."""
    locale = locale or Locale.get_active()
    return dict(model.objects.filter(locale=locale).values_list("translation_key", "name"))


def with_labels(storefronts, locale=None):
    """Give each storefront its category and area names in the active language,
    in two queries whatever the number of storefronts."""
    storefronts = list(storefronts)
    locale = locale or Locale.get_active()
    categories = localized_names(BusinessCategory, locale)
    areas = localized_names(Area, locale)
    for storefront in storefronts:
        storefront.category_label = categories.get(
            storefront.category.translation_key, storefront.category.name
        )
        storefront.area_label = areas.get(storefront.area.translation_key, storefront.area.name)
    return storefronts


def directory_filters(directory, request) -> dict:
    locale = Locale.get_active()
    categories = list(BusinessCategory.objects.filter(locale=locale))
    areas = list(Area.objects.filter(locale=locale))
    category = next((c for c in categories if c.slug == request.GET.get("category")), None)
    area = next((a for a in areas if a.slug == request.GET.get("area")), None)
    paginator = Paginator(directory.storefronts(category=category, area=area), PAGE_SIZE)
    page_obj = paginator.get_page(request.GET.get("page"))
    return {
        "categories": categories,
        "areas": areas,
        "selected_category": category,
        "selected_area": area,
        "page_obj": page_obj,
        "storefronts": with_labels(page_obj.object_list, locale),
    }
