"""What changes the index: publishing, unpublishing, moving and deleting
pages; products, their options and pictures; stock selling out or coming
back (the shop's `stock_changed` signal); shop profiles; category and
area renames; view restrictions.

Handlers only note references (see search/tasks.py) — no queries, except
before a page is deleted, when its dependents must be named while they still
point at it. The references of one transaction are enqueued as one
`update_documents` task after it commits (machikado.after_commit), so a
rolled back save indexes nothing and an editor's publish never waits on, or
fails because of, the search engine: failures are logged, and a rebuild
repairs the drift.

`paused()` turns indexing off in this thread (bulk loads such as the demo,
which rebuild the index once at the end).
"""

from __future__ import annotations

import logging

from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from machikado.after_commit import AfterCommit

logger = logging.getLogger("search.indexing")


def _enqueue(references) -> None:
    from search.tasks import update_documents

    update_documents.enqueue(references)


#: This thread's pending references, enqueued as one task after commit.
indexing = AfterCommit("search indexing", _enqueue, logger)
#: No indexing from this thread's changes inside the block.
paused = indexing.paused
is_paused = indexing.is_paused
#: Index these references once the current transaction commits (at once
#: outside a transaction).
schedule = indexing.schedule


# -- handlers ------------------------------------------------------------------------


def _page_kind(sender, instance):
    from search.sources import kind_of

    return kind_of(instance)


def page_changed(sender, instance, **kwargs):
    """Published or unpublished: the page (and, in the task, its dependents)."""
    kind = _page_kind(sender, instance)
    if kind is not None:
        schedule([kind, instance.pk])


def page_deleted(sender, instance, **kwargs):
    """Before a searchable page goes: it, and what points at it now."""
    from search.sources import source
    from search.tasks import PAGE_KINDS

    kind = _page_kind(sender, instance)
    if kind is None:
        return
    references = [[kind, instance.pk]]
    # Dependents found now: after the delete, events lose their venue and
    # courses their stop.
    from tourism.models import EventPage, ModelCoursePage

    key = instance.translation_key
    if kind in ("shop", "attraction"):
        references += [
            ["event", pk]
            for pk in EventPage.objects.filter(venue_page__translation_key=key).values_list(
                "pk", flat=True
            )
        ]
        references += [
            ["course", pk]
            for pk in ModelCoursePage.objects.filter(stops__stop__translation_key=key)
            .values_list("pk", flat=True)
            .distinct()
        ]
    if kind == "shop":
        references.append(["business", instance.business_id])
    if kind in PAGE_KINDS and instance.locale.language_code != "ja":
        model = source(kind).model
        references += [
            [kind, pk]
            for pk in model.objects.filter(
                translation_key=key, locale__language_code="ja"
            ).values_list("pk", flat=True)
        ]
    schedule(*references)


def subtree_changed(sender, instance, **kwargs):
    """Moved or renamed (slug): the URLs of the page and everything under it."""
    schedule(["subtree", instance.pk])


def restriction_changed(sender, instance, **kwargs):
    if instance.page_id:
        schedule(["subtree", instance.page_id])


def product_changed(sender, instance, **kwargs):
    schedule(["product", instance.pk])


def product_part_changed(sender, instance, **kwargs):
    if instance.product_id:
        schedule(["product", instance.product_id])


def stock_changed(sender, product_ids, **kwargs):
    """Checkout, release, expiry, refunds: an option sold out or came back."""
    schedule(*(["product", pk] for pk in sorted(product_ids)))


def shop_profile_changed(sender, instance, **kwargs):
    schedule(["business", instance.business_id])


def area_changed(sender, instance, **kwargs):
    schedule(["area", str(instance.translation_key)])


def category_changed(sender, instance, **kwargs):
    schedule(["category", str(instance.translation_key)])


def connect() -> None:
    """Called from SearchConfig.ready()."""
    from wagtail.models import PageViewRestriction

    from businesses.models import BusinessCategory
    from search.sources import page_models
    from shop.models import Product, ProductImage, ShopProfile, Variant
    from shop.signals import stock_changed as shop_stock_changed
    from tourism.models import Area

    uid = "search-index"
    page_published.connect(page_changed, dispatch_uid=f"{uid}-published")
    page_unpublished.connect(page_changed, dispatch_uid=f"{uid}-unpublished")
    post_page_move.connect(subtree_changed, dispatch_uid=f"{uid}-moved")
    page_slug_changed.connect(subtree_changed, dispatch_uid=f"{uid}-slug")
    shop_stock_changed.connect(stock_changed, dispatch_uid=f"{uid}-stock")
    for model in page_models():
        pre_delete.connect(
            page_deleted, sender=model, dispatch_uid=f"{uid}-delete-{model.__name__}"
        )
    for signal in (post_save, post_delete):
        name = signal is post_save and "save" or "delete"
        signal.connect(
            restriction_changed, sender=PageViewRestriction, dispatch_uid=f"{uid}-pvr-{name}"
        )
        signal.connect(product_changed, sender=Product, dispatch_uid=f"{uid}-product-{name}")
        for part in (Variant, ProductImage):
            signal.connect(
                product_part_changed, sender=part, dispatch_uid=f"{uid}-{part.__name__}-{name}"
            )
        signal.connect(
            shop_profile_changed, sender=ShopProfile, dispatch_uid=f"{uid}-profile-{name}"
        )
        signal.connect(area_changed, sender=Area, dispatch_uid=f"{uid}-area-{name}")
        signal.connect(category_changed, sender=BusinessCategory, dispatch_uid=f"{uid}-cat-{name}")
