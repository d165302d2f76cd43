"""Where browsers send Content Security Policy violation reports:
``POST /csp-report/`` (the policy's ``report-uri``).

A violation on the public site means either an attack blocked or a feature
the policy breaks; both should be seen. Each report becomes one warning on
the ``machikado.csp`` logger (the deployment's log shipping or error tracker
picks it up). Nothing personal is kept: page and blocked addresses lose
their query string and fragment, which may carry tokens or search words.

``report-uri`` rather than the Reporting API's ``report-to``: every browser
still delivers it at once, while Firefox does not support ``report-to`` for
CSP and Chromium batches its reports. Both body formats are read anyway
(``application/csp-report`` and ``application/reports+json``), since a
browser may send either. Bodies are capped, and a bad one gets 400.
"""

import json
import logging
import time
from urllib.parse import urlsplit, urlunsplit

from django.core.cache import cache
from django.http import HttpResponse, HttpResponseBadRequest
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

logger = logging.getLogger("machikado.csp")

#: Larger bodies are refused (a report is well under 2 KB; the Reporting API batches a few).
MAX_BODY_BYTES = 32 * 1024
#: Reports read from one batch at most.
MAX_REPORTS = 10
#: Reports logged per minute, site-wide (the shared cache counts): anyone can
#: post here, and a flood must not drown the logs. Reports over it are dropped.
MAX_LOGGED_PER_MINUTE = 60


def without_query(url):
    """The URL without its query string and fragment (keywords like
    "inline" or "eval" pass through unchanged)."""
    if not isinstance(url, str):
        return ""
    parts = urlsplit(url)
    if not parts.scheme:
        return url[:200]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))[:500]


def within_log_budget():
    key = f"csp-reports:{int(time.time() // 60)}"
    cache.add(key, 0, timeout=120)
    try:
        return cache.incr(key) <= MAX_LOGGED_PER_MINUTE
    except ValueError:  # the key expired between add and incr
        return True


def violations(payload):
    """The violation bodies in either report format, in the report-uri field names."""
    if isinstance(payload, dict) and isinstance(payload.get("csp-report"), dict):
        return [payload["csp-report"]]
    if isinstance(payload, list):
        found = []
        for report in payload[:MAX_REPORTS]:
            if isinstance(report, dict) and report.get("type") == "csp-violation":
                body = report.get("body") or {}
                found.append(
                    {
                        "effective-directive": body.get("effectiveDirective"),
                        "blocked-uri": body.get("blockedURL"),
                        "document-uri": body.get("documentURL"),
                        "source-file": body.get("sourceFile"),
                        "line-number": body.get("lineNumber"),
                        "disposition": body.get("disposition"),
                    }
                )
        return found
    return None


@csrf_exempt
@require_POST
def csp_report(request):
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > MAX_BODY_BYTES:
        return HttpResponse("Report too large.\n", status=413, content_type="text/plain")
    try:
        payload = json.loads(request.body[: MAX_BODY_BYTES + 1] or b"null")
    except (ValueError, UnicodeDecodeError):
        return HttpResponseBadRequest("The report is not JSON.\n", content_type="text/plain")
    found = violations(payload)
    if found is None:
        return HttpResponseBadRequest(
            "Expected a CSP violation report.\n", content_type="text/plain"
        )
    for report in found:
        if not within_log_budget():
            break
        directive = report.get("effective-directive") or report.get("violated-directive") or ""
        logger.warning(
            "CSP violation: %s blocked %s on %s (%s:%s, %s)",
            str(directive)[:100],
            without_query(report.get("blocked-uri")) or "-",
            without_query(report.get("document-uri")) or "-",
            without_query(report.get("source-file")) or "-",
            report.get("line-number") if isinstance(report.get("line-number"), int) else "-",
            report.get("disposition")
            if report.get("disposition") in {"enforce", "report"}
            else "-",
            extra={"csp_directive": str(directive)[:100]},
        )
    return HttpResponse(status=204)
