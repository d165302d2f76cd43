"""The part every page kind shares: live, public pages in every language,
one document each, with the Japanese document listing the languages that
have their own live version (`translated_to`)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from django.utils import translation

from search.documents import SOURCE_LANGUAGE, SearchDocument

from .base import BuildContext, image_url, keyset_chunks, page_url, rendition_lookup


class PageSource:
    kind = ""
    model = None  # the specific page model
    select_related: tuple[str, ...] = ()
    prefetch_related: tuple = ()

    # -- what is indexed ---------------------------------------------------------

    def queryset(self, context: BuildContext):
        """Live, public pages of the kind, with what their documents need."""
        return (
            context.public(self.model.objects.live())
            .select_related("locale", "hero_image", *self.select_related)
            .prefetch_related(rendition_lookup("hero_image__renditions"), *self.prefetches(context))
        )

    def prefetches(self, context: BuildContext) -> list:
        return list(self.prefetch_related)

    def count(self, context: BuildContext) -> int:
        return context.public(self.model.objects.live()).count()

    def ids(self, context: BuildContext):
        """The ids `chunks` yields documents for, without building them."""
        pages = context.public(self.model.objects.live()).order_by("pk")
        for pk in pages.values_list("pk", flat=True).iterator(chunk_size=2000):
            yield f"{self.kind}-{pk}"

    def chunks(self, context: BuildContext, chunk_size: int) -> Iterator[list[SearchDocument]]:
        for pages in keyset_chunks(self.queryset(context), chunk_size):
            yield self.build(pages, context)

    def for_pks(self, pks, context: BuildContext) -> list[SearchDocument]:
        return self.build(list(self.queryset(context).filter(pk__in=pks)), context)

    def ids_for_pk(self, pk) -> list[str]:
        return [f"{self.kind}-{pk}"]

    # -- building ----------------------------------------------------------------------

    def build(self, pages, context: BuildContext) -> list[SearchDocument]:
        if not pages:
            return []
        translated = self.translations_of(pages, context)
        extra = self.lookups(pages, context)
        documents = []
        for page in pages:
            language = page.locale.language_code
            with translation.override(language):
                document = self.base_document(page, context)
                if language == SOURCE_LANGUAGE:
                    document.translated_to = translated.get(page.translation_key, [])
                self.fill(document, page, context, extra)
            documents.append(document)
        return documents

    def lookups(self, pages, context: BuildContext) -> dict:
        """What a chunk's documents need beyond their own rows (a few queries)."""
        return {}

    def fill(self, document: SearchDocument, page, context: BuildContext, extra: dict) -> None:
        """Set the kind's own fields; the active language is the document's."""

    def base_document(self, page, context: BuildContext) -> SearchDocument:
        return SearchDocument(
            id=f"{self.kind}-{page.pk}",
            kind=self.kind,
            language=page.locale.language_code,
            group=f"{self.kind}-{page.translation_key}",
            title=page.title,
            url=page_url(page, context),
            title_kana=page.name_kana,
            summary=page.summary,
            image_url=image_url(page.hero_image),
            updated_at=page.last_published_at,
        )

    def translations_of(self, pages, context: BuildContext) -> dict:
        """{translation key: [languages with a live, public version]} for the
        chunk's Japanese pages, in one query."""
        keys = {p.translation_key for p in pages if p.locale.language_code == SOURCE_LANGUAGE}
        if not keys:
            return {}
        rows = (
            context.public(self.model.objects.live())
            .filter(translation_key__in=keys)
            .exclude(locale__language_code=SOURCE_LANGUAGE)
            .values_list("translation_key", "locale__language_code")
        )
        found = defaultdict(set)
        for key, language in rows:
            found[key].add(language)
        return {key: sorted(languages) for key, languages in found.items()}

    def area(self, document: SearchDocument, area_id, context: BuildContext) -> None:
        document.area, document.area_label = context.areas.key_and_label(area_id, document.language)


def venue_pages(keys, context: BuildContext) -> dict:
    """{(translation key, language): live public page} of storefronts and
    attractions with these keys (event venues, course stops): two queries."""
    from businesses.models import BusinessPage
    from tourism.models import AttractionPage

    found = {}
    if not keys:
        return found
    for model in (BusinessPage, AttractionPage):
        pages = context.public(model.objects.live()).filter(translation_key__in=keys)
        for page in pages.select_related("locale"):
            found[(page.translation_key, page.locale.language_code)] = page
    return found


def in_language(found: dict, key, language):
    """The page of a translation key in `language`, else Japanese, else None."""
    return found.get((key, language)) or found.get((key, SOURCE_LANGUAGE))


def step_free(page) -> bool:
    """A storefront's or an attraction's step-free access."""
    return bool(getattr(page, "step_free_entrance", False) or getattr(page, "step_free", False))
