"""Document builders: the database as `SearchDocument`s, one module per kind.

- shops.py: live storefronts (BusinessPage), every language they exist in;
- products.py: products on sale, a Japanese and (with an English title) an English document;
- attractions.py, events.py, courses.py: live tourism pages, every language.

`iter_documents()` streams everything in chunks (pk ranges, a fixed number
of queries per chunk whatever its size); `documents_for(obj)` builds one
object's documents (none when it is not searchable: a draft, unpublished,
private, not on sale); `document_ids_for(obj)` names every id the object
can have, for deletes. Page document ids are "<kind>-<page pk>" (each
language version is its own page); products "product-<pk>-<language>".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from functools import cache

from search.documents import KINDS, SearchDocument

from .base import BuildContext

__all__ = [
    "BuildContext",
    "count_documents",
    "document_ids_for",
    "documents_for",
    "iter_chunks",
    "iter_document_ids",
    "iter_documents",
    "kind_of",
    "source",
]


@cache
def _sources() -> dict:
    from .attractions import AttractionSource
    from .courses import CourseSource
    from .events import EventSource
    from .products import ProductSource
    from .shops import ShopSource

    sources = {
        "shop": ShopSource(),
        "product": ProductSource(),
        "attraction": AttractionSource(),
        "event": EventSource(),
        "course": CourseSource(),
    }
    assert tuple(sources) == KINDS
    return sources


def source(kind: str):
    return _sources()[kind]


def page_models() -> dict:
    """{page model: kind} of the searchable page kinds."""
    return {s.model: kind for kind, s in _sources().items() if getattr(s, "model", None)}


def kind_of(obj) -> str | None:
    """The kind of a searchable object (a page of a searchable type, a product), else None."""
    from shop.models import Product

    if isinstance(obj, Product):
        return "product"
    models = page_models()
    for model in type(obj).__mro__:
        if model in models:
            return models[model]
    specific_class = getattr(obj, "specific_class", None)
    return models.get(specific_class) if specific_class else None


def iter_chunks(
    chunk_size: int = 500, kinds=None, now: dt.datetime | None = None
) -> Iterator[list[SearchDocument]]:
    """Every document, as lists built from at most `chunk_size` objects each."""
    context = BuildContext(now)
    for kind in kinds or KINDS:
        yield from source(kind).chunks(context, chunk_size)


def iter_documents(
    chunk_size: int = 500, kinds=None, now: dt.datetime | None = None
) -> Iterator[SearchDocument]:
    """Every document, streamed: memory holds one chunk at a time."""
    for documents in iter_chunks(chunk_size, kinds, now):
        yield from documents


def iter_document_ids(kinds=None, now: dt.datetime | None = None) -> Iterator[str]:
    """The ids of every document `iter_documents` yields, from a few cheap queries."""
    context = BuildContext(now)
    for kind in kinds or KINDS:
        yield from source(kind).ids(context)


def count_documents(kinds=None, now: dt.datetime | None = None) -> int:
    """How many documents `iter_documents` yields (a few count queries)."""
    context = BuildContext(now)
    return sum(source(kind).count(context) for kind in kinds or KINDS)


def documents_for(obj, now: dt.datetime | None = None) -> list[SearchDocument]:
    """The documents of one page or product now (empty when it is not searchable)."""
    kind = kind_of(obj)
    if kind is None or obj.pk is None:
        return []
    return source(kind).for_pks([obj.pk], BuildContext(now))


def document_ids_for(obj) -> list[str]:
    """Every id the object's documents can have (whether or not they exist)."""
    kind = kind_of(obj)
    if kind is None or obj.pk is None:
        return []
    return source(kind).ids_for_pk(obj.pk)
