"""Rich text: the admin's editor converter limits input per field; output is
sanitised where Wagtail renders rich text (machikado/rich_text.py); JSON-LD
cannot close its <script> element."""

import json
from html.parser import HTMLParser

import pytest
from wagtail.models import Page

from machikado.models import HomePage
from machikado.rich_text import sanitise
from shop.models import Product
from tests import factories
from tourism.models import TourismHomePage

from .html_checks import problems, scan

RAW = (
    '<p data-block-key="k1">Hello <b>bold</b> <i>it</i> <a href="https://example.jp/">site</a>'
    ' <a href="/ja/shops/">shops</a> <a href="tel:0274221211">tel</a></p>'
    "<h2>Heading</h2><ul><li>one</li></ul>"
    "<script>alert('s1')</script><img src=x onerror=\"alert('s2')\">"
    "<a href=\"javascript:alert('s3')\">js</a><a href=\"data:text/html,<script>alert('s4')</script>\">d</a>"
    '<svg onload="alert(\'s5\')"></svg><iframe src="https://evil.example/"></iframe>'
    "<p style=\"background:url(javascript:alert('s6'))\" onclick=\"alert('s7')\">styled</p>"
    '<style>body{display:none}</style><!-- comment --><form action="https://evil.example/">'
    "<input name=password></form>"
)
KEPT = [
    '<p data-block-key="k1">Hello <b>bold</b> <i>it</i>',
    '<a href="https://example.jp/">site</a>',
    '<a href="/ja/shops/">shops</a>',
    '<a href="tel:0274221211">tel</a>',
    "<h2>Heading</h2><ul><li>one</li></ul>",
    "<p>styled</p>",
]


class Danger(HTMLParser):
    """Collects anything executable or unexpected in an HTML fragment."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "iframe", "svg", "img", "style", "form", "input", "object", "embed"}:
            self.found.append(tag)
        for name, value in attrs:
            if name.startswith("on") or name == "style":
                self.found.append(f"{tag}[{name}]")
            if name in {"href", "src", "action"} and value:
                scheme = value.strip().lower().split(":", 1)[0]
                if ":" in value and scheme in {"javascript", "data", "vbscript"}:
                    self.found.append(f"{tag}[{name}={value}]")

    def handle_comment(self, data):
        self.found.append("comment")


def dangers(html: str) -> list[str]:
    parser = Danger()
    parser.feed(html)
    return parser.found


def test_sanitise_keeps_formatting_and_drops_everything_else():
    html = str(sanitise(RAW))
    for fragment in KEPT:
        assert fragment in html
    assert dangers(html) == []
    assert "alert" not in html.replace("alert('s", "")  # no payload text survives as markup
    assert "s1" not in html  # script contents are dropped, not shown


def test_editor_converter_limits_features_and_link_schemes():
    """What a crafted admin POST can store: Draftail's contentstate is turned
    into HTML by the field's own widget, which knows only the field's features."""
    widget = Product._meta.get_field("description").formfield().widget
    contentstate = {
        "blocks": [
            {
                "key": "a1",
                "type": "header-one",  # not a feature of this field: dropped
                "text": "Dropped title",
                "depth": 0,
                "inlineStyleRanges": [],
                "entityRanges": [],
            },
            {
                "key": "a2",
                "type": "unstyled",
                "text": "Text <script>alert(1)</script>",
                "depth": 0,
                "inlineStyleRanges": [{"offset": 0, "length": 4, "style": "CODE"}],
                "entityRanges": [{"offset": 0, "length": 4, "key": 0}],
            },
        ],
        "entityMap": {
            "0": {"type": "LINK", "mutability": "MUTABLE", "data": {"url": "javascript:alert(2)"}}
        },
    }
    html = widget.value_from_datadict({"description": json.dumps(contentstate)}, {}, "description")
    assert "Dropped title" not in html and "<h1" not in html
    assert "<code" not in html
    assert "javascript:" not in html
    assert "<script" not in html and "&lt;script&gt;" in html


@pytest.mark.django_db
def test_raw_html_stored_outside_the_admin_is_sanitised_on_every_public_page(client, storefront1):
    storefront1.body = [
        ("paragraph", RAW),
        ("faq", {"heading": "FAQ", "questions": [{"question": "Q", "answer": RAW}]}),
    ]
    storefront1.save_revision().publish()
    product = factories.make_product(storefront1.business, description=RAW, description_en=RAW)
    home = HomePage.objects.get(locale__language_code="ja")
    home.intro = RAW
    home.save_revision().publish()
    visit = TourismHomePage.objects.get(locale__language_code="ja")
    visit.intro = RAW
    visit.save_revision().publish()
    from tests.tourism.factories import make_attraction

    attraction = make_attraction("史跡", body=[("paragraph", RAW)])

    urls = [
        storefront1.url,
        product.get_absolute_url(),
        home.url,
        visit.url,
        Page.objects.get(pk=attraction.pk).url,
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert "<b>bold</b>" in html, url
        assert problems(html) == [], url
        # No element carries the payloads (their text may remain, escaped).
        assert '<iframe src="https://evil.example/' not in html, url
        assert "<style>body{display:none}" not in html, url
        assert '<form action="https://evil.example/' not in html, url


@pytest.mark.django_db
def test_json_ld_cannot_close_its_script_element(client, storefront1):
    breakout = "</script><script>alert('ld')</script><!--"
    storefront1.title = f"喫茶{breakout}"
    storefront1.summary = breakout
    storefront1.save_revision().publish()
    product = factories.make_product(storefront1.business, title=f"茶{breakout}")
    for url, name in [
        (storefront1.url, storefront1.title),
        (product.get_absolute_url(), product.title),
    ]:
        html = client.get(url).content.decode()
        page = scan(html)
        assert page.problems == [], url
        data = [
            json.loads(text) for kind, text in page.data_scripts if kind == "application/ld+json"
        ]
        assert [d["name"] for d in data] == [name]
