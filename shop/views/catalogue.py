"""The public product page."""

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation

from .. import presenters, stripe_api
from ..checkout_forms import AddToCartForm
from ..models import OrderGroup


def product_detail(request, pk):
    """A published product of a live storefront, in the page's language."""
    product = presenters.product_on_sale(pk)
    if product is None:
        raise Http404
    language = translation.get_language()
    variants = list(product.variants.all())
    images = list(product.images.all())
    storefront = presenters.storefront_page(product.business_id, language)
    storefront_url = storefront.get_url(request) if storefront else None
    for variant in variants:
        variant.availability = presenters.availability_label(variant)
        variant.is_available = variant.available()
    available = [variant for variant in variants if variant.is_available]
    english = language != "ja"
    profile = getattr(product.business, "shop", None)
    payment_labels = dict(OrderGroup.PAYMENT_CHOICES)
    context = {
        "product": product,
        "title": product.localized_title(),
        "title_fallback": english and not product.title_en,
        "description": product.localized_description(),
        "description_fallback": english
        and bool(product.description)
        and not product.description_en,
        "variants": variants,
        "has_options": len(variants) > 1 or any(variant.name for variant in variants),
        "available_variants": available,
        "images": images,
        "fulfilment": presenters.fulfilment_labels(product),
        "ships": product.ships,
        "profile": profile,
        "payment_methods": [
            payment_labels[method]
            for method in (profile.payment_methods() if profile else [])
            if method != OrderGroup.CARD or stripe_api.card_payments_enabled()
        ],
        "storefront": storefront,
        "storefront_url": storefront_url,
        "legal_url": reverse("shop:legal", kwargs={"business_id": product.business_id}),
        "json_ld": presenters.product_json_ld(
            product, request, variants=variants, images=images, storefront_url=storefront_url
        ),
        "meta_description": presenters.plain_text(product.localized_description())[:160],
        "canonical_url": request.build_absolute_uri(product.get_absolute_url()),
        "form": AddToCartForm(
            initial={"variant": available[0].pk if available else None, "quantity": 1}
        ),
        "og_image": images[0].image if images else None,
        # Products are written in Japanese and English only: the other
        # languages show the English text, so they are not hreflang alternates.
        "hreflang_languages": ["ja", "en"],
    }
    return render(request, "shop/product.html", context)
