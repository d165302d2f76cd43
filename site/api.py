"""Read-only Wagtail API v2: published pages and the images the public may see."""

from django.db.models import Q
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Collection


class FindByIdMixin:
    """Input checks Wagtail's API views lack. Wagtail's find view (``find/?id=``) passes the value straight to
    ``queryset.get(id=...)``: anything but a number was a 500 (found by
    tests/fuzz). A 400 like the API's other parameter errors instead."""

    def find_object(self, queryset, request):
        if "id" in request.GET:
            try:
                int(request.GET["id"])
            except ValueError:
                raise BadRequestError("id must be a whole number") from None
        return super().find_object(queryset, request)

    def check_query_parameters(self, queryset):
        """?search= reaches the search backend's query parser: on SQLite a NUL
        or an unbalanced double quote was "unterminated string", a 500
        (found by tests/fuzz). Refused with a 400 instead."""
        super().check_query_parameters(queryset)
        text = self.request.GET.get("search", "")
        if any(ord(ch) < 32 or ord(ch) == 127 for ch in text):
            raise BadRequestError("search must not contain control characters")
        if text.count('"') % 2:
            raise BadRequestError("search has an unbalanced quotation mark")


class PublicPagesAPIViewSet(FindByIdMixin, PagesAPIViewSet):
    pass


class PublicImagesAPIViewSet(FindByIdMixin, ImagesAPIViewSet):
    """Wagtail's images endpoint lists every image by default. Images in a
    business's collection stay private until that business has a live
    storefront, so an unpublished shop's uploads never leak."""

    def get_queryset(self):
        public = Collection.objects.filter(
            Q(business__isnull=True) | Q(business__pages__live=True)
        ).values_list("pk", flat=True)
        # A plain list of collections: ?search= can filter only on indexed fields.
        return super().get_queryset().filter(collection__in=list(public.distinct()))


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
