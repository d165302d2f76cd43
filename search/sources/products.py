"""Products on sale and in stock: published, of a business whose storefront
is live (and public), with an option that can be bought now
(`Product.objects.in_stock()`, the one definition of sold out).

Products are written in Japanese (title, description) and optionally
English (title_en, description_en), so each has a Japanese document and,
when it has an English title, an English one:

- the English document's title is title_en; its description is
  description_en, or the Japanese description when that is empty (the
  product page shows the same fallback); option names are name_en or name.
- a product without an English title has no English document: English
  (and every other language's) searches find its Japanese document as a
  fallback, labelled as Japanese, as for untranslated pages.

Ids are "product-<pk>-<language>", the group "product-<pk>". Shop-related
fields come from the storefront (in the document's language, else the
Japanese one): its name (a tag), category, area and map point. Card
payment is the shop profile's `accepts_card`. A sold out product (every
option tracked and at 0) has no documents: its page still says it is sold
out, but search does not send visitors to it. When stock moves across 0 the
shop sends `shop.signals.stock_changed` and the product is reindexed after
the commit (search/signals.py); stock itself is not indexed.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import Exists, OuterRef, Prefetch
from django.urls import reverse
from django.utils import translation

from businesses.models import BusinessPage
from search.documents import SOURCE_LANGUAGE, SearchDocument
from shop.models import Product, ProductImage

from .base import (
    SUMMARY_LIMIT,
    BuildContext,
    image_url,
    join_text,
    keyset_chunks,
    point,
    rendition_lookup,
    rich_text,
    truncate,
)

LANGUAGES = (SOURCE_LANGUAGE, "en")


class ProductSource:
    kind = "product"

    def storefronts(self, context: BuildContext):
        return context.public(BusinessPage.objects.live())

    def on_sale(self, context: BuildContext):
        live = self.storefronts(context).filter(business_id=OuterRef("business_id"))
        return Product.objects.published().in_stock().filter(Exists(live))

    def queryset(self, context: BuildContext):
        images = ProductImage.objects.select_related("image").prefetch_related(
            rendition_lookup("image__renditions")
        )
        return (
            self.on_sale(context)
            .select_related("business__shop")
            .prefetch_related("variants", Prefetch("images", queryset=images))
        )

    def count(self, context: BuildContext) -> int:
        products = self.on_sale(context)
        return products.count() + products.exclude(title_en="").count()

    def ids(self, context: BuildContext):
        """The ids `chunks` yields documents for, without building them."""
        rows = self.on_sale(context).order_by("pk").values_list("pk", "title_en")
        for pk, title_en in rows.iterator(chunk_size=2000):
            yield f"product-{pk}-{SOURCE_LANGUAGE}"
            if title_en:
                yield f"product-{pk}-en"

    def chunks(self, context: BuildContext, chunk_size: int) -> Iterator[list[SearchDocument]]:
        for products in keyset_chunks(self.queryset(context), chunk_size):
            yield self.build(products, context)

    def for_pks(self, pks, context: BuildContext) -> list[SearchDocument]:
        return self.build(list(self.queryset(context).filter(pk__in=pks)), context)

    def ids_for_pk(self, pk) -> list[str]:
        return [f"product-{pk}-{language}" for language in LANGUAGES]

    def build(self, products, context: BuildContext) -> list[SearchDocument]:
        if not products:
            return []
        storefronts = {}
        pages = self.storefronts(context).filter(
            business_id__in={product.business_id for product in products}
        )
        for page in pages.select_related("locale").order_by("pk"):
            storefronts.setdefault((page.business_id, page.locale.language_code), page)
            storefronts.setdefault((page.business_id, None), page)
        documents = []
        for product in products:
            languages = [SOURCE_LANGUAGE] + (["en"] if product.title_en else [])
            for language in languages:
                storefront = (
                    storefronts.get((product.business_id, language))
                    or storefronts.get((product.business_id, SOURCE_LANGUAGE))
                    or storefronts.get((product.business_id, None))
                )
                if storefront is None:
                    continue
                with translation.override(language):
                    document = self.document(product, language, storefront, context)
                if language == SOURCE_LANGUAGE:
                    document.translated_to = languages[1:]
                documents.append(document)
        return documents

    def document(self, product, language, storefront, context: BuildContext) -> SearchDocument:
        english = language != SOURCE_LANGUAGE
        description = rich_text(
            (product.description_en or product.description) if english else product.description
        )
        summary = truncate(description, SUMMARY_LIMIT)
        variants = list(product.variants.all())
        images = list(product.images.all())
        profile = getattr(product.business, "shop", None)
        category, category_label = context.categories.key_and_label(
            storefront.category_id, language
        )
        area, area_label = context.areas.key_and_label(storefront.area_id, language)
        latitude, longitude = point(storefront)
        options = [
            (variant.name_en or variant.name) if english else variant.name for variant in variants
        ]
        return SearchDocument(
            id=f"product-{product.pk}-{language}",
            kind="product",
            language=language,
            group=f"product-{product.pk}",
            title=(product.title_en or product.title) if english else product.title,
            url=reverse("shop:product", kwargs={"pk": product.pk}),
            summary=summary,
            body=join_text(description) if len(description) > len(summary) else "",
            category=category,
            category_label=category_label,
            area=area,
            area_label=area_label,
            tags=[storefront.title, *(name for name in options if name), *fulfilment(product)],
            image_url=image_url(images[0].image) if images else "",
            price=min((variant.price for variant in variants), default=None),
            latitude=latitude,
            longitude=longitude,
            barrier_free=False,  # a product is not a place
            takes_cards=bool(profile and profile.accepts_card),
            updated_at=product.updated_at,
        )


def fulfilment(product) -> list[str]:
    from shop.presenters import fulfilment_labels

    return fulfilment_labels(product)
