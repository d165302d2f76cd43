"""The site's URLs plus /bench/minimal/ (bench/load.py's baseline). Bench only:
machikado.urls never includes this module."""

from django.http import HttpResponse
from django.urls import path

from machikado.urls import urlpatterns as site_urlpatterns


def minimal(request):
    """The least a Django view does: through the same middleware, no database."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/minimal/", minimal), *site_urlpatterns]
