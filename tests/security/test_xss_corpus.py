"""An XSS payload corpus (xss_payloads.txt) through every StreamField block
type, every text field of the public page models and Product, and the public
forms; each rendered page is parsed and must hold nothing executable that is
not ours (tests/security/html_checks.py).

Block types and text fields are found by introspection, so a new block or
field is covered without editing this file (a block built from a kind of
field block this file does not know fails the test and says so). Pages are
built directly (the admin is not the point here); values are stored through
the ORM, which skips the admin's validation, so this is the worst case.
"""

import itertools
import re
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import models
from django.urls import reverse
from django.utils.html import escape
from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageBlock
from wagtail.models import Page

from businesses.models import BusinessPage
from shop.models import Product, Variant
from tests import factories
from tourism.models import AttractionPage, EventPage, ModelCoursePage

from .html_checks import scan

PAYLOADS = [
    line
    for line in (Path(__file__).with_name("xss_payloads.txt")).read_text("utf-8").splitlines()
    if line.strip() and not line.startswith("# ")
]
# Wagtail's own Page fields a public template shows; the rest are internal.
PAGE_TEXT_FIELDS = {"title", "seo_title", "search_description"}
# Too short to hold a payload on PostgreSQL (varchar limits): postal codes,
# phone numbers, codes. Their templates escape like every other field.
MIN_LENGTH = 24


def assert_safe(html: str, where: str):
    page = scan(html)
    assert page.problems == [], f"{where}: {page.problems[:5]}"
    for _kind, text in page.data_scripts:
        assert "</script" not in text.lower(), where


# -- text fields -----------------------------------------------------------------------


def text_fields(model):
    """Free-text fields of a model (CharField/TextField and their subclasses:
    URL, e-mail, rich text), without choices, slugs or Wagtail internals."""
    for field in model._meta.concrete_fields:
        if not isinstance(field, models.CharField | models.TextField):
            continue
        if field.choices or isinstance(field, models.SlugField):
            continue
        if field.model is Page and field.name not in PAGE_TEXT_FIELDS:
            continue
        if field.max_length is not None and field.max_length < MIN_LENGTH:
            continue
        if field.name == "opendata_id":
            continue
        yield field


def packed(limit):
    """The payloads packed into values of at most `limit` characters."""
    chunks, current = [], ""
    for payload in PAYLOADS:
        if limit is not None and len(payload) > limit:
            payload = payload[:limit]
        joined = f"{current} {payload}" if current else payload
        if limit is not None and len(joined) > limit:
            chunks.append(current)
            current = payload
        else:
            current = joined
    chunks.append(current)
    return chunks


def rounds(fields):
    """[{field name: value}]: every payload lands in every field in some round."""
    per_field = {field.name: packed(field.max_length) for field in fields}
    count = max(len(chunks) for chunks in per_field.values())
    return [
        {name: chunks[i % len(chunks)] for name, chunks in per_field.items()} for i in range(count)
    ]


# -- stream blocks -----------------------------------------------------------------------


def raw_value(block, text, image_pk):
    """A stored (JSON) value for any block, with `text` in every text slot."""
    if isinstance(block, ImageBlock):
        return {"image": image_pk, "alt_text": text, "decorative": False}
    if isinstance(block, blocks.StructBlock):
        return {
            name: raw_value(child, text, image_pk) for name, child in block.child_blocks.items()
        }
    if isinstance(block, blocks.ListBlock):
        return [raw_value(block.child_block, text, image_pk)]
    if isinstance(block, blocks.StreamBlock):
        return [
            {"type": name, "value": raw_value(child, text, image_pk)}
            for name, child in block.child_blocks.items()
        ]
    if isinstance(block, blocks.DecimalBlock | blocks.FloatBlock):
        return "36.258" if "lat" in block.name else "139.075"
    if isinstance(block, blocks.IntegerBlock):
        return 16
    if isinstance(block, blocks.BooleanBlock):
        return True
    if isinstance(block, blocks.ChoiceBlock):
        return block.field.choices[-1][0]
    if isinstance(
        block,
        blocks.CharBlock
        | blocks.TextBlock
        | blocks.RichTextBlock
        | blocks.URLBlock
        | blocks.EmailBlock
        | blocks.RawHTMLBlock,
    ):
        return text
    raise TypeError(
        f"{type(block).__name__} ({block.name}): give it a value in "
        "tests/security/test_xss_corpus.py raw_value()"
    )


def stream_with_payloads(model, image_pk):
    """One child of every block type per payload, for each StreamField of model."""
    values = {}
    for field in model._meta.get_fields():
        if isinstance(field, StreamField):
            stream = field.stream_block
            values[field.name] = [
                {"type": name, "value": raw_value(child, payload, image_pk)}
                for name, child in stream.child_blocks.items()
                for payload in PAYLOADS
            ]
    return values


def test_corpus_is_loaded():
    assert len(PAYLOADS) >= 30
    assert len(set(PAYLOADS)) == len(PAYLOADS)


@pytest.mark.parametrize(
    "stream", [BusinessPage, AttractionPage, EventPage, ModelCoursePage], ids=lambda m: m.__name__
)
def test_every_block_type_gets_a_value(stream):
    assert stream_with_payloads(stream, 1)  # raises for a block kind it cannot fill


# -- pages ---------------------------------------------------------------------------------


def render_rounds(client, page, streams):
    """Each round of payloads into the page's text fields, saved without
    validation (as an import or a script could) and rendered. The stream
    fields (every block type x every payload) go into the first round only."""
    fields = list(text_fields(type(page)))
    assert fields
    for number, values in enumerate(rounds(fields)):
        for name, value in values.items():
            setattr(page, name, value)
        for name, value in streams.items():
            setattr(page, name, value if number == 0 else [])
        marker = f"R{number}Q"
        page.title = f"{marker} {page.title}"[:255]
        page.save(clean=False)
        cache.clear()  # the anonymous page cache: every round renders afresh
        response = client.get(page.url)
        assert response.status_code == 200, (page.url, number)
        html = response.content.decode()
        assert marker in html
        assert_safe(html, f"{type(page).__name__} round {number}")
    return page


@pytest.mark.django_db
def test_storefront_with_payloads_everywhere(client, storefront1):
    image = factories.make_image("xss", collection=storefront1.business.collection)
    render_rounds(client, storefront1, stream_with_payloads(BusinessPage, image.pk))
    for url in [storefront1.get_parent().url, reverse("search") + "?q="]:
        cache.clear()
        response = client.get(url)
        assert response.status_code == 200, url
        assert_safe(response.content.decode(), url)


@pytest.mark.django_db
@pytest.mark.parametrize("make", ["attraction", "event", "course"])
def test_tourism_pages_with_payloads_everywhere(client, make):
    from tests.tourism import factories as tourism

    page = {
        "attraction": lambda: tourism.make_attraction(
            closures=[{"start_date": "2026-12-29", "end_date": "2027-01-03", "reason": PAYLOADS[0]}]
        ),
        "event": lambda: tourism.make_event(),
        "course": lambda: tourism.make_course(
            stops=[
                (tourism.make_attraction(), 30, 10, "walk"),
                (tourism.make_attraction(), 30, 0, ""),
            ]
        ),
    }[make]()
    image = factories.make_image("xss")
    render_rounds(client, page, stream_with_payloads(type(page), image.pk))
    cache.clear()
    response = client.get(page.get_parent().url)
    assert response.status_code == 200
    assert_safe(response.content.decode(), f"{make} listing")


@pytest.mark.django_db
def test_product_with_payloads_everywhere(client, storefront1):
    product = factories.make_product(storefront1.business, options=["a", "b"])
    fields = list(text_fields(Product))
    variant_fields = list(text_fields(Variant))
    variant_rounds = itertools.cycle(rounds(variant_fields))
    for number, values in enumerate(rounds(fields)):
        Product.objects.filter(pk=product.pk).update(**values)
        Variant.objects.filter(product=product).update(**next(variant_rounds))
        cache.clear()
        for url in [product.get_absolute_url(), reverse("shop:cart")]:
            response = client.get(url)
            assert response.status_code == 200, (url, response.content.decode()[:3000])
            assert_safe(response.content.decode(), f"{url} round {number}")
        if number == 0:
            variant = product.variants.first()
            client.post(reverse("shop:cart_add"), {"variant": variant.pk, "quantity": 1})


@pytest.mark.django_db
@pytest.mark.parametrize(
    "model", [BusinessPage, AttractionPage, EventPage], ids=lambda m: m.__name__
)
def test_url_fields_refuse_script_urls_on_every_save(model, storefront1):
    """Templates put URL fields in href as they are, so what guards them is
    the model's URLValidator (http, https, ftp, ftps), which Page.save() runs
    on every save (admin, import, revisions). The rendering rounds above
    pack payloads and so never start a URL field with a scheme."""
    from django.core.exceptions import ValidationError

    page = storefront1 if model is BusinessPage else model.objects.first()
    if page is None:
        from tests.tourism import factories as tourism

        page = {AttractionPage: tourism.make_attraction, EventPage: tourism.make_event}[model]()
    urls = [f for f in model._meta.concrete_fields if isinstance(f, models.URLField)]
    assert urls
    schemes = [p for p in PAYLOADS if p.lower().lstrip().startswith(("javascript:", "data:"))]
    schemes += [
        "javascript:alert(1)",
        " JaVaScRiPt:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
    ]
    for field in urls:
        for value in schemes:
            setattr(page, field.name, value)
            with pytest.raises(ValidationError) as caught:
                page.save()
            assert field.name in caught.value.message_dict, (field.name, value)
            setattr(page, field.name, "")


# -- public forms --------------------------------------------------------------------------


@pytest.mark.django_db
def test_application_form_reflects_payloads_escaped(client, area):
    from businesses.models import BusinessApplication

    url = reverse("businesses:apply")
    fields = [
        "business_name",
        "business_name_kana",
        "licence_number",
        "city",
        "street",
        "building",
        "website",
        "description",
        "contact_name",
        "contact_name_kana",
    ]
    for payload in PAYLOADS:
        data = factories.application_data(**{name: payload for name in fields})
        response = client.post(url, data)
        assert response.status_code in {200, 400}  # the form again, with errors
        html = response.content.decode()
        assert escape(payload) in html  # reflected, escaped
        assert_safe(html, f"apply: {payload}")
    assert BusinessApplication.objects.count() == 0


@pytest.mark.django_db
def test_application_with_payloads_is_safe_in_the_staff_review(client, staff, area):
    """Stored XSS against staff: an application carrying payloads, as the
    review screen in the admin shows it."""
    application = factories.pending_application(
        description="\n".join(PAYLOADS), building=PAYLOADS[0][:100], website=""
    )
    client.force_login(staff)
    response = client.get(
        reverse("business_applications:inspect", args=[application.pk])
        if _has_url("business_applications:inspect")
        else reverse("business_applications:edit", args=[application.pk])
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "alert('xss01')</script>" not in html
    assert "<img src=x onerror=alert('xss03')>" not in html


def _has_url(name):
    from django.urls import NoReverseMatch

    try:
        reverse(name, args=[1])
    except NoReverseMatch:
        return False
    return True


@pytest.mark.django_db
def test_search_reflects_payloads_escaped(client, storefront1):
    url = reverse("search")
    for payload in PAYLOADS:
        response = client.get(url, {"q": payload})
        assert response.status_code in {200, 400}, payload
        assert_safe(response.content.decode(), f"search: {payload}")
    api = client.get(reverse("search_api"), {"q": PAYLOADS[0]})
    assert api["Content-Type"].startswith("application/json")


@pytest.mark.django_db
def test_checkout_form_reflects_payloads_escaped(client, storefront1):
    product = factories.make_product(storefront1.business)
    client.post(reverse("shop:cart_add"), {"variant": product.variants.first().pk, "quantity": 1})
    page = client.get(reverse("shop:checkout"))
    assert page.status_code == 200
    key = re.search(r'name="checkout_key" value="([^"]+)"', page.content.decode()).group(1)
    for payload in PAYLOADS:
        data = {
            **factories.CUSTOMER,
            "name": payload,
            "city": payload,
            "street": payload,
            "building": payload,
            "phone": payload[:20],
            "email": payload,  # invalid: the form comes back with the values
            "checkout_key": key,
        }
        response = client.post(reverse("shop:checkout"), data)
        assert response.status_code in {200, 400}, payload  # the form again, with errors
        html = response.content.decode()
        assert escape(payload) in html  # reflected, escaped
        assert_safe(html, f"checkout: {payload}")
