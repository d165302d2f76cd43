"""Settings shared by every environment. Safe by default: DEBUG is off and
optional services are configured only when their variables are present."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url

PROJECT_DIR = Path(__file__).resolve().parent.parent  # site/
BASE_DIR = PROJECT_DIR.parent  # repository root


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "machikado",
    "businesses",
    "tourism",
    "shop",
    "search",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "rest_framework",
    "modelcluster",
    "taggit",
    "django_filters",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "machikado.csp.ContentSecurityPolicyMiddleware",
    "machikado.csp.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "machikado.visitors.PageViewMiddleware",  # aggregate page-view counters, no personal data
    "machikado.middleware.VaryOnCookieMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "machikado.middleware.LocaleMiddleware",
    "machikado.page_cache.PageCacheMiddleware",  # anonymous pages; after the language
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "machikado.two_factor.middleware.TwoFactorMiddleware",  # staff: TOTP before the admin
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a lockout into the lockout page
]

ROOT_URLCONF = "machikado.urls"
WSGI_APPLICATION = "machikado.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: DATABASE_URL, or the embedded SQLite file. SQLite runs in WAL mode
# so the development server's reads do not block on writes, and transactions
# take the write lock when they begin (IMMEDIATE): a transaction that reads
# and then writes (a checkout) waits its turn instead of failing with
# "database is locked" when another writer got there first.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = (
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;"
    )
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Logins (machikado/two_factor/). django-axes counts failed sign-ins per
# username + client address (never per address alone: a city hall's staff
# share one NAT address) and locks that pair out for AXES_COOLOFF_TIME; a
# successful sign-in resets the count. Behind a reverse proxy set
# TRUSTED_PROXY_COUNT to the number of proxies that append to
# X-Forwarded-For; by default the header is ignored (REMOTE_ADDR only).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "machikado.two_factor.client_ip.client_ip"
AXES_LOCKOUT_CALLABLE = "machikado.two_factor.admin_views.lockout"
AXES_VERBOSE = False
# Two-factor sign-in (django-otp, TOTP + backup codes): members of these
# groups, superusers and is_staff users must verify a code before any admin
# page when TWO_FACTOR_REQUIRED is on; anyone else who enrolled (shop owners
# may opt in) is always asked for one.
TWO_FACTOR_REQUIRED = env_bool("TWO_FACTOR_REQUIRED", True)
TWO_FACTOR_STAFF_GROUPS = ["City staff", "Tourism editors"]
TWO_FACTOR_PROTECTED_PATHS = ["/admin/", "/documents/"]
OTP_TOTP_ISSUER = os.environ.get("SITE_NAME", "Machikado")

# Languages. Japanese is the source language. One list drives the UI
# languages, the content locales and the URL prefixes: adding a language is
# one entry here plus its translation catalogue (locale/<code>/).
LANGUAGE_CODE = "ja"
LANGUAGES = [
    ("ja", "日本語"),
    ("en", "English"),
    ("zh-hans", "简体中文"),
    ("zh-hant", "繁體中文"),
    ("ko", "한국어"),
]
WAGTAIL_I18N_ENABLED = True
# A page submitted for translation starts as a draft in the target language
# (wagtail-localize would otherwise publish it at once, still in Japanese,
# under the target language's address); until its translation is published
# the Japanese page is served there with a notice (machikado.views.serve).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    # Media on S3-compatible storage (machikado/storage.py): images and
    # renditions public with long Cache-Control, documents private (served by
    # Wagtail's document view). Credentials: the standard AWS_ACCESS_KEY_ID /
    # AWS_SECRET_ACCESS_KEY variables or the machine's role.
    STORAGES["default"] = {"BACKEND": "machikado.storage.MediaStorage"}
    AWS_STORAGE_BUCKET_NAME = os.environ["AWS_STORAGE_BUCKET_NAME"]
    AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL") or None
    AWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME") or None
    AWS_S3_CUSTOM_DOMAIN = os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None
    # Path-style URLs (endpoint/bucket/key) on S3-compatible stores; AWS decides itself.
    AWS_S3_ADDRESSING_STYLE = os.environ.get("AWS_S3_ADDRESSING_STYLE") or (
        "path" if AWS_S3_ENDPOINT_URL else None
    )
    AWS_S3_SIGNATURE_VERSION = "s3v4"
    AWS_LOCATION = os.environ.get("AWS_LOCATION", "")
    # Unsigned image URLs (the bucket lets anyone read images); 1 signs them too.
    AWS_QUERYSTRING_AUTH = env_bool("AWS_QUERYSTRING_AUTH", False)
    AWS_QUERYSTRING_EXPIRE = int(os.environ.get("AWS_QUERYSTRING_EXPIRE", "3600"))
    # 1 for stores that grant public reads by object ACL instead of a bucket policy.
    AWS_MEDIA_PUBLIC_ACL = env_bool("AWS_MEDIA_PUBLIC_ACL", False)
    AWS_S3_FILE_OVERWRITE = False  # a new file never replaces a cached one under its name
    AWS_DEFAULT_ACL = None

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
FILE_UPLOAD_PERMISSIONS = 0o644

# E-mail: EMAIL_URL like smtp://user:pass@host:587?tls=1, or the console.
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
if os.environ.get("EMAIL_URL"):
    from urllib.parse import parse_qs, unquote, urlsplit

    _email = urlsplit(os.environ["EMAIL_URL"])
    _query = parse_qs(_email.query)
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = _email.hostname or "localhost"
    EMAIL_PORT = _email.port or 25
    EMAIL_HOST_USER = unquote(_email.username or "")
    EMAIL_HOST_PASSWORD = unquote(_email.password or "")
    EMAIL_USE_TLS = _query.get("tls", ["0"])[0] in {"1", "true"}
    EMAIL_USE_SSL = _query.get("ssl", ["0"])[0] in {"1", "true"}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Machikado <noreply@machikado.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Whole pages for anonymous visitors (machikado/page_cache.py): dropped on
# every publish or content change, and after PAGE_CACHE_SECONDS at the latest.
# Needs a cache every web process shares (production: REDIS_URL).
# PAGE_CACHE_PROXY_SECONDS > 0 lets the reverse proxy keep them too (s-maxage),
# at the price of page views the proxy answers not being counted.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", True)
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "60"))
PAGE_CACHE_PROXY_SECONDS = int(os.environ.get("PAGE_CACHE_PROXY_SECONDS", "0"))

# Wagtail
WAGTAIL_SITE_NAME = os.environ.get("SITE_NAME", "Machikado")
WAGTAILADMIN_BASE_URL = os.environ.get("BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# Discovery search (search/): "database" (SQLite FTS5 / PostgreSQL full text,
# no extra service) or "elasticsearch" (ELASTICSEARCH_URL; indexes are named
# ELASTICSEARCH_INDEX_PREFIX + "-documents", behind an alias).
SEARCH_ENGINE = os.environ.get("SEARCH_ENGINE", "database")
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "http://127.0.0.1:9200")
ELASTICSEARCH_INDEX_PREFIX = os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "machikado")

# Background tasks (django-tasks, as Wagtail uses): search indexing runs after
# commit. In-process by default (the request that saved waits for them);
# production sets TASKS_BACKEND to "django_tasks_db.DatabaseBackend" (a queue in
# the database) and runs `manage.py db_worker` (docker/compose.yaml: worker).
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"
        )
    }
}
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL
WAGTAILADMIN_NOTIFICATION_USE_HTML = True
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp", "gif"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILDOCS_EXTENSIONS = ["pdf", "csv", "txt", "xlsx", "docx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Content checks on every admin upload form (machikado/uploads.py).
WAGTAILIMAGES_IMAGE_FORM_BASE = "machikado.uploads.ImageForm"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "machikado.uploads.DocumentForm"
# Documents are served through Django so collection permissions are checked.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Embeds only from allowlisted providers; the video block builds the player
# URL itself, so the server never fetches an arbitrary URL. Wagtail's oEmbed
# finder reads an empty "providers" list as "all ~300 known providers", so the
# allowlist is spelled out (tests/security/test_embeds.py).
from wagtail.embeds.oembed_providers import vimeo as _oembed_vimeo  # noqa: E402
from wagtail.embeds.oembed_providers import youtube as _oembed_youtube  # noqa: E402

WAGTAILEMBEDS_FINDERS = [
    {
        "class": "wagtail.embeds.finders.oembed",
        "providers": [_oembed_youtube, _oembed_vimeo],
    }
]
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = None

REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
}

# Machikado
MACHIKADO_VIDEO_PROVIDERS = ["youtube", "vimeo"]

# Content Security Policy (django-csp 4). Same-origin only; machikado.csp adds
# the outside hosts the settings name (STRIPE_JS_URL, MAP_TILE_URL, S3 media,
# the players of MACHIKADO_VIDEO_PROVIDERS) when it builds the header, and the
# admin's additions under MACHIKADO_ADMIN_PREFIX. No inline script or style
# anywhere on the public site (tests/security/test_csp.py scans the templates).
MACHIKADO_ADMIN_PREFIX = "/admin/"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        # Violations are logged (machikado.csp_reports).
        "report-uri": ["/csp-report/"],
    }
}
# Added on admin pages only (under MACHIKADO_ADMIN_PREFIX): Wagtail 8's admin
# still starts its widgets (choosers, date pickers, inline panels) with inline
# <script> elements, without nonces; shows the editor's preview in a frame of
# its own; and shows images about to be uploaded from blob: URLs. Styles stay
# 'self' there too (checked in Chromium by tests/e2e/test_csp_browser.py).
CONTENT_SECURITY_POLICY_ADMIN = {
    "script-src": ["'unsafe-inline'"],
    "frame-src": ["'self'"],
    "img-src": ["blob:"],
}
# No Gravatar: the admin would send a hash of each user's e-mail to gravatar.com
# (and the policy would have to allow it); Wagtail shows its default avatar.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Browser features pages may use: geolocation for the search's "near me"
# (search/static/search/js/search.js), nothing else.
PERMISSIONS_POLICY = {
    "geolocation": ["self"],
    "camera": [],
    "microphone": [],
    "payment": [],
    "usb": [],
    "serial": [],
    "bluetooth": [],
    "accelerometer": [],
    "gyroscope": [],
    "magnetometer": [],
    "browsing-topics": [],
}
# Map tiles and video players get the origin (OpenStreetMap's tile policy asks
# for a Referer); other sites get only the origin, and only over HTTPS.
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Shop. Stripe's addresses are settings so that tests and the demo talk to
# localstripe (payments) and stripe-mock (Connect) instead of Stripe.
STRIPE_SECRET_KEY = os.environ.get("STRIPE_SECRET_KEY", "")
STRIPE_PUBLISHABLE_KEY = os.environ.get("STRIPE_PUBLISHABLE_KEY", "")
STRIPE_WEBHOOK_SECRET = os.environ.get("STRIPE_WEBHOOK_SECRET", "")
STRIPE_API_BASE = os.environ.get("STRIPE_API_BASE", "https://api.stripe.com")
STRIPE_CONNECT_API_BASE = os.environ.get("STRIPE_CONNECT_API_BASE", STRIPE_API_BASE)
STRIPE_JS_URL = os.environ.get("STRIPE_JS_URL", "https://js.stripe.com/v3/")
# Seconds a webhook signature stays valid (Stripe's own default).
STRIPE_WEBHOOK_TOLERANCE = 300
PLATFORM_FEE_PERCENT = float(os.environ.get("PLATFORM_FEE_PERCENT", "5"))
# How long placed but unpaid orders keep their stock.
SHOP_CARD_RESERVATION_MINUTES = int(os.environ.get("SHOP_CARD_RESERVATION_MINUTES", "30"))
SHOP_BANK_TRANSFER_DAYS = int(os.environ.get("SHOP_BANK_TRANSFER_DAYS", "7"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Maps: Leaflet (served from our static files) draws tiles from this address.
# The default is OpenStreetMap's public tile server, fine for light use; a
# city with real traffic should use its own or a commercial tile service.
MAP_TILE_URL = os.environ.get("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_ATTRIBUTION = os.environ.get(
    "MAP_ATTRIBUTION",
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
)

# Events: repeating events are stored as occurrences this many days ahead
# (`manage.py tourism_refresh_occurrences`, run daily, moves the horizon on).
TOURISM_OCCURRENCE_HORIZON_DAYS = int(os.environ.get("TOURISM_OCCURRENCE_HORIZON_DAYS", "400"))

# Open data (the Digital Agency's 自治体標準オープンデータセット, /opendata/):
# the publishing municipality's 全国地方公共団体コード (6 digits with the check
# digit; `manage.py check` verifies it) and name as the spec writes it
# (都道府県 + 市区町村), and the licence of the data and of its photos.
OPENDATA_MUNICIPALITY_CODE = os.environ.get("OPENDATA_MUNICIPALITY_CODE", "102091")
OPENDATA_MUNICIPALITY_NAME = os.environ.get("OPENDATA_MUNICIPALITY_NAME", "群馬県藤岡市")
OPENDATA_LICENSE_NAME = os.environ.get("OPENDATA_LICENSE_NAME", "CC BY 4.0")
OPENDATA_LICENSE_URL = os.environ.get(
    "OPENDATA_LICENSE_URL", "https://creativecommons.org/licenses/by/4.0/deed.ja"
)
OPENDATA_IMAGE_LICENSE = os.environ.get("OPENDATA_IMAGE_LICENSE", OPENDATA_LICENSE_NAME)
# Largest CSV the admin import accepts.
OPENDATA_IMPORT_MAX_BYTES = int(os.environ.get("OPENDATA_IMPORT_MAX_BYTES", str(5 * 1024 * 1024)))
