"""Content Security Policy and the other security headers.

The policy itself is ``settings.CONTENT_SECURITY_POLICY`` (django-csp 4):
same-origin only. The few outside hosts a page may use are not written
there but derived, at response time, from the settings that already name
them, so the policy can never disagree with the configuration (and the
localstripe / stripe-mock addresses tests and the demo use are allowed
exactly when they are configured):

- Stripe.js (``STRIPE_JS_URL``): its script; with Stripe's own Stripe.js
  also the frames and API host Stripe documents for it
  (js.stripe.com, hooks.stripe.com for 3-D Secure, api.stripe.com);
  with an emulator's Stripe.js, that emulator's origin;
- map tiles (``MAP_TILE_URL``) as images;
- media on S3-compatible storage (``AWS_S3_CUSTOM_DOMAIN``, the bucket's
  endpoint, or an absolute ``MEDIA_URL``) as images;
- the video players of ``MACHIKADO_VIDEO_PROVIDERS`` (businesses/video.py
  builds those URLs itself) as frames.

The Wagtail admin (everything under its URL prefix) gets the additions in
``settings.CONTENT_SECURITY_POLICY_ADMIN`` on top (see there for why), and
a view that allows being framed by its own site (Wagtail's preview sets
``X-Frame-Options: SAMEORIGIN``) gets ``frame-ancestors 'self'`` to match.
Wagtail renders the previewed page through a "dummy" request for its public
URL; that inner response gets no header of its own, the admin response does.
"""

from urllib.parse import urlsplit

from csp.middleware import CSPMiddleware
from django.conf import settings

SELF = "'self'"

#: Where Stripe says its Stripe.js needs to reach (docs: "Content Security Policy").
STRIPE_HOSTED = {
    "script-src": ["https://js.stripe.com"],
    "frame-src": ["https://js.stripe.com", "https://hooks.stripe.com"],
    "connect-src": ["https://api.stripe.com"],
}
STRIPE_JS_HOST = "js.stripe.com"

#: The origin of each provider's player (businesses.video.Video.player_url).
VIDEO_PLAYER_ORIGINS = {
    "youtube": "https://www.youtube-nocookie.com",
    "vimeo": "https://player.vimeo.com",
}


def origin(url):
    """scheme://host[:port] of an absolute URL, or None for a relative or empty one."""
    if not url:
        return None
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}"


def tile_source(url):
    """The source expression for a Leaflet tile URL template: a ``{s}``
    subdomain placeholder becomes a wildcard (https://{s}.tile.example →
    https://*.tile.example)."""
    if not url:
        return None
    parts = urlsplit(url.replace("{s}", "s-placeholder"))
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        return None
    host = parts.netloc.replace("s-placeholder", "*")
    return f"{parts.scheme}://{host}"


def media_sources():
    """Where uploaded images are served from when that is not this site."""
    sources = []
    custom_domain = getattr(settings, "AWS_S3_CUSTOM_DOMAIN", None)
    bucket = getattr(settings, "AWS_STORAGE_BUCKET_NAME", None)
    endpoint = getattr(settings, "AWS_S3_ENDPOINT_URL", None)
    if custom_domain:
        # django-storages' setting ("https:" by default)
        scheme = getattr(settings, "AWS_S3_URL_PROTOCOL", "https:").rstrip(":")
        sources.append(f"{scheme}://{custom_domain.split('/')[0]}")
    elif bucket and endpoint:
        sources.append(origin(endpoint))
    elif bucket:
        region = getattr(settings, "AWS_S3_REGION_NAME", None)
        sources.append(f"https://{bucket}.s3.amazonaws.com")
        if region:
            sources.append(f"https://{bucket}.s3.{region}.amazonaws.com")
    sources.append(origin(getattr(settings, "MEDIA_URL", "")))
    return [source for source in sources if source]


def stripe_sources():
    js_origin = origin(settings.STRIPE_JS_URL)
    if not js_origin:
        return {}
    if urlsplit(settings.STRIPE_JS_URL).hostname == STRIPE_JS_HOST:
        return {directive: list(hosts) for directive, hosts in STRIPE_HOSTED.items()}
    # An emulator (localstripe): its Stripe.js talks to, and frames, its own origin.
    return {"script-src": [js_origin], "frame-src": [js_origin], "connect-src": [js_origin]}


def video_sources():
    return [
        VIDEO_PLAYER_ORIGINS[provider]
        for provider in settings.MACHIKADO_VIDEO_PROVIDERS
        if provider in VIDEO_PLAYER_ORIGINS
    ]


def external_sources():
    """Directive → outside sources the configuration needs (added to the policy)."""
    sources = {directive: list(hosts) for directive, hosts in stripe_sources().items()}
    sources.setdefault("frame-src", []).extend(video_sources())
    tiles = tile_source(getattr(settings, "MAP_TILE_URL", ""))
    sources.setdefault("img-src", []).extend(
        [tiles, *media_sources()] if tiles else media_sources()
    )
    return {directive: hosts for directive, hosts in sources.items() if hosts}


def is_admin(path):
    return path.startswith(settings.MACHIKADO_ADMIN_PREFIX)


def _merged(*updates):
    merged = {}
    for update in updates:
        for directive, values in (update or {}).items():
            if isinstance(values, bool):
                merged[directive] = values
                continue
            if isinstance(values, str):
                values = [values]
            merged.setdefault(directive, [])
            merged[directive] = [*merged[directive], *values]
    return merged


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the configured outside hosts added and
    the admin's additions on admin paths. A view's own ``@csp_update`` /
    ``@csp_replace`` / ``@csp`` still apply."""

    def process_response(self, request, response):
        if getattr(request, "is_dummy", False):
            # Wagtail renders a preview through a dummy request for the page's
            # public URL, inside the admin's preview view: the admin response
            # around it gets the header (admin policy, framed by the admin).
            return response
        return super().process_response(request, response)

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only:
            return parts
        admin = is_admin(request.path_info)
        parts.update = _merged(
            external_sources(),
            settings.CONTENT_SECURITY_POLICY_ADMIN if admin else None,
            parts.update,
        )
        if response.get("X-Frame-Options", "").upper() == "SAMEORIGIN":
            parts.replace = {**(parts.replace or {}), "frame-ancestors": [SELF]}
        return parts


class PermissionsPolicyMiddleware:
    """Sends ``settings.PERMISSIONS_POLICY`` ({feature: [allowlist]}) as the
    Permissions-Policy header (Django has no setting for it)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = getattr(settings, "PERMISSIONS_POLICY", None)
        if policy and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = permissions_policy_header(policy)
        return response


def permissions_policy_header(policy):
    return ", ".join(f"{feature}=({' '.join(allow)})" for feature, allow in policy.items())
