"""Search analytics without personal data: what was asked and what was
clicked, never who asked (no user, session, IP or cookie)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from search.documents import KINDS


class SearchLog(models.Model):
    """One search as typed (normalised, capped), its language and how many
    results it had. Browsing with an empty query is not logged."""

    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    query = models.CharField(_("query"), max_length=200)
    language = models.CharField(_("language"), max_length=10)
    results = models.PositiveIntegerField(_("results"))
    filtered = models.BooleanField(_("with filters"), default=False)

    class Meta:
        verbose_name = _("search")
        verbose_name_plural = _("searches")
        indexes = [models.Index(fields=["query", "created_at"])]

    def __str__(self):
        return self.query


class SearchClick(models.Model):
    """A result opened from a search: its kind and position only."""

    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    search = models.ForeignKey(
        SearchLog, on_delete=models.SET_NULL, null=True, blank=True, related_name="clicks"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=[(k, k) for k in KINDS])
    position = models.PositiveSmallIntegerField(_("position"))

    class Meta:
        verbose_name = _("search click")
        verbose_name_plural = _("search clicks")

    def __str__(self):
        return f"{self.kind} #{self.position}"


# -- the database engine's index (search.engines.database) -----------------------
#
# One row per SearchDocument, its time ranges, its autocomplete keys and the
# Latin vocabulary typo tolerance looks in. The full-text index itself is
# vendor specific and created by migration 0003 outside the ORM: on SQLite an
# FTS5 table `search_indexentry_fts` with IndexEntry as its external content
# (rowid = fts_rowid); on PostgreSQL a generated tsvector column
# `search_vector` on search_indexentry with a GIN index.


# The columns facets filter and count, in the covering indexes below (after
# the column each index is looked up by).
COVERED_FACET_COLUMNS = (
    "language",
    "translated_to",
    "kind",
    "category",
    "area",
    "price_band",
    "barrier_free",
    "takes_cards",
    "category_label",
    "area_label",
)


class IndexEntry(models.Model):
    """A SearchDocument as the database engine stores it. The *_terms
    columns hold the analysed terms (search.analysis.index_text), space
    separated, each made safe for FTS5 (database.fts_token)."""

    id = models.CharField(primary_key=True, max_length=100)
    kind = models.CharField(max_length=20)
    language = models.CharField(max_length=10)
    group = models.CharField(max_length=100, db_index=True)
    title = models.TextField()
    url = models.TextField()
    title_kana = models.TextField(blank=True)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    category = models.CharField(max_length=100, blank=True)
    category_label = models.CharField(max_length=255, blank=True)
    area = models.CharField(max_length=100, blank=True)
    area_label = models.CharField(max_length=255, blank=True)
    image_url = models.TextField(blank=True)
    price = models.IntegerField(null=True, blank=True)
    price_band = models.CharField(max_length=20, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    # The point as a unit vector: the chord between two points grows with
    # their great-circle distance, so SQL compares and sorts exact distances
    # with arithmetic only.
    unit_x = models.FloatField(null=True, blank=True)
    unit_y = models.FloatField(null=True, blank=True)
    unit_z = models.FloatField(null=True, blank=True)
    barrier_free = models.BooleanField(default=False)
    takes_cards = models.BooleanField(default=False)
    # ",en,ko," (delimited on both sides, so LIKE '%,en,%' finds one).
    translated_to = models.CharField(max_length=100, blank=True)
    updated_at = models.DateTimeField(null=True, blank=True)
    name_terms = models.TextField(blank=True)
    text_terms = models.TextField(blank=True)
    reading_terms = models.TextField(blank=True)
    # SQLite only: this row's rowid in the FTS5 index.
    fts_rowid = models.BigIntegerField(null=True, blank=True, unique=True)

    class Meta:
        indexes = [
            # Covers a radius search's facet query: the box from latitude and
            # longitude, the exact distance from the unit vector, the rest
            # is what facets count (no row reads).
            models.Index(
                fields=[
                    "latitude",
                    "longitude",
                    "unit_x",
                    "unit_y",
                    "unit_z",
                    *COVERED_FACET_COLUMNS,
                    "id",
                ],
                name="search_entry_point_facets",
            ),
            # Covers the facet columns, title and URL of an entry found by id
            # (documents with a range in a window filtered and put in title
            # order, autocomplete names, without reading their rows).
            models.Index(
                fields=[
                    "id",
                    *COVERED_FACET_COLUMNS,
                    "title",
                    "url",
                ],
                name="search_entry_id_facets",
            ),
            # SQLite: the entries a full-text match gives (by rowid) with the
            # columns facets and the order read, without their rows.
            models.Index(
                fields=[
                    "fts_rowid",
                    *COVERED_FACET_COLUMNS,
                    "id",
                    "title",
                ],
                name="search_entry_fts_facets",
                condition=models.Q(fts_rowid__isnull=False),
            ),
            # Filters on the facet columns read from the index, rows only
            # for the entries that pass (also serves language + kind).
            models.Index(
                fields=[
                    "language",
                    "kind",
                    "category",
                    "area",
                    "price_band",
                    "barrier_free",
                    "takes_cards",
                    "category_label",
                    "area_label",
                    "id",
                    "translated_to",
                ],
                name="search_entry_facets",
            ),
        ]

    def __str__(self):
        return self.id


class IndexRange(models.Model):
    """An event occurrence or an opening interval of an entry, [start, end)."""

    OCCURRENCE = "occurrence"
    OPENING = "opening"

    document = models.ForeignKey(
        IndexEntry, on_delete=models.DO_NOTHING, related_name="ranges", db_index=False
    )
    kind = models.CharField(max_length=10)
    start = models.DateTimeField()
    end = models.DateTimeField()
    # end - start in seconds: the longest range of a kind bounds the index
    # scan for ranges overlapping a window (start > window start - longest).
    length = models.PositiveIntegerField(default=0)
    # The IndexFacetCount row of the document's combination: browsing counts
    # open and dated documents per combination from the ranges alone.
    combo = models.IntegerField(null=True, blank=True)

    class Meta:
        indexes = [
            # Covering: ranges overlapping a window are read from the index.
            models.Index(
                fields=["kind", "start", "end", "document", "combo"], name="search_range_window"
            ),
            models.Index(fields=["kind", "length"], name="search_range_kind_length"),
            models.Index(
                fields=["document", "kind", "start", "end"], name="search_range_doc_cover"
            ),
        ]

    def __str__(self):
        return f"{self.document_id} {self.kind} {self.start:%Y-%m-%d %H:%M}"


class IndexSuggestKey(models.Model):
    """A normalised key autocomplete matches by prefix: a title or its
    reading (kind "name"). Category and area labels are matched from
    IndexFacetCount's labels instead (older indexes may hold label rows:
    searches ignore them)."""

    document = models.ForeignKey(
        IndexEntry, on_delete=models.DO_NOTHING, related_name="suggest_keys"
    )
    key = models.CharField(max_length=200)
    kind = models.CharField(max_length=10)  # name | category | area
    text = models.CharField(max_length=255)  # what is shown

    class Meta:
        indexes = [
            # text_pattern_ops on PostgreSQL (LIKE 'x%' by index whatever the
            # collation); a plain index elsewhere (range query).
            # Covering (SQLite reads no key row for the thousands of keys a
            # short prefix can match).
            models.Index(
                fields=["key", "kind", "text", "document"],
                name="search_suggest_key_cover",
                opclasses=["text_pattern_ops", "text_ops", "text_ops", "text_ops"],
            ),
        ]

    def __str__(self):
        return self.key


class IndexTerm(models.Model):
    """A Latin term of the index, for typo tolerance: candidates share the
    first letter and a close length. Filled at index time, emptied on rebuild
    (a deleted document may leave its terms: they only expand to nothing)."""

    term = models.CharField(primary_key=True, max_length=100)
    first = models.CharField(max_length=1)
    length = models.PositiveSmallIntegerField()

    class Meta:
        indexes = [models.Index(fields=["first", "length"], name="search_term_first_len")]

    def __str__(self):
        return self.term


# The IndexEntry columns an IndexFacetCount row is keyed by.
FACET_KEY = (
    "language",
    "translated_to",
    "kind",
    "category",
    "category_label",
    "area",
    "area_label",
    "price_band",
    "barrier_free",
    "takes_cards",
)


class IndexFacetCount(models.Model):
    """How many entries share each combination of the values facets count
    (kept up to date as entries are written and removed; a row stays at 0
    so its id, which ranges refer to, is stable until a rebuild). Browsing
    without text or radius counts facets over these few rows, not every
    entry."""

    language = models.CharField(max_length=10)
    translated_to = models.CharField(max_length=100)
    kind = models.CharField(max_length=20)
    category = models.CharField(max_length=100)
    category_label = models.CharField(max_length=255)
    area = models.CharField(max_length=100)
    area_label = models.CharField(max_length=255)
    price_band = models.CharField(max_length=20)
    barrier_free = models.BooleanField()
    takes_cards = models.BooleanField()
    count = models.IntegerField()

    KEY = FACET_KEY

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=list(FACET_KEY), name="search_facetcount_key")
        ]

    def __str__(self):
        return f"{self.language} {self.kind} {self.category} {self.area}: {self.count}"
