"""The database engine's full-text index, which the ORM cannot describe:

- SQLite: an FTS5 table over IndexEntry (external content, rowid =
  fts_rowid). The terms are analysed in Python and made FTS5-safe
  (search.engines.database.fts_token), so the unicode61 tokenizer, with
  diacritics kept and "_" as a token character, keeps every term whole.
- PostgreSQL: a stored generated tsvector column built from the term columns
  without any text-search parser (each term is a lexeme as is; name terms
  weight A from position 1, reading B from 4001, text C from 8001, so a phrase
  never runs across two fields), and a GIN index on it.
"""

from django.db import migrations

SQLITE_CREATE = [
    """
    CREATE VIRTUAL TABLE search_indexentry_fts USING fts5(
        name_terms, text_terms, reading_terms,
        content='search_indexentry', content_rowid='fts_rowid',
        tokenize="unicode61 remove_diacritics 0 tokenchars '_'"
    )
    """,
]
SQLITE_DROP = ["DROP TABLE IF EXISTS search_indexentry_fts"]

POSTGRES_CREATE = [
    r"""
    CREATE OR REPLACE FUNCTION search_index_tsvector(name text, reading text, body text)
    RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT coalesce(string_agg(
            '''' || replace(replace(t, '\', '\\'), '''', '''''') || ''':' || least(p, 16383) || w,
            ' '), '')::tsvector
        FROM (
            SELECT t, n AS p, 'A' AS w FROM unnest(string_to_array(name, ' ')) WITH ORDINALITY AS u(t, n)
            UNION ALL
            SELECT t, 4000 + n, 'B' FROM unnest(string_to_array(reading, ' ')) WITH ORDINALITY AS u(t, n)
            UNION ALL
            SELECT t, 8000 + n, 'C' FROM unnest(string_to_array(body, ' ')) WITH ORDINALITY AS u(t, n)
        ) AS s
        WHERE t <> ''
    $$
    """,
    """
    ALTER TABLE search_indexentry ADD COLUMN search_vector tsvector
    GENERATED ALWAYS AS (search_index_tsvector(name_terms, reading_terms, text_terms)) STORED
    """,
    "CREATE INDEX search_entry_vector ON search_indexentry USING gin (search_vector)",
]
POSTGRES_DROP = [
    "DROP INDEX IF EXISTS search_entry_vector",
    "ALTER TABLE search_indexentry DROP COLUMN IF EXISTS search_vector",
    "DROP FUNCTION IF EXISTS search_index_tsvector(text, text, text)",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        statements = statements_by_vendor.get(schema_editor.connection.vendor, [])
        with schema_editor.connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0002_index_tables")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_CREATE, "postgresql": POSTGRES_CREATE}),
            _run({"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}),
        )
    ]
