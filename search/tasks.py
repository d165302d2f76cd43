"""Keeping the index up to date: a background task per committed change.

Signal handlers (search/signals.py) describe what changed as references,
small JSON-able pairs, and enqueue `update_documents` once per transaction,
after it commits:

- ["shop" | "attraction" | "event" | "course" | "product", pk]: that
  page's or product's documents, rebuilt from the database as it is when
  the task runs (indexed when searchable, deleted otherwise), with what
  depends on them: a storefront's products, an attraction's or
  storefront's events (venue) and courses (stop), the Japanese version of a
  translated page (its `translated_to`);
- ["business", id]: the business's products (its storefront changed);
- ["area" | "category", translation key]: everything labelled with it;
- ["subtree", page pk]: the searchable pages under a page (moved, slug
  changed, view restriction changed: their URLs or visibility changed).

Errors are logged and re-raised for the task backend to record: indexing
never breaks an editor's save, and `manage.py rebuild_search_index --check`
reports (and a rebuild fixes) whatever drift a failure left.
"""

from __future__ import annotations

import logging
from collections import defaultdict

from django_tasks import task

from search import sources
from search.documents import KINDS, SOURCE_LANGUAGE
from search.engines import get_engine
from search.sources.base import BuildContext, batched

logger = logging.getLogger("search.indexing")

BATCH = 500
PAGE_KINDS = ("shop", "attraction", "event", "course")


@task()
def update_documents(references: list) -> dict:
    """Reindex or delete what the references name; returns counts."""
    try:
        return sync(references)
    except Exception:
        logger.exception(
            "Search indexing failed for %s; `manage.py rebuild_search_index` repairs the index",
            _describe(references),
        )
        raise


def sync(references, engine=None) -> dict:
    """Do the work of `update_documents` in this process."""
    engine = engine or get_engine()
    context = BuildContext()
    wanted = expand(references)
    indexed = deleted = 0
    for kind in KINDS:
        source = sources.source(kind)
        for pks in batched(sorted(wanted.get(kind, ())), BATCH):
            documents = source.for_pks(pks, context)
            present = {document.id for document in documents}
            gone = [i for pk in pks for i in source.ids_for_pk(pk) if i not in present]
            if gone:
                engine.delete(gone)
                deleted += len(gone)
            if documents:
                indexed += engine.index(documents)
    return {"indexed": indexed, "deleted": deleted}


def expand(references) -> dict[str, set[int]]:
    """{kind: pks} of everything the references name, dependents included.

    Pages that are gone keep their own pk (their documents are deleted);
    the dependents of a deleted page are named by the signal handler while
    the page still exists (pre_delete)."""
    from businesses.models import BusinessPage
    from shop.models import Product
    from tourism.models import EventPage, ModelCoursePage

    wanted: dict[str, set[int]] = defaultdict(set)
    businesses, venues, groups, subtrees = set(), set(), defaultdict(set), set()
    areas, categories = set(), set()
    for kind, value in references:
        if kind in KINDS:
            wanted[kind].add(int(value))
        elif kind == "business":
            businesses.add(int(value))
        elif kind == "area":
            areas.add(str(value))
        elif kind == "category":
            categories.add(str(value))
        elif kind == "subtree":
            subtrees.add(int(value))
        else:
            logger.warning("Unknown search reference %r", [kind, value])

    if subtrees:
        from wagtail.models import Page

        paths = list(Page.objects.filter(pk__in=subtrees).values_list("path", flat=True))
        for kind in PAGE_KINDS:
            model = sources.source(kind).model
            for path in paths:
                wanted[kind].update(
                    model.objects.filter(path__startswith=path).values_list("pk", flat=True)
                )
    if categories:
        shops = BusinessPage.objects.filter(category__translation_key__in=categories)
        wanted["shop"].update(shops.values_list("pk", flat=True))
        businesses.update(shops.values_list("business_id", flat=True))
    if areas:
        for kind in PAGE_KINDS:
            if kind == "shop":
                continue
            model = sources.source(kind).model
            wanted[kind].update(
                model.objects.filter(area__translation_key__in=areas).values_list("pk", flat=True)
            )
        shops = BusinessPage.objects.filter(area__translation_key__in=areas)
        wanted["shop"].update(shops.values_list("pk", flat=True))
        businesses.update(shops.values_list("business_id", flat=True))

    # Dependents of the pages named so far.
    for kind in PAGE_KINDS:
        pks = wanted.get(kind)
        if not pks:
            continue
        model = sources.source(kind).model
        rows = model.objects.filter(pk__in=pks).values_list(
            "translation_key", "locale__language_code"
        )
        for key, language in rows:
            if language != SOURCE_LANGUAGE:
                groups[kind].add(key)  # the Japanese version's translated_to
            if kind in ("shop", "attraction"):
                venues.add(key)
        if kind == "shop":
            businesses.update(
                BusinessPage.objects.filter(pk__in=pks).values_list("business_id", flat=True)
            )
    for kind, keys in groups.items():
        model = sources.source(kind).model
        wanted[kind].update(
            model.objects.filter(
                translation_key__in=keys, locale__language_code=SOURCE_LANGUAGE
            ).values_list("pk", flat=True)
        )
    if venues:
        wanted["event"].update(
            EventPage.objects.filter(venue_page__translation_key__in=venues).values_list(
                "pk", flat=True
            )
        )
        wanted["course"].update(
            ModelCoursePage.objects.filter(stops__stop__translation_key__in=venues).values_list(
                "pk", flat=True
            )
        )
    if businesses:
        wanted["product"].update(
            Product.objects.filter(business_id__in=businesses).values_list("pk", flat=True)
        )
    return wanted


def _describe(references, limit=10) -> str:
    shown = ", ".join(f"{kind}:{value}" for kind, value in list(references)[:limit])
    more = len(references) - limit
    return shown + (f" and {more} more" if more > 0 else "")
