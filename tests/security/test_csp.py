"""Content Security Policy: the header on public pages, the API and the admin,
the outside hosts it allows (derived from the settings that name them), and
templates free of inline scripts, event-handler attributes and inline styles
(a template scan, with tests showing the scan finds each of those)."""

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import render_to_string

from businesses.video import parse_video_url
from machikado import csp as policy
from machikado.console.charts import Series, bar_chart, line_chart

REPO = Path(settings.BASE_DIR)
PROJECT_APPS = ["businesses", "tourism", "shop", "search", "site"]
# Script types a browser never executes: data for the page (JSON-LD for search
# engines, JSON read by our own scripts).
DATA_SCRIPT_TYPES = {"application/ld+json", "application/json"}

STRICT = {
    "default-src": ["'self'"],
    "style-src": ["'self'"],
    "font-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}


def directives(response):
    header = response["Content-Security-Policy"]
    parsed = {}
    for part in header.split(";"):
        name, *values = part.split()
        assert name not in parsed, f"{name} twice in {header}"
        parsed[name] = values
    return parsed


def assert_strict_public(found):
    for name, values in STRICT.items():
        assert found[name] == values, (name, found[name])
    assert found["script-src"][0] == "'self'"
    for name in ("script-src", "style-src", "default-src", "connect-src", "img-src"):
        assert "'unsafe-inline'" not in found.get(name, []), name
        assert "'unsafe-eval'" not in found.get(name, []), name
    assert "upgrade-insecure-requests" not in found  # production only (test_headers)


# --- The header on real responses -------------------------------------------


@pytest.mark.django_db
def test_public_pages_get_the_strict_policy(client, storefront1):
    for path in ["/ja/", "/en/", "/ja/shops/", storefront1.url, "/ja/search/?q=喫茶", "/ja/cart/"]:
        response = client.get(path)
        assert response.status_code == 200, path
        found = directives(response)
        assert_strict_public(found)
        # Stripe.js of the configured emulator (tests: a closed loopback port).
        assert found["script-src"] == ["'self'", "http://127.0.0.1:9"], path
        assert set(found["img-src"]) == {"'self'", "data:", "https://tile.openstreetmap.org"}
        assert set(found["frame-src"]) == {
            "http://127.0.0.1:9",
            "https://www.youtube-nocookie.com",
            "https://player.vimeo.com",
        }


@pytest.mark.django_db
def test_json_ld_is_a_data_block_not_a_script(client, storefront1):
    """The storefront's JSON-LD is the only <script> without src on the page,
    and it is typed as data, so the policy neither needs nor blocks it."""
    response = client.get(storefront1.url)
    scan = TemplateScan()
    scan.feed(response.content.decode())
    assert scan.problems == []
    assert scan.data_blocks, "the storefront should carry JSON-LD"
    json.loads(scan.data_blocks[0])


@pytest.mark.django_db
def test_api_and_not_found_get_the_policy(client, storefront1):
    for path, status in [("/api/v2/pages/", 200), ("/ja/no-such-page/", 404)]:
        response = client.get(path)
        assert response.status_code == status, path
        assert_strict_public(directives(response))


@pytest.mark.django_db
def test_admin_allows_inline_scripts_and_its_own_frames_only(client, staff, storefront1):
    client.force_login(staff)
    for path in ["/admin/", f"/admin/pages/{storefront1.pk}/edit/", "/admin/images/"]:
        response = client.get(path)
        assert response.status_code == 200, path
        found = directives(response)
        assert found["script-src"] == ["'self'", "http://127.0.0.1:9", "'unsafe-inline'"], path
        assert "'self'" in found["frame-src"]
        assert "blob:" in found["img-src"]  # images shown before they are uploaded
        # Everything else as strict as the public site: styles included.
        for name, values in STRICT.items():
            assert found[name] == values, (path, name)


@pytest.mark.django_db
def test_admin_login_page_gets_the_admin_policy_and_public_pages_never_do(client, staff):
    assert "'unsafe-inline'" in directives(client.get("/admin/login/"))["script-src"]
    client.force_login(staff)
    # A signed-in editor on the public site (Wagtail's user bar) keeps the strict policy.
    assert_strict_public(directives(client.get("/ja/")))


@pytest.mark.django_db
def test_preview_may_be_framed_by_the_admin_only(client, staff, storefront1):
    """Wagtail's preview view says X-Frame-Options: SAMEORIGIN (the editor shows
    it in a frame); frame-ancestors says the same, everything else stays 'none'."""
    client.force_login(staff)
    response = client.get(f"/admin/pages/{storefront1.pk}/edit/preview/")
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert directives(response)["frame-ancestors"] == ["'self'"]
    edit = client.get(f"/admin/pages/{storefront1.pk}/edit/")
    assert edit["X-Frame-Options"] == "DENY"
    assert directives(edit)["frame-ancestors"] == ["'none'"]


@pytest.mark.django_db
def test_the_previewed_page_leaves_the_header_to_the_admin_response(storefront1):
    """Wagtail renders a preview through a dummy request for the page's public
    URL and all middleware; a public policy there (frame-ancestors 'none')
    would win over the admin's and block the editor's preview frame."""
    response = storefront1.make_preview_request()
    assert response.status_code == 200
    assert "Content-Security-Policy" not in response


# --- Outside hosts derived from the settings ---------------------------------


def test_stripe_hosted_js_allows_what_stripe_documents(settings):
    settings.STRIPE_JS_URL = "https://js.stripe.com/v3/"
    sources = policy.external_sources()
    assert sources["script-src"] == ["https://js.stripe.com"]
    assert sources["connect-src"] == ["https://api.stripe.com"]
    assert sources["frame-src"][:2] == ["https://js.stripe.com", "https://hooks.stripe.com"]


def test_an_emulators_stripe_js_allows_only_its_origin(settings):
    settings.STRIPE_JS_URL = "http://127.0.0.1:8420/js.stripe.com/v3/"
    sources = policy.external_sources()
    assert sources["script-src"] == ["http://127.0.0.1:8420"]
    assert sources["connect-src"] == ["http://127.0.0.1:8420"]
    assert "https://js.stripe.com" not in sources["frame-src"]


def test_map_tiles_and_media_hosts(settings):
    settings.MAP_TILE_URL = "https://{s}.tiles.example.jp/{z}/{x}/{y}.png"
    settings.MEDIA_URL = "/media/"
    assert policy.external_sources()["img-src"] == ["https://*.tiles.example.jp"]
    settings.AWS_STORAGE_BUCKET_NAME = "machikado-media"
    settings.AWS_S3_ENDPOINT_URL = "http://127.0.0.1:5000"
    settings.AWS_S3_CUSTOM_DOMAIN = None
    assert policy.media_sources() == ["http://127.0.0.1:5000"]
    settings.AWS_S3_CUSTOM_DOMAIN = "media.machikado.example.jp"
    assert policy.media_sources() == ["https://media.machikado.example.jp"]
    # django-storages builds the custom domain's URLs with AWS_S3_URL_PROTOCOL.
    settings.AWS_S3_URL_PROTOCOL = "http:"
    assert policy.media_sources() == ["http://media.machikado.example.jp"]
    settings.AWS_S3_URL_PROTOCOL = "https:"
    settings.AWS_S3_CUSTOM_DOMAIN = None
    settings.AWS_S3_ENDPOINT_URL = None
    settings.AWS_S3_REGION_NAME = "ap-northeast-1"
    assert policy.media_sources() == [
        "https://machikado-media.s3.amazonaws.com",
        "https://machikado-media.s3.ap-northeast-1.amazonaws.com",
    ]
    settings.MEDIA_URL = "https://cdn.machikado.example.jp/media/"
    assert "https://cdn.machikado.example.jp" in policy.media_sources()


@pytest.mark.django_db
def test_a_configured_host_reaches_the_header(client, settings):
    settings.MAP_TILE_URL = "https://tiles.city.example.jp/{z}/{x}/{y}.png"
    found = directives(client.get("/ja/"))
    assert "https://tiles.city.example.jp" in found["img-src"]
    assert "https://tile.openstreetmap.org" not in found["img-src"]


def test_video_frames_follow_the_allowlist_and_the_players_urls(settings):
    for url in ["https://youtu.be/dQw4w9WgXcQ", "https://vimeo.com/76979871"]:
        video = parse_video_url(url)
        assert policy.origin(video.player_url) in policy.video_sources(), url
    settings.MACHIKADO_VIDEO_PROVIDERS = ["vimeo"]
    assert policy.video_sources() == ["https://player.vimeo.com"]


# --- Templates: no inline script, handler attribute or inline style -----------


class TemplateScan(HTMLParser):
    """Inline executable <script>, on* attributes, style attributes and <style>
    elements in an HTML (or Django template) text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []
        self.data_blocks = []
        self._in_data_block = False

    def handle_starttag(self, tag, attrs):
        names = {name.lower(): value for name, value in attrs}
        line = self.getpos()[0]
        for name in names:
            if name.startswith("on"):
                self.problems.append(f"line {line}: {name}= handler on <{tag}>")
        if "style" in names:
            self.problems.append(f"line {line}: style= on <{tag}>")
        if tag == "style":
            self.problems.append(f"line {line}: <style> element")
        if tag == "script" and "src" not in names:
            kind = (names.get("type") or "").strip().lower()
            if kind in DATA_SCRIPT_TYPES:
                self._in_data_block = True
                self.data_blocks.append("")
            else:
                self.problems.append(f"line {line}: inline <script> ({kind or 'JavaScript'})")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_data_block = False

    def handle_data(self, data):
        if self._in_data_block:
            self.data_blocks[-1] += data


def scan(text):
    parser = TemplateScan()
    parser.feed(text)
    parser.close()
    return parser.problems


def project_templates():
    for app in PROJECT_APPS:
        yield from sorted((REPO / app).glob("**/templates/**/*.html"))


def test_the_scan_covers_the_templates():
    paths = list(project_templates())
    assert len(paths) > 50
    assert REPO / "site/templates/base.html" in paths
    assert REPO / "shop/templates/shop/receipts/print_base.html" in paths


def test_no_template_has_inline_scripts_handlers_or_styles():
    problems = []
    for path in project_templates():
        problems += [f"{path.relative_to(REPO)}: {p}" for p in scan(path.read_text())]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    "html",
    [
        "<script>alert(1)</script>",
        '<script type="text/javascript">alert(1)</script>',
        '<script type="module">import "./x.js"</script>',
        '{% if x %}<script nonce="{{ n }}">go()</script>{% endif %}',
        '<button type="button" onclick="window.print()">Print</button>',
        '<img src="x.png" alt="" onerror="steal()">',
        '<body onload="init()">',
        '<a href="/" ONMOUSEOVER="x()">x</a>',
        '<figure style="max-width: 42rem">x</figure>',
        "<style>body { color: red }</style>",
        "<svg><style>text{fill:red}</style></svg>",
    ],
)
def test_the_scan_finds_what_the_policy_blocks(html):
    assert scan(html), html


@pytest.mark.parametrize(
    "html",
    [
        "<script src=\"{% static 'search/js/search.js' %}\" defer></script>",
        '<script type="application/ld+json">{{ json_ld|safe }}</script>',
        '<script type="application/json" id="data">{"a": 1}</script>',
        '<input data-onclick="x" data-style="y" aria-label="online">',
        '<p class="notice">Turn on JavaScript: onclick= is text here.</p>',
    ],
)
def test_the_scan_allows_what_the_policy_allows(html):
    assert scan(html) == [], html


def test_console_charts_carry_no_style_element_or_attribute():
    charts = [
        bar_chart("Sales", "By area", [("駅前", 1200), ("温泉街", 800)], unit="¥"),
        line_chart("Views", "By month", ["4月", "5月"], [Series("Views", [10, 20])]),
    ]
    for chart in charts:
        assert scan(str(chart.svg)) == []


@pytest.mark.django_db
def test_rendered_receipt_base_has_no_inline_code():
    html = render_to_string("shop/receipts/print_base.html", {})
    assert scan(html) == []
    assert "shop/js/print.js" in html
