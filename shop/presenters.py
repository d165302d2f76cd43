"""What the public product templates need: queries with their renditions
prefetched, availability wording, and schema.org Product JSON-LD."""

from html import unescape as unescape_entities

from django.db.models import Prefetch
from django.utils.html import strip_tags
from django.utils.translation import get_language, pgettext
from wagtail.images import get_image_model

from businesses.models import BusinessPage
from businesses.presenters import to_script_json
from machikado.renditions import with_variants

from .models import Order, Product, ProductImage

# Renditions the templates ask for, by where the image appears.
PRODUCT_MAIN_RENDITION = "fill-800x600"
PRODUCT_THUMB_RENDITION = "fill-200x150"
PRODUCT_OG_RENDITION = "fill-1200x630"
PRODUCT_CARD_RENDITION = "fill-480x320"

LOW_STOCK = 5
IN_STOCK = "https://schema.org/InStock"
OUT_OF_STOCK = "https://schema.org/OutOfStock"


def renditions_prefetch(lookup, *filter_specs):
    """Prefetch these renditions as Wagtail's prefetch_renditions() does, so
    each {% image %} tag finds its rendition without a query."""
    rendition_model = get_image_model().get_rendition_model()
    return Prefetch(
        lookup,
        queryset=rendition_model.objects.filter(filter_spec__in=with_variants(*filter_specs)),
        to_attr="prefetched_renditions",
    )


def _images_prefetch(*filter_specs):
    return Prefetch(
        "images",
        queryset=ProductImage.objects.select_related("image").prefetch_related(
            renditions_prefetch("image__renditions", *filter_specs)
        ),
    )


def storefront_products(business_id) -> list[Product]:
    """A storefront's products on sale, with options, images and card
    renditions: four queries however many products there are."""
    return list(
        Product.objects.on_sale()
        .filter(business_id=business_id)
        .prefetch_related("variants", _images_prefetch(PRODUCT_CARD_RENDITION))
        .order_by("title")
    )


def product_on_sale(pk) -> Product | None:
    return (
        Product.objects.on_sale()
        .select_related("business__shop")
        .prefetch_related(
            "variants",
            _images_prefetch(PRODUCT_MAIN_RENDITION, PRODUCT_THUMB_RENDITION, PRODUCT_OG_RENDITION),
        )
        .filter(pk=pk)
        .first()
    )


def storefront_page(business_id, language=None) -> BusinessPage | None:
    """The business's live storefront in this language, else in Japanese."""
    language = language or get_language()
    pages = list(
        BusinessPage.objects.live()
        .public()
        .filter(business_id=business_id)
        .select_related("locale")
    )
    by_language = {page.locale.language_code: page for page in pages}
    return by_language.get(language) or by_language.get("ja") or (pages[0] if pages else None)


def storefront_pages(business_ids, language=None) -> dict[int, BusinessPage]:
    """Business id → its live storefront in this language (else Japanese), in one query."""
    language = language or get_language()
    found: dict[int, BusinessPage] = {}
    pages = (
        BusinessPage.objects.live()
        .public()
        .filter(business_id__in=set(business_ids))
        .select_related("locale")
    )
    for page in pages:
        current = found.get(page.business_id)
        if current is None or page.locale.language_code == language:
            found[page.business_id] = page
    return found


# -- availability --------------------------------------------------------------


def availability_label(variant) -> str:
    if not variant.track_stock:
        return pgettext("availability", "Available")
    if variant.stock <= 0:
        return pgettext("availability", "Sold out")
    if variant.stock <= LOW_STOCK:
        return pgettext("availability", "Only %(count)d left") % {"count": variant.stock}
    return pgettext("availability", "In stock")


def product_summary(product) -> dict:
    """For a product card: lowest price, whether prices differ, whether any option is available."""
    variants = list(product.variants.all())
    prices = [variant.price for variant in variants]
    images = list(product.images.all())
    return {
        "price": min(prices) if prices else None,
        "price_varies": len(set(prices)) > 1,
        "available": any(variant.available() for variant in variants),
        "image": images[0].image if images else None,
    }


def fulfilment_labels(product) -> list[str]:
    labels = dict(Order.FULFILMENT_CHOICES)
    return [str(labels[method]) for method in product.fulfilment_methods()]


# -- schema.org ------------------------------------------------------------------------


def plain_text(html: str) -> str:
    return " ".join(unescape_entities(strip_tags(html or "")).split())


def product_json_ld(product, request, *, variants, images, storefront_url=None) -> str:
    """schema.org Product with one Offer per option, as a JSON string safe in <script>."""
    url = request.build_absolute_uri(product.get_absolute_url())
    seller = {"@type": "Organization", "name": product.business.name}
    if storefront_url:
        seller["url"] = request.build_absolute_uri(storefront_url)
    offers = []
    for variant in variants:
        offer = {
            "@type": "Offer",
            "price": variant.price,
            "priceCurrency": "JPY",
            "priceSpecification": {
                "@type": "UnitPriceSpecification",
                "price": variant.price,
                "priceCurrency": "JPY",
                "valueAddedTaxIncluded": True,
            },
            "availability": IN_STOCK if variant.available() else OUT_OF_STOCK,
            "url": url,
            "seller": seller,
        }
        name = variant.localized_name()
        if name:
            offer["name"] = name
        if variant.sku:
            offer["sku"] = variant.sku
        offers.append(offer)
    data = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": product.localized_title(),
        "url": url,
        "offers": offers,
    }
    description = plain_text(product.localized_description())
    if description:
        data["description"] = description
    if images:
        data["image"] = [
            request.build_absolute_uri(item.image.get_rendition(PRODUCT_OG_RENDITION).url)
            for item in images
        ]
    if len(variants) == 1 and variants[0].sku:
        data["sku"] = variants[0].sku
    return to_script_json(data)
