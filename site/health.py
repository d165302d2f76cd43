"""Health check for load balancers, container orchestrators and the image's
HEALTHCHECK: ``GET /healthz``.

200 ``ok`` when this process can run a query on its database, 503 otherwise.
No authentication, never cached (``Cache-Control: no-cache, no-store, ...``),
plain text (so never counted as a page view: machikado.visitors counts HTML
pages only), outside the language prefixes, and exempt from the production
HTTPS redirect so a probe may use plain HTTP (it must still send a Host that
ALLOWED_HOSTS accepts).
"""

import logging

from django.db import DEFAULT_DB_ALIAS, Error, connections
from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


@never_cache
@require_safe
def healthz(request):
    try:
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Error as error:
        logger.warning("health check: database unavailable: %s", error)
        return HttpResponse(
            "database unavailable\n", status=503, content_type="text/plain; charset=utf-8"
        )
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")
